import { Context } from 'fabric-contract-api';
import {
  actorOf,
  listingScope,
  requireMunicipalCaller,
  requireMunicipality,
  requirePartyMember,
  requireProvider,
  requireTheMunicipality,
  type ListingScope,
} from '../core/access';
import type { Caller } from '@fabric-agreements/api';
import type { Agreement } from '../core/agreement-model';
import type { Moment } from '../core/calendar-date';
import type { Actor, Parties } from '../core/parties';
import type { Organisation } from '../core/registry';
import { idArgument } from './arguments';
import { txMoment } from './clock';
import { callerOf } from './identity';
import { Repository } from './ledger/repository';

/**
 * What one transaction works with, made once per transaction (fabric-contract-api calls `createContext()` for every
 * invocation): who calls, when (the proposal's timestamp), and the repository over this transaction's stub. Every
 * part is made on first use, because the contract API builds a context before it hands over the stub and identity.
 */
export class TransactionContext extends Context {
  #caller: Caller | undefined;
  #moment: Moment | undefined;
  #repository: Repository | undefined;

  /** The caller, read once from the client identity. */
  get caller(): Caller {
    return (this.#caller ??= callerOf(this.clientIdentity));
  }

  /**
   * The caller as an actor of the core.
   * @throws Refusal `WRONG_ROLE` if the certificate carries no known role.
   */
  get actor(): Actor {
    return actorOf(this.caller);
  }

  /** The transaction's moment: the only clock the chaincode reads. */
  get moment(): Moment {
    return (this.#moment ??= txMoment(this.stub));
  }

  get repository(): Repository {
    return (this.#repository ??= new Repository(this.stub));
  }

  /**
   * The agreement `agreementId` names, when the caller is staff (or a service identity) of one of its parties.
   * @throws Refusal `INVALID_ID`, `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  async partyAgreement(agreementId: string): Promise<Agreement> {
    const agreement = await this.repository.agreements.require(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, this.caller);
    return agreement;
  }

  /**
   * The registered municipality.
   * @throws Refusal `PRECONDITION_FAILED` if none is registered yet.
   */
  async municipality(): Promise<Organisation> {
    return requireMunicipality(await this.repository.registry.getMunicipality());
  }

  /**
   * The municipality, when the caller belongs to it with one of `roles` (or, if `allowAdmin`, is its administrator).
   * @throws Refusal as `requireMunicipalCaller`.
   */
  async municipalCaller(roles: readonly string[], allowAdmin = false): Promise<Organisation> {
    return requireMunicipalCaller(
      await this.repository.registry.getMunicipality(),
      this.caller,
      roles,
      allowAdmin,
    );
  }

  /**
   * A registered provider.
   * @throws Refusal `VALIDATION_FAILED` (field `providerMspId`) otherwise.
   */
  async provider(mspId: string): Promise<Organisation> {
    return requireProvider(await this.repository.registry.getOrganisation(mspId));
  }

  /**
   * The provider of `parties`, when they are the channel's municipality and a registered provider. One read where
   * the provider's record names the municipality that registered it; a record written before it did, or a refusal,
   * reads the municipality's record too, so the answer and its refusal are the same either way.
   * @throws Refusal as `requireTheMunicipality`, then as {@link provider}.
   */
  async parties(parties: Parties): Promise<Organisation> {
    const { registry } = this.repository;
    const provider = await registry.getOrganisation(parties.providerMspId);
    if (provider?.kind !== 'municipality' && provider?.municipalityMspId === parties.municipalityMspId) {
      return provider;
    }
    requireTheMunicipality(parties, await registry.getMunicipality());
    return requireProvider(provider);
  }

  /**
   * Which agreements the caller may list.
   * @throws Refusal as `listingScope`.
   */
  async listingScope(): Promise<ListingScope> {
    return listingScope(await this.repository.registry.getOrganisation(this.caller.mspId), this.caller);
  }
}
