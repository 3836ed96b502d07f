import { currentCsrfToken } from './client';
import { forgetMinBlocks } from './min-block';

/** Who is logged in, as `GET /auth/session` answers. */
export interface Session {
  readonly person: {
    readonly name: string;
    readonly displayName: string;
    readonly role: string;
    readonly organisation: string;
    /** The organisation's name as people know it. */
    readonly organisationName?: string;
    readonly mspId: string;
  };
  readonly csrfToken: string;
  readonly domains: readonly string[];
}

/**
 * The session could not be read, but may still exist: e.g. `503 IDENTITY_PROVIDER_UNAVAILABLE` while the gateway
 * cannot refresh its tokens (the session is kept; a later request tries again).
 */
export class SessionUnavailable extends Error {
  readonly code: string | undefined;

  constructor(code: string | undefined) {
    super(`session unavailable: ${code ?? 'no code'}`);
    this.name = 'SessionUnavailable';
    this.code = code;
  }
}

async function problemCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

/** The session, or `null` when nobody is logged in (401). */
export async function fetchSession(): Promise<Session | null> {
  const response = await fetch('/auth/session', { credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401) {
    return null;
  }
  if (!response.ok) {
    throw new SessionUnavailable(await problemCode(response));
  }
  return (await response.json()) as Session;
}

/** Where login starts; the gateway brings the person back to `returnTo`. */
export function loginUrl(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Ends the session at the gateway. */
export async function logout(): Promise<void> {
  forgetMinBlocks();
  await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': currentCsrfToken() ?? '' },
  });
}
