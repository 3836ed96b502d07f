import type { Agreement } from './agreement-model';
import { Refusal, type Caller } from '@fabric-agreements/api';
import { parseRole, rolesOfSide, SERVICE_ROLE, sideOf, type Actor, type Parties, type Side } from './parties';
import type { Organisation } from './registry';
import { invalid } from './validation';

/**
 * Who may call what, beyond the rules each operation checks itself (which side signs, which role drafts). Every
 * check takes the registry entries the contract loaded; no MSP id is known to the code.
 */

/** Which agreements a caller may list: all (`{}`) or one provider's. */
export interface ListingScope {
  readonly providerMspId?: string;
}

/**
 * The caller as an actor of the core: certificate id, MSP and the CA's role attribute.
 * @throws Refusal `WRONG_ROLE` if the certificate carries no known role.
 */
export function actorOf(caller: Caller): Actor {
  return {
    certId: caller.certId,
    mspId: caller.mspId,
    role: parseRole(caller.role),
    ...enrollmentOf(caller),
  };
}

/**
 * The enrolment id to record with what a person did, if the certificate names one. It is the subject CN of the
 * creator certificate that every block already carries, so recording it exposes nothing new (docs/chaincode.md).
 */
export function enrollmentOf(caller: Pick<Caller, 'enrollmentId'>): { readonly enrollmentId?: string } {
  return caller.enrollmentId === '' ? {} : { enrollmentId: caller.enrollmentId };
}

/**
 * @throws Refusal `FORBIDDEN` unless the caller is an administrator of its organisation.
 */
export function requireAdmin(caller: Caller): void {
  if (!caller.isAdmin) {
    throw new Refusal('FORBIDDEN', 'only an organisation administrator may do this', {
      reason: 'not_an_admin',
    });
  }
}

/**
 * The registered municipality.
 * @throws Refusal `PRECONDITION_FAILED` if none is registered yet.
 */
export function requireMunicipality(municipality: Organisation | undefined): Organisation {
  if (municipality === undefined) {
    throw new Refusal('PRECONDITION_FAILED', 'no municipality is registered on this channel', {
      reason: 'no_municipality',
    });
  }
  return municipality;
}

/**
 * The caller's organisation, which must be registered.
 * @throws Refusal `FORBIDDEN` if the caller's MSP is not in the registry.
 */
function requireRegisteredCaller(organisation: Organisation | undefined): Organisation {
  if (organisation === undefined) {
    throw new Refusal('FORBIDDEN', 'the caller’s organisation is not registered on this channel', {
      reason: 'not_registered',
    });
  }
  return organisation;
}

/**
 * @throws Refusal `FORBIDDEN` unless the caller belongs to the municipality.
 */
export function requireOfMunicipality(caller: Caller, municipality: Organisation, reason: string): void {
  if (caller.mspId !== municipality.mspId) {
    throw new Refusal('FORBIDDEN', reason, { reason: 'not_the_municipality' });
  }
}

/**
 * The municipality, when the caller belongs to it with one of `roles` (or, if `allowAdmin`, is its administrator).
 * @throws Refusal `PRECONDITION_FAILED` if no municipality is registered; `FORBIDDEN` if the caller belongs to
 * another organisation; `WRONG_ROLE` if the caller's role is not among `roles`.
 */
export function requireMunicipalCaller(
  registered: Organisation | undefined,
  caller: Caller,
  roles: readonly string[],
  allowAdmin = false,
): Organisation {
  const municipality = requireMunicipality(registered);
  requireOfMunicipality(caller, municipality, 'only the municipality may do this');
  if (!(allowAdmin && caller.isAdmin) && (caller.role === null || !roles.includes(caller.role))) {
    throw new Refusal('WRONG_ROLE', 'the caller’s role may not do this', { allowedRoles: [...roles] });
  }
  return municipality;
}

/**
 * Whether the caller is its organisation's system identity: a client certificate with role `service` (what the
 * gateway runs scheduled transactions and queries as), or an organisation administrator without a role (an
 * operator at the command line). Either acts for its organisation, never as a person who signs.
 */
function isServiceIdentity(caller: Caller): boolean {
  return caller.role === SERVICE_ROLE || (caller.isAdmin && caller.role === null);
}

/**
 * The side the caller belongs to: staff of a party with a role of that side, or a service identity of a party
 * (see {@link isServiceIdentity}).
 * @throws Refusal `FORBIDDEN` if the caller's organisation is not a party; `WRONG_ROLE` if a non-admin caller
 * has no role of its side.
 */
export function requirePartyMember(agreement: Agreement, caller: Caller): Side {
  if (isServiceIdentity(caller)) {
    const side = sideOfMsp(agreement, caller.mspId);
    if (side !== undefined) {
      return side;
    }
  }
  return sideOf(agreement, actorOf(caller));
}

function sideOfMsp(agreement: Agreement, mspId: string): Side | undefined {
  return mspId === agreement.municipalityMspId
    ? 'municipality'
    : mspId === agreement.providerMspId
      ? 'provider'
      : undefined;
}

/**
 * Which agreements a caller may list: every agreement for the municipality, its own for a provider.
 * @throws Refusal `FORBIDDEN` if the caller's organisation (`organisation`, as registered) is not registered;
 * `WRONG_ROLE` if a non-admin caller has no role of its organisation's side.
 */
export function listingScope(organisation: Organisation | undefined, caller: Caller): ListingScope {
  const side: Side =
    requireRegisteredCaller(organisation).kind === 'municipality' ? 'municipality' : 'provider';
  if (!isServiceIdentity(caller) && !rolesOfSide(side).includes(actorOf(caller).role)) {
    throw new Refusal('WRONG_ROLE', 'the caller’s role does not act for its organisation', { side });
  }
  return side === 'municipality' ? {} : { providerMspId: caller.mspId };
}

/**
 * @throws Refusal `FORBIDDEN` if a provider asks for another provider's agreements.
 */
export function requireWithinScope(scope: ListingScope, providerMspId: string): void {
  if (scope.providerMspId !== undefined && scope.providerMspId !== providerMspId) {
    throw new Refusal('FORBIDDEN', 'a provider lists only its own agreements', {
      reason: 'not_a_party',
    });
  }
}

/**
 * A registered provider (`registered` as the registry holds the MSP).
 * @throws Refusal `VALIDATION_FAILED` (field `providerMspId`) if the MSP is not a registered provider.
 */
export function requireProvider(registered: Organisation | undefined): Organisation {
  if (registered === undefined || registered.kind === 'municipality') {
    return invalid('providerMspId', 'not_a_registered_provider', 'must be a registered provider');
  }
  return registered;
}

/**
 * The parties must be the registered municipality and a registered provider.
 * @throws Refusal `PRECONDITION_FAILED` if no municipality is registered; `FORBIDDEN` if the municipality named
 * is not the registered one.
 */
export function requireTheMunicipality(parties: Parties, registered: Organisation | undefined): void {
  const municipality = requireMunicipality(registered);
  if (parties.municipalityMspId !== municipality.mspId) {
    throw new Refusal('FORBIDDEN', 'the municipality named is not the channel’s municipality', {
      reason: 'not_the_municipality',
    });
  }
}
