import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import {
  readerPublicKey,
  seal,
  sealContext,
  TRANSIENT_READER_KEY,
  Refusal,
  TX,
} from '@fabric-agreements/api';
import { ApiError } from 'agreements-gateway/errors/api-error';
import { startTestApp, TEST_PSEUDONYM_KEY, type TestApp } from './support/test-app';

/** A child's CPR number (born 1 January 2016: digit 7 is 4) and its pseudonym under the test key. */
const CHILD_CPR = '010116-4234';
const CHILD_PSEUDONYM = createHmac('sha256', TEST_PSEUDONYM_KEY).update('0101164234').digest('hex');

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

const DRAFT = {
  id: 'placement-1',
  kind: 'placement',
  municipalityMspId: 'MunicipalityMSP',
  providerMspId: 'PlacementSiteMSP',
  childPseudonym: 'child-abc',
  startDate: '2026-01-01',
  lines: [
    { id: 'stay', kind: 'stay', pricing: 'monthly', startDate: '2026-01-01', monthlyPrice: 9_500_000 },
    {
      id: 'support',
      kind: 'school_support',
      pricing: 'per_unit',
      startDate: '2026-02-01',
      reEvaluationDate: '2026-04-30',
      unit: 'hour',
      unitPrice: 44_400,
      agreedQuantity: 6,
      quantityPeriod: 'week',
    },
  ],
};

describe('REST gateway over HTTP (fake ledger)', () => {
  let app: TestApp;
  let sara: string;

  before(async () => {
    app = await startTestApp();
    sara = await app.token('sara', 'caseworker');
  });

  after(async () => {
    await app.close();
  });

  beforeEach(() => {
    app.fabric.calls.length = 0;
    app.fabric.answers.clear();
  });

  async function call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) {
      headers.authorization = `Bearer ${options.token}`;
    }
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  }

  describe('authentication', () => {
    it('answers 401 TOKEN_MISSING without a token', async () => {
      const answer = await call('GET', '/api/v1/placements/agreements/placement-1');
      expect(answer.status).to.equal(401);
      expect(answer.body.code).to.equal('TOKEN_MISSING');
      expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(app.fabric.calls).to.be.empty;
    });

    it('answers 401 TOKEN_EXPIRED for an expired token', async () => {
      const expired = await app.token('sara', 'caseworker', {
        expiresIn: Math.floor(Date.now() / 1000) - 10,
      });
      const answer = await call('GET', '/api/v1/placements/agreements/placement-1', { token: expired });
      expect(answer.status).to.equal(401);
      expect(answer.body.code).to.equal('TOKEN_EXPIRED');
    });

    it('answers 401 TOKEN_INVALID for a token of another audience', async () => {
      const other = await app.token('sara', 'caseworker', { audience: 'urn:other' });
      const answer = await call('GET', '/api/v1/placements/agreements/placement-1', { token: other });
      expect(answer.status).to.equal(401);
      expect(answer.body).to.include({ code: 'TOKEN_INVALID' });
      expect(answer.body.details).to.deep.equal({ reason: 'audience' });
    });

    it('answers 401 TOKEN_INVALID for a wrongly signed token', async () => {
      const [header = '', payload = ''] = sara.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
      const answer = await call('GET', '/api/v1/placements/agreements/placement-1', { token: forged });
      expect(answer.status).to.equal(401);
      expect(answer.body.code).to.equal('TOKEN_INVALID');
    });

    it("answers 403 for another organisation's user", async () => {
      const karin = await app.token('karin', 'provider_staff', { org: 'placement' });
      const answer = await call('GET', '/api/v1/placements/agreements/placement-1', { token: karin });
      expect(answer.status).to.equal(403);
      expect(answer.body.code).to.equal('ORGANISATION_MISMATCH');
    });

    it('checks the token before reading the body', async () => {
      const answer = await call('POST', '/api/v1/placements/agreements', {
        rawBody: '{not json',
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).to.equal(401);
    });
  });

  describe('request validation against the OpenAPI document', () => {
    it('answers 400 REQUEST_INVALID naming every problem by pointer, without values', async () => {
      const answer = await call('POST', '/api/v1/placements/agreements', {
        token: sara,
        body: { ...DRAFT, kind: 'boat', startDate: '2026-02-30', lines: [], secret: 'x' },
      });
      expect(answer.status).to.equal(400);
      expect(answer.body.code).to.equal('REQUEST_INVALID');
      const issues = (answer.body.details as { issues: { pointer: string; rule: string }[] }).issues;
      const pointers = issues.map((issue) => `${issue.pointer}:${issue.rule}`);
      expect(pointers).to.include.members([
        '/kind:enum',
        '/startDate:format',
        '/lines:minItems',
        ':additionalProperties',
      ]);
      expect(JSON.stringify(answer.body)).not.to.contain('boat');
      expect(JSON.stringify(answer.body), 'an unknown property is not named').not.to.contain('secret');
      expect(app.fabric.calls).to.be.empty;
    });

    it('rejects a malformed path parameter', async () => {
      const answer = await call('GET', '/api/v1/placements/agreements/bad%00id', { token: sara });
      expect(answer.status).to.equal(400);
      expect(answer.body.code).to.equal('REQUEST_INVALID');
      // Too long: still the operation's, refused by its schema with the parameter named.
      const long = await call('GET', `/api/v1/placements/agreements/${'a'.repeat(300)}`, { token: sara });
      expect(long.status).to.equal(400);
      expect(JSON.stringify(long.body.details)).to.include('agreementId');
    });

    it('rejects unknown and mistyped query parameters', async () => {
      const unknown = await call('GET', '/api/v1/placements/agreements?colour=red', { token: sara });
      expect(unknown.status).to.equal(400);
      const mistyped = await call('GET', '/api/v1/placements/agreements?status=active&pageSize=many', {
        token: sara,
      });
      expect(mistyped.status).to.equal(400);
    });

    it('requires exactly one listing filter', async () => {
      const none = await call('GET', '/api/v1/placements/agreements', { token: sara });
      expect(none.status).to.equal(400);
      expect(none.body.code).to.equal('REQUEST_INVALID');
    });

    it('answers 400 MALFORMED_JSON without echoing the body', async () => {
      const answer = await call('POST', '/api/v1/placements/agreements', {
        token: sara,
        rawBody: '{"id": "x", CPR 0101161234',
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status).to.equal(400);
      expect(answer.body.code).to.equal('MALFORMED_JSON');
      expect(JSON.stringify(answer.body)).not.to.contain('0101161234');
    });

    it('answers 413 BODY_TOO_LARGE for an oversize body', async () => {
      const answer = await call('POST', '/api/v1/placements/agreements', {
        token: sara,
        body: { ...DRAFT, padding: 'x'.repeat(10_000) },
      });
      expect(answer.status).to.equal(413);
      expect(answer.body.code).to.equal('BODY_TOO_LARGE');
    });

    it('answers 415 for a body that is not JSON', async () => {
      const answer = await call('POST', '/api/v1/placements/agreements', {
        token: sara,
        rawBody: 'id=placement-1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(answer.status).to.equal(415);
      expect(answer.body.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers 404 UNKNOWN_DOMAIN for a channel this organisation is not in', async () => {
      const answer = await call('GET', '/api/v1/fisheries/agreements/placement-1', { token: sara });
      expect(answer.status).to.equal(404);
      expect(answer.body.code).to.equal('UNKNOWN_DOMAIN');
    });

    it('answers 404 and 405 for unknown routes and methods', async () => {
      const missing = await call('GET', '/api/v1/nothing/here/at/all/really', { token: sara });
      expect(missing.status).to.equal(404);
      expect(missing.body.code).to.equal('ROUTE_NOT_FOUND');
      const wrongMethod = await call('PATCH', '/api/v1/placements/agreements/placement-1', { token: sara });
      expect(wrongMethod.status).to.equal(405);
      expect(wrongMethod.headers.get('allow')).to.equal('GET, PUT');
    });

    it('answers a read, its HEAD and its path with a trailing slash alike, with the security and rate-limit headers', async () => {
      app.fabric.answers.set(TX.getAgreement, () => ({ id: 'placement-1', status: 'draft' }));
      const read = await call('GET', '/api/v1/placements/agreements/placement-1', { token: sara });
      expect(read.status).to.equal(200);
      expect(read.body).to.deep.equal({ id: 'placement-1', status: 'draft' });
      expect(read.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      expect(read.headers.get('cache-control')).to.equal('no-store');
      expect(read.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(read.headers.get('content-security-policy')).to.include("default-src 'self'");
      expect(read.headers.get('ratelimit-policy')).to.match(/^10000;w=60$/);
      expect(read.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);

      const head = await call('HEAD', '/api/v1/placements/agreements/placement-1', { token: sara });
      expect(head.status).to.equal(200);
      expect(head.body).to.deep.equal({});
      expect(head.headers.get('content-type')).to.equal('application/json; charset=utf-8');

      const slash = await call('GET', '/api/v1/placements/agreements/placement-1/', { token: sara });
      expect(slash.body).to.deep.equal(read.body);
    });

    it('answers a problem document with the same headers, and takes a well-formed request id from the client', async () => {
      const answer = await call('GET', '/api/v1/placements/agreements/placement-1', {
        headers: { 'x-request-id': 'client-trace.42' },
      });
      expect(answer.status).to.equal(401);
      expect(answer.headers.get('content-type')).to.equal('application/problem+json; charset=utf-8');
      expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(answer.headers.get('x-request-id')).to.equal('client-trace.42');
      expect(answer.body.requestId).to.equal('client-trace.42');
    });
  });

  describe('use cases', () => {
    it('drafts an agreement as the caller and returns the transaction id', async () => {
      app.fabric.answers.set(
        TX.draftAgreement,
        (request) => JSON.parse(request.arguments?.[0] ?? '{}') as unknown,
      );
      const answer = await call('POST', '/api/v1/placements/agreements', { token: sara, body: DRAFT });
      expect(answer.status).to.equal(201);
      expect(answer.headers.get('location')).to.equal('/api/v1/placements/agreements/placement-1');
      expect(answer.headers.get('x-transaction-id')).to.equal(answer.body.transactionId);
      expect(answer.body.blockNumber).to.match(/^\d+$/);
      expect(answer.body.data).to.deep.equal(DRAFT);
      expect(app.fabric.submits).to.have.length(1);
      expect(app.fabric.submits[0]).to.deep.include({ kind: 'submit', user: 'sara' });
      expect(app.fabric.submits[0]?.request).to.deep.include({
        channel: 'placements',
        transaction: TX.draftAgreement,
      });
    });

    it('signs a version with its number', async () => {
      app.fabric.answers.set(TX.getAgreement, () => ({
        id: 'placement-1',
        municipalityMspId: 'MunicipalityMSP',
        providerMspId: 'PlacementSiteMSP',
      }));
      const answer = await call('POST', '/api/v1/placements/agreements/placement-1/versions/2/signatures', {
        token: await app.token('mads', 'centre_head'),
      });
      expect(answer.status).to.equal(201);
      expect(app.fabric.submits[0]?.request.arguments).to.deep.equal(['placement-1', '2']);
      expect(app.fabric.submits[0]?.user).to.equal('mads');
      expect(app.fabric.submits[0]?.request.endorsingOrganizations).to.deep.equal([
        'MunicipalityMSP',
        'PlacementSiteMSP',
      ]);
    });

    it("maps the chaincode's error codes to their statuses", async () => {
      const cases: readonly [string, number][] = [
        ['NOT_FOUND', 404],
        ['WRONG_ROLE', 403],
        ['ALREADY_SIGNED', 409],
        ['INVALID_STATE', 422],
        ['VALIDATION_FAILED', 400],
      ];
      for (const [code, status] of cases) {
        app.fabric.answers.set(TX.getAgreement, () => {
          throw ApiError.fromRefusal(
            new Refusal(code as 'NOT_FOUND', 'explained', { agreementId: 'placement-1' }),
          );
        });
        const answer = await call('GET', '/api/v1/placements/agreements/placement-1', { token: sara });
        expect(answer.status, code).to.equal(status);
        expect(answer.body).to.include({ code, detail: 'explained' });
        expect(answer.body).not.to.have.property('stack');
      }
    });

    it('answers 503 with Retry-After when the peer is unavailable', async () => {
      app.fabric.answers.set(TX.getAgreement, () => {
        throw new ApiError({ code: 'PEER_UNAVAILABLE', retryAfterSeconds: 5 });
      });
      const answer = await call('GET', '/api/v1/placements/agreements/placement-1', { token: sara });
      expect(answer.status).to.equal(503);
      expect(answer.headers.get('retry-after')).to.equal('5');
    });

    it('hides unexpected failures behind INTERNAL', async () => {
      app.fabric.answers.set(TX.getAgreement, () => {
        throw new Error('database password is hunter2');
      });
      const answer = await call('GET', '/api/v1/placements/agreements/placement-1', { token: sara });
      expect(answer.status).to.equal(500);
      expect(answer.body.code).to.equal('INTERNAL');
      expect(JSON.stringify(answer.body)).not.to.contain('hunter2');
    });

    it('turns chaincode pages into API pages', async () => {
      app.fabric.answers.set(TX.listAgreementsByStatus, () => ({
        records: [{ id: 'a' }],
        fetchedRecordsCount: 1,
        bookmark: '',
      }));
      const answer = await call('GET', '/api/v1/placements/agreements?status=active&pageSize=5', {
        token: sara,
      });
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.equal({ items: [{ id: 'a' }], count: 1, bookmark: null });
      expect(app.fabric.calls[0]?.request.arguments).to.deep.equal(['active', '5', '']);
    });

    it('sends shared personal data as transient data to the municipality’s peer only', async () => {
      app.fabric.answers.set(TX.putChildData, () => ({
        childPseudonym: 'child-abc',
        accessId: 'a',
        collections: [],
      }));
      const answer = await call(
        'PUT',
        '/api/v1/placements/children/child-abc/personal-data/shared/PlacementSiteMSP',
        {
          token: sara,
          body: { name: 'Preben Hansen', guardians: ['Anne Hansen'], school: 'Østervold skole' },
        },
      );
      expect(answer.status).to.equal(200);
      const request = app.fabric.submits[0]?.request;
      expect(request?.transaction).to.equal(TX.putChildData);
      expect(request?.arguments).to.deep.equal(['child-abc', 'PlacementSiteMSP']);
      expect(request?.endorsingOrganizations).to.deep.equal(['MunicipalityMSP']);
      expect(Object.keys(request?.transientData ?? {})).to.deep.equal(['child']);
      const sent = JSON.parse(String(request?.transientData?.child)) as Record<string, unknown>;
      expect(sent).to.include({ name: 'Preben Hansen', school: 'Østervold skole' });
      // A fresh random salt per write, so the on-chain hash of the record cannot be guessed.
      expect(sent.salt).to.match(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(request?.arguments)).not.to.contain('Preben');
    });

    it("sends the municipality's own personal data to the municipality's peers alone", async () => {
      const answer = await call(
        'PUT',
        `/api/v1/placements/children/${CHILD_PSEUDONYM}/personal-data/municipal`,
        {
          token: sara,
          body: { cpr: CHILD_CPR, caseFacts: 'Placed after an assessment.' },
        },
      );
      expect(answer.status).to.equal(200);
      const request = app.fabric.submits[0]?.request;
      expect(request?.transaction).to.equal(TX.putMunicipalChildData);
      expect(request?.arguments).to.deep.equal([CHILD_PSEUDONYM]);
      expect(request?.endorsingOrganizations).to.deep.equal(['MunicipalityMSP']);
      expect(Object.keys(request?.transientData ?? {})).to.deep.equal(['municipal']);
      const sent = JSON.parse(String(request?.transientData?.municipal)) as Record<string, unknown>;
      expect(sent).to.include({ cpr: CHILD_CPR });
      expect(sent.salt).to.match(/^[0-9a-f]{64}$/);
    });

    it('refuses a salt from the client: the gateway chooses it', async () => {
      const answer = await call('PUT', '/api/v1/placements/children/child-abc/personal-data/municipal', {
        token: sara,
        body: { cpr: '010116-1234', salt: '00'.repeat(16) },
      });
      expect(answer.status).to.equal(400);
      expect(app.fabric.calls).to.be.empty;
    });

    it('validates personal data without echoing it', async () => {
      const answer = await call('PUT', '/api/v1/placements/children/child-abc/personal-data/municipal', {
        token: sara,
        body: { cpr: '01-01-16 1234' },
      });
      expect(answer.status).to.equal(400);
      expect(JSON.stringify(answer.body)).not.to.contain('01-01-16');
      expect(app.fabric.calls).to.be.empty;
    });

    it('reads personal data only after logging the read, from its own peer', async () => {
      app.fabric.answers.set(TX.logChildDataAccess, () => ({ accessId: 'access-1' }));
      app.fabric.answers.set(TX.readChildData, (request) => ({
        childPseudonym: 'child-abc',
        accessId: 'access-1',
        // What the chaincode does: seal the data to the reader's one-time key from the transient map.
        sealed: seal(
          JSON.stringify({ child: { name: 'P' } }),
          readerPublicKey(String(request.transientData?.[TRANSIENT_READER_KEY] ?? '')),
          sealContext('child-abc', 'access-1'),
        ),
      }));
      const answer = await call('POST', '/api/v1/placements/children/child-abc/personal-data/reads', {
        token: sara,
        body: { providerMspId: 'PlacementSiteMSP', purpose: 'case_handling' },
      });
      expect(answer.status).to.equal(200);
      expect(answer.body.child).to.deep.equal({ name: 'P' });
      expect(answer.headers.get('cache-control')).to.equal('no-store');
      expect(app.fabric.calls.map((c) => `${c.kind}:${c.request.transaction}`)).to.deep.equal([
        `submit:${TX.logChildDataAccess}`,
        `evaluate:${TX.readChildData}`,
      ]);
      expect(app.fabric.calls[1]?.request.arguments).to.deep.equal([
        'child-abc',
        'PlacementSiteMSP',
        'access-1',
      ]);
      expect(app.fabric.calls[1]?.request.endorsingOrganizations).to.deep.equal(['MunicipalityMSP']);
      // The access-log entry is about the pair's data: exactly the pair endorses it.
      expect(app.fabric.calls[0]?.request.endorsingOrganizations).to.deep.equal([
        'MunicipalityMSP',
        'PlacementSiteMSP',
      ]);
    });
  });

  describe('Idempotency-Key', () => {
    /** A draft sent with this idempotency key, by Sara unless another token is given. */
    const draftWithKey = (key: string, body: unknown = DRAFT, token = sara): Promise<Answer> =>
      call('POST', '/api/v1/placements/agreements', { token, body, headers: { 'idempotency-key': key } });

    it('applies a repeated POST once and replays the first answer', async () => {
      app.fabric.answers.set(TX.draftAgreement, () => DRAFT);
      const key = 'draft-placement-1-attempt';
      const first = await draftWithKey(key);
      const second = await draftWithKey(key);
      expect(first.status).to.equal(201);
      expect(second.status).to.equal(201);
      expect(second.body).to.deep.equal(first.body);
      expect(second.headers.get('idempotent-replayed')).to.equal('true');
      expect(app.fabric.calls.filter((c) => c.kind === 'submit')).to.have.length(1);
    });

    it('refuses the same key for a different request', async () => {
      app.fabric.answers.set(TX.draftAgreement, () => DRAFT);
      const key = 'draft-placement-2-attempt';
      await draftWithKey(key);
      const other = await draftWithKey(key, { ...DRAFT, id: 'placement-2' });
      expect(other.status).to.equal(422);
      expect(other.body.code).to.equal('IDEMPOTENCY_KEY_REUSED');
    });

    it("keeps one user's keys apart from another's", async () => {
      app.fabric.answers.set(TX.draftAgreement, () => DRAFT);
      const key = 'shared-key-123';
      await draftWithKey(key);
      const lene = await draftWithKey(key, DRAFT, await app.token('lene', 'centre_head'));
      expect(lene.headers.get('idempotent-replayed')).to.equal(null);
      expect(app.fabric.calls.filter((c) => c.kind === 'submit')).to.have.length(2);
    });

    it('does not remember failures, so a retry can succeed', async () => {
      let attempt = 0;
      app.fabric.answers.set(TX.draftAgreement, () => {
        attempt++;
        if (attempt === 1) {
          throw new ApiError({ code: 'PEER_UNAVAILABLE', retryAfterSeconds: 5 });
        }
        return DRAFT;
      });
      const key = 'retry-after-outage';
      const first = await draftWithKey(key);
      const second = await draftWithKey(key);
      expect(first.status).to.equal(503);
      expect(second.status).to.equal(201);
    });

    it('rejects a malformed key', async () => {
      const answer = await draftWithKey('x');
      expect(answer.status).to.equal(400);
    });
  });

  describe('operations', () => {
    it('serves liveness without touching the peer, and readiness from the peer', async () => {
      app.fabric.reachable = false;
      const live = await call('GET', '/healthz');
      const notReady = await call('GET', '/readyz');
      app.fabric.reachable = true;
      const ready = await call('GET', '/readyz');
      expect(live.status).to.equal(200);
      expect(notReady.status).to.equal(503);
      expect(notReady.body).to.deep.equal({ status: 'not_ready', checks: { peer: 'failing' } });
      expect(ready.status).to.equal(200);
    });

    it('lists the domains', async () => {
      const answer = await call('GET', '/api/v1/domains');
      expect(answer.body).to.deep.equal({
        organisation: { key: 'municipality', mspId: 'MunicipalityMSP' },
        domains: [
          { name: 'placements', href: '/api/v1/placements' },
          { name: 'prevention', href: '/api/v1/prevention' },
        ],
      });
    });

    it('publishes an OpenAPI 3.1 document describing every operation, and rendered docs', async () => {
      const answer = await call('GET', '/api/v1/openapi.json');
      expect(answer.body.openapi).to.equal('3.1.0');
      const paths = answer.body.paths as Record<string, Record<string, { operationId: string }>>;
      const operationIds = Object.values(paths).flatMap((methods) =>
        Object.values(methods).map((op) => op.operationId),
      );
      expect(operationIds).to.include.members([
        'draftAgreement',
        'signAgreementVersion',
        'proposeAmendment',
        'submitStatusReport',
        'acceptStatusReport',
        'getSettlement',
        'submitInvoice',
        'proposeTermination',
        'signTermination',
        'getAgreementHistory',
        'getChildOverview',
        'readPersonalData',
        'getAccessLog',
        'erasePersonalData',
        'streamEvents',
        'listDomains',
      ]);
      expect(new Set(operationIds).size).to.equal(operationIds.length);
      const docs = await fetch(`${app.baseUrl}/api/v1/docs`);
      expect(docs.headers.get('content-type')).to.match(/^text\/html/);
      expect(await docs.text()).to.contain('draftAgreement');
    });

    it('sets security headers and no CORS headers', async () => {
      const answer = await call('GET', '/api/v1/domains', { headers: { origin: 'https://evil.example' } });
      expect(answer.headers.get('access-control-allow-origin')).to.equal(null);
      expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(answer.headers.get('x-request-id')).to.match(/.+/);
      expect(answer.headers.get('x-powered-by')).to.equal(null);
    });

    it('exposes Prometheus metrics', async () => {
      await call('GET', '/api/v1/domains');
      const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
      expect(metrics).to.contain('gateway_http_requests_total');
      expect(metrics).to.contain('gateway_errors_total');
    });
  });
});
