import { requireMoment, type IsoTimestamp, type Moment } from './calendar-date';
import { DomainError } from './errors';
import { requireId } from './ids';
import type { Ore } from './money';
import { MUNICIPAL_SIGNING_ROLES, type MunicipalSigningRole, type Role } from './parties';
import { invalid, requireArray, requireInteger, requireOneOf, requireOre, requireRecord } from './validation';

/**
 * Who must sign for the municipality, as data: tiers by the agreement's monthly value, each with alternatives;
 * an alternative is satisfied when every requirement of it has `count` different people of `role`.
 * Default: one director, or two different centre heads.
 */

/** `count` different signers with `role`. */
export interface RoleRequirement {
  readonly role: MunicipalSigningRole;
  readonly count: number;
}

/** The requirements that together complete the municipal side. */
export type SigningAlternative = readonly RoleRequirement[];

/** The alternatives that apply from a monthly value upward. */
export interface DelegationTier {
  /** Applies when the agreement's monthly value (øre) is at least this; the first tier starts at 0. */
  readonly fromMonthlyValue: Ore;
  readonly alternatives: readonly SigningAlternative[];
}

/** A municipality's delegation rule; every change is a new version. */
export interface DelegationRule {
  readonly municipalityMspId: string;
  readonly version: number;
  readonly tiers: readonly DelegationTier[];
  readonly adoptedAt?: IsoTimestamp;
}

/** "One director, or two different centre heads", whatever the amount. */
export const DEFAULT_TIERS: readonly DelegationTier[] = [
  {
    fromMonthlyValue: 0,
    alternatives: [[{ role: 'director', count: 1 }], [{ role: 'centre_head', count: 2 }]],
  },
];

const MAX_TIERS = 10;
const MAX_ALTERNATIVES = 10;
const MAX_SIGNERS_PER_ROLE = 10;

/**
 * The default rule (version 1) for a municipality.
 * @throws DomainError `INVALID_ID` if the MSP id is not a valid id.
 */
export function defaultDelegationRule(municipalityMspId: string): DelegationRule {
  return {
    municipalityMspId: requireId(municipalityMspId, 'municipalityMspId'),
    version: 1,
    tiers: DEFAULT_TIERS,
  };
}

/**
 * Adopts new tiers as the next version of the municipality's rule (version 1 when there is none yet).
 * @throws DomainError `VALIDATION_FAILED` if the tiers are malformed (see {@link parseDelegationTiers});
 * `PRECONDITION_FAILED` if `current` belongs to another municipality.
 */
export function adoptDelegationRule(
  municipalityMspId: string,
  current: DelegationRule | undefined,
  tiers: unknown,
  at: Moment,
): DelegationRule {
  requireMoment(at);
  requireId(municipalityMspId, 'municipalityMspId');
  if (current && current.municipalityMspId !== municipalityMspId) {
    throw new DomainError('PRECONDITION_FAILED', 'the current rule belongs to another municipality');
  }
  return {
    municipalityMspId,
    version: (current?.version ?? 0) + 1,
    tiers: parseDelegationTiers(tiers),
    adoptedAt: at.instant,
  };
}

/**
 * Reads tiers from untyped input: 1–10 tiers with strictly increasing thresholds starting at 0; each with 1–10
 * alternatives of distinct signing roles (centre_head, director — never caseworker) and counts of 1–10.
 * @throws DomainError `VALIDATION_FAILED` otherwise.
 */
export function parseDelegationTiers(value: unknown): readonly DelegationTier[] {
  const tiers = requireArray(value, 'tiers', 1, MAX_TIERS).map((item, index) => {
    const field = `tiers[${index}]`;
    const tier = requireRecord(item, field, ['fromMonthlyValue', 'alternatives']);
    return {
      fromMonthlyValue: requireOre(tier.fromMonthlyValue, `${field}.fromMonthlyValue`),
      alternatives: requireArray(tier.alternatives, `${field}.alternatives`, 1, MAX_ALTERNATIVES).map(
        (alt, a) => parseAlternative(alt, `${field}.alternatives[${a}]`),
      ),
    };
  });
  tiers.forEach((tier, index) => {
    const previous = tiers[index - 1];
    const ordered = previous
      ? tier.fromMonthlyValue > previous.fromMonthlyValue
      : tier.fromMonthlyValue === 0;
    if (!ordered) {
      invalid(`tiers[${index}].fromMonthlyValue`, 'not_ordered', 'tiers start at 0 and rise strictly');
    }
  });
  return tiers;
}

function parseAlternative(value: unknown, field: string): SigningAlternative {
  const requirements = requireArray(value, field, 1, MUNICIPAL_SIGNING_ROLES.length).map((item, index) => {
    const requirement = requireRecord(item, `${field}[${index}]`, ['role', 'count']);
    return {
      role: requireOneOf(requirement.role, `${field}[${index}].role`, MUNICIPAL_SIGNING_ROLES),
      count: requireInteger(requirement.count, `${field}[${index}].count`, 1, MAX_SIGNERS_PER_ROLE),
    };
  });
  if (new Set(requirements.map((requirement) => requirement.role)).size !== requirements.length) {
    invalid(field, 'duplicate', 'name each role once per alternative');
  }
  return requirements;
}

/** The tier that applies to an agreement worth `monthlyValue` øre per month. */
export function tierFor(rule: DelegationRule, monthlyValue: Ore): DelegationTier {
  let applicable = rule.tiers[0];
  for (const tier of rule.tiers) {
    if (monthlyValue >= tier.fromMonthlyValue) {
      applicable = tier;
    }
  }
  if (!applicable) {
    throw new DomainError('PRECONDITION_FAILED', 'the delegation rule has no tiers');
  }
  return applicable;
}

/** The roles that can contribute to some alternative of a tier. */
export function rolesThatCount(tier: DelegationTier): readonly MunicipalSigningRole[] {
  const roles = new Set(
    tier.alternatives.flatMap((alternative) => alternative.map((requirement) => requirement.role)),
  );
  return MUNICIPAL_SIGNING_ROLES.filter((role) => roles.has(role));
}

/**
 * Whether signatures by these people complete a tier: some alternative has, for each requirement, at least
 * `count` different signers with that role. Each signer counts once whatever they appear as.
 */
export function satisfiesTier(
  tier: DelegationTier,
  signers: readonly { certId: string; role: Role }[],
): boolean {
  const distinctByRole = new Map<Role, Set<string>>();
  for (const signer of signers) {
    const set = distinctByRole.get(signer.role) ?? new Set<string>();
    set.add(signer.certId);
    distinctByRole.set(signer.role, set);
  }
  return tier.alternatives.some((alternative) =>
    alternative.every(
      (requirement) => (distinctByRole.get(requirement.role)?.size ?? 0) >= requirement.count,
    ),
  );
}
