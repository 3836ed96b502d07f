/**
 * The case story's documents written as OIOUBL 2.1 (our own, shaped after the public OIOUBL sample invoices):
 * Opholdsstedet Østervold invoices Høje-Taastrup Kommune. Builders take overrides so each faulty document differs
 * from a valid one in one respect. Numbers are fictitious.
 */
import type { ExpectedBuyer, ExpectedSeller, ResponseHeader } from '@fabric-agreements/oioubl';

export const MUNICIPALITY_GLN = '5798000000017';
export const MUNICIPALITY_CVR = '19501817';
export const PLACEMENT_SITE_CVR = '29876543';
export const PLACEMENT_SITE_GLN = '5790000123456';

export const BUYER: ExpectedBuyer = { gln: MUNICIPALITY_GLN };
export const SELLER: ExpectedSeller = { cvr: PLACEMENT_SITE_CVR, gln: PLACEMENT_SITE_GLN };

export const ANSWER_HEADER: ResponseHeader = {
  responseId: 'AR-2026-0001',
  uuid: '3f1c2a9e-6b1d-4c2e-9a57-0d4e8b7c6a51',
  issueDate: '2026-03-03',
  sender: {
    endpointId: MUNICIPALITY_GLN,
    endpointScheme: 'GLN',
    name: 'Høje-Taastrup Kommune',
    cvr: MUNICIPALITY_CVR,
  },
  receiver: {
    endpointId: PLACEMENT_SITE_CVR,
    endpointScheme: 'DK:CVR',
    name: 'Opholdsstedet Østervold',
    cvr: PLACEMENT_SITE_CVR,
  },
};

/** One line of a document. */
export interface LineSpec {
  readonly item: string;
  readonly name: string;
  readonly quantity: string;
  readonly unitCode: string;
  readonly price: string;
  readonly amount: string;
}

/** The placement agreement's February lines: stay, school and taxi, each a month at the agreed monthly price. */
export const PLACEMENT_LINES: readonly LineSpec[] = [
  { item: 'stay', name: 'Ophold', quantity: '1', unitCode: 'MON', price: '95000.00', amount: '95000.00' },
  { item: 'school', name: 'Skole', quantity: '1', unitCode: 'MON', price: '24000.00', amount: '24000.00' },
  {
    item: 'taxi',
    name: 'Taxa til og fra skole',
    quantity: '1',
    unitCode: 'MON',
    price: '9500.00',
    amount: '9500.00',
  },
];

/** The add-on's February line: extra school support, 24 hours (6 a week for 28 days) at 444 kr. */
export const ADD_ON_LINE: LineSpec = {
  item: 'support',
  name: 'Ekstra skolestøtte',
  quantity: '24',
  unitCode: 'HUR',
  price: '444.00',
  amount: '10656.00',
};

/** What a document says, each part overridable. */
export interface DocumentSpec {
  readonly root: 'Invoice' | 'CreditNote';
  readonly namespace: string;
  readonly customizationId: string;
  readonly ublVersionId: string;
  readonly profileId: string;
  readonly id: string;
  readonly typeCode: string;
  readonly currency: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly orderReference: string | undefined;
  readonly billingReference: string | undefined;
  readonly buyerGln: string;
  readonly sellerCvr: string;
  readonly lines: readonly LineSpec[];
  /** Overrides LegalMonetaryTotal/LineExtensionAmount (default: the lines' sum). */
  readonly lineTotal: string | undefined;
  /** Overrides PayableAmount (default: the lines' sum). */
  readonly payable: string | undefined;
  readonly taxAmount: string;
  /** The document's Note (free text, where UBL 2.1 puts it: after the type code). */
  readonly note: string;
  /** Inserted right after the root's start tag: where UBL 2.1 allows only UBLExtensions. */
  readonly extra: string;
  /** Inserted before the root's start tag (after the XML declaration). */
  readonly prolog: string;
}

const INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

/** The placement site's February 2026 invoice for the placement agreement (128 500 kr). */
export function placementInvoice(overrides: Partial<DocumentSpec> = {}): string {
  return ublDocument({
    root: 'Invoice',
    namespace: INVOICE_NS,
    customizationId: 'OIOUBL-2.1',
    ublVersionId: '2.1',
    profileId: 'urn:www.nesubl.eu:profiles:profile5:ver2.0',
    id: 'OV-2026-0217',
    typeCode: '380',
    currency: 'DKK',
    periodStart: '2026-02-01',
    periodEnd: '2026-02-28',
    orderReference: 'placement-1',
    billingReference: undefined,
    buyerGln: MUNICIPALITY_GLN,
    sellerCvr: PLACEMENT_SITE_CVR,
    lines: PLACEMENT_LINES,
    lineTotal: undefined,
    payable: undefined,
    taxAmount: '0.00',
    note: 'Anbringelse, februar 2026',
    extra: '',
    prolog: '',
    ...overrides,
  });
}

/** The placement site's February 2026 invoice for the school-support add-on (24 h × 444 kr). */
export function addOnInvoice(overrides: Partial<DocumentSpec> = {}): string {
  return placementInvoice({
    id: 'OV-2026-0218',
    orderReference: 'addon-1',
    lines: [ADD_ON_LINE],
    ...overrides,
  });
}

/** A credit note for the February taxi (the taxi ended with January, say): 9 500 kr back. */
export function taxiCreditNote(overrides: Partial<DocumentSpec> = {}): string {
  return placementInvoice({
    root: 'CreditNote',
    namespace: CREDIT_NOTE_NS,
    id: 'OV-2026-0231',
    typeCode: '381',
    billingReference: 'OV-2026-0217',
    lines: [PLACEMENT_LINES[2]!],
    ...overrides,
  });
}

/** Writes a document from its spec, in UBL 2.1 element order: valid against the official UBL 2.1 schemas. */
export function ublDocument(spec: DocumentSpec): string {
  const isInvoice = spec.root === 'Invoice';
  const sum = spec.lines.reduce((total, line) => total + Math.round(Number(line.amount) * 100), 0);
  const lineTotal = spec.lineTotal ?? (sum / 100).toFixed(2);
  const payable = spec.payable ?? (sum / 100).toFixed(2);
  const c = spec.currency;
  const lines = spec.lines
    .map(
      (line, index) => `
  <cac:${isInvoice ? 'InvoiceLine' : 'CreditNoteLine'}>
    <cbc:ID>${index + 1}</cbc:ID>
    <cbc:${isInvoice ? 'InvoicedQuantity' : 'CreditedQuantity'} unitCode="${line.unitCode}">${line.quantity}</cbc:${isInvoice ? 'InvoicedQuantity' : 'CreditedQuantity'}>
    <cbc:LineExtensionAmount currencyID="${c}">${line.amount}</cbc:LineExtensionAmount>
${taxTotal(c, line.amount, '0.00', '    ')}
    <cac:Item>
      <cbc:Description>${line.name}</cbc:Description>
      <cbc:Name>${line.name}</cbc:Name>
      <cac:SellersItemIdentification>
        <cbc:ID>${line.item}</cbc:ID>
      </cac:SellersItemIdentification>
    </cac:Item>
    <cac:Price>
      <cbc:PriceAmount currencyID="${c}">${line.price}</cbc:PriceAmount>
      <cbc:BaseQuantity unitCode="${line.unitCode}">1</cbc:BaseQuantity>
    </cac:Price>
  </cac:${isInvoice ? 'InvoiceLine' : 'CreditNoteLine'}>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>${spec.prolog}
<${spec.root} xmlns="${spec.namespace}"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${spec.extra}
  <cbc:UBLVersionID>${spec.ublVersionId}</cbc:UBLVersionID>
  <cbc:CustomizationID>${spec.customizationId}</cbc:CustomizationID>
  <cbc:ProfileID schemeAgencyID="320" schemeID="urn:oioubl:id:profileid-1.2">${spec.profileId}</cbc:ProfileID>
  <cbc:ID>${spec.id}</cbc:ID>
  <cbc:UUID>9b0c6e52-2f0e-4d63-8f7e-3c1a5b2d7e90</cbc:UUID>
  <cbc:IssueDate>2026-03-02</cbc:IssueDate>
  <cbc:${isInvoice ? 'InvoiceTypeCode' : 'CreditNoteTypeCode'} listAgencyID="320" listID="urn:oioubl:codelist:${isInvoice ? 'invoicetypecode' : 'creditnotetypecode'}-1.1">${spec.typeCode}</cbc:${isInvoice ? 'InvoiceTypeCode' : 'CreditNoteTypeCode'}>
  <cbc:Note>${spec.note}</cbc:Note>
  <cbc:DocumentCurrencyCode>${spec.currency}</cbc:DocumentCurrencyCode>
  <cac:InvoicePeriod>
    <cbc:StartDate>${spec.periodStart}</cbc:StartDate>
    <cbc:EndDate>${spec.periodEnd}</cbc:EndDate>
  </cac:InvoicePeriod>${
    spec.orderReference === undefined
      ? ''
      : `
  <cac:OrderReference>
    <cbc:ID>${spec.orderReference}</cbc:ID>
  </cac:OrderReference>`
  }${
    spec.billingReference === undefined
      ? ''
      : `
  <cac:BillingReference>
    <cac:InvoiceDocumentReference>
      <cbc:ID>${spec.billingReference}</cbc:ID>
    </cac:InvoiceDocumentReference>
  </cac:BillingReference>`
  }
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cbc:EndpointID schemeID="DK:CVR">DK${spec.sellerCvr}</cbc:EndpointID>
      <cac:PartyIdentification>
        <cbc:ID schemeID="GLN">${PLACEMENT_SITE_GLN}</cbc:ID>
      </cac:PartyIdentification>
      <cac:PartyName>
        <cbc:Name>Opholdsstedet Østervold</cbc:Name>
      </cac:PartyName>
      <cac:PostalAddress>
        <cbc:AddressFormatCode listAgencyID="320" listID="urn:oioubl:codelist:addressformatcode-1.1">StructuredLax</cbc:AddressFormatCode>
        <cbc:StreetName>Østervoldvej</cbc:StreetName>
        <cbc:BuildingNumber>12</cbc:BuildingNumber>
        <cbc:CityName>Taastrup</cbc:CityName>
        <cbc:PostalZone>2630</cbc:PostalZone>
        <cac:Country>
          <cbc:IdentificationCode>DK</cbc:IdentificationCode>
        </cac:Country>
      </cac:PostalAddress>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>Opholdsstedet Østervold ApS</cbc:RegistrationName>
        <cbc:CompanyID schemeID="DK:CVR">DK${spec.sellerCvr}</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cbc:EndpointID schemeID="GLN">${spec.buyerGln}</cbc:EndpointID>
      <cac:PartyName>
        <cbc:Name>Høje-Taastrup Kommune</cbc:Name>
      </cac:PartyName>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>Høje-Taastrup Kommune</cbc:RegistrationName>
        <cbc:CompanyID schemeID="DK:CVR">DK${MUNICIPALITY_CVR}</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>${
    isInvoice
      ? `
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>42</cbc:PaymentMeansCode>
    <cbc:PaymentDueDate>2026-03-31</cbc:PaymentDueDate>
    <cbc:PaymentChannelCode listAgencyID="320" listID="urn:oioubl:codelist:paymentchannelcode-1.1">DK:BANK</cbc:PaymentChannelCode>
    <cac:PayeeFinancialAccount>
      <cbc:ID>0001234567</cbc:ID>
      <cac:FinancialInstitutionBranch>
        <cbc:ID>1234</cbc:ID>
      </cac:FinancialInstitutionBranch>
    </cac:PayeeFinancialAccount>
  </cac:PaymentMeans>`
      : ''
  }
${taxTotal(c, lineTotal, spec.taxAmount, '  ')}
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="${c}">${lineTotal}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="${c}">${spec.taxAmount}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="${c}">${payable}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="${c}">${payable}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>${lines}
</${spec.root}>
`;
}

/** A TaxTotal with one subtotal: exempt care services, written as OIOUBL's ZeroRated (0 %) category of VAT (63). */
function taxTotal(currency: string, taxable: string, tax: string, indent: string): string {
  return `<cac:TaxTotal>
  <cbc:TaxAmount currencyID="${currency}">${tax}</cbc:TaxAmount>
  <cac:TaxSubtotal>
    <cbc:TaxableAmount currencyID="${currency}">${taxable}</cbc:TaxableAmount>
    <cbc:TaxAmount currencyID="${currency}">${tax}</cbc:TaxAmount>
    <cac:TaxCategory>
      <cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxcategoryid-1.1">ZeroRated</cbc:ID>
      <cbc:Percent>0</cbc:Percent>
      <cac:TaxScheme>
        <cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxschemeid-1.5">63</cbc:ID>
        <cbc:Name>Moms</cbc:Name>
      </cac:TaxScheme>
    </cac:TaxCategory>
  </cac:TaxSubtotal>
</cac:TaxTotal>`
    .split('\n')
    .map((text) => indent + text)
    .join('\n');
}

/** UTF-8 bytes of a document. */
export function bytes(xml: string): Uint8Array {
  return new TextEncoder().encode(xml);
}
