import { expect } from 'chai';
import {
  divideRoundHalfUp,
  isOre,
  isQuantity,
  kroner,
  monthlyValueOf,
  priceOf,
  prorate,
  sumOre,
  toHundredths,
  toOre,
} from 'agreements-chaincode/core';
import { expectRefusal, roundHalfUp, schoolSupportLine } from './fixtures';

describe('money and quantities', () => {
  describe('øre', () => {
    it('are safe non-negative integers', () => {
      expect(isOre(0)).to.be.true;
      expect(isOre(9_500_000)).to.be.true;
      expect(isOre(Number.MAX_SAFE_INTEGER)).to.be.true;
      for (const bad of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity, '100', null]) {
        expect(isOre(bad), String(bad)).to.be.false;
      }
    });

    it('convert from whole kroner', () => {
      expect(kroner(95_000)).to.equal(9_500_000);
      expect(kroner(24_000)).to.equal(2_400_000);
      expect(kroner(9_500)).to.equal(950_000);
      expect(kroner(5_151)).to.equal(515_100);
      expect(kroner(444)).to.equal(44_400);
      expectRefusal(() => kroner(1.5), 'VALIDATION_FAILED');
      expectRefusal(() => kroner(-1), 'VALIDATION_FAILED');
      expectRefusal(() => kroner(Number.MAX_SAFE_INTEGER), 'VALIDATION_FAILED');
    });

    it('sum without leaving the safe range', () => {
      expect(sumOre([])).to.equal(0);
      expect(sumOre([9_500_000, 2_400_000, 950_000])).to.equal(12_850_000);
      expectRefusal(() => sumOre([Number.MAX_SAFE_INTEGER, 1]), 'VALIDATION_FAILED');
      expectRefusal(() => sumOre([1.5]), 'VALIDATION_FAILED');
      expectRefusal(() => toOre(-1n), 'VALIDATION_FAILED');
    });
  });

  describe('round half up division', () => {
    it('rounds .5 up and everything else to the nearest', () => {
      expect(divideRoundHalfUp(5n, 2n)).to.equal(3n);
      expect(divideRoundHalfUp(7n, 2n)).to.equal(4n);
      expect(divideRoundHalfUp(4n, 3n)).to.equal(1n);
      expect(divideRoundHalfUp(5n, 3n)).to.equal(2n);
      expect(divideRoundHalfUp(0n, 7n)).to.equal(0n);
      expect(divideRoundHalfUp(1n, 2n)).to.equal(1n);
      expect(divideRoundHalfUp(1n, 3n)).to.equal(0n);
    });

    it('refuses negative numerators and non-positive denominators', () => {
      expectRefusal(() => divideRoundHalfUp(-1n, 2n), 'VALIDATION_FAILED');
      expectRefusal(() => divideRoundHalfUp(1n, 0n), 'VALIDATION_FAILED');
    });
  });

  describe('proration round_half_up(monthly × active_days / days_in_month)', () => {
    it('matches the story’s worked example: 95 000 kr, 10 of 31 days', () => {
      expect(prorate(9_500_000, 10, 31)).to.equal(3_064_516);
    });

    it('gives the full price for a full month and nothing for no day', () => {
      for (const days of [28, 29, 30, 31]) {
        expect(prorate(9_500_000, days, days)).to.equal(9_500_000);
        expect(prorate(9_500_000, 0, days)).to.equal(0);
      }
    });

    it('rounds exact halves up', () => {
      // 1 × 15 / 30 = 0.5 → 1; 3 × 1 / 2 = 1.5 → 2; 45 × 1 / 30 = 1.5 → 2
      expect(prorate(1, 15, 30)).to.equal(1);
      expect(prorate(3, 1, 2)).to.equal(2);
      expect(prorate(45, 1, 30)).to.equal(2);
      expect(prorate(2_400_000, 15, 28)).to.equal(1_285_714); // 1285714.2857
      expect(prorate(950_000, 1, 31)).to.equal(30_645); // 30645.16
      expect(prorate(950_000, 16, 30)).to.equal(506_667); // 506666.67
    });

    it('agrees with an independent reference for every monthly price of the story and every day count', () => {
      for (const monthly of [9_500_000, 2_400_000, 950_000, 1, 99, 12_345_678]) {
        for (const dim of [28, 29, 30, 31]) {
          for (let days = 0; days <= dim; days++) {
            expect(prorate(monthly, days, dim), `${monthly} ${days}/${dim}`).to.equal(
              roundHalfUp(monthly * days, dim),
            );
          }
        }
      }
    });

    it('stays exact where float arithmetic would drift', () => {
      const big = Number.MAX_SAFE_INTEGER - 10; // the product overflows doubles but not BigInt
      expect(prorate(big, 30, 30)).to.equal(big);
      expect(prorate(big, 1, 3)).to.equal(Number((BigInt(big) * 2n + 3n) / 6n));
    });

    it('refuses impossible inputs', () => {
      expectRefusal(() => prorate(-1, 1, 31), 'VALIDATION_FAILED');
      expectRefusal(() => prorate(100, 32, 31), 'VALIDATION_FAILED');
      expectRefusal(() => prorate(100, 1.5, 31), 'VALIDATION_FAILED');
      expectRefusal(() => prorate(100, 1, 0), 'VALIDATION_FAILED');
      expectRefusal(() => prorate(100.5, 1, 31), 'VALIDATION_FAILED');
    });
  });

  describe('quantities', () => {
    it('have at most two decimals', () => {
      for (const good of [0, 0.5, 1, 1.25, 4, 6, 26.57, 1_000_000]) {
        expect(isQuantity(good), String(good)).to.be.true;
      }
      for (const bad of [-1, 0.125, 1_000_000.01, NaN, Infinity, '4']) {
        expect(isQuantity(bad), String(bad)).to.be.false;
      }
      expect(toHundredths(26.57)).to.equal(2657n);
      // 0.1 + 0.2 is 0.30000000000000004: seventeen decimals, judged exactly (an epsilon once let it pass).
      expectRefusal(() => toHundredths(0.1 + 0.2), 'VALIDATION_FAILED');
      expectRefusal(() => toHundredths(0.001), 'VALIDATION_FAILED');
    });

    it('are priced as round_half_up(quantity × unit price)', () => {
      expect(priceOf(26, 44_400)).to.equal(1_154_400);
      expect(priceOf(1.5, 44_400)).to.equal(66_600);
      expect(priceOf(2, 515_100)).to.equal(1_030_200);
      expect(priceOf(0.01, 50)).to.equal(1); // 0.5 øre rounds up
      expect(priceOf(0.01, 49)).to.equal(0);
      expectRefusal(() => priceOf(1, -1), 'VALIDATION_FAILED');
    });

    it('size a per-week line per month as × 52 / 12 for the delegation threshold', () => {
      // 6 h × 444 kr × 52 / 12 = 11 544 kr
      expect(monthlyValueOf(schoolSupportLine('2026-02-01'))).to.equal(1_154_400);
      expect(
        monthlyValueOf({ ...schoolSupportLine('2026-02-01'), quantityPeriod: 'month', agreedQuantity: 10 }),
      ).to.equal(444_000);
    });
  });
});
