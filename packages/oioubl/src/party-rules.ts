import { refuse } from './refusal';
import type { UblDocument, UblIdentifier, UblParty } from './ubl-document';

/**
 * The parties are checked against the organisation registry (the caller passes what it holds): the buyer is the
 * municipality by its EAN (GLN) endpoint; the seller is the provider by its CVR number (and its EAN, when the
 * registry has one). OIOUBL writes these with schemeID `GLN` / `DK:CVR`; Peppol and NemHandel BIS with the ISO 6523
 * codes `0088` (GLN) / `0184` (DK CVR); both are accepted. A CVR may be written with its `DK` prefix.
 */

/** The municipality as the organisation registry holds it. */
export interface ExpectedBuyer {
  /** EAN location number (GLN), 13 digits. */
  readonly gln: string;
}

/** The provider as the organisation registry holds it. */
export interface ExpectedSeller {
  /** CVR number, 8 digits. */
  readonly cvr: string;
  /** EAN location number (GLN), 13 digits, when the provider has one. */
  readonly gln?: string;
}

const GLN_SCHEMES = ['GLN', '0088'];
const CVR_SCHEMES = ['DK:CVR', '0184'];
const GLN = /^\d{13}$/;
const CVR = /^\d{8}$/;

/**
 * @throws OioublRefusal `WRONG_BUYER` or `WRONG_SELLER` (details: which check; never the document's values).
 * @throws TypeError if the caller's registry values are not a 13-digit GLN / 8-digit CVR.
 */
export function checkParties(document: UblDocument, buyer: ExpectedBuyer, seller: ExpectedSeller): void {
  if (!GLN.test(buyer.gln) || !CVR.test(seller.cvr) || (seller.gln !== undefined && !GLN.test(seller.gln))) {
    throw new TypeError('the expected parties must be a 13-digit GLN and an 8-digit CVR');
  }
  const customerEndpoint = document.customer?.endpoint;
  if (!customerEndpoint || !GLN_SCHEMES.includes(customerEndpoint.schemeID ?? '')) {
    refuse('WRONG_BUYER', "the buyer's EndpointID must be an EAN (GLN) number", {
      reason: 'endpoint_scheme',
    });
  }
  if (customerEndpoint.value !== buyer.gln) {
    refuse('WRONG_BUYER', 'the document is addressed to another buyer', { reason: 'endpoint' });
  }
  checkSeller(document.supplier, seller);
}

function checkSeller(party: UblParty | undefined, seller: ExpectedSeller): void {
  const endpoint = party?.endpoint;
  const endpointScheme = endpoint?.schemeID ?? '';
  if (!endpoint || ![...GLN_SCHEMES, ...CVR_SCHEMES].includes(endpointScheme)) {
    refuse('WRONG_SELLER', "the seller's EndpointID must be a CVR or EAN (GLN) number", {
      reason: 'endpoint_scheme',
    });
  }
  const identifiers: UblIdentifier[] = [endpoint, ...party.partyIdentifications, ...party.legalCompanyIds];
  const cvrs = identifiers
    .filter((id) => CVR_SCHEMES.includes(id.schemeID ?? ''))
    .map((id) => cvrOf(id.value));
  const glns = identifiers.filter((id) => GLN_SCHEMES.includes(id.schemeID ?? '')).map((id) => id.value);
  if (cvrs.length === 0) {
    refuse('WRONG_SELLER', "the seller's CVR number is missing", { reason: 'cvr_missing' });
  }
  if (cvrs.some((cvr) => cvr !== seller.cvr)) {
    refuse('WRONG_SELLER', "the seller's CVR number is not the provider's", { reason: 'cvr' });
  }
  if (seller.gln !== undefined && glns.some((gln) => gln !== seller.gln)) {
    refuse('WRONG_SELLER', "the seller's EAN number is not the provider's", { reason: 'gln' });
  }
}

/** `DK12345678`, `DK 12345678` and `12345678` are the same CVR number. */
function cvrOf(value: string): string {
  return value.replace(/^DK\s*/i, '');
}
