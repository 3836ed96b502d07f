import { expect } from 'chai';
import { ADMIN_TX, CONTRACT_NAMES, TX } from '@fabric-agreements/api';
import { contracts } from 'agreements-chaincode';
import { exposedTransactions } from './support/harness';

/** What the chaincode really exposes, read from the contract classes' fabric-contract-api metadata. */
function exposed(): string[] {
  return contracts
    .map((Contract) => new Contract())
    .flatMap((contract) =>
      [...exposedTransactions(contract).keys()].map((name) => `${contract.getName()}:${name}`),
    )
    .sort();
}

describe('the transaction table (@fabric-agreements/api)', () => {
  it("names every transaction the contracts expose, and no other: the gateway's TX plus the set-up ADMIN_TX", () => {
    const named = [...Object.values(TX), ...Object.values(ADMIN_TX)].sort();
    expect(named).to.deep.equal(exposed());
  });

  it('keeps the set-up transactions out of the gateway table', () => {
    const gateway = new Set<string>(Object.values(TX));
    expect(Object.values(ADMIN_TX).filter((name) => gateway.has(name))).to.deep.equal([]);
  });

  it('names each contract as the contract classes register it', () => {
    expect(contracts.map((Contract) => new Contract().getName()).sort()).to.deep.equal(
      Object.values(CONTRACT_NAMES).sort(),
    );
  });
});
