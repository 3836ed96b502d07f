/** The UBL 2.1 namespaces OIOUBL 2.1 documents use. */
export const UBL_NAMESPACES = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  applicationResponse: 'urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
} as const;

/** Prefixes for XPath over a received document. */
export const XPATH_NAMESPACES = { cbc: UBL_NAMESPACES.cbc, cac: UBL_NAMESPACES.cac } as const;
