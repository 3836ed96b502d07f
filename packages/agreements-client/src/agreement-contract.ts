import type { WriteOptions, CallOptions } from './chaincode-connection';
import { ContractClient, pageArguments, type PageRequest } from './contract-client';
import type {
  Agreement,
  AgreementDraftInput,
  AgreementModification,
  AmendmentInput,
  Page,
  TerminationInput,
} from './records';

/** `AgreementContract`: an agreement's lifecycle from draft to termination, and its reads. */
export class AgreementContractClient extends ContractClient<'AgreementContract'> {
  /** Drafts an agreement from its template; endorsed by the two parties the draft names. */
  draftAgreement(input: AgreementDraftInput, options: WriteOptions = {}): Promise<Agreement> {
    this.connection.learnParties(input);
    const endorsingOrganizations = options.endorsingOrganizations ?? [
      input.municipalityMspId,
      input.providerMspId,
    ];
    return this.submit('DraftAgreement', [JSON.stringify(input)], { ...options, endorsingOrganizations });
  }

  /** Replaces the draft's terms (`input.id` names the draft). */
  reviseDraft(input: AgreementDraftInput, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('ReviseDraft', input.id, [JSON.stringify(input)], options);
  }

  submitForSignatures(agreementId: string, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('SubmitForSignatures', agreementId, [agreementId], options);
  }

  withdrawPendingVersion(agreementId: string, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('WithdrawPendingVersion', agreementId, [agreementId], options);
  }

  /** Signs `version` (the first or an amendment) with the caller's own certificate. */
  signAgreement(agreementId: string, version: number, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('SignAgreement', agreementId, [agreementId, String(version)], options);
  }

  proposeAmendment(
    agreementId: string,
    amendment: AmendmentInput,
    options?: WriteOptions,
  ): Promise<Agreement> {
    const args = [agreementId, JSON.stringify(amendment)];
    return this.submitToAgreement('ProposeAmendment', agreementId, args, options);
  }

  proposeTermination(
    agreementId: string,
    termination: TerminationInput,
    options?: WriteOptions,
  ): Promise<Agreement> {
    const args = [agreementId, JSON.stringify(termination)];
    return this.submitToAgreement('ProposeTermination', agreementId, args, options);
  }

  /** Signs termination `terminationNumber`; the last signature also ends the related agreements. */
  signTermination(
    agreementId: string,
    terminationNumber: number,
    options?: WriteOptions,
  ): Promise<Agreement> {
    const args = [agreementId, String(terminationNumber)];
    return this.submitToAgreement('SignTermination', agreementId, args, options);
  }

  withdrawTermination(agreementId: string, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('WithdrawTermination', agreementId, [agreementId], options);
  }

  getAgreement(agreementId: string, options?: CallOptions): Promise<Agreement> {
    return this.evaluate('GetAgreement', [agreementId], options);
  }

  /** Every committed write of the agreement, newest first. */
  getAgreementHistory(agreementId: string, options?: CallOptions): Promise<AgreementModification[]> {
    return this.evaluate('GetAgreementHistory', [agreementId], options);
  }

  listAgreementsByChild(childPseudonym: string, page?: PageRequest): Promise<Page<Agreement>> {
    return this.evaluate('ListAgreementsByChild', [childPseudonym, ...pageArguments(page)]);
  }

  listAgreementsByProvider(providerMspId: string, page?: PageRequest): Promise<Page<Agreement>> {
    return this.evaluate('ListAgreementsByProvider', [providerMspId, ...pageArguments(page)]);
  }

  listAgreementsByStatus(status: Agreement['status'], page?: PageRequest): Promise<Page<Agreement>> {
    return this.evaluate('ListAgreementsByStatus', [status, ...pageArguments(page)]);
  }
}
