import type { Static, TUnsafe } from '@sinclair/typebox';
import type { PageOf } from './schemas/records/parts';

/** Which page of a listing: `bookmark` is '' for the first page, else the one the previous page returned. */
export interface PageRequest {
  readonly pageSize: number;
  readonly bookmark: string;
}

/** One page of a listing transaction's results; `bookmark` is '' when there are no more. */
export interface Page<T> {
  readonly records: readonly T[];
  readonly fetchedRecordsCount: number;
  readonly bookmark: string;
}

/**
 * One page of a REST listing (a {@link Page} in the API's words); `bookmark` is `null` when there is none. The type of
 * its schema, `PageOf` in `schemas/records/parts.ts`.
 */
export type ApiPage<T> = Static<ReturnType<typeof PageOf<TUnsafe<T>>>>;
