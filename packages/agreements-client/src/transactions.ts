/**
 * Every transaction of the agreements chaincode, by contract, and whether a client submits it (a write: endorsed,
 * ordered, committed) or evaluates it (a read on one peer). The one place the client spells a transaction's name.
 */
export const TRANSACTIONS = {
  AgreementContract: {
    DraftAgreement: 'submit',
    ReviseDraft: 'submit',
    SubmitForSignatures: 'submit',
    WithdrawPendingVersion: 'submit',
    SignAgreement: 'submit',
    ProposeAmendment: 'submit',
    ProposeTermination: 'submit',
    SignTermination: 'submit',
    WithdrawTermination: 'submit',
    GetAgreement: 'evaluate',
    GetAgreementHistory: 'evaluate',
    ListAgreementsByChild: 'evaluate',
    ListAgreementsByProvider: 'evaluate',
    ListAgreementsByStatus: 'evaluate',
  },
  StatusReportContract: {
    SubmitStatusReport: 'submit',
    AcceptStatusReport: 'submit',
    ListStatusReports: 'evaluate',
  },
  SettlementContract: {
    GetSettlement: 'evaluate',
    RecordSettlement: 'submit',
    SubmitInvoice: 'submit',
    AttestInvoice: 'submit',
    RecordPayment: 'submit',
    GetInvoice: 'evaluate',
    ListInvoices: 'evaluate',
  },
  DeadlineContract: {
    ApplyDeadlines: 'submit',
    GetUpcomingDeadlines: 'evaluate',
    ListUpcomingDeadlines: 'evaluate',
    GetHeldInstalments: 'evaluate',
  },
  ChildDataContract: {
    PutChildData: 'submit',
    PutMunicipalChildData: 'submit',
    LogChildDataAccess: 'submit',
    ReadChildData: 'evaluate',
    CheckChildData: 'evaluate',
    ErasePersonalData: 'submit',
    ListAccessLog: 'evaluate',
    BindGuardian: 'submit',
    RecordPseudonymLookup: 'submit',
    ListPseudonymLookups: 'evaluate',
  },
  OrganisationContract: {
    RegisterMunicipality: 'submit',
    RegisterProvider: 'submit',
    SetDelegationRule: 'submit',
    SetAttestationRule: 'submit',
    GetRegistry: 'evaluate',
    WhoAmI: 'evaluate',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, 'submit' | 'evaluate'>>>>;

export type ContractName = keyof typeof TRANSACTIONS;

/** The transactions of contract `C` that are submitted (`'submit'`) or evaluated (`'evaluate'`). */
export type TransactionOf<C extends ContractName, K extends 'submit' | 'evaluate'> = {
  readonly [T in keyof (typeof TRANSACTIONS)[C]]: (typeof TRANSACTIONS)[C][T] extends K ? T : never;
}[keyof (typeof TRANSACTIONS)[C]] &
  string;
