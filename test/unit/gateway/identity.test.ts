import { expect } from 'chai';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ApiError } from 'agreements-gateway/errors/api-error';
import { createCsr } from 'agreements-gateway/identity/csr';
import { signLowS } from 'agreements-gateway/identity/ecdsa';
import { EnrolmentService } from 'agreements-gateway/identity/enrolment-service';
import type { CaIdentityInfo, CertificateAuthority } from 'agreements-gateway/identity/fabric-ca-client';
import { FileWallet } from 'agreements-gateway/identity/wallet';

const P256_HALF_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n / 2n;

/** The element TLVs inside a DER SEQUENCE, as raw bytes (enough DER to check what we build). */
function sequenceItems(der: Buffer): Buffer[] {
  const [contentStart, contentLength] = header(der, 0);
  const items: Buffer[] = [];
  for (let offset = contentStart; offset < contentStart + contentLength;) {
    const [start, length] = header(der, offset);
    items.push(der.subarray(offset, start + length));
    offset = start + length;
  }
  return items;
}

function header(der: Buffer, offset: number): [number, number] {
  const first = der[offset + 1] ?? 0;
  if (first < 0x80) {
    return [offset + 2, first];
  }
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 0; i < bytes; i++) {
    length = length * 256 + (der[offset + 2 + i] ?? 0);
  }
  return [offset + 2 + bytes, length];
}

describe('Fabric CA enrolment building blocks', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  it('signs with a low S, as Fabric requires, and the signature verifies', () => {
    for (let i = 0; i < 50; i++) {
      const data = Buffer.from(`message ${i.toString()}`);
      const signature = signLowS(data, privateKey);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature)).to.be.true;
      const [, s] = sequenceItems(signature);
      const sBytes = s?.subarray(2) ?? Buffer.alloc(0);
      expect(BigInt(`0x${sBytes.toString('hex')}`) <= P256_HALF_ORDER).to.be.true;
    }
  });

  it('writes a PKCS#10 request whose subject is the enrolment id and whose signature verifies', () => {
    const pem = createCsr('sara', privateKey);
    expect(pem).to.match(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\n/g, ''), 'base64');
    const [info, algorithm, signatureBits] = sequenceItems(der);
    expect(info).to.not.equal(undefined);
    // ecdsa-with-SHA256
    expect(algorithm?.toString('hex')).to.equal('300a06082a8648ce3d040302');
    const signature = signatureBits?.subarray(3) ?? Buffer.alloc(0);
    expect(verify('sha256', info ?? Buffer.alloc(0), { key: publicKey, dsaEncoding: 'der' }, signature)).to.be
      .true;
    expect(info?.includes(Buffer.from('sara'))).to.be.true;
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    expect(info?.includes(spki)).to.be.true;
  });

  it('keeps keys in a 0700 directory as 0600 files and reads them back', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gw-wallet-')), 'wallet');
    const wallet = new FileWallet(dir);
    expect(await wallet.get('sara')).to.equal(undefined);
    const { privateKey: key } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    // The wallet stores the certificate as text; the enrolment service checks it.
    const certificatePem = '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n';
    await wallet.put(
      { enrollmentId: 'sara', mspId: 'MunicipalityMSP', role: 'caseworker', certificatePem },
      key,
    );
    expect(statSync(dir).mode & 0o777).to.equal(0o700);
    for (const name of readdirSync(dir)) {
      expect(statSync(path.join(dir, name)).mode & 0o777, name).to.equal(0o600);
    }
    const stored = await wallet.get('sara');
    expect(stored?.role).to.equal('caseworker');
    expect(stored?.privateKey.export({ type: 'pkcs8', format: 'der' })).to.deep.equal(
      key.export({ type: 'pkcs8', format: 'der' }),
    );
    // A KeyObject never prints its key material.
    expect(JSON.stringify(stored)).not.to.contain('PRIVATE KEY');
  });

  it('refuses enrolment ids that could escape the wallet directory', async () => {
    const wallet = new FileWallet(mkdtempSync(path.join(tmpdir(), 'gw-wallet-')));
    for (const id of ['../etc/passwd', '.hidden', 'a/b', '']) {
      try {
        await wallet.get(id);
        expect.fail(`accepted ${id}`);
      } catch (error) {
        expect((error as Error).message).to.equal('invalid enrolment id');
      }
    }
  });
});

describe('enrolment guards', () => {
  /** A CA that knows some identities and records what the gateway asked of it. */
  function fakeCa(
    known: Record<string, CaIdentityInfo>,
  ): CertificateAuthority & { readonly calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      getIdentity: (id) => {
        calls.push(`get ${id}`);
        return Promise.resolve(known[id]);
      },
      register: (id) => {
        calls.push(`register ${id}`);
        return Promise.resolve();
      },
      modify: (id) => {
        calls.push(`modify ${id}`);
        return Promise.resolve();
      },
      enroll: (id) => {
        calls.push(`enroll ${id}`);
        return Promise.reject(new Error('the CA is unreachable'));
      },
      revoke: (serial) => {
        calls.push(`revoke ${serial}`);
        return Promise.resolve();
      },
    };
  }

  function serviceWith(ca: CertificateAuthority): EnrolmentService {
    return new EnrolmentService({
      ca,
      wallet: new FileWallet(mkdtempSync(path.join(tmpdir(), 'gw-wallet-'))),
      mspId: 'MunicipalityMSP',
      reservedIds: ['admin', 'gateway-municipality'],
    });
  }

  async function refusal(promise: Promise<unknown>): Promise<ApiError> {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(ApiError);
      return error as ApiError;
    }
    return expect.fail('expected a refusal');
  }

  it("never takes over a peer's, an administrator's or a registrar's CA identity", async () => {
    const ca = fakeCa({
      peer0: { id: 'peer0', type: 'peer', affiliation: '', attrs: [], max_enrollments: -1 },
      orgadmin: { id: 'orgadmin', type: 'admin', affiliation: '', attrs: [], max_enrollments: -1 },
      boss: {
        id: 'boss',
        type: 'client',
        affiliation: '',
        attrs: [{ name: 'hf.Registrar.Roles', value: '*' }],
        max_enrollments: -1,
      },
    });
    const service = serviceWith(ca);
    for (const username of ['peer0', 'orgadmin', 'boss']) {
      const error = await refusal(service.identityFor({ username, org: 'municipality', role: 'caseworker' }));
      expect(error.code).to.equal('IDENTITY_NOT_PERMITTED');
      expect(error.status).to.equal(403);
    }
    expect(ca.calls.filter((call) => !call.startsWith('get'))).to.deep.equal([]);
  });

  it('refuses reserved names and unusable usernames or roles without asking the CA', async () => {
    const ca = fakeCa({});
    const service = serviceWith(ca);
    for (const principal of [
      { username: 'admin', org: 'municipality', role: 'caseworker' },
      { username: 'gateway-municipality', org: 'municipality', role: 'director' },
      { username: '../sara', org: 'municipality', role: 'caseworker' },
      { username: 'sara', org: 'municipality', role: 'Director; DROP' },
      // The service identity's role is the gateway's own: no person gets it.
      { username: 'sara', org: 'municipality', role: 'service' },
    ]) {
      expect((await refusal(service.identityFor(principal))).code).to.equal('IDENTITY_NOT_PERMITTED');
    }
    expect(ca.calls).to.deep.equal([]);
  });

  it('registers a new person with a one-time secret and reports an unreachable CA as 502', async () => {
    const ca = fakeCa({});
    const error = await refusal(
      serviceWith(ca).identityFor({ username: 'sara', org: 'municipality', role: 'caseworker' }),
    );
    expect(ca.calls).to.deep.equal(['get sara', 'register sara', 'enroll sara']);
    expect(error.code).to.equal('ENROLMENT_FAILED');
    expect(error.status).to.equal(502);
    expect(JSON.stringify(error.toProblem())).not.to.contain('unreachable');
  });

  it('sets a fresh secret on a plain client identity the CA already knows', async () => {
    const ca = fakeCa({
      sara: {
        id: 'sara',
        type: 'client',
        affiliation: '',
        attrs: [{ name: 'role', value: 'caseworker', ecert: true }],
        max_enrollments: -1,
      },
    });
    await refusal(serviceWith(ca).identityFor({ username: 'sara', org: 'municipality', role: 'caseworker' }));
    expect(ca.calls).to.deep.equal(['get sara', 'modify sara', 'enroll sara']);
  });
});
