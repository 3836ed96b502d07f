import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** The person a browser session belongs to, as `GET /auth/session` shows them. */
export interface SessionPerson {
  /** Login name: the token's username claim and the enrolment id at the organisation's CA. */
  readonly name: string;
  readonly displayName: string;
  readonly role: string;
  /** Organisation key (network/topology.json). */
  readonly organisation: string;
  /** The organisation's name as people know it. */
  readonly organisationName: string;
  readonly mspId: string;
}

/** The tokens the identity provider gave the gateway for a session; never sent to the browser. */
export interface SessionTokens {
  readonly accessToken: string;
  /** Milliseconds since the epoch. */
  readonly accessTokenExpiresAt: number;
  readonly refreshToken: string | undefined;
  /** For the identity provider's logout (`id_token_hint`). */
  readonly idToken: string | undefined;
}

/**
 * One browser session, held in the gateway's memory only. Printing it (a log call, `console.log`, an error's
 * context) shows no token: `toJSON` and `inspect` hide everything but that it is a session.
 */
export class WebSession {
  readonly person: SessionPerson;
  /** Sent by the page in `X-CSRF-Token` with every write made with the session cookie. */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
  tokens: SessionTokens;
  /** The token refresh under way, so that parallel requests share one. */
  refreshing: Promise<void> | undefined;

  constructor(person: SessionPerson, tokens: SessionTokens, now: number) {
    this.person = person;
    this.tokens = tokens;
    this.csrfToken = randomBytes(32).toString('base64url');
    this.createdAt = now;
    this.lastSeenAt = now;
  }

  toJSON(): string {
    return '[session]';
  }

  [inspect.custom](): string {
    return '[session]';
  }
}

/** What a {@link SessionStore} is built from. */
export interface SessionStoreOptions {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** A session ends this long after it began, used or not. */
  readonly absoluteMs: number;
  /** Sessions held at once; a new one beyond it ends the least recently used. */
  readonly maxSessions: number;
  readonly now?: () => number;
}

/**
 * The gateway's browser sessions, in memory (a restart logs everyone out; several instances of one organisation
 * need sticky routing). The cookie carries a random 256-bit id; the store keys sessions by its SHA-256, so the
 * ids themselves are kept nowhere.
 */
export class SessionStore {
  readonly #sessions = new Map<string, WebSession>();
  readonly #options: SessionStoreOptions;
  readonly #now: () => number;

  constructor(options: Readonly<SessionStoreOptions>) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** A new session; returns the id for the cookie. */
  create(
    person: SessionPerson,
    tokens: SessionTokens,
  ): { readonly id: string; readonly session: WebSession } {
    while (this.#sessions.size >= this.#options.maxSessions) {
      // Map order is insertion order and `get` re-inserts: the first entry is the least recently used.
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.#sessions.delete(oldest);
    }
    const id = randomBytes(32).toString('base64url');
    const session = new WebSession(person, tokens, this.#now());
    this.#sessions.set(keyOf(id), session);
    return { id, session };
  }

  /** The live session with this id, marked as used now; `undefined` (and forgotten) when it has expired. */
  get(id: string): WebSession | undefined {
    const key = keyOf(id);
    const session = this.#sessions.get(key);
    if (session === undefined) {
      return undefined;
    }
    const now = this.#now();
    this.#sessions.delete(key);
    if (this.#expired(session, now)) {
      return undefined;
    }
    session.lastSeenAt = now;
    this.#sessions.set(key, session);
    return session;
  }

  /** Ends the session with this id, if there is one. */
  delete(id: string): void {
    this.#sessions.delete(keyOf(id));
  }

  /** Forgets every expired session; returns how many. */
  sweep(): number {
    const now = this.#now();
    let removed = 0;
    for (const [key, session] of this.#sessions) {
      if (this.#expired(session, now)) {
        this.#sessions.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  /** How long a session lasts at most. */
  get absoluteMs(): number {
    return this.#options.absoluteMs;
  }

  get size(): number {
    return this.#sessions.size;
  }

  #expired(session: WebSession, now: number): boolean {
    return (
      now - session.lastSeenAt >= this.#options.idleMs || now - session.createdAt >= this.#options.absoluteMs
    );
  }
}

function keyOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
