import type { ReceiptRefusalCode } from './refusal';

/**
 * The explanations an answer carries, Danish first (the provider's finance staff read them) and English second (for
 * logs and API clients). They say what is wrong in general terms and never repeat the document's values.
 */
export interface Explanation {
  readonly da: string;
  readonly en: string;
}

/** The OIOUBL response code a refusal answers with: unreadable → technical, wrong profile → profile, else business. */
export type OioublResponseCode =
  'TechnicalReject' | 'ProfileReject' | 'BusinessReject' | 'BusinessAccept' | 'TechnicalAccept';

/** Why a received document was refused before the agreement was consulted. */
export const REFUSAL_EXPLANATIONS: Readonly<
  Record<ReceiptRefusalCode, Explanation & { readonly response: OioublResponseCode }>
> = {
  DOCUMENT_TOO_LARGE: {
    response: 'TechnicalReject',
    da: 'Dokumentet er større end tilladt.',
    en: 'The document is larger than accepted.',
  },
  XML_MALFORMED: {
    response: 'TechnicalReject',
    da: 'Dokumentet er ikke gyldig XML i UTF-8.',
    en: 'The document is not well-formed UTF-8 XML.',
  },
  XML_FORBIDDEN_CONSTRUCT: {
    response: 'TechnicalReject',
    da: 'Dokumentet indeholder en DTD eller entitetserklæringer, som ikke modtages.',
    en: 'The document contains a DTD or entity declarations, which are not accepted.',
  },
  WRONG_DOCUMENT_TYPE: {
    response: 'TechnicalReject',
    da: 'Dokumentet er ikke en OIOUBL-faktura (typekode 380) eller -kreditnota i UBL 2.1-navnerummet.',
    en: 'The document is not an OIOUBL invoice (type code 380) or credit note in the UBL 2.1 namespace.',
  },
  XML_SCHEMA_INVALID: {
    response: 'TechnicalReject',
    da: 'Dokumentet overholder ikke skemaet for OIOUBL 2.1.',
    en: 'The document does not follow the OIOUBL 2.1 schema.',
  },
  PROFILE_NOT_SUPPORTED: {
    response: 'ProfileReject',
    da: 'CustomizationID, UBLVersionID eller ProfileID angiver ikke en OIOUBL-version og -profil, vi modtager.',
    en: 'CustomizationID, UBLVersionID or ProfileID names no OIOUBL version and profile we accept.',
  },
  CURRENCY_NOT_DKK: {
    response: 'BusinessReject',
    da: 'Alle beløb skal være i danske kroner (DKK).',
    en: 'Every amount must be in Danish kroner (DKK).',
  },
  WRONG_BUYER: {
    response: 'BusinessReject',
    da: 'Fakturaen er ikke adresseret til kommunens EAN-nummer.',
    en: "The invoice is not addressed to the municipality's EAN number.",
  },
  WRONG_SELLER: {
    response: 'BusinessReject',
    da: 'Leverandørens CVR- eller EAN-nummer svarer ikke til den leverandør, der har indsendt dokumentet.',
    en: "The seller's CVR or EAN number is not that of the provider who sent the document.",
  },
  INVALID_REFERENCE: {
    response: 'BusinessReject',
    da: 'Dokumentets nummer, ordrereference (aftalens id) eller fakturareference mangler eller er ikke gyldig.',
    en: "The document's number, order reference (the agreement's id) or invoice reference is missing or invalid.",
  },
  PERIOD_NOT_ONE_MONTH: {
    response: 'BusinessReject',
    da: 'Fakturaperioden skal ligge inden for én kalendermåned, og linjernes perioder inden for fakturaens måned.',
    en: "The invoice period must lie within one calendar month, and the lines' periods within the invoice's month.",
  },
  TOO_MANY_LINES: {
    response: 'BusinessReject',
    da: 'Dokumentet har flere linjer end tilladt (højst 100).',
    en: 'The document has more lines than accepted (at most 100).',
  },
  AMOUNT_NOT_IN_ORE: {
    response: 'BusinessReject',
    da: 'Et beløb mangler, er negativt eller har flere end to decimaler (hele øre).',
    en: 'An amount is missing, negative or has more than two decimals (whole øre).',
  },
  QUANTITY_NOT_SUPPORTED: {
    response: 'BusinessReject',
    da: 'En mængde skal være positiv og have højst to decimaler.',
    en: 'A quantity must be positive with at most two decimals.',
  },
  AMOUNTS_DO_NOT_ADD_UP: {
    response: 'BusinessReject',
    da: 'Beløbene summerer ikke: linjebeløb, momsbeløb og totaler stemmer ikke overens.',
    en: 'The amounts do not add up: line amounts, tax amounts and totals disagree.',
  },
  PAYABLE_DIFFERS_FROM_LINES: {
    response: 'BusinessReject',
    da: 'Beløbet til betaling skal være summen af linjerne: aftalerne er uden moms, rabatter, gebyrer og forudbetalinger.',
    en: 'The payable amount must be the sum of the lines: agreements have no VAT, allowances, charges or prepayments.',
  },
  UNMAPPED_LINE: {
    response: 'BusinessReject',
    da: 'En linje angiver ikke en ydelse i aftalen (varenummer i SellersItemIdentification).',
    en: 'A line names no service line of the agreement (item number in SellersItemIdentification).',
  },
};

/** Why the chaincode rejected an invoice line (chaincode/src/core/invoice.ts INVOICE_REJECTION_REASONS). */
export const LINE_REJECTION_EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  DUPLICATE_IN_INVOICE: {
    da: 'Ydelsen står mere end én gang på fakturaen.',
    en: 'The service line appears more than once on the invoice.',
  },
  UNKNOWN_LINE: {
    da: 'Ydelsen findes ikke i aftalen.',
    en: 'The service line is not part of the agreement.',
  },
  AFTER_TERMINATION: {
    da: 'Aftalen er ophørt før den fakturerede måned.',
    en: 'The agreement ended before the invoiced month.',
  },
  NOT_ACTIVE_IN_MONTH: {
    da: 'Ydelsen er ikke aktiv i den fakturerede måned.',
    en: 'The service line is not active in the invoiced month.',
  },
  ALREADY_INVOICED: {
    da: 'Ydelsen er allerede faktureret og godkendt for denne måned.',
    en: 'The service line has already been invoiced and accepted for this month.',
  },
  WRONG_PRICING: {
    da: 'Linjen er prissat forkert: en månedsydelse faktureres med beløb, en timeydelse med mængde og enhedspris.',
    en: 'The line is priced the wrong way: a monthly line gives an amount, a per-unit line a quantity and unit price.',
  },
  WRONG_PRICE: {
    da: 'Enhedsprisen svarer ikke til den aftalte pris.',
    en: 'The unit price is not the agreed price.',
  },
  QUANTITY_ABOVE_ALLOWANCE: {
    da: 'Mængden overstiger det aftalte for de dage, ydelsen var aktiv.',
    en: 'The quantity exceeds what was agreed for the days the line was active.',
  },
  WRONG_AMOUNT: {
    da: 'Beløbet svarer ikke til det aftalte (eventuelt forholdsmæssigt beregnet) beløb.',
    en: 'The amount is not the agreed (possibly prorated) amount.',
  },
  CREDITED_INVOICE_UNKNOWN: {
    da: 'Den krediterede faktura findes ikke på aftalen.',
    en: 'The credited invoice does not exist on the agreement.',
  },
  CREDITED_INVOICE_CLOSED: {
    da: 'Den krediterede faktura er afvist, betalt eller allerede sendt til betaling; krediteringen må modregnes uden for aftalen.',
    en: 'The credited invoice is rejected, paid or already exported for payment; the credit must be settled outside the agreement.',
  },
  NOT_ON_CREDITED_INVOICE: {
    da: 'Ydelsen er ikke en godkendt linje på den krediterede faktura.',
    en: 'The service line is not an accepted line of the credited invoice.',
  },
  CREDIT_ABOVE_PAYABLE: {
    da: 'Krediteringen overstiger det beløb, linjen gav til betaling.',
    en: 'The credit exceeds what the line made payable.',
  },
};

/** The explanation of a line rejection reason; an unknown reason gets a general one. */
export function lineRejectionExplanation(reason: string | undefined): Explanation {
  return (
    (reason === undefined ? undefined : LINE_REJECTION_EXPLANATIONS[reason]) ?? {
      da: 'Linjen er afvist ved kontrol mod aftalen.',
      en: 'The line was rejected when checked against the agreement.',
    }
  );
}
