/**
 * Issue 9, item 6 on the real network: looking a child up by CPR number is an audited act. The lookup is answered
 * only after the ledger holds who asked, when and why (never the CPR number), only for the roles allowed to look
 * children up, and an auditor can list the month's lookups; the municipality's record of a child must carry that
 * child's own CPR number.
 */
import { expect } from 'chai';
import { randomChildCpr } from '../support/privacy-data';
import { call, callAs, domainPath, expectProblem, waitUntilReady } from './support/gateways';

interface LookupWrite {
  readonly transactionId: string;
  readonly data: {
    readonly lookupId: string;
    readonly childPseudonym: string;
    readonly at: string;
    readonly purpose: string;
  };
}

interface LookupPage {
  readonly items: readonly Readonly<Record<string, unknown>>[];
  readonly bookmark: string | null;
}

describe('REST gateway: the CPR → pseudonym lookup is audited', function () {
  this.timeout(300_000);
  const cpr = randomChildCpr();
  const lookups = domainPath('/child-pseudonyms');

  before(async function () {
    await waitUntilReady('municipality');
  });

  it("records the caseworker's lookup with its purpose before answering, and the auditor lists it", async function () {
    const answer = await callAs('sara', 'POST', lookups, { json: { cpr, purpose: 'case_handling' } });
    expect(answer.status, answer.text).to.equal(200);
    const { data, transactionId } = answer.body as LookupWrite;
    expect(transactionId).to.match(/^[0-9a-f]{64}$/);
    expect(data.childPseudonym).to.match(/^[0-9a-f]{64}$/);
    expect(data.purpose).to.equal('case_handling');
    expect(answer.text).not.to.include(cpr);

    const again = await callAs('jonas', 'POST', lookups, {
      json: { cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}`, purpose: 'supervision' },
    });
    expect((again.body as LookupWrite).data.childPseudonym, 'same child, same pseudonym').to.equal(
      data.childPseudonym,
    );

    const month = data.at.slice(0, 7);
    const found: Readonly<Record<string, unknown>>[] = [];
    let bookmark: string | null = null;
    for (let first = true; first || bookmark !== null; first = false) {
      const after = bookmark === null ? '' : `&bookmark=${encodeURIComponent(bookmark)}`;
      const page = await callAs(
        'anne',
        'GET',
        domainPath(`/audit/pseudonym-lookups?month=${month}&pageSize=100${after}`),
      );
      expect(page.status, page.text).to.equal(200);
      expect(page.text).not.to.include(cpr);
      const body = page.body as LookupPage;
      found.push(...body.items);
      bookmark = body.bookmark;
    }
    const mine = found.find((record) => record.lookupId === data.lookupId);
    expect(mine, 'the lookup is on the ledger').to.include({
      childPseudonym: data.childPseudonym,
      mspId: 'MunicipalityMSP',
      role: 'caseworker',
      purpose: 'case_handling',
    });
    expect(found.find((record) => record.lookupId === (again.body as LookupWrite).data.lookupId)).to.include({
      role: 'director',
      purpose: 'supervision',
    });
  });

  it('refuses roles that may not look children up, a missing purpose and an impossible date, without echo', async function () {
    const auditor = await callAs('anne', 'POST', lookups, { json: { cpr, purpose: 'case_handling' } });
    expectProblem(auditor, 403, 'LOOKUP_NOT_PERMITTED');
    const guardian = await callAs('birthe', 'POST', lookups, { json: { cpr, purpose: 'case_handling' } });
    expectProblem(guardian, 403, 'LOOKUP_NOT_PERMITTED');
    expectProblem(await callAs('sara', 'POST', lookups, { json: { cpr } }), 400, 'REQUEST_INVALID');
    const june31 = await callAs('sara', 'POST', lookups, {
      json: { cpr: `3106${cpr.slice(4)}`, purpose: 'case_handling' },
    });
    const problem = expectProblem(june31, 400, 'VALIDATION_FAILED');
    expect(problem.details).to.include({ field: 'cpr', reason: 'not_a_date' });
    for (const answer of [auditor, guardian, june31]) expect(answer.text).not.to.include(cpr.slice(4));
  });

  it('is not served by a provider, nor at the old unaudited address', async function () {
    expectProblem(
      await callAs('karin', 'POST', lookups, { json: { cpr, purpose: 'case_handling' } }),
      404,
      'ROUTE_NOT_FOUND',
    );
    expectProblem(
      await callAs('sara', 'POST', '/api/v1/child-pseudonyms', { json: { cpr, purpose: 'case_handling' } }),
      404,
      'ROUTE_NOT_FOUND',
    );
  });

  it("refuses to file one child's CPR number under another child's pseudonym (422, no echo)", async function () {
    const other = randomChildCpr();
    const otherLookup = await callAs('sara', 'POST', lookups, {
      json: { cpr: other, purpose: 'case_handling' },
    });
    const otherPseudonym = (otherLookup.body as LookupWrite).data.childPseudonym;
    const answer = await call(
      'municipality',
      'PUT',
      domainPath(`/children/${otherPseudonym}/personal-data/municipal`),
      {
        as: 'sara',
        json: { cpr, caseFacts: 'filed under the wrong child' },
      },
    );
    expectProblem(answer, 422, 'CPR_PSEUDONYM_MISMATCH');
    expect(answer.text).not.to.include(cpr).and.not.to.include(other);
  });
});
