/**
 * Issue 10, rule 8 on the real network: an invoice that passes validation is `validated`; a person in a role of the
 * municipality's attestation rule attests it (`approved`; by default a centre head or director, not a caseworker);
 * someone else records the payment with its reference and date (`paid`); the provider sees each status; the rule may
 * attest fully accepted invoices below an amount automatically; a termination dated back past approved and paid
 * invoices flags them with the amount to credit.
 *
 * Amounts are computed here from docs/domain-rules.md: a full month is the monthly price; a partial month
 * `round_half_up(monthly × active_days / days_in_month)`; the credit of an accepted line is
 * `approved − min(approved, what the line may carry up to the effective date)`.
 */
import { expect } from 'chai';
import { uniqueId } from '../support/network';
import { daysInMonth, prorate } from 'agreements-case-story';
import { callAs, domainPath, expectProblem } from './support/gateways';
import { expectDescribed } from './support/openapi';
import {
  activeAgreement,
  type Agreement,
  danishToday,
  draftBody,
  firstDay,
  monthFromNow,
  monthlyLine,
  read,
  write,
} from './support/scenarios';
import { placementSiteStream, type SseConnection } from './support/sse';

interface InvoiceRecord {
  readonly invoiceId: string;
  readonly state: 'rejected' | 'validated' | 'approved' | 'paid';
  readonly validation: {
    readonly status: string;
    readonly totals: { claimed: number; approved: number; held: number; payable: number };
  };
  readonly attestation?: { automatic: boolean; role?: string; certId?: string; ruleVersion: number };
  readonly payment?: { reference: string; paidOn: string; amount: number; recordedBy: string };
  readonly credit?: {
    readonly terminationNumber: number;
    readonly effectiveDate: string;
    readonly lines: readonly { serviceLineId: string; approved: number; stillDue: number; credit: number }[];
    readonly amount: number;
  };
}

interface EventData {
  readonly transactionId: string;
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

const STAY = 96_300;
const SCHOOL = 22_700;
// Two months ago: report 1 is not yet due, so nothing is held and every approved krone is payable.
const start = firstDay(monthFromNow(-2));

async function placement(): Promise<Agreement> {
  return activeAgreement(
    draftBody({
      kind: 'placement',
      childPseudonym: uniqueId('e2e-child-attest'),
      startDate: start,
      lines: [monthlyLine('stay', 'stay', STAY, start), monthlyLine('school', 'school', SCHOOL, start)],
    }),
  );
}

/** Karin invoices a whole month of the given lines at their monthly prices (in kroner). */
async function invoiceMonth(
  agreementId: string,
  month: string,
  lines: Readonly<Record<string, number>>,
): Promise<{ record: InvoiceRecord; transactionId: string }> {
  const written = await write<InvoiceRecord>('karin', 'POST', `/agreements/${agreementId}/invoices`, 201, {
    invoiceId: uniqueId('e2e-invoice'),
    month,
    lines: Object.entries(lines).map(([serviceLineId, kroner]) => ({ serviceLineId, amount: kroner * 100 })),
  });
  return { record: written.data, transactionId: written.transactionId };
}

describe('REST: invoices are attested before they are paid', function () {
  this.timeout(300_000);
  let stream: SseConnection;

  before(async function () {
    stream = await placementSiteStream(['InvoiceValidated', 'InvoiceAttested', 'InvoicePaid']);
  });

  after(async function () {
    stream.close();
    // Back to the default rule (centre head or director, no automatic attestation) for the tests after this one.
    await write('jonas', 'PUT', '/registry/attestation-rule', 200, { roles: ['centre_head', 'director'] });
  });

  it('validates, lets a centre head (not the caseworker) attest, and another person record the payment', async function () {
    const agreement = await placement();
    const month = monthFromNow(-2);
    const { record, transactionId: validatedTx } = await invoiceMonth(agreement.id, month, {
      stay: STAY,
      school: SCHOOL,
    });
    const total = (STAY + SCHOOL) * 100;
    expect(record.state).to.equal('validated');
    expect(record.validation.totals).to.deep.equal({
      claimed: total,
      approved: total,
      held: 0,
      payable: total,
    });
    const invoice = `/agreements/${agreement.id}/invoices/${record.invoiceId}`;
    expect((await read<InvoiceRecord>('karin', invoice)).state).to.equal('validated');

    // Not payable before attestation; a caseworker may not attest under the default rule.
    expectProblem(
      await callAs('sara', 'POST', domainPath(`${invoice}/payment`), {
        json: { reference: 'PAY-0001', paidOn: danishToday() },
      }),
      422,
      'INVALID_STATE',
    );
    expectProblem(await callAs('sara', 'POST', domainPath(`${invoice}/attestation`)), 403, 'WRONG_ROLE');
    expectProblem(await callAs('karin', 'POST', domainPath(`${invoice}/attestation`)), 403, 'FORBIDDEN');
    const attested = await write<InvoiceRecord>('mads', 'POST', `${invoice}/attestation`, 201);
    expect(attested.data.state).to.equal('approved');
    expect(attested.data.attestation).to.include({ automatic: false, role: 'centre_head' });
    expect((await read<InvoiceRecord>('karin', invoice)).state).to.equal('approved');
    expectProblem(await callAs('lene', 'POST', domainPath(`${invoice}/attestation`)), 422, 'INVALID_STATE');

    // Separation of duties: the attester may not record the payment.
    const mads = expectProblem(
      await callAs('mads', 'POST', domainPath(`${invoice}/payment`), {
        json: { reference: 'PAY-0001', paidOn: danishToday() },
      }),
      403,
      'FORBIDDEN',
    );
    expect(mads.details.reason).to.equal('same_person_attested');
    expectProblem(
      await callAs('sara', 'POST', domainPath(`${invoice}/payment`), {
        json: { reference: 'PAY-0001', paidOn: firstDay(monthFromNow(2)) },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const reference = uniqueId('PAY');
    const paid = await write<InvoiceRecord>('sara', 'POST', `${invoice}/payment`, 201, {
      reference,
      paidOn: danishToday(),
    });
    expect(paid.data.state).to.equal('paid');
    expect(paid.data.payment).to.include({ reference, paidOn: danishToday(), amount: total });
    await expectDescribed('InvoiceRecord', paid.data);
    expect((await read<InvoiceRecord>('karin', invoice)).payment).to.include({ reference, amount: total });
    expectProblem(
      await callAs('jonas', 'POST', domainPath(`${invoice}/payment`), {
        json: { reference: uniqueId('PAY'), paidOn: danishToday() },
      }),
      409,
      'CONFLICT',
    );

    // The placement site's stream carried each status.
    const mine = [validatedTx, attested.transactionId, paid.transactionId];
    await stream.waitFor(
      () =>
        mine.every((tx) =>
          stream.messages.some((m) => (JSON.parse(m.data) as EventData).transactionId === tx),
        ),
      'validated, attested and paid on the placement site’s stream',
    );
    const seen = stream.messages
      .map((m) => JSON.parse(m.data) as EventData)
      .filter((e) => mine.includes(e.transactionId))
      .map((e) => [e.type, e.payload.invoiceState]);
    expect(seen).to.deep.equal([
      ['InvoiceValidated', 'validated'],
      ['InvoiceAttested', 'approved'],
      ['InvoicePaid', 'paid'],
    ]);
  });

  it('attests automatically a fully accepted invoice below the amount the rule names, and no other', async function () {
    expectProblem(
      await callAs('sara', 'PUT', domainPath('/registry/attestation-rule'), {
        json: { roles: ['centre_head', 'director'], autoAttestBelow: 2_500_000 },
      }),
      403,
      'WRONG_ROLE',
    );
    await write('jonas', 'PUT', '/registry/attestation-rule', 200, {
      roles: ['caseworker', 'centre_head', 'director'],
      autoAttestBelow: 2_500_000,
    });
    const agreement = await placement();
    // School alone (22 700 kr) is below 25 000 kr; stay and school together are not.
    const small = await invoiceMonth(agreement.id, monthFromNow(-2), { school: SCHOOL });
    expect(small.record.state).to.equal('approved');
    expect(small.record.attestation).to.include({ automatic: true });
    expect(small.record.attestation?.certId).to.equal(undefined);
    await expectDescribed('InvoiceRecord', small.record);
    const large = await invoiceMonth(agreement.id, monthFromNow(-1), { stay: STAY, school: SCHOOL });
    expect(large.record.state).to.equal('validated');
    // Partly accepted (the stay's amount is wrong): a person attests, however small the accepted part.
    const partial = await write<InvoiceRecord>('karin', 'POST', `/agreements/${agreement.id}/invoices`, 201, {
      invoiceId: uniqueId('e2e-invoice'),
      month: monthFromNow(0),
      lines: [
        { serviceLineId: 'school', amount: SCHOOL * 100 },
        { serviceLineId: 'stay', amount: 100 },
      ],
    });
    expect(partial.data.validation.status).to.equal('partially_accepted');
    expect(partial.data.state).to.equal('validated');
    await expectDescribed('InvoiceRecord', partial.data);
    // Under this rule the caseworker may attest; then she may not record the payment, the centre head may.
    const invoice = `/agreements/${agreement.id}/invoices/${large.record.invoiceId}`;
    expect(
      (await write<InvoiceRecord>('sara', 'POST', `${invoice}/attestation`, 201)).data.attestation,
    ).to.include({
      role: 'caseworker',
    });
    expectProblem(
      await callAs('sara', 'POST', domainPath(`${invoice}/payment`), {
        json: { reference: uniqueId('PAY'), paidOn: danishToday() },
      }),
      403,
      'FORBIDDEN',
    );
    const paid = await write<InvoiceRecord>('mads', 'POST', `${invoice}/payment`, 201, {
      reference: uniqueId('PAY'),
      paidOn: danishToday(),
    });
    expect(paid.data.state).to.equal('paid');
  });

  it('flags approved and paid invoices with the amount to credit when a termination is dated back past them', async function () {
    await write('jonas', 'PUT', '/registry/attestation-rule', 200, { roles: ['centre_head', 'director'] });
    const agreement = await placement();
    const [paidMonth, approvedMonth] = [monthFromNow(-2), monthFromNow(-1)];
    const paidInvoice = (await invoiceMonth(agreement.id, paidMonth, { stay: STAY, school: SCHOOL })).record;
    const approvedInvoice = (await invoiceMonth(agreement.id, approvedMonth, { stay: STAY })).record;
    const paidPath = `/agreements/${agreement.id}/invoices/${paidInvoice.invoiceId}`;
    const approvedPath = `/agreements/${agreement.id}/invoices/${approvedInvoice.invoiceId}`;
    await write('lene', 'POST', `${paidPath}/attestation`, 201);
    await write('sara', 'POST', `${paidPath}/payment`, 201, {
      reference: uniqueId('PAY'),
      paidOn: danishToday(),
    });
    await write('lene', 'POST', `${approvedPath}/attestation`, 201);

    // The child went home on the 10th of the paid month; both sides sign that date now.
    const effectiveDate = `${paidMonth}-10`;
    const proposed = await write<Agreement>('sara', 'POST', `/agreements/${agreement.id}/terminations`, 201, {
      effectiveDate,
    });
    const number = proposed.data.terminations.at(-1)?.number ?? 0;
    const sign = `/agreements/${agreement.id}/terminations/${String(number)}/signatures`;
    await write('jonas', 'POST', sign, 201);
    expect((await write<Agreement>('karin', 'POST', sign, 201)).data.status).to.equal('terminated');

    const days = daysInMonth(paidMonth);
    const stayStill = prorate(STAY * 100, 10, days);
    const schoolStill = prorate(SCHOOL * 100, 10, days);
    const paid = await read<InvoiceRecord>('karin', paidPath);
    expect(paid.state, 'a credit does not undo the payment').to.equal('paid');
    expect(paid.credit).to.deep.include({ terminationNumber: number, effectiveDate });
    expect(paid.credit?.lines).to.have.deep.members([
      { serviceLineId: 'stay', approved: STAY * 100, stillDue: stayStill, credit: STAY * 100 - stayStill },
      {
        serviceLineId: 'school',
        approved: SCHOOL * 100,
        stillDue: schoolStill,
        credit: SCHOOL * 100 - schoolStill,
      },
    ]);
    expect(paid.credit?.amount).to.equal((STAY + SCHOOL) * 100 - stayStill - schoolStill);
    await expectDescribed('InvoiceRecord', paid);

    const approved = await read<InvoiceRecord>('sara', approvedPath);
    expect(approved.state).to.equal('approved');
    expect(approved.credit?.lines).to.deep.equal([
      { serviceLineId: 'stay', approved: STAY * 100, stillDue: 0, credit: STAY * 100 },
    ]);
    expect(approved.credit?.amount).to.equal(STAY * 100);
    // Paid less the credit: nothing is left to pay of the month after the child went home.
    const payment = await write<InvoiceRecord>('sara', 'POST', `${approvedPath}/payment`, 201, {
      reference: uniqueId('PAY'),
      paidOn: danishToday(),
    });
    expect(payment.data.payment?.amount).to.equal(0);
  });
});
