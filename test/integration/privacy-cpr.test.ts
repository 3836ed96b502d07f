/**
 * CPR numbers as the deployed chaincode checks them, on the real network (directly and through the REST
 * gateway): ten digits with or without the dash; a real calendar date; the century from digit 7; a child's age
 * (0 to 22) on the transaction's date; a failed modulus-11 check is accepted with a warning. Refusals name the
 * field and a reason, never the number.
 */
import { expect } from 'chai';
import { closeAll } from '../support/network';
import {
  canaryText,
  childPseudonym,
  cprDate,
  cprWithSerial,
  dashed,
  loggedRead,
  MUNICIPALITY,
  passesModulus11,
  putMunicipalData,
  randomChildCpr,
  childDataContract,
  transientRecord,
} from '../support/privacy-data';
import { pseudonymOf, putMunicipal, requireGateways } from '../support/privacy-rest';
import { describeError } from 'agreements-client';
import { utf8 } from '../support/story';

const FIELD = 'transient.municipal.cpr';

interface Refusal {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly text: string;
}

type Outcome =
  | { readonly accepted: true; readonly result: Record<string, unknown> }
  | { readonly accepted: false; readonly refusal: Refusal };

/** The first domain-error envelope in an error's text (each endorser reports the same one). */
function refusalOf(text: string): Refusal {
  const start = text.indexOf('{"refusal":');
  if (start === -1) throw new Error(`no refusal in: ${text}`);
  const line = text.slice(start).split('\n')[0] ?? '';
  const envelope = JSON.parse(line) as { refusal: { code: string; details: Record<string, unknown> } };
  return { code: envelope.refusal.code, details: envelope.refusal.details, text };
}

/** `PutMunicipalChildData` for a fresh child with `cpr` (any JSON value), committed or refused. */
async function submitCpr(cpr: unknown): Promise<Outcome> {
  try {
    const submitted = await childDataContract('municipality', 'sara').submitAsync('PutMunicipalChildData', {
      arguments: [childPseudonym()],
      transientData: { municipal: JSON.stringify(transientRecord({ cpr, caseFacts: canaryText() })) },
      endorsingOrganizations: [MUNICIPALITY],
    });
    const status = await submitted.getStatus();
    if (!status.successful) throw new Error(`not committed: ${status.code}`);
    return {
      accepted: true,
      result: JSON.parse(utf8.decode(submitted.getResult())) as Record<string, unknown>,
    };
  } catch (error) {
    return { accepted: false, refusal: refusalOf(describeError(error)) };
  }
}

async function expectAccepted(cpr: string, why: string): Promise<Record<string, unknown>> {
  const outcome = await submitCpr(cpr);
  if (!outcome.accepted) throw new Error(`${why}: ${cpr} refused: ${outcome.refusal.text}`);
  return outcome.result;
}

async function expectRefused(cpr: unknown, reason: string, why: string): Promise<void> {
  const outcome = await submitCpr(cpr);
  if (outcome.accepted) throw new Error(`${why}: ${JSON.stringify(cpr)} was accepted`);
  expect(outcome.refusal.code, why).to.equal('VALIDATION_FAILED');
  expect(outcome.refusal.details, why).to.include({ field: FIELD, reason });
  if (typeof cpr === 'string' && cpr.length > 0) {
    expect(outcome.refusal.text, `${why}: the refusal echoes the number`).not.to.contain(cpr);
  }
}

/** The date `years` years and `days` days from today (UTC), as DDMMYY. */
function ddmmyy(years: number, days: number, now = new Date()): string {
  return cprDate(
    new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate() + days)),
  );
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

describe('CPR numbers on the real network', function () {
  this.timeout(300_000);
  after(closeAll);

  describe('accepted', function () {
    it('ten digits passing modulus 11: no warning, stored and read back as written', async function () {
      const cpr = randomChildCpr();
      const pseudonym = childPseudonym();
      const written = await putMunicipalData(pseudonym, { cpr, caseFacts: canaryText() });
      expect(written.result).to.include({ childPseudonym: pseudonym });
      expect(written.result.warnings).to.deep.equal([]);
      expect(written.result.fields).to.deep.equal(['caseFacts', 'cpr']);
      const { data } = await loggedRead('municipality', 'sara', pseudonym);
      expect(data.municipal?.cpr).to.equal(cpr);
      expect(data.municipal).not.to.have.property('salt');
    });

    it('DDMMYY-SSSS with the dash: stored as ten digits', async function () {
      const cpr = randomChildCpr();
      const pseudonym = childPseudonym();
      await putMunicipalData(pseudonym, { cpr: dashed(cpr), caseFacts: canaryText() });
      const { data } = await loggedRead('municipality', 'sara', pseudonym);
      expect(data.municipal?.cpr).to.equal(cpr);
    });

    it('a failed modulus-11 check: accepted with a cpr_modulus_11 warning that does not quote the number', async function () {
      const cpr = randomChildCpr({ modulus11: false });
      expect(passesModulus11(cpr)).to.be.false;
      const result = await expectAccepted(cpr, 'modulus 11 is only a warning');
      expect(result.warnings).to.be.an('array').with.length(1);
      expect((result.warnings as Record<string, unknown>[])[0]).to.include({
        code: 'cpr_modulus_11',
        field: FIELD,
      });
      expect(JSON.stringify(result)).not.to.contain(cpr).and.not.to.contain(dashed(cpr));
    });

    it('the youngest and the oldest child: born 10 days ago, and 22 years old with the 23rd birthday in 10 days', async function () {
      const result = await expectAccepted(cprWithSerial(ddmmyy(0, -10), true), 'age 0');
      expect(result.warnings).to.deep.equal([]);
      await expectAccepted(cprWithSerial(ddmmyy(-23, 10), true), 'age 22');
    });

    it('29 February of a leap year', async function () {
      let year = new Date().getUTCFullYear() - 2;
      while (!isLeapYear(year)) year -= 1;
      await expectAccepted(cprWithSerial(`2902${String(year % 100).padStart(2, '0')}`, true), 'leap day');
    });
  });

  describe('refused with VALIDATION_FAILED naming transient.municipal.cpr', function () {
    it('not a date: day 0, day 32, 31 February, 29 February of a common year, month 0, month 13', async function () {
      let common = new Date().getUTCFullYear() - 3;
      while (isLeapYear(common)) common -= 1;
      const yy = String(common % 100).padStart(2, '0');
      for (const date of [`0001${yy}`, `3201${yy}`, `3102${yy}`, `2902${yy}`, `0100${yy}`, `0113${yy}`]) {
        await expectRefused(cprWithSerial(date, true, 4), 'not_a_date', `date ${date}`);
      }
    });

    it('implausible age: born in 10 days, or 23 years old since 10 days', async function () {
      await expectRefused(cprWithSerial(ddmmyy(0, 10), true), 'implausible_age', 'not born yet');
      await expectRefused(cprWithSerial(ddmmyy(-23, -10), true), 'implausible_age', 'age 23');
    });

    it('the century from digit 7: a child’s date read with digits 0–3 is a 1900s birth; 4–9 the 2000s', async function () {
      // Born ten years ago (20YY, YY ≤ 36): digits 4–9 say 20YY (a child); 0–3 say 19YY (over 100 years old).
      const date = ddmmyy(-10, -30);
      for (let digit = 0; digit <= 9; digit += 1) {
        const cpr = cprWithSerial(date, true, digit);
        if (digit >= 4) await expectAccepted(cpr, `digit 7 = ${digit}`);
        else await expectRefused(cpr, 'implausible_age', `digit 7 = ${digit}`);
      }
      // A year above 57 with digits 5–8 is an 1800s birth; between 37 and 57 it is a 2000s birth in the future.
      await expectRefused(cprWithSerial('150660', true, 5), 'implausible_age', '1860');
      await expectRefused(cprWithSerial('150650', true, 8), 'implausible_age', '2050');
      await expectRefused(cprWithSerial('150650', true, 4), 'implausible_age', '1950');
    });

    it('not a CPR number: wrong length, letters, misplaced dash, spaces, a JSON number, empty', async function () {
      const cpr = randomChildCpr();
      for (const value of [
        cpr.slice(0, 9),
        `${cpr}0`,
        `${cpr.slice(0, 9)}x`,
        `${cpr.slice(0, 4)}-${cpr.slice(4)}`,
        `${cpr.slice(0, 6)} ${cpr.slice(6)}`,
        `${cpr.slice(0, 6)}--${cpr.slice(6)}`,
        ` ${cpr}`,
        Number(cpr),
        '',
      ]) {
        await expectRefused(value, 'not_a_cpr_number', `value ${JSON.stringify(value)}`);
      }
    });
  });

  describe('through the REST gateway', function () {
    it('refuses an implausible age with 400 naming the field and reason, never the number', async function () {
      await requireGateways(['municipality']);
      const cpr = cprWithSerial(ddmmyy(-30, 0), true, 0);
      const answer = await putMunicipal(childPseudonym(), { cpr, caseFacts: canaryText() });
      expect(answer.status, answer.text).to.equal(400);
      expect(answer.body).to.include({ code: 'VALIDATION_FAILED' });
      expect((answer.body as { details?: unknown }).details).to.include({
        field: FIELD,
        reason: 'implausible_age',
      });
      expect(answer.text).not.to.contain(cpr);
    });

    it('accepts a failed modulus-11 check and passes the warning on', async function () {
      await requireGateways(['municipality']);
      const cpr = randomChildCpr({ modulus11: false });
      const answer = await putMunicipal(await pseudonymOf(cpr), {
        cpr: dashed(cpr),
        caseFacts: canaryText(),
      });
      expect(answer.status, answer.text).to.equal(200);
      const warnings = (answer.body as { data?: { warnings?: Record<string, unknown>[] } }).data?.warnings;
      expect(warnings?.[0]).to.include({ code: 'cpr_modulus_11', field: FIELD });
      expect(answer.text).not.to.contain(cpr).and.not.to.contain(dashed(cpr));
    });
  });
});
