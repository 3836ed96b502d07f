import { expect } from 'chai';
import type {
  AccessLogPageSchema,
  AgreementSchema,
  CreditNoteValidationSchema,
  DeadlineSchema,
  Frozen,
  GuardianBindingWriteSchema,
  HeldInstalmentsSchema,
  InvoiceRecordSchema,
  PaymentExportSchema,
  PseudonymLookupPageSchema,
  ReceivedDocumentSchema,
  SettlementRecordSchema,
  SettlementSchema,
  Static,
  StatusReportSchema,
  TradingIdentifiersSchema,
  TSchema,
} from '@fabric-agreements/api';
import type { Agreement } from 'agreements-chaincode/core/agreement-model';
import type { CreditNoteValidation } from 'agreements-chaincode/core/credit-note';
import type { Deadline, HeldInstalments } from 'agreements-chaincode/core/deadlines';
import type { PaymentExportRecord } from 'agreements-chaincode/core/payment-export';
import type {
  AccessLogEntry,
  GuardianBinding,
  PseudonymLookup,
} from 'agreements-chaincode/core/personal-data';
import type { Settlement } from 'agreements-chaincode/core/settlement';
import type { StatusReport } from 'agreements-chaincode/core/obligations';
import type { TradingIdentifiers } from 'agreements-chaincode/core/trading-identifiers';
import type { ReceivedDocumentRecord } from 'agreements-chaincode/contract/einvoice-records';
import type { InvoiceRecord, SettlementRecord } from 'agreements-chaincode/contract/records';

/**
 * The chaincode keeps its records in its own types (with the core's narrower words: roles, rejection reasons); what it
 * answers is described once, by the answers' schemas in `@fabric-agreements/api`. These checks are made by the type
 * checker (`npm run typecheck`): a record the schema would refuse, or a property the schema does not list, fails the
 * build — the drift issue 11 found (answers carrying fields the document did not list) cannot come back unnoticed.
 */

/** The property names of `T` (deeply) that the answer `S` does not list; `never` when it lists them all. */
type Unlisted<T, S> = [T] extends [readonly (infer Item)[]]
  ? S extends readonly (infer Listed)[]
    ? Unlisted<Item, Listed>
    : never
  : [T] extends [object]
    ? S extends object
      ? string extends keyof S
        ? never
        : | Exclude<keyof T, keyof S>
          | { [K in keyof T & keyof S]-?: Unlisted<NonNullable<T[K]>, NonNullable<S[K]>> }[keyof T & keyof S]
      : never
    : never;

/** `true` when every `T` is a valid answer `S` and `S` lists every property of `T`; else the offending names. */
type Conforms<T, Answer> = [T] extends [Frozen<Answer>]
  ? [Unlisted<T, Answer>] extends [never]
    ? true
    : { unlisted: Unlisted<T, Answer> }
  : { notAssignable: T };

type ItemOf<S extends TSchema> = Static<S> extends { items: readonly (infer Item)[] } ? Item : never;

const conformance: {
  agreement: Conforms<Agreement, Static<typeof AgreementSchema>>;
  settlement: Conforms<Settlement, Static<typeof SettlementSchema>>;
  settlementRecord: Conforms<SettlementRecord, Static<typeof SettlementRecordSchema>>;
  invoiceRecord: Conforms<InvoiceRecord, Static<typeof InvoiceRecordSchema>>;
  statusReport: Conforms<StatusReport, Static<typeof StatusReportSchema>>;
  deadline: Conforms<Deadline, Static<typeof DeadlineSchema>>;
  heldInstalments: Conforms<HeldInstalments, Static<typeof HeldInstalmentsSchema>>;
  creditNoteValidation: Conforms<CreditNoteValidation, Static<typeof CreditNoteValidationSchema>>;
  receivedDocument: Conforms<ReceivedDocumentRecord, Static<typeof ReceivedDocumentSchema>>;
  paymentExport: Conforms<PaymentExportRecord, Static<typeof PaymentExportSchema>>;
  tradingIdentifiers: Conforms<TradingIdentifiers, Static<typeof TradingIdentifiersSchema>>;
  guardianBinding: Conforms<GuardianBinding, Static<typeof GuardianBindingWriteSchema>['data']>;
  accessLog: Conforms<AccessLogEntry, ItemOf<typeof AccessLogPageSchema>>;
  pseudonymLookups: Conforms<PseudonymLookup, ItemOf<typeof PseudonymLookupPageSchema>>;
} = {
  agreement: true,
  settlement: true,
  settlementRecord: true,
  invoiceRecord: true,
  statusReport: true,
  deadline: true,
  heldInstalments: true,
  creditNoteValidation: true,
  receivedDocument: true,
  paymentExport: true,
  tradingIdentifiers: true,
  guardianBinding: true,
  accessLog: true,
  pseudonymLookups: true,
};

describe('api: the chaincode’s records are what the answers’ schemas describe', () => {
  it('is checked by the type checker for every record the chaincode answers', () => {
    expect(new Set(Object.values(conformance))).to.deep.equal(new Set([true]));
  });
});
