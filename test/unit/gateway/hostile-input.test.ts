/**
 * Issue 9, item 12: bad input never answers 5xx. Each malformed request gets its 4xx with a stable code, and
 * nothing of the input — not the path, not a property's name, not the body — reaches the answer or the log.
 */
import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { TX } from '@fabric-agreements/api';
import { startTestApp, type TestApp } from './support/test-app';

const CANARY = '0707078123';

describe('hostile input (issue 9, item 12)', () => {
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
    app.logLines.length = 0;
  });

  async function send(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string | Uint8Array; token?: boolean } = {},
  ): Promise<{ status: number; code: unknown; text: string }> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== false) {
      headers.authorization = `Bearer ${sara}`;
    }
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const text = await response.text();
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    return { status: response.status, code: (JSON.parse(text) as { code?: unknown }).code, text };
  }

  function expectNoEcho(answer: { text: string }, ...inputs: string[]): void {
    for (const input of inputs) {
      expect(answer.text, 'answer').not.to.include(input);
      expect(app.logLines.join(''), 'log').not.to.include(input);
    }
    expect(app.logLines.join(''), 'no stack trace in the log').not.to.match(/"stack"/);
  }

  it('answers 400 for a malformed percent-encoding in the path, with or without a token', async () => {
    for (const token of [true, false]) {
      const answer = await send('GET', `/api/v1/placements/agreements/%ZZ${CANARY}`, { token });
      expect(answer.status).to.equal(400);
      expect(answer.code).to.equal('REQUEST_INVALID');
      expectNoEcho(answer, CANARY, '%ZZ');
    }
    const inDomain = await send('GET', `/api/v1/%E0%A4%A/agreements?status=active`);
    expect(inDomain.status).to.equal(400);
    const unknownRoute = await send('GET', `/nowhere/%G${CANARY}`, { token: false });
    expect(unknownRoute.status).to.equal(400);
  });

  it('answers 400 CONTENT_ENCODING_INVALID for a body that does not inflate', async () => {
    const answer = await send('PUT', '/api/v1/placements/children/child-abc/personal-data/municipal', {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: `{"cpr":"${CANARY}"}`,
    });
    expect(answer.status).to.equal(400);
    expect(answer.code).to.equal('CONTENT_ENCODING_INVALID');
    expectNoEcho(answer, CANARY);
    expect(app.fabric.calls).to.be.empty;
  });

  it('answers 415 for an unknown Content-Encoding, and still reads a well-formed gzip body', async () => {
    const unknown = await send('POST', '/api/v1/placements/agreements', {
      headers: { 'content-type': 'application/json', 'content-encoding': `x-${CANARY}` },
      body: '{}',
    });
    expect(unknown.status).to.equal(415);
    expect(unknown.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    expectNoEcho(unknown, CANARY);
    const gzipped = await send('POST', '/api/v1/placements/agreements', {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.from('{"id":1}')),
    });
    expect(gzipped.status, 'the inflated body is validated like any other').to.equal(400);
    expect(gzipped.code).to.equal('REQUEST_INVALID');
  });

  it("never repeats an unknown property's name (it could be a CPR number), in a body or a query", async () => {
    const body = await send('POST', '/api/v1/placements/agreements', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ [CANARY]: 'x' }),
    });
    expect(body.status).to.equal(400);
    expect(body.code).to.equal('REQUEST_INVALID');
    expectNoEcho(body, CANARY);
    const query = await send('GET', `/api/v1/placements/agreements?status=active&${CANARY}=1`);
    expect(query.status).to.equal(400);
    expectNoEcho(query, CANARY);
  });

  it('answers 404 UNKNOWN_ORGANISATION, not 503 "retry later", for shared data with a provider not on the channel', async () => {
    const answer = await send('PUT', '/api/v1/placements/children/child-abc/personal-data/shared/TaxiMSP', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Preben' }),
    });
    expect(answer.status).to.equal(404);
    expect(answer.code).to.equal('UNKNOWN_ORGANISATION');
    expect(app.fabric.submits, 'nothing was sent for endorsement').to.be.empty;
    expectNoEcho(answer, 'Preben', 'TaxiMSP');
  });

  it('still writes shared data for a provider that is on the channel', async () => {
    app.fabric.answers.set(TX.putChildData, () => ({
      childPseudonym: 'child-abc',
      accessId: 'a',
      collections: [],
    }));
    const response = await fetch(
      `${app.baseUrl}/api/v1/placements/children/child-abc/personal-data/shared/ConsultancyMSP`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${sara}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Preben' }),
      },
    );
    expect(response.status).to.equal(200);
    // Endorsed by the data controller alone; the provider's peer receives the data as a member of the collection.
    expect(app.fabric.submits.map((call) => call.request.endorsingOrganizations)).to.deep.equal([
      ['MunicipalityMSP'],
    ]);
  });
});
