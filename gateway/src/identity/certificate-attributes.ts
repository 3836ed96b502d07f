import { X509Certificate } from 'node:crypto';

/** The marker the Fabric CA's attribute extension (OID 1.2.3.4.5.6.7.8.1) starts its JSON with. */
const ATTRS_MARKER = Buffer.from('{"attrs":');

/**
 * The attributes a Fabric CA put into an enrolment certificate (`role`, `hf.EnrollmentID`, …). The extension's
 * value is a JSON document inside an OCTET STRING; Node exposes no API for custom extensions, so the DER is searched
 * for the JSON object and parsed. Returns an empty record if the certificate carries none.
 */
export function certificateAttributes(certificatePem: string): Readonly<Record<string, string>> {
  const raw = new X509Certificate(certificatePem).raw;
  const start = raw.indexOf(ATTRS_MARKER);
  if (start < 0) {
    return {};
  }
  let depth = 0;
  for (let i = start; i < raw.length; i++) {
    const byte = raw[i];
    if (byte === 0x7b) {
      depth++;
    } else if (byte === 0x7d && --depth === 0) {
      try {
        const parsed = JSON.parse(raw.subarray(start, i + 1).toString('utf8')) as { attrs?: unknown };
        return isStringRecord(parsed.attrs) ? parsed.attrs : {};
      } catch {
        return {};
      }
    }
  }
  return {};
}

function isStringRecord(value: unknown): value is Readonly<Record<string, string>> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value as Record<string, unknown>).every((item) => typeof item === 'string')
  );
}

/** DER of the authority key identifier extension's OID (2.5.29.35). */
const AKI_OID = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x23]);

/**
 * The certificate's authority key identifier (hex), which with the serial number names the certificate at its CA
 * (to revoke it). Node exposes no API for it; the extension is `OID [critical] OCTET STRING { SEQUENCE { [0] keyId } }`.
 * @throws Error if the certificate carries no key identifier there.
 */
export function authorityKeyIdentifier(certificatePem: string): string {
  const raw = new X509Certificate(certificatePem).raw;
  let at = raw.indexOf(AKI_OID);
  if (at >= 0) {
    at += AKI_OID.length;
    if (raw[at] === 0x01) {
      at += 3; // the optional `critical` BOOLEAN
    }
    // OCTET STRING, SEQUENCE, then the [0] key identifier: short-form lengths for these small structures.
    if (raw[at] === 0x04 && raw[at + 2] === 0x30 && raw[at + 4] === 0x80) {
      const length = raw[at + 5] ?? 0;
      return raw.subarray(at + 6, at + 6 + length).toString('hex');
    }
  }
  throw new Error('the certificate has no authority key identifier');
}
