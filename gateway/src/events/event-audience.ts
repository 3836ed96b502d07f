import type { LedgerEvent } from './event-listener';

/** Events about the channel's organisations and rules: every member may know them. */
const CHANNEL_EVENTS: ReadonlySet<string> = new Set(['OrganisationRegistered', 'DelegationRuleAdopted']);

/** Events about a child's personal data: only the municipality (the data controller) learns when it was touched. */
const PERSONAL_DATA_EVENTS: ReadonlySet<string> = new Set([
  'PersonalDataWritten',
  'PersonalDataAccessed',
  'PersonalDataErased',
]);

/** Who is looking at a domain's events. */
export interface EventViewer {
  readonly mspId: string;
  /** Whether the viewer is the domain's municipality (from the channel's organisation registry). */
  readonly isMunicipality: boolean;
}

/**
 * Whether an organisation may learn of an event: channel events go to every member; personal-data events to the
 * municipality only; an agreement event to its two parties (`municipalityMspId`, `providerMspId` in the payload).
 * Anything else — an agreement event without its parties, an event type this gateway does not know — goes to the
 * municipality only: a provider never learns of another provider's agreements, invoices or children.
 */
export function admitsEvent(event: LedgerEvent, viewer: EventViewer): boolean {
  if (CHANNEL_EVENTS.has(event.type)) {
    return true;
  }
  if (PERSONAL_DATA_EVENTS.has(event.type)) {
    return viewer.isMunicipality;
  }
  const payload =
    typeof event.payload === 'object' && event.payload !== null
      ? (event.payload as Readonly<Record<string, unknown>>)
      : {};
  const { municipalityMspId, providerMspId } = payload;
  if (typeof municipalityMspId !== 'string' || typeof providerMspId !== 'string') {
    return viewer.isMunicipality;
  }
  return viewer.mspId === providerMspId || (viewer.isMunicipality && viewer.mspId === municipalityMspId);
}

/**
 * One organisation's view of each domain's events: {@link admitsEvent} with the organisation's place in the domain
 * read from the channel's registry (once per domain, then cached).
 */
export class EventAudience {
  readonly #mspId: string;
  readonly #municipalityOf: (domain: string) => Promise<string | undefined>;
  readonly #viewers = new Map<string, Promise<EventViewer>>();

  /**
   * @param municipalityOf - the MSP id of a domain's municipality (`undefined` if the registry names none).
   */
  constructor(mspId: string, municipalityOf: (domain: string) => Promise<string | undefined>) {
    this.#mspId = mspId;
    this.#municipalityOf = municipalityOf;
  }

  /** This organisation as a viewer of `domain`'s events. */
  viewerOf(domain: string): Promise<EventViewer> {
    let viewer = this.#viewers.get(domain);
    if (viewer === undefined) {
      viewer = this.#municipalityOf(domain).then((municipality) => ({
        mspId: this.#mspId,
        isMunicipality: municipality === this.#mspId,
      }));
      viewer.catch(() => this.#viewers.delete(domain));
      this.#viewers.set(domain, viewer);
    }
    return viewer;
  }

  /** Whether this organisation may learn of `event`. */
  async admits(event: LedgerEvent): Promise<boolean> {
    return admitsEvent(event, await this.viewerOf(event.domain));
  }
}
