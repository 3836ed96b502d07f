import { expect } from 'chai';
import {
  categoryOf,
  Refusal,
  ERROR_CATEGORIES,
  HTTP_STATUS_BY_CATEGORY,
  httpStatusOf,
  isRefusal,
  isErrorCode,
  parseRefusal,
  type ErrorCode,
} from 'agreements-chaincode/core';

describe('refusals', () => {
  describe('catalogue', () => {
    it('maps every code to one of the six categories', () => {
      const categories = new Set(Object.values(ERROR_CATEGORIES));
      expect([...categories].sort()).to.deep.equal([
        'conflict',
        'forbidden',
        'not_found',
        'precondition',
        'unavailable',
        'validation',
      ]);
    });

    it('maps categories to HTTP statuses', () => {
      expect(HTTP_STATUS_BY_CATEGORY).to.deep.equal({
        validation: 400,
        forbidden: 403,
        not_found: 404,
        conflict: 409,
        precondition: 422,
        unavailable: 503,
      });
      expect(httpStatusOf('conflict')).to.equal(409);
    });

    it('gives the categories the story relies on', () => {
      const expected: Partial<Record<ErrorCode, string>> = {
        VALIDATION_FAILED: 'validation',
        INVALID_ID: 'validation',
        FORBIDDEN: 'forbidden',
        WRONG_ROLE: 'forbidden',
        NOT_FOUND: 'not_found',
        ALREADY_SIGNED: 'conflict',
        CONFLICT: 'conflict',
        PRECONDITION_FAILED: 'precondition',
        INVALID_STATE: 'precondition',
      };
      for (const [code, category] of Object.entries(expected)) {
        expect(categoryOf(code as ErrorCode), code).to.equal(category);
      }
    });

    it('recognises codes only from the catalogue', () => {
      expect(isErrorCode('ALREADY_SIGNED')).to.be.true;
      expect(isErrorCode('toString')).to.be.false;
      expect(isErrorCode('NOPE')).to.be.false;
      expect(isErrorCode(42)).to.be.false;
    });
  });

  describe('Refusal', () => {
    it('carries code, category, text, details and HTTP status', () => {
      const error = new Refusal('WRONG_ROLE', 'a caseworker cannot sign', { role: 'caseworker' });
      expect(error).to.be.instanceOf(Error);
      expect(isRefusal(error)).to.be.true;
      expect(isRefusal(new Error('x'))).to.be.false;
      expect(error.name).to.equal('Refusal');
      expect(error.code).to.equal('WRONG_ROLE');
      expect(error.category).to.equal('forbidden');
      expect(error.httpStatus).to.equal(403);
      expect(error.text).to.equal('a caseworker cannot sign');
      expect(error.details).to.deep.equal({ role: 'caseworker' });
      expect(error.toEnvelope()).to.deep.equal({
        refusal: {
          code: 'WRONG_ROLE',
          text: 'a caseworker cannot sign',
          details: { role: 'caseworker' },
        },
      });
    });

    it('serialises as a deterministic JSON envelope (sorted keys)', () => {
      const a = new Refusal('NOT_FOUND', 'gone', { b: 2, a: 1 });
      const b = new Refusal('NOT_FOUND', 'gone', { a: 1, b: 2 });
      expect(a.message).to.equal(b.message);
      expect(a.message).to.equal('{"refusal":{"code":"NOT_FOUND","details":{"a":1,"b":2},"text":"gone"}}');
    });
  });

  describe('parseRefusal', () => {
    it('round-trips an error', () => {
      const original = new Refusal('ALREADY_SIGNED', 'already signed', {
        agreementVersion: 2,
        roles: ['a', 'b'],
      });
      const parsed = parseRefusal(original.message);
      expect(parsed).to.be.instanceOf(Refusal);
      expect(parsed?.code).to.equal('ALREADY_SIGNED');
      expect(parsed?.text).to.equal('already signed');
      expect(parsed?.details).to.deep.equal({ agreementVersion: 2, roles: ['a', 'b'] });
    });

    it('finds the envelope inside the message a fabric-gateway endorse error carries', () => {
      const inner = new Refusal('INVALID_STATE', 'not while "draft" {braces} \\ and quotes', {
        status: 'draft',
      });
      const wrapped = `10 ABORTED: failed to endorse transaction; chaincode response 500, ${inner.message} (peer0)`;
      const parsed = parseRefusal(wrapped);
      expect(parsed?.code).to.equal('INVALID_STATE');
      expect(parsed?.text).to.equal('not while "draft" {braces} \\ and quotes');
      expect(parsed?.httpStatus).to.equal(422);
    });

    it('skips a broken envelope and takes the next well-formed one', () => {
      const good = new Refusal('CONFLICT', 'taken').message;
      expect(parseRefusal(`{"refusal":{"code":"NOPE"}} then ${good}`)?.code).to.equal('CONFLICT');
      expect(parseRefusal(`{"refusal": [ then ${good}`)?.code).to.equal('CONFLICT');
    });

    it('returns undefined for prose, unknown codes, malformed or truncated envelopes', () => {
      expect(parseRefusal('chaincode response 500, something broke')).to.be.undefined;
      expect(parseRefusal('{"refusal":{"code":"NOPE","text":"x","details":{}}}')).to.be.undefined;
      expect(parseRefusal('{"refusal":{"code":"CONFLICT","details":{}}}')).to.be.undefined;
      expect(parseRefusal('{"refusal":{"code":"CONFLICT","text":"x"')).to.be.undefined;
      expect(parseRefusal('{"refusal":{"code":"CONFLICT","text":x}}')).to.be.undefined;
      expect(parseRefusal('{"refusal":"CONFLICT"}')).to.be.undefined;
      expect(parseRefusal('')).to.be.undefined;
    });

    it('drops details that are not plain values and tolerates missing details', () => {
      const parsed = parseRefusal(
        '{"refusal":{"code":"CONFLICT","text":"x","details":{"ok":1,"nested":{"a":1},"mixed":[1,"a"]}}}',
      );
      expect(parsed?.details).to.deep.equal({ ok: 1 });
      expect(parseRefusal('{"refusal":{"code":"CONFLICT","text":"x"}}')?.details).to.deep.equal({});
    });
  });
});
