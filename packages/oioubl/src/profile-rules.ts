import { MAX_INVOICE_LINES } from './product-invoice';
import { refuse } from './refusal';
import type { UblDocument } from './ubl-document';

/**
 * OIOUBL's header rules, checked in code on top of the schema the document has passed (the official UBL 2.1 one, or
 * the profile one, which admits components in any order and number): cardinality where OIOUBL and the product are
 * stricter than UBL 2.1 (which leaves UBLVersionID, CustomizationID, ProfileID, DocumentCurrencyCode, a line's
 * quantity and price optional and lets InvoicePeriod repeat), UBL version and CustomizationID, ProfileID, document
 * type code, currency.
 */

/** CustomizationIDs accepted, with the UBL version each goes with. */
export const ACCEPTED_CUSTOMIZATIONS: Readonly<Record<string, string>> = {
  'OIOUBL-2.1': '2.1',
  'OIOUBL-2.02': '2.0',
  'OIOUBL-2.01': '2.0',
};

/** ProfileID prefixes accepted: the NES profiles OIOUBL uses, and OIOUBL's own `Procurement-…` profiles. */
export const ACCEPTED_PROFILE_PREFIXES = ['urn:www.nesubl.eu:profiles:profile', 'Procurement-'] as const;

/** The type code each document must carry: 380 commercial invoice, 381 credit note (UNCL 1001). */
const TYPE_CODES = { Invoice: '380', CreditNote: '381' } as const;

const EXACTLY_ONCE = [
  'UBLVersionID',
  'CustomizationID',
  'ProfileID',
  'ID',
  'IssueDate',
  'DocumentCurrencyCode',
  'AccountingSupplierParty',
  'AccountingCustomerParty',
  'LegalMonetaryTotal',
] as const;
const AT_MOST_ONCE = ['InvoicePeriod', 'OrderReference', 'InvoiceTypeCode', 'CreditNoteTypeCode'] as const;

/**
 * @throws OioublRefusal `XML_SCHEMA_INVALID` (a component missing or repeated; details name it), `TOO_MANY_LINES`,
 * `PROFILE_NOT_SUPPORTED`, `WRONG_DOCUMENT_TYPE` (type code), `CURRENCY_NOT_DKK`.
 */
export function checkProfile(document: UblDocument): void {
  checkCardinality(document);
  checkVersionAndProfile(document);
  checkTypeCode(document);
  if (
    document.documentCurrencyCode !== 'DKK' ||
    document.currencyIds.some((currency) => currency !== 'DKK')
  ) {
    refuse('CURRENCY_NOT_DKK', 'every amount must be in Danish kroner (DKK)');
  }
}

/** An OIOUBL CustomizationID with its UBL version, and an OIOUBL or NES ProfileID. */
function checkVersionAndProfile(document: UblDocument): void {
  const ublVersion = ACCEPTED_CUSTOMIZATIONS[document.customizationId ?? ''];
  if (ublVersion === undefined || document.ublVersionId !== ublVersion) {
    refuse(
      'PROFILE_NOT_SUPPORTED',
      'the CustomizationID and UBLVersionID are not an OIOUBL version accepted',
      {
        field: 'CustomizationID',
      },
    );
  }
  const profile = document.profileId?.value ?? '';
  if (!ACCEPTED_PROFILE_PREFIXES.some((prefix) => profile.startsWith(prefix))) {
    refuse('PROFILE_NOT_SUPPORTED', 'the ProfileID is not an OIOUBL or NES profile', { field: 'ProfileID' });
  }
}

/** An invoice's type code must be 380; a credit note's, when it has one, 381. */
function checkTypeCode(document: UblDocument): void {
  const typeCode = document.typeCode;
  if ((document.type === 'Invoice' || typeCode !== undefined) && typeCode !== TYPE_CODES[document.type]) {
    refuse('WRONG_DOCUMENT_TYPE', `the document type code is not ${TYPE_CODES[document.type]}`, {
      field: document.type === 'Invoice' ? 'InvoiceTypeCode' : 'CreditNoteTypeCode',
    });
  }
}

function checkCardinality(document: UblDocument): void {
  const count = (name: string): number => document.occurrences[name] ?? 0;
  for (const name of EXACTLY_ONCE) {
    if (count(name) !== 1) {
      refuse('XML_SCHEMA_INVALID', `the document must have exactly one ${name}`, { element: name });
    }
  }
  for (const name of AT_MOST_ONCE) {
    if (count(name) > 1) {
      refuse('XML_SCHEMA_INVALID', `the document may have at most one ${name}`, { element: name });
    }
  }
  if (document.type === 'Invoice' && count('InvoiceTypeCode') !== 1) {
    refuse('XML_SCHEMA_INVALID', 'an invoice must have an InvoiceTypeCode', { element: 'InvoiceTypeCode' });
  }
  if (document.lines.length === 0) {
    refuse('XML_SCHEMA_INVALID', 'the document has no lines', { element: 'lines' });
  }
  if (document.lines.length > MAX_INVOICE_LINES) {
    refuse('TOO_MANY_LINES', `a document has at most ${MAX_INVOICE_LINES} lines`, { max: MAX_INVOICE_LINES });
  }
  document.lines.forEach((line, index) => {
    const missing = (
      [
        ['ID', line.id],
        ['quantity', line.quantity],
        ['LineExtensionAmount', line.lineExtensionAmount],
        ['PriceAmount', line.priceAmount],
      ] as const
    ).find(([, value]) => value === undefined);
    if (missing) {
      refuse('XML_SCHEMA_INVALID', `line ${index + 1} has no ${missing[0]}`, {
        element: missing[0],
        line: index + 1,
      });
    }
  });
}
