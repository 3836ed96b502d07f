import { expect } from 'chai';
import type { Agreement, Deadline, HeldInstalments, Settlement } from 'agreements-chaincode/core';
import type { InvoiceRecord, SettlementRecord } from 'agreements-chaincode/contract/records';
import type { Page } from '@fabric-agreements/api';
import {
  compositeKey,
  expectCode,
  KOMMUNE,
  OESTERVOLD,
  people,
  policyOrgs,
  TestNetwork,
  theEvent,
} from './support/harness';
import { activate, contracts, placementDraft, registerOrganisations } from './support/story';

const { agreements, reports, settlements, deadlines } = contracts;
const REPORT = JSON.stringify({
  obligationId: 'status-report',
  periodNumber: 1,
  documentHash: 'a'.repeat(64),
});
const ACCEPT = JSON.stringify({ obligationId: 'status-report', periodNumber: 1, version: 1 });
const JANUARY_INVOICE = {
  invoiceId: 'inv-2026-01',
  month: '2026-01',
  lines: [
    { serviceLineId: 'stay', amount: 9_500_000 },
    { serviceLineId: 'school', amount: 2_400_000 },
    { serviceLineId: 'taxi', amount: 950_000 },
  ],
};

/** Stay 95 000 kr + school 24 000 kr + taxi 9 500 kr per month, in øre. */
const MONTH_WITH_TAXI = 12_850_000;

describe('obligations, deadlines and money', () => {
  let network: TestNetwork;

  beforeEach(async () => {
    network = new TestNetwork('2026-01-10T09:00:00.000Z');
    await registerOrganisations(network);
    await activate(network, placementDraft(), people.karin);
  });

  describe('StatusReportContract', () => {
    it('the obligated provider submits a hash; the caseworker accepts it', async () => {
      const submitted = await network.submit(
        reports,
        'SubmitStatusReport',
        people.karin,
        ['placement-1', REPORT],
        {
          at: '2026-03-20T10:00:00.000Z',
        },
      );
      const key = compositeKey('status-report', 'placement-1', 'status-report', '0001');
      expect([...submitted.writes.puts.keys()]).to.deep.equal([key]);
      expect(policyOrgs(submitted.writes.validationParameters.get(key))).to.deep.equal(
        [KOMMUNE, OESTERVOLD].sort(),
      );
      expect(theEvent(submitted.writes).payload).to.deep.equal({
        type: 'StatusReportSubmitted',
        agreementId: 'placement-1',
        municipalityMspId: KOMMUNE,
        providerMspId: OESTERVOLD,
        status: 'active',
        version: 1,
        versionState: 'agreed',
        obligationId: 'status-report',
        periodNumber: 1,
        reportVersion: 1,
      });

      const repeat = await network.submit(
        reports,
        'SubmitStatusReport',
        people.karin,
        ['placement-1', REPORT],
        {
          at: '2026-03-21T10:00:00.000Z',
        },
      );
      expect(repeat.writes.puts.size).to.equal(0);

      const accepted = await network.submit(
        reports,
        'AcceptStatusReport',
        people.sara,
        ['placement-1', ACCEPT],
        {
          at: '2026-03-22T10:00:00.000Z',
        },
      );
      expect(theEvent(accepted.writes).name).to.equal('StatusReportAccepted');
      const listed = await network.evaluate<{ acceptances: unknown[] }[]>(
        reports,
        'ListStatusReports',
        people.karin,
        ['placement-1'],
      );
      expect(listed).to.have.length(1);
      expect(listed[0]!.acceptances).to.have.length(1);
    });

    it('a non-party is refused before anything about the agreement is judged (its state stays unknown)', async () => {
      await network.submit(agreements, 'DraftAgreement', people.sara, [
        JSON.stringify(placementDraft({ id: 'placement-2' })),
      ]);
      const at = '2026-03-20T10:00:00.000Z';
      await expectCode(
        network.failure(reports, 'SubmitStatusReport', people.ole, ['placement-2', REPORT], { at }),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(reports, 'AcceptStatusReport', people.ole, ['placement-2', ACCEPT], { at }),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(agreements, 'SignAgreement', people.ole, ['placement-2', '1'], { at }),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(agreements, 'SubmitForSignatures', people.ole, ['placement-2'], { at }),
        'FORBIDDEN',
      );
    });

    it('only the obligated party submits and only the municipality accepts', async () => {
      const at = '2026-03-20T10:00:00.000Z';
      await expectCode(
        network.failure(reports, 'SubmitStatusReport', people.sara, ['placement-1', REPORT], { at }),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(reports, 'SubmitStatusReport', people.ole, ['placement-1', REPORT], { at }),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(reports, 'AcceptStatusReport', people.sara, ['placement-1', ACCEPT], { at }),
        'NOT_FOUND',
      );
      await network.submit(reports, 'SubmitStatusReport', people.karin, ['placement-1', REPORT], { at });
      await expectCode(
        network.failure(reports, 'AcceptStatusReport', people.karin, ['placement-1', ACCEPT], { at }),
        'FORBIDDEN',
      );
    });
  });

  describe('DeadlineContract', () => {
    // Q1 is due on 1 April and, after 10 days' grace, holds from 12 April.
    const afterDue = '2026-04-12T10:00:00.000Z';

    it('marks an overdue report once, holds what it gates, and releases it on acceptance', async () => {
      const applied = await network.submit<{ overdueReports: unknown[]; changed: boolean }>(
        deadlines,
        'ApplyDeadlines',
        people.karin,
        ['placement-1'],
        { at: afterDue },
      );
      expect(applied.result.overdueReports).to.deep.equal([
        { obligationId: 'status-report', periodNumber: 1, dueDate: '2026-04-01', heldFrom: '2026-04-12' },
      ]);
      const marksKey = compositeKey('deadline-marks', 'placement-1');
      expect([...applied.writes.puts.keys()]).to.deep.equal([marksKey]);
      expect(policyOrgs(applied.writes.validationParameters.get(marksKey))).to.deep.equal(
        [KOMMUNE, OESTERVOLD].sort(),
      );
      expect(theEvent(applied.writes).payload).to.include({ type: 'DeadlinesApplied', overdueReports: 1 });

      const again = await network.submit<{ changed: boolean }>(
        deadlines,
        'ApplyDeadlines',
        people.sara,
        ['placement-1'],
        {
          at: afterDue,
        },
      );
      expect(again.result.changed).to.equal(false);
      expect(again.writes.puts.size + again.writes.events.length).to.equal(0);

      const held = await network.evaluate<HeldInstalments>(
        deadlines,
        'GetHeldInstalments',
        people.sara,
        ['placement-1'],
        {
          at: afterDue,
        },
      );
      // Nothing recorded yet: every month up to the current one would be held if settled now (April: no taxi).
      expect(held.total).to.equal(3 * MONTH_WITH_TAXI + 11_900_000);
      expect([...new Set(held.instalments.map((instalment) => instalment.month))]).to.deep.equal([
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
      ]);

      // The default obligation releases on submission, before any acceptance.
      await network.submit(reports, 'SubmitStatusReport', people.karin, ['placement-1', REPORT], {
        at: '2026-04-13T10:00:00.000Z',
      });
      const released = await network.evaluate<HeldInstalments>(
        deadlines,
        'GetHeldInstalments',
        people.sara,
        ['placement-1'],
        { at: '2026-04-13T11:00:00.000Z' },
      );
      expect(released.total).to.equal(0);
      const cleared = await network.submit<{ overdueReports: unknown[]; changed: boolean }>(
        deadlines,
        'ApplyDeadlines',
        people.kommuneAdmin,
        ['placement-1'],
        { at: '2026-04-13T11:00:00.000Z' },
      );
      expect(cleared.result).to.include({ changed: true });
      expect(cleared.result.overdueReports).to.deep.equal([]);
    });

    it('marks an agreement that has run out as expired and moves its status index', async () => {
      await activate(network, placementDraft({ id: 'short-1', expectedEndDate: '2026-03-31' }), people.karin);
      const { result, writes } = await network.submit<{ status: string }>(
        deadlines,
        'ApplyDeadlines',
        people.sara,
        ['short-1'],
        { at: '2026-04-05T10:00:00.000Z' },
      );
      expect(result.status).to.equal('expired');
      expect(writes.deletes.has(compositeKey('agreement~status', 'active', OESTERVOLD, 'short-1'))).to.equal(
        true,
      );
      expect(writes.puts.has(compositeKey('agreement~status', 'expired', OESTERVOLD, 'short-1'))).to.equal(
        true,
      );
      expect(theEvent(writes).payload).to.include({ agreementId: 'short-1', status: 'expired' });
    });

    it('lists upcoming deadlines of the agreements the caller may see', async () => {
      const page = await network.evaluate<Page<Deadline>>(
        deadlines,
        'ListUpcomingDeadlines',
        people.karin,
        ['30', '', ''],
        { at: '2026-03-15T10:00:00.000Z' },
      );
      expect(page.records.map((deadline) => [deadline.kind, deadline.date])).to.deep.equal([
        ['line_ends', '2026-03-31'],
        ['report_due', '2026-04-01'],
      ]);
      const one = await network.evaluate<Deadline[]>(
        deadlines,
        'GetUpcomingDeadlines',
        people.sara,
        ['placement-1', ''],
        { at: '2026-03-15T10:00:00.000Z' },
      );
      expect(one).to.have.length(2);
      await expectCode(
        network.failure(deadlines, 'ApplyDeadlines', people.ole, ['placement-1']),
        'FORBIDDEN',
      );
    });
  });

  describe('SettlementContract', () => {
    it('computes a month and records it idempotently, as a new revision when the figures change', async () => {
      const at = '2026-02-05T10:00:00.000Z';
      const computed = await network.evaluate<{ settlement: Settlement; recorded: null }>(
        settlements,
        'GetSettlement',
        people.karin,
        ['placement-1', '2026-01'],
        { at },
      );
      expect(computed.settlement.totals).to.deep.equal({
        due: MONTH_WITH_TAXI,
        held: 0,
        payable: MONTH_WITH_TAXI,
      });
      expect(computed.recorded).to.equal(null);

      const first = await network.submit<SettlementRecord>(
        settlements,
        'RecordSettlement',
        people.sara,
        ['placement-1', '2026-01'],
        { at },
      );
      expect(first.result.revision).to.equal(1);
      expect(theEvent(first.writes).payload).to.include({
        type: 'SettlementRecorded',
        month: '2026-01',
        revision: 1,
      });
      const key = compositeKey('settlement', 'placement-1', '2026-01');
      expect(policyOrgs(first.writes.validationParameters.get(key))).to.deep.equal(
        [KOMMUNE, OESTERVOLD].sort(),
      );

      const repeat = await network.submit<SettlementRecord>(
        settlements,
        'RecordSettlement',
        people.sara,
        ['placement-1', '2026-01'],
        { at: '2026-02-06T10:00:00.000Z' },
      );
      expect(repeat.result).to.deep.equal(first.result);
      expect(repeat.writes.puts.size).to.equal(0);

      // January was settled before the Q1 report went missing (hold from 12 April): it is never reopened.
      const later = await network.submit<SettlementRecord>(
        settlements,
        'RecordSettlement',
        people.sara,
        ['placement-1', '2026-01'],
        { at: '2026-04-20T10:00:00.000Z' },
      );
      expect(later.result).to.deep.equal(first.result);
      expect(later.writes.puts.size).to.equal(0);

      // February, first recorded while the report is missing, is held ...
      const february = await network.submit<SettlementRecord>(
        settlements,
        'RecordSettlement',
        people.sara,
        ['placement-1', '2026-02'],
        { at: '2026-04-20T10:00:00.000Z' },
      );
      expect(february.result.settlement).to.include({
        settledAt: '2026-04-20T10:00:00.000Z',
        settledOn: '2026-04-20',
      });
      expect(february.result.settlement.totals).to.deep.equal({
        due: MONTH_WITH_TAXI,
        held: MONTH_WITH_TAXI,
        payable: 0,
      });
      const overview = await network.evaluate<HeldInstalments>(
        deadlines,
        'GetHeldInstalments',
        people.sara,
        ['placement-1'],
        {
          at: '2026-04-21T10:00:00.000Z',
        },
      );
      expect([
        ...new Set(overview.instalments.map((i) => `${i.month} ${i.settledAt ?? 'not recorded'}`)),
      ]).to.deep.equal(['2026-02 2026-04-20T10:00:00.000Z', '2026-03 not recorded', '2026-04 not recorded']);
      // ... until the report is submitted; the next revision keeps the moment it was first settled.
      await network.submit(reports, 'SubmitStatusReport', people.karin, ['placement-1', REPORT], {
        at: '2026-04-22T10:00:00.000Z',
      });
      const released = await network.submit<SettlementRecord>(
        settlements,
        'RecordSettlement',
        people.sara,
        ['placement-1', '2026-02'],
        { at: '2026-04-22T11:00:00.000Z' },
      );
      expect(released.result.revision).to.equal(2);
      expect(released.result.settlement).to.include({ settledAt: '2026-04-20T10:00:00.000Z' });
      expect(released.result.settlement.totals).to.deep.equal({
        due: MONTH_WITH_TAXI,
        held: 0,
        payable: MONTH_WITH_TAXI,
      });
    });

    it('refuses a month that has not begun and a caller that is not a party', async () => {
      await expectCode(
        network.failure(settlements, 'RecordSettlement', people.sara, ['placement-1', '2026-03'], {
          at: '2026-02-05T10:00:00.000Z',
        }),
        'PRECONDITION_FAILED',
      );
      await expectCode(
        network.failure(settlements, 'GetSettlement', people.ole, ['placement-1', '2026-01']),
        'FORBIDDEN',
      );
    });

    it('validates an invoice line by line and records the result', async () => {
      const at = '2026-02-03T10:00:00.000Z';
      const { result, writes } = await network.submit<InvoiceRecord>(
        settlements,
        'SubmitInvoice',
        people.karin,
        ['placement-1', JSON.stringify(JANUARY_INVOICE)],
        { at },
      );
      expect(result.validation.status).to.equal('accepted');
      expect(result.validation.totals).to.include({ approved: MONTH_WITH_TAXI, payable: MONTH_WITH_TAXI });
      const key = compositeKey('invoice', 'placement-1', 'inv-2026-01');
      expect([...writes.puts.keys()]).to.deep.equal([key]);
      expect(policyOrgs(writes.validationParameters.get(key))).to.deep.equal([KOMMUNE, OESTERVOLD].sort());
      expect(theEvent(writes).payload).to.include({
        type: 'InvoiceValidated',
        invoiceId: 'inv-2026-01',
        month: '2026-01',
        invoiceStatus: 'accepted',
      });

      const resent = await network.submit<InvoiceRecord>(
        settlements,
        'SubmitInvoice',
        people.karin,
        ['placement-1', JSON.stringify(JANUARY_INVOICE)],
        { at },
      );
      expect(resent.result).to.deep.equal(result);
      expect(resent.writes.puts.size).to.equal(0);

      await expectCode(
        network.failure(
          settlements,
          'SubmitInvoice',
          people.karin,
          [
            'placement-1',
            JSON.stringify({ ...JANUARY_INVOICE, lines: [{ serviceLineId: 'stay', amount: 1 }] }),
          ],
          { at },
        ),
        'CONFLICT',
      );

      const twice = await network.submit<InvoiceRecord>(
        settlements,
        'SubmitInvoice',
        people.karin,
        ['placement-1', JSON.stringify({ ...JANUARY_INVOICE, invoiceId: 'inv-2026-01-b' })],
        { at },
      );
      expect(twice.result.validation.status).to.equal('rejected');
      expect(twice.result.validation.lines.map((line) => line.reason)).to.deep.equal([
        'ALREADY_INVOICED',
        'ALREADY_INVOICED',
        'ALREADY_INVOICED',
      ]);
      const listed = await network.evaluate<InvoiceRecord[]>(settlements, 'ListInvoices', people.sara, [
        'placement-1',
      ]);
      expect(listed.map((invoice) => invoice.invoiceId)).to.deep.equal(['inv-2026-01', 'inv-2026-01-b']);
      const one = await network.evaluate<InvoiceRecord>(settlements, 'GetInvoice', people.sara, [
        'placement-1',
        'inv-2026-01',
      ]);
      expect(one.validation.status).to.equal('accepted');
    });

    it('takes invoices from the provider only, and rejects periods after termination', async () => {
      await expectCode(
        network.failure(settlements, 'SubmitInvoice', people.sara, [
          'placement-1',
          JSON.stringify(JANUARY_INVOICE),
        ]),
        'FORBIDDEN',
      );
      await network.submit(
        agreements,
        'ProposeTermination',
        people.sara,
        ['placement-1', JSON.stringify({ effectiveDate: '2026-01-31' })],
        { at: '2026-01-20T10:00:00.000Z' },
      );
      await network.submit(agreements, 'SignTermination', people.jonas, ['placement-1', '1'], {
        at: '2026-01-20T10:00:00.000Z',
      });
      const terminated = await network.submit<Agreement>(
        agreements,
        'SignTermination',
        people.karin,
        ['placement-1', '1'],
        { at: '2026-01-20T10:00:00.000Z' },
      );
      expect(terminated.result.status).to.equal('terminated');
      const late = await network.submit<InvoiceRecord>(
        settlements,
        'SubmitInvoice',
        people.karin,
        ['placement-1', JSON.stringify({ ...JANUARY_INVOICE, invoiceId: 'inv-2026-02', month: '2026-02' })],
        { at: '2026-03-02T10:00:00.000Z' },
      );
      expect(late.result.validation.lines.map((line) => line.reason)).to.deep.equal([
        'AFTER_TERMINATION',
        'AFTER_TERMINATION',
        'AFTER_TERMINATION',
      ]);
    });
  });
});
