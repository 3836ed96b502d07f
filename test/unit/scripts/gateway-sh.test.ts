/**
 * scripts/gateway.sh keeps each organisation's wallet and gateway state per network — keyed by a fingerprint of the
 * organisation's CA certificate — so that after `network.sh down` and `up` no certificate, event checkpoint or
 * idempotency record of the dead network is used, while another network sharing the data directory keeps its own;
 * `network.sh down` deletes only its network's. It makes the municipality's pseudonym key once, 0600, outside the
 * repository. Runs `gateway.sh env` and `network.sh down` against a made-up network home and data directory.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('scripts/gateway.sh: wallet and state per network', function () {
  this.timeout(30_000);
  let home: string;
  let data: string;

  beforeEach(function () {
    home = mkdtempSync(join(tmpdir(), 'fa-home-'));
    data = mkdtempSync(join(tmpdir(), 'fa-data-'));
  });
  afterEach(function () {
    rmSync(home, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  /** A network whose organisation CA has this certificate. */
  function network(org: string, certificate: string): void {
    const dir = join(home, 'organizations', 'peerOrganizations', `${org}.agreements.local`, 'msp', 'cacerts');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `ca-${org}.pem`), certificate);
  }

  /** The environment `gateway.sh env ORG` prints, as a map. */
  function gatewayEnv(org: string): Record<string, string> {
    const env: NodeJS.ProcessEnv = { ...process.env, FABRIC_AGREEMENTS_HOME: home, XDG_DATA_HOME: data };
    delete env.GATEWAY_PSEUDONYM_KEY_FILE;
    const out = execFileSync('bash', [join(ROOT, 'scripts', 'gateway.sh'), 'env', org], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return Object.fromEntries(
      [...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!] as [string, string]),
    );
  }

  it('keeps the wallet and state of one network across starts, and uses new ones when the CA changes', function () {
    network('municipality', 'certificate of the first network');
    const first = gatewayEnv('municipality');
    const wallet = first.GATEWAY_WALLET_DIR!;
    const state = first.GATEWAY_STATE_DIR!;
    expect(wallet.startsWith(join(data, 'fabric-agreements', 'wallet', 'municipality'))).to.be.true;
    expect(state.startsWith(join(data, 'fabric-agreements', 'state', 'municipality'))).to.be.true;
    expect(statSync(wallet).mode & 0o777).to.equal(0o700);
    writeFileSync(join(wallet, 'sara.json'), '{}');
    writeFileSync(join(state, 'checkpoint.json'), '{}');

    const again = gatewayEnv('municipality');
    expect([again.GATEWAY_WALLET_DIR, again.GATEWAY_STATE_DIR]).to.deep.equal([wallet, state]);
    expect(existsSync(join(wallet, 'sara.json')), 'same network: the wallet is kept').to.be.true;

    network('municipality', 'certificate of a re-created network');
    const recreated = gatewayEnv('municipality');
    expect(recreated.GATEWAY_WALLET_DIR).not.to.equal(wallet);
    expect(recreated.GATEWAY_STATE_DIR).not.to.equal(state);
    expect(existsSync(join(wallet, 'sara.json')), 'another network’s wallet is not the gateway’s to delete')
      .to.be.true;
    expect(existsSync(join(state, 'checkpoint.json')), 'nor its checkpoints').to.be.true;
  });

  it('network.sh down deletes its own network’s wallet and state, and no other network’s', function () {
    network('municipality', 'certificate of another network');
    const other = gatewayEnv('municipality');
    writeFileSync(join(other.GATEWAY_WALLET_DIR!, 'sara.json'), '{}');
    network('municipality', 'certificate of this network');
    const own = gatewayEnv('municipality');
    writeFileSync(join(own.GATEWAY_WALLET_DIR!, 'sara.json'), '{}');
    execFileSync('bash', [join(ROOT, 'scripts', 'network.sh'), 'down'], {
      env: { ...process.env, FABRIC_AGREEMENTS_HOME: home, XDG_DATA_HOME: data },
      stdio: 'ignore',
    });
    expect(existsSync(own.GATEWAY_WALLET_DIR!), 'this network’s wallet goes with it').to.be.false;
    expect(existsSync(own.GATEWAY_STATE_DIR!), 'and its state').to.be.false;
    expect(existsSync(join(other.GATEWAY_WALLET_DIR!, 'sara.json')), 'the other network’s wallet stays').to.be
      .true;
  });

  it('gives the municipality a 32-byte pseudonym key, 0600, made once; providers none', function () {
    network('municipality', 'certificate');
    network('placement', 'certificate');
    const keyFile = gatewayEnv('municipality').GATEWAY_PSEUDONYM_KEY_FILE!;
    expect(keyFile.startsWith(join(data, 'fabric-agreements'))).to.be.true;
    expect(statSync(keyFile).mode & 0o777).to.equal(0o600);
    const key = readFileSync(keyFile);
    expect(key).to.have.length(32);

    network('municipality', 'certificate of a re-created network');
    expect(gatewayEnv('municipality').GATEWAY_PSEUDONYM_KEY_FILE).to.equal(keyFile);
    expect(readFileSync(keyFile).equals(key), 'pseudonyms stay stable').to.be.true;
    expect(gatewayEnv('placement')).not.to.have.property('GATEWAY_PSEUDONYM_KEY_FILE');
  });
});
