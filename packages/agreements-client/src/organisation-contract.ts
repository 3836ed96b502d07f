import type { CallOptions, WriteOptions } from './chaincode-connection';
import { ContractClient } from './contract-client';
import type { AttestationRule, DelegationRule, Organisation, OrganisationRegistration } from './records';

/** The channel's organisation registry and the municipality's rules. */
export interface Registry {
  readonly municipality: Organisation | null;
  readonly providers: readonly Organisation[];
  readonly delegationRule: DelegationRule | null;
  readonly attestationRule: AttestationRule | null;
}

/** Who the caller is, as the chaincode sees them (no enrolment id: a response may reach a block). */
export interface CallerView {
  readonly mspId: string;
  readonly certId: string;
  readonly role: string | null;
  readonly isAdmin: boolean;
  readonly organisationKind: Organisation['kind'] | null;
}

/** `OrganisationContract`: who is municipality and who provider on the channel, and the municipality's rules. */
export class OrganisationContractClient extends ContractClient<'OrganisationContract'> {
  registerMunicipality(
    registration: Omit<OrganisationRegistration, 'mspId' | 'kind'>,
    options?: WriteOptions,
  ) {
    return this.submit<Organisation>('registerMunicipality', [JSON.stringify(registration)], options);
  }

  registerProvider(registration: OrganisationRegistration, options?: WriteOptions): Promise<Organisation> {
    return this.submit('registerProvider', [JSON.stringify(registration)], options);
  }

  setDelegationRule(rule: Pick<DelegationRule, 'tiers'>, options?: WriteOptions): Promise<DelegationRule> {
    return this.submit('setDelegationRule', [JSON.stringify(rule)], options);
  }

  setAttestationRule(rule: Omit<AttestationRule, 'municipalityMspId'>, options?: WriteOptions) {
    return this.submit<AttestationRule>('setAttestationRule', [JSON.stringify(rule)], options);
  }

  getRegistry(options?: CallOptions): Promise<Registry> {
    return this.evaluate('getRegistry', [], options);
  }

  whoAmI(options?: CallOptions): Promise<CallerView> {
    return this.evaluate('whoAmI', [], options);
  }
}
