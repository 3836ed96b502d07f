/**
 * The case story end to end through the running REST gateways (scripts/gateway.sh start), played by its people
 * with tokens from the development identity provider — the same module `npm run demo` prints. Checks the story's
 * numbers and refusals as the integration case-story test does on the Fabric client directly, here as HTTP answers:
 * stable error codes with their HTTP statuses, and the ledger's figures in øre.
 */
import { expect } from 'chai';
import { type CaseStory, localEndpoints, playCaseStory } from '../../scripts/demo/case-story';
import {
  daysInMonth,
  PRICES,
  firstSundayFrom,
  kroner,
  month,
  monthDay,
  perWeekAllowance,
  visitsInMonth,
} from 'agreements-case-story';

describe('the case story through the REST gateways', function () {
  this.timeout(300_000);
  let story: CaseStory;
  const M = (n: number): string => month(story.start, n - 1);
  const days = (n: number): number => daysInMonth(M(n));
  const day = (n: number, d: number): string => monthDay(story.start, n - 1, d);
  const figures = (lines: readonly { serviceLineId: string; due: number; held: number; payable: number }[]) =>
    Object.fromEntries(lines.map((l) => [l.serviceLineId, [l.due, l.held, l.payable]]));

  before(async function () {
    story = await playCaseStory({ endpoints: localEndpoints() });
  });

  it('drafts the placement from its template and activates it with two centre heads and the placement site', function () {
    const { drafted, activated } = story.placement;
    expect(drafted.status).to.equal('draft');
    expect(drafted.childPseudonym).to.match(/^[0-9a-f]{64}$/);
    expect(drafted.obligations.map((o) => [o.id, o.everyMonths, o.obligatedSide])).to.deep.equal([
      ['status-report', 3, 'provider'],
    ]);
    expect(activated.status).to.equal('active');
    expect(activated.versions[0]!.signatures.map((s) => [s.role, s.side])).to.deep.equal([
      ['centre_head', 'municipality'],
      ['centre_head', 'municipality'],
      ['provider_staff', 'provider'],
    ]);
    const visitation = story.visitation.activated;
    expect([visitation.status, visitation.relatedAgreementIds]).to.deep.equal([
      'active',
      [story.ids.placement],
    ]);
    expect(visitation.versions[0]!.signatures.map((s) => s.role)).to.deep.equal(['director', 'consultant']);
  });

  it('refuses what the rules forbid with stable codes and their HTTP statuses', function () {
    expect(story.refusals).to.deep.equal({
      caseworkerSigns: { status: 403, code: 'WRONG_ROLE' },
      signsTwice: { status: 409, code: 'ALREADY_SIGNED' },
      otherProviderReads: { status: 403, code: 'FORBIDDEN' },
      otherProviderSigns: { status: 403, code: 'FORBIDDEN' },
      staleVersion: { status: 409, code: 'VERSION_MISMATCH' },
      otherProviderReports: { status: 403, code: 'FORBIDDEN' },
      caseworkerSignsTermination: { status: 403, code: 'WRONG_ROLE' },
    });
  });

  it('keeps the add-on and the change of hours as versions 2 and 3, each signed by both sides', function () {
    const versions = story.placement.withFewerHours.versions;
    expect(versions.map((v) => [v.number, v.state])).to.deep.equal([
      [1, 'agreed'],
      [2, 'agreed'],
      [3, 'agreed'],
    ]);
    const hours = versions.map((v) => {
      const line = v.terms.lines.find((l) => l.id === 'school-support');
      return line?.pricing === 'per_unit' ? line.agreedQuantity : undefined;
    });
    expect(hours).to.deep.equal([undefined, 6, 4]);
    expect(versions[1]!.signatures.map((s) => s.role)).to.deep.equal(['director', 'provider_staff']);
    expect(versions[2]!.signatures.map((s) => s.role)).to.deep.equal([
      'centre_head',
      'centre_head',
      'provider_staff',
    ]);
  });

  it('settles 128 500 kr for the first month and 119 000 kr once the taxi has ended', function () {
    const { month1, month3, month4, month8 } = story.settlements;
    expect(figures(month1.lines)).to.deep.equal({
      school: [PRICES.school, 0, PRICES.school],
      stay: [PRICES.stay, 0, PRICES.stay],
      taxi: [PRICES.taxi, 0, PRICES.taxi],
    });
    expect(month1.totals).to.deep.equal({ due: kroner(128_500), held: 0, payable: kroner(128_500) });
    const sixHours = perWeekAllowance(6, days(3), PRICES.supportHourly);
    expect(month3.totals.due).to.equal(kroner(128_500) + sixHours.maximum);
    const fourHours = perWeekAllowance(4, days(4), PRICES.supportHourly);
    expect(month4.totals.due).to.equal(kroner(119_000) + fourHours.maximum);
    expect(month8.totals).to.deep.equal({ due: kroner(119_000), held: 0, payable: kroner(119_000) });
  });

  it('checks invoices line by line: accepted, already invoiced, wrong price, above the allowance', function () {
    const { month1, month1Again, wrongPrice, aboveAllowance, fullAllowance } = story.invoices;
    expect(month1.status).to.equal('accepted');
    expect(month1.totals).to.deep.equal({
      claimed: kroner(128_500),
      approved: kroner(128_500),
      held: 0,
      payable: kroner(128_500),
    });
    expect(month1Again.lines[0]).to.include({ status: 'rejected', reason: 'ALREADY_INVOICED', approved: 0 });
    expect(wrongPrice.lines[0]).to.include({ status: 'rejected', reason: 'WRONG_PRICE' });
    expect(wrongPrice.lines[0]!.expected).to.include({ unitPrice: PRICES.supportHourly });
    const sixHours = perWeekAllowance(6, days(2), PRICES.supportHourly);
    expect(aboveAllowance.lines[0]).to.include({ status: 'rejected', reason: 'QUANTITY_ABOVE_ALLOWANCE' });
    expect(aboveAllowance.lines[0]!.expected).to.include({ allowedQuantity: sixHours.shownQuantity });
    const approved = sixHours.hundredths * (PRICES.supportHourly / 100);
    expect(fullAllowance.lines[0]).to.include({ status: 'accepted', approved, payable: approved });

    // Visits: exactly the second Sundays from the first Sunday of the start month that fall in month 5.
    const scheduled = visitsInMonth(firstSundayFrom(story.start), 2, M(5));
    const { visitsAboveAllowance, allVisits } = story.invoices;
    expect(visitsAboveAllowance.lines[0]).to.include({ reason: 'QUANTITY_ABOVE_ALLOWANCE' });
    expect(visitsAboveAllowance.lines[0]!.expected).to.include({ allowedQuantity: scheduled });
    expect(allVisits.totals).to.include({
      approved: scheduled * PRICES.visit,
      payable: scheduled * PRICES.visit,
    });
  });

  it('holds every placement month settled while its quarter-2 report is missing past due + 10 days, until accepted', function () {
    const { month5Held, month5Recorded, month5ReportSubmitted, month5Released, visitsMonth5 } =
      story.settlements;
    const q2 = { obligationId: 'status-report', periodNumber: 2, dueDate: day(7, 1), heldFrom: day(7, 12) };
    expect(month5Held.totals).to.deep.equal({ due: kroner(119_000), held: kroner(119_000), payable: 0 });
    expect(month5Held.lines.map((l) => l.heldBy)).to.deep.equal([[q2], [q2]]);
    expect(month5Recorded.revision).to.equal(1);
    expect(month5Recorded.settlement.totals.held).to.equal(kroner(119_000));
    expect(story.invoices.month5Held.totals).to.deep.equal({
      claimed: kroner(119_000),
      approved: kroner(119_000),
      held: kroner(119_000),
      payable: 0,
    });
    // The caseworker's overview: every month from the start to the current one is held, since due + grace; the
    // recorded month says when it was recorded.
    const held = story.heldInstalments.instalments;
    const heldMonths = [...new Set(held.map((i) => i.month))].sort();
    expect(heldMonths).to.deep.equal(Array.from({ length: 12 }, (_, i) => M(i + 1)));
    expect(held.every((i) => i.heldBy.length === 1 && i.heldBy[0]!.heldFrom === day(7, 12))).to.equal(true);
    expect(held.filter((i) => i.month === M(5)).map((i) => i.settledAt)).to.deep.equal([
      undefined,
      undefined,
    ]);
    // Another agreement's report never holds the visitation.
    expect(visitsMonth5.totals.held).to.equal(0);
    expect(month5ReportSubmitted.totals.held, 'submitted but not yet accepted').to.equal(kroner(119_000));
    expect(month5Released.totals).to.deep.equal({ due: kroner(119_000), held: 0, payable: kroner(119_000) });
    expect(month5Released.settledAt, 'settled when first recorded').to.equal(
      month5Recorded.settlement.settledAt,
    );
  });

  it('ends the placement after 12 months, the visitation with it, and rejects later invoices', function () {
    const end = story.placement.terminated.terminations[0]!;
    expect(story.placement.terminated.status).to.equal('terminated');
    expect([end.state, end.cause]).to.deep.equal(['agreed', 'agreed']);
    expect(end.signatures.map((s) => s.role)).to.deep.equal(['centre_head', 'provider_staff', 'centre_head']);
    const cascade = story.visitation.afterTermination;
    expect(cascade.status).to.equal('terminated');
    expect(cascade.terminations.at(-1)).to.include({
      effectiveDate: end.effectiveDate,
      cause: 'related_agreement_terminated',
      causeAgreementId: story.ids.placement,
    });
    expect(story.settlements.month12.totals.due, 'the last month is paid in full').to.equal(kroner(119_000));
    expect(story.invoices.afterTermination.lines[0]).to.include({
      status: 'rejected',
      reason: 'AFTER_TERMINATION',
    });
    expect(story.invoices.visitsAfterTermination.lines[0]).to.include({
      status: 'rejected',
      reason: 'AFTER_TERMINATION',
    });
  });

  it('tells the story as a dated timeline in kroner', function () {
    const dates = story.timeline.map((entry) => entry.date);
    expect(dates).to.deep.equal([...dates].sort());
    const text = story.timeline.map((entry) => `${entry.what} ${entry.outcome}`).join('\n');
    expect(text).to.contain('128 500 kr');
    expect(text).to.contain('119 000 kr');
    expect(text, 'no CPR number in the timeline').not.to.match(/\d{6}-?\d{4}/);
  });
});
