import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IdempotencyStore, requestFingerprint } from 'agreements-gateway/http/idempotency-store';

describe('idempotency store', () => {
  const response = { status: 201, body: { transactionId: 'tx-1' }, headers: { 'x-transaction-id': 'tx-1' } };

  function newStore(now: () => number = Date.now): IdempotencyStore {
    return new IdempotencyStore({ dir: mkdtempSync(path.join(tmpdir(), 'gw-idem-')), ttlMs: 1_000, now });
  }

  it('claims a new key, reports it running, then replays the stored response', async () => {
    const store = newStore();
    const fingerprint = requestFingerprint('POST', '/a', { x: 1 });
    expect(await store.begin('sara\nk1', fingerprint)).to.deep.equal({ kind: 'new' });
    expect(await store.begin('sara\nk1', fingerprint)).to.deep.equal({ kind: 'in_progress' });
    await store.complete('sara\nk1', fingerprint, response);
    expect(await store.begin('sara\nk1', fingerprint)).to.deep.equal({ kind: 'replay', response });
  });

  it('survives a restart (a new store over the same directory)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gw-idem-'));
    const fingerprint = requestFingerprint('POST', '/a', {});
    const first = new IdempotencyStore({ dir });
    await first.begin('k', fingerprint);
    await first.complete('k', fingerprint, response);
    const second = new IdempotencyStore({ dir });
    expect((await second.begin('k', fingerprint)).kind).to.equal('replay');
  });

  it('tells a different request under the same key apart', async () => {
    const store = newStore();
    await store.begin('k', requestFingerprint('POST', '/a', { x: 1 }));
    await store.complete('k', requestFingerprint('POST', '/a', { x: 1 }), response);
    expect((await store.begin('k', requestFingerprint('POST', '/a', { x: 2 }))).kind).to.equal('mismatch');
    expect((await store.begin('k', requestFingerprint('POST', '/b', { x: 1 }))).kind).to.equal('mismatch');
  });

  it('releases an abandoned key and forgets records after the retention period', async () => {
    let now = 1_000_000;
    const store = newStore(() => now);
    const fingerprint = requestFingerprint('POST', '/a', null);
    await store.begin('k', fingerprint);
    await store.abandon('k');
    expect((await store.begin('k', fingerprint)).kind).to.equal('new');
    await store.complete('k', fingerprint, response);
    now += 2_000;
    expect((await store.begin('k', fingerprint)).kind).to.equal('new');
  });

  it('keeps the writes a request noted until it answers, for a retry after the gateway stopped', async () => {
    const fingerprint = requestFingerprint('POST', '/a', { x: 1 });
    const write = { channel: 'placements', transactionId: 'tx-1', result: 'e30=' };
    const dir = mkdtempSync(path.join(tmpdir(), 'gw-idem-'));
    const store = new IdempotencyStore({ dir });
    expect((await store.begin('k', fingerprint)).kind).to.equal('new');
    await store.noteWrites('k', fingerprint, [write]);
    // The gateway dies here; a new process over the same directory sees the noted write.
    const restarted = new IdempotencyStore({ dir });
    expect(await restarted.begin('k', fingerprint)).to.deep.equal({ kind: 'resume', writes: [write] });
    expect(await restarted.begin('k', fingerprint), 'claimed by the resumed run').to.deep.equal({
      kind: 'in_progress',
    });
    await restarted.abandon('k', true);
    expect((await restarted.begin('k', fingerprint)).kind, 'outcome unknown: the writes stay').to.equal(
      'resume',
    );
    await restarted.abandon('k');
    expect((await restarted.begin('k', fingerprint)).kind, 'a failed request leaves nothing').to.equal('new');
    await restarted.complete('k', fingerprint, response);
    expect((await new IdempotencyStore({ dir }).begin('k', fingerprint)).kind).to.equal('replay');
  });
});
