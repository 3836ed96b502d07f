import { randomBytes } from 'node:crypto';
import {
  oneTimeReaderKey,
  open,
  sealContext,
  TRANSIENT_READER_KEY,
  type SealedBox,
  type ApiPage,
  type Page,
  TX,
  type TransactionName,
} from '@fabric-agreements/api';
import { ApiError } from '../errors/api-error';
import type { Requester } from './requester';
import { toPage, type Ledger, type WriteResult } from './ledger';

/** Bytes of random salt per private record (the chaincode takes 16 to 64). */
const SALT_BYTES = 32;

/** Most agreements the overview of one child shows. */
export const OVERVIEW_LIMIT = 100;

/** One agreement of a child's overview. */
export interface OverviewEntry {
  readonly agreement: unknown;
  readonly deadlines: unknown;
  readonly heldInstalments: { readonly total: number } & Readonly<Record<string, unknown>>;
}

/** What a {@link ChildService} is built from. */
export interface ChildServiceOptions {
  readonly ledger: Ledger;
  /** This gateway's organisation: the municipality when it stores personal data. */
  readonly ownMspId: string;
}

/**
 * A child: the caseworker's overview, personal data (written as transient data to the peers entitled to hold it;
 * read only through a logged access), the access log and erasure.
 */
export class ChildService {
  readonly #ledger: Ledger;
  readonly #ownMspId: string;

  constructor(options: Readonly<ChildServiceOptions>) {
    this.#ledger = options.ledger;
    this.#ownMspId = options.ownMspId;
  }

  /** Every agreement of the child (up to {@link OVERVIEW_LIMIT}) with its deadlines and held instalments. */
  async overview(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    horizonDays?: number,
  ): Promise<{
    childPseudonym: string;
    agreements: OverviewEntry[];
    heldTotal: number;
    truncated: boolean;
  }> {
    const user = await caller.identity();
    const page = await this.#ledger.query<Page<{ id: string }>>(user, domain, TX.listAgreementsByChild, [
      childPseudonym,
      OVERVIEW_LIMIT.toString(),
      '',
    ]);
    const agreements = await Promise.all(
      page.records.map(async (agreement): Promise<OverviewEntry> => {
        const [deadlines, heldInstalments] = await Promise.all([
          this.#ledger.query(user, domain, TX.getUpcomingDeadlines, [
            agreement.id,
            horizonDays?.toString() ?? '',
          ]),
          this.#ledger.query<OverviewEntry['heldInstalments']>(user, domain, TX.getHeldInstalments, [
            agreement.id,
          ]),
        ]);
        return { agreement, deadlines, heldInstalments };
      }),
    );
    return {
      childPseudonym,
      agreements,
      heldTotal: agreements.reduce((sum, entry) => sum + entry.heldInstalments.total, 0),
      truncated: page.records.length >= OVERVIEW_LIMIT && page.bookmark !== '',
    };
  }

  /**
   * Stores what the municipality and one provider share (name, guardians, school, contact). It travels as transient
   * data to the municipality's peer alone, which endorses it (the chaincode writes nothing but the pair collection,
   * whose endorsement policy names the data controller); the provider's peer receives it from there, as a member of
   * the collection. It reaches no other organisation and no block.
   */
  async putSharedPersonalData(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    providerMspId: string,
    record: unknown,
  ): Promise<WriteResult<unknown>> {
    const user = await caller.identity();
    // The provider does not endorse, so the registry answers for it: not a member is 404, never a chaincode refusal.
    await this.#ledger.requireMembers(user, domain, [providerMspId]);
    return this.#ledger.write(user, domain, TX.putChildData, [childPseudonym, providerMspId], {
      transientData: { child: JSON.stringify(salted(record)) },
      endorsingOrganizations: [this.#ownMspId],
    });
  }

  /**
   * Stores what only the municipality holds (CPR number, case facts): transient data endorsed by the
   * municipality's own peers alone, so no provider's peer ever receives it.
   */
  async putMunicipalPersonalData(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    record: unknown,
  ): Promise<WriteResult<unknown>> {
    return this.#ledger.write(await caller.identity(), domain, TX.putMunicipalChildData, [childPseudonym], {
      transientData: { municipal: JSON.stringify(salted(record)) },
      endorsingOrganizations: [this.#ownMspId],
    });
  }

  /**
   * Reads personal data the logged way: first the access-log entry is committed (who, when, which fields, why),
   * then the data is fetched by an evaluation on this organisation's own peer, sealed to a key pair made for this
   * one read and opened here: even a response ordered into a block would be ciphertext.
   */
  async readPersonalData(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    providerMspId: string,
    purpose: string,
  ): Promise<Readonly<Record<string, unknown>> & { transactionId: string }> {
    const user = await caller.identity();
    // The entry is about the pair's data: the municipality and that provider endorse it (the chaincode refuses
    // any other peer).
    const municipality = await this.#ledger.municipalityOf(user, domain);
    const logged = await this.#ledger.write<{ accessId: string }>(
      user,
      domain,
      TX.logChildDataAccess,
      [childPseudonym, providerMspId, purpose],
      { endorsingOrganizations: [...new Set([municipality, providerMspId])] },
    );
    const reader = oneTimeReaderKey();
    const sealed = await this.#ledger.query<{ childPseudonym: string; accessId: string; sealed: SealedBox }>(
      user,
      domain,
      TX.readChildData,
      [childPseudonym, providerMspId, logged.data.accessId],
      {
        endorsingOrganizations: [this.#ownMspId],
        transientData: { [TRANSIENT_READER_KEY]: reader.publicKeyBase64 },
      },
    );
    let data: Readonly<Record<string, unknown>>;
    try {
      const context = sealContext(sealed.childPseudonym, sealed.accessId);
      data = JSON.parse(open(sealed.sealed, reader.privateKey, context)) as Readonly<Record<string, unknown>>;
    } catch (error) {
      // Only a peer running other chaincode than ours answers with a box this gateway cannot open.
      throw new ApiError({ code: 'INTERNAL', details: { reason: 'sealed_read_unopenable' }, cause: error });
    }
    return {
      childPseudonym: sealed.childPseudonym,
      accessId: sealed.accessId,
      ...data,
      transactionId: logged.transactionId,
    };
  }

  async personalDataStatus(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    providerMspId: string,
  ): Promise<unknown> {
    const args = [childPseudonym, providerMspId];
    return this.#ledger.query(await caller.identity(), domain, TX.checkChildData, args, {
      endorsingOrganizations: [this.#ownMspId],
    });
  }

  /** Erases the child's personal data from every collection (purge); the ledger keeps hashes and pseudonyms. */
  async erase(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    reason: string,
  ): Promise<WriteResult<unknown>> {
    // The municipality erases alone (see the chaincode): no provider's peer can hold it up.
    return this.#writeAlone(caller, domain, TX.erasePersonalData, [childPseudonym, reason]);
  }

  /** Binds a guardian (their login at the municipality) to one child: they may then read its access log. */
  async bindGuardian(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    guardianId: string,
  ): Promise<WriteResult<unknown>> {
    return this.#writeAlone(caller, domain, TX.bindGuardian, [childPseudonym, guardianId]);
  }

  /** Ends a guardian's binding to one child (their other children stay bound). */
  async unbindGuardian(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    guardianId: string,
  ): Promise<WriteResult<unknown>> {
    return this.#writeAlone(caller, domain, TX.unbindGuardian, [childPseudonym, guardianId]);
  }

  /** A write in the municipality's own collection, which its own peer endorses alone. */
  async #writeAlone(
    caller: Requester,
    domain: string,
    transaction: TransactionName,
    args: readonly string[],
  ): Promise<WriteResult<unknown>> {
    return this.#ledger.write(await caller.identity(), domain, transaction, args, {
      endorsingOrganizations: [this.#ownMspId],
    });
  }

  /** The calling guardian's own children (the chaincode looks them up by the caller's enrolment id). */
  async guardianChildren(caller: Requester, domain: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.listGuardianChildren);
  }

  async accessLog(
    caller: Requester,
    domain: string,
    childPseudonym: string,
    page: { readonly pageSize?: number; readonly bookmark?: string },
  ): Promise<ApiPage<unknown>> {
    const result = await this.#ledger.query<Page<unknown>>(
      await caller.identity(),
      domain,
      TX.listAccessLog,
      [childPseudonym, page.pageSize?.toString() ?? '', page.bookmark ?? ''],
    );
    return toPage(result);
  }
}

/**
 * The record with a fresh random salt: the chaincode stores it with the data, so that the SHA-256 Fabric puts on
 * chain for every private value cannot be matched by hashing guessed names or CPR numbers.
 */
function salted(record: unknown): Record<string, unknown> {
  return { ...(record as Record<string, unknown>), salt: randomBytes(SALT_BYTES).toString('hex') };
}
