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
