import { Refusal } from './errors';
import { requireCertId } from './ids';

/** The two sides of every agreement. */
export type Side = 'municipality' | 'provider';

/**
 * The municipality's case-handling staff: they draft, accept reports and handle a child's personal data. (The name is
 * kept from before the mayor joined: every check that uses it is about handling cases.)
 */
export const MUNICIPAL_ROLES = ['caseworker', 'centre_head', 'director'] as const;
/**
 * The mayor (borgmester) signs for the municipality when its delegation rule says so — typically above an amount —
 * but handles no case: she never drafts, accepts reports or reads or writes a child's personal data, which the
 * signature does not need (data minimisation, GDPR art. 5(1)(c)).
 */
export const MAYOR_ROLE = 'mayor';
/** Every role the municipality's Fabric CA issues to staff. */
export const MUNICIPAL_STAFF_ROLES = [...MUNICIPAL_ROLES, MAYOR_ROLE] as const;
/** Roles a provider's Fabric CA issues. */
export const PROVIDER_ROLES = ['provider_staff', 'consultant'] as const;

export type MunicipalRole = (typeof MUNICIPAL_STAFF_ROLES)[number];
export type ProviderRole = (typeof PROVIDER_ROLES)[number];
export type Role = MunicipalRole | ProviderRole;

/**
 * The organisation's own system identity (its gateway's): runs scheduled transactions and queries for its
 * organisation, never signs, never drafts, never touches personal data. A client certificate, not an admin.
 */
export const SERVICE_ROLE = 'service';
/** A child's guardian, bound by the municipality to one child: may read that child's access log and nothing else. */
export const GUARDIAN_ROLE = 'guardian';
/** The municipality's auditor: reads audit trails (pseudonym lookups), changes nothing. */
export const AUDITOR_ROLE = 'auditor';

/** Municipal roles a delegation rule may name; which of them sign, and from which amount, is the municipality's rule. */
export const MUNICIPAL_SIGNING_ROLES = MUNICIPAL_STAFF_ROLES;
export type MunicipalSigningRole = MunicipalRole;

/** Whoever submits a transaction, as the contract layer read it from the client certificate. */
export interface Actor {
  /** Stable, name-free certificate id (e.g. `sha256:<hex>`). */
  readonly certId: string;
  readonly mspId: string;
  readonly role: Role;
}

/** The organisations of an agreement. */
export interface Parties {
  readonly municipalityMspId: string;
  readonly providerMspId: string;
}

/** Whether a value is one of the known roles. */
export function isRole(value: unknown): value is Role {
  return (
    typeof value === 'string' &&
    ((MUNICIPAL_STAFF_ROLES as readonly string[]).includes(value) ||
      (PROVIDER_ROLES as readonly string[]).includes(value))
  );
}

/**
 * The role from a certificate's `role` attribute.
 * @throws Refusal `WRONG_ROLE` if the attribute is missing or not a known role.
 */
export function parseRole(value: string | null | undefined): Role {
  if (!isRole(value)) {
    throw new Refusal('WRONG_ROLE', 'the certificate carries no known role attribute');
  }
  return value;
}

/** Roles that belong to a side. */
export function rolesOfSide(side: Side): readonly Role[] {
  return side === 'municipality' ? MUNICIPAL_STAFF_ROLES : PROVIDER_ROLES;
}

/**
 * The side an actor acts for in an agreement, checking both organisation and role.
 * @throws Refusal `FORBIDDEN` if the actor's organisation is not a party; `WRONG_ROLE` if the role does not
 * belong to that side (e.g. a provider role in the municipality's organisation); `INVALID_ID` for a bad certId.
 */
export function sideOf(parties: Parties, actor: Actor): Side {
  requireCertId(actor.certId, 'certId');
  const side =
    actor.mspId === parties.municipalityMspId
      ? 'municipality'
      : actor.mspId === parties.providerMspId
        ? 'provider'
        : undefined;
  if (side === undefined) {
    throw new Refusal('FORBIDDEN', 'the caller’s organisation is not a party to the agreement', {
      reason: 'not_a_party',
    });
  }
  if (!rolesOfSide(side).includes(actor.role)) {
    throw new Refusal('WRONG_ROLE', `role ${actor.role} does not act for the ${side}`, {
      role: actor.role,
      side,
    });
  }
  return side;
}

/**
 * Checks that the actor acts for `side` with one of `roles`.
 * @throws Refusal `FORBIDDEN` if the actor is not that side's organisation; `WRONG_ROLE` if the role is not
 * among `roles`.
 */
export function requireActorOn(parties: Parties, actor: Actor, side: Side, roles: readonly Role[]): void {
  const actual = sideOf(parties, actor);
  if (actual !== side) {
    throw new Refusal('FORBIDDEN', `only the ${side} may do this`, { reason: 'wrong_side', side });
  }
  if (!roles.includes(actor.role)) {
    throw new Refusal('WRONG_ROLE', `role ${actor.role} may not do this`, {
      role: actor.role,
      allowedRoles: [...roles],
    });
  }
}
