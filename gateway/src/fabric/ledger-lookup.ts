/**
 * Reads the numbers the gateway needs from the query system chaincode's answers, without a protobuf library:
 * a ProcessedTransaction's validation code (field 2), a Block's number (header = field 1, number = field 1) and a
 * BlockchainInfo's height (field 1).
 */

/** The fields of one protobuf message: varints as bigint, length-delimited fields as bytes. */
function fields(bytes: Uint8Array): Map<number, (bigint | Uint8Array)[]> {
  const found = new Map<number, (bigint | Uint8Array)[]>();
  let at = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error('truncated protobuf');
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (at < bytes.length) {
    const key = Number(varint());
    const field = key >> 3;
    let value: bigint | Uint8Array;
    switch (key & 7) {
      case 0:
        value = varint();
        break;
      case 1:
        value = bytes.subarray(at, at + 8);
        at += 8;
        break;
      case 2: {
        const length = Number(varint());
        value = bytes.subarray(at, at + length);
        at += length;
        break;
      }
      case 5:
        value = bytes.subarray(at, at + 4);
        at += 4;
        break;
      default:
        throw new Error('unsupported protobuf wire type');
    }
    found.set(field, [...(found.get(field) ?? []), value]);
  }
  return found;
}

function first(
  message: Map<number, (bigint | Uint8Array)[]>,
  field: number,
): bigint | Uint8Array | undefined {
  return message.get(field)?.[0];
}

/** `ProcessedTransaction.validationCode` (0 = VALID; absent = 0 in proto3). */
export function validationCodeOf(processedTransaction: Uint8Array): number {
  const code = first(fields(processedTransaction), 2);
  return typeof code === 'bigint' ? Number(code) : 0;
}

/** `Block.header.number`. */
export function blockNumberOf(block: Uint8Array): bigint {
  const header = first(fields(block), 1);
  if (!(header instanceof Uint8Array)) return 0n;
  const number = first(fields(header), 1);
  return typeof number === 'bigint' ? number : 0n;
}

/** `BlockchainInfo.height`: how many blocks the peer has committed (the last one is `height - 1`). */
export function heightOf(blockchainInfo: Uint8Array): bigint {
  const height = first(fields(blockchainInfo), 1);
  return typeof height === 'bigint' ? height : 0n;
}
