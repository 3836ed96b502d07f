import type { CallOptions, ChaincodeConnection, WriteOptions } from './chaincode-connection';
import type { ContractName } from '@fabric-agreements/api';
import type { TransactionOf } from './transactions';

/** Which page of a listing: `pageSize` 1–100 (the chaincode's default when left out), `bookmark` from the last page. */
export interface PageRequest {
  readonly pageSize?: number;
  readonly bookmark?: string;
}

/** The two arguments every listing ends with. */
export function pageArguments(page: PageRequest = {}): [string, string] {
  return [page.pageSize === undefined ? '' : String(page.pageSize), page.bookmark ?? ''];
}

/**
 * What every contract's client shares: its transactions are typed as submitted or evaluated by
 * {@link TRANSACTION_KINDS}, so a read can never be submitted by mistake, nor a write evaluated.
 */
export abstract class ContractClient<C extends ContractName> {
  readonly connection: ChaincodeConnection;
  readonly name: C;

  constructor(connection: ChaincodeConnection, name: C) {
    this.connection = connection;
    this.name = name;
  }

  protected evaluate<T>(
    transaction: TransactionOf<C, 'evaluate'>,
    args: readonly string[],
    options?: CallOptions,
  ): Promise<T> {
    return this.connection.evaluate<T>(transaction, args, options);
  }

  protected submit<T>(
    transaction: TransactionOf<C, 'submit'>,
    args: readonly string[],
    options?: WriteOptions,
  ): Promise<T> {
    return this.connection.submit<T>(transaction, args, options);
  }

  /** A write to one agreement, endorsed by exactly its two parties unless `options` name others. */
  protected async submitToAgreement<T>(
    transaction: TransactionOf<C, 'submit'>,
    agreementId: string,
    args: readonly string[],
    options: WriteOptions = {},
  ): Promise<T> {
    const endorsingOrganizations =
      options.endorsingOrganizations ?? (await this.connection.partiesOf(agreementId));
    return this.submit<T>(transaction, args, { ...options, endorsingOrganizations });
  }
}
