/**
 * The rules a municipality works by, through the REST gateways on the real network, with dates computed from today
 * and every amount recomputed here from docs/domain-rules.md: a missing status report holds the months settled
 * while it is missing (from its due date plus the grace period) until it is submitted; a month with three visit
 * Sundays pays three visits; the municipality's own delegation rule lets a caseworker approve below an amount and
 * requires a leader above it.
 */
import { expect } from 'chai';
import { uniqueId } from '../support/network';
import {
  daysInMonth,
  documentHash,
  firstSundayFrom,
  kroner,
  month,
  monthDay,
  PRICES,
  visitationLine,
  visitsInMonth,
} from 'agreements-case-story';
import { placementDraft } from '../support/story';
import { expectWrite } from './support/agreements';
import { callAs, domainPath, expectProblem, type PersonName } from './support/gateways';
import { expectDescribed } from './support/openapi';

const { stay: STAY, school: SCHOOL, taxi: TAXI, visit: VISIT } = PRICES;

interface HeldByBody {
  readonly obligationId: string;
  readonly periodNumber: number;
  readonly dueDate: string;
  readonly heldFrom: string;
}
interface SettlementBody {
  readonly month: string;
  readonly settledAt: string;
  readonly lines: readonly { readonly serviceLineId: string; readonly heldBy: readonly HeldByBody[] }[];
  readonly totals: { readonly due: number; readonly held: number; readonly payable: number };
}
interface InvoiceBody {
  readonly validation: {
    readonly status: string;
    readonly lines: readonly {
      readonly status: string;
      readonly reason?: string;
      readonly approved: number;
      readonly expected?: { readonly allowedQuantity?: number };
    }[];
    readonly totals: { readonly approved: number };
  };
}
interface AgreementBody {
  readonly id: string;
  readonly status: string;
  readonly updatedAt: string;
  readonly versions: readonly {
    readonly signatures: readonly { readonly role: string; readonly side: string }[];
  }[];
}

/** The first day of the month `offset` months from the current one (negative: back). */
function firstOfMonth(offset: number, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus `days` days. */
function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function pathIn(domain: string, path: string): string {
  return `/api/v1/${domain}${path}`;
}

/**
 * Waits until each person's own gateway (and so their organisation's peer) reads the agreement at least as new as
 * `written`: a write commits on the submitting gateway's peer first, and the next write may be endorsed elsewhere.
 */
async function seenBy(domain: string, written: AgreementBody, people: readonly PersonName[]): Promise<void> {
  for (const person of people) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await callAs(person, 'GET', pathIn(domain, `/agreements/${written.id}`));
      const seen = response.status === 200 ? (response.body as AgreementBody).updatedAt : undefined;
      if (
        seen === written.updatedAt ||
        (seen !== undefined && Date.parse(seen) > Date.parse(written.updatedAt))
      ) {
        break;
      }
      if (Date.now() > deadline) throw new Error(`${person} did not see ${written.id} as written`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** A write to an agreement, once both parties' peers have it. */
async function agreementWrite(
  domain: string,
  who: PersonName,
  path: string,
  status: 200 | 201,
  provider: PersonName,
  json?: unknown,
): Promise<AgreementBody> {
  const response = await callAs(who, 'POST', pathIn(domain, path), json === undefined ? {} : { json });
  const written = expectWrite<AgreementBody>(response, status).data;
  await expectDescribed('AgreementWrite', response.body);
  await seenBy(domain, written, ['sara', provider]);
  return written;
}

/** Drafts, submits and signs an agreement; returns the agreement after the last signature. */
async function activate(
  domain: string,
  draft: Readonly<Record<string, unknown>> & { readonly id: string },
  signers: readonly PersonName[],
): Promise<AgreementBody> {
  const provider = signers.at(-1)!;
  await agreementWrite(domain, 'sara', '/agreements', 201, provider, draft);
  await agreementWrite(domain, 'sara', `/agreements/${draft.id}/submission`, 200, provider);
  let agreement: AgreementBody | undefined;
  for (const signer of signers) {
    agreement = await agreementWrite(
      domain,
      signer,
      `/agreements/${draft.id}/versions/1/signatures`,
      201,
      provider,
    );
  }
  expect(agreement?.status).to.equal('active');
  return agreement!;
}

/** A settlement through Sara's gateway; at least as of the write `minBlock` names (Fabric-Min-Block), if given. */
async function settlementOf(id: string, isoMonth: string, minBlock?: string | null): Promise<SettlementBody> {
  const response = await callAs('sara', 'GET', domainPath(`/agreements/${id}/settlements/${isoMonth}`), {
    ...(minBlock == null ? {} : { headers: { 'fabric-min-block': minBlock } }),
  });
  expect(response.status, response.text.slice(0, 300)).to.equal(200);
  await expectDescribed('SettlementView', response.body);
  return (response.body as { settlement: SettlementBody }).settlement;
}

async function invoice(
  who: PersonName,
  id: string,
  isoMonth: string,
  lines: readonly Record<string, unknown>[],
): Promise<InvoiceBody> {
  const response = await callAs(who, 'POST', domainPath(`/agreements/${id}/invoices`), {
    json: { invoiceId: uniqueId('inv'), month: isoMonth, lines },
  });
  await expectDescribed('InvoiceWrite', response.body);
  return expectWrite<InvoiceBody>(response, 201).data;
}

describe('the municipality’s rules through the REST gateways', function () {
  this.timeout(300_000);

  describe('withholding looks forward: a report missing across month ends', function () {
    // Start five months ago: quarter 1 was due two months ago (on start + 3 months) and, after the default 10 days'
    // grace, holds from the 11th day after; quarter 2 is not due yet.
    const start = firstOfMonth(-5);
    const M = (n: number): string => month(start, n - 1);
    const q1Due = monthDay(start, 3, 1);
    const q1 = {
      obligationId: 'status-report',
      periodNumber: 1,
      dueDate: q1Due,
      heldFrom: plusDays(q1Due, 11),
    };
    const placementId = uniqueId('e2e-hold');
    const lateGraceId = uniqueId('e2e-grace');
    let month1SettledAt = '';

    before(async function () {
      // Default terms (10 days' grace, released by submission) — and one placement granted 92 days' grace.
      await activate(
        'placements',
        { ...placementDraft(placementId, start, uniqueId('child')), obligations: [] },
        ['mads', 'lene', 'karin'],
      );
      await activate(
        'placements',
        {
          ...placementDraft(lateGraceId, start, uniqueId('child')),
          obligations: [{ id: 'status-report', graceDays: 92 }],
        },
        ['jonas', 'karin'],
      );
    });

    it('holds every placement month settled while the report is missing, from its due date plus the grace', async function () {
      // Month 1 is recorded now — while quarter 1 is missing — and held in full: 128 500 kr.
      const recording = await callAs(
        'sara',
        'POST',
        domainPath(`/agreements/${placementId}/settlements/${M(1)}`),
      );
      await expectDescribed('SettlementWrite', recording.body);
      const recorded = expectWrite<{ revision: number; settlement: SettlementBody }>(recording, 200).data;
      expect(recorded.revision).to.equal(1);
      expect(recorded.settlement.totals).to.deep.equal({
        due: kroner(128_500),
        held: kroner(128_500),
        payable: 0,
      });
      expect(recorded.settlement.lines.map((l) => l.heldBy)).to.deep.equal([[q1], [q1], [q1]]);
      month1SettledAt = recorded.settlement.settledAt;

      // Month 4 lies after quarter 1's period; settled now, it is held as well (the taxi has ended: 119 000 kr).
      const month4 = await settlementOf(placementId, M(4));
      expect(month4.totals).to.deep.equal({ due: STAY + SCHOOL, held: STAY + SCHOOL, payable: 0 });

      // The caseworker's overview: every month from the start to the current one, since when, and which is recorded.
      const overview = await callAs('sara', 'GET', domainPath(`/agreements/${placementId}/held-instalments`));
      await expectDescribed('HeldInstalments', overview.body);
      const held = (
        overview.body as { instalments: { month: string; held: number; settledAt?: string }[]; total: number }
      ).instalments;
      expect([...new Set(held.map((i) => i.month))]).to.deep.equal([1, 2, 3, 4, 5, 6].map(M));
      expect(held.filter((i) => i.month === M(1)).map((i) => i.settledAt)).to.deep.equal([
        month1SettledAt,
        month1SettledAt,
        month1SettledAt,
      ]);
      const partial = STAY + SCHOOL; // months 4–6 without the taxi; month 6 is the current one, already active
      expect((overview.body as { total: number }).total).to.equal(3 * (STAY + SCHOOL + TAXI) + 3 * partial);

      // 92 days' grace: the hold has not begun, nothing is held.
      expect((await settlementOf(lateGraceId, M(1))).totals.held).to.equal(0);
    });

    it('releases the hold the moment the report is submitted; the recorded month keeps when it was settled', async function () {
      const report = {
        obligationId: 'status-report',
        periodNumber: 1,
        documentHash: documentHash(placementId),
      };
      const submitted = await callAs(
        'karin',
        'POST',
        domainPath(`/agreements/${placementId}/status-reports`),
        {
          json: report,
        },
      );
      expectWrite(submitted, 201);
      // Read through Sara's gateway at least as of Karin's write: her peer may not have committed it yet.
      const released = await settlementOf(placementId, M(1), submitted.headers.get('fabric-min-block'));
      expect(released.totals).to.deep.equal({ due: kroner(128_500), held: 0, payable: kroner(128_500) });
      expect(released.settledAt).to.equal(month1SettledAt);
      const again = expectWrite<{ revision: number; settlement: SettlementBody }>(
        await callAs('sara', 'POST', domainPath(`/agreements/${placementId}/settlements/${M(1)}`)),
        200,
      ).data;
      expect(again.revision).to.equal(2);
      expect(again.settlement.settledAt).to.equal(month1SettledAt);
      expect(again.settlement.totals.held).to.equal(0);
      const overview = await callAs('sara', 'GET', domainPath(`/agreements/${placementId}/held-instalments`));
      expect(overview.body).to.deep.equal({ instalments: [], total: 0 });
    });
  });

  describe('visits follow their schedule', function () {
    // The latest past month in which a fortnightly rhythm from its first Sunday gives three Sundays.
    const threeSundayMonth = ((): string => {
      for (let back = -1; back >= -12; back--) {
        const first = firstOfMonth(back);
        const sunday = firstSundayFrom(first);
        if (Number(sunday.slice(8)) + 28 <= daysInMonth(first.slice(0, 7))) return first;
      }
      throw new Error('no three-Sunday month in the past year');
    })();
    const visitationId = uniqueId('e2e-visits');

    before(async function () {
      await activate(
        'placements',
        {
          id: visitationId,
          kind: 'visitation',
          municipalityMspId: 'MunicipalityMSP',
          providerMspId: 'ConsultancyMSP',
          childPseudonym: uniqueId('child'),
          startDate: threeSundayMonth,
          lines: [visitationLine(threeSundayMonth, VISIT)],
        },
        ['jonas', 'ole'],
      );
    });

    it('accepts three visits in a month with three visit Sundays, and not a fourth', async function () {
      const T = threeSundayMonth.slice(0, 7);
      expect(visitsInMonth(firstSundayFrom(threeSundayMonth), 2, T)).to.equal(3);
      const four = await invoice('ole', visitationId, T, [
        { serviceLineId: 'visits', quantity: 4, unitPrice: VISIT },
      ]);
      expect(four.validation.lines[0]).to.include({ status: 'rejected', reason: 'QUANTITY_ABOVE_ALLOWANCE' });
      expect(four.validation.lines[0]!.expected).to.include({ allowedQuantity: 3 });
      const three = await invoice('ole', visitationId, T, [
        { serviceLineId: 'visits', quantity: 3, unitPrice: VISIT },
      ]);
      expect(three.validation.lines[0]).to.include({ status: 'accepted', approved: 3 * VISIT });
    });

    it('allows only the visit Sundays of the next month', async function () {
      const next = month(threeSundayMonth, 1);
      const scheduled = visitsInMonth(firstSundayFrom(threeSundayMonth), 2, next);
      expect(scheduled).to.equal(2); // three Sundays on a fortnightly rhythm never come twice in a row
      const tooMany = await invoice('ole', visitationId, next, [
        { serviceLineId: 'visits', quantity: scheduled + 1, unitPrice: VISIT },
      ]);
      expect(tooMany.validation.lines[0]).to.include({ reason: 'QUANTITY_ABOVE_ALLOWANCE' });
    });
  });

  describe('the delegation rule is the municipality’s own', function () {
    // On the placements channel (the prevention channel stays empty for the tests of empty lists); the story's
    // default rule is restored afterwards.
    const DOMAIN = 'placements';
    const start = firstOfMonth(0);
    const TIERED = {
      tiers: [
        { fromMonthlyValue: 0, alternatives: [[{ role: 'caseworker', count: 1 }]] },
        {
          fromMonthlyValue: kroner(50_000),
          alternatives: [[{ role: 'centre_head', count: 1 }], [{ role: 'director', count: 1 }]],
        },
      ],
    };
    const DEFAULT = {
      tiers: [
        {
          fromMonthlyValue: 0,
          alternatives: [[{ role: 'director', count: 1 }], [{ role: 'centre_head', count: 2 }]],
        },
      ],
    };
    const visitation = (id: string, visitsPerOccurrence: number) => ({
      id,
      kind: 'visitation',
      municipalityMspId: 'MunicipalityMSP',
      providerMspId: 'ConsultancyMSP',
      childPseudonym: uniqueId('child'),
      startDate: start,
      lines: [
        {
          ...visitationLine(start, VISIT),
          agreedQuantity: visitsPerOccurrence,
          schedule: { anchorDate: firstSundayFrom(start), every: 'week', interval: 1 },
        },
      ],
    });

    before(async function () {
      const adopted = await callAs('jonas', 'PUT', pathIn(DOMAIN, '/registry/delegation-rule'), {
        json: TIERED,
      });
      expect(adopted.status, adopted.text.slice(0, 300)).to.equal(200);
    });
    after(async function () {
      const restored = await callAs('jonas', 'PUT', pathIn(DOMAIN, '/registry/delegation-rule'), {
        json: DEFAULT,
      });
      expect(restored.status, restored.text.slice(0, 300)).to.equal(200);
    });

    it('lets a caseworker approve below 50 000 kr a month', async function () {
      // Weekly, 2 visits at 5 151 kr: 2 × 52 / 12 × 5 151 kr = 44 642 kr a month.
      const agreement = await activate(DOMAIN, visitation(uniqueId('e2e-small'), 2), ['sara', 'ole']);
      expect(agreement.versions[0]!.signatures.map((s) => [s.role, s.side])).to.deep.equal([
        ['caseworker', 'municipality'],
        ['consultant', 'provider'],
      ]);
    });

    it('requires a leader at or above it: the caseworker is refused, a centre head signs', async function () {
      // Weekly, 3 visits: 3 × 52 / 12 × 5 151 kr = 66 963 kr a month.
      const id = uniqueId('e2e-large');
      const draft = visitation(id, 3);
      await agreementWrite(DOMAIN, 'sara', '/agreements', 201, 'ole', draft);
      await agreementWrite(DOMAIN, 'sara', `/agreements/${id}/submission`, 200, 'ole');
      const bySara = await callAs('sara', 'POST', pathIn(DOMAIN, `/agreements/${id}/versions/1/signatures`));
      const problem = expectProblem(bySara, 403, 'WRONG_ROLE');
      expect(problem.details.allowedRoles).to.deep.equal(['centre_head', 'director']);
      await agreementWrite(DOMAIN, 'mads', `/agreements/${id}/versions/1/signatures`, 201, 'ole');
      const active = await agreementWrite(
        DOMAIN,
        'ole',
        `/agreements/${id}/versions/1/signatures`,
        201,
        'ole',
      );
      expect(active.status).to.equal('active');
      expect(active.versions[0]!.signatures.map((s) => s.role)).to.deep.equal(['centre_head', 'consultant']);
    });
  });
});
