import { createPublicKey, type KeyObject } from 'node:crypto';
import { bitString, objectIdentifier, sequence, set, tlv, toPem, unsignedInteger, utf8String } from './der';
import { signatureAlgorithmOid, signLowS } from './ecdsa';

const COMMON_NAME = '2.5.4.3';

/**
 * A PKCS#10 certificate signing request for an EC key whose subject is only `CN=<commonName>`. The Fabric CA
 * requires the common name to equal the enrolment id and fills in the rest of the subject (OU, O…) itself.
 */
export function createCsr(commonName: string, privateKey: KeyObject): string {
  const subject = sequence(set(sequence(objectIdentifier(COMMON_NAME), utf8String(commonName))));
  const subjectPublicKeyInfo = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const requestInfo = sequence(
    unsignedInteger(Buffer.from([0])), // version 1
    subject,
    subjectPublicKeyInfo,
    tlv(0xa0, Buffer.alloc(0)), // [0] attributes: none
  );
  const signature = signLowS(requestInfo, privateKey);
  const der = sequence(
    requestInfo,
    sequence(objectIdentifier(signatureAlgorithmOid(privateKey))),
    bitString(signature),
  );
  return toPem('CERTIFICATE REQUEST', der);
}
