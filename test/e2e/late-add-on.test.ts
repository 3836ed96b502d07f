/**
 * Issue 10, rule 7 on the real network: an add-on agreement drafted late, with its re-evaluation date already past
 * when it is signed, is active on activation and stays amendable: a renewal signed now brings its line back. Per
 * docs/domain-rules.md ("Renewal window") it expires only `renewalWindowDays` (default 90) after the re-evaluation
 * date or the activation day, whichever is later (with `renewalWindowDays: 0`, the day after activation). A line that
 * ended by its end date expires the agreement at once.
 */
import { expect } from 'chai';
import { uniqueId } from '../support/network';
import { daysInMonth, perWeekAllowance, schoolSupportLine } from 'agreements-case-story';
import { callAs, domainPath, expectProblem, waitUntilReady } from './support/gateways';
import { expectDescribed } from './support/openapi';
import {
  activeAgreement,
  type Agreement,
  danishToday,
  draftBody,
  firstDay,
  lastDay,
  monthFromNow,
  monthlyLine,
  read,
  write,
} from './support/scenarios';

const start = firstDay(monthFromNow(-4));
const HOURLY = 41_900;

function lateAddOn(placement: Agreement, extra: Readonly<Record<string, unknown>> = {}) {
  return draftBody({
    kind: 'add_on',
    childPseudonym: placement.childPseudonym,
    startDate: start,
    lines: [
      {
        ...schoolSupportLine(start, lastDay(monthFromNow(-2)), 'support'),
        unitPrice: HOURLY,
        agreedQuantity: 4,
      },
    ],
    extra: { relatedAgreementIds: [placement.id], ...extra },
  });
}

describe('REST: a late add-on agreement stays amendable after activation', function () {
  this.timeout(300_000);
  let placement: Agreement;

  before(async function () {
    for (const org of ['municipality', 'placement'] as const) await waitUntilReady(org);
    placement = await activeAgreement(
      draftBody({
        kind: 'placement',
        childPseudonym: uniqueId('e2e-child-late'),
        startDate: start,
        lines: [monthlyLine('stay', 'stay', 94_000, start)],
      }),
    );
  });

  it('is active on activation, survives the deadline rules, and is renewed by an amendment signed now', async function () {
    const addOn = await activeAgreement(lateAddOn(placement));
    expect(addOn.status).to.equal('active');
    expect(addOn.activatedOn).to.equal(danishToday());
    expect(addOn.renewalWindowDays, 'the template default').to.equal(90);
    const run = await write<{ status: string }>('sara', 'POST', `/agreements/${addOn.id}/deadline-runs`, 200);
    expect(run.data.status, 'inside the renewal window').to.equal('active');
    const gap = await read<{ settlement: { totals: { due: number } } }>(
      'sara',
      `/agreements/${addOn.id}/settlements/${monthFromNow(-1)}`,
    );
    expect(gap.settlement.totals.due, 'nothing is payable after the re-evaluation date').to.equal(0);

    const proposed = await write<Agreement>('sara', 'POST', `/agreements/${addOn.id}/amendments`, 201, {
      effectiveFrom: firstDay(monthFromNow(-1)),
      changes: [
        { type: 'change_period', serviceLineId: 'support', reEvaluationDate: lastDay(monthFromNow(3)) },
      ],
    });
    const version = proposed.data.versions.at(-1)?.number ?? 0;
    expect(version).to.equal(2);
    const signatures = `/agreements/${addOn.id}/versions/${String(version)}/signatures`;
    await write('jonas', 'POST', signatures, 201);
    const renewed = await write<Agreement>('karin', 'POST', signatures, 201);
    expect(renewed.data.status).to.equal('active');
    await expectDescribed('Agreement', renewed.data);
    expect(renewed.data.versions.map((v) => [v.number, v.state])).to.deep.equal([
      [1, 'agreed'],
      [2, 'agreed'],
    ]);

    // The line is back from the amendment's first day: last month's whole allowance of 4 hours a week is due.
    const month = monthFromNow(-1);
    const resumed = await read<{
      settlement: { lines: readonly { serviceLineId: string; activeDays: number; due: number }[] };
    }>('karin', `/agreements/${addOn.id}/settlements/${month}`);
    expect(resumed.settlement.lines.map((l) => [l.serviceLineId, l.activeDays, l.due])).to.deep.equal([
      ['support', daysInMonth(month), perWeekAllowance(4, daysInMonth(month), HOURLY).maximum],
    ]);
  });

  it('with a renewal window of 0 days stays active on its activation day only', async function () {
    const addOn = await activeAgreement(lateAddOn(placement, { renewalWindowDays: 0 }));
    expect(addOn.renewalWindowDays).to.equal(0);
    const run = await write<{ status: string }>('sara', 'POST', `/agreements/${addOn.id}/deadline-runs`, 200);
    expect(run.data.status, 'the window counts from the activation day').to.equal('active');
  });

  it('expires at once when its line ended by its end date, and can then not be amended', async function () {
    const ended = lateAddOn(placement);
    const [line] = ended.lines as readonly Readonly<Record<string, unknown>>[];
    const addOn = await activeAgreement({
      ...ended,
      lines: [{ ...line, endDate: lastDay(monthFromNow(-2)) }],
    });
    const run = await write<{ status: string }>('sara', 'POST', `/agreements/${addOn.id}/deadline-runs`, 200);
    expect(run.data.status).to.equal('expired');
    expectProblem(
      await callAs('sara', 'POST', domainPath(`/agreements/${addOn.id}/amendments`), {
        json: {
          effectiveFrom: firstDay(monthFromNow(0)),
          changes: [
            {
              type: 'change_period',
              serviceLineId: 'support',
              endDate: null,
              reEvaluationDate: lastDay(monthFromNow(3)),
            },
          ],
        },
      }),
      422,
      'INVALID_STATE',
    );
  });
});
