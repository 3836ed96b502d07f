/**
 * The `Fabric-Min-Block` consistency token end to end: a write through the municipality's gateway answers with the
 * block it committed in; a read through the placement site's gateway that carries it always sees the write, though
 * that gateway's peer may not have committed the block yet when the read arrives. A block the peer does not reach
 * within the bound is `503 PEER_BEHIND` with `Retry-After`; a malformed token is `400`, echoing nothing.
 * Needs the running gateways (scripts/gateway.sh); every agreement is new on each run.
 */
import { expect } from 'chai';
import { expectWrite, newPlacementDraft } from './support/agreements';
import { callAs, domainPath, DOMAIN, expectProblem, waitUntilReady } from './support/gateways';

const ROUNDS = 8;
/** The gateways' default wait (`GATEWAY_MIN_BLOCK_WAIT_MS`). */
const WAIT_MS = 5_000;

describe('REST gateway: reading a write made through another organisation (Fabric-Min-Block)', function () {
  this.timeout(300_000);

  before(async function () {
    await Promise.all([waitUntilReady('municipality'), waitUntilReady('placement')]);
  });

  it("a read through the placement site's gateway with the write's token always sees the write", async function () {
    let staleWithout = 0;
    const waits: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const draft = newPlacementDraft();
      const response = await callAs('sara', 'POST', domainPath('/agreements'), { json: draft });
      const written = expectWrite(response, 201);
      const token = response.headers.get('fabric-min-block');
      expect(token).to.equal(`${DOMAIN}:${written.blockNumber}`);

      // At once, both ways: without the token the placement site's peer may not have the block yet.
      const path = domainPath(`/agreements/${draft.id}`);
      const started = Date.now();
      const [withToken, without] = await Promise.all([
        callAs('karin', 'GET', path, { headers: { 'fabric-min-block': token ?? '' } }).then((read) => {
          waits.push(Date.now() - started);
          return read;
        }),
        callAs('karin', 'GET', path),
      ]);
      expect(withToken.status, withToken.text.slice(0, 300)).to.equal(200);
      expect((withToken.body as { id: string }).id).to.equal(draft.id);
      if (without.status !== 200) {
        expectProblem(without, 404, 'NOT_FOUND');
        staleWithout++;
      }
    }
    console.log(
      `      ${ROUNDS.toString()} writes: ${staleWithout.toString()} reads without the token missed the write; ` +
        `reads with it took ${Math.min(...waits).toString()}–${Math.max(...waits).toString()} ms`,
    );
  });

  it('a block the peer does not reach within the bound is 503 PEER_BEHIND with Retry-After', async function () {
    const started = Date.now();
    const response = await callAs('karin', 'GET', domainPath('/agreements/any-id'), {
      headers: { 'fabric-min-block': `${DOMAIN}:1000000000000` },
    });
    const waited = Date.now() - started;
    expectProblem(response, 503, 'PEER_BEHIND');
    expect(response.headers.get('retry-after')).to.equal('1');
    expect(waited).to.be.within(WAIT_MS - 100, WAIT_MS + 5_000);
  });

  it('a malformed token is 400 REQUEST_INVALID naming the header, echoing nothing', async function () {
    const canary = 'canary0101164234';
    for (const value of [canary, `${DOMAIN}:${canary}`, `${DOMAIN}:1;${canary}`]) {
      const response = await callAs('karin', 'GET', domainPath('/agreements/any-id'), {
        headers: { 'fabric-min-block': value },
      });
      const problem = expectProblem(response, 400, 'REQUEST_INVALID');
      expect(JSON.stringify(problem.details)).to.include('/Fabric-Min-Block');
      expect(response.text).not.to.include(canary);
    }
  });

  it('entries for other domains do not hold a read up', async function () {
    const started = Date.now();
    const response = await callAs('karin', 'GET', domainPath('/agreements/any-id'), {
      headers: { 'fabric-min-block': 'prevention:1000000000000' },
    });
    expectProblem(response, 404, 'NOT_FOUND');
    expect(Date.now() - started).to.be.below(WAIT_MS);
  });
});
