import { ApiError } from '../errors/api-error';
import type { Requester } from './requester';
import { toPage, type Ledger, type WriteResult } from './ledger';
import type { JsonText } from './json-text';
import { TX, type ApiPage, type PageRequest, type Page } from '@fabric-agreements/api';

/** Which agreements to list: by child, by provider or by status (exactly one). */
export type AgreementFilter =
  { readonly childPseudonym: string } | { readonly providerMspId: string } | { readonly status: string };

/**
 * The agreement aggregate's use cases: draft from a template, revise the draft, open it for signatures, sign a
 * version, propose amendments and terminations, sign or withdraw them, read an agreement, its history and listings.
 * Inputs are passed to the chaincode as validated JSON; the chaincode applies the rules.
 */
export class AgreementService {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  async draft(caller: Requester, domain: string, draft: unknown): Promise<WriteResult<unknown>> {
    // The draft names both parties; only their peers may endorse it (the chaincode refuses any other).
    const { municipalityMspId, providerMspId } = draft as {
      municipalityMspId?: unknown;
      providerMspId?: unknown;
    };
    if (typeof municipalityMspId !== 'string' || typeof providerMspId !== 'string') {
      // The request schema requires both; a draft without them reaches no peer.
      throw new ApiError({
        code: 'VALIDATION_FAILED',
        details: { field: 'providerMspId', reason: 'required' },
      });
    }
    const endorsingOrganizations = [municipalityMspId, providerMspId];
    return this.#ledger.write(await caller.identity(), domain, TX.draftAgreement, [JSON.stringify(draft)], {
      endorsingOrganizations,
    });
  }

  async reviseDraft(
    caller: Requester,
    domain: string,
    agreementId: string,
    revision: Readonly<Record<string, unknown>>,
  ): Promise<WriteResult<unknown>> {
    const input = JSON.stringify({ ...revision, id: agreementId });
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.reviseDraft, [input]);
  }

  async submitForSignatures(
    caller: Requester,
    domain: string,
    agreementId: string,
  ): Promise<WriteResult<unknown>> {
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.submitForSignatures, [
      agreementId,
    ]);
  }

  async withdrawPendingVersion(
    caller: Requester,
    domain: string,
    agreementId: string,
  ): Promise<WriteResult<unknown>> {
    return this.#ledger.writeAgreement(
      await caller.identity(),
      domain,
      agreementId,
      TX.withdrawPendingVersion,
      [agreementId],
    );
  }

  /** Signs `version` (first version or amendment) with the caller's own certificate. */
  async sign(
    caller: Requester,
    domain: string,
    agreementId: string,
    version: number,
  ): Promise<WriteResult<unknown>> {
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.signAgreement, [
      agreementId,
      version.toString(),
    ]);
  }

  async proposeAmendment(
    caller: Requester,
    domain: string,
    agreementId: string,
    amendment: unknown,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, JSON.stringify(amendment)];
    return this.#ledger.writeAgreement(
      await caller.identity(),
      domain,
      agreementId,
      TX.proposeAmendment,
      args,
    );
  }

  async proposeTermination(
    caller: Requester,
    domain: string,
    agreementId: string,
    proposal: unknown,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, JSON.stringify(proposal)];
    return this.#ledger.writeAgreement(
      await caller.identity(),
      domain,
      agreementId,
      TX.proposeTermination,
      args,
    );
  }

  async signTermination(
    caller: Requester,
    domain: string,
    agreementId: string,
    terminationNumber: number,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, terminationNumber.toString()];
    // Not pinned to the two parties: the last signature may also end related agreements with other providers,
    // whose keys' own policies then ask discovery for those providers' peers too.
    return this.#ledger.write(await caller.identity(), domain, TX.signTermination, args, {
      discovery: 'cascade',
    });
  }

  async withdrawTermination(
    caller: Requester,
    domain: string,
    agreementId: string,
  ): Promise<WriteResult<unknown>> {
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.withdrawTermination, [
      agreementId,
    ]);
  }

  async get(caller: Requester, domain: string, agreementId: string): Promise<JsonText> {
    return this.#ledger.queryText(await caller.identity(), domain, TX.getAgreement, [agreementId]);
  }

  async history(caller: Requester, domain: string, agreementId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getAgreementHistory, [agreementId]);
  }

  async list(
    caller: Requester,
    domain: string,
    filter: AgreementFilter,
    page: Partial<PageRequest>,
  ): Promise<ApiPage<unknown>> {
    const [transaction, key] =
      'childPseudonym' in filter
        ? ([TX.listAgreementsByChild, filter.childPseudonym] as const)
        : 'providerMspId' in filter
          ? ([TX.listAgreementsByProvider, filter.providerMspId] as const)
          : ([TX.listAgreementsByStatus, filter.status] as const);
    const result = await this.#ledger.query<Page<unknown>>(await caller.identity(), domain, transaction, [
      key,
      page.pageSize?.toString() ?? '',
      page.bookmark ?? '',
    ]);
    return toPage(result);
  }
}
