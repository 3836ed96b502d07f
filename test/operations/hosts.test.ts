/**
 * Each organisation on its own host (issue 13): scripts/hosts.sh runs the ordering service, the municipality and
 * each provider as Linux network namespaces with their own addresses, joined by a bridge; each host does its own part
 * with only its own files (network.sh -host), public material passed between them as files. The case story's core
 * runs across the hosts, each party through its own gateway. Then the placement site's host is cut off (its link
 * down): its writes, and the municipality's writes that need its endorsement, answer 503 with Retry-After within the
 * gateway's deadline, while the municipality and the consultancy go on writing; healed, the placement site's peer
 * catches up (same height, the writes made meanwhile on its peer) and writes succeed again.
 *
 * Runs only with OPS_HOSTS=1 and FABRIC_AGREEMENTS_TOPOLOGY naming the hosts' topology (scripts/test.sh sets both,
 * once the main network is down), as root where `ip netns` works.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storyStart } from 'agreements-case-story';
import { uniqueId } from '../support/network';
import { expectWrite, newPlacementDraft, activePlacement } from '../e2e/support/agreements';
import {
  callAs,
  domainPath,
  expectProblem,
  GATEWAY_URL,
  tokenFor,
  waitUntilReady,
  type GatewayOrg,
} from '../e2e/support/gateways';
import { hostOf, readTopology } from '../../scripts/lib/topology-reader.cjs';
import { eventually, ROOT } from './support';

const topology = readTopology();
const HOSTS_HOME = process.env.HOSTS_HOME ?? join(ROOT, '.fabric-hosts');
const ORGS = ['municipality', 'placement', 'consultancy'] as const satisfies readonly GatewayOrg[];
/** The gateway's longest wait on a write before it answers (endorse 15 s, then submit 15 s; gateway/src/config.ts). */
const WRITE_DEADLINE_MS = 30_000;

function hosts(...args: string[]): string {
  return hostsWith({}, ...args);
}

/** `hosts.sh` with extra environment (what must not appear in a command line, such as a bearer token). */
function hostsWith(env: Readonly<Record<string, string>>, ...args: string[]): string {
  return execFileSync('bash', [join(ROOT, 'scripts', 'hosts.sh'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A shell command on host `key`, with that host's files and environment. */
function onHost(key: string, command: string): string {
  return hosts('exec', key, 'bash', '-c', command);
}

/** The height of `channel` on host `key`'s own peer, asked by that host's admin. */
function heightOn(key: string, channel: string): number {
  const out = onHost(
    key,
    `source scripts/lib/common.sh && ensure_binaries && use_org ${key} && peer channel getinfo -c ${channel} 2>/dev/null`,
  );
  const info = /Blockchain info: (\{.*\})/.exec(out);
  if (info === null) throw new Error(`no height of ${channel} on ${key}`);
  return (JSON.parse(info[1]!) as { height: number }).height;
}

/** Whether host `key`'s own peer has transaction `txId` on `channel` (qscc, asked by that host's admin). */
function hasTransaction(key: string, channel: string, txId: string): boolean {
  try {
    onHost(
      key,
      `source scripts/lib/common.sh && ensure_binaries && use_org ${key} && peer chaincode query -C ${channel} -n qscc ` +
        `-c '{"Args":["GetTransactionByID","${channel}","${txId}"]}' >/dev/null 2>&1`,
    );
    return true;
  } catch {
    return false;
  }
}

/** What a request made on the placement site's own host (its people's side of the partition) was answered. */
interface HostAnswer {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly code: string | undefined;
  readonly seconds: number;
}

/** A request to the placement site's gateway from inside its host, as karin. */
async function requestOnPlacementHost(
  method: 'GET' | 'POST',
  path: string,
  json?: unknown,
): Promise<HostAnswer> {
  const token = await tokenFor('karin');
  const script =
    'dir="$(mktemp -d)" && curl -s --max-time 120 -o "$dir/body" -D "$dir/headers" ' +
    `-w '%{http_code} %{time_total}' -H "authorization: Bearer $HOSTS_TOKEN" -H 'content-type: application/json' ` +
    `-X ${method} ${json === undefined ? '' : '--data "$HOSTS_BODY"'} '${GATEWAY_URL.placement}${domainPath(path)}'; echo; ` +
    'cat "$dir/headers"; echo; cat "$dir/body"; rm -rf "$dir"';
  const out = hostsWith(
    { HOSTS_TOKEN: token, HOSTS_BODY: JSON.stringify(json ?? null) },
    'exec',
    'placement',
    'bash',
    '-c',
    script,
  );
  const [first = '', ...rest] = out.split('\n');
  const [status = '0', seconds = '0'] = first.trim().split(' ');
  const retryAfter = /^retry-after:\s*(\S+)/im.exec(rest.join('\n'))?.[1];
  const code = /"code"\s*:\s*"([A-Z_]+)"/.exec(rest.join('\n'))?.[1];
  return { status: Number(status), retryAfter, code, seconds: Number(seconds) };
}

/** Every file under `dir`. */
function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

const reportOf = (period: number, tag: string) => ({
  obligationId: 'status-report',
  periodNumber: period,
  documentHash: createHash('sha256').update(tag).digest('hex'),
});

/** An invoice for the month `offset` months after the story's start (its stay line; validation may hold it). */
const invoiceOf = (offset: number) => {
  const [y, m] = storyStart().split('-').map(Number) as [number, number];
  return {
    invoiceId: uniqueId('hosts-invoice'),
    month: new Date(Date.UTC(y, m - 1 + offset, 1)).toISOString().slice(0, 7),
    lines: [{ serviceLineId: 'stay', amount: 100_000 }],
  };
};

describe('operations: each organisation on its own host', function () {
  this.timeout(3_600_000);
  let agreementId = '';

  before(function () {
    if (process.env.OPS_HOSTS !== '1') this.skip();
    if (process.getuid?.() !== 0) {
      console.log('      skipped: the hosts are network namespaces, which need root');
      this.skip();
    }
    try {
      execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    } catch {
      console.log("      skipped: no 'ip netns' here");
      this.skip();
    }
    if (hostOf(topology, topology.organisations[0]!) === topology.host) {
      throw new Error('FABRIC_AGREEMENTS_TOPOLOGY must name a topology with a host per organisation');
    }
    // Each organisation's people log in at their own organisation's identity provider, on its host.
    for (const org of topology.organisations) {
      process.env[`E2E_${org.key.toUpperCase()}_OIDC_ISSUER`] = `http://${hostOf(topology, org)}:4000`;
    }
    // KEEP_NETWORK=1 keeps the hosts after the run, and reuses hosts that are up.
    const times = join(HOSTS_HOME, 'times');
    if (process.env.KEEP_NETWORK === '1' && existsSync(times)) return;
    hosts('down');
    const started = Date.now();
    hosts('up');
    const steps = readFileSync(times, 'utf8').trim().split('\n');
    console.log(
      `      every host up in ${((Date.now() - started) / 1000).toFixed(0)} s; per step and host (s):`,
    );
    for (const line of steps) console.log(`        ${line}`);
  });

  after(function () {
    if (process.env.OPS_HOSTS !== '1' || process.env.KEEP_NETWORK === '1') return;
    try {
      hosts('heal', 'placement');
    } catch {
      // Not up, or never cut off.
    }
    hosts('down');
  });

  it("no host holds another organisation's private keys or CA", function () {
    const domains = new Map<string, string>([
      [topology.ordererOrg.key, join('ordererOrganizations', topology.ordererOrg.domain)],
      ...topology.organisations.map((org): [string, string] => [
        org.key,
        join('peerOrganizations', org.domain),
      ]),
    ]);
    for (const [key, own] of domains) {
      const home = join(HOSTS_HOME, key);
      const privateFiles = [...filesUnder(join(home, 'organizations'))].filter((file) =>
        /(^|\/)keystore\/|\.key$|_sk$/.test(file),
      );
      expect(privateFiles, `${key}'s private keys`).to.have.length.greaterThan(0);
      for (const file of privateFiles) {
        expect(file.startsWith(join(home, 'organizations', own) + '/'), `${file} on ${key}'s host`).to.equal(
          true,
        );
      }
      expect(readdirSync(join(home, 'ca')), `the CAs on ${key}'s host`).to.deep.equal([`ca-${key}`]);
    }
  });

  it("the case story's core across the hosts: draft, both sign, status report, invoice", async function () {
    await Promise.all(ORGS.map((org) => waitUntilReady(org)));
    // Sara drafts on the municipality's host, the centre heads sign there, Karin signs on the placement site's.
    agreementId = await activePlacement();
    const report = await callAs('karin', 'POST', domainPath(`/agreements/${agreementId}/status-reports`), {
      json: reportOf(1, `${agreementId}-1`),
    });
    expectWrite(report, 201);
    const invoice = await callAs('karin', 'POST', domainPath(`/agreements/${agreementId}/invoices`), {
      json: invoiceOf(0),
    });
    expectWrite(invoice, 201);
    // The municipality's caseworker reads on her host what the placement site wrote on its own.
    const seen = await callAs('sara', 'GET', domainPath(`/agreements/${agreementId}/status-reports`));
    expect(seen.status).to.equal(200);
    expect(seen.body).to.be.an('array').with.length.greaterThan(0);
  });

  it("the placement site's host cut off: 503 with Retry-After; healed, its peer catches up and writes again", async function () {
    expect(agreementId, 'the story ran').not.to.equal('');
    const channel = 'placements';
    await tokenFor('karin');
    await tokenFor('sara');
    hosts('partition', 'placement');
    let cutAt = Date.now();
    let healed = false;
    let meanwhile = '';
    try {
      // The placement site's own write, on its own side of the cut.
      const own = await requestOnPlacementHost('POST', `/agreements/${agreementId}/invoices`, invoiceOf(1));
      console.log(
        `      placement site's write while cut off: ${own.status} ${own.code ?? ''} after ${own.seconds} s`,
      );
      expect(own.status, JSON.stringify(own)).to.equal(503);
      expect(Number(own.retryAfter), 'Retry-After').to.be.greaterThan(0);
      expect(own.seconds * 1000).to.be.lessThan(WRITE_DEADLINE_MS + 5_000);
      // Its own peer still answers its reads.
      const readOwn = await requestOnPlacementHost('GET', `/agreements/${agreementId}`);
      expect(readOwn.status, JSON.stringify(readOwn)).to.equal(200);

      // The municipality's write that needs the placement site's endorsement.
      const started = Date.now();
      const refused = await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() });
      const refusedS = (Date.now() - started) / 1000;
      console.log(
        `      municipality's write needing the placement site: ${refused.status} after ${refusedS.toFixed(1)} s`,
      );
      const problem = expectProblem(refused, 503, 'ENDORSER_UNAVAILABLE');
      expect(Number(refused.headers.get('retry-after'))).to.be.greaterThan(0);
      expect(problem.details.organisations).to.deep.equal(['PlacementSiteMSP']);
      expect(refusedS * 1000).to.be.lessThan(WRITE_DEADLINE_MS + 5_000);

      // Meanwhile the municipality and the consultancy go on writing on the placement site's channel.
      const visitation = await callAs('sara', 'POST', domainPath('/agreements'), { json: visitationDraft() });
      meanwhile = expectWrite(visitation, 201).transactionId;
      console.log(`      cut off for ${((Date.now() - cutAt) / 1000).toFixed(0)} s`);
    } finally {
      hosts('heal', 'placement');
      healed = true;
      cutAt = Date.now();
    }
    expect(healed).to.equal(true);

    // Catch-up: the placement site's peer reaches the municipality's height and holds the write made meanwhile.
    const caughtUp = await eventually('the placement site caught up', 300_000, () => {
      const target = heightOn('municipality', channel);
      return Promise.resolve(
        heightOn('placement', channel) >= target && hasTransaction('placement', channel, meanwhile)
          ? true
          : undefined,
      );
    });
    expect(caughtUp).to.equal(true);
    const catchUpS = (Date.now() - cutAt) / 1000;
    const written = await eventually('a placement site write after healing', 300_000, async () => {
      const response = await callAs('karin', 'POST', domainPath(`/agreements/${agreementId}/invoices`), {
        json: invoiceOf(2),
      });
      return response.status === 201 ? response : undefined;
    });
    expectWrite(written, 201);
    const placementWriteS = (Date.now() - cutAt) / 1000;
    const drafted = await eventually(
      'a municipality write with the placement site after healing',
      300_000,
      async () => {
        const response = await callAs('sara', 'POST', domainPath('/agreements'), {
          json: newPlacementDraft(),
        });
        return response.status === 201 ? response : undefined;
      },
    );
    expectWrite(drafted, 201);
    console.log(
      `      after healing: caught up in ${catchUpS.toFixed(1)} s, its write in ${placementWriteS.toFixed(1)} s, ` +
        `the municipality's write with it in ${((Date.now() - cutAt) / 1000).toFixed(1)} s`,
    );
  });
});

/** A visitation agreement with the consultancy on the placements channel: written without the placement site. */
function visitationDraft(): Readonly<Record<string, unknown>> {
  const start = storyStart();
  return {
    id: uniqueId('hosts-visitation'),
    kind: 'visitation',
    municipalityMspId: 'MunicipalityMSP',
    providerMspId: 'ConsultancyMSP',
    childPseudonym: uniqueId('hosts-child'),
    startDate: start,
    lines: [
      {
        id: 'visits',
        kind: 'supported_visitation',
        pricing: 'per_unit',
        unit: 'visit',
        unitPrice: 150_000,
        agreedQuantity: 0.5,
        quantityPeriod: 'week',
        startDate: start,
      },
    ],
  };
}
