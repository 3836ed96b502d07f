import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGateway } from '../test/fake-gateway';
import { api } from './client';
import { forgetMinBlocks } from './min-block';

describe('the consistency token (Fabric-Min-Block)', () => {
  afterEach(() => {
    forgetMinBlocks();
    vi.unstubAllGlobals();
  });

  it("sends the block of this tab's last write with every later request, the highest per domain", async () => {
    let block = 41;
    const received = fakeGateway((request) =>
      request.method === 'POST'
        ? {
            body: { transactionId: 'tx', blockNumber: String(++block), data: {} },
            headers: { 'Fabric-Min-Block': `placements:${block.toString()}` },
          }
        : { body: {} },
    );
    const agreement = { params: { path: { domain: 'placements', agreementId: 'a-1' } } };
    await api.GET('/api/v1/{domain}/agreements/{agreementId}', agreement);
    expect(received[0]?.headers.get('Fabric-Min-Block')).toBeNull();

    await api.POST('/api/v1/{domain}/agreements/{agreementId}/submission', agreement);
    await api.GET('/api/v1/{domain}/agreements/{agreementId}', agreement);
    expect(received[2]?.headers.get('Fabric-Min-Block')).toBe('placements:42');

    await api.POST('/api/v1/{domain}/agreements/{agreementId}/submission', agreement);
    await api.GET('/api/v1/{domain}/agreements/{agreementId}', agreement);
    expect(received[4]?.headers.get('Fabric-Min-Block')).toBe('placements:43');
  });

  it('ignores a header it does not understand', async () => {
    const received = fakeGateway(() => ({ body: {}, headers: { 'Fabric-Min-Block': 'what?' } }));
    const agreement = { params: { path: { domain: 'placements', agreementId: 'a-1' } } };
    await api.GET('/api/v1/{domain}/agreements/{agreementId}', agreement);
    await api.GET('/api/v1/{domain}/agreements/{agreementId}', agreement);
    expect(received[1]?.headers.get('Fabric-Min-Block')).toBeNull();
  });
});
