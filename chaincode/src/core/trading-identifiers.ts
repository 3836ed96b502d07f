import type { TradingIdentifiersInput } from '@fabric-agreements/api';
import type { IsoTimestamp } from './calendar-date';

/**
 * An organisation's trading identifiers in the organisation registry: what an OIOUBL document names it by. The
 * municipality is the buyer, named by its EAN (GLN) in NemHandel; a provider is the seller, named by its CVR number
 * (and an EAN if it has one). A received document's parties must match these, so a document addressed to another
 * buyer, or issued in another provider's name, is refused.
 */
export interface TradingIdentifiers {
  readonly mspId: string;
  /** CVR number, 8 digits (every Danish business and public body has one). */
  readonly cvr: string;
  /** EAN location number (GLN), 13 digits; required for the municipality, optional for a provider. */
  readonly gln?: string;
  readonly setAt: IsoTimestamp;
  /** Certificate id of the administrator who set them. */
  readonly setBy: string;
}

/** Whether two sets of identifiers say the same, so that a deploy script may set them twice. */
export function sameIdentifiers(a: TradingIdentifiersInput, b: TradingIdentifiersInput): boolean {
  return a.mspId === b.mspId && a.cvr === b.cvr && a.gln === b.gln;
}
