/**
 * Proof on the real network that personal data never reaches a block, the orderer's raft WAL or snapshots, a
 * non-member peer, or any process log (peers, orderer, chaincode, CAs, REST gateways, identity provider): random
 * canaries are written in every personal field, through the REST gateway and directly, and every file the network
 * keeps is searched byte-wise for them. Positive controls prove the search works: a canary written into a public
 * field is found in every block file, and the private canaries are found in the member peers' private stores and
 * read back by members through the logged read.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAll, FABRIC_HOME, gatewayLogsWritten, organisation, type OrgKey } from '../support/network';
import {
  canariesOf,
  canaryChild,
  canaryStrings,
  canaryText,
  CHANNEL,
  childDataContract,
  childPseudonym,
  cprWithSerial,
  dashed,
  loggedRead,
  MUNICIPALITY,
  PLACEMENT_SITE,
  putChildData,
  putMunicipalData,
  transientRecord,
} from '../support/privacy-data';
import {
  call,
  pseudonymOf,
  putMunicipal,
  putShared,
  readPersonal,
  requireGateways,
  transactionIdOf,
} from '../support/privacy-rest';
import { type Canary, describeHits, PRIVATE_STORES, scanForCanaries } from '../support/privacy-scan';
import { committedEverywhere, txError } from '../support/story';

const PEERS: readonly OrgKey[] = ['municipality', 'placement', 'consultancy'];
const nodeDir = (org: OrgKey): string => {
  const { peer, domain } = organisation(org);
  return `nodes/${peer.name}.${domain}/`;
};

describe('the canary scanner (self-test, no network)', function () {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-scan-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a canary straddling two read chunks, and in hex and base64 at every alignment', async function () {
    const canaries = [0, 1, 2, 3].map((i) => ({ label: `c${i}`, text: canaryText(), holders: [] }));
    const [straddling, hex, b64, b64url] = canaries.map((canary) => Buffer.from(canary.text));
    const big = Buffer.alloc(4 * 1024 * 1024 + 100, 0x20);
    straddling!.copy(big, 4 * 1024 * 1024 - 10);
    writeFileSync(join(dir, 'big.bin'), big);
    writeFileSync(join(dir, 'hex.log'), `x=${hex!.toString('hex').toUpperCase()}\n`);
    for (const alignment of [0, 1, 2]) {
      const prefix = Buffer.alloc(alignment, 0x7f);
      writeFileSync(join(dir, `b64-${alignment}`), Buffer.concat([prefix, b64!]).toString('base64'));
      writeFileSync(join(dir, `b64url-${alignment}`), Buffer.concat([prefix, b64url!]).toString('base64url'));
    }
    const report = await scanForCanaries(canaries, [dir]);
    const found = (label: string) => report.hits.filter((hit) => hit.label === label).map((hit) => hit.form);
    expect(report.hits.find((hit) => hit.label === 'c0')).to.include({ offset: 4 * 1024 * 1024 - 10 });
    expect(found('c1')).to.deep.equal(['HEX']);
    expect(found('c2')).to.have.length(3);
    expect(found('c3')).to.have.length(3);
  });
});

describe('privacy proof: no personal data in blocks, WAL, snapshots, non-member peers or logs', function () {
  this.timeout(300_000);
  after(closeAll);

  /** Written through the gateway: its pseudonym is looked up from its CPR number (the record must match it). */
  let viaRest = canaryChild();
  const direct = canaryChild();
  /** A public purpose code (world state, so every block file of the channel holds it). */
  const publicCanary = `canary_${randomBytes(16).toString('hex')}`;
  /** A request id the municipality's gateway writes into its log (public by design). */
  const logCanary = canaryText();
  /** Private canaries of writes that actually happened. */
  const written: Canary[] = [];
  /** Canaries of writes the gateway or the chaincode refused: they must be nowhere at all. */
  const refused: Canary[] = [];

  it('writes every personal field through the REST gateway (CPR with a dash), committed on every member peer', async function () {
    await requireGateways(['municipality', 'placement']);
    viaRest = { ...viaRest, pseudonym: await pseudonymOf(viaRest.municipal.cpr) };
    const shared = await putShared(viaRest.pseudonym, PLACEMENT_SITE, viaRest.child);
    expect(shared.status, shared.text).to.equal(200);
    await committedEverywhere(CHANNEL, transactionIdOf(shared));
    const own = await putMunicipal(viaRest.pseudonym, {
      ...viaRest.municipal,
      cpr: dashed(viaRest.municipal.cpr),
    });
    expect(own.status, own.text).to.equal(200);
    await committedEverywhere(CHANNEL, transactionIdOf(own));
    written.push(...canariesOf(viaRest, 'REST'));
    for (const answer of [shared, own]) {
      for (const text of canaryStrings(viaRest)) expect(answer.text).not.to.contain(text);
    }
  });

  it('writes every personal field directly through fabric-gateway, committed on every member peer', async function () {
    await putChildData(direct);
    await putMunicipalData(direct.pseudonym, direct.municipal);
    written.push(...canariesOf(direct, 'direct'));
  });

  it('refuses malformed personal data without echoing it (the refused values are searched for too)', async function () {
    await requireGateways(['municipality']);
    const pseudonym = childPseudonym();
    // A 1950s birth date: the CPR number is refused by the chaincode's rule (implausible age; the gateway applies
    // the same domain function before it compares the number with the pseudonym); the case facts go nowhere.
    const oldCpr = cprWithSerial('010150', true, 0);
    const tooOld = { cpr: oldCpr, caseFacts: canaryText() };
    const chaincodeRefusal = await putMunicipal(pseudonym, tooOld);
    expect(chaincodeRefusal.status, chaincodeRefusal.text).to.equal(400);
    expect(chaincodeRefusal.body).to.include({ code: 'VALIDATION_FAILED' });
    expect(chaincodeRefusal.text).to.contain('implausible_age');
    // An unknown property: the gateway's request validation refuses it.
    const unknownProperty = { name: canaryText(), nickname: canaryText() };
    const gatewayRefusal = await putShared(pseudonym, PLACEMENT_SITE, unknownProperty);
    expect(gatewayRefusal.status, gatewayRefusal.text).to.equal(400);
    expect(gatewayRefusal.body).to.include({ code: 'REQUEST_INVALID' });
    // Directly: a date that does not exist (31 February).
    const notADate = { cpr: cprWithSerial('310212', true), caseFacts: canaryText() };
    const directRefusal = await txError(() =>
      childDataContract('municipality', 'sara').submit('PutMunicipalChildData', {
        arguments: [pseudonym],
        transientData: { municipal: JSON.stringify(transientRecord(notADate)) },
        endorsingOrganizations: [MUNICIPALITY],
      }),
    );
    expect(directRefusal).to.contain('VALIDATION_FAILED').and.to.contain('not_a_date');
    refused.push(
      { label: 'refused REST municipal.caseFacts', text: tooOld.caseFacts, holders: [] },
      { label: 'refused REST municipal.cpr', text: oldCpr, holders: [] },
      { label: 'refused REST child.name', text: unknownProperty.name, holders: [] },
      { label: 'refused REST child.nickname', text: unknownProperty.nickname, holders: [] },
      { label: 'refused direct municipal.caseFacts', text: notADate.caseFacts, holders: [] },
      { label: 'refused direct municipal.cpr', text: notADate.cpr, holders: [] },
    );
    for (const text of refused.map((canary) => canary.text)) {
      for (const answer of [chaincodeRefusal.text, gatewayRefusal.text, directRefusal]) {
        expect(answer).not.to.contain(text);
      }
    }
  });

  it('positive control: members read every canary back through the logged read (a request id goes to the gateway log)', async function () {
    // The municipality, directly, with the public canary as the purpose code of its access-log entry.
    const { data } = await loggedRead('municipality', 'sara', direct.pseudonym, publicCanary);
    expect(data.child).to.deep.equal(direct.child);
    expect(data.municipal).to.deep.equal(direct.municipal);
    // The placement site, through its own gateway: the shared record, and not the municipality's own.
    await requireGateways(['municipality', 'placement']);
    const me = await call('municipality', 'sara', 'GET', '/api/v1/me', undefined, logCanary);
    expect(me.status, me.text).to.equal(200);
    const byKarin = await readPersonal(
      'placement',
      'karin',
      viaRest.pseudonym,
      PLACEMENT_SITE,
      'care_delivery',
    );
    expect(byKarin.status, byKarin.text).to.equal(200);
    expect((byKarin.body as { child?: unknown }).child).to.deep.equal(viaRest.child);
    expect(byKarin.text)
      .not.to.contain(viaRest.municipal.cpr)
      .and.not.to.contain(viaRest.municipal.caseFacts);
  });

  it('finds no private canary in any block file, WAL, snapshot, non-member store or log; finds the public one in every block file', async function () {
    expect(written.length, 'canaries written by the tests above').to.be.greaterThan(0);
    const publicControl: Canary = { label: 'public purpose code', text: publicCanary, holders: [] };
    const logControl: Canary = { label: 'logged request id', text: logCanary, holders: [] };
    await gatewayLogsWritten();
    const report = await scanForCanaries([...written, ...refused, publicControl, logControl]);

    const controls = [publicControl.label, logControl.label];
    const leaks = report.hits.filter((hit) => !controls.includes(hit.label));
    expect(leaks, `personal data found:\n${describeHits(leaks)}`).to.be.empty;

    // Positive control 1: the same scan finds the public canary in the block files of every peer and the orderer.
    const publicIn = report.hits.filter((hit) => hit.label === publicControl.label).map((hit) => hit.file);
    const orderers = readdirSync(join(FABRIC_HOME, 'nodes'))
      .filter((node) => node.startsWith('orderer'))
      .filter((node) => existsSync(join(FABRIC_HOME, 'nodes', node, 'data', 'chains', CHANNEL)));
    expect(orderers, 'orderers of the channel').not.to.be.empty;
    for (const node of [...PEERS.map(nodeDir), ...orderers.map((orderer) => `nodes/${orderer}/`)]) {
      expect(
        publicIn.some((file) => file.includes(node) && /\/chains\/.*\/blockfile_\d+$/.test(file)),
        `public canary in a block file under ${node} (found in: ${publicIn.join(', ')})`,
      ).to.be.true;
    }

    // …and the request id the municipality's gateway logged, in its log.
    expect(
      report.hits.some(
        (hit) => hit.label === logControl.label && hit.file.endsWith('gateway-municipality.log'),
      ),
      'request id canary in the gateway log',
    ).to.be.true;

    // What was searched: every block file, the raft WAL, every log, the gateways' logs among them.
    const searched = new Set(report.files);
    const logs = readdirSync(join(FABRIC_HOME, 'logs'));
    expect(logs.filter((log) => log.startsWith('gateway-'))).to.have.length.greaterThan(0);
    for (const log of logs) {
      expect(
        [...searched].some((file) => file.endsWith(`logs/${log}`)),
        `log ${log} searched`,
      ).to.be.true;
    }
    expect(
      [...searched].some((file) => /etcdraft\/wal\/.+\.wal$/.test(file)),
      'raft WAL searched',
    ).to.be.true;
    // Only member peers' private stores were spared the canaries of their own collections.
    for (const file of report.excluded) {
      expect(file).to.satisfy(
        (path: string) =>
          (path.includes(nodeDir('municipality')) || path.includes(nodeDir('placement'))) &&
          PRIVATE_STORES.some((store) => path.includes(`/${store}/`)),
        file,
      );
    }
  });

  it('positive control: the search finds the private canaries where members legitimately keep them', async function () {
    // The same canaries, searched for in the member peers' private stores only and with no exclusion: the scanner
    // finds them in LevelDB files, so the empty result above means absence, not blindness.
    const roots = (['municipality', 'placement'] as const).flatMap((org) =>
      PRIVATE_STORES.map((store) => join(FABRIC_HOME, nodeDir(org), store)),
    );
    // (The chaincode stores the CPR number as ten digits, so the dashed form is not among them.)
    const directCanaries = canariesOf(direct, 'direct').filter((canary) => !canary.label.includes('dashed'));
    const report = await scanForCanaries(
      directCanaries.map((canary) => ({ ...canary, holders: [] })),
      roots,
    );
    for (const canary of directCanaries) {
      for (const holder of canary.holders) {
        expect(
          report.hits.some((hit) => hit.label === canary.label && hit.file.includes(nodeDir(holder))),
          `${canary.label} in the private stores of ${holder}`,
        ).to.be.true;
      }
    }
    // …and never a CPR number in the placement site's stores.
    expect(
      report.hits.filter((hit) => hit.label.includes('municipal') && hit.file.includes(nodeDir('placement'))),
    ).to.be.empty;
  });
});
