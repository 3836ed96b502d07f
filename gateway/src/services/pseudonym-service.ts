import { createHmac } from 'node:crypto';
import { ApiError } from '../errors/api-error';
import { isRefusal } from '../errors/catalogue';
import type { Requester } from './requester';
import { toPage, type Ledger, type WriteResult } from './ledger';
import { TX, type ApiPage, type Page } from '@fabric-agreements/api';
import { parseChildCpr, type IsoDate } from 'agreements-chaincode/core';

/** The ledger's record of one lookup, as `ChildDataContract:RecordPseudonymLookup` returns it. */
export interface PseudonymLookup {
  readonly lookupId: string;
  readonly childPseudonym: string;
  readonly at: string;
  readonly purpose: string;
}

/** What a {@link PseudonymService} is built from. */
export interface PseudonymServiceOptions {
  readonly ledger: Ledger;
  /** The municipality: the one organisation that records lookups (in its own private collection). */
  readonly ownMspId: string;
  /** Key of the keyed pseudonym (HMAC-SHA256); only the municipality's gateways hold one. */
  readonly pseudonymKey: Buffer | undefined;
  /** Roles allowed to turn a CPR number into a pseudonym. */
  readonly lookupRoles: readonly string[];
  /** Today's date, for the CPR number's plausible age (tests fix it). */
  readonly today?: () => IsoDate;
}

/**
 * The CPR number → child pseudonym lookup as an audited act: only roles that may look children up, only with a
 * purpose code, only for a number that is a child's, and only once the ledger holds who asked, when and why (never
 * the CPR number). Also the check that a CPR number stored for a child belongs to that child's pseudonym.
 */
export class PseudonymService {
  readonly #ledger: Ledger;
  readonly #ownMspId: string;
  readonly #key: Buffer | undefined;
  readonly #lookupRoles: readonly string[];
  readonly #today: () => IsoDate;

  constructor(options: Readonly<PseudonymServiceOptions>) {
    this.#ledger = options.ledger;
    this.#ownMspId = options.ownMspId;
    this.#key = options.pseudonymKey;
    this.#lookupRoles = options.lookupRoles;
    this.#today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  }

  /** Whether this gateway holds the pseudonym key (the municipality's). */
  get available(): boolean {
    return this.#key !== undefined;
  }

  /**
   * Records the lookup on the ledger (endorsed by the municipality alone) and only then answers the pseudonym.
   * @throws {@link ApiError} `LOOKUP_NOT_PERMITTED` (403) for a role that may not look children up,
   * `VALIDATION_FAILED` (400, field `cpr`, never the value) for a number that is not a child's, or the ledger's
   * failure (nothing is answered unless the record committed).
   */
  async lookUp(
    caller: Requester,
    domain: string,
    cpr: unknown,
    purpose: string,
  ): Promise<WriteResult<PseudonymLookup>> {
    if (!this.#lookupRoles.includes(caller.principal.role)) {
      throw new ApiError({ code: 'LOOKUP_NOT_PERMITTED' });
    }
    const childPseudonym = this.#pseudonymOf(cpr, 'cpr');
    return this.#ledger.write<PseudonymLookup>(
      await caller.identity(),
      domain,
      TX.recordPseudonymLookup,
      [childPseudonym, purpose],
      { endorsingOrganizations: [this.#ownMspId] },
    );
  }

  /** One month's lookups (auditor, director), evaluated on the municipality's own peer. */
  async listLookups(
    caller: Requester,
    domain: string,
    month: string,
    page: { readonly pageSize?: number; readonly bookmark?: string },
  ): Promise<ApiPage<unknown>> {
    const result = await this.#ledger.query<Page<unknown>>(
      await caller.identity(),
      domain,
      TX.listPseudonymLookups,
      [month, page.pageSize?.toString() ?? '', page.bookmark ?? ''],
      { endorsingOrganizations: [this.#ownMspId] },
    );
    return toPage(result);
  }

  /**
   * That the municipality's record for a child carries a CPR number whose pseudonym is the child's: otherwise one
   * child's CPR number could be filed under another child.
   * @throws {@link ApiError} `VALIDATION_FAILED` (the chaincode's field and reason) for a number that is not a
   * child's, `CPR_PSEUDONYM_MISMATCH` (422) for another child's number, `PSEUDONYMS_NOT_CONFIGURED` (403) on a
   * gateway without the key. Never the value.
   */
  requireCprOf(childPseudonym: string, record: unknown): void {
    const cpr = typeof record === 'object' && record !== null ? (record as { cpr?: unknown }).cpr : undefined;
    if (this.#pseudonymOf(cpr, 'transient.municipal.cpr') !== childPseudonym) {
      throw new ApiError({ code: 'CPR_PSEUDONYM_MISMATCH' });
    }
  }

  /** HMAC-SHA256 of the CPR number's ten digits under the municipality's key, hex: stable, irreversible. */
  #pseudonymOf(cpr: unknown, field: string): string {
    if (this.#key === undefined) {
      throw new ApiError({ code: 'PSEUDONYMS_NOT_CONFIGURED' });
    }
    let digits: string;
    try {
      digits = parseChildCpr(cpr, field, this.#today()).cpr.digits;
    } catch (error) {
      if (isRefusal(error)) {
        throw ApiError.fromRefusal(error);
      }
      throw error;
    }
    return createHmac('sha256', this.#key).update(digits, 'utf8').digest('hex');
  }
}
