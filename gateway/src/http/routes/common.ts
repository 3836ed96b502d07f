import { ApiError } from '../../errors/api-error';
import type { WriteResult } from '../../services/ledger';
import { MAX_PAGE_SIZE } from '@fabric-agreements/api';
import { ID, MONTH } from '../openapi/parameters';
import { integer } from '../openapi/schema-builders';
import { DOMAIN_PATTERN } from './domain-pattern';
import type {
  Requester,
  JsonOperation,
  OperationContext,
  OperationResult,
  ParameterSpec,
} from '../operation';

export const DOMAIN_PARAM: ParameterSpec = {
  description: 'The domain (Fabric channel), e.g. placements; see GET /api/v1/domains.',
  schema: { type: 'string', pattern: DOMAIN_PATTERN },
};
export const AGREEMENT_ID_PARAM: ParameterSpec = { description: "The agreement's id.", schema: ID };
/** Path of one agreement, and its path parameters: the base of every route about an agreement. */
export const AGREEMENT_PATH = '/api/v1/{domain}/agreements/{agreementId}';
export const AGREEMENT_PARAMS: Readonly<Record<string, ParameterSpec>> = {
  domain: DOMAIN_PARAM,
  agreementId: AGREEMENT_ID_PARAM,
};
export const MONTH_PARAM: ParameterSpec = { description: 'Calendar month, YYYY-MM.', schema: MONTH };

export const PAGE_QUERY: Readonly<Record<string, ParameterSpec>> = {
  pageSize: {
    description: `Items per page (1–${MAX_PAGE_SIZE.toString()}, default 20).`,
    schema: integer(1, MAX_PAGE_SIZE),
  },
  bookmark: {
    description: 'The `bookmark` of the previous page.',
    schema: { type: 'string', maxLength: 1024 },
  },
};

export const HORIZON_QUERY: ParameterSpec = {
  description: 'How many days ahead to look (0–366, default 60).',
  schema: integer(0, 366),
};

/** The authenticated caller of an operation declared with `auth: true`. */
export function callerOf(context: OperationContext): Requester {
  if (context.caller === undefined) {
    throw new ApiError({ code: 'INTERNAL', details: { reason: 'operation_without_caller' } });
  }
  return context.caller;
}

/** The validated path parameter `name`. */
export function param(context: OperationContext, name: string): string {
  const value = context.params[name];
  if (value === undefined) {
    throw new ApiError({ code: 'INTERNAL', details: { reason: 'missing_path_parameter' } });
  }
  return value;
}

/** A path parameter declared as an integer. */
export function integerParam(context: OperationContext, name: string): number {
  return Number(param(context, name));
}

/** An optional query parameter of a declared type. */
export function queryNumber(context: OperationContext, name: string): number | undefined {
  const value = context.query[name];
  return typeof value === 'number' ? value : undefined;
}

export function queryString(context: OperationContext, name: string): string | undefined {
  const value = context.query[name];
  return typeof value === 'string' ? value : undefined;
}

/** The page request in the query. */
export function pageOf(context: OperationContext): { pageSize?: number; bookmark?: string } {
  const pageSize = queryNumber(context, 'pageSize');
  const bookmark = queryString(context, 'bookmark');
  return { ...(pageSize === undefined ? {} : { pageSize }), ...(bookmark === undefined ? {} : { bookmark }) };
}

/** The validated body as a record. */
export function bodyRecord(context: OperationContext): Readonly<Record<string, unknown>> {
  return (context.body ?? {}) as Readonly<Record<string, unknown>>;
}

export function ok(body: unknown): OperationResult {
  return { status: 200, body };
}

/** A committed write: 200 (or 201 with a Location), with the transaction id also in a header. */
export function written(result: WriteResult<unknown>, location?: string): OperationResult {
  return {
    status: location === undefined ? 200 : 201,
    body: result,
    headers: {
      'x-transaction-id': result.transactionId,
      ...(location === undefined ? {} : { location }),
    },
  };
}

/** What an operation on one agreement receives: the caller and the agreement's domain and id from the path. */
export interface AgreementTarget {
  readonly caller: Requester;
  readonly domain: string;
  readonly agreementId: string;
  readonly context: OperationContext;
}

function targetOf(context: OperationContext): AgreementTarget {
  return {
    caller: callerOf(context),
    domain: param(context, 'domain'),
    agreementId: param(context, 'agreementId'),
    context,
  };
}

/** A query on one agreement, answered with 200 and the result. */
export function agreementQuery(run: (target: AgreementTarget) => Promise<unknown>): JsonOperation['handler'] {
  return async (context) => ok(await run(targetOf(context)));
}

/**
 * A write on one agreement, answered with the write result: 201 with the agreement as Location when it creates
 * something under it (a signature, an amendment, a report), 200 otherwise.
 */
export function agreementWrite(
  run: (target: AgreementTarget) => Promise<WriteResult<unknown>>,
  creates = false,
): JsonOperation['handler'] {
  return async (context) => {
    const target = targetOf(context);
    const result = await run(target);
    return written(result, creates ? `/api/v1/${target.domain}/agreements/${target.agreementId}` : undefined);
  };
}
