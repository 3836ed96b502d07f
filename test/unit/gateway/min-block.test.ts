import { expect } from 'chai';
import { TX } from '@fabric-agreements/api';
import { ChannelHeights } from 'agreements-gateway/consistency/channel-heights';
import { ApiError } from 'agreements-gateway/errors/api-error';
import { formatMinBlocks, parseMinBlocks } from 'agreements-gateway/http/min-block-header';
import { startTestApp, type TestApp } from './support/test-app';

function refusalOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  return expect.fail('expected a refusal');
}

describe('Fabric-Min-Block header', () => {
  it('reads one entry, several, repeated domains (the higher block wins) and empty list elements', () => {
    expect([...parseMinBlocks('placements:42')]).to.deep.equal([['placements', 42n]]);
    expect([...parseMinBlocks(' placements:7 ,, prevention:0, placements:3 ')]).to.deep.equal([
      ['placements', 7n],
      ['prevention', 0n],
    ]);
    expect(parseMinBlocks(undefined).size).to.equal(0);
    expect(parseMinBlocks(' , ').size).to.equal(0);
    expect(parseMinBlocks('placements:18446744073709551615').get('placements')).to.equal(2n ** 64n - 1n);
  });

  it('refuses a malformed value with 400 REQUEST_INVALID naming the header, never echoing the value', () => {
    const canary = '0101164234';
    for (const value of [
      canary,
      `placements:${canary}x`,
      `Placements:1`,
      'placements:01',
      'placements:-1',
      'placements:1.5',
      'placements:',
      ':1',
      'placements:1;prevention:2',
      'placements:18446744073709551616',
      `placements:1 ${canary}`,
      `${'a'.repeat(2049)}:1`,
      Array.from({ length: 33 }, (_, i) => `d${i.toString()}:1`).join(','),
    ]) {
      const error = refusalOf(() => parseMinBlocks(value));
      expect(error.code, value).to.equal('REQUEST_INVALID');
      expect(error.status).to.equal(400);
      const problem = JSON.stringify(error.toProblem('r'));
      expect(problem).to.include('/Fabric-Min-Block');
      expect(problem).not.to.include(canary);
    }
  });

  it('names the blocks a request wrote in, one entry per domain', () => {
    expect(formatMinBlocks(new Map())).to.equal(undefined);
    expect(
      formatMinBlocks(
        new Map([
          ['placements', 42n],
          ['prevention', 7n],
        ]),
      ),
    ).to.equal('placements:42, prevention:7');
  });
});

describe('waiting for the peer to reach a block', () => {
  it('waits for nothing when the block is known to be committed', async () => {
    const heights = new ChannelHeights({ waitMs: 1_000 });
    heights.committed('placements', 10n);
    let looks = 0;
    await heights.reach('placements', 10n, () => {
      looks++;
      return Promise.resolve(0n);
    });
    expect(looks).to.equal(0);
  });

  it('looks again until the height passes the block, and remembers it', async () => {
    const heights = new ChannelHeights({ waitMs: 2_000, firstPauseMs: 5 });
    const answers = [5n, 8n, 11n];
    let looks = 0;
    const lookup = (): Promise<bigint> => {
      looks++;
      return Promise.resolve(answers.shift() ?? 11n);
    };
    await heights.reach('placements', 10n, lookup);
    expect(looks).to.equal(3);
    await heights.reach('placements', 10n, lookup);
    expect(looks).to.equal(3);
  });

  it('shares one look at a time among requests waiting on the same channel', async () => {
    const heights = new ChannelHeights({ waitMs: 2_000, firstPauseMs: 5 });
    let looks = 0;
    let height = 0n;
    const lookup = async (): Promise<bigint> => {
      looks++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return height;
    };
    const waiting = Array.from({ length: 20 }, () => heights.reach('placements', 3n, lookup));
    setTimeout(() => {
      height = 4n;
    }, 60);
    await Promise.all(waiting);
    expect(looks).to.be.below(10);
  });

  it('answers 503 PEER_BEHIND with Retry-After once the wait is over', async () => {
    const heights = new ChannelHeights({ waitMs: 150, firstPauseMs: 5 });
    const started = Date.now();
    try {
      await heights.reach('placements', 1_000_000n, () => Promise.resolve(12n));
      expect.fail('expected PEER_BEHIND');
    } catch (error) {
      expect((error as ApiError).code).to.equal('PEER_BEHIND');
      expect((error as ApiError).status).to.equal(503);
      expect((error as ApiError).retryAfterSeconds).to.equal(1);
    }
    const waited = Date.now() - started;
    expect(waited).to.be.within(140, 600);
  });

  it('stops waiting at the bound even when the look itself hangs', async () => {
    const heights = new ChannelHeights({ waitMs: 100 });
    const started = Date.now();
    const error = await heights
      .reach('placements', 1n, () => new Promise<bigint>(() => undefined))
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect((error as ApiError).code).to.equal('PEER_BEHIND');
    expect(Date.now() - started).to.be.below(500);
  });

  it("passes the look's own failure on (e.g. the peer is down)", async () => {
    const heights = new ChannelHeights({ waitMs: 1_000 });
    const down = new ApiError({ code: 'PEER_UNAVAILABLE', retryAfterSeconds: 5 });
    const error = await heights
      .reach('placements', 1n, () => Promise.reject(down))
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).to.equal(down);
  });
});

describe('Fabric-Min-Block over HTTP (fake ledger)', () => {
  let app: TestApp;
  let sara: string;

  before(async () => {
    app = await startTestApp({ minBlockWaitMs: 300 });
    sara = await app.token('sara', 'caseworker');
  });

  after(async () => {
    await app.close();
  });

  beforeEach(() => {
    app.fabric.calls.length = 0;
    app.fabric.height = 100n;
    app.fabric.heightLooks = 0;
    app.fabric.answers.set(TX.getAgreement, () => ({
      municipalityMspId: 'MunicipalityMSP',
      providerMspId: 'PlacementSiteMSP',
    }));
  });

  function get(path: string, minBlock?: string): Promise<Response> {
    return fetch(`${app.baseUrl}${path}`, {
      headers: {
        authorization: `Bearer ${sara}`,
        ...(minBlock === undefined ? {} : { 'fabric-min-block': minBlock }),
      },
    });
  }

  it("answers a write with the block it committed in, and replays that with the write's answer", async () => {
    const headers = {
      authorization: `Bearer ${sara}`,
      'idempotency-key': 'min-block-replay-1',
    };
    const first = await fetch(`${app.baseUrl}/api/v1/placements/agreements/a-1/submission`, {
      method: 'POST',
      headers,
    });
    expect(first.status).to.equal(200);
    const body = (await first.json()) as { blockNumber: string };
    expect(first.headers.get('fabric-min-block')).to.equal(`placements:${body.blockNumber}`);
    const again = await fetch(`${app.baseUrl}/api/v1/placements/agreements/a-1/submission`, {
      method: 'POST',
      headers,
    });
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.headers.get('fabric-min-block')).to.equal(`placements:${body.blockNumber}`);
  });

  it('gives a read no token', async () => {
    const response = await get('/api/v1/placements/agreements/a-1');
    expect(response.status).to.equal(200);
    expect(response.headers.get('fabric-min-block')).to.equal(null);
  });

  it('reads at once when the peer has the block, and after it when it arrives', async () => {
    expect((await get('/api/v1/placements/agreements/a-1', 'placements:99')).status).to.equal(200);
    app.fabric.height = 120n;
    setTimeout(() => {
      app.fabric.height = 131n;
    }, 100);
    const started = Date.now();
    const response = await get('/api/v1/placements/agreements/a-1', 'placements:130');
    expect(response.status).to.equal(200);
    expect(Date.now() - started).to.be.at.least(90);
    expect(app.fabric.calls.filter((call) => call.kind === 'evaluate')).to.have.length(2);
  });

  it('answers 503 PEER_BEHIND with Retry-After when the peer does not reach the block in time', async () => {
    const response = await get('/api/v1/placements/agreements/a-1', 'placements:5000');
    expect(response.status).to.equal(503);
    expect(response.headers.get('retry-after')).to.equal('1');
    expect(((await response.json()) as { code: string }).code).to.equal('PEER_BEHIND');
    expect(app.fabric.calls).to.have.length(0);
  });

  it('ignores entries for other domains and waits for nothing on a route that reads no ledger', async () => {
    expect(
      (await get('/api/v1/placements/agreements/a-1', 'prevention:5000, other.domain:1')).status,
    ).to.equal(200);
    expect((await get('/api/v1/me', 'placements:5000')).status).to.equal(200);
    expect(app.fabric.heightLooks).to.equal(0);
  });

  it('refuses a malformed token with 400 before touching the ledger, echoing nothing', async () => {
    const response = await get('/api/v1/placements/agreements/a-1', 'placements:0101164234x');
    expect(response.status).to.equal(400);
    const text = await response.text();
    expect(text).to.include('REQUEST_INVALID').and.include('/Fabric-Min-Block');
    expect(text).not.to.include('0101164234');
    expect(app.fabric.calls).to.have.length(0);
  });

  it('makes a write wait for the block too, before it is endorsed', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/placements/agreements/a-1/submission`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sara}`, 'fabric-min-block': 'placements:5000' },
    });
    expect(response.status).to.equal(503);
    expect(app.fabric.submits).to.have.length(0);
  });
});
