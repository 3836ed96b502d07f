/**
 * The one error catalogue shared by chaincode and gateway.
 *
 * A {@link Refusal} carries a stable code; its `message` is a fixed JSON envelope so that the code survives the
 * trip through the peer (fabric-shim returns `error.message` verbatim, the gateway sees it inside the endorsement
 * error's details) and the gateway can recover it with {@link parseRefusal} without reading prose.
 */

/** The six kinds of failure a client can act on; each maps to one HTTP status. */
export type ErrorCategory =
  | 'validation'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition'
  /** The answer is right but not yet available on this peer: retry later (503 with Retry-After). */
  | 'unavailable';

/** Every error code the domain and the contract layer may raise, with its category. */
export const ERROR_CATEGORIES = {
  /** An input is malformed or breaks a rule of the terms (details.field names the input, never its value). */
  VALIDATION_FAILED: 'validation',
  /** An id is empty, too long, or has characters outside `A-Z a-z 0-9 - _ . :`. */
  INVALID_ID: 'validation',
  /** A date, month or timestamp is not a real ISO calendar value. */
  INVALID_DATE: 'validation',
  /** The caller's organisation may not do this (e.g. not a party to the agreement). */
  FORBIDDEN: 'forbidden',
  /** The caller's role may not do this (e.g. a caseworker signing for the municipality). */
  WRONG_ROLE: 'forbidden',
  /** The thing named does not exist. */
  NOT_FOUND: 'not_found',
  /** The write conflicts with the current state (e.g. an id already taken). */
  CONFLICT: 'conflict',
  /** This person has already signed this version (or this termination). */
  ALREADY_SIGNED: 'conflict',
  /** The side already has every signature its rule requires. */
  SIDE_ALREADY_COMPLETE: 'conflict',
  /** The request names another version than the one awaiting signatures. */
  VERSION_MISMATCH: 'conflict',
  /** A proposal (amendment or termination) is already awaiting signatures. */
  PENDING_PROPOSAL_EXISTS: 'conflict',
  /** The status report for this period is accepted; only an explicit correction may follow. */
  REPORT_ALREADY_ACCEPTED: 'conflict',
  /** A rule outside the agreement's status is not met (e.g. the delegation rule belongs to another municipality). */
  PRECONDITION_FAILED: 'precondition',
  /** The agreement (or proposal) is not in a status that allows this. */
  INVALID_STATE: 'precondition',
  /** The proposal's timestamp is further from the endorsing peer's clock than the chaincode tolerates. */
  CLOCK_SKEW: 'precondition',
  /**
   * The peer holds the hash of the private data but not yet the data: it joined from a snapshot (or was offline)
   * and its reconciler has still to pull the value from another member of the collection.
   */
  PERSONAL_DATA_NOT_YET_AVAILABLE: 'unavailable',
} as const satisfies Readonly<Record<string, ErrorCategory>>;

/** A stable, machine-readable error code. */
export type ErrorCode = keyof typeof ERROR_CATEGORIES;

/** HTTP status of each category: what the gateway answers without looking at the message. */
export const HTTP_STATUS_BY_CATEGORY: Readonly<Record<ErrorCategory, number>> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 422,
  unavailable: 503,
};

/** A value allowed in error details: plain data, never personal data and never the offending input itself. */
export type ErrorDetailValue = string | number | boolean | null | readonly string[] | readonly number[];

/** Structured facts about an error (field names, ids, expected values), safe to log and return to clients. */
export type ErrorDetails = Readonly<Record<string, ErrorDetailValue>>;

/** The JSON a {@link Refusal} travels as. */
export interface RefusalEnvelope {
  readonly refusal: {
    readonly code: ErrorCode;
    readonly text: string;
    readonly details: ErrorDetails;
  };
}

/** Where the envelope starts inside a longer message (e.g. `chaincode response 500, {"refusal":...}`). */
export const REFUSAL_MARKER = '{"refusal":';

/** An expected failure with a stable code; `message` is the serialised envelope. */
export class Refusal extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  /** Human-readable explanation, without personal data. */
  readonly text: string;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, text: string, details: ErrorDetails = {}) {
    super(serialise(code, text, details));
    this.name = 'Refusal';
    this.code = code;
    this.category = ERROR_CATEGORIES[code];
    this.text = text;
    this.details = details;
  }

  /** The HTTP status the gateway answers with. */
  get httpStatus(): number {
    return httpStatusOf(this.category);
  }

  /** The envelope as plain data, e.g. for an HTTP problem body. */
  toEnvelope(): RefusalEnvelope {
    return { refusal: { code: this.code, text: this.text, details: this.details } };
  }
}

/** HTTP status for a category. */
export function httpStatusOf(category: ErrorCategory): number {
  return HTTP_STATUS_BY_CATEGORY[category];
}

/** Category of a code. */
export function categoryOf(code: ErrorCode): ErrorCategory {
  return ERROR_CATEGORIES[code];
}

/** Whether a string is one of the catalogue's codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATEGORIES, value);
}

/** Whether a thrown value is a {@link Refusal}. */
export function isRefusal(value: unknown): value is Refusal {
  return value instanceof Refusal;
}

/**
 * Recovers a {@link Refusal} from any message that contains its envelope, such as the chaincode response a
 * fabric-gateway endorsement error reports. Returns `undefined` when the message holds no well-formed envelope
 * with a known code, so that the caller treats it as an unexpected failure. Never throws.
 */
export function parseRefusal(message: string): Refusal | undefined {
  let from = message.indexOf(REFUSAL_MARKER);
  while (from >= 0) {
    const parsed = parseEnvelopeAt(message, from);
    if (parsed) {
      return parsed;
    }
    from = message.indexOf(REFUSAL_MARKER, from + 1);
  }
  return undefined;
}

function serialise(code: ErrorCode, text: string, details: ErrorDetails): string {
  // Hand-ordered keys so the message is byte-identical on every endorser.
  const sortedDetails: Record<string, ErrorDetailValue> = {};
  for (const key of Object.keys(details).sort()) {
    const value = details[key];
    if (value !== undefined) {
      sortedDetails[key] = value;
    }
  }
  return JSON.stringify({ refusal: { code, details: sortedDetails, text } });
}

function parseEnvelopeAt(message: string, from: number): Refusal | undefined {
  const end = endOfJsonObject(message, from);
  if (end === undefined) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(message.slice(from, end));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isRecord(value.refusal)) {
    return undefined;
  }
  const { code, text, details } = value.refusal;
  if (!isErrorCode(code) || typeof text !== 'string') {
    return undefined;
  }
  return new Refusal(code, text, isRecord(details) ? sanitiseDetails(details) : {});
}

/** Index just past the JSON object starting at `from`, honouring strings and escapes; undefined if unbalanced. */
function endOfJsonObject(text: string, from: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') {
        i++;
      } else if (ch === '"') {
        inString = false;
      }
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '{') {
      depth++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) {
        return i + 1;
      }
    }
  }
  return undefined;
}

function sanitiseDetails(details: Readonly<Record<string, unknown>>): ErrorDetails {
  const result: Record<string, ErrorDetailValue> = {};
  for (const [key, value] of Object.entries(details)) {
    if (isDetailValue(value)) {
      result[key] = value;
    }
  }
  return result;
}

function isDetailValue(value: unknown): value is ErrorDetailValue {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    return true;
  }
  return (
    Array.isArray(value) &&
    (value.every((item) => typeof item === 'string') || value.every((item) => typeof item === 'number'))
  );
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
