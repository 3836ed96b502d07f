import type { ChaincodeStub } from './stub';
import type { Agreement, VersionState } from '../core/agreement-model';
import type { AgreementStatus } from '../core/agreement';
import type { InvoiceState } from '../core/attestation';
import type { IsoDate, IsoMonth } from '../core/calendar-date';
import type { Termination } from '../core/agreement-model';
import type { TerminationCause } from '../core/termination';
import { latestTermination } from '../core/queries';
import { canonicalJson } from '../core/canonical-json';
import type { PersonalDataAction } from '../core/personal-data';
import type { OrganisationKind } from '../core/registry';

/**
 * The chaincode events, one per state-changing transaction (Fabric keeps only the last `setEvent` of a
 * transaction). The event name is the `type`; the payload is the whole object as canonical JSON. Payloads carry ids,
 * statuses and version numbers only: a child appears by pseudonym, people not at all.
 */
export type ChaincodeEvent =
  | { readonly type: 'OrganisationRegistered'; readonly mspId: string; readonly kind: OrganisationKind }
  | {
      readonly type: 'DelegationRuleAdopted' | 'AttestationRuleAdopted';
      readonly municipalityMspId: string;
      readonly version: number;
    }
  | (AgreementEventBase & {
      readonly type:
        | 'AgreementDrafted'
        | 'AgreementDraftRevised'
        | 'AgreementSubmitted'
        | 'AgreementVersionWithdrawn'
        | 'AgreementSigned'
        | 'AmendmentProposed';
    })
  | (AgreementEventBase & {
      readonly type:
        'TerminationProposed' | 'TerminationSigned' | 'TerminationNoticeGiven' | 'TerminationWithdrawn';
      readonly terminationNumber: number;
      readonly terminationState: TerminationState | null;
      /** `notice`: the municipality ended the agreement alone (TerminationNoticeGiven). */
      readonly terminationCause: TerminationCause | null;
      /** The (proposed, or once in effect the applied) last day in force. */
      readonly effectiveDate: IsoDate | null;
      /** Agreements that ended with this one (TerminationSigned, once both sides are complete). */
      readonly cascadedAgreementIds: readonly string[];
    })
  | (AgreementEventBase & {
      readonly type: 'StatusReportSubmitted' | 'StatusReportAccepted';
      readonly obligationId: string;
      readonly periodNumber: number;
      readonly reportVersion: number;
    })
  | (AgreementEventBase & {
      readonly type: 'InvoiceValidated' | 'InvoiceAttested' | 'InvoicePaid';
      readonly invoiceId: string;
      readonly month: IsoMonth;
      /** The validation's verdict. */
      readonly invoiceStatus: 'accepted' | 'partially_accepted' | 'rejected';
      /** The lifecycle state: rejected, validated, approved (attested) or paid. */
      readonly invoiceState: InvoiceState;
    })
  | (AgreementEventBase & {
      readonly type: 'SettlementRecorded';
      readonly month: IsoMonth;
      readonly revision: number;
    })
  | (AgreementEventBase & { readonly type: 'DeadlinesApplied'; readonly overdueReports: number })
  | {
      readonly type: 'PersonalDataWritten' | 'PersonalDataAccessed' | 'PersonalDataErased';
      readonly childPseudonym: string;
      readonly action: PersonalDataAction;
      readonly accessId: string;
      readonly collections: readonly string[];
    };

type TerminationState = Termination['state'];

interface AgreementEventBase {
  readonly agreementId: string;
  /** The parties, so that a gateway can hand each organisation only the events of its own agreements. */
  readonly municipalityMspId: string;
  readonly providerMspId: string;
  readonly status: AgreementStatus;
  /** Highest version number of the agreement (agreed, pending or withdrawn)… */
  readonly version: number;
  /** …and that version's state: `agreed` after the last signature of an amendment, for example. */
  readonly versionState: VersionState;
}

/** The names a client may subscribe to. */
export type ChaincodeEventName = ChaincodeEvent['type'];

const emitted = new WeakSet<ChaincodeStub>();

/**
 * Sets the transaction's event.
 * @throws Error if the transaction already set one: a second would silently replace the first.
 */
export function emitEvent(stub: ChaincodeStub, event: ChaincodeEvent): void {
  if (emitted.has(stub)) {
    throw new Error('a transaction emits one event');
  }
  emitted.add(stub);
  stub.setEvent(event.type, Buffer.from(canonicalJson(event), 'utf8'));
}

/** An event that carries only what every agreement event does. */
export function agreementEvent(
  type:
    | 'AgreementDrafted'
    | 'AgreementDraftRevised'
    | 'AgreementSubmitted'
    | 'AgreementVersionWithdrawn'
    | 'AgreementSigned'
    | 'AmendmentProposed',
  agreement: Agreement,
): ChaincodeEvent {
  return { type, ...agreementEventBase(agreement) };
}

/**
 * A termination's event, about the agreement's latest termination. A notice the municipality gave alone is
 * announced under its own name, so the provider's systems see it.
 */
export function terminationEvent(
  type: 'TerminationProposed' | 'TerminationSigned' | 'TerminationWithdrawn',
  agreement: Agreement,
  cascadedAgreementIds: readonly string[],
): ChaincodeEvent {
  const latest = latestTermination(agreement);
  const noticeGiven = type === 'TerminationSigned' && latest?.state === 'agreed' && latest.cause === 'notice';
  return {
    type: noticeGiven ? 'TerminationNoticeGiven' : type,
    ...agreementEventBase(agreement),
    ...(latest === undefined
      ? { terminationNumber: 0, terminationState: null, terminationCause: null, effectiveDate: null }
      : {
          terminationNumber: latest.number,
          terminationState: latest.state,
          terminationCause: latest.cause,
          effectiveDate: latest.effectiveDate,
        }),
    cascadedAgreementIds,
  };
}

/** The ids, status and version every agreement event carries. */
export function agreementEventBase(agreement: Agreement): AgreementEventBase {
  const latest = agreement.versions.reduce((a, b) => (b.number > a.number ? b : a));
  return {
    agreementId: agreement.id,
    municipalityMspId: agreement.municipalityMspId,
    providerMspId: agreement.providerMspId,
    status: agreement.status,
    version: latest.number,
    versionState: latest.state,
  };
}
