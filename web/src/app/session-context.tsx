import { createContext, useContext } from 'react';
import type { Session } from '../api/session';

/** The logged-in person and the domain (purchasing area) the screens show. */
export interface SessionState {
  readonly session: Session;
  readonly domain: string;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The session; screens are only rendered inside one. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === null) {
    throw new Error('useSession outside a session');
  }
  return state;
}

/** Roles that act for the municipality. */
export const MUNICIPAL_STAFF = ['caseworker', 'centre_head', 'director', 'mayor'];
/** Roles that sign agreements. */
export const SIGNING_ROLES = ['centre_head', 'director', 'mayor', 'provider_staff', 'consultant'];
/** Roles of a provider's people. */
export const PROVIDER_ROLES = ['provider_staff', 'consultant'];
