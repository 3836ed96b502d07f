import { describe, expect, it } from 'vitest';
import { INVOICE, PARTLY_REJECTED } from '../test/oioubl-fixtures';
import { judgedReference, readApplicationResponse, readDocumentLines } from './application-response';

describe('reading OIOUBL in the browser (display only)', () => {
  it('reads an answer’s verdict and its line responses', () => {
    const answer = readApplicationResponse(PARTLY_REJECTED);
    expect(answer).toMatchObject({
      id: 'AR-1',
      issueDate: '2026-03-03',
      documentId: 'OV-2026-0217',
      documentType: 'Invoice',
      response: { reference: 'PARTIALLY_ACCEPTED', code: 'BusinessReject' },
      lines: [{ lineId: '3', reference: 'NOT_ACTIVE_IN_MONTH', code: 'BusinessReject' }],
    });
    expect(answer === undefined ? undefined : judgedReference(answer)).toBe('PARTIALLY_ACCEPTED');
  });

  it('tells a refusal (the product’s error code as ReferenceID) from a judged document', () => {
    const refused = readApplicationResponse(
      PARTLY_REJECTED.replace('PARTIALLY_ACCEPTED', 'WRONG_BUYER').replace(
        /<cac:LineResponse>[\s\S]*<\/cac:LineResponse>/,
        '',
      ),
    );
    expect(refused?.response.reference).toBe('WRONG_BUYER');
    expect(refused?.lines).toEqual([]);
    expect(refused === undefined ? 'none' : judgedReference(refused)).toBeUndefined();
  });

  it('reads the lines of the sent document, whatever its prefixes', () => {
    expect(readDocumentLines(INVOICE)).toEqual([
      { lineId: '1', item: 'stay', name: 'Ophold', amount: '95000.00' },
      { lineId: '3', item: 'taxi', name: 'Taxa', amount: '9500.00' },
    ]);
    expect(readDocumentLines(INVOICE.replace(/cbc:/g, 'b:').replace(/xmlns:cbc/g, 'xmlns:b'))).toHaveLength(
      2,
    );
  });

  it('gives nothing for text that is not XML or not an answer', () => {
    expect(readApplicationResponse('not xml <')).toBeUndefined();
    expect(readApplicationResponse(INVOICE)).toBeUndefined();
    expect(readDocumentLines('<<<')).toEqual([]);
  });
});
