/** OIOUBL documents for the component tests, shaped as the gateway and the case story's provider write them. */

/** An answer as the gateway writes it (packages/oioubl, application-response.ts): one rejected line. */
export const PARTLY_REJECTED = `<?xml version="1.0" encoding="UTF-8"?>
<ApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
  <cbc:ID>AR-1</cbc:ID>
  <cbc:IssueDate>2026-03-03</cbc:IssueDate>
  <cac:DocumentResponse>
    <cac:Response>
      <cbc:ReferenceID>PARTIALLY_ACCEPTED</cbc:ReferenceID>
      <cbc:ResponseCode>BusinessReject</cbc:ResponseCode>
      <cbc:Description>Fakturaen er delvist afvist.</cbc:Description>
    </cac:Response>
    <cac:DocumentReference>
      <cbc:ID>OV-2026-0217</cbc:ID>
      <cbc:DocumentTypeCode>Invoice</cbc:DocumentTypeCode>
    </cac:DocumentReference>
    <cac:LineResponse>
      <cac:LineReference>
        <cbc:LineID>3</cbc:LineID>
      </cac:LineReference>
      <cac:Response>
        <cbc:ReferenceID>NOT_ACTIVE_IN_MONTH</cbc:ReferenceID>
        <cbc:ResponseCode>BusinessReject</cbc:ResponseCode>
        <cbc:Description>Ydelsen er ikke aktiv i den fakturerede måned.</cbc:Description>
      </cac:Response>
    </cac:LineResponse>
  </cac:DocumentResponse>
</ApplicationResponse>
`;

/** The provider's invoice the answer is to (two of its lines). */
export const INVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>OV-2026-0217</cbc:ID>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:LineExtensionAmount currencyID="DKK">95000.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Ophold</cbc:Name><cac:SellersItemIdentification><cbc:ID>stay</cbc:ID></cac:SellersItemIdentification></cac:Item>
  </cac:InvoiceLine>
  <cac:InvoiceLine>
    <cbc:ID>3</cbc:ID>
    <cbc:LineExtensionAmount currencyID="DKK">9500.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Taxa</cbc:Name><cac:SellersItemIdentification><cbc:ID>taxi</cbc:ID></cac:SellersItemIdentification></cac:Item>
  </cac:InvoiceLine>
</Invoice>`;
