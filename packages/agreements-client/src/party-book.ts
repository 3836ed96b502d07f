/**
 * Which two organisations are party to each agreement, per channel: a write to an agreement is endorsed by exactly
 * their peers (the chaincode refuses any other endorser, and discovery alone may pick another provider's peer).
 * Parties never change, so what one client learns serves every client sharing the book.
 */
export class PartyBook {
  readonly #parties = new Map<string, readonly string[]>();

  get(channel: string, agreementId: string): readonly string[] | undefined {
    return this.#parties.get(`${channel}/${agreementId}`);
  }

  /** Remembers the parties of whatever agreement-shaped value a call returned (or of a draft sent). */
  learn(channel: string, value: unknown): void {
    if (typeof value !== 'object' || value === null) return;
    const { id, municipalityMspId, providerMspId } = value as Record<string, unknown>;
    if (
      typeof id === 'string' &&
      typeof municipalityMspId === 'string' &&
      typeof providerMspId === 'string'
    ) {
      this.#parties.set(`${channel}/${id}`, [municipalityMspId, providerMspId]);
    }
  }
}

/** The book clients share unless given their own. */
export const sharedPartyBook = new PartyBook();
