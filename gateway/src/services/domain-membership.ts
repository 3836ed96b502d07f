import { ApiError } from '../errors/api-error';
import type { SigningUser } from '../fabric/signing-user';

/** The part of a domain's organisation registry (`OrganisationContract:GetRegistry`) membership is read from. */
export interface RegistryMembers {
  readonly municipality: { readonly mspId: string } | null;
  readonly providers: readonly { readonly mspId: string }[];
}

interface CachedRegistry {
  readonly at: number;
  readonly municipality?: string;
  readonly members: ReadonlySet<string>;
}

/** How long a domain's member list is trusted before it is read again. */
const MEMBERS_TTL_MS = 30_000;

/**
 * Which organisations are members of each domain, from the channel's organisation registry, cached briefly. A
 * write that names endorsing organisations is checked against it first: asking the peer to endorse with an
 * organisation that is not on the channel fails like an unreachable peer (503, "retry later"), which would be a
 * lie — the request itself is wrong and retrying never helps.
 */
export class DomainMembership {
  readonly #read: (user: SigningUser, domain: string) => Promise<RegistryMembers>;
  readonly #cache = new Map<string, CachedRegistry>();

  constructor(read: (user: SigningUser, domain: string) => Promise<RegistryMembers>) {
    this.#read = read;
  }

  /**
   * @throws {@link ApiError} `UNKNOWN_ORGANISATION` (404) when one of `mspIds` is not a member of `domain`.
   */
  async requireMembers(user: SigningUser, domain: string, mspIds: readonly string[]): Promise<void> {
    let members = await this.#members(user, domain, false);
    if (mspIds.every((mspId) => members.has(mspId))) {
      return;
    }
    // The registry may have gained an organisation since it was cached.
    members = await this.#members(user, domain, true);
    if (!mspIds.every((mspId) => members.has(mspId))) {
      throw new ApiError({ code: 'UNKNOWN_ORGANISATION' });
    }
  }

  /**
   * The domain's municipality (a party to everything personal data is about).
   * @throws {@link ApiError} `PRECONDITION_FAILED` when the domain has none registered yet.
   */
  async municipality(user: SigningUser, domain: string): Promise<string> {
    const known = await this.#entry(user, domain, false);
    const municipality = known.municipality ?? (await this.#entry(user, domain, true)).municipality;
    if (municipality === undefined) {
      throw new ApiError({ code: 'PRECONDITION_FAILED', details: { reason: 'no_municipality' } });
    }
    return municipality;
  }

  async #members(user: SigningUser, domain: string, fresh: boolean): Promise<ReadonlySet<string>> {
    return (await this.#entry(user, domain, fresh)).members;
  }

  async #entry(user: SigningUser, domain: string, fresh: boolean): Promise<CachedRegistry> {
    const cached = this.#cache.get(domain);
    if (!fresh && cached !== undefined && Date.now() - cached.at < MEMBERS_TTL_MS) {
      return cached;
    }
    const registry = await this.#read(user, domain);
    const entry: CachedRegistry = {
      at: Date.now(),
      ...(registry.municipality === null ? {} : { municipality: registry.municipality.mspId }),
      members: new Set([
        ...(registry.municipality === null ? [] : [registry.municipality.mspId]),
        ...registry.providers.map((provider) => provider.mspId),
      ]),
    };
    this.#cache.set(domain, entry);
    return entry;
  }
}
