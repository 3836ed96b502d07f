import type { ApiPage } from '@fabric-agreements/api';
/**
 * Building blocks for end-to-end scenarios with their own dates, prices and people: dates counted from today in
 * Danish time (the calendar the chaincode judges in), agreements drafted and signed through the gateways, and reads
 * that must answer 200.
 */
import { expect } from 'chai';
import { uniqueId } from '../../support/network';
import { daysInMonth } from 'agreements-case-story';
import { expectWrite, type WriteBody } from './agreements';
import { type ApiResponse, callAs, domainPath, type PersonName } from './gateways';
import { ConsistencyTokens, MIN_BLOCK_HEADER } from '../../../scripts/demo/consistency-tokens';

/**
 * The `Fabric-Min-Block` of the scenarios' writes: every read sends it, so a read through one organisation's gateway
 * right after a write through another's (the provider sees the termination the municipality just signed) answers
 * from at least that write's block instead of its peer's possibly older state.
 */
const written = new ConsistencyTokens();

/** A write's answer, its consistency token remembered (for writes made with `callAs` directly). */
export function remembered(response: ApiResponse): ApiResponse {
  written.remember(response.headers.get(MIN_BLOCK_HEADER));
  return response;
}

/** Today's ISO date in Europe/Copenhagen. */
export function danishToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(now);
}

/** `YYYY-MM` of the month `offset` months from the current Danish month. */
export function monthFromNow(offset: number): string {
  const [y, m] = danishToday().split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 7);
}

/** First and last day of a `YYYY-MM` month. */
export const firstDay = (month: string): string => `${month}-01`;
export const lastDay = (month: string): string => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;

/** The full agreement as the gateways answer it (the parts these scenarios read). */
export interface Agreement {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly childPseudonym: string;
  readonly providerMspId: string;
  readonly activatedOn?: string;
  readonly noticePeriod?: Readonly<Record<string, unknown>>;
  readonly renewalWindowDays?: number;
  readonly relatedAgreementIds: readonly string[];
  readonly versions: readonly { readonly number: number; readonly state: string }[];
  readonly terminations: readonly Termination[];
}

export interface Termination {
  readonly number: number;
  readonly state: string;
  readonly mode?: string;
  readonly effectiveDate: string;
  readonly requestedDate?: string;
  readonly noticeGivenOn?: string;
  readonly noticePeriodEnd?: string;
  readonly cause: string;
  readonly causeAgreementId?: string;
  readonly signatures: readonly { readonly role: string; readonly side: string }[];
}

/** A monthly-priced line. */
export function monthlyLine(
  id: string,
  kind: string,
  kroner: number,
  startDate: string,
  extra: Readonly<Record<string, unknown>> = {},
): Readonly<Record<string, unknown>> {
  return { id, kind, pricing: 'monthly', monthlyPrice: kroner * 100, startDate, ...extra };
}

export type Provider = 'placement' | 'consultancy';
const PROVIDER_MSP: Readonly<Record<Provider, string>> = {
  placement: 'PlacementSiteMSP',
  consultancy: 'ConsultancyMSP',
};
const PROVIDER_SIGNER: Readonly<Record<Provider, PersonName>> = { placement: 'karin', consultancy: 'ole' };

/** A draft body: fresh id, the given kind, provider, child, start and lines, plus any other terms. */
export function draftBody(options: {
  readonly kind: 'placement' | 'visitation' | 'add_on';
  readonly provider?: Provider;
  readonly childPseudonym: string;
  readonly startDate: string;
  readonly lines: readonly Readonly<Record<string, unknown>>[];
  readonly extra?: Readonly<Record<string, unknown>>;
}): Readonly<Record<string, unknown>> & { readonly id: string } {
  return {
    id: uniqueId(`e2e-${options.kind.replace('_', '-')}`),
    kind: options.kind,
    municipalityMspId: 'MunicipalityMSP',
    providerMspId: PROVIDER_MSP[options.provider ?? 'placement'],
    childPseudonym: options.childPseudonym,
    startDate: options.startDate,
    lines: options.lines,
    ...options.extra,
  };
}

/** Sara drafts `body` and submits it for signatures; returns the agreement's id. */
export async function draftAndSubmit(body: Readonly<Record<string, unknown>>): Promise<string> {
  const drafted = expectWrite<Agreement>(
    remembered(await callSeeing('sara', 'POST', domainPath('/agreements'), { json: body })),
    201,
  );
  expectWrite(
    remembered(await callSeeing('sara', 'POST', domainPath(`/agreements/${drafted.data.id}/submission`))),
    200,
  );
  return drafted.data.id;
}

/**
 * Drafts, submits and signs `body`: the director for the municipality (Jonas, or the two centre heads when
 * `centreHeads`), then the provider's staff. Returns the active agreement.
 */
export async function activeAgreement(
  body: Readonly<Record<string, unknown>>,
  options: { readonly provider?: Provider; readonly centreHeads?: boolean } = {},
): Promise<Agreement> {
  const id = await draftAndSubmit(body);
  const signatures = domainPath(`/agreements/${id}/versions/1/signatures`);
  for (const signer of options.centreHeads === true ? (['mads', 'lene'] as const) : (['jonas'] as const)) {
    expectWrite(remembered(await callSeeing(signer, 'POST', signatures)), 201);
  }
  const last = expectWrite<Agreement>(
    remembered(await callSeeing(PROVIDER_SIGNER[options.provider ?? 'placement'], 'POST', signatures)),
    201,
  );
  expect(last.data.status, `${id} after the last signature`).to.equal('active');
  return last.data;
}

/**
 * A call that sees every write of the scenarios so far (their `Fabric-Min-Block`): a write checked by the own peer
 * against state another organisation's gateway just changed, or a read, never meets the older state.
 */
function callSeeing(
  user: PersonName,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { readonly json?: unknown } = {},
): ReturnType<typeof callAs> {
  const minBlocks = written.header();
  return callAs(user, method, path, {
    ...options,
    ...(minBlocks === undefined ? {} : { headers: { [MIN_BLOCK_HEADER]: minBlocks } }),
  });
}

/** A GET that must answer 200, at least as of every write of the scenarios so far; returns the body. */
export async function read<T>(user: PersonName, path: string): Promise<T> {
  const response = await callSeeing(user, 'GET', domainPath(path));
  expect(response.status, `GET ${path} as ${user}: ${response.text.slice(0, 500)}`).to.equal(200);
  return response.body as T;
}

/** A write that must answer `status`; returns the written data. */
export async function write<T>(
  user: PersonName,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  status: 200 | 201,
  json?: unknown,
): Promise<WriteBody<T>> {
  return expectWrite<T>(
    remembered(await callSeeing(user, method, domainPath(path), json === undefined ? {} : { json })),
    status,
  );
}

/** Every item of a paged list route (`path` with its query, without pageSize or bookmark). */
export async function readAll<T>(user: PersonName, path: string, pageSize = 100): Promise<readonly T[]> {
  const items: T[] = [];
  const join = path.includes('?') ? '&' : '?';
  let bookmark: string | null = null;
  for (let first = true; first || bookmark !== null; first = false) {
    const after: string = bookmark === null ? '' : `&bookmark=${encodeURIComponent(bookmark)}`;
    const page: ApiPage<T> = await read<ApiPage<T>>(
      user,
      `${path}${join}pageSize=${pageSize.toString()}${after}`,
    );
    items.push(...page.items);
    bookmark = page.bookmark;
  }
  return items;
}

/** Asserts the empty page a list with no results answers. */
export function expectEmptyPage(page: ApiPage<unknown>, what: string): void {
  expect(page, what).to.deep.equal({ items: [], count: 0, bookmark: null });
}
