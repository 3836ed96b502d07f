import { expect } from 'chai';
import {
  acceptStatusReport,
  addDays,
  canonicalJson,
  cascadeTermination,
  createAgreementDraft,
  daysInIsoMonth,
  invoicedLineMonths,
  kroner,
  lastDayOfMonths,
  proposeAmendment,
  proposeTermination,
  settleMonth,
  signAgreement,
  signTermination,
  submitForSignatures,
  submitStatusReport,
  upcomingDeadlines,
  validateInvoice,
  type Actor,
  type Agreement,
  type InvoiceInput,
  type InvoiceValidation,
  type InvoicedLineMonth,
  type Moment,
  type StatusReport,
} from 'agreements-chaincode/core';
import {
  addOnInput,
  at,
  expectRefusal,
  hash,
  jonas,
  karin,
  lene,
  mads,
  ole,
  placementInput,
  roundHalfUp,
  RULE,
  sara,
  schoolSupportLine,
  StoryCalendar,
  storyStart,
  visitationInput,
  firstSundayFrom,
  visitsBetween,
} from './fixtures';

/**
 * The case story end to end, on a start date computed from today (the first day of the month eleven months ago),
 * so that month 12 is the current month; then again as it would run in each of the next eleven months, so every
 * calendar month (and its length) has been a start month.
 */
const today = new Date();
for (let shift = 0; shift < 12; shift++) {
  const now = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + shift, 15));
  caseStory(shift === 0 ? today : now, shift === 0 ? 'today' : `${shift} month(s) from now`);
}

function caseStory(now: Date, label: string): void {
  describe(`the case story, run ${label}: a placement, its add-on and its end`, () => {
    const cal = new StoryCalendar(storyStart(now));
    const S = cal.start;
    const daysIn = (n: number): number => daysInIsoMonth(cal.month(n));
    const on = (n: number, d: number, time?: string): Moment => at(cal.day(n, d), time);
    const before = at(addDays(S, -14));

    function draftAndSubmit(input: Parameters<typeof createAgreementDraft>[0], when: Moment): Agreement {
      return submitForSignatures(createAgreementDraft(input, sara, when), sara, when);
    }

    function signAll(
      agreement: Agreement,
      version: number,
      signers: readonly Actor[],
      when: Moment,
    ): Agreement {
      return signers.reduce(
        (result, signer) => signAgreement(result, version, signer, RULE, when),
        agreement,
      );
    }

    function invoice(
      agreement: Agreement,
      n: number,
      lines: InvoiceInput['lines'],
      alreadyInvoiced: readonly InvoicedLineMonth[] = [],
      reports: readonly StatusReport[] = [],
      when: Moment = on(n + 1, 5),
    ): InvoiceValidation {
      return validateInvoice(
        agreement,
        { invoiceId: `${agreement.id}-${cal.month(n)}`, month: cal.month(n), lines },
        { alreadyInvoiced, reports },
        when,
      );
    }

    // Step 1 — the placement: both centre heads and the placement site sign.
    // The story's placement releases a missing report's hold only when the caseworker accepts the report.
    const placementTerms = { obligations: [{ id: 'status-report', releasedBy: 'acceptance' as const }] };
    const placementDraft = draftAndSubmit(placementInput(S, placementTerms), before);
    const placementHalf = signAgreement(placementDraft, 1, mads, RULE, before);
    const placement = signAll(placementHalf, 1, [lene, karin], before);

    // Step 2 — the visitation: the director alone and the consultancy sign.
    const visitation = signAll(draftAndSubmit(visitationInput(S), before), 1, [jonas, ole], before);

    // Step 4 — the add-on from month 2: 6 h/week for 3 months; then adjusted to 4 h/week from month 5.
    const addOnStart = cal.day(2, 1);
    const addOnV1 = signAll(draftAndSubmit(addOnInput(addOnStart), on(1, 20)), 1, [jonas, karin], on(1, 25));
    const addOnProposal = proposeAmendment(
      addOnV1,
      {
        effectiveFrom: cal.day(5, 1),
        changes: [
          { type: 'change_quantity', serviceLineId: 'support', agreedQuantity: 4 },
          {
            type: 'change_period',
            serviceLineId: 'support',
            reEvaluationDate: lastDayOfMonths(addOnStart, 12),
          },
        ],
      },
      sara,
      on(4, 15),
    );
    const addOn = signAll(addOnProposal, 2, [mads, lene, karin], on(4, 20));

    // Step 5 — reports of the placement site: Q1 in time, Q2 (due in month 7) only in month 8, Q3 in time.
    const report = (
      agreement: Agreement,
      actor: Actor,
      period: number,
      digit: string,
      submitted: Moment,
      accepted: Moment,
    ): StatusReport =>
      acceptStatusReport(
        agreement,
        submitStatusReport(
          agreement,
          undefined,
          { obligationId: 'status-report', periodNumber: period, documentHash: hash(digit) },
          actor,
          submitted,
        ),
        1,
        sara,
        accepted,
      );
    const placementQ1 = report(placement, karin, 1, 'a', on(3, 28), on(4, 1));
    const placementQ2 = report(placement, karin, 2, 'b', on(8, 18), on(8, 20));
    const placementQ3 = report(placement, karin, 3, 'c', on(9, 28), on(10, 1));
    const placementReports = [placementQ1, placementQ2, placementQ3];
    const visitationReports = [1, 2, 3].map((period) =>
      report(visitation, ole, period, String(period), on(period * 3, 27), on(period * 3, 28)),
    );

    describe('1–3. drafting and signing', () => {
      it('puts the three agreements in force from their start dates once every signature is in', () => {
        expect(placementDraft.status).to.equal('awaiting_signatures');
        expect(placementHalf.status, 'one centre head is not enough').to.equal('awaiting_signatures');
        expect(placement.status).to.equal('active');
        expect(placement.versions[0]?.signatures.map((s) => s.role)).to.deep.equal([
          'centre_head',
          'centre_head',
          'provider_staff',
        ]);
        expect(visitation.status).to.equal('active');
        expect(visitation.versions[0]?.signatures.map((s) => s.role)).to.deep.equal([
          'director',
          'consultant',
        ]);
        expect(visitation.relatedAgreementIds).to.deep.equal(['placement-1']);
        // Signed two weeks early, but nothing is owed before the start month.
        expect(settleMonth(placement, cal.month(0), [], before).lines).to.deep.equal([]);
      });

      it('refuses the caseworker’s signature and the same centre head twice', () => {
        expectRefusal(() => signAgreement(placementDraft, 1, sara, RULE, before), 'WRONG_ROLE');
        expectRefusal(() => signAgreement(placementHalf, 1, mads, RULE, before), 'ALREADY_SIGNED');
        expectRefusal(() => signAgreement(placementHalf, 1, ole, RULE, before), 'FORBIDDEN');
      });

      it('writes the agreement as deterministic JSON', () => {
        const reordered = JSON.parse(canonicalJson(placement)) as Agreement;
        expect(canonicalJson(reordered)).to.equal(canonicalJson(placement));
        expect(canonicalJson(placement)).not.to.match(/Preben|CPR/i);
      });
    });

    describe('4. the add-on and its amendment', () => {
      it('keeps 6 h/week in force until the amendment takes effect, then 4 h/week', () => {
        expect(addOn.versions.map((v) => [v.number, v.state, v.effectiveFrom])).to.deep.equal([
          [1, 'agreed', addOnStart],
          [2, 'agreed', cal.day(5, 1)],
        ]);
        const hours = (n: number): number | undefined =>
          settleMonth(addOn, cal.month(n), [], on(n, 1)).lines[0]?.allowedQuantity;
        expect(hours(1)).to.be.undefined;
        expect(Math.floor((6 * daysIn(2) * 100) / 7) / 100).to.equal(hours(2));
        expect(Math.floor((6 * daysIn(4) * 100) / 7) / 100).to.equal(hours(4));
        expect(Math.floor((4 * daysIn(5) * 100) / 7) / 100).to.equal(hours(5));
      });

      it('can also be added to the placement itself as an amendment both sides sign', () => {
        const proposal = proposeAmendment(
          placement,
          { effectiveFrom: addOnStart, changes: [{ type: 'add_line', line: schoolSupportLine(addOnStart) }] },
          sara,
          on(1, 20),
        );
        const amended = signAll(proposal, 2, [jonas, karin], on(1, 25));
        const month2 = settleMonth(amended, cal.month(2), [], on(2, 10));
        expect(month2.lines.map((l) => l.serviceLineId)).to.deep.equal(['school', 'stay', 'support', 'taxi']);
        expect(month2.lines.find((l) => l.serviceLineId === 'support')?.due).to.equal(
          roundHalfUp(44_400 * 6 * daysIn(2), 7),
        );
      });
    });

    describe('5–6. monthly settlement and status reports', () => {
      it('settles all twelve months from the lines active in each', () => {
        const asOf = on(12, 28); // Q4 is not due yet, Q1–Q3 accepted: nothing held
        let placementTotal = 0;
        for (let n = 1; n <= 12; n++) {
          const month = settleMonth(placement, cal.month(n), placementReports, asOf);
          const expected = n <= 3 ? 12_850_000 : 11_900_000;
          expect(month.totals, `month ${n}`).to.deep.equal({ due: expected, held: 0, payable: expected });
          placementTotal += month.totals.payable;

          const visits = settleMonth(visitation, cal.month(n), visitationReports, asOf).lines[0];
          // One visit on each second Sunday from the first Sunday of the start month.
          const visitsInMonth = visitsBetween(firstSundayFrom(S), 2, cal.day(n, 1), cal.day(n, daysIn(n)));
          expect(visits?.due, `visits month ${n}`).to.equal(515_100 * visitsInMonth);
          expect(visitsInMonth, `visits month ${n}`).to.be.oneOf([2, 3]);

          const support = settleMonth(addOn, cal.month(n), [], asOf).lines[0];
          const perWeek = n < 2 ? 0 : n < 5 ? 6 : 4;
          expect(support?.due ?? 0, `add-on month ${n}`).to.equal(
            roundHalfUp(44_400 * perWeek * daysIn(n), 7),
          );
        }
        expect(placementTotal).to.equal(3 * kroner(128_500) + 9 * kroner(119_000));
      });

      it('holds the gated lines of every month settled while the Q2 report is missing, until it is accepted', () => {
        // Each month is settled (recorded) on the 1st of the next. Q2 is due on day 1 of month 7; with 10 days'
        // grace it holds from day 12 of month 7 until Sara accepts it on day 20 of month 8.
        const settled = (n: number): Moment => on(n + 1, 1);
        const q2 = {
          obligationId: 'status-report',
          periodNumber: 2,
          dueDate: cal.day(7, 1),
          heldFrom: cal.day(7, 12),
        };
        const reportsThen = [placementQ1];
        const whileMissing = on(8, 10);
        // Month 6 was settled before the hold began and is never reopened.
        expect(
          settleMonth(placement, cal.month(6), reportsThen, whileMissing, {}, settled(6)).totals.held,
        ).to.equal(0);
        // Month 7 was settled while Q2 was missing: its placement lines are held, whichever quarter they belong to.
        const month7 = settleMonth(placement, cal.month(7), reportsThen, whileMissing, {}, settled(7));
        expect(month7.totals).to.deep.equal({ due: 11_900_000, held: 11_900_000, payable: 0 });
        expect(month7.lines[0]?.heldBy).to.deep.equal([q2]);
        // Only that agreement: the add-on and the visitation settled the same day are paid as usual.
        expect(
          settleMonth(addOn, cal.month(7), reportsThen, whileMissing, {}, settled(7)).totals.held,
        ).to.equal(0);
        expect(
          settleMonth(visitation, cal.month(7), visitationReports, whileMissing, {}, settled(7)).totals.held,
        ).to.equal(0);
        expect(
          upcomingDeadlines(placement, reportsThen, whileMissing).filter((d) => d.kind === 'report_overdue'),
        ).to.have.length(1);
        // Submitted on day 18 but not yet accepted: still held. Accepted on day 20: released.
        expect(
          settleMonth(placement, cal.month(7), placementReports, on(8, 19), {}, settled(7)).totals.held,
        ).to.equal(11_900_000);
        expect(
          settleMonth(placement, cal.month(7), placementReports, on(8, 21), {}, settled(7)).totals,
        ).to.deep.equal({
          due: 11_900_000,
          held: 0,
          payable: 11_900_000,
        });
        // Month 8, settled after the acceptance, is not held at all.
        expect(settleMonth(placement, cal.month(8), placementReports, settled(8)).totals.held).to.equal(0);
      });
    });

    describe('6. invoices', () => {
      const month1 = invoice(placement, 1, [
        { serviceLineId: 'stay', amount: kroner(95_000) },
        { serviceLineId: 'school', amount: kroner(24_000) },
        { serviceLineId: 'taxi', amount: kroner(9_500) },
      ]);

      it('accepts a valid invoice', () => {
        expect(month1.status).to.equal('accepted');
        expect(month1.totals.approved).to.equal(12_850_000);
      });

      it('rejects the same month again', () => {
        const again = invoice(
          placement,
          1,
          [{ serviceLineId: 'stay', amount: kroner(95_000) }],
          invoicedLineMonths(month1),
        );
        expect(again.lines[0]).to.include({ status: 'rejected', reason: 'ALREADY_INVOICED' });
      });

      it('rejects a wrong visit price and accepts the agreed one', () => {
        const wrong = invoice(visitation, 1, [
          { serviceLineId: 'visits', quantity: 2, unitPrice: kroner(5_000) },
        ]);
        expect(wrong.lines[0]).to.include({ reason: 'WRONG_PRICE' });
        const right = invoice(visitation, 1, [
          { serviceLineId: 'visits', quantity: 2, unitPrice: kroner(5_151) },
        ]);
        expect(right.totals.approved).to.equal(1_030_200);
      });

      it('rejects add-on hours above the allowance, before and after the 6 → 4 adjustment', () => {
        const allowed6 = (6 * daysIn(3)) / 7;
        const above = invoice(addOn, 3, [
          { serviceLineId: 'support', quantity: Math.floor(allowed6) + 1, unitPrice: kroner(444) },
        ]);
        expect(above.lines[0]).to.include({ reason: 'QUANTITY_ABOVE_ALLOWANCE' });
        const within = invoice(addOn, 3, [
          { serviceLineId: 'support', quantity: 24, unitPrice: kroner(444) },
        ]);
        expect(within.totals.approved).to.equal(1_065_600);
        const oldQuantity = invoice(addOn, 5, [
          { serviceLineId: 'support', quantity: 24, unitPrice: kroner(444) },
        ]);
        expect(oldQuantity.lines[0]).to.include({ reason: 'QUANTITY_ABOVE_ALLOWANCE' });
        const newQuantity = invoice(addOn, 5, [
          { serviceLineId: 'support', quantity: 16, unitPrice: kroner(444) },
        ]);
        expect(newQuantity.totals.approved).to.equal(710_400);
      });

      it('approves a month held by a missing report but pays it only once the report is accepted (month 6, not yet recorded, checked on day 20 of month 7)', () => {
        const reportsThen = [placementQ1];
        const held = invoice(
          placement,
          6,
          [{ serviceLineId: 'stay', amount: kroner(95_000) }],
          [],
          reportsThen,
          on(7, 20),
        );
        expect(held.totals).to.deep.equal({
          claimed: 9_500_000,
          approved: 9_500_000,
          held: 9_500_000,
          payable: 0,
        });
        const supportHeld = invoice(
          addOn,
          6,
          [{ serviceLineId: 'support', quantity: 16, unitPrice: kroner(444) }],
          [],
          reportsThen,
          on(7, 20),
        );
        expect(supportHeld.totals.payable).to.equal(710_400);
      });
    });

    describe('7. termination after 12 months and its cascade', () => {
      const lastDay = lastDayOfMonths(S, 12);
      const proposal = proposeTermination(placement, lastDay, karin, on(12, 1));
      const municipal = signTermination(proposal, 1, jonas, RULE, on(12, 2));
      const ended = signTermination(municipal, 1, karin, RULE, on(12, 2));
      const [visitationEnded, addOnEnded] = cascadeTermination(ended, [visitation, addOn], on(12, 2));

      it('ends the placement and, on the same date, the related visitation and add-on', () => {
        expect(municipal.status).to.equal('active');
        expect(ended.status).to.equal('terminated');
        for (const related of [visitationEnded, addOnEnded]) {
          expect(related?.status).to.equal('terminated');
          expect(related?.terminations.at(-1)).to.include({
            effectiveDate: lastDay,
            causeAgreementId: 'placement-1',
          });
        }
      });

      it('still pays the last month in full and rejects every invoice for a later month', () => {
        const last = invoice(
          ended,
          12,
          [{ serviceLineId: 'stay', amount: kroner(95_000) }],
          [],
          placementReports,
          on(12, 28),
        );
        expect(last.status).to.equal('accepted');
        const afterwards: [Agreement | undefined, InvoiceInput['lines']][] = [
          [ended, [{ serviceLineId: 'stay', amount: kroner(95_000) }]],
          [visitationEnded, [{ serviceLineId: 'visits', quantity: 1, unitPrice: kroner(5_151) }]],
          [addOnEnded, [{ serviceLineId: 'support', quantity: 4, unitPrice: kroner(444) }]],
        ];
        for (const [agreement, lines] of afterwards) {
          const later = invoice(agreement!, 13, lines);
          expect(later.status, agreement?.id).to.equal('rejected');
          expect(later.lines[0]?.reason).to.equal('AFTER_TERMINATION');
        }
      });

      it('prorates an early termination in the middle of the month', () => {
        const early = signTermination(
          signTermination(
            proposeTermination(placement, cal.day(12, 15), sara, on(12, 1)),
            1,
            mads,
            RULE,
            on(12, 1),
          ),
          1,
          karin,
          RULE,
          on(12, 1),
        );
        expect(early.status, 'one centre head alone does not terminate').to.equal('active');
        const agreed = signTermination(early, 1, lene, RULE, on(12, 1));
        expect(agreed.status).to.equal('terminated');
        const stay = roundHalfUp(9_500_000 * 15, daysIn(12));
        const school = roundHalfUp(2_400_000 * 15, daysIn(12));
        expect(settleMonth(agreed, cal.month(12), placementReports, on(12, 20)).totals.due).to.equal(
          stay + school,
        );
        const result = invoice(agreed, 12, [
          { serviceLineId: 'stay', amount: stay },
          { serviceLineId: 'school', amount: kroner(24_000) },
        ]);
        expect(result.lines.map((l) => [l.status, l.reason])).to.deep.equal([
          ['accepted', undefined],
          ['rejected', 'WRONG_AMOUNT'],
        ]);
        const [visitsEarly] = cascadeTermination(agreed, [visitation], on(12, 1));
        expect(
          settleMonth(visitsEarly!, cal.month(12), visitationReports, on(12, 20)).lines[0]?.allowedQuantity,
        ).to.equal(visitsBetween(firstSundayFrom(S), 2, cal.day(12, 1), cal.day(12, 15)));
      });
    });
  });
}
