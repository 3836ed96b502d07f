import { Type, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { CERT_ID_MAX_LENGTH } from '../../vocabulary';
import { Nullable, WholeNumber } from '../kit';

/**
 * The building blocks of the answers' schemas that inputs do not need. Answers are open objects (no
 * `additionalProperties: false`): a later version may add a field without breaking a client.
 */

function described(description: string | undefined): { description?: string } {
  return description === undefined ? {} : { description };
}

/** An instant, as the chaincode takes it from the transaction's timestamp (ISO 8601, UTC). */
export function Timestamp(description?: string) {
  return Type.String({ format: 'date-time', ...described(description) });
}

/** A signer's certificate id as recorded (the chaincode wrote it; inputs use the kit's `CertId`). */
export function RecordedCertId(description = 'sha256:<hex> of the signer certificate id.') {
  return Type.String({ maxLength: CERT_ID_MAX_LENGTH, description });
}

/** Who it was: the certificate's subject CN, which every block's creator certificate carries anyway. */
export function RecordedEnrollmentId() {
  return Type.Optional(
    Type.String({
      maxLength: 64,
      description: "The person's login (certificate CN); absent on records written before it was recorded.",
    }),
  );
}

/** A string the answer carries without a narrower schema (an id the chaincode generated, a role, a code). */
export function Word(description?: string) {
  return Type.String(described(description));
}

/** True or false. */
export function Flag(description?: string) {
  return Type.Boolean(described(description));
}

/** An object the document does not describe further (e.g. an input as submitted, a decrypted record). */
export function AnyObject(description?: string): TUnsafe<Readonly<Record<string, unknown>>> {
  return Type.Unsafe<Readonly<Record<string, unknown>>>({ type: 'object', ...described(description) });
}

/** One page of a REST listing. */
export function PageOf<T extends TSchema>(item: T) {
  return Type.Object(
    { items: Type.Array(item), count: WholeNumber(0), bookmark: Nullable(Type.String()) },
    { description: 'One page; pass `bookmark` back to get the next one (null: no more).' },
  );
}

/** What a write answers once its transaction has committed. */
export function WriteOf<T extends TSchema>(data: T) {
  return Type.Object({
    transactionId: Type.String({ description: 'The Fabric transaction that made the change.' }),
    blockNumber: Type.String({ pattern: '^[0-9]+$', description: 'Block the transaction committed in.' }),
    data,
  });
}
