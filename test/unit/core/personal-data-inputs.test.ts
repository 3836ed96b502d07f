import { expect } from 'chai';
import { Refusal } from '@fabric-agreements/api';
import { parseChildRecord, parseMunicipalRecord } from 'agreements-chaincode/core/personal-data';

const SALT = 'ab'.repeat(16);
const NAME = 'Preben Hansen';

function refusal(run: () => unknown): readonly unknown[] {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(Refusal);
    const { code, text, details } = error as Refusal;
    // Personal data never travels in a refusal.
    expect(JSON.stringify({ text, details })).not.to.include('Preben');
    expect(JSON.stringify({ text, details })).not.to.include('010115');
    return [code, details.field, details.reason];
  }
  throw new Error('expected a refusal');
}

describe('personal-data inputs (walking the api package’s schemas)', () => {
  it('read a salted child record and refuse by field, never by value', () => {
    const child = { salt: SALT, name: NAME, guardians: ['Preben Senior'], school: 'Preben Skole' };
    expect(parseChildRecord(child)).to.deep.equal(child);
    const at = 'transient.child';
    expect(refusal(() => parseChildRecord({ ...child, salt: 'Preben' }))).to.deep.equal([
      'VALIDATION_FAILED',
      `${at}.salt`,
      'not_a_salt',
    ]);
    expect(refusal(() => parseChildRecord({ ...child, name: `${NAME}\u0000` }))).to.deep.equal([
      'VALIDATION_FAILED',
      `${at}.name`,
      'control_character',
    ]);
    expect(refusal(() => parseChildRecord({ ...child, guardians: ['Preben', ' '] }))).to.deep.equal([
      'VALIDATION_FAILED',
      `${at}.guardians[1]`,
      'empty',
    ]);
    expect(refusal(() => parseChildRecord({ ...child, guardians: Array(5).fill('Preben') }))).to.deep.equal([
      'VALIDATION_FAILED',
      `${at}.guardians`,
      'wrong_length',
    ]);
    expect(refusal(() => parseChildRecord({ ...child, Preben: 1 }))).to.deep.equal([
      'VALIDATION_FAILED',
      at,
      'unexpected_property',
    ]);
  });

  it('read a salted municipal record: salt, then CPR, then case facts (line breaks allowed)', () => {
    const parsed = parseMunicipalRecord(
      { salt: SALT, cpr: '010115-4123', caseFacts: 'Preben\nflyttet' },
      '2026-01-01',
    );
    expect(parsed.record).to.deep.equal({ salt: SALT, cpr: '0101154123', caseFacts: 'Preben\nflyttet' });
    expect(
      refusal(() =>
        parseMunicipalRecord({ salt: 'x', cpr: '010115-4123', caseFacts: 'Preben' }, '2026-01-01'),
      )[1],
    ).to.equal('transient.municipal.salt');
    expect(
      refusal(() =>
        parseMunicipalRecord({ salt: SALT, cpr: '010115-4123', caseFacts: 'Preben\u0007' }, '2026-01-01'),
      ),
    ).to.deep.equal(['VALIDATION_FAILED', 'transient.municipal.caseFacts', 'control_character']);
  });
});
