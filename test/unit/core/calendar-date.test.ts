import { expect } from 'chai';
import {
  addDays,
  addMonths,
  addMonthsToMonth,
  compareDates,
  compareMonths,
  compareTimestamps,
  dateParts,
  daysBetween,
  daysInIsoMonth,
  daysInMonth,
  earliest,
  firstDayOfMonth,
  fromDayNumber,
  isIsoDate,
  isIsoMonth,
  isIsoTimestamp,
  lastDayOfMonth,
  lastDayOfMonths,
  monthOf,
  monthParts,
  overlapDays,
  requireMoment,
  toDayNumber,
} from 'agreements-chaincode/core';
import { expectRefusal } from './fixtures';

describe('calendar dates', () => {
  it('knows month lengths, leap years included', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).to.deep.equal([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2028, 2)).to.equal(29);
    expect(daysInMonth(2000, 2)).to.equal(29);
    expect(daysInMonth(2100, 2)).to.equal(28);
    expect(daysInIsoMonth('2024-02')).to.equal(29);
  });

  it('accepts only real ISO dates, months and UTC timestamps', () => {
    for (const good of ['2026-01-01', '2028-02-29', '2026-12-31', '1999-06-30']) {
      expect(isIsoDate(good), good).to.be.true;
    }
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-01',
      '26-01-01',
      '0999-01-01',
      '2026-01-01T00:00:00Z',
      ' 2026-01-01',
      20260101,
      null,
    ]) {
      expect(isIsoDate(bad), String(bad)).to.be.false;
    }
    expect(isIsoMonth('2026-02')).to.be.true;
    expect(isIsoMonth('2026-13')).to.be.false;
    expect(isIsoMonth('2026-02-01')).to.be.false;
    expect(isIsoTimestamp('2026-01-31T23:30:00.000Z')).to.be.true;
    expect(isIsoTimestamp('2026-01-31T23:30:00Z')).to.be.true;
    expect(isIsoTimestamp('2026-01-31T23:30:00.123456789Z')).to.be.true;
    expect(isIsoTimestamp('2026-01-31T24:00:00Z')).to.be.false;
    expect(isIsoTimestamp('2026-02-30T10:00:00Z')).to.be.false;
    expect(isIsoTimestamp('2026-01-31T23:30:00+01:00')).to.be.false;
  });

  it('throws INVALID_DATE when asked to split a non-date', () => {
    expectRefusal(() => dateParts('2026-02-30'), 'INVALID_DATE');
    expectRefusal(() => monthParts('2026-2'), 'INVALID_DATE');
    expectRefusal(() => toDayNumber('nope'), 'INVALID_DATE');
    expect(dateParts('2026-03-04')).to.deep.equal({ year: 2026, month: 3, day: 4 });
  });

  it('converts dates to day numbers and back over four centuries', () => {
    expect(toDayNumber('1970-01-01')).to.equal(0);
    expect(toDayNumber('2000-03-01')).to.equal(11017);
    let previous = toDayNumber('1900-01-01') - 1;
    for (let n = toDayNumber('1900-01-01'); n <= toDayNumber('2300-12-31'); n += 1) {
      const date = fromDayNumber(n);
      expect(isIsoDate(date)).to.be.true;
      const back = toDayNumber(date);
      if (back !== n || back !== previous + 1) {
        expect.fail(`day ${n} → ${date} → ${back}`);
      }
      previous = back;
    }
  });

  it('adds days and months; month-end clamps', () => {
    expect(addDays('2026-02-28', 1)).to.equal('2026-03-01');
    expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addDays('2026-01-01', -1)).to.equal('2025-12-31');
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
    expect(addMonths('2026-11-15', 3)).to.equal('2027-02-15');
    expect(addMonths('2026-03-31', -1)).to.equal('2026-02-28');
    expect(addMonths('2026-01-01', -13)).to.equal('2024-12-01');
    expect(lastDayOfMonths('2026-01-01', 3)).to.equal('2026-03-31');
    expect(lastDayOfMonths('2026-01-15', 3)).to.equal('2026-04-14');
    expect(lastDayOfMonths('2026-02-01', 12)).to.equal('2027-01-31');
  });

  it('compares and measures dates and months', () => {
    expect(compareDates('2026-01-02', '2026-01-01')).to.equal(1);
    expect(compareDates('2026-01-01', '2026-01-01')).to.equal(0);
    expect(compareDates('2025-12-31', '2026-01-01')).to.equal(-1);
    expect(daysBetween('2026-01-01', '2027-01-01')).to.equal(365);
    expect(earliest('2026-05-01', '2026-04-30')).to.equal('2026-04-30');
    expect(earliest(undefined, '2026-04-30')).to.equal('2026-04-30');
    expect(earliest('2026-04-30', undefined)).to.equal('2026-04-30');
    expect(earliest(undefined, undefined)).to.be.undefined;
    expect(monthOf('2026-07-19')).to.equal('2026-07');
    expect(firstDayOfMonth('2026-07')).to.equal('2026-07-01');
    expect(lastDayOfMonth('2026-02')).to.equal('2026-02-28');
    expect(addMonthsToMonth('2026-01', -11)).to.equal('2025-02');
    expect(addMonthsToMonth('2026-12', 1)).to.equal('2027-01');
    expect(compareMonths('2026-12', '2027-01')).to.equal(-1);
    expect(compareMonths('2027-01', '2027-01')).to.equal(0);
  });

  it('counts the days of an inclusive interval inside a month', () => {
    expect(overlapDays('2026-01-01', undefined, '2026-01')).to.equal(31);
    expect(overlapDays('2026-01-22', undefined, '2026-01')).to.equal(10);
    expect(overlapDays('2026-01-01', '2026-01-10', '2026-01')).to.equal(10);
    expect(overlapDays('2026-01-10', '2026-01-10', '2026-01')).to.equal(1);
    expect(overlapDays('2025-12-01', '2026-03-31', '2026-02')).to.equal(28);
    expect(overlapDays('2026-02-01', '2026-03-31', '2026-01')).to.equal(0);
    expect(overlapDays('2026-01-01', '2026-01-31', '2026-02')).to.equal(0);
  });

  it('compares timestamps with fractions of different length', () => {
    expect(compareTimestamps('2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000Z')).to.equal(0);
    expect(compareTimestamps('2026-01-01T10:00:00.5Z', '2026-01-01T10:00:00.49Z')).to.equal(1);
    expect(compareTimestamps('2026-01-01T09:59:59.999Z', '2026-01-01T10:00:00Z')).to.equal(-1);
    expectRefusal(() => compareTimestamps('2026-01-01', '2026-01-01T10:00:00Z'), 'INVALID_DATE');
  });

  it('checks moments', () => {
    expect(requireMoment({ instant: '2026-01-01T10:00:00.000Z', date: '2026-01-01' }).date).to.equal(
      '2026-01-01',
    );
    expectRefusal(() => requireMoment({ instant: 'now', date: '2026-01-01' }), 'INVALID_DATE');
    expectRefusal(() => requireMoment({ instant: '2026-01-01T10:00:00Z', date: 'today' }), 'INVALID_DATE');
  });
});
