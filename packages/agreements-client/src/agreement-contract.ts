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
    return this.submit('draftAgreement', [JSON.stringify(input)], { ...options, endorsingOrganizations });
  }

  /** Replaces the draft's terms (`input.id` names the draft). */
  reviseDraft(input: AgreementDraftInput, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('reviseDraft', input.id, [JSON.stringify(input)], options);
  }

  submitForSignatures(agreementId: string, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('submitForSignatures', agreementId, [agreementId], options);
  }

  withdrawPendingVersion(agreementId: string, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('withdrawPendingVersion', agreementId, [agreementId], options);
  }

  /** Signs `version` (the first or an amendment) with the caller's own certificate. */
  signAgreement(agreementId: string, version: number, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('signAgreement', agreementId, [agreementId, String(version)], options);
  }

  proposeAmendment(
    agreementId: string,
    amendment: AmendmentInput,
    options?: WriteOptions,
  ): Promise<Agreement> {
    const args = [agreementId, JSON.stringify(amendment)];
    return this.submitToAgreement('proposeAmendment', agreementId, args, options);
  }

  proposeTermination(
    agreementId: string,
    termination: TerminationInput,
    options?: WriteOptions,
  ): Promise<Agreement> {
    const args = [agreementId, JSON.stringify(termination)];
    return this.submitToAgreement('proposeTermination', agreementId, args, options);
  }

  /** Signs termination `terminationNumber`; the last signature also ends the related agreements. */
  signTermination(
    agreementId: string,
    terminationNumber: number,
    options?: WriteOptions,
  ): Promise<Agreement> {
    const args = [agreementId, String(terminationNumber)];
    return this.submitToAgreement('signTermination', agreementId, args, options);
  }

  withdrawTermination(agreementId: string, options?: WriteOptions): Promise<Agreement> {
    return this.submitToAgreement('withdrawTermination', agreementId, [agreementId], options);
  }

  getAgreement(agreementId: string, options?: CallOptions): Promise<Agreement> {
    return this.evaluate('getAgreement', [agreementId], options);
  }

  /** Every committed write of the agreement, newest first. */
  getAgreementHistory(agreementId: string, options?: CallOptions): Promise<AgreementModification[]> {
    return this.evaluate('getAgreementHistory', [agreementId], options);
  }

  listAgreementsByChild(childPseudonym: string, page?: PageRequest): Promise<Page<Agreement>> {
    return this.evaluate('listAgreementsByChild', [childPseudonym, ...pageArguments(page)]);
  }

  listAgreementsByProvider(providerMspId: string, page?: PageRequest): Promise<Page<Agreement>> {
    return this.evaluate('listAgreementsByProvider', [providerMspId, ...pageArguments(page)]);
  }

  listAgreementsByStatus(status: Agreement['status'], page?: PageRequest): Promise<Page<Agreement>> {
    return this.evaluate('listAgreementsByStatus', [status, ...pageArguments(page)]);
  }
}
