/**
 * One organisation's host, without a network: `FABRIC_AGREEMENTS_TOPOLOGY` selects the topology every reader uses,
 * and `network.sh import -host KEY` takes another host's public material but refuses a file that could hold a
 * private key, that reaches outside the organisations' folders, or that would overwrite the host's own organisation.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { hostOf, readTopology } from '../../../scripts/lib/topology-reader.cjs';

const ROOT = resolve(__dirname, '..', '..', '..');
const HOSTS_TOPOLOGY = 'network/topology.hosts.json';

describe('scripts: each organisation on its own host', function () {
  this.timeout(30_000);
  let work: string;
  let home: string;

  beforeEach(function () {
    work = mkdtempSync(join(tmpdir(), 'fa-hosts-'));
    home = join(work, 'placement-home');
    mkdirSync(home);
    // What `up -host placement` records first.
    writeFileSync(join(home, 'host'), 'placement\n');
  });
  afterEach(function () {
    rmSync(work, { recursive: true, force: true });
  });

  /** A bundle named `name` holding `files` (paths relative to a home). */
  function bundle(name: string, files: readonly string[]): string {
    const source = join(work, `${name}-source`);
    for (const file of files) {
      mkdirSync(dirname(join(source, file)), { recursive: true });
      writeFileSync(join(source, file), 'certificate\n');
    }
    const out = join(work, `${name}.tar.gz`);
    execFileSync('tar', ['-C', source, '-czf', out, ...files]);
    return out;
  }

  function importOnPlacement(file: string): { status: number | null; stderr: string } {
    const run = spawnSync(
      'bash',
      [join(ROOT, 'scripts', 'network.sh'), 'import', '-host', 'placement', '-f', file],
      {
        env: { ...process.env, FABRIC_AGREEMENTS_HOME: home, FABRIC_AGREEMENTS_TOPOLOGY: HOSTS_TOPOLOGY },
        encoding: 'utf8',
      },
    );
    return { status: run.status, stderr: run.stderr };
  }

  const municipality = 'organizations/peerOrganizations/municipality.agreements.local';

  it('FABRIC_AGREEMENTS_TOPOLOGY names the topology file', function () {
    const before = process.env.FABRIC_AGREEMENTS_TOPOLOGY;
    try {
      process.env.FABRIC_AGREEMENTS_TOPOLOGY = HOSTS_TOPOLOGY;
      const hosts = readTopology();
      expect(hosts.organisations.map((org) => hostOf(hosts, org))).to.deep.equal([
        '10.232.0.3',
        '10.232.0.4',
        '10.232.0.5',
      ]);
      delete process.env.FABRIC_AGREEMENTS_TOPOLOGY;
      const local = readTopology();
      expect(local.organisations.map((org) => hostOf(local, org))).to.deep.equal([
        '127.0.0.1',
        '127.0.0.1',
        '127.0.0.1',
      ]);
    } finally {
      if (before === undefined) delete process.env.FABRIC_AGREEMENTS_TOPOLOGY;
      else process.env.FABRIC_AGREEMENTS_TOPOLOGY = before;
    }
  });

  it("imports another organisation's public material", function () {
    const files = [
      `${municipality}/msp/cacerts/ca.pem`,
      `${municipality}/msp/tlscacerts/ca.crt`,
      `${municipality}/peers/peer0.municipality.agreements.local/tls/ca.crt`,
    ];
    const result = importOnPlacement(bundle('municipality', files));
    expect(result.status, result.stderr).to.equal(0);
    for (const file of files) expect(existsSync(join(home, file)), file).to.equal(true);
  });

  it('refuses a file that could hold a private key', function () {
    for (const file of [
      `${municipality}/users/Admin@municipality.agreements.local/msp/keystore/priv`,
      `${municipality}/peers/peer0.municipality.agreements.local/tls/server.key`,
      `${municipality}/msp/abc_sk`,
    ]) {
      const result = importOnPlacement(bundle('keys', [file]));
      expect(result.status, file).to.not.equal(0);
      expect(result.stderr).to.match(/could hold a private key/);
      expect(existsSync(join(home, file)), file).to.equal(false);
    }
  });

  it("refuses what is not an organisation's material, or is this host's own", function () {
    const outside = importOnPlacement(bundle('outside', ['services/peer0.spec']));
    expect(outside.status).to.not.equal(0);
    expect(outside.stderr).to.match(/not an organisation's public material/);
    const own = importOnPlacement(
      bundle('own', ['organizations/peerOrganizations/placement.agreements.local/msp/cacerts/ca.pem']),
    );
    expect(own.status).to.not.equal(0);
    expect(own.stderr).to.match(/overwrite this host's own/);
  });

  it('refuses links', function () {
    const source = join(work, 'link-source');
    mkdirSync(join(source, municipality), { recursive: true });
    execFileSync('ln', ['-s', '/etc', join(source, municipality, 'msp')]);
    const file = join(work, 'link.tar.gz');
    execFileSync('tar', ['-C', source, '-czf', file, `${municipality}/msp`]);
    const result = importOnPlacement(file);
    expect(result.status).to.not.equal(0);
    expect(result.stderr).to.match(/links or special files/);
  });

  it('exports only public material, and refuses to export a key', function () {
    const own = join(home, 'organizations/peerOrganizations/placement.agreements.local');
    for (const file of ['msp/cacerts/ca.pem', 'peers/peer0.placement.agreements.local/tls/ca.crt']) {
      mkdirSync(dirname(join(own, file)), { recursive: true });
      writeFileSync(join(own, file), 'certificate\n');
    }
    const exportFrom = () =>
      spawnSync('bash', [join(ROOT, 'scripts', 'network.sh'), 'export', '-host', 'placement'], {
        env: { ...process.env, FABRIC_AGREEMENTS_HOME: home, FABRIC_AGREEMENTS_TOPOLOGY: HOSTS_TOPOLOGY },
        encoding: 'utf8',
      });
    const exported = exportFrom();
    expect(exported.status, exported.stderr).to.equal(0);
    const names = execFileSync('tar', ['-tzf', join(home, 'outbox', 'placement.public.tar.gz')], {
      encoding: 'utf8',
    });
    expect(names).to.match(/msp\/cacerts\/ca\.pem/);
    // A key that found its way into the MSP folder is never exported.
    mkdirSync(join(own, 'msp', 'keystore'));
    writeFileSync(join(own, 'msp', 'keystore', 'priv_sk'), 'key\n');
    const refused = exportFrom();
    expect(refused.status).to.not.equal(0);
    expect(refused.stderr).to.match(/would include a private key/);
  });

  it('a home belongs to one host', function () {
    const run = spawnSync('bash', [join(ROOT, 'scripts', 'network.sh'), 'export', '-host', 'municipality'], {
      env: { ...process.env, FABRIC_AGREEMENTS_HOME: home, FABRIC_AGREEMENTS_TOPOLOGY: HOSTS_TOPOLOGY },
      encoding: 'utf8',
    });
    expect(run.status).to.not.equal(0);
    expect(run.stderr).to.match(/is the home of host 'placement'/);
  });
});
