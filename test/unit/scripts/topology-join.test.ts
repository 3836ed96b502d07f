/**
 * The topology reader merges the providers that joined a network (`network.sh addOrg` records their organisation
 * files under `<home>/joined/`), so that every later verb, the gateways and the tests know them; and it refuses an
 * organisation file that could not join: not a provider, a key, MSP id or port already taken, an unknown channel.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readTopology, topologyWithJoining } from '../../../scripts/lib/topology-reader.cjs';

const ROOT = resolve(__dirname, '..', '..', '..');
const ORG_FILE = join(ROOT, 'network', 'orgs', 'solhoej.json');

describe('scripts/lib/topology-reader: providers that joined', function () {
  let home: string;

  beforeEach(function () {
    home = mkdtempSync(join(tmpdir(), 'fa-join-'));
  });
  afterEach(function () {
    rmSync(home, { recursive: true, force: true });
  });

  /** The example provider's file with `change` applied, written into the temporary home. */
  function variant(
    change: (file: { organisation: Record<string, unknown>; channels: string[] }) => void,
  ): string {
    const file = JSON.parse(readFileSync(ORG_FILE, 'utf8')) as {
      organisation: Record<string, unknown>;
      channels: string[];
    };
    change(file);
    const path = join(home, 'variant.json');
    writeFileSync(path, JSON.stringify(file));
    return path;
  }

  it('knows only the declared organisations until a provider joins', function () {
    expect(readTopology(ROOT, home).organisations.map((org) => org.key)).to.deep.equal([
      'municipality',
      'placement',
      'consultancy',
    ]);
  });

  it('merges a joined provider into the organisations and the members of the channels it joined', function () {
    mkdirSync(join(home, 'joined'));
    copyFileSync(ORG_FILE, join(home, 'joined', '01-solhoej.json'));
    const topology = readTopology(ROOT, home);
    expect(topology.organisations.map((org) => org.key)).to.deep.equal([
      'municipality',
      'placement',
      'consultancy',
      'solhoej',
    ]);
    expect(topology.domains.find((d) => d.channel === 'placements')?.members).to.include('solhoej');
    expect(topology.domains.find((d) => d.channel === 'prevention')?.members).not.to.include('solhoej');
  });

  it('the scripts see it too: members, the pair collection, the endorsement policy', function () {
    const topo = (...args: string[]) =>
      execFileSync('node', [join(ROOT, 'scripts', 'lib', 'topology.mjs'), ...args], {
        env: { ...process.env, FABRIC_AGREEMENTS_HOME: home },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    expect(topo('check-join', ORG_FILE)).to.equal('solhoej');
    mkdirSync(join(home, 'joined'));
    copyFileSync(ORG_FILE, join(home, 'joined', '01-solhoej.json'));
    expect(() => topo('check-join', ORG_FILE), 'joined already').to.throw();
    expect(topo('members', 'placements')).to.equal('municipality placement consultancy solhoej');
    expect(topo('endorsement-policy', 'placements')).to.contain("'SolhoejMSP.peer'");
    topo('render-collections', 'placements', join(home, 'collections.json'));
    const names = (
      JSON.parse(readFileSync(join(home, 'collections.json'), 'utf8')) as { name: string }[]
    ).map((c) => c.name);
    expect(names).to.include('pair_MunicipalityMSP_SolhoejMSP');
  });

  it('refuses a file that could not join', function () {
    const refused = (path: string) => expect(() => topologyWithJoining(path, ROOT, home)).to.throw();
    refused(variant((f) => (f.organisation.kind = 'municipality')));
    refused(variant((f) => (f.organisation.key = 'placement')));
    refused(variant((f) => (f.organisation.mspId = 'PlacementSiteMSP')));
    refused(variant((f) => (f.organisation.gatewayPort = 3001)));
    refused(variant((f) => (f.channels = ['no-such-channel'])));
    refused(variant((f) => (f.channels = [])));
    expect(topologyWithJoining(ORG_FILE, ROOT, home).organisations).to.have.length(4);
  });
});
