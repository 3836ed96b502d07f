import { expect } from 'chai';
import {
  CERT_ID_MAX_LENGTH,
  hasControlCharacter,
  ID_MAX_LENGTH,
  idProblem,
  isDocumentHash,
  isValidId,
  requireCertId,
  requireId,
} from 'agreements-chaincode/core';
import { expectRefusal } from './fixtures';

describe('ids', () => {
  it('accept letters, digits and - _ . : up to 64 characters', () => {
    for (const good of ['placement-1', 'Org1MSP', 'a', 'x.y:z_w-1', 'A'.repeat(ID_MAX_LENGTH)]) {
      expect(isValidId(good), good).to.be.true;
    }
  });

  it('say what is wrong with a bad id', () => {
    expect(idProblem(undefined)).to.equal('not_a_string');
    expect(idProblem(7)).to.equal('not_a_string');
    expect(idProblem('')).to.equal('empty');
    expect(idProblem('a'.repeat(ID_MAX_LENGTH + 1))).to.equal('too_long');
    expect(idProblem('a\u0000b')).to.equal('control_character');
    expect(idProblem('a\nb')).to.equal('control_character');
    expect(idProblem('a\u007fb')).to.equal('control_character');
    expect(idProblem('a\u0085b')).to.equal('control_character');
    expect(idProblem('a b')).to.equal('illegal_character');
    expect(idProblem('a/b')).to.equal('illegal_character');
    expect(idProblem('æøå')).to.equal('illegal_character');
    expect(idProblem('a\u{1F600}')).to.equal('illegal_character');
  });

  it('never let a NUL make two ids collide in a composite key', () => {
    // The shim joins key parts with U+0000, so "a\0b" + "c" and "a" + "b\0c" would be the same key.
    const error = expectRefusal(() => requireId('a\u0000b', 'agreementId'), 'INVALID_ID');
    expect(error.details).to.deep.include({ field: 'agreementId', reason: 'control_character' });
    expect(error.message).not.to.include('a\u0000b');
  });

  it('detect control characters', () => {
    expect(hasControlCharacter('plain')).to.be.false;
    expect(hasControlCharacter('\t')).to.be.true;
    expect(hasControlCharacter('\u009f')).to.be.true;
    expect(hasControlCharacter('\u00a0')).to.be.false;
  });

  it('allow longer certificate ids', () => {
    const certId = `sha256:${'a'.repeat(64)}`;
    expect(requireCertId(certId, 'certId')).to.equal(certId);
    expect(() => requireId(certId, 'id')).to.throw();
    expect(requireCertId('c'.repeat(CERT_ID_MAX_LENGTH), 'certId')).to.have.length(CERT_ID_MAX_LENGTH);
    expectRefusal(() => requireCertId('c'.repeat(CERT_ID_MAX_LENGTH + 1), 'certId'), 'INVALID_ID');
  });

  it('recognise SHA-256 document hashes', () => {
    expect(isDocumentHash('0123456789abcdef'.repeat(4))).to.be.true;
    expect(isDocumentHash('0123456789ABCDEF'.repeat(4))).to.be.false;
    expect(isDocumentHash('a'.repeat(63))).to.be.false;
    expect(isDocumentHash('g'.repeat(64))).to.be.false;
    expect(isDocumentHash(null)).to.be.false;
  });
});
