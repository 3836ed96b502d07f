import { expect } from 'chai';
import { canonicalJson } from 'agreements-chaincode/core';
import { expectRefusal } from './fixtures';

describe('canonical JSON', () => {
  it('sorts keys at every depth and omits undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).to.equal(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('does not depend on insertion order', () => {
    const one: Record<string, number> = {};
    const two: Record<string, number> = {};
    for (const key of ['x', 'A', 'b', '10', '2', 'é']) {
      one[key] = key.length;
    }
    for (const key of ['é', '2', '10', 'b', 'A', 'x']) {
      two[key] = key.length;
    }
    expect(canonicalJson(one)).to.equal(canonicalJson(two));
    expect(canonicalJson(one)).to.equal('{"10":2,"2":1,"A":1,"b":1,"x":1,"é":1}');
  });

  it('writes scalars like JSON.stringify and escapes strings', () => {
    expect(canonicalJson(null)).to.equal('null');
    expect(canonicalJson(true)).to.equal('true');
    expect(canonicalJson(-0)).to.equal('0');
    expect(canonicalJson(1.5)).to.equal('1.5');
    expect(canonicalJson('a"b\n')).to.equal('"a\\"b\\n"');
    expect(canonicalJson([])).to.equal('[]');
    expect(canonicalJson({})).to.equal('{}');
    expect(canonicalJson(Object.create(null))).to.equal('{}');
  });

  it('refuses what JSON cannot carry faithfully', () => {
    expectRefusal(() => canonicalJson(NaN), 'VALIDATION_FAILED');
    expectRefusal(() => canonicalJson({ a: Infinity }), 'VALIDATION_FAILED');
    expectRefusal(() => canonicalJson([1, undefined]), 'VALIDATION_FAILED');
    expectRefusal(() => canonicalJson(new Date(0)), 'VALIDATION_FAILED');
    expectRefusal(() => canonicalJson(new Map()), 'VALIDATION_FAILED');
    expectRefusal(() => canonicalJson(10n), 'VALIDATION_FAILED');
    const error = expectRefusal(() => canonicalJson({ a: [{ b: () => 1 }] }), 'VALIDATION_FAILED');
    expect(error.details.field).to.equal('$.a[0].b');
  });

  it('round-trips through JSON.parse', () => {
    const value = { z: [1, 'two', { three: null }], a: { nested: true } };
    expect(JSON.parse(canonicalJson(value))).to.deep.equal(value);
  });
});
