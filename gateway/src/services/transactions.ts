/**
 * The chaincode transactions the gateway calls, fully qualified (`Contract:Function`), in one place: a renamed
 * transaction in chaincode/src/contract needs one change here.
 */
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
  getRegistry: 'OrganisationContract:GetRegistry',
  whoAmI: 'OrganisationContract:WhoAmI',
  setDelegationRule: 'OrganisationContract:SetDelegationRule',
} as const;

export type TransactionName = (typeof TX)[keyof typeof TX];
