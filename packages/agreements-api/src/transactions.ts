/**
 * The chaincode's contracts and transactions, named once. The contract classes take their names from
 * {@link CONTRACT_NAMES}; the gateway calls the fully qualified names in {@link TX} (`Contract:Function`), and a unit
 * test checks that {@link TX} lists exactly the transactions the contracts expose.
 */

/** Each contract's name, as the chaincode registers it. */
export const CONTRACT_NAMES = {
  agreement: 'AgreementContract',
  statusReport: 'StatusReportContract',
  settlement: 'SettlementContract',
  deadline: 'DeadlineContract',
  childData: 'ChildDataContract',
  organisation: 'OrganisationContract',
  einvoice: 'EInvoiceContract',
} as const;

export type ContractName = (typeof CONTRACT_NAMES)[keyof typeof CONTRACT_NAMES];

/** Every transaction a client may call, fully qualified. */
export const TX = {
  draftAgreement: 'AgreementContract:DraftAgreement',
  reviseDraft: 'AgreementContract:ReviseDraft',
  submitForSignatures: 'AgreementContract:SubmitForSignatures',
  withdrawPendingVersion: 'AgreementContract:WithdrawPendingVersion',
  signAgreement: 'AgreementContract:SignAgreement',
  proposeAmendment: 'AgreementContract:ProposeAmendment',
  proposeTermination: 'AgreementContract:ProposeTermination',
  signTermination: 'AgreementContract:SignTermination',
  withdrawTermination: 'AgreementContract:WithdrawTermination',
  getAgreement: 'AgreementContract:GetAgreement',
  getAgreementHistory: 'AgreementContract:GetAgreementHistory',
  listAgreementsByChild: 'AgreementContract:ListAgreementsByChild',
  listAgreementsByProvider: 'AgreementContract:ListAgreementsByProvider',
  listAgreementsByStatus: 'AgreementContract:ListAgreementsByStatus',
  submitStatusReport: 'StatusReportContract:SubmitStatusReport',
  acceptStatusReport: 'StatusReportContract:AcceptStatusReport',
  listStatusReports: 'StatusReportContract:ListStatusReports',
  getSettlement: 'SettlementContract:GetSettlement',
  recordSettlement: 'SettlementContract:RecordSettlement',
  submitInvoice: 'SettlementContract:SubmitInvoice',
  attestInvoice: 'SettlementContract:AttestInvoice',
  recordPayment: 'SettlementContract:RecordPayment',
  getInvoice: 'SettlementContract:GetInvoice',
  listInvoices: 'SettlementContract:ListInvoices',
  applyDeadlines: 'DeadlineContract:ApplyDeadlines',
  getUpcomingDeadlines: 'DeadlineContract:GetUpcomingDeadlines',
  listUpcomingDeadlines: 'DeadlineContract:ListUpcomingDeadlines',
  getHeldInstalments: 'DeadlineContract:GetHeldInstalments',
  putChildData: 'ChildDataContract:PutChildData',
  putMunicipalChildData: 'ChildDataContract:PutMunicipalChildData',
  logChildDataAccess: 'ChildDataContract:LogChildDataAccess',
  readChildData: 'ChildDataContract:ReadChildData',
  checkChildData: 'ChildDataContract:CheckChildData',
  erasePersonalData: 'ChildDataContract:ErasePersonalData',
  listAccessLog: 'ChildDataContract:ListAccessLog',
  bindGuardian: 'ChildDataContract:BindGuardian',
  unbindGuardian: 'ChildDataContract:UnbindGuardian',
  listGuardianChildren: 'ChildDataContract:ListGuardianChildren',
  recordPseudonymLookup: 'ChildDataContract:RecordPseudonymLookup',
  listPseudonymLookups: 'ChildDataContract:ListPseudonymLookups',
  getRegistry: 'OrganisationContract:GetRegistry',
  whoAmI: 'OrganisationContract:WhoAmI',
  setDelegationRule: 'OrganisationContract:SetDelegationRule',
  setAttestationRule: 'OrganisationContract:SetAttestationRule',
  listTradingIdentifiers: 'EInvoiceContract:ListTradingIdentifiers',
  submitInvoiceDocument: 'EInvoiceContract:SubmitInvoiceDocument',
  submitCreditNoteDocument: 'EInvoiceContract:SubmitCreditNoteDocument',
  getReceivedDocument: 'EInvoiceContract:GetReceivedDocument',
  listReceivedDocuments: 'EInvoiceContract:ListReceivedDocuments',
  listPayable: 'EInvoiceContract:ListPayable',
  exportPayments: 'EInvoiceContract:ExportPayments',
  getPaymentExport: 'EInvoiceContract:GetPaymentExport',
  listPaymentExports: 'EInvoiceContract:ListPaymentExports',
} as const satisfies Readonly<Record<string, `${ContractName}:${string}`>>;

export type TransactionName = (typeof TX)[keyof typeof TX];

/**
 * Transactions only an organisation's administrator calls, once, when the network is set up (scripts/lib/deploy.sh
 * registers the organisations); the gateway never calls them.
 */
export const ADMIN_TX = {
  registerMunicipality: 'OrganisationContract:RegisterMunicipality',
  registerProvider: 'OrganisationContract:RegisterProvider',
  setTradingIdentifiers: 'EInvoiceContract:SetTradingIdentifiers',
} as const satisfies Readonly<Record<string, `${ContractName}:${string}`>>;
