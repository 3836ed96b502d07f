/**
 * The case story (../shared/case-story.md) end to end on the real native network, played by its people with their
 * own CA-issued identities through @hyperledger/fabric-gateway: the placement and the visitation agreement signed
 * under the delegation rule, the add-on as two amendments, quarterly status reports with one quarter missing, the
 * monthly settlements and invoices with the story's amounts, and the termination after 12 months with its cascade.
 * Then independent scenarios: an early termination mid-month, and refusals (one-org endorsement, a provider acting
 * on another provider's agreement).
 *
 * The story starts on the first day of the month eleven months ago, so "month 12" is the current month and most
 * months lie in the past (as the chaincode's clock, the transaction timestamp, sees them). Months are numbered as
 * the story does: month 1 is the start month. Every id is unique per run, so the test can run again and again
 * against the same network.
 */
import { expect } from 'chai';
import type { InvoiceInput, LineSettlement, Settlement } from 'agreements-client';
import {
  documentHash,
  firstSundayFrom,
  kroner,
  perWeekAllowance,
  PRICES,
  prorate,
  schoolSupportLine,
  STATUS_REPORT,
  StoryCalendar,
  visitationDraft,
  visitsInMonth,
} from 'agreements-case-story';
import { closeAll, organisation, type OrgKey, uniqueId } from '../support/network';
import { chaincodeEventOf, type Person, person, placementDraft, refusal } from '../support/story';

const MUNICIPALITY = organisation('municipality').mspId;
const PLACEMENT_SITE = organisation('placement').mspId;
const CONSULTANCY = organisation('consultancy').mspId;
/**
 * Writes to an agreement are endorsed by its two parties (the client's default). A termination that cascades to
 * the consultancy's visitation agreement writes both providers' keys; a provider acting on another provider's
 * agreement asks every peer.
 */
const ALL_PEERS = { endorsingOrganizations: [MUNICIPALITY, PLACEMENT_SITE, CONSULTANCY] };

const story = new StoryCalendar();
const S = story.start;
/** Month n of the story (1 = the start month) as `YYYY-MM`. */
const M = (n: number): string => story.month(n);
/** Day d of month n. */
const day = (n: number, d: number): string => story.day(n, d);
/** Last day of month n. */
const lastDay = (n: number): string => story.lastDay(n);
const days = (n: number): number => story.days(n);

const { stay: STAY, school: SCHOOL, taxi: TAXI, supportHourly: SUPPORT_HOURLY, visit: VISIT } = PRICES;

const people = new Map<string, Person>();
function as(org: OrgKey, user: string): Person {
  const key = `${org}/${user}`;
  let found = people.get(key);
  if (!found) {
    found = person(org, user);
    people.set(key, found);
  }
  return found;
}
const sara = (): Person => as('municipality', 'sara');
const mads = (): Person => as('municipality', 'mads');
const lene = (): Person => as('municipality', 'lene');
const jonas = (): Person => as('municipality', 'jonas');
const karin = (): Person => as('placement', 'karin');
const ole = (): Person => as('consultancy', 'ole');

// ---- the story's calls that add something to the transaction's own input ----

function submitReport(who: Person, id: string, periodNumber: number, document: string, options = {}) {
  const report = { obligationId: STATUS_REPORT, periodNumber, documentHash: documentHash(document) };
  return who.reports.submitStatusReport(id, report, options);
}

function acceptReport(who: Person, id: string, periodNumber: number, version: number) {
  return who.reports.acceptStatusReport(id, { obligationId: STATUS_REPORT, periodNumber, version });
}

async function settlement(who: Person, id: string, isoMonth: string): Promise<Settlement> {
  return (await who.settlements.getSettlement(id, isoMonth)).settlement;
}

function invoice(who: Person, id: string, isoMonth: string, lines: InvoiceInput['lines'], options = {}) {
  return who.settlements.submitInvoice(id, { invoiceId: uniqueId('inv'), month: isoMonth, lines }, options);
}

function line(s: Settlement, serviceLineId: string): LineSettlement {
  const found = s.lines.find((l) => l.serviceLineId === serviceLineId);
  if (!found) throw new Error(`no line ${serviceLineId} in the settlement of ${s.month}`);
  return found;
}

/** Line id → [due, held, payable]: the figures a settlement is checked by. */
function figures(s: Settlement): Record<string, [number, number, number]> {
  return Object.fromEntries(s.lines.map((l) => [l.serviceLineId, [l.due, l.held, l.payable]]));
}

/**
 * Ordered steps of one story sharing its ledger state: when a step fails, the later steps are skipped (they would
 * only fail for the same reason) and the failure names the step.
 */
function storySteps(): void {
  let broken: string | undefined;
  beforeEach(function () {
    if (broken !== undefined) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') broken = this.currentTest.title;
  });
}

describe('the case story on the real network', function () {
  this.timeout(300_000);
  after(closeAll);

  describe('a placement, its add-on, and its end', function () {
    storySteps();

    const child = uniqueId('child');
    const placementId = uniqueId('placement');
    const visitationId = uniqueId('visitation');
    const addOnLine = schoolSupportLine(day(2, 1), lastDay(4));
    let terminationTx: { transactionId: string; blockNumber: bigint } | undefined;
    let month5SettledAt = '';

    it('1. Sara drafts the placement from its template and submits it for signatures', async function () {
      const drafted = await sara().agreements.draftAgreement(placementDraft(placementId, S, child));
      expect(drafted.status).to.equal('draft');
      expect(drafted.versions.map((v) => [v.number, v.state])).to.deep.equal([[1, 'draft']]);
      expect(
        drafted.versions[0]!.terms.lines.map((l) => [
          l.id,
          (l as { monthlyPrice?: number }).monthlyPrice,
          l.endDate,
        ]),
      ).to.deep.equal([
        ['stay', STAY, undefined],
        ['school', SCHOOL, undefined],
        ['taxi', TAXI, lastDay(3)],
      ]);
      // The status report every 3 months comes from the placement template and gates every placement line.
      expect(drafted.obligations).to.have.length(1);
      expect(drafted.obligations[0]).to.include({
        id: 'status-report',
        everyMonths: 3,
        obligatedSide: 'provider',
      });
      expect(drafted.obligations[0]!.gatedLineKinds).to.include.members(['stay', 'school', 'transport']);

      const submitted = await sara().agreements.submitForSignatures(placementId);
      expect(submitted.status).to.equal('awaiting_signatures');
      expect(submitted.versions[0]!.state).to.equal('awaiting_signatures');
    });

    it('2. Mads and Lene (two different centre heads) and Karin sign: active; Sara and a second Mads do not count', async function () {
      const bySara = await refusal(() => sara().agreements.signAgreement(placementId, 1));
      expect(bySara.code, bySara.text).to.equal('WRONG_ROLE');

      const byMads = await mads().agreements.signAgreement(placementId, 1);
      expect(byMads.status, 'one centre head is not enough').to.equal('awaiting_signatures');

      const madsAgain = await refusal(() => mads().agreements.signAgreement(placementId, 1));
      expect(madsAgain.code, madsAgain.text).to.equal('ALREADY_SIGNED');

      const byLene = await lene().agreements.signAgreement(placementId, 1);
      expect(byLene.status, 'the placement site has not signed yet').to.equal('awaiting_signatures');

      const byKarin = await karin().agreements.signAgreement(placementId, 1);
      expect(byKarin.status).to.equal('active');
      expect(byKarin.activatedAt).to.be.a('string');
      const v1 = byKarin.versions[0]!;
      expect([v1.number, v1.state, v1.effectiveFrom]).to.deep.equal([1, 'agreed', S]);
      expect(v1.signatures.map((s) => [s.role, s.side, s.agreementVersion])).to.deep.equal([
        ['centre_head', 'municipality', 1],
        ['centre_head', 'municipality', 1],
        ['provider_staff', 'provider', 1],
      ]);
      expect(new Set(v1.signatures.map((s) => s.certId)).size, 'three different people').to.equal(3);
    });

    it('3. the visitation agreement, related to the placement, is signed by Jonas alone (director) and Ole', async function () {
      // 4 hours every second Sunday: one visit on each second Sunday from the first (docs/domain-rules.md).
      const parties = { municipalityMspId: MUNICIPALITY, providerMspId: CONSULTANCY };
      await sara().agreements.draftAgreement(
        visitationDraft({ id: visitationId, start: S, childPseudonym: child, parties, placementId }),
      );
      await sara().agreements.submitForSignatures(visitationId);

      const byKarin = await refusal(() => karin().agreements.signAgreement(visitationId, 1));
      expect(byKarin.code, 'the placement site is no party to the consultancy agreement').to.equal(
        'FORBIDDEN',
      );

      const byJonas = await jonas().agreements.signAgreement(visitationId, 1);
      expect(byJonas.status, 'the director completes the municipal side, Ole has not signed').to.equal(
        'awaiting_signatures',
      );
      const byOle = await ole().agreements.signAgreement(visitationId, 1);
      expect(byOle.status).to.equal('active');
      expect(byOle.relatedAgreementIds).to.deep.equal([placementId]);
      expect(byOle.versions[0]!.signatures.map((s) => s.role)).to.deep.equal(['director', 'consultant']);
    });

    it('4. the add-on (6 h/week at 444 kr for 3 months, then re-evaluated) is an amendment both sides sign: version 2', async function () {
      const proposed = await sara().agreements.proposeAmendment(placementId, {
        effectiveFrom: day(2, 1),
        changes: [{ type: 'add_line', line: addOnLine }],
      });
      expect(proposed.status).to.equal('active');
      expect(proposed.versions.map((v) => [v.number, v.state])).to.deep.equal([
        [1, 'agreed'],
        [2, 'awaiting_signatures'],
      ]);

      await jonas().agreements.signAgreement(placementId, 2);
      const agreed = await karin().agreements.signAgreement(placementId, 2);
      const v2 = agreed.versions[1]!;
      expect([v2.number, v2.state, v2.effectiveFrom]).to.deep.equal([2, 'agreed', day(2, 1)]);
      expect(v2.signatures.map((s) => [s.role, s.agreementVersion])).to.deep.equal([
        ['director', 2],
        ['provider_staff', 2],
      ]);
      expect(v2.terms.lines.find((l) => l.id === 'school-support')).to.deep.equal(addOnLine);
    });

    it('5. the hours go down to 4 a week by another amendment (version 3) that needs new signatures', async function () {
      const proposed = await sara().agreements.proposeAmendment(placementId, {
        effectiveFrom: day(4, 1),
        changes: [{ type: 'change_quantity', serviceLineId: 'school-support', agreedQuantity: 4 }],
      });
      const v3 = proposed.versions[2]!;
      expect([v3.number, v3.state, v3.signatures.length]).to.deep.equal([3, 'awaiting_signatures', 0]);

      // A signature binds one version: version 2 is agreed and no longer open for signatures.
      const stale = await refusal(() => jonas().agreements.signAgreement(placementId, 2));
      expect(stale.code, stale.text).to.equal('VERSION_MISMATCH');

      await mads().agreements.signAgreement(placementId, 3);
      await lene().agreements.signAgreement(placementId, 3);
      const agreed = await karin().agreements.signAgreement(placementId, 3);
      expect(agreed.versions.map((v) => [v.number, v.state, v.effectiveFrom])).to.deep.equal([
        [1, 'agreed', S],
        [2, 'agreed', day(2, 1)],
        [3, 'agreed', day(4, 1)],
      ]);
      const quantity = (v: number): number | undefined =>
        (
          agreed.versions[v - 1]!.terms.lines.find((l) => l.id === 'school-support') as
            { agreedQuantity?: number } | undefined
        )?.agreedQuantity;
      expect([quantity(1), quantity(2), quantity(3)]).to.deep.equal([undefined, 6, 4]);
    });

    it('6. the history keeps every version and every signature, newest first', async function () {
      const history = await sara().agreements.getAgreementHistory(placementId);
      // draft, submit, 3 signatures; amendment + 2 signatures; amendment + 3 signatures. Refused ones wrote nothing.
      expect(history, 'one entry per committed write of the placement').to.have.length(12);
      const timestamps = history.map((h) => Date.parse(h.timestamp));
      expect(timestamps).to.deep.equal([...timestamps].sort((a, b) => b - a));
      const states = history.map((h) => h.agreement!.versions.map((v) => `${v.number}:${v.state}`).join(','));
      expect(states[0]).to.equal('1:agreed,2:agreed,3:agreed');
      expect(states).to.include('1:agreed,2:awaiting_signatures');
      expect(states).to.include('1:agreed,2:agreed,3:awaiting_signatures');
      expect(history.at(-1)!.agreement!.status).to.equal('draft');
      expect(history.map((h) => h.isDelete)).to.not.include(true);
    });

    it('7. Karin reports quarters 1 and 3 (not 2), Ole every quarter; Sara accepts what arrives', async function () {
      for (const quarter of [1, 3]) {
        const report = await submitReport(
          karin(),
          placementId,
          quarter,
          `Status report Q${quarter} for ${child}`,
        );
        expect(report.versions.map((v) => v.documentHash)).to.deep.equal([
          documentHash(`Status report Q${quarter} for ${child}`),
        ]);
        // Report n covers 3 months from start + 3(n−1) months and is due on start + 3n months.
        expect([report.periodStart, report.periodEnd, report.dueDate]).to.deep.equal([
          day(3 * quarter - 2, 1),
          lastDay(3 * quarter),
          day(3 * quarter + 1, 1),
        ]);
        const accepted = await acceptReport(sara(), placementId, quarter, 1);
        expect(accepted.acceptances.map((a) => a.version)).to.deep.equal([1]);
      }
      // Only the obligated party reports: the consultancy cannot report for the placement site.
      const byOle = await refusal(() => submitReport(ole(), placementId, 2, 'Not my report', ALL_PEERS));
      expect(byOle.code, byOle.text).to.equal('FORBIDDEN');
      for (const quarter of [1, 2, 3]) {
        await submitReport(ole(), visitationId, quarter, `Visitation report Q${quarter}`);
        await acceptReport(sara(), visitationId, quarter, 1);
      }
    });

    it('8. the quarter-2 report, missing since its due date plus 10 days, holds every placement month settled now', async function () {
      // Q2 is due on day 1 of month 7 and holds from day 12 (10 days' grace) until Sara accepts it. Every month
      // settled meanwhile is held — month 1 as much as month 5 — but only the placement's gated lines.
      const q2 = { obligationId: 'status-report', periodNumber: 2, dueDate: day(7, 1), heldFrom: day(7, 12) };
      const month5 = await settlement(sara(), placementId, M(5));
      expect(figures(month5)).to.deep.equal({ school: [SCHOOL, SCHOOL, 0], stay: [STAY, STAY, 0] });
      expect(line(month5, 'stay').heldBy).to.deep.equal([q2]);
      expect(line(month5, 'stay').heldDays).to.equal(days(5));
      expect(month5.totals).to.deep.equal({ due: kroner(119_000), held: kroner(119_000), payable: 0 });

      const fourHours = perWeekAllowance(4, days(4), SUPPORT_HOURLY).maximum;
      for (const [n, due] of [
        [1, kroner(128_500)],
        [4, kroner(119_000) + fourHours],
        [6, kroner(119_000)],
        [7, kroner(119_000)],
      ] as const) {
        const held = await settlement(sara(), placementId, M(n));
        expect(held.totals, `month ${n}`).to.deep.equal({ due, held: due, payable: 0 });
      }
      // One agreement's report never holds another agreement's lines: the visitation is paid in month 5.
      const visits5 = await settlement(sara(), visitationId, M(5));
      const visitsDue = visitsInMonth(firstSundayFrom(S), 2, M(5)) * VISIT;
      expect(figures(visits5)).to.deep.equal({ visits: [visitsDue, 0, visitsDue] });

      // Recording month 5 now fixes the moment it was settled: while Q2 is missing.
      const recorded = await sara().settlements.recordSettlement(placementId, M(5));
      expect(recorded.revision).to.equal(1);
      expect(recorded.settlement.totals.held).to.equal(kroner(119_000));
      month5SettledAt = recorded.settlement.settledAt;
    });

    it('9. the monthly settlements carry the story’s amounts', async function () {
      // Month 1: stay + school + taxi = 128 500 kr (all held while the quarter-2 report is missing).
      const first = await settlement(sara(), placementId, M(1));
      expect(first.daysInMonth).to.equal(days(1));
      expect(figures(first)).to.deep.equal({
        school: [SCHOOL, SCHOOL, 0],
        stay: [STAY, STAY, 0],
        taxi: [TAXI, TAXI, 0],
      });
      expect(first.totals).to.deep.equal({ due: kroner(128_500), held: kroner(128_500), payable: 0 });

      // Month 3: the taxi's last month and the add-on at 6 h/week: allowance 6 × days/7 hours at 444 kr.
      const sixHours = perWeekAllowance(6, days(3), SUPPORT_HOURLY);
      const third = await settlement(sara(), placementId, M(3));
      expect(line(third, 'school-support')).to.include({
        basis: 'allowance',
        activeDays: days(3),
        unitPrice: SUPPORT_HOURLY,
        allowedQuantity: sixHours.shownQuantity,
        due: sixHours.maximum,
      });
      expect(third.totals.due).to.equal(kroner(128_500) + sixHours.maximum);

      // Month 4: the taxi has ended; the add-on runs at 4 h/week (version 3), its last month before re-evaluation.
      const fourHours = perWeekAllowance(4, days(4), SUPPORT_HOURLY);
      const fourth = await settlement(sara(), placementId, M(4));
      expect(fourth.lines.map((l) => l.serviceLineId)).to.deep.equal(['school', 'school-support', 'stay']);
      expect(line(fourth, 'school-support')).to.include({
        allowedQuantity: fourHours.shownQuantity,
        due: fourHours.maximum,
      });
      expect(fourth.totals.due).to.equal(kroner(119_000) + fourHours.maximum);

      // Month 8: after the taxi and the add-on (not renewed at re-evaluation): stay + school = 119 000 kr.
      const eighth = await settlement(sara(), placementId, M(8));
      expect(figures(eighth)).to.deep.equal({ school: [SCHOOL, SCHOOL, 0], stay: [STAY, STAY, 0] });
      expect(eighth.totals).to.deep.equal({ due: kroner(119_000), held: kroner(119_000), payable: 0 });

      // Karin reads the same figures through her own peer.
      expect(await settlement(karin(), placementId, M(8))).to.deep.include({ totals: eighth.totals });
    });

    it('10. Karin’s invoices are checked line by line against the agreement', async function () {
      const valid = await invoice(karin(), placementId, M(1), [
        { serviceLineId: 'stay', amount: STAY },
        { serviceLineId: 'school', amount: SCHOOL },
        { serviceLineId: 'taxi', amount: TAXI },
      ]);
      expect(valid.validation.status).to.equal('accepted');
      // Approved, but held: month 1 is settled now, while the quarter-2 report is missing.
      expect(valid.validation.totals).to.deep.equal({
        claimed: kroner(128_500),
        approved: kroner(128_500),
        held: kroner(128_500),
        payable: 0,
      });

      const again = await invoice(karin(), placementId, M(1), [{ serviceLineId: 'stay', amount: STAY }]);
      expect(again.validation.status).to.equal('rejected');
      expect(again.validation.lines[0]).to.include({ reason: 'ALREADY_INVOICED', approved: 0 });

      const sixHours = perWeekAllowance(6, days(2), SUPPORT_HOURLY);
      const wrongPrice = await invoice(karin(), placementId, M(2), [
        { serviceLineId: 'school-support', quantity: 10, unitPrice: kroner(450) },
      ]);
      expect(wrongPrice.validation.lines[0]).to.include({
        status: 'rejected',
        reason: 'WRONG_PRICE',
        approved: 0,
      });
      expect(wrongPrice.validation.lines[0]!.expected).to.include({ unitPrice: SUPPORT_HOURLY });

      const tooMany = await invoice(karin(), placementId, M(2), [
        {
          serviceLineId: 'school-support',
          quantity: (sixHours.hundredths + 1) / 100,
          unitPrice: SUPPORT_HOURLY,
        },
      ]);
      expect(tooMany.validation.lines[0]).to.include({
        status: 'rejected',
        reason: 'QUANTITY_ABOVE_ALLOWANCE',
      });
      expect(tooMany.validation.lines[0]!.expected).to.include({ allowedQuantity: sixHours.shownQuantity });

      // The most the allowance permits is accepted (rejected lines do not count as invoiced).
      const full = await invoice(karin(), placementId, M(2), [
        { serviceLineId: 'school-support', quantity: sixHours.shownQuantity, unitPrice: SUPPORT_HOURLY },
      ]);
      const approved = sixHours.hundredths * (SUPPORT_HOURLY / 100);
      expect(full.validation.lines[0]).to.include({
        status: 'accepted',
        approved,
        held: approved,
        payable: 0,
      });
      expect(line(await settlement(sara(), placementId, M(2)), 'school-support')).to.include({
        basis: 'invoiced',
        due: approved,
      });

      // Month 5 while the quarter-2 report is missing: approved, but all of it held.
      const heldMonth = await invoice(karin(), placementId, M(5), [
        { serviceLineId: 'stay', amount: STAY },
        { serviceLineId: 'school', amount: SCHOOL },
      ]);
      expect(heldMonth.validation.totals).to.deep.equal({
        claimed: kroner(119_000),
        approved: kroner(119_000),
        held: kroner(119_000),
        payable: 0,
      });

      // Ole's visits: the month allows exactly the second Sundays in it (2, or 3 about twice a year); one more is above.
      const scheduled = visitsInMonth(firstSundayFrom(S), 2, M(5));
      const visits = await invoice(ole(), visitationId, M(5), [
        { serviceLineId: 'visits', quantity: scheduled + 1, unitPrice: VISIT },
      ]);
      expect(visits.validation.lines[0]).to.include({ reason: 'QUANTITY_ABOVE_ALLOWANCE' });
      expect(visits.validation.lines[0]!.expected).to.include({ allowedQuantity: scheduled });
      const allVisits = await invoice(ole(), visitationId, M(5), [
        { serviceLineId: 'visits', quantity: scheduled, unitPrice: VISIT },
      ]);
      expect(allVisits.validation.totals).to.include({
        approved: scheduled * VISIT,
        payable: scheduled * VISIT,
      });
    });

    it('11. the late quarter-2 report releases the held instalments once Sara accepts it, not before', async function () {
      const report = await submitReport(karin(), placementId, 2, `Status report Q2 for ${child}`);
      expect(report.acceptances).to.deep.equal([]);
      const submitted = await settlement(sara(), placementId, M(5));
      expect(submitted.totals.held, 'submitted but not accepted still holds (the story’s term)').to.equal(
        kroner(119_000),
      );

      await acceptReport(sara(), placementId, 2, 1);
      const released = await settlement(sara(), placementId, M(5));
      expect(released.totals).to.deep.equal({ due: kroner(119_000), held: 0, payable: kroner(119_000) });
      expect(line(released, 'stay').heldBy).to.deep.equal([]);
      expect(released.settledAt, 'month 5 keeps the moment it was recorded').to.equal(month5SettledAt);
      for (const n of [1, 4, 8]) {
        expect((await settlement(sara(), placementId, M(n))).totals.held, `month ${n}`).to.equal(0);
      }
      // Recording month 5 again is its next revision, released, still settled when it was first recorded.
      const again = await sara().settlements.recordSettlement(placementId, M(5));
      expect(again.revision).to.equal(2);
      expect(again.settlement).to.include({ settledAt: month5SettledAt });
      expect(again.settlement.totals).to.deep.equal({
        due: kroner(119_000),
        held: 0,
        payable: kroner(119_000),
      });
    });

    it('12. after 12 months both sides sign the termination; the visitation ends on the same date', async function () {
      const end = lastDay(12);
      // Only the placement's own parties endorse until the last signature, which also ends the visitation.
      const proposed = await sara().agreements.proposeTermination(placementId, { effectiveDate: end });
      expect(proposed.terminations.map((t) => [t.number, t.state, t.effectiveDate])).to.deep.equal([
        [1, 'proposed', end],
      ]);

      const bySara = await refusal(() => sara().agreements.signTermination(placementId, 1));
      expect(bySara.code, bySara.text).to.equal('WRONG_ROLE');
      await mads().agreements.signTermination(placementId, 1);
      const byKarin = await karin().agreements.signTermination(placementId, 1);
      expect(byKarin.status, 'one centre head is not the municipality').to.equal('active');

      // Lene completes the municipal side; her transaction ends the placement and, by cascade, the visitation.
      const terminated = await lene().agreements.signTermination(placementId, 1, {
        ...ALL_PEERS,
        onCommitted: (commit) => {
          terminationTx = commit;
        },
      });
      expect(terminated.status).to.equal('terminated');
      expect(terminated.terminations[0]).to.include({ state: 'agreed', effectiveDate: end, cause: 'agreed' });
      expect(terminated.terminations[0]!.signatures.map((s) => s.role)).to.deep.equal([
        'centre_head',
        'provider_staff',
        'centre_head',
      ]);

      const visitation = await ole().agreements.getAgreement(visitationId);
      expect(visitation.status).to.equal('terminated');
      expect(visitation.terminations.at(-1)).to.include({
        state: 'agreed',
        effectiveDate: end,
        cause: 'related_agreement_terminated',
        causeAgreementId: placementId,
      });

      // The effective date is the last day in force: month 12 is paid in full.
      const last = await settlement(sara(), placementId, M(12));
      expect(last.totals.due).to.equal(kroner(119_000));
    });

    it('13. invoices for any later month are rejected as after termination', async function () {
      const placement = await invoice(karin(), placementId, M(13), [{ serviceLineId: 'stay', amount: STAY }]);
      expect(placement.validation.lines[0]).to.include({ status: 'rejected', reason: 'AFTER_TERMINATION' });
      const visits = await invoice(ole(), visitationId, M(13), [
        { serviceLineId: 'visits', quantity: 1, unitPrice: VISIT },
      ]);
      expect(visits.validation.lines[0]).to.include({ status: 'rejected', reason: 'AFTER_TERMINATION' });
    });

    it('14. the termination is announced as a chaincode event with ids and statuses, no personal data', async function () {
      const tx = terminationTx!;
      const event = await chaincodeEventOf(sara().network, tx.blockNumber, tx.transactionId);
      expect(event.eventName).to.equal('TerminationSigned');
      const text = new TextDecoder().decode(event.payload);
      expect(JSON.parse(text)).to.deep.equal({
        agreementId: placementId,
        municipalityMspId: MUNICIPALITY,
        providerMspId: PLACEMENT_SITE,
        cascadedAgreementIds: [visitationId],
        status: 'terminated',
        terminationNumber: 1,
        terminationState: 'agreed',
        terminationCause: 'agreed',
        effectiveDate: lastDay(12),
        type: 'TerminationSigned',
        version: 3,
        versionState: 'agreed',
      });
      // No child (not even the pseudonym), no person (certificate ids), no names.
      expect(text).not.to.contain(child);
      expect(text).not.to.match(/sha256:|sara|mads|lene|jonas|karin|ole|preben/i);
    });
  });

  describe('early termination in the middle of a month', function () {
    storySteps();

    // Another placement with other amounts, from month 10; the child goes home on the 17th of month 11.
    const child = uniqueId('child');
    const placementId = uniqueId('early');
    const addOnId = uniqueId('early-addon');
    const start = day(10, 1);
    const end = day(11, 17);
    const stay = kroner(87_650);
    const school = kroner(21_300);
    const supportHourly = kroner(452);

    before(async function () {
      await sara().agreements.draftAgreement({
        id: placementId,
        kind: 'placement',
        municipalityMspId: MUNICIPALITY,
        providerMspId: PLACEMENT_SITE,
        childPseudonym: child,
        startDate: start,
        lines: [
          { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: stay, startDate: start },
          { id: 'school', kind: 'school', pricing: 'monthly', monthlyPrice: school, startDate: start },
        ],
      });
      await sara().agreements.submitForSignatures(placementId);
      await jonas().agreements.signAgreement(placementId, 1);
      await karin().agreements.signAgreement(placementId, 1);
      // The add-on as its own agreement related to the placement (the story's other reading of "add-on").
      await sara().agreements.draftAgreement({
        id: addOnId,
        kind: 'add_on',
        municipalityMspId: MUNICIPALITY,
        providerMspId: PLACEMENT_SITE,
        childPseudonym: child,
        startDate: start,
        lines: [
          {
            ...schoolSupportLine(start, lastDay(12), 'support'),
            unitPrice: supportHourly,
            agreedQuantity: 3,
          },
        ],
        relatedAgreementIds: [placementId],
      });
      await sara().agreements.submitForSignatures(addOnId);
      await mads().agreements.signAgreement(addOnId, 1);
      await lene().agreements.signAgreement(addOnId, 1);
      await karin().agreements.signAgreement(addOnId, 1);
    });

    it('Karin proposes the 17th, Jonas and Karin sign: the placement and its add-on end that day', async function () {
      await karin().agreements.proposeTermination(placementId, { effectiveDate: end });
      const byJonas = await jonas().agreements.signTermination(placementId, 1);
      expect(byJonas.status).to.equal('active');
      const jonasAgain = await refusal(() => jonas().agreements.signTermination(placementId, 1));
      expect(jonasAgain.code, jonasAgain.text).to.equal('ALREADY_SIGNED');
      const terminated = await karin().agreements.signTermination(placementId, 1);
      expect(terminated.status).to.equal('terminated');
      const addOn = await sara().agreements.getAgreement(addOnId);
      expect(addOn.status).to.equal('terminated');
      expect(addOn.terminations.at(-1)).to.include({
        effectiveDate: end,
        cause: 'related_agreement_terminated',
      });
    });

    it('prorates the last month by calendar days: round_half_up(monthly × 17 / days_in_month)', async function () {
      const last = await settlement(sara(), placementId, M(11));
      expect(last.lines.map((l) => [l.serviceLineId, l.activeDays, l.due, l.held])).to.deep.equal([
        ['school', 17, prorate(school, 17, days(11)), 0],
        ['stay', 17, prorate(stay, 17, days(11)), 0],
      ]);
      const support = perWeekAllowance(3, 17, supportHourly);
      const addOn = await settlement(sara(), addOnId, M(11));
      expect(addOn.lines.map((l) => [l.serviceLineId, l.activeDays, l.allowedQuantity, l.due])).to.deep.equal(
        [['support', 17, support.shownQuantity, support.maximum]],
      );
      expect((await settlement(sara(), placementId, M(12))).lines).to.deep.equal([]);
    });

    it('accepts the prorated invoice, rejects the full month’s amount and any later month', async function () {
      const full = await invoice(karin(), placementId, M(11), [{ serviceLineId: 'stay', amount: stay }]);
      expect(full.validation.lines[0]).to.include({ status: 'rejected', reason: 'WRONG_AMOUNT' });
      expect(full.validation.lines[0]!.expected).to.deep.equal({ amount: prorate(stay, 17, days(11)) });

      const prorated = await invoice(karin(), placementId, M(11), [
        { serviceLineId: 'stay', amount: prorate(stay, 17, days(11)) },
        { serviceLineId: 'school', amount: prorate(school, 17, days(11)) },
      ]);
      expect(prorated.validation.status).to.equal('accepted');
      expect(prorated.validation.totals.approved).to.equal(
        prorate(stay, 17, days(11)) + prorate(school, 17, days(11)),
      );

      const later = await invoice(karin(), placementId, M(12), [{ serviceLineId: 'stay', amount: stay }]);
      expect(later.validation.lines[0]).to.include({ status: 'rejected', reason: 'AFTER_TERMINATION' });
      const laterAddOn = await invoice(karin(), addOnId, M(12), [
        { serviceLineId: 'support', quantity: 1, unitPrice: supportHourly },
      ]);
      expect(laterAddOn.validation.lines[0]).to.include({ status: 'rejected', reason: 'AFTER_TERMINATION' });
    });
  });

  describe('refusals', function () {
    const child = uniqueId('child');
    const placementId = uniqueId('refusals');

    before(async function () {
      await sara().agreements.draftAgreement(placementDraft(placementId, S, child));
      await sara().agreements.submitForSignatures(placementId);
    });

    it('a signature endorsed by the municipality alone does not commit, and the agreement is unchanged', async function () {
      const contract = mads().connection.contract('AgreementContract');
      const proposal = contract.newProposal('SignAgreement', {
        arguments: [placementId, '1'],
        endorsingOrganizations: [MUNICIPALITY],
      });
      const submitted = await (await proposal.endorse()).submit();
      const status = await submitted.getStatus();
      expect(status.successful).to.be.false;
      // 10 = ENDORSEMENT_POLICY_FAILURE: the key-level policy names both organisations.
      expect(status.code).to.equal(10);

      const unchanged = await sara().agreements.getAgreement(placementId);
      expect(unchanged.status).to.equal('awaiting_signatures');
      expect(unchanged.versions[0]!.signatures).to.deep.equal([]);

      // The same signature endorsed by both parties commits: it was the endorsement that was refused.
      const signed = await mads().agreements.signAgreement(placementId, 1);
      expect(signed.versions[0]!.signatures.map((s) => s.role)).to.deep.equal(['centre_head']);
    });

    it('two signatures endorsed at the same time: one commits, the other is an MVCC conflict to retry', async function () {
      const id = uniqueId('concurrent');
      await sara().agreements.draftAgreement(placementDraft(id, S, child));
      await sara().agreements.submitForSignatures(id);
      // Both endorsed against the same state, then ordered together (most likely into one block). The key-level
      // policy is not rewritten by either, so the loser fails on its stale read, not on endorsement.
      const endorsed = await Promise.all(
        [jonas(), karin()].map((who) =>
          who.connection
            .contract('AgreementContract')
            .newProposal('SignAgreement', {
              arguments: [id, '1'],
              endorsingOrganizations: [MUNICIPALITY, PLACEMENT_SITE],
            })
            .endorse(),
        ),
      );
      const submitted = await Promise.all(endorsed.map((transaction) => transaction.submit()));
      const codes = (await Promise.all(submitted.map((commit) => commit.getStatus()))).map((s) => s.code);
      // 0 = VALID, 11 = MVCC_READ_CONFLICT.
      expect([...codes].sort()).to.deep.equal([0, 11]);
    });

    it('a provider cannot read, sign or invoice another provider’s agreement', async function () {
      const read = await refusal(() => ole().agreements.getAgreement(placementId));
      expect(read.code, read.text).to.equal('FORBIDDEN');
      const signature = await refusal(() => ole().agreements.signAgreement(placementId, 1, ALL_PEERS));
      expect(signature.code, signature.text).to.equal('FORBIDDEN');
      const bill = await refusal(() =>
        invoice(ole(), placementId, M(1), [{ serviceLineId: 'stay', amount: STAY }], ALL_PEERS),
      );
      expect(bill.code, bill.text).to.equal('FORBIDDEN');
    });
  });
});
