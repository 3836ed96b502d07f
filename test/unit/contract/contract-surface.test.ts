import { expect } from 'chai';
import type { Contract } from 'fabric-contract-api';
import { contracts as exported } from 'agreements-chaincode';
import { txMoment } from 'agreements-chaincode/contract/clock';
import { FakeLedger } from './support/fake-ledger';
import { exposedTransactions, people, TestNetwork } from './support/harness';
import { contracts, registerOrganisations } from './support/story';

describe('contract surface', () => {
  it('exports every contract, the agreement contract first (the default)', () => {
    expect(exported.map((contract) => new contract().getName())).to.deep.equal([
      'AgreementContract',
      'OrganisationContract',
      'StatusReportContract',
      'SettlementContract',
      'DeadlineContract',
      'ChildDataContract',
      'EInvoiceContract',
    ]);
  });

  it('exposes exactly the decorated transactions, queries as EVALUATE, and no helper', () => {
    const surface = Object.fromEntries(
      Object.values(contracts).map((contract) => [
        contract.getName(),
        Object.fromEntries([...exposedTransactions(contract)].map(([name, tags]) => [name, tags[0]])),
      ]),
    );
    expect(surface).to.deep.equal({
      OrganisationContract: {
        RegisterMunicipality: 'SUBMIT',
        RegisterProvider: 'SUBMIT',
        SetDelegationRule: 'SUBMIT',
        SetAttestationRule: 'SUBMIT',
        GetRegistry: 'EVALUATE',
        WhoAmI: 'EVALUATE',
      },
      AgreementContract: {
        DraftAgreement: 'SUBMIT',
        ReviseDraft: 'SUBMIT',
        SubmitForSignatures: 'SUBMIT',
        WithdrawPendingVersion: 'SUBMIT',
        SignAgreement: 'SUBMIT',
        ProposeAmendment: 'SUBMIT',
        ProposeTermination: 'SUBMIT',
        SignTermination: 'SUBMIT',
        WithdrawTermination: 'SUBMIT',
        GetAgreement: 'EVALUATE',
        GetAgreementHistory: 'EVALUATE',
        ListAgreementsByChild: 'EVALUATE',
        ListAgreementsByProvider: 'EVALUATE',
        ListAgreementsByStatus: 'EVALUATE',
      },
      StatusReportContract: {
        SubmitStatusReport: 'SUBMIT',
        AcceptStatusReport: 'SUBMIT',
        ListStatusReports: 'EVALUATE',
      },
      SettlementContract: {
        GetSettlement: 'EVALUATE',
        RecordSettlement: 'SUBMIT',
        SubmitInvoice: 'SUBMIT',
        AttestInvoice: 'SUBMIT',
        RecordPayment: 'SUBMIT',
        GetInvoice: 'EVALUATE',
        ListInvoices: 'EVALUATE',
      },
      DeadlineContract: {
        ApplyDeadlines: 'SUBMIT',
        GetUpcomingDeadlines: 'EVALUATE',
        ListUpcomingDeadlines: 'EVALUATE',
        GetHeldInstalments: 'EVALUATE',
      },
      ChildDataContract: {
        BindGuardian: 'SUBMIT',
        UnbindGuardian: 'SUBMIT',
        ListGuardianChildren: 'EVALUATE',
        ListPseudonymLookups: 'EVALUATE',
        RecordPseudonymLookup: 'SUBMIT',
        PutChildData: 'SUBMIT',
        PutMunicipalChildData: 'SUBMIT',
        LogChildDataAccess: 'SUBMIT',
        ReadChildData: 'EVALUATE',
        CheckChildData: 'EVALUATE',
        ErasePersonalData: 'SUBMIT',
        ListAccessLog: 'EVALUATE',
      },
    });
  });

  it('answers an unknown transaction with NOT_FOUND, without echoing its name', async () => {
    const network = new TestNetwork();
    const tx = network.ledger.begin(people.sara);
    const ctx = contracts.agreements.createContext();
    ctx.stub = tx.stub;
    ctx.clientIdentity = tx.identity;
    const contract: Contract = contracts.agreements;
    const error = await contract.unknownTransaction(ctx).then(
      () => expect.fail('no error'),
      (failure: unknown) => failure as Error,
    );
    expect(error.message).to.include('"code":"NOT_FOUND"');
  });

  it('turns an unexpected fault into a fixed text that quotes nothing', async () => {
    class FaultyLedger extends FakeLedger {
      override readState(): Buffer | undefined {
        throw new TypeError('boom secret-canary');
      }
    }
    const network = new TestNetwork();
    Object.defineProperty(network, 'ledger', {
      value: new FaultyLedger({ now: '2026-01-10T09:00:00.000Z' }),
    });
    const message = await network.failureMessage(contracts.organisations, 'GetRegistry', people.sara);
    expect(message).to.match(/^unexpected chaincode fault \(TypeError\) in transaction [0-9a-f]{64}$/);
  });

  it('rejects writes after a paginated query, as Fabric does (queries stay read-only)', async () => {
    const network = new TestNetwork();
    await registerOrganisations(network);
    const tx = network.ledger.begin(people.sara);
    await tx.stub.getStateByPartialCompositeKeyWithPagination('agreement~status', ['active'], 10, '');
    expect(() => tx.stub.putState('k', Buffer.from('v'))).to.throw(/paginated query/);
  });

  describe('transaction time', () => {
    const dateAt = (instant: string): { instant: string; date: string } =>
      txMoment(new FakeLedger({ now: instant }).begin(people.sara).stub);

    it('is the transaction timestamp, with the Danish calendar date', () => {
      expect(dateAt('2026-01-31T22:59:59.999Z')).to.deep.equal({
        instant: '2026-01-31T22:59:59.999Z',
        date: '2026-01-31',
      });
      expect(dateAt('2026-01-31T23:00:00.000Z').date).to.equal('2026-02-01');
      expect(dateAt('2026-06-30T21:59:59.000Z').date).to.equal('2026-06-30');
      expect(dateAt('2026-06-30T22:00:00.000Z').date).to.equal('2026-07-01');
    });

    it('switches to summer time at 01:00 UTC on the last Sunday of March, back in October', () => {
      expect(dateAt('2026-03-29T00:59:59.000Z').date).to.equal('2026-03-29');
      expect(dateAt('2026-03-28T22:30:00.000Z').date).to.equal('2026-03-28');
      expect(dateAt('2026-03-29T22:30:00.000Z').date).to.equal('2026-03-30');
      expect(dateAt('2026-10-25T22:30:00.000Z').date).to.equal('2026-10-25');
      expect(dateAt('2026-10-24T22:30:00.000Z').date).to.equal('2026-10-25');
    });
  });
});
