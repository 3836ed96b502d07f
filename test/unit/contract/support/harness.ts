import 'reflect-metadata';
import { expect } from 'chai';
import type { Contract } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { parseRefusal, type Refusal, type ErrorCode } from 'agreements-chaincode/core';
import { FakeLedger, type Person, type TxOptions, type WriteSet } from './fake-ledger';
import {
  DEFAULT_PROPOSAL_WINDOW_SECONDS,
  useEndorsingPeer,
} from 'agreements-chaincode/contract/endorsing-peer';

/**
 * Runs contract transactions the way fabric-shim does (before → around → after), against the fake ledger.
 * `submit` commits the write set; `evaluate` asserts that nothing was written. A transaction is only called if the
 * contract's metadata exposes it with the matching tag (SUBMIT or EVALUATE).
 */

/** The organisations (deliberately not Org1MSP/Org2MSP: nothing may be hard-coded). */
export const KOMMUNE = 'HoejeTaastrupMSP';
export const OESTERVOLD = 'OestervoldMSP';
export const SAMVAER = 'SamvaerMSP';
export const STRANGER = 'StrangerMSP';

/** People. Their names (the certificate CN) appear on the ledger only as who signed or touched personal data. */
export const people = {
  kommuneAdmin: { mspId: KOMMUNE, name: 'kommune-admin', admin: true },
  sara: { mspId: KOMMUNE, name: 'Sara Caseworker', role: 'caseworker' },
  mads: { mspId: KOMMUNE, name: 'Mads Centrechef', role: 'centre_head' },
  lene: { mspId: KOMMUNE, name: 'Lene Centrechef', role: 'centre_head' },
  jonas: { mspId: KOMMUNE, name: 'Jonas Direktoer', role: 'director' },
  mayor: { mspId: KOMMUNE, name: 'Borgmester', role: 'mayor' },
  anne: { mspId: KOMMUNE, name: 'Anne Revisor', role: 'auditor' },
  birthe: { mspId: KOMMUNE, name: 'birthe-guardian', role: 'guardian' },
  kommuneService: { mspId: KOMMUNE, name: 'gateway-service', role: 'service' },
  oestervoldAdmin: { mspId: OESTERVOLD, name: 'oestervold-admin', attrs: { 'hf.Type': 'admin' } },
  karin: { mspId: OESTERVOLD, name: 'Karin Paedagog', role: 'provider_staff' },
  ole: { mspId: SAMVAER, name: 'Ole Konsulent', role: 'consultant' },
  strangerAdmin: { mspId: STRANGER, name: 'stranger-admin', admin: true },
  stranger: { mspId: STRANGER, name: 'Stranger Director', role: 'director' },
} as const satisfies Readonly<Record<string, Person>>;

/** What a committed transaction produced. */
export interface Outcome<T = unknown> {
  readonly txId: string;
  readonly result: T;
  readonly writes: WriteSet;
  /** Messages the transaction sent to the peer, by type (GET_STATE, PUT_STATE, …). */
  readonly roundTrips: Readonly<Record<string, number>>;
}

/** The transactions a contract exposes, with their tags (SUBMIT / EVALUATE). */
export function exposedTransactions(contract: Contract): ReadonlyMap<string, readonly string[]> {
  const metadata = (Reflect.getMetadata('fabric:transactions', contract) ?? []) as {
    name: string;
    tag?: string[];
  }[];
  return new Map(metadata.map((transaction) => [transaction.name, transaction.tag ?? []]));
}

export class TestNetwork {
  readonly ledger: FakeLedger;

  constructor(now: string | FakeLedger = '2026-01-10T09:00:00.000Z') {
    this.ledger = typeof now === 'string' ? new FakeLedger({ now }) : now;
  }

  async submit<T = unknown>(
    contract: Contract,
    fn: string,
    person: Person,
    args: readonly string[] = [],
    options: TxOptions = {},
  ): Promise<Outcome<T>> {
    const tx = this.ledger.begin(person, options);
    const result = await run(contract, fn, 'SUBMIT', tx, args);
    tx.commit();
    return {
      txId: tx.txId,
      result: JSON.parse(result) as T,
      writes: tx.writeSet(),
      roundTrips: tx.roundTrips(),
    };
  }

  async evaluate<T = unknown>(
    contract: Contract,
    fn: string,
    person: Person,
    args: readonly string[] = [],
    options: TxOptions = {},
  ): Promise<T> {
    const tx = this.ledger.begin(person, options);
    const result = await run(contract, fn, 'EVALUATE', tx, args);
    const writes = tx.writeSet();
    expect(writes.puts.size + writes.deletes.size + writes.events.length, `${fn} wrote`).to.equal(0);
    return JSON.parse(result) as T;
  }

  /** Runs a transaction that must fail; returns the refusal its message carries. Nothing is committed. */
  async failure(
    contract: Contract,
    fn: string,
    person: Person,
    args: readonly string[] = [],
    options: TxOptions = {},
  ): Promise<Refusal> {
    const message = await this.failureMessage(contract, fn, person, args, options);
    const error = parseRefusal(message);
    if (error === undefined) {
      return expect.fail(`no refusal envelope in: ${message}`);
    }
    return error;
  }

  /** The raw message a failing transaction sends to the client. */
  async failureMessage(
    contract: Contract,
    fn: string,
    person: Person,
    args: readonly string[] = [],
    options: TxOptions = {},
  ): Promise<string> {
    const tx = this.ledger.begin(person, options);
    const tag = exposedTransactions(contract).get(fn)?.[0] ?? 'SUBMIT';
    try {
      await run(contract, fn, tag, tx, args);
    } catch (error) {
      expect(error).to.be.instanceOf(Error);
      return (error as Error).message;
    }
    return expect.fail(`${fn} succeeded`);
  }
}

/** Asserts a refusal's code (and returns it for more checks). */
export async function expectCode(failure: Promise<Refusal>, code: ErrorCode): Promise<Refusal> {
  const error = await failure;
  expect(error.code, error.message).to.equal(code);
  return error;
}

/** The organisations a key-level endorsement policy names. */
export function policyOrgs(policy: Buffer | undefined): readonly string[] {
  expect(policy, 'no key-level endorsement policy').to.not.equal(undefined);
  return new KeyEndorsementPolicy(policy).listOrgs().sort();
}

/** The composite key `type` + attributes, as the node shim builds it. */
export function compositeKey(objectType: string, ...attributes: string[]): string {
  return `\u0000${objectType}\u0000${attributes.map((attribute) => `${attribute}\u0000`).join('')}`;
}

/** The one event a transaction emitted, parsed. */
export function theEvent(writes: WriteSet): { name: string; payload: Record<string, unknown> } {
  expect(writes.events, 'events emitted').to.have.length(1);
  const [event] = writes.events;
  return {
    name: event!.name,
    payload: JSON.parse(event!.payload.toString('utf8')) as Record<string, unknown>,
  };
}

async function run(
  contract: Contract,
  fn: string,
  tag: string,
  tx: ReturnType<FakeLedger['begin']>,
  args: readonly string[],
): Promise<string> {
  const tags = exposedTransactions(contract).get(fn);
  expect(tags, `${fn} is not a transaction of ${contract.getName()}`).to.not.equal(undefined);
  expect(tags, `${fn} tags`).to.include(tag);
  useEndorsingPeer({
    mspId: (stub) => stub.getMspID(),
    nowMs: () => Date.parse(tx.peer.at),
    proposalWindowSeconds: DEFAULT_PROPOSAL_WINDOW_SECONDS,
  });
  const ctx = contract.createContext();
  ctx.stub = tx.stub;
  ctx.clientIdentity = tx.identity;
  await contract.beforeTransaction(ctx);
  const aroundTransaction = contract.aroundTransaction.bind(contract) as (
    ctx: unknown,
    fn: unknown,
    parameters: unknown,
  ) => Promise<unknown>;
  const result = await aroundTransaction(ctx, fn, [...args]);
  await contract.afterTransaction(ctx, result);
  expect(result, `${fn} returns a string`).to.be.a('string');
  return result as string;
}
