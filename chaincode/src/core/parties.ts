import {
  MUNICIPAL_STAFF_ROLES,
  PROVIDER_ROLES,
  Refusal,
  type Caller,
  type Role,
  type Side,
} from '@fabric-agreements/api';
export {
  MUNICIPAL_ROLES,
  PROVIDER_ROLES,
  MUNICIPAL_SIGNING_ROLES,
  type Side,
  type Role,
  type MunicipalSigningRole,
} from '@fabric-agreements/api';
import { requireCertId } from './ids';

/**
 * The organisation's own system identity (its gateway's): runs scheduled transactions and queries for its
 * organisation, never signs, never drafts, never touches personal data. A client certificate, not an admin.
 */
export const SERVICE_ROLE = 'service';
/** A child's guardian, bound by the municipality to one child: may read that child's access log and nothing else. */
export const GUARDIAN_ROLE = 'guardian';
/** The municipality's auditor: reads audit trails (pseudonym lookups), changes nothing. */
export const AUDITOR_ROLE = 'auditor';

/**
 * Whoever submits a transaction, as the rules see them: the {@link Caller} the contract layer read from the client
 * certificate, its `role` checked against the known roles (`parseRole`) and nothing the rules do not use.
 */
export type Actor = Pick<Caller, 'certId' | 'mspId'> & {
  readonly role: Role;
  /** The certificate's subject CN (absent when the certificate has none): recorded on signatures. */
  readonly enrollmentId?: string;
};

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
