import { GatewayError } from '@hyperledger/fabric-gateway';

/** Everything an error says: its message and each endorser's detail (where the chaincode's refusal travels). */
export function describeError(error: unknown): string {
  if (error instanceof GatewayError) {
    return [error.message, ...error.details.map((d) => `${d.mspId}: ${d.message}`)].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/** The catalogue code (`ALREADY_SIGNED`, `FORBIDDEN`, …) of the refusal envelope in an error's text, if any. */
export function refusalCode(text: string): string | undefined {
  return /\{"refusal":\{"code":"([A-Z_]+)"/.exec(text)?.[1];
}

/** A refused call: the refusal's catalogue code (if the chaincode refused it) and everything the error says. */
export interface RefusedCall {
  readonly code: string | undefined;
  readonly text: string;
}

/** The refusal an error carries. */
export function refusalOf(error: unknown): RefusedCall {
  const text = describeError(error);
  return { code: refusalCode(text), text };
}
