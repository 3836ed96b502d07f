import type { CallOptions, WriteOptions } from './chaincode-connection';
import { ContractClient, pageArguments, type PageRequest } from './contract-client';
import type {
  AccessLogEntry,
  GuardianBinding,
  GuardianChild,
  GuardianUnbinding,
  Page,
  PseudonymLookup,
} from './records';

/** A write or erasure of a child's personal data: the access-log entry it made and the collections it touched. */
export interface PersonalDataWritten {
  readonly childPseudonym: string;
  /** `null` when an erasure found nothing to erase. */
  readonly accessId: string | null;
  readonly collections: readonly string[];
  /** Names of the fields written (never their values). */
  readonly fields?: readonly string[];
  /** What a municipal record's check noticed (e.g. a CPR number failing modulus 11), never the value. */
  readonly warnings?: readonly string[];
}

/** A read of personal data: sealed to the reader's one-time key. */
export interface SealedRead {
  readonly childPseudonym: string;
  readonly accessId: string;
  readonly sealed: unknown;
}

/** Whether each collection the caller may read holds the child's data, by hash only. */
export interface ChildDataCheck {
  readonly childPseudonym: string;
  readonly collections: readonly {
    readonly collection: string;
    readonly present: boolean;
    readonly sha256: string | null;
  }[];
}

/**
 * `ChildDataContract`: a child's personal data in the private collections — written and read with transient data
 * only, every access logged. The caller gives the transient map (`options.transientData`).
 */
export class ChildDataContractClient extends ContractClient<'ChildDataContract'> {
  /** Stores the pair collection's record (transient `child`). */
  putChildData(
    childPseudonym: string,
    providerMspId: string,
    options?: WriteOptions,
  ): Promise<PersonalDataWritten> {
    return this.submit('putChildData', [childPseudonym, providerMspId], options);
  }

  /** Stores the municipality's own record (transient `municipal`). */
  putMunicipalChildData(childPseudonym: string, options?: WriteOptions): Promise<PersonalDataWritten> {
    return this.submit('putMunicipalChildData', [childPseudonym], options);
  }

  /** Logs a read before it happens; the entry's `accessId` is what the read presents. */
  logChildDataAccess(
    childPseudonym: string,
    providerMspId: string,
    purpose: string,
    options?: WriteOptions,
  ): Promise<AccessLogEntry> {
    return this.submit('logChildDataAccess', [childPseudonym, providerMspId, purpose], options);
  }

  /** Reads what the logged access allows, sealed to the reader's key (transient `readerKey`). */
  readChildData(
    childPseudonym: string,
    providerMspId: string,
    accessId: string,
    options?: CallOptions,
  ): Promise<SealedRead> {
    return this.evaluate('readChildData', [childPseudonym, providerMspId, accessId], options);
  }

  checkChildData(
    childPseudonym: string,
    providerMspId: string,
    options?: CallOptions,
  ): Promise<ChildDataCheck> {
    return this.evaluate('checkChildData', [childPseudonym, providerMspId], options);
  }

  erasePersonalData(
    childPseudonym: string,
    reason: string,
    options?: WriteOptions,
  ): Promise<PersonalDataWritten> {
    return this.submit('erasePersonalData', [childPseudonym, reason], options);
  }

  listAccessLog(
    childPseudonym: string,
    page?: PageRequest,
    options?: CallOptions,
  ): Promise<Page<AccessLogEntry>> {
    return this.evaluate('listAccessLog', [childPseudonym, ...pageArguments(page)], options);
  }

  bindGuardian(childPseudonym: string, guardianId: string, options?: WriteOptions): Promise<GuardianBinding> {
    return this.submit('bindGuardian', [childPseudonym, guardianId], options);
  }

  unbindGuardian(
    childPseudonym: string,
    guardianId: string,
    options?: WriteOptions,
  ): Promise<GuardianUnbinding> {
    return this.submit('unbindGuardian', [childPseudonym, guardianId], options);
  }

  /** The calling guardian's children (their own bindings only). */
  listGuardianChildren(options?: CallOptions): Promise<{ readonly children: readonly GuardianChild[] }> {
    return this.evaluate('listGuardianChildren', [], options);
  }

  recordPseudonymLookup(
    childPseudonym: string,
    purpose: string,
    options?: WriteOptions,
  ): Promise<Pick<PseudonymLookup, 'lookupId' | 'childPseudonym' | 'at' | 'purpose'>> {
    return this.submit('recordPseudonymLookup', [childPseudonym, purpose], options);
  }

  listPseudonymLookups(
    month: string,
    page?: PageRequest,
    options?: CallOptions,
  ): Promise<Page<PseudonymLookup>> {
    return this.evaluate('listPseudonymLookups', [month, ...pageArguments(page)], options);
  }
}
