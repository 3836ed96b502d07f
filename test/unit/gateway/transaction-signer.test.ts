import { expect } from 'chai';
import { generateKeyPairSync, verify } from 'node:crypto';
import { transactionSigning } from 'agreements-gateway/fabric/transaction-signer';

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P384_ORDER =
  0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n;

/** `s` of a DER `SEQUENCE { INTEGER r, INTEGER s }`. */
function sOf(der: Uint8Array): bigint {
  const rLength = der[3] ?? 0;
  const sStart = 4 + rLength + 2;
  return BigInt(`0x${Buffer.from(der.subarray(sStart)).toString('hex')}`);
}

/**
 * The gateway signs transactions with Node's ECDSA (fabric-gateway's own is pure JavaScript and about ten times the
 * CPU): the signatures must be what a Fabric peer accepts — ECDSA/SHA-256, DER, low S.
 */
describe('transaction signer', () => {
  for (const [curve, order] of [
    ['prime256v1', P256_ORDER],
    ['secp384r1', P384_ORDER],
  ] as const) {
    it(`signs with ${curve}: verifiable, DER, always low S (as fabric-gateway's own signer)`, async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
      const { signer, hash } = transactionSigning(privateKey);
      for (let i = 0; i < 64; i++) {
        const message = Buffer.from(`proposal ${i.toString()}`);
        const signature = await signer(hash(message));
        expect(signature[0]).to.equal(0x30);
        expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).to.equal(true);
        // A peer refuses a signature whose S is above half the group order.
        expect(sOf(signature) <= order >> 1n).to.equal(true);
      }
    });
  }

  it('keeps fabric-gateway’s signer for keys it does not handle', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { signer, hash } = transactionSigning(privateKey);
    const message = Buffer.from('proposal');
    expect(hash(message)).to.not.deep.equal(message);
    expect(signer).to.be.a('function');
    expect(publicKey.asymmetricKeyType).to.equal('ed25519');
  });
});
