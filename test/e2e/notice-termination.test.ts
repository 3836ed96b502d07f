/**
 * Issue 10, rule 3 on the real network: the municipality ends a placement on its own with notice. Its delegation rule
 * alone signs; the effective date is the requested one, or the end of the agreement's notice period counted from the
 * day the municipality's side completes if that is later — unless the provider co-signed an earlier date first; the
 * related add-on ends on the same date; the provider's event stream is told; invoices after the date are rejected.
 *
 * Expected dates are computed here from docs/domain-rules.md ("Termination"): the default notice is the running
 * month plus one month (notice on 10 March ends on 30 April); `{"unit":"days","days":n}` ends n calendar days after
 * the day notice is given.
 */
import { expect } from 'chai';
import { schoolSupportLine } from 'agreements-case-story';
import { uniqueId } from '../support/network';
import { callAs, domainPath, expectProblem } from './support/gateways';
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
import { placementSiteStream, type SseConnection } from './support/sse';

interface EventData {
  readonly transactionId: string;
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

interface InvoiceRecord {
  readonly state: string;
  readonly validation: {
    readonly status: string;
    readonly lines: readonly { serviceLineId: string; status: string; reason?: string }[];
  };
}

/** ISO date `days` calendar days after `date`. */
function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const start = firstDay(monthFromNow(-3));

function placementBody(kroner: number, extra: Readonly<Record<string, unknown>> = {}) {
  return draftBody({
    kind: 'placement',
    childPseudonym: uniqueId('e2e-child-notice'),
    startDate: start,
    lines: [monthlyLine('stay', 'stay', kroner, start)],
    extra,
  });
}

function addOnBody(placement: Agreement) {
  return draftBody({
    kind: 'add_on',
    childPseudonym: placement.childPseudonym,
    startDate: start,
    lines: [
      {
        ...schoolSupportLine(start, lastDay(monthFromNow(4)), 'support'),
        unitPrice: 47_300,
        agreedQuantity: 3,
      },
    ],
    extra: { relatedAgreementIds: [placement.id] },
  });
}

const pendingNumber = (agreement: Agreement): number =>
  agreement.terminations.find((t) => t.state === 'proposed')?.number ?? 0;

describe('REST: the municipality ends a placement alone, with notice', function () {
  this.timeout(300_000);
  let stream: SseConnection;

  before(async function () {
    stream = await placementSiteStream(['TerminationNoticeGiven']);
  });

  after(function () {
    stream.close();
  });

  it('gives notice under the delegation rule alone: effective at the end of next month, the add-on with it, the provider told', async function () {
    const placement = await activeAgreement(placementBody(93_400));
    const addOn = await activeAgreement(addOnBody(placement));
    expect(placement.noticePeriod, 'the template default').to.deep.equal({
      unit: 'running_month_plus_months',
      months: 1,
    });

    // Only the municipality gives notice; the provider proposes a mutual termination instead.
    expectProblem(
      await callAs('karin', 'POST', domainPath(`/agreements/${placement.id}/terminations`), {
        json: { mode: 'notice' },
      }),
      403,
      'FORBIDDEN',
    );
    const proposed = await write<Agreement>('sara', 'POST', `/agreements/${placement.id}/terminations`, 201, {
      mode: 'notice',
    });
    const number = pendingNumber(proposed.data);
    expect(proposed.data.status).to.equal('active');
    const sign = `/agreements/${placement.id}/terminations/${String(number)}/signatures`;
    expectProblem(await callAs('sara', 'POST', domainPath(sign)), 403, 'WRONG_ROLE');

    const given = await write<Agreement>('jonas', 'POST', sign, 201);
    const today = danishToday();
    const noticeEnd = lastDay(monthFromNow(1));
    expect(given.data.status, 'no provider signature needed').to.equal('terminated');
    const termination = given.data.terminations.find((t) => t.number === number);
    expect(termination).to.include({
      state: 'agreed',
      mode: 'notice',
      cause: 'notice',
      noticeGivenOn: today,
      noticePeriodEnd: noticeEnd,
      effectiveDate: noticeEnd,
    });
    expect(termination?.signatures.map((s) => [s.role, s.side])).to.deep.equal([
      ['director', 'municipality'],
    ]);

    await expectDescribed('Agreement', given.data);
    const cascaded = await read<Agreement>('karin', `/agreements/${addOn.id}`);
    await expectDescribed('Agreement', cascaded);
    expect(cascaded.status).to.equal('terminated');
    expect(cascaded.terminations.at(-1)).to.include({
      state: 'agreed',
      cause: 'related_agreement_terminated',
      causeAgreementId: placement.id,
      effectiveDate: noticeEnd,
    });

    await stream.waitFor(
      () =>
        stream.messages.some((m) => (JSON.parse(m.data) as EventData).transactionId === given.transactionId),
      'the notice on the placement site’s stream',
    );
    const event = stream.messages
      .map((m) => JSON.parse(m.data) as EventData)
      .find((e) => e.transactionId === given.transactionId);
    expect(event?.type).to.equal('TerminationNoticeGiven');
    expect(event?.payload).to.include({
      agreementId: placement.id,
      providerMspId: 'PlacementSiteMSP',
      terminationCause: 'notice',
      effectiveDate: noticeEnd,
    });
    expect(event?.payload.cascadedAgreementIds).to.deep.equal([addOn.id]);

    // Money runs to the effective date: the month after it is refused, on both agreements.
    const after = monthFromNow(2);
    const late = await write<InvoiceRecord>('karin', 'POST', `/agreements/${placement.id}/invoices`, 201, {
      invoiceId: uniqueId('e2e-invoice'),
      month: after,
      lines: [{ serviceLineId: 'stay', amount: 9_340_000 }],
    });
    expect(late.data.state).to.equal('rejected');
    expect(late.data.validation.lines[0]).to.include({ status: 'rejected', reason: 'AFTER_TERMINATION' });
    const lateSupport = await write<InvoiceRecord>('karin', 'POST', `/agreements/${addOn.id}/invoices`, 201, {
      invoiceId: uniqueId('e2e-invoice'),
      month: after,
      lines: [{ serviceLineId: 'support', quantity: 1, unitPrice: 47_300 }],
    });
    expect(lateSupport.data.validation.lines[0]).to.include({ reason: 'AFTER_TERMINATION' });
    // The last month in force is still paid in full.
    const last = await read<{ settlement: { totals: { due: number } } }>(
      'sara',
      `/agreements/${placement.id}/settlements/${monthFromNow(1)}`,
    );
    expect(last.settlement.totals.due).to.equal(9_340_000);
  });

  it('counts a notice period in days from the day notice is given, whatever earlier date was asked for', async function () {
    const placement = await activeAgreement(
      placementBody(88_800, { noticePeriod: { unit: 'days', days: 45 } }),
    );
    expect(placement.noticePeriod).to.deep.equal({ unit: 'days', days: 45 });
    const today = danishToday();
    const proposed = await write<Agreement>('sara', 'POST', `/agreements/${placement.id}/terminations`, 201, {
      mode: 'notice',
      effectiveDate: today,
    });
    const sign = `/agreements/${placement.id}/terminations/${String(pendingNumber(proposed.data))}/signatures`;
    await write('mads', 'POST', sign, 201);
    const given = await write<Agreement>('lene', 'POST', sign, 201);
    expect(given.data.status).to.equal('terminated');
    expect(given.data.terminations.at(-1)).to.include({
      mode: 'notice',
      requestedDate: today,
      noticeGivenOn: today,
      noticePeriodEnd: plusDays(today, 45),
      effectiveDate: plusDays(today, 45),
    });
  });

  it('keeps a later requested date, and applies an earlier one the provider co-signed first', async function () {
    const later = await activeAgreement(placementBody(90_100));
    const laterDate = lastDay(monthFromNow(3));
    const proposedLater = await write<Agreement>(
      'sara',
      'POST',
      `/agreements/${later.id}/terminations`,
      201,
      {
        mode: 'notice',
        effectiveDate: laterDate,
      },
    );
    const givenLater = await write<Agreement>(
      'jonas',
      'POST',
      `/agreements/${later.id}/terminations/${String(pendingNumber(proposedLater.data))}/signatures`,
      201,
    );
    expect(givenLater.data.terminations.at(-1)).to.include({
      effectiveDate: laterDate,
      noticePeriodEnd: lastDay(monthFromNow(1)),
    });

    // The child went home at the end of last month; the placement site agrees and signs before the municipality.
    const earlier = await activeAgreement(placementBody(90_200));
    const wentHome = lastDay(monthFromNow(-1));
    const proposed = await write<Agreement>('sara', 'POST', `/agreements/${earlier.id}/terminations`, 201, {
      mode: 'notice',
      effectiveDate: wentHome,
    });
    const sign = `/agreements/${earlier.id}/terminations/${String(pendingNumber(proposed.data))}/signatures`;
    const coSigned = await write<Agreement>('karin', 'POST', sign, 201);
    expect(coSigned.data.status, 'the provider alone ends nothing').to.equal('active');
    const given = await write<Agreement>('jonas', 'POST', sign, 201);
    expect(given.data.status).to.equal('terminated');
    expect(given.data.terminations.at(-1)).to.include({
      cause: 'notice',
      requestedDate: wentHome,
      effectiveDate: wentHome,
      noticePeriodEnd: lastDay(monthFromNow(1)),
    });
    expect(given.data.terminations.at(-1)?.signatures.map((s) => s.side)).to.deep.equal([
      'provider',
      'municipality',
    ]);
    const invoice = await write<InvoiceRecord>('karin', 'POST', `/agreements/${earlier.id}/invoices`, 201, {
      invoiceId: uniqueId('e2e-invoice'),
      month: monthFromNow(0),
      lines: [{ serviceLineId: 'stay', amount: 9_020_000 }],
    });
    expect(invoice.data.validation.lines[0]).to.include({ reason: 'AFTER_TERMINATION' });
  });
});
