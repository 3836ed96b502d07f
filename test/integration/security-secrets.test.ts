/**
 * Nothing secret is lying around (issue 9, item 4): every password the network generated (CA bootstrap admins,
 * registrars, nodes, admins, the story's people) is found, byte for byte and in hex or base64, only in the network's
 * 0600 secrets file — not in any config, database, log or ledger under .fabric/, nor in the gateways' data folder, nor
 * on any process's command line — and private keys, CA databases and the secrets file are readable by their owner
 * alone.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { FABRIC_HOME } from '../support/network';
import { describeHits, scanForCanaries } from '../support/privacy-scan';
import { generateKeyPairSync } from 'node:crypto';
import { createCsr } from 'agreements-gateway/identity/csr';
import { caCall, caOf, DATA_ROOT, networkSecrets, secretsFile } from '../support/security';

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('security: secrets at rest', function () {
  this.timeout(300_000);

  it('keeps the generated passwords in a 0600 secrets file in a 0700 folder outside the clone', function () {
    const file = secretsFile();
    expect(relative(FABRIC_HOME, file).startsWith('..'), file).to.be.true;
    expect(mode(file)).to.equal('600');
    expect(mode(dirname(file))).to.equal('700');
    const secrets = networkSecrets();
    // Bootstrap admin of every CA, a registrar per organisation, nodes, admins and the story's people.
    for (const name of ['CA_ca_orderer_admin', 'CA_ca_municipality_admin', 'CA_ca_municipality_registrar']) {
      expect(secrets.get(name), name).to.match(/^[A-Za-z0-9_-]{24}$/);
    }
    expect(new Set(secrets.values()).size, 'every password is different').to.equal(secrets.size);
  });

  it('accepts none of the well-known passwords the scripts used to write (admin:adminpw, peer0:peer0pw, …)', async function () {
    // One wrong attempt per identity and run; the bootstrap admin's counter is reset by the successful enrolment in
    // security-listeners, and the others never log in again.
    const wellKnown: Record<string, [string, string][]> = {
      municipality: [
        ['admin', 'adminpw'],
        ['peer0', 'peer0pw'],
        ['orgadmin', 'orgadminpw'],
        ['sara', 'sarapw'],
      ],
      placement: [
        ['admin', 'adminpw'],
        ['peer0', 'peer0pw'],
        ['karin', 'karinpw'],
      ],
      consultancy: [
        ['admin', 'adminpw'],
        ['peer0', 'peer0pw'],
        ['ole', 'olepw'],
      ],
    };
    const accepted: string[] = [];
    for (const [org, credentials] of Object.entries(wellKnown)) {
      for (const [id, password] of credentials) {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
        const answer = await caCall(
          caOf(org),
          'POST',
          '/api/v1/enroll',
          { certificate_request: createCsr(id, privateKey), caname: `ca-${org}` },
          { basic: [id, password] },
        );
        if (answer.success) accepted.push(`${id}:${password} at ca-${org}`);
      }
    }
    expect(accepted).to.deep.equal([]);
  });

  it('finds no generated password anywhere under .fabric/ or the gateways’ data folder but in the secrets file', async function () {
    const secrets = networkSecrets();
    const report = await scanForCanaries(
      [...secrets].map(([label, text]) => ({ label, text, holders: [] })),
      [FABRIC_HOME, DATA_ROOT],
    );
    expect(report.files).to.include(secretsFile());
    const elsewhere = report.hits.filter((hit) => hit.file !== secretsFile());
    expect(elsewhere, describeHits(elsewhere)).to.deep.equal([]);
    // Positive control: every password is found in the secrets file itself.
    const found = new Set(report.hits.filter((hit) => hit.form === 'raw').map((hit) => hit.label));
    expect([...found].sort()).to.deep.equal([...secrets.keys()].sort());
  });

  it('shows no generated password on any command line (what `ps` shows every user)', function () {
    const secrets = [...networkSecrets().values()];
    const leaks: string[] = [];
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue; // the process ended meanwhile
      }
      if (secrets.some((secret) => cmdline.includes(secret))) leaks.push(`${pid}: ${cmdline.slice(0, 40)}…`);
    }
    expect(leaks).to.deep.equal([]);
  });

  it('makes private keys, CA databases and CA configs 0600', function () {
    const sensitive = [...filesUnder(FABRIC_HOME)].filter(
      (path) =>
        path.endsWith('_sk') ||
        path.endsWith('.key') ||
        path.includes('/keystore/') ||
        (path.includes('/ca/') && (path.endsWith('.db') || path.endsWith('fabric-ca-server-config.yaml'))),
    );
    expect(sensitive.filter((path) => path.endsWith('.db')).length, 'CA databases found').to.be.greaterThan(
      0,
    );
    expect(
      sensitive.filter((path) => path.endsWith('server.key')).length,
      'TLS keys found',
    ).to.be.greaterThan(0);
    const open = sensitive
      .filter((path) => (statSync(path).mode & 0o077) !== 0)
      .map((path) => `${mode(path)} ${path}`);
    expect(open, 'readable by others').to.deep.equal([]);
  });
});
