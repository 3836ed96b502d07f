import { expect } from 'chai';
import fc from 'fast-check';
import {
  decimalPlaces,
  hasAtMostDecimals,
  isQuantity,
  priceOf,
  toHundredths,
} from 'agreements-chaincode/core';

/** Every two-decimal quantity from 0.00 to this many hundredths is checked exhaustively. */
const RANGE = 200_000;

describe('quantities are judged on their decimal digits, exactly', () => {
  it('counts decimals from the shortest representation, not the binary fraction', () => {
    expect(decimalPlaces(17.15)).to.equal(2);
    expect(decimalPlaces(0.07)).to.equal(2);
    expect(decimalPlaces(1.125)).to.equal(3);
    expect(decimalPlaces(4)).to.equal(0);
    expect(decimalPlaces(1e-7)).to.equal(7);
    expect(decimalPlaces(1.5e-7)).to.equal(8);
    expect(decimalPlaces(1e21)).to.equal(0);
    expect(decimalPlaces(NaN)).to.equal(undefined);
    expect(hasAtMostDecimals(0.1 + 0.2, 2)).to.be.false; // 0.30000000000000004
  });

  it('accepts the values an epsilon or multipleOf check got wrong, and refuses near misses', () => {
    for (const good of [17.15, 0.07, 1.15, 0.29, 26.57]) {
      expect(isQuantity(good), String(good)).to.be.true;
    }
    expect(toHundredths(17.15)).to.equal(1715n);
    expect(toHundredths(0.07)).to.equal(7n);
    for (const bad of [1.000000001, 17.150000001, 0.001, 1e-7]) {
      expect(isQuantity(bad), String(bad)).to.be.false;
    }
  });

  it(`every two-decimal value 0.00–${String(RANGE / 100)} is valid and converts to exactly its hundredths`, () => {
    for (let hundredths = 0; hundredths <= RANGE; hundredths++) {
      const quantity = hundredths / 100;
      if (!isQuantity(quantity) || toHundredths(quantity) !== BigInt(hundredths)) {
        expect.fail(`${String(quantity)} was refused or misread`);
      }
    }
  });

  it('property: n/100 is a quantity of n hundredths, priced as round_half_up(n × price / 100)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (hundredths, unitPrice) => {
          const quantity = hundredths / 100;
          const exact = BigInt(hundredths) * BigInt(unitPrice);
          const expected = Number((exact * 2n + 100n) / 200n);
          return toHundredths(quantity) === BigInt(hundredths) && priceOf(quantity, unitPrice) === expected;
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('property: a value with a third decimal is never a quantity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }).filter((thousandths) => thousandths % 10 !== 0),
        (thousandths) => !isQuantity(thousandths / 1000),
      ),
      { numRuns: 5_000 },
    );
  });
});
