/**
 * Whether a client submits each transaction (a write: endorsed, ordered, committed) or evaluates it (a read on one
 * peer). The names come from `@fabric-agreements/api` (`TX`, `ADMIN_TX`); a transaction added there does not compile
 * here until it is said which it is.
 */
import { ADMIN_TX, type ContractName, TX } from '@fabric-agreements/api';

const NAMES = { ...TX, ...ADMIN_TX } as const;

/** A transaction by its key in `TX` or `ADMIN_TX` (`draftAgreement`, `registerProvider`, …). */
export type TransactionKey = keyof typeof NAMES;

export const TRANSACTION_KINDS = {
  draftAgreement: 'submit',
  reviseDraft: 'submit',
  submitForSignatures: 'submit',
  withdrawPendingVersion: 'submit',
  signAgreement: 'submit',
  proposeAmendment: 'submit',
  proposeTermination: 'submit',
  signTermination: 'submit',
  withdrawTermination: 'submit',
  getAgreement: 'evaluate',
  getAgreementHistory: 'evaluate',
  listAgreementsByChild: 'evaluate',
  listAgreementsByProvider: 'evaluate',
  listAgreementsByStatus: 'evaluate',
  submitStatusReport: 'submit',
  acceptStatusReport: 'submit',
  listStatusReports: 'evaluate',
  getSettlement: 'evaluate',
  recordSettlement: 'submit',
  submitInvoice: 'submit',
  attestInvoice: 'submit',
  recordPayment: 'submit',
  getInvoice: 'evaluate',
  listInvoices: 'evaluate',
  applyDeadlines: 'submit',
  getUpcomingDeadlines: 'evaluate',
  listUpcomingDeadlines: 'evaluate',
  getHeldInstalments: 'evaluate',
  putChildData: 'submit',
  putMunicipalChildData: 'submit',
  logChildDataAccess: 'submit',
  readChildData: 'evaluate',
  checkChildData: 'evaluate',
  erasePersonalData: 'submit',
  listAccessLog: 'evaluate',
  bindGuardian: 'submit',
  unbindGuardian: 'submit',
  listGuardianChildren: 'evaluate',
  recordPseudonymLookup: 'submit',
  listPseudonymLookups: 'evaluate',
  getRegistry: 'evaluate',
  whoAmI: 'evaluate',
  setDelegationRule: 'submit',
  setAttestationRule: 'submit',
  registerMunicipality: 'submit',
  registerProvider: 'submit',
  setTradingIdentifiers: 'submit',
  listTradingIdentifiers: 'evaluate',
  submitInvoiceDocument: 'submit',
  submitCreditNoteDocument: 'submit',
  getReceivedDocument: 'evaluate',
  listReceivedDocuments: 'evaluate',
  listPayable: 'evaluate',
  exportPayments: 'submit',
  getPaymentExport: 'evaluate',
  listPaymentExports: 'evaluate',
} as const satisfies Readonly<Record<TransactionKey, 'submit' | 'evaluate'>>;

/** The transactions of contract `C` that a client submits (`K = 'submit'`) or evaluates (`'evaluate'`). */
export type TransactionOf<C extends ContractName, K extends 'submit' | 'evaluate'> = {
  readonly [T in TransactionKey]: (typeof NAMES)[T] extends `${C}:${string}`
    ? (typeof TRANSACTION_KINDS)[T] extends K
      ? T
      : never
    : never;
}[TransactionKey];

/** The transaction's fully qualified name (`AgreementContract:DraftAgreement`), as the peer is asked for it. */
export function qualifiedName(transaction: TransactionKey): string {
  return NAMES[transaction];
}
