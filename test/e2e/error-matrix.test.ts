/**
 * The REST gateways' refusals end to end, against the running gateways and the real network: authentication (401),
 * another organisation's token and another provider's agreement (403/404), request validation (400, each problem
 * by pointer and rule, never the value), body size (413) and media type (415), conflicts with the ledger (409),
 * preconditions (422), unknown routes and methods (404/405). Every error must be the same RFC 9457 envelope with a
 * stable code and no stack trace. Needs the gateways and the development identity provider running
 * (scripts/gateway.sh); every agreement is new, so the file can run again and again on the same network.
 */
import { expect } from 'chai';
import { documentHash } from 'agreements-case-story';
import {
  activePlacement,
  draftPlacement,
  expectWrite,
  newPlacementDraft,
  placementAwaitingSignatures,
} from './support/agreements';
import {
  call,
  callAs,
  domainPath,
  expectProblem,
  type ApiResponse,
  type Problem,
  tokenFor,
  waitUntilReady,
} from './support/gateways';
import {
  expiredVersionOf,
  forgedVersionOf,
  otherAudienceVersionOf,
  otherIssuerVersionOf,
} from './support/tokens';

interface Issue {
  readonly in: string;
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
}

/** Every problem seen, to compare their shapes at the end. */
const seen: Problem[] = [];

function problem(response: ApiResponse, status: number, code: string): Problem {
  const found = expectProblem(response, status, code);
  seen.push(found);
  return found;
}

/** Asserts `400 REQUEST_INVALID` naming the `(in, pointer, rule)` problem, and returns every issue. */
function invalid(response: ApiResponse, expected: Omit<Issue, 'message'>): readonly Issue[] {
  const issues = problem(response, 400, 'REQUEST_INVALID').details.issues as readonly Issue[];
  expect(issues, response.text).to.be.an('array').that.is.not.empty;
  expect(
    issues.map(({ in: where, pointer, rule }) => ({ in: where, pointer, rule })),
    response.text,
  ).to.deep.include(expected);
  return issues;
}

/** Asserts a 403 or 404 with a code that says so: another provider's agreement is not theirs to see or touch. */
function notTheirs(response: ApiResponse): void {
  const expected = response.status === 404 ? ['NOT_FOUND'] : ['FORBIDDEN', 'WRONG_ROLE'];
  expect(response.status, response.text).to.be.oneOf([403, 404]);
  const found = problem(response, response.status, (response.body as Problem).code);
  expect(found.code).to.be.oneOf(expected);
}

describe('REST gateway: the error matrix', function () {
  this.timeout(300_000);

  before(async function () {
    await Promise.all([
      waitUntilReady('municipality'),
      waitUntilReady('placement'),
      waitUntilReady('consultancy'),
    ]);
  });

  describe('authentication: 401 with a stable code, before anything else', function () {
    const me = '/api/v1/me';
    let saraToken: string;
    before(async function () {
      saraToken = await tokenFor('sara');
      const accepted = await call('municipality', 'GET', me, { authorization: `Bearer ${saraToken}` });
      expect(accepted.status, 'the genuine token is accepted').to.equal(200);
      expect(accepted.body).to.deep.include({ username: 'sara', org: 'municipality', role: 'caseworker' });
    });

    it('no token: TOKEN_MISSING', async function () {
      problem(await call('municipality', 'GET', me), 401, 'TOKEN_MISSING');
      problem(await call('municipality', 'GET', domainPath('/agreements/any-id')), 401, 'TOKEN_MISSING');
    });

    it('not a bearer token, or not a JWT: TOKEN_INVALID', async function () {
      const basic = problem(
        await call('municipality', 'GET', me, { authorization: 'Basic c2FyYTpzYXJhLWRldi1zZWNyZXQ=' }),
        401,
        'TOKEN_INVALID',
      );
      expect(basic.details.reason).to.equal('not_a_bearer_token');
      const garbage = problem(
        await call('municipality', 'GET', me, { authorization: 'Bearer not.a.jwt' }),
        401,
        'TOKEN_INVALID',
      );
      expect(garbage.details.reason).to.equal('malformed');
    });

    it('an expired token: TOKEN_EXPIRED', async function () {
      const expired = await expiredVersionOf(saraToken);
      problem(
        await call('municipality', 'GET', me, { authorization: `Bearer ${expired}` }),
        401,
        'TOKEN_EXPIRED',
      );
    });

    it('a token signed with somebody else’s key: TOKEN_INVALID (signature)', async function () {
      const forged = await forgedVersionOf(saraToken);
      const found = problem(
        await call('municipality', 'GET', me, { authorization: `Bearer ${forged}` }),
        401,
        'TOKEN_INVALID',
      );
      expect(found.details.reason).to.equal('signature');
    });

    it('a token for another audience: TOKEN_INVALID (audience)', async function () {
      const token = await otherAudienceVersionOf(saraToken);
      const found = problem(
        await call('municipality', 'GET', me, { authorization: `Bearer ${token}` }),
        401,
        'TOKEN_INVALID',
      );
      expect(found.details.reason).to.equal('audience');
    });

    it('a token from another issuer: TOKEN_INVALID (issuer)', async function () {
      const token = await otherIssuerVersionOf(saraToken);
      const found = problem(
        await call('municipality', 'GET', me, { authorization: `Bearer ${token}` }),
        401,
        'TOKEN_INVALID',
      );
      expect(found.details.reason).to.equal('issuer');
    });

    it('the token is checked before the body: an invalid body without a token is 401, not 400', async function () {
      problem(
        await call('municipality', 'POST', domainPath('/agreements'), {
          raw: '{not json',
          headers: { 'content-type': 'application/json' },
        }),
        401,
        'TOKEN_MISSING',
      );
    });

    it('a token of another organisation’s user: 403 ORGANISATION_MISMATCH', async function () {
      problem(
        await call('municipality', 'GET', me, { authorization: `Bearer ${await tokenFor('karin')}` }),
        403,
        'ORGANISATION_MISMATCH',
      );
      problem(
        await call('consultancy', 'GET', me, { authorization: `Bearer ${saraToken}` }),
        403,
        'ORGANISATION_MISMATCH',
      );
    });
  });

  describe("a provider acting on another provider's agreement: 403 or 404", function () {
    // Between the municipality and the placement site; the consultancy is on the channel but not a party.
    let awaiting: string;
    let active: string;
    before(async function () {
      awaiting = await placementAwaitingSignatures();
      active = await activePlacement();
      const karinReads = await callAs('karin', 'GET', domainPath(`/agreements/${awaiting}`));
      expect(karinReads.status, 'the placement site, a party, may read it').to.equal(200);
    });

    it('the consultancy cannot read it', async function () {
      notTheirs(await callAs('ole', 'GET', domainPath(`/agreements/${awaiting}`)));
      notTheirs(await callAs('ole', 'GET', domainPath(`/agreements/${awaiting}/history`)));
      notTheirs(await callAs('ole', 'GET', domainPath(`/agreements/${active}/status-reports`)));
    });

    it('the consultancy cannot sign it, and nothing is written', async function () {
      notTheirs(await callAs('ole', 'POST', domainPath(`/agreements/${awaiting}/versions/1/signatures`)));
      const after = await callAs('sara', 'GET', domainPath(`/agreements/${awaiting}`));
      const versions = (after.body as { versions: { signatures: unknown[] }[] }).versions;
      expect(versions[0]!.signatures).to.deep.equal([]);
    });

    it('the consultancy cannot submit a status report on it', async function () {
      notTheirs(
        await callAs('ole', 'POST', domainPath(`/agreements/${active}/status-reports`), {
          json: { obligationId: 'status-report', periodNumber: 1, documentHash: documentHash('not theirs') },
        }),
      );
      const reports = await callAs('karin', 'GET', domainPath(`/agreements/${active}/status-reports`));
      expect(reports.status).to.equal(200);
      expect(reports.body, 'nothing was recorded').to.deep.equal([]);
    });
  });

  describe('invalid requests: 400 with each problem by pointer and rule, never the value', function () {
    const agreements = domainPath('/agreements');
    const marker = 'VALUE-THAT-MUST-NOT-BE-ECHOED';

    it('a field of the wrong type', async function () {
      const body = { ...newPlacementDraft(), startDate: 20_260_101 };
      invalid(await callAs('sara', 'POST', agreements, { json: body }), {
        in: 'body',
        pointer: '/startDate',
        rule: 'type',
      });
    });

    it('a missing field', async function () {
      const body: Record<string, unknown> = { ...newPlacementDraft() };
      delete body.childPseudonym;
      invalid(await callAs('sara', 'POST', agreements, { json: body }), {
        in: 'body',
        pointer: '/childPseudonym',
        rule: 'required',
      });
    });

    it('an unknown field', async function () {
      const body = { ...newPlacementDraft(), cprNumber: marker };
      const response = await callAs('sara', 'POST', agreements, { json: body });
      invalid(response, { in: 'body', pointer: '', rule: 'additionalProperties' });
      expect(response.text).not.to.include(marker);
      expect(response.text, "an unknown property's name is not echoed").not.to.include('cprNumber');
    });

    it('a date that is not a calendar date', async function () {
      const body = { ...newPlacementDraft(), expectedEndDate: '2025-02-30' };
      const response = await callAs('sara', 'POST', agreements, { json: body });
      invalid(response, { in: 'body', pointer: '/expectedEndDate', rule: 'format' });
      expect(response.text).not.to.include('2025-02-30');
    });

    it('an id outside the id alphabet, in the body and in the path', async function () {
      const body = { ...newPlacementDraft(), id: `${marker} <script>` };
      const response = await callAs('sara', 'POST', agreements, { json: body });
      invalid(response, { in: 'body', pointer: '/id', rule: 'pattern' });
      expect(response.text).not.to.include(marker);
      invalid(await callAs('sara', 'GET', domainPath('/agreements/bad%20id')), {
        in: 'path',
        pointer: '/agreementId',
        rule: 'pattern',
      });
    });

    it('a path parameter of the wrong type and an unknown query parameter', async function () {
      invalid(await callAs('mads', 'POST', domainPath('/agreements/some-id/versions/first/signatures')), {
        in: 'path',
        pointer: '/version',
        rule: 'type',
      });
      invalid(await callAs('sara', 'GET', domainPath(`/agreements?status=draft&colour=${marker}`)), {
        in: 'query',
        pointer: '',
        rule: 'additionalProperties',
      });
    });

    it('a body that is not JSON: MALFORMED_JSON, without quoting it', async function () {
      const response = await callAs('sara', 'POST', agreements, {
        raw: `{"id": "${marker}", `,
        headers: { 'content-type': 'application/json' },
      });
      problem(response, 400, 'MALFORMED_JSON');
      expect(response.text).not.to.include(marker);
    });

    it('terms the chaincode refuses: its own validation code, 400', async function () {
      const draft = newPlacementDraft();
      const start = draft.startDate;
      const lines = [
        {
          id: 'stay',
          kind: 'stay',
          pricing: 'monthly',
          monthlyPrice: 9_500_000,
          startDate: start,
          endDate: '2000-01-01',
        },
      ];
      const found = problem(
        await callAs('sara', 'POST', agreements, { json: { ...draft, lines } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(found.details.field, 'names the input, not its value').to.be.a('string');
    });

    it('a body that is not application/json: 415 UNSUPPORTED_MEDIA_TYPE', async function () {
      problem(
        await callAs('sara', 'POST', agreements, {
          raw: JSON.stringify(newPlacementDraft()),
          headers: { 'content-type': 'text/plain' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });
  });

  describe('malformed input answers 4xx, never 5xx, and repeats none of it (issue 9, item 12)', function () {
    const cpr = '0707078123';

    it('a malformed percent-encoding in the path: 400 before authentication', async function () {
      for (const as of [undefined, 'sara'] as const) {
        const response = await call(
          'municipality',
          'GET',
          domainPath(`/agreements/%ZZ${cpr}`),
          as === undefined ? {} : { as },
        );
        expect(problem(response, 400, 'REQUEST_INVALID').details.issues).to.deep.include({
          in: 'path',
          pointer: '',
          rule: 'percentEncoding',
          message: 'malformed percent-encoding',
        });
        expect(response.text).not.to.include(cpr);
      }
    });

    it('a body that does not inflate per its Content-Encoding: 400 CONTENT_ENCODING_INVALID', async function () {
      const response = await callAs('sara', 'POST', domainPath('/agreements'), {
        raw: JSON.stringify({ id: cpr }),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      problem(response, 400, 'CONTENT_ENCODING_INVALID');
      expect(response.text).not.to.include(cpr);
    });

    it('shared data for a provider that is not on the channel: 404 UNKNOWN_ORGANISATION, not 503', async function () {
      const response = await callAs(
        'sara',
        'PUT',
        domainPath(`/children/e2e-child-x/personal-data/shared/TaxiMSP`),
        {
          json: { name: 'Nobody' },
        },
      );
      problem(response, 404, 'UNKNOWN_ORGANISATION');
      // The prevention domain has no placement site: the same provider, on a channel it is not a member of.
      const elsewhere = await call(
        'municipality',
        'PUT',
        '/api/v1/prevention/children/e2e-child-x/personal-data/shared/PlacementSiteMSP',
        { as: 'sara', json: { name: 'Nobody' } },
      );
      problem(elsewhere, 404, 'UNKNOWN_ORGANISATION');
    });

    it("an unknown agreement id is not repeated in the chaincode's NOT_FOUND", async function () {
      const response = await callAs('sara', 'GET', domainPath(`/agreements/${cpr}`));
      problem(response, 404, 'NOT_FOUND');
      expect(response.text).not.to.include(cpr);
    });
  });

  describe('an oversize body: 413', function () {
    it('BODY_TOO_LARGE beyond the configured limit (256 KiB by default)', async function () {
      const draft = { ...newPlacementDraft(), padding: 'x'.repeat(300 * 1024) };
      problem(
        await callAs('sara', 'POST', domainPath('/agreements'), { json: draft }),
        413,
        'BODY_TOO_LARGE',
      );
    });
  });

  describe('conflicts with the ledger: 409', function () {
    let agreementId: string;
    before(async function () {
      agreementId = await placementAwaitingSignatures();
      expectWrite(
        await callAs('mads', 'POST', domainPath(`/agreements/${agreementId}/versions/1/signatures`)),
        201,
      );
    });

    it('signing the same version twice: ALREADY_SIGNED', async function () {
      problem(
        await callAs('mads', 'POST', domainPath(`/agreements/${agreementId}/versions/1/signatures`)),
        409,
        'ALREADY_SIGNED',
      );
    });

    it('signing a version other than the one awaiting signatures: VERSION_MISMATCH', async function () {
      const found = problem(
        await callAs('lene', 'POST', domainPath(`/agreements/${agreementId}/versions/2/signatures`)),
        409,
        'VERSION_MISMATCH',
      );
      expect(found.details).to.include({ expectedVersion: 1, version: 2 });
    });

    it('drafting an agreement under an id that is taken: CONFLICT', async function () {
      const { data } = await draftPlacement();
      const again = { ...newPlacementDraft(), id: data.id };
      problem(await callAs('sara', 'POST', domainPath('/agreements'), { json: again }), 409, 'CONFLICT');
    });
  });

  describe('preconditions: 422', function () {
    it('a status report on an agreement that is not active: INVALID_STATE', async function () {
      const { data } = await draftPlacement();
      problem(
        await callAs('karin', 'POST', domainPath(`/agreements/${data.id}/status-reports`), {
          json: {
            obligationId: 'status-report',
            periodNumber: 1,
            documentHash: documentHash('early report'),
          },
        }),
        422,
        'INVALID_STATE',
      );
    });
  });

  describe('unknown routes, domains, agreements and methods', function () {
    it('an unknown route: 404 ROUTE_NOT_FOUND, with or without a token', async function () {
      problem(await call('municipality', 'GET', '/api/v1/no-such-thing'), 404, 'ROUTE_NOT_FOUND');
      problem(await callAs('sara', 'GET', '/api/v2/placements/agreements'), 404, 'ROUTE_NOT_FOUND');
    });

    it('a domain the organisation does not serve: 404 UNKNOWN_DOMAIN', async function () {
      // The placement site is not on the prevention channel.
      const found = problem(
        await callAs('karin', 'GET', '/api/v1/prevention/agreements/any-id'),
        404,
        'UNKNOWN_DOMAIN',
      );
      expect(found.details.domains).to.deep.equal(['placements']);
    });

    it('an agreement that does not exist: 404 NOT_FOUND', async function () {
      problem(await callAs('sara', 'GET', domainPath('/agreements/e2e-never-drafted')), 404, 'NOT_FOUND');
    });

    it('a method the resource does not support: 405 METHOD_NOT_ALLOWED with Allow', async function () {
      const response = await callAs('sara', 'DELETE', domainPath('/agreements/any-id'));
      problem(response, 405, 'METHOD_NOT_ALLOWED');
      expect(response.headers.get('allow')?.split(', ')).to.have.members(['GET', 'PUT']);
    });
  });

  describe('one envelope', function () {
    it('every error above had the same shape', function () {
      expect(seen.length).to.be.greaterThan(25);
      const required = ['code', 'detail', 'details', 'requestId', 'status', 'title', 'type'];
      for (const found of seen) {
        expect(
          Object.keys(found)
            .filter((key) => key !== 'transactionId')
            .sort(),
        ).to.deep.equal(required);
      }
    });
  });
});
