import type { Agreement } from '../core/agreement';
import { Refusal } from '@fabric-agreements/api';
import { parseRole, rolesOfSide, SERVICE_ROLE, sideOf, type Actor, type Side } from '../core/parties';
import { invalid } from '../core/validation';
import type { Caller } from './identity';
import type { Organisation } from './organisations';
import type { Repository } from './repository';

/**
 * Who may call what, beyond the rules the domain checks itself (which side signs, which role drafts).
 * Every check reads the on-ledger registry; no MSP id is known to the code.
 */

/**
 * The caller as a domain actor: certificate id, MSP and the CA's role attribute.
 * @throws Refusal `WRONG_ROLE` if the certificate carries no known role.
 */
export function actorOf(caller: Caller): Actor {
  return { certId: caller.certId, mspId: caller.mspId, role: parseRole(caller.role) };
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
export async function requireMunicipality(repository: Repository): Promise<Organisation> {
  const municipality = await repository.getMunicipality();
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
export async function requireRegisteredCaller(repository: Repository, caller: Caller): Promise<Organisation> {
  const organisation = await repository.getOrganisation(caller.mspId);
  if (organisation === undefined) {
    throw new Refusal('FORBIDDEN', 'the caller’s organisation is not registered on this channel', {
      reason: 'not_registered',
    });
  }
  return organisation;
}

/**
 * The municipality, when the caller belongs to it with one of `roles` (or, if `allowAdmin`, is its administrator).
 * @throws Refusal `PRECONDITION_FAILED` if no municipality is registered; `FORBIDDEN` if the caller belongs to
 * another organisation; `WRONG_ROLE` if the caller's role is not among `roles`.
 */
export async function requireMunicipalCaller(
  repository: Repository,
  caller: Caller,
  roles: readonly string[],
  allowAdmin = false,
): Promise<Organisation> {
  const municipality = await requireMunicipality(repository);
  if (caller.mspId !== municipality.mspId) {
    throw new Refusal('FORBIDDEN', 'only the municipality may do this', {
      reason: 'not_the_municipality',
    });
  }
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
export function isServiceIdentity(caller: Caller): boolean {
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
 * @throws Refusal `FORBIDDEN` if the caller's organisation is not registered; `WRONG_ROLE` if a non-admin
 * caller has no role of its organisation's side.
 */
export async function listingScope(
  repository: Repository,
  caller: Caller,
): Promise<{ readonly providerMspId?: string }> {
  const organisation = await requireRegisteredCaller(repository, caller);
  const side: Side = organisation.kind === 'municipality' ? 'municipality' : 'provider';
  if (!isServiceIdentity(caller) && !rolesOfSide(side).includes(actorOf(caller).role)) {
    throw new Refusal('WRONG_ROLE', 'the caller’s role does not act for its organisation', { side });
  }
  return side === 'municipality' ? {} : { providerMspId: caller.mspId };
}

/**
 * A registered provider.
 * @throws Refusal `VALIDATION_FAILED` (field `providerMspId`) if the MSP is not a registered provider.
 */
export async function requireProvider(repository: Repository, mspId: string): Promise<Organisation> {
  const provider = await repository.getOrganisation(mspId);
  if (provider === undefined || provider.kind === 'municipality') {
    return invalid('providerMspId', 'not_a_registered_provider', 'must be a registered provider');
  }
  return provider;
}
