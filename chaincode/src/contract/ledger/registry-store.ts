import type { AttestationRule } from '../../core/attestation';
import type { DelegationRule } from '../../core/delegation-rule';
import type { Organisation } from '../../core/registry';
import { keys, ranges } from './keys';
import type { LedgerState } from './state';

/** The organisation registry and the municipality's rules (delegation, attestation). */
export class RegistryStore {
  readonly #state: LedgerState;

  constructor(state: LedgerState) {
    this.#state = state;
  }

  getOrganisation(mspId: string): Promise<Organisation | undefined> {
    return this.#state.get<Organisation>(keys.organisation(mspId));
  }

  /**
   * The registered municipality, if any: one read, as every write asks for it. The `municipality` key holds a copy
   * of its record; a ledger written before it did holds only `{ mspId }`, which is followed to the record.
   */
  async getMunicipality(): Promise<Organisation | undefined> {
    const stored = await this.#state.get<Organisation | { mspId: string }>(keys.municipality());
    if (stored === undefined || 'kind' in stored) {
      return stored;
    }
    return this.getOrganisation(stored.mspId);
  }

  async putOrganisation(organisation: Organisation): Promise<void> {
    await this.#state.put(keys.organisation(organisation.mspId), organisation);
    if (organisation.kind === 'municipality') {
      await this.#state.put(keys.municipality(), organisation);
    }
  }

  /** Every registered organisation, in MSP id order. */
  async listOrganisations(): Promise<readonly Organisation[]> {
    const entries = await this.#state.scan<Organisation>(ranges.organisations());
    return entries.map((entry) => entry.value);
  }

  getDelegationRule(municipalityMspId: string): Promise<DelegationRule | undefined> {
    return this.#state.get<DelegationRule>(keys.delegationRule(municipalityMspId));
  }

  putDelegationRule(rule: DelegationRule): Promise<void> {
    return this.#state.put(keys.delegationRule(rule.municipalityMspId), rule);
  }

  getAttestationRule(municipalityMspId: string): Promise<AttestationRule | undefined> {
    return this.#state.get<AttestationRule>(keys.attestationRule(municipalityMspId));
  }

  putAttestationRule(rule: AttestationRule): Promise<void> {
    return this.#state.put(keys.attestationRule(rule.municipalityMspId), rule);
  }
}
