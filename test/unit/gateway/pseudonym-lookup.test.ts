/**
 * Issue 9, item 6: the CPR number → pseudonym lookup is an audited act. Only roles that may look children up, only
 * with a purpose, only for a real child's number (the chaincode's own CPR rules), and only after the ledger holds
 * the record — which names the pseudonym, never the CPR number. The municipality's own record of a child must carry
 * that child's CPR number.
 */
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { ApiError } from 'agreements-gateway/errors/api-error';
import { TX } from '@fabric-agreements/api';
import { startTestApp, TEST_PSEUDONYM_KEY, type TestApp } from './support/test-app';

const CPR = '150318-4321';
const PSEUDONYM = createHmac('sha256', TEST_PSEUDONYM_KEY).update('1503184321').digest('hex');
const LOOKUPS = '/api/v1/placements/child-pseudonyms';

describe('CPR → pseudonym lookup as an audited act (issue 9, item 6)', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  beforeEach(() => {
    app.fabric.calls.length = 0;
    app.fabric.answers.clear();
    app.logLines.length = 0;
    app.fabric.answers.set(TX.recordPseudonymLookup, (request) => ({
      lookupId: 'lookup-1',
      childPseudonym: request.arguments?.[0],
      at: '2026-03-01T10:00:00.000Z',
      purpose: request.arguments?.[1],
    }));
  });

  async function post(
    role: string,
    body: unknown,
    path = LOOKUPS,
  ): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await app.token('sara', role)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
  }

  function expectCprNowhere(answer: { text: string }): void {
    for (const form of [CPR, CPR.replace('-', '')]) {
      expect(answer.text).not.to.include(form);
      expect(app.logLines.join('')).not.to.include(form);
      expect(JSON.stringify(app.fabric.calls)).not.to.include(form);
    }
  }

  for (const role of ['caseworker', 'centre_head', 'director']) {
    it(`records the lookup of a ${role}, endorsed by the municipality alone, then answers the pseudonym`, async () => {
      const answer = await post(role, { cpr: CPR, purpose: 'case_handling' });
      expect(answer.status, answer.text).to.equal(200);
      expect(answer.body.transactionId).to.be.a('string');
      expect(answer.body.data).to.deep.include({
        childPseudonym: PSEUDONYM,
        lookupId: 'lookup-1',
        purpose: 'case_handling',
      });
      expect(app.fabric.submits).to.have.length(1);
      const call = app.fabric.submits[0];
      expect(call?.kind).to.equal('submit');
      expect(call?.request.transaction).to.equal(TX.recordPseudonymLookup);
      expect(call?.request.channel).to.equal('placements');
      expect(call?.request.arguments).to.deep.equal([PSEUDONYM, 'case_handling']);
      expect(call?.request.endorsingOrganizations).to.deep.equal(['MunicipalityMSP']);
      expectCprNowhere(answer);
    });
  }

  it('gives the same pseudonym with or without the dash', async () => {
    const answer = await post('caseworker', { cpr: CPR.replace('-', ''), purpose: 'case_handling' });
    expect((answer.body.data as Record<string, unknown>).childPseudonym).to.equal(PSEUDONYM);
  });

  it('answers no pseudonym when the record does not commit', async () => {
    app.fabric.answers.set(TX.recordPseudonymLookup, () => {
      throw new ApiError({ code: 'COMMIT_FAILED' });
    });
    const answer = await post('caseworker', { cpr: CPR, purpose: 'case_handling' });
    expect(answer.status).to.equal(502);
    expect(answer.text).not.to.include(PSEUDONYM);
  });

  for (const role of ['auditor', 'guardian']) {
    it(`refuses a ${role} with 403 LOOKUP_NOT_PERMITTED, before touching the ledger`, async () => {
      const answer = await post(role, { cpr: CPR, purpose: 'case_handling' });
      expect(answer.status).to.equal(403);
      expect(answer.body.code).to.equal('LOOKUP_NOT_PERMITTED');
      expect(app.fabric.calls).to.be.empty;
      expectCprNowhere(answer);
    });
  }

  it('requires a purpose code', async () => {
    for (const body of [{ cpr: CPR }, { cpr: CPR, purpose: 'Because I want to' }]) {
      const answer = await post('caseworker', body);
      expect(answer.status).to.equal(400);
      expect(answer.body.code).to.equal('REQUEST_INVALID');
      expectCprNowhere(answer);
    }
    expect(app.fabric.calls).to.be.empty;
  });

  it("validates the CPR number by the chaincode's rules: real dates, century from digit 7, a child's age", async () => {
    const cases = [
      ['310618-4321', 'not_a_date'], // 31 June
      ['290219-4321', 'not_a_date'], // 29 February 2019
      ['150318-1321', 'implausible_age'], // digit 7 = 1: born 1918
      ['150358-5321', 'implausible_age'], // digit 7 = 5, year 58: born 1858
      ['150336-4321', 'implausible_age'], // digit 7 = 4, year 36: born 2036, not yet
    ] as const;
    for (const [cpr, reason] of cases) {
      const answer = await post('caseworker', { cpr, purpose: 'case_handling' });
      expect(answer.status, cpr).to.equal(400);
      expect(answer.body.code).to.equal('VALIDATION_FAILED');
      expect(answer.body.details).to.include({ field: 'cpr', reason });
      expect(answer.text).not.to.include(cpr).and.not.to.include(cpr.replace('-', ''));
    }
    expect(app.fabric.calls).to.be.empty;
  });

  it('no longer answers the unaudited route', async () => {
    const answer = await post(
      'caseworker',
      { cpr: CPR, purpose: 'case_handling' },
      '/api/v1/child-pseudonyms',
    );
    expect(answer.status).to.equal(404);
    expect(app.fabric.calls).to.be.empty;
  });

  it("lists a month's lookups from the municipality's own peer", async () => {
    app.fabric.answers.set(TX.listPseudonymLookups, () => ({
      records: [
        {
          lookupId: 'lookup-1',
          childPseudonym: PSEUDONYM,
          at: '2026-03-01T10:00:00.000Z',
          mspId: 'MunicipalityMSP',
          purpose: 'case_handling',
        },
      ],
      fetchedRecordsCount: 1,
      bookmark: '',
    }));
    const response = await fetch(
      `${app.baseUrl}/api/v1/placements/audit/pseudonym-lookups?month=2026-03&pageSize=10`,
      {
        headers: { authorization: `Bearer ${await app.token('jonas', 'auditor')}` },
      },
    );
    expect(response.status).to.equal(200);
    const page = (await response.json()) as { items: unknown[]; count: number; bookmark: unknown };
    expect(page.count).to.equal(1);
    expect(page.bookmark).to.equal(null);
    const call = app.fabric.calls[0];
    expect(call?.kind).to.equal('evaluate');
    expect(call?.request.arguments).to.deep.equal(['2026-03', '10', '']);
    expect(call?.request.endorsingOrganizations).to.deep.equal(['MunicipalityMSP']);
    const noMonth = await fetch(`${app.baseUrl}/api/v1/placements/audit/pseudonym-lookups`, {
      headers: { authorization: `Bearer ${await app.token('jonas', 'auditor')}` },
    });
    expect(noMonth.status).to.equal(400);
  });

  describe("the municipality's own record of a child", () => {
    async function putMunicipal(
      pseudonym: string,
      cpr: string,
    ): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
      const response = await fetch(
        `${app.baseUrl}/api/v1/placements/children/${pseudonym}/personal-data/municipal`,
        {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${await app.token('sara', 'caseworker')}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ cpr, caseFacts: 'facts' }),
        },
      );
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
    }

    it("refuses another child's CPR number with 422 CPR_PSEUDONYM_MISMATCH, without echo", async () => {
      const other = createHmac('sha256', TEST_PSEUDONYM_KEY).update('0101164234').digest('hex');
      const answer = await putMunicipal(other, CPR);
      expect(answer.status).to.equal(422);
      expect(answer.body.code).to.equal('CPR_PSEUDONYM_MISMATCH');
      expect(answer.text).not.to.include(other);
      expect(app.fabric.calls).to.be.empty;
      expectCprNowhere(answer);
    });

    it('accepts the CPR number that belongs to the pseudonym', async () => {
      const answer = await putMunicipal(PSEUDONYM, CPR);
      expect(answer.status, answer.text).to.equal(200);
      expect(app.fabric.submits.map((call) => call.request.transaction)).to.deep.equal([
        TX.putMunicipalChildData,
      ]);
    });

    it("refuses a number that is not a child's before comparing (the chaincode's field and reason)", async () => {
      const answer = await putMunicipal(PSEUDONYM, '310618-4321');
      expect(answer.status).to.equal(400);
      expect(answer.body.details).to.include({ field: 'transient.municipal.cpr', reason: 'not_a_date' });
      expect(app.fabric.calls).to.be.empty;
    });
  });
});
