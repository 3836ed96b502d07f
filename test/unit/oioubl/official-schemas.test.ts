/**
 * The official OASIS UBL 2.1 schemas: found and verified (schemas/ubl-2.1.sha256) or not used at all, and — where this
 * machine has them (OIOUBL_UBL21_SCHEMAS or packages/oioubl/schemas/ubl-2.1; they are not in the repository, see
 * packages/oioubl/schemas/SOURCE.md) — every document of ours valid against them: the case story's, and each faulty
 * one that is refused for a reason other than its structure, so those refusals come from the OIOUBL profile rules on
 * top of the schema.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import {
  answerRefusal,
  officialChecksums,
  officialSchemaDirectory,
  OioublRefusal,
  RECEIPT_REFUSAL_CODES,
  schemaProblems,
  schemaSetInUse,
  UBL21_SCHEMAS_VARIABLE,
} from '@fabric-agreements/oioubl';
import {
  ADD_ON_LINE,
  addOnInvoice,
  ANSWER_HEADER,
  MUNICIPALITY_GLN,
  PLACEMENT_LINES,
  placementInvoice,
  taxiCreditNote,
} from './fixtures';

describe('oioubl: finding the official UBL 2.1 schemas', () => {
  it('lists the 16 files the three documents need, with their SHA-256', () => {
    const files = officialChecksums().map(([file]) => file);
    expect(files).to.have.length(16);
    expect(files).to.include.members([
      'maindoc/UBL-Invoice-2.1.xsd',
      'maindoc/UBL-CreditNote-2.1.xsd',
      'maindoc/UBL-ApplicationResponse-2.1.xsd',
      'common/UBL-CommonAggregateComponents-2.1.xsd',
    ]);
    for (const [, sha256] of officialChecksums()) {
      expect(sha256).to.match(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses a named folder that lacks a file or holds a changed one, rather than falling back', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ubl21-'));
    expect(() => officialSchemaDirectory({ [UBL21_SCHEMAS_VARIABLE]: folder })).to.throw(/has no maindoc\//);
    for (const [file] of officialChecksums()) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), '<xsd:schema/>');
    }
    expect(() => officialSchemaDirectory({ [UBL21_SCHEMAS_VARIABLE]: folder })).to.throw(
      /not the file OASIS released/,
    );
  });
});

describe('oioubl: the official UBL 2.1 schemas', function () {
  before(function () {
    if (schemaSetInUse().name !== 'ubl-2.1') {
      // Not on this machine: the profile schemas are in use, and the tests above still pass with them.
      this.skip();
    }
  });

  it("accept the case story's invoices and credit note", async () => {
    expect(await schemaProblems(placementInvoice(), 'Invoice')).to.deep.equal([]);
    expect(await schemaProblems(addOnInvoice(), 'Invoice')).to.deep.equal([]);
    expect(await schemaProblems(taxiCreditNote(), 'CreditNote')).to.deep.equal([]);
    const hundredLines = Array.from({ length: 100 }, (_, index) => ({
      ...(PLACEMENT_LINES[index % PLACEMENT_LINES.length] ?? ADD_ON_LINE),
      item: `line-${index + 1}`,
    }));
    expect(await schemaProblems(placementInvoice({ lines: hundredLines }), 'Invoice')).to.deep.equal([]);
  });

  it('accept the faulty documents the profile rules refuse: the schema is not what refuses them', async () => {
    const faulty = [
      placementInvoice({ buyerGln: '5790000000005' }),
      placementInvoice({ sellerCvr: '12345678' }),
      placementInvoice({ currency: 'EUR' }),
      placementInvoice({ lineTotal: '128400.00', payable: '128400.00' }),
      placementInvoice({ orderReference: 'another-agreement' }),
      placementInvoice({ orderReference: undefined }),
      placementInvoice({ customizationId: 'urn:cen.eu:en16931:2017' }),
      placementInvoice({ typeCode: '325' }),
      placementInvoice({ periodStart: '2026-01-15', periodEnd: '2026-02-14' }),
      placementInvoice({ taxAmount: '32125.00' }),
      addOnInvoice({ lines: [{ ...ADD_ON_LINE, quantity: '24.125' }] }),
      placementInvoice({ buyerGln: MUNICIPALITY_GLN, note: '0101901234' }),
      taxiCreditNote({ billingReference: undefined }),
    ];
    for (const [index, xml] of faulty.entries()) {
      const name = xml.includes('<CreditNote') ? 'CreditNote' : 'Invoice';
      expect(await schemaProblems(xml, name), `faulty document ${index + 1}`).to.deep.equal([]);
    }
  });

  it('accept the answer to a refusal of every code, with and without a readable reference', async () => {
    for (const code of RECEIPT_REFUSAL_CODES) {
      const unread = new OioublRefusal(code, 'x');
      unread.documentSha256 = 'a'.repeat(64);
      expect(
        await schemaProblems(answerRefusal(ANSWER_HEADER, unread), 'ApplicationResponse'),
        code,
      ).to.deep.equal([]);
      const read = new OioublRefusal(code, 'x');
      read.reference = { type: 'Invoice', id: 'OV-2026-0217', issueDate: '2026-03-02' };
      expect(
        await schemaProblems(answerRefusal(ANSWER_HEADER, read), 'ApplicationResponse'),
        code,
      ).to.deep.equal([]);
    }
  });

  it('refuse what UBL 2.1 does not allow: element order, unknown elements, an amount without currency', async () => {
    const outOfOrder = placementInvoice({ extra: '<cbc:Note>first</cbc:Note>' });
    expect(await schemaProblems(outOfOrder, 'Invoice')).to.have.length.greaterThan(0);
    const unknown = placementInvoice().replace('<cbc:Note>', '<cbc:Unknown>1</cbc:Unknown><cbc:Note>');
    expect(await schemaProblems(unknown, 'Invoice')).to.have.length.greaterThan(0);
    const noCurrency = placementInvoice().replace(
      '<cbc:PayableAmount currencyID="DKK">',
      '<cbc:PayableAmount>',
    );
    expect(await schemaProblems(noCurrency, 'Invoice')).to.have.length.greaterThan(0);
    expect(await schemaProblems(taxiCreditNote(), 'Invoice')).to.have.length.greaterThan(0);
  });
});
