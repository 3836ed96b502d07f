import type { ApiPage } from '@fabric-agreements/api';
/**
 * Issue 10, defect 1 on the real network: every list and query route answers 200 with zero, one and several
 * results. An empty paged query used to throw in the chaincode (fabric-shim leaves the page's `metadata` undefined
 * when nothing matches) and answered 502; on a fresh network the scheduler's first run failed the same way.
 *
 * Exact counts need a scope nobody else writes to: a fresh child, a fresh agreement, or the `prevention` domain, on
 * which no test drafts agreements. Lists over the whole `placements` domain (by status, by provider, every
 * deadline) hold other tests' agreements too; there "one" is a page of one with a bookmark to the next and
 * "several" is every agreement of this file found by paging through.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FABRIC_HOME, uniqueId } from '../support/network';
import { randomChildCpr } from '../support/privacy-data';
import { documentHash, schoolSupportLine } from 'agreements-case-story';
import { callAs, domainPath, waitUntilReady } from './support/gateways';
import {
  activeAgreement,
  type Agreement,
  draftAndSubmit,
  draftBody,
  expectEmptyPage,
  firstDay,
  lastDay,
  monthFromNow,
  monthlyLine,
  read,
  readAll,
  write,
} from './support/scenarios';

interface Deadline {
  readonly agreementId: string;
  readonly kind: string;
  readonly date: string;
  readonly periodNumber?: number;
}
interface HeldInstalments {
  readonly instalments: readonly {
    agreementId: string;
    month: string;
    serviceLineId: string;
    held: number;
  }[];
  readonly total: number;
}
interface Overview {
  readonly childPseudonym: string;
  readonly agreements: readonly { agreement: Agreement; deadlines: readonly Deadline[] }[];
  readonly heldTotal: number;
  readonly truncated: boolean;
}
interface Settlement {
  readonly settlement: {
    readonly lines: readonly { serviceLineId: string; activeDays: number; due: number }[];
    readonly totals: { due: number };
  };
  readonly recorded: unknown;
}

const prevention = (path: string): string => `/api/v1/prevention${path}`;

describe('REST lists and queries: zero, one and several results', function () {
  this.timeout(300_000);
  const start = firstDay(monthFromNow(-4));
  const childNone = uniqueId('e2e-child-none');
  const childOne = uniqueId('e2e-child-one');
  const childSeveral = uniqueId('e2e-child-several');
  /** childOne's only agreement: one stay line that ended with its first month, so the placement has expired. */
  let expired: Agreement;
  /** childSeveral's placement (stay and school from four months ago), add-on and terminated placement. */
  let placement: Agreement;
  let addOn: Agreement;
  let terminated: Agreement;
  let awaiting: string;

  before(async function () {
    for (const org of ['municipality', 'placement', 'consultancy'] as const) await waitUntilReady(org);
    expired = await activeAgreement(
      draftBody({
        kind: 'placement',
        childPseudonym: childOne,
        startDate: start,
        lines: [monthlyLine('stay', 'stay', 91_000, start, { endDate: lastDay(monthFromNow(-4)) })],
      }),
    );
    const run = await write<{ status: string; changed: boolean }>(
      'sara',
      'POST',
      `/agreements/${expired.id}/deadline-runs`,
      200,
    );
    expect(run.data.status, 'the stay ended four months ago').to.equal('expired');

    placement = await activeAgreement(
      draftBody({
        kind: 'placement',
        childPseudonym: childSeveral,
        startDate: start,
        lines: [monthlyLine('stay', 'stay', 87_500, start), monthlyLine('school', 'school', 21_000, start)],
      }),
      { centreHeads: true },
    );
    addOn = await activeAgreement(
      draftBody({
        kind: 'add_on',
        childPseudonym: childSeveral,
        startDate: start,
        lines: [
          {
            ...schoolSupportLine(start, lastDay(monthFromNow(2)), 'support'),
            unitPrice: 45_500,
            agreedQuantity: 5,
          },
        ],
        extra: { relatedAgreementIds: [placement.id] },
      }),
    );
    const ending = await activeAgreement(
      draftBody({
        kind: 'placement',
        childPseudonym: childSeveral,
        startDate: start,
        lines: [monthlyLine('stay', 'stay', 80_000, start)],
      }),
    );
    const proposed = await write<Agreement>('sara', 'POST', `/agreements/${ending.id}/terminations`, 201, {
      effectiveDate: lastDay(monthFromNow(-2)),
    });
    const number = proposed.data.terminations.at(-1)?.number ?? 0;
    await write('jonas', 'POST', `/agreements/${ending.id}/terminations/${number}/signatures`, 201);
    terminated = (
      await write<Agreement>(
        'karin',
        'POST',
        `/agreements/${ending.id}/terminations/${number}/signatures`,
        201,
      )
    ).data;
    expect(terminated.status).to.equal('terminated');
    awaiting = await draftAndSubmit(
      draftBody({
        kind: 'placement',
        childPseudonym: uniqueId('e2e-child-awaiting'),
        startDate: firstDay(monthFromNow(1)),
        lines: [monthlyLine('stay', 'stay', 85_000, firstDay(monthFromNow(1)))],
      }),
    );
  });

  describe('agreements by child', function () {
    it('answers an empty page for a child without agreements', async function () {
      expectEmptyPage(
        await read<ApiPage<Agreement>>('sara', `/agreements?childPseudonym=${childNone}`),
        'sara',
      );
      expectEmptyPage(
        await read<ApiPage<Agreement>>('karin', `/agreements?childPseudonym=${childNone}`),
        'karin',
      );
    });

    it("lists a child's one agreement", async function () {
      const page = await read<ApiPage<Agreement>>('sara', `/agreements?childPseudonym=${childOne}`);
      expect(page.items.map((a) => a.id)).to.deep.equal([expired.id]);
      expect([page.count, page.bookmark]).to.deep.equal([1, null]);
    });

    it("lists a child's several agreements, to the provider only its own", async function () {
      const all = await readAll<Agreement>('sara', `/agreements?childPseudonym=${childSeveral}`);
      expect(all.map((a) => a.id)).to.have.members([placement.id, addOn.id, terminated.id]);
      const page = await read<ApiPage<Agreement>>(
        'sara',
        `/agreements?childPseudonym=${childSeveral}&pageSize=2`,
      );
      expect(page.items).to.have.length(2);
      expect(page.bookmark, 'a bookmark to the third').to.be.a('string');
      const karin = await readAll<Agreement>('karin', `/agreements?childPseudonym=${childSeveral}`);
      expect(karin.map((a) => a.id)).to.have.members([placement.id, addOn.id, terminated.id]);
      expectEmptyPage(
        await read<ApiPage<Agreement>>('ole', `/agreements?childPseudonym=${childSeveral}`),
        "the consultancy is party to none of this child's agreements",
      );
    });
  });

  describe('agreements by status and by provider', function () {
    it('answers empty pages on a domain where no agreement has been drafted', async function () {
      for (const status of ['draft', 'awaiting_signatures', 'active', 'terminated', 'expired']) {
        const sara = await callAs('sara', 'GET', prevention(`/agreements?status=${status}`));
        expect(sara.status, sara.text).to.equal(200);
        expectEmptyPage(sara.body as ApiPage<unknown>, `${status} on prevention`);
        const ole = await callAs('ole', 'GET', prevention(`/agreements?status=${status}`));
        expectEmptyPage(ole.body as ApiPage<unknown>, `${status} on prevention, the consultancy`);
      }
      const byProvider = await callAs('sara', 'GET', prevention('/agreements?providerMspId=ConsultancyMSP'));
      expect(byProvider.status, byProvider.text).to.equal(200);
      expectEmptyPage(byProvider.body as ApiPage<unknown>, 'the consultancy on prevention');
    });

    it('pages one result at a time, with a bookmark to the next', async function () {
      for (const query of [
        'status=expired',
        'status=terminated',
        'status=active',
        'providerMspId=PlacementSiteMSP',
      ]) {
        const first = await read<ApiPage<Agreement>>('sara', `/agreements?${query}&pageSize=1`);
        expect(first.items, query).to.have.length(1);
        expect(first.count, query).to.equal(1);
        if (first.bookmark !== null) {
          const next = await read<ApiPage<Agreement>>(
            'sara',
            `/agreements?${query}&pageSize=1&bookmark=${encodeURIComponent(first.bookmark)}`,
          );
          expect(
            next.items.map((a) => a.id),
            `${query}: the next page is another agreement`,
          ).not.to.include(first.items[0]?.id);
        }
      }
    });

    it('finds every agreement of this file under its status, by paging through', async function () {
      const ids = async (user: 'sara' | 'karin' | 'ole', status: string): Promise<string[]> =>
        (await readAll<Agreement>(user, `/agreements?status=${status}`)).map((a) => a.id);
      expect(await ids('sara', 'expired')).to.include(expired.id);
      expect(await ids('sara', 'terminated')).to.include(terminated.id);
      expect(await ids('sara', 'active')).to.include.members([placement.id, addOn.id]);
      expect(await ids('sara', 'awaiting_signatures')).to.include(awaiting);
      expect(await ids('karin', 'expired')).to.include(expired.id);
      expect(await ids('karin', 'terminated')).to.include(terminated.id);
      expect(await ids('ole', 'expired'), 'the consultancy sees no placement').not.to.include(expired.id);
      const consultancy = await readAll<Agreement>('ole', '/agreements?status=active');
      expect(consultancy.filter((a) => a.providerMspId !== 'ConsultancyMSP')).to.deep.equal([]);
    });

    it("lists a provider's agreements, to that provider too, and another provider none of them", async function () {
      const ofSite = (await readAll<Agreement>('sara', '/agreements?providerMspId=PlacementSiteMSP')).map(
        (a) => a.id,
      );
      expect(ofSite).to.include.members([expired.id, placement.id, addOn.id, terminated.id, awaiting]);
      // Two at a time: the listing reads the provider's part of one status range after another, and its bookmarks
      // carry it across their ends without losing or repeating an agreement.
      const twoByTwo = (
        await readAll<Agreement>('sara', '/agreements?providerMspId=PlacementSiteMSP', 2)
      ).map((a) => a.id);
      expect(new Set(twoByTwo).size, 'no agreement twice').to.equal(twoByTwo.length);
      expect(twoByTwo).to.include.members([expired.id, placement.id, addOn.id, terminated.id, awaiting]);
      const karin = (await readAll<Agreement>('karin', '/agreements?providerMspId=PlacementSiteMSP')).map(
        (a) => a.id,
      );
      expect(karin).to.include.members([expired.id, placement.id, addOn.id, terminated.id]);
      const ole = await callAs('ole', 'GET', domainPath('/agreements?providerMspId=PlacementSiteMSP'));
      expect(ole.status, 'the consultancy may not list the placement site’s agreements').to.be.oneOf([
        200, 403,
      ]);
      if (ole.status === 200) expect((ole.body as ApiPage<unknown>).items).to.deep.equal([]);
    });
  });

  describe("a child's overview and access log", function () {
    it('answers an empty overview and an empty access log for a child without anything', async function () {
      expect(await read<Overview>('sara', `/children/${childNone}/overview`)).to.deep.equal({
        childPseudonym: childNone,
        agreements: [],
        heldTotal: 0,
        truncated: false,
      });
      expectEmptyPage(
        await read<ApiPage<unknown>>('sara', `/children/${childNone}/access-log`),
        'access log',
      );
    });

    it("shows a child's one agreement and several agreements", async function () {
      const one = await read<Overview>('sara', `/children/${childOne}/overview`);
      expect(one.agreements.map((entry) => entry.agreement.id)).to.deep.equal([expired.id]);
      const several = await read<Overview>('sara', `/children/${childSeveral}/overview`);
      expect(several.agreements.map((entry) => entry.agreement.id)).to.have.members([
        placement.id,
        addOn.id,
        terminated.id,
      ]);
      expect(several.truncated).to.equal(false);
    });

    it('lists one access-log entry, then several', async function () {
      const shared = await callAs(
        'sara',
        'PUT',
        domainPath(`/children/${childOne}/personal-data/shared/PlacementSiteMSP`),
        { json: { name: 'Liste Testbarn' } },
      );
      expect(shared.status, shared.text).to.equal(200);
      const one = await read<ApiPage<{ action: string }>>('sara', `/children/${childOne}/access-log`);
      expect(one.items.map((entry) => entry.action)).to.deep.equal(['write']);
      expect(one.bookmark).to.equal(null);
      const reading = await callAs('sara', 'POST', domainPath(`/children/${childOne}/personal-data/reads`), {
        json: { providerMspId: 'PlacementSiteMSP', purpose: 'case_handling' },
      });
      expect(reading.status, reading.text).to.equal(200);
      const several = await readAll<{ action: string }>('sara', `/children/${childOne}/access-log`);
      expect(several.map((entry) => entry.action)).to.deep.equal(['write', 'read']);
    });
  });

  describe('deadlines', function () {
    it('answers no deadlines of an agreement within a short horizon, one, then several', async function () {
      // The placement's report 2 (months -1 to +1) is due on the first day of the month after next: within 70 days.
      const dueNext = firstDay(monthFromNow(2));
      const none = await read<Deadline[]>('sara', `/agreements/${addOn.id}/deadlines?horizonDays=0`);
      expect(none).to.deep.equal([]);
      const placementDeadlines = await read<Deadline[]>(
        'sara',
        `/agreements/${placement.id}/deadlines?horizonDays=70`,
      );
      expect(placementDeadlines.filter((d) => d.kind === 'report_due')).to.deep.include({
        agreementId: placement.id,
        kind: 'report_due',
        date: dueNext,
        obligationId: 'status-report',
        periodNumber: 2,
      });
      expect(
        placementDeadlines.filter((d) => d.kind === 'report_overdue').map((d) => d.periodNumber),
        'report 1 was due a month ago',
      ).to.deep.equal([1]);
      const addOnDeadlines = await read<Deadline[]>(
        'karin',
        `/agreements/${addOn.id}/deadlines?horizonDays=100`,
      );
      expect(addOnDeadlines.map((d) => [d.kind, d.date])).to.deep.equal([
        ['line_re_evaluation', lastDay(monthFromNow(2))],
      ]);
    });

    it("answers an empty page of every agreement's deadlines on a domain without agreements", async function () {
      for (const user of ['sara', 'ole'] as const) {
        const response = await callAs(user, 'GET', prevention('/deadlines'));
        expect(response.status, response.text).to.equal(200);
        expectEmptyPage(response.body as ApiPage<unknown>, `${user} on prevention`);
      }
    });

    it("lists the municipality's and the provider's upcoming deadlines, one page at a time", async function () {
      for (const user of ['sara', 'karin'] as const) {
        const all = await readAll<Deadline>(user, '/deadlines?horizonDays=100');
        expect(
          all.map((d) => d.agreementId),
          user,
        ).to.include.members([placement.id, addOn.id]);
        const one = await read<ApiPage<Deadline>>(user, '/deadlines?horizonDays=100&pageSize=1');
        expect(one.count, `${user}: one agreement read`).to.equal(1);
      }
      const consultancy = await readAll<Deadline>('ole', '/deadlines?horizonDays=100');
      expect(consultancy.map((d) => d.agreementId)).not.to.include.members([placement.id]);
    });
  });

  describe('held instalments, status reports, settlements and invoices', function () {
    it('holds nothing of an agreement whose first report is not yet due', async function () {
      expect(await read<HeldInstalments>('sara', `/agreements/${awaiting}/held-instalments`)).to.deep.equal({
        instalments: [],
        total: 0,
      });
      expect(await read<HeldInstalments>('karin', `/agreements/${addOn.id}/held-instalments`)).to.deep.equal({
        instalments: [],
        total: 0,
      });
    });

    it('holds one instalment, then several, while report 1 is missing past its due date', async function () {
      // Recorded now, long after report 1's due date (the first day of last month) and any grace period.
      const first = monthFromNow(-4);
      await write('sara', 'POST', `/agreements/${expired.id}/settlements/${first}`, 200);
      const one = await read<HeldInstalments>('sara', `/agreements/${expired.id}/held-instalments`);
      expect(one.instalments.map((i) => [i.month, i.serviceLineId, i.held])).to.deep.equal([
        [first, 'stay', 9_100_000],
      ]);
      expect(one.total).to.equal(9_100_000);

      const covered = [monthFromNow(-4), monthFromNow(-3), monthFromNow(-2)];
      for (const month of covered) {
        await write('sara', 'POST', `/agreements/${placement.id}/settlements/${month}`, 200);
      }
      const several = await read<HeldInstalments>('karin', `/agreements/${placement.id}/held-instalments`);
      const inCovered = several.instalments.filter((i) => covered.includes(i.month));
      expect(inCovered.map((i) => [i.month, i.serviceLineId, i.held])).to.have.deep.members(
        covered.flatMap((month) => [
          [month, 'stay', 8_750_000],
          [month, 'school', 2_100_000],
        ]),
      );
      expect(several.total).to.equal(several.instalments.reduce((sum, i) => sum + i.held, 0));
    });

    it('lists no status report, one, then several', async function () {
      const path = `/agreements/${placement.id}/status-reports`;
      expect(await read<unknown[]>('sara', path)).to.deep.equal([]);
      for (const periodNumber of [1, 2]) {
        await write('karin', 'POST', path, 201, {
          obligationId: 'status-report',
          periodNumber,
          documentHash: documentHash(`${placement.id} report ${String(periodNumber)}`),
        });
        const reports = await read<{ periodNumber: number }[]>('sara', path);
        expect(reports.map((r) => r.periodNumber)).to.deep.equal([1, 2].slice(0, periodNumber));
      }
      expect(
        await read<unknown[]>('karin', `/agreements/${addOn.id}/status-reports`),
        'add-ons report nothing',
      ).to.deep.equal([]);
    });

    it('settles a month with no line, one line and several lines', async function () {
      const month = monthFromNow(-1);
      const none = await read<Settlement>('sara', `/agreements/${expired.id}/settlements/${month}`);
      expect(none.settlement.lines.filter((l) => l.activeDays > 0)).to.deep.equal([]);
      expect(none.settlement.totals.due).to.equal(0);
      const one = await read<Settlement>(
        'karin',
        `/agreements/${terminated.id}/settlements/${monthFromNow(-2)}`,
      );
      expect(one.settlement.lines.map((l) => [l.serviceLineId, l.due])).to.deep.equal([['stay', 8_000_000]]);
      const several = await read<Settlement>('sara', `/agreements/${placement.id}/settlements/${month}`);
      expect(several.settlement.lines.map((l) => [l.serviceLineId, l.due])).to.have.deep.members([
        ['stay', 8_750_000],
        ['school', 2_100_000],
      ]);
    });

    it('lists no invoice, one, then several', async function () {
      const path = `/agreements/${terminated.id}/invoices`;
      expect(await read<unknown[]>('karin', path)).to.deep.equal([]);
      const months = [monthFromNow(-4), monthFromNow(-3)];
      for (const [index, month] of months.entries()) {
        await write('karin', 'POST', path, 201, {
          invoiceId: uniqueId('e2e-invoice'),
          month,
          lines: [{ serviceLineId: 'stay', amount: 8_000_000 }],
        });
        const invoices = await read<{ validation: { month: string } }[]>('sara', path);
        expect(invoices.map((i) => i.validation.month)).to.have.members(months.slice(0, index + 1));
      }
    });
  });

  describe('pseudonym lookups (auditor)', function () {
    it('answers an empty page for a month without lookups, then one and several', async function () {
      expectEmptyPage(
        await read<ApiPage<unknown>>('anne', '/audit/pseudonym-lookups?month=2001-01'),
        'a month long before the network',
      );
      const lookups = [];
      for (const cpr of [randomChildCpr(), randomChildCpr()]) {
        const response = await callAs('sara', 'POST', domainPath('/child-pseudonyms'), {
          json: { cpr, purpose: 'case_handling' },
        });
        expect(response.status, response.text).to.equal(200);
        lookups.push((response.body as { data: { lookupId: string; at: string } }).data);
      }
      const month = lookups[0]?.at.slice(0, 7) ?? '';
      const one = await read<ApiPage<{ lookupId: string }>>(
        'anne',
        `/audit/pseudonym-lookups?month=${month}&pageSize=1`,
      );
      expect([one.items.length, one.count]).to.deep.equal([1, 1]);
      const all = await readAll<{ lookupId: string }>('anne', `/audit/pseudonym-lookups?month=${month}`);
      expect(all.map((l) => l.lookupId)).to.include.members(lookups.map((l) => l.lookupId));
    });
  });

  describe("the gateways' scheduler", function () {
    it('ran on the network without a failure other than a peer a fault test had stopped', function () {
      // Fault tests (compaction, a stopped peer) and concurrent writers may meet a run; what the first run on a fresh
      // network used to hit — a listing answering 502 — must never show up.
      const transient = [
        'PEER_UNAVAILABLE',
        'ENDORSER_UNAVAILABLE',
        // The own peer stopped between sending a write and reading its commit status.
        'WRITE_OUTCOME_UNKNOWN',
        'COMMIT_CONFLICT',
        'TOO_MANY_IN_FLIGHT',
        'PEER_BUSY',
      ];
      const logs = join(FABRIC_HOME, 'logs');
      for (const org of ['municipality', 'placement', 'consultancy']) {
        const lines = readFileSync(join(logs, `gateway-${org}.log`), 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { msg?: string; failures?: number; code?: string });
        const runs = lines.filter((line) => line.msg === 'scheduled deadline run finished');
        const failures = lines.filter(
          (line) =>
            line.msg === 'scheduled run failed' || line.msg === 'scheduled deadline transaction failed',
        );
        expect(
          failures.filter((line) => !transient.includes(line.code ?? '')),
          `${org}: failures other than a stopped peer or a conflict`,
        ).to.deep.equal([]);
        expect(runs.length, `${org}: the first run happens within a minute of the start`).to.be.greaterThan(
          0,
        );
      }
    });
  });
});
