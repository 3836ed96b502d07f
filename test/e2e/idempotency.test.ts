/**
 * `Idempotency-Key` end to end: a POST retried with the same key and body is applied once — the retry gets the
 * first response (same body, same transaction id, `Idempotent-Replayed: true`) and the ledger shows one effect —
 * while the same key with another body is refused with `422 IDEMPOTENCY_KEY_REUSED`. Keys belong to one user.
 * Needs the running gateways (scripts/gateway.sh); every agreement and key is new on each run.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { documentHash } from 'agreements-case-story';
import {
  activePlacement,
  expectWrite,
  newPlacementDraft,
  placementAwaitingSignatures,
} from './support/agreements';
import { callAs, domainPath, expectProblem, waitUntilReady } from './support/gateways';

const newKey = (): string => `e2e-${randomUUID()}`;

interface HistoryEntry {
  readonly txId: string;
}

interface ReportBody {
  readonly periodNumber: number;
  readonly versions: readonly { readonly version: number; readonly documentHash: string }[];
}

describe('REST gateway: Idempotency-Key', function () {
  this.timeout(300_000);

  before(async function () {
    await Promise.all([waitUntilReady('municipality'), waitUntilReady('placement')]);
  });

  it('a retried draft is applied once: same response, same transaction, one change on the ledger', async function () {
    const key = newKey();
    const draft = newPlacementDraft();
    const send = () =>
      callAs('sara', 'POST', domainPath('/agreements'), { json: draft, headers: { 'idempotency-key': key } });

    const first = await send();
    const written = expectWrite(first, 201);
    expect(first.headers.get('idempotent-replayed')).to.equal(null);

    for (const retry of [await send(), await send()]) {
      expect(retry.status).to.equal(201);
      expect(retry.headers.get('idempotent-replayed')).to.equal('true');
      expect(retry.headers.get('x-transaction-id')).to.equal(written.transactionId);
      expect(retry.headers.get('location')).to.equal(first.headers.get('location'));
      expect(retry.body).to.deep.equal(first.body);
    }

    const history = await callAs('sara', 'GET', domainPath(`/agreements/${draft.id}/history`));
    expect(history.status).to.equal(200);
    expect((history.body as HistoryEntry[]).map((entry) => entry.txId)).to.deep.equal([
      written.transactionId,
    ]);
  });

  it('a retried signature is applied once, where a plain retry would be refused', async function () {
    const agreementId = await placementAwaitingSignatures();
    const path = domainPath(`/agreements/${agreementId}/versions/1/signatures`);
    const key = newKey();

    const first = expectWrite(
      await callAs('mads', 'POST', path, { headers: { 'idempotency-key': key } }),
      201,
    );
    const retry = await callAs('mads', 'POST', path, { headers: { 'idempotency-key': key } });
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect((retry.body as { transactionId: string }).transactionId).to.equal(first.transactionId);

    // Without the key, the same request is a second signature attempt.
    expectProblem(await callAs('mads', 'POST', path), 409, 'ALREADY_SIGNED');

    const agreement = await callAs('sara', 'GET', domainPath(`/agreements/${agreementId}`));
    const versions = (agreement.body as { versions: { signatures: unknown[] }[] }).versions;
    expect(versions[0]!.signatures).to.have.length(1);
  });

  it('a retried status report is applied once: one report version, one transaction', async function () {
    const agreementId = await activePlacement();
    const path = domainPath(`/agreements/${agreementId}/status-reports`);
    const key = newKey();
    const report = { obligationId: 'status-report', periodNumber: 1, documentHash: documentHash(key) };

    const first = expectWrite<ReportBody>(
      await callAs('karin', 'POST', path, { json: report, headers: { 'idempotency-key': key } }),
      201,
    );
    const retry = await callAs('karin', 'POST', path, { json: report, headers: { 'idempotency-key': key } });
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect(retry.body).to.deep.equal(first);

    const reports = await callAs('karin', 'GET', path);
    expect(reports.status).to.equal(200);
    const period1 = (reports.body as ReportBody[]).filter((r) => r.periodNumber === 1);
    expect(period1.map((r) => r.versions.map((v) => v.documentHash))).to.deep.equal([[report.documentHash]]);
  });

  it('the same key with another body: 422 IDEMPOTENCY_KEY_REUSED, and the other body is not applied', async function () {
    const key = newKey();
    const draft = newPlacementDraft();
    expectWrite(
      await callAs('sara', 'POST', domainPath('/agreements'), {
        json: draft,
        headers: { 'idempotency-key': key },
      }),
      201,
    );

    const other = newPlacementDraft();
    expectProblem(
      await callAs('sara', 'POST', domainPath('/agreements'), {
        json: other,
        headers: { 'idempotency-key': key },
      }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectProblem(await callAs('sara', 'GET', domainPath(`/agreements/${other.id}`)), 404, 'NOT_FOUND');

    // The same key on another resource is another request too.
    const submission = await callAs('sara', 'POST', domainPath(`/agreements/${draft.id}/submission`), {
      headers: { 'idempotency-key': key },
    });
    expectProblem(submission, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('keys are per user: the same key from another person is their own request', async function () {
    const agreementId = await placementAwaitingSignatures();
    const path = domainPath(`/agreements/${agreementId}/versions/1/signatures`);
    const key = newKey();
    const byMads = expectWrite(
      await callAs('mads', 'POST', path, { headers: { 'idempotency-key': key } }),
      201,
    );
    const byLene = await callAs('lene', 'POST', path, { headers: { 'idempotency-key': key } });
    const written = expectWrite(byLene, 201);
    expect(byLene.headers.get('idempotent-replayed')).to.equal(null);
    expect(written.transactionId).not.to.equal(byMads.transactionId);
  });

  it('concurrent requests with one key: one is applied, the others replay it or are told it is in progress', async function () {
    const key = newKey();
    const draft = newPlacementDraft();
    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        callAs('sara', 'POST', domainPath('/agreements'), {
          json: draft,
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    const applied = responses.filter((r) => r.status === 201);
    expect(applied.length, 'at least one request was applied').to.be.greaterThan(0);
    const transactionIds = new Set(applied.map((r) => r.headers.get('x-transaction-id')));
    expect(transactionIds.size, 'every 201 is the same transaction').to.equal(1);
    for (const response of responses.filter((r) => r.status !== 201)) {
      expectProblem(response, 409, 'IDEMPOTENCY_IN_PROGRESS');
      expect(response.headers.get('retry-after')).to.equal('1');
    }

    const history = await callAs('sara', 'GET', domainPath(`/agreements/${draft.id}/history`));
    expect((history.body as HistoryEntry[]).map((entry) => entry.txId)).to.deep.equal([...transactionIds]);
  });

  it('a malformed key: 400 REQUEST_INVALID naming the header', async function () {
    const response = await callAs('sara', 'POST', domainPath('/agreements'), {
      json: newPlacementDraft(),
      headers: { 'idempotency-key': 'short' },
    });
    const problem = expectProblem(response, 400, 'REQUEST_INVALID');
    expect(problem.details.issues).to.deep.include({
      in: 'header',
      pointer: '/Idempotency-Key',
      rule: 'pattern',
      message: 'malformed key',
    });
  });
});
