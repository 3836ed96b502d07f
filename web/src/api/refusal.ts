import type { ApiErrorCode } from 'agreements-gateway/errors/catalogue';

/** A refusal from the gateway: the product's error code, never the gateway's prose. */
export class ApiRefusal extends Error {
  readonly code: ApiErrorCode | 'NETWORK' | 'UNKNOWN';
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ApiRefusal['code'], status: number, details: Readonly<Record<string, unknown>> = {}) {
    super(code);
    this.name = 'ApiRefusal';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The answer's data, or an {@link ApiRefusal} carrying its problem document's code. */
export async function must<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiRefusal('NETWORK', 0);
  }
  if (answer.error === undefined && answer.data !== undefined) {
    return answer.data;
  }
  throw refusalOf(answer.error, answer.response.status);
}

/** Reads a problem document into a refusal; anything else is `UNKNOWN` with its status. */
export function refusalOf(problem: unknown, status: number): ApiRefusal {
  if (
    typeof problem === 'object' &&
    problem !== null &&
    'code' in problem &&
    typeof problem.code === 'string'
  ) {
    const details =
      'details' in problem && typeof problem.details === 'object' && problem.details !== null
        ? (problem.details as Record<string, unknown>)
        : {};
    return new ApiRefusal(problem.code as ApiErrorCode, status, details);
  }
  return new ApiRefusal('UNKNOWN', status);
}
