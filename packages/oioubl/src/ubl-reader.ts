import type { XmlDocument, XmlNode } from './libxml2-types';
import { XPATH_NAMESPACES } from './namespaces';
import type { ReceivedDocumentType } from './safe-xml';
import type {
  UblAllowanceCharge,
  UblAmount,
  UblDocument,
  UblIdentifier,
  UblLine,
  UblParty,
  UblPeriod,
  UblQuantity,
} from './ubl-document';

/** Document-level components whose count the profile rules check. */
const COUNTED = [
  'cbc:UBLVersionID',
  'cbc:CustomizationID',
  'cbc:ProfileID',
  'cbc:ID',
  'cbc:IssueDate',
  'cbc:InvoiceTypeCode',
  'cbc:CreditNoteTypeCode',
  'cbc:DocumentCurrencyCode',
  'cac:InvoicePeriod',
  'cac:OrderReference',
  'cac:AccountingSupplierParty',
  'cac:AccountingCustomerParty',
  'cac:LegalMonetaryTotal',
  'cac:InvoiceLine',
  'cac:CreditNoteLine',
] as const;

/** Reads the parts of a schema-valid UBL document the product uses. */
export function readUblDocument(document: XmlDocument, type: ReceivedDocumentType): UblDocument {
  const root = document.root;
  const lineName = type === 'Invoice' ? 'InvoiceLine' : 'CreditNoteLine';
  const quantityName = type === 'Invoice' ? 'InvoicedQuantity' : 'CreditedQuantity';
  const occurrences = Object.fromEntries(
    COUNTED.map((name) => [name.slice(4), root.find(name, XPATH_NAMESPACES).length]),
  );
  return {
    type,
    occurrences,
    ...optional('ublVersionId', text(root, 'cbc:UBLVersionID')),
    ...optional('customizationId', text(root, 'cbc:CustomizationID')),
    ...optional('profileId', identifier(root, 'cbc:ProfileID')),
    ...optional('id', text(root, 'cbc:ID')),
    ...optional('uuid', text(root, 'cbc:UUID')),
    ...optional('issueDate', text(root, 'cbc:IssueDate')),
    ...optional(
      'typeCode',
      text(root, type === 'Invoice' ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode'),
    ),
    ...optional('documentCurrencyCode', text(root, 'cbc:DocumentCurrencyCode')),
    currencyIds: root.find('.//@currencyID', XPATH_NAMESPACES).map((attribute) => attribute.content.trim()),
    ...optional('period', period(root, 'cac:InvoicePeriod')),
    ...optional('orderReferenceId', text(root, 'cac:OrderReference/cbc:ID')),
    billedInvoiceIds: root
      .find('cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID', XPATH_NAMESPACES)
      .map((node) => node.content.trim()),
    ...optional('supplier', party(root, 'cac:AccountingSupplierParty/cac:Party')),
    ...optional('customer', party(root, 'cac:AccountingCustomerParty/cac:Party')),
    allowanceCharges: allowanceCharges(root),
    taxTotals: root.find('cac:TaxTotal', XPATH_NAMESPACES).map((total) => ({
      ...optional('taxAmount', amount(total, 'cbc:TaxAmount')),
      subtotalTaxAmounts: total
        .find('cac:TaxSubtotal/cbc:TaxAmount', XPATH_NAMESPACES)
        .map((node) => amountOf(node)),
    })),
    ...optional('monetaryTotal', monetaryTotal(root)),
    lines: root.find(`cac:${lineName}`, XPATH_NAMESPACES).map((line) => readLine(line, quantityName)),
  };
}

function readLine(line: XmlNode, quantityName: string): UblLine {
  return {
    ...optional('id', text(line, 'cbc:ID')),
    ...optional('quantity', quantity(line, `cbc:${quantityName}`)),
    ...optional('lineExtensionAmount', amount(line, 'cbc:LineExtensionAmount')),
    ...optional('period', period(line, 'cac:InvoicePeriod')),
    allowanceCharges: allowanceCharges(line),
    ...optional('sellersItemId', text(line, 'cac:Item/cac:SellersItemIdentification/cbc:ID')),
    ...optional('priceAmount', amount(line, 'cac:Price/cbc:PriceAmount')),
    ...optional('baseQuantity', quantity(line, 'cac:Price/cbc:BaseQuantity')),
  };
}

function monetaryTotal(root: XmlNode): UblDocument['monetaryTotal'] {
  const total = root.get('cac:LegalMonetaryTotal', XPATH_NAMESPACES);
  if (!total) {
    return undefined;
  }
  return {
    ...optional('lineExtensionAmount', amount(total, 'cbc:LineExtensionAmount')),
    ...optional('taxExclusiveAmount', amount(total, 'cbc:TaxExclusiveAmount')),
    ...optional('taxInclusiveAmount', amount(total, 'cbc:TaxInclusiveAmount')),
    ...optional('allowanceTotalAmount', amount(total, 'cbc:AllowanceTotalAmount')),
    ...optional('chargeTotalAmount', amount(total, 'cbc:ChargeTotalAmount')),
    ...optional('prepaidAmount', amount(total, 'cbc:PrepaidAmount')),
    ...optional('payableRoundingAmount', amount(total, 'cbc:PayableRoundingAmount')),
    ...optional('payableAmount', amount(total, 'cbc:PayableAmount')),
  };
}

function party(root: XmlNode, xpath: string): UblParty | undefined {
  const node = root.get(xpath, XPATH_NAMESPACES);
  if (!node) {
    return undefined;
  }
  return {
    ...optional('endpoint', identifier(node, 'cbc:EndpointID')),
    partyIdentifications: node
      .find('cac:PartyIdentification/cbc:ID', XPATH_NAMESPACES)
      .map((id) => identifierOf(id)),
    legalCompanyIds: node
      .find('cac:PartyLegalEntity/cbc:CompanyID', XPATH_NAMESPACES)
      .map((id) => identifierOf(id)),
  };
}

function allowanceCharges(node: XmlNode): UblAllowanceCharge[] {
  return node.find('cac:AllowanceCharge', XPATH_NAMESPACES).map((charge) => ({
    chargeIndicator: text(charge, 'cbc:ChargeIndicator') ?? '',
    ...optional('amount', amount(charge, 'cbc:Amount')),
  }));
}

function period(node: XmlNode, xpath: string): UblPeriod | undefined {
  const found = node.get(xpath, XPATH_NAMESPACES);
  if (!found) {
    return undefined;
  }
  return {
    ...optional('startDate', text(found, 'cbc:StartDate')),
    ...optional('endDate', text(found, 'cbc:EndDate')),
  };
}

function text(node: XmlNode, xpath: string): string | undefined {
  return node.get(xpath, XPATH_NAMESPACES)?.content.trim();
}

function identifier(node: XmlNode, xpath: string): UblIdentifier | undefined {
  const found = node.get(xpath, XPATH_NAMESPACES);
  return found ? identifierOf(found) : undefined;
}

function identifierOf(node: XmlNode): UblIdentifier {
  return {
    value: node.content.trim(),
    ...optional('schemeID', attribute(node, 'schemeID')),
    ...optional('schemeAgencyID', attribute(node, 'schemeAgencyID')),
  };
}

function amount(node: XmlNode, xpath: string): UblAmount | undefined {
  const found = node.get(xpath, XPATH_NAMESPACES);
  return found ? amountOf(found) : undefined;
}

function amountOf(node: XmlNode): UblAmount {
  return { value: node.content.trim(), currencyID: attribute(node, 'currencyID') ?? '' };
}

function quantity(node: XmlNode, xpath: string): UblQuantity | undefined {
  const found = node.get(xpath, XPATH_NAMESPACES);
  return found
    ? { value: found.content.trim(), ...optional('unitCode', attribute(found, 'unitCode')) }
    : undefined;
}

function attribute(node: XmlNode, name: string): string | undefined {
  return node.get(`@${name}`, XPATH_NAMESPACES)?.content.trim();
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
}
