import { expect } from 'chai';
import { centuryOf, parseChildCpr, passesModulus11 } from 'agreements-chaincode/core/cpr';
import { Refusal } from '@fabric-agreements/api';

const FIELD = 'transient.municipal.cpr';
const TODAY = '2026-11-21';

function refusal(value: unknown, today = TODAY): Record<string, unknown> {
  try {
    parseChildCpr(value, FIELD, today);
  } catch (error) {
    expect(error).to.be.instanceOf(Refusal);
    const refusal = error as Refusal;
    expect(refusal.code).to.equal('VALIDATION_FAILED');
    if (typeof value === 'string') {
      expect(refusal.message, 'the error must not quote the number').to.not.include(value);
    }
    return refusal.details;
  }
  expect.fail('accepted');
}

describe('CPR numbers', () => {
  it('accepts ten digits with or without the dash, and keeps the digits only', () => {
    expect(parseChildCpr('070615-4000', FIELD, TODAY).cpr).to.deep.equal({
      digits: '0706154000',
      birthDate: '2015-06-07',
    });
    expect(parseChildCpr('0706154000', FIELD, TODAY).cpr.digits).to.equal('0706154000');
  });

  it('refuses anything but ten digits', () => {
    for (const value of [
      '070615400',
      '07061540001',
      '070615 4000',
      '0706-154000',
      'O706154000',
      706154000,
      null,
    ]) {
      expect(refusal(value), String(value)).to.include({ field: FIELD, reason: 'not_a_cpr_number' });
    }
  });

  it('needs a real calendar date, leap days included', () => {
    for (const value of ['3102164000', '0013164000', '0000164000', '2902174000', '3104164000']) {
      expect(refusal(value), value).to.include({ reason: 'not_a_date' });
    }
    // 2016 is a leap year (digit 7 = 4, year 16 → 2016).
    expect(parseChildCpr('290216-4000', FIELD, TODAY).cpr.birthDate).to.equal('2016-02-29');
  });

  it('resolves the century from digit 7 and the two-digit year', () => {
    const table: [number, number, number][] = [
      [0, 10, 1900],
      [3, 99, 1900],
      [4, 36, 2000],
      [4, 37, 1900],
      [9, 36, 2000],
      [9, 37, 1900],
      [5, 57, 2000],
      [5, 58, 1800],
      [8, 0, 2000],
      [8, 99, 1800],
    ];
    for (const [digit, year, century] of table) {
      expect(centuryOf(digit, year), `digit ${digit}, year ${year}`).to.equal(century);
    }
    expect(parseChildCpr('010110-5000', FIELD, TODAY).cpr.birthDate).to.equal('2010-01-01');
    expect(parseChildCpr('010110-9000', FIELD, TODAY).cpr.birthDate).to.equal('2010-01-01');
  });

  it('takes only a child’s number: born by today, at most 22 years old', () => {
    // Same digits, other century: 1910 (digit 7 = 1) is no child.
    expect(refusal('010110-1000')).to.include({ reason: 'implausible_age', maxAge: 22 });
    // Born tomorrow.
    expect(refusal('221126-4000')).to.include({ reason: 'implausible_age' });
    // Born today, and 22 years and 364 days old: both still children.
    expect(parseChildCpr('211126-4000', FIELD, TODAY).cpr.birthDate).to.equal('2026-11-21');
    expect(parseChildCpr('221103-4000', FIELD, TODAY).cpr.birthDate).to.equal('2003-11-22');
    // The 23rd birthday ends it.
    expect(refusal('211103-4000')).to.include({ reason: 'implausible_age' });
    // Born 29 February 2004: 22 on 28 February 2027? No: the birthday is passed on 1 March.
    expect(parseChildCpr('290204-4000', FIELD, '2027-02-28').cpr.birthDate).to.equal('2004-02-29');
    expect(refusal('290204-4000', '2027-03-01')).to.include({ reason: 'implausible_age' });
  });

  it('accepts a modulus-11 failure with a warning, since numbers since 2007 need not pass it', () => {
    expect(passesModulus11('0706154000')).to.equal(true);
    expect(parseChildCpr('070615-4000', FIELD, TODAY).warnings).to.deep.equal([]);

    expect(passesModulus11('0706154001')).to.equal(false);
    const { cpr, warnings } = parseChildCpr('070615-4001', FIELD, TODAY);
    expect(cpr.digits).to.equal('0706154001');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include({ code: 'cpr_modulus_11', field: FIELD });
    expect(warnings[0]?.text).to.not.include('0706154001');
  });
});
