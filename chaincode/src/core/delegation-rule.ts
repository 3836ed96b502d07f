import { requireMoment, type IsoTimestamp, type Moment } from './calendar-date';
import { requireId } from './ids';
import type { Ore } from './money';
import { MUNICIPAL_SIGNING_ROLES, type MunicipalSigningRole, type Role } from './parties';
import { parseBySchema, parseInput } from './schema-walk';
import { invalid } from './validation';
import {
  DelegationRuleInputSchema,
  MAX_SIGNERS_PER_REQUIREMENT,
  Refusal,
  type DelegationTier,
  type SigningRequirement,
} from '@fabric-agreements/api';

/**
 * Who must sign for the municipality, as data — the municipality's own rule: tiers by the agreement's monthly value,
 * each with alternatives; an alternative is satisfied when its requirements can be met by *different* people at
 * once (`count` people with `role`, or `count` of the named `people`), so nobody ever counts twice.
 * Default: one director, or two different centre heads.
 */

/** The rule's parts as submitted; their schemas are in `@fabric-agreements/api`. */
export type { DelegationTier, SigningRequirement };

/** The requirements that together complete the municipal side. */
export type SigningAlternative = readonly SigningRequirement[];

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

/**
 * The default rule (version 1) for a municipality.
 * @throws Refusal `INVALID_ID` if the MSP id is not a valid id.
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
 * @throws Refusal `VALIDATION_FAILED` if the tiers are malformed (see {@link parseDelegationTiers});
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
    throw new Refusal('PRECONDITION_FAILED', 'the current rule belongs to another municipality');
  }
  return {
    municipalityMspId,
    version: (current?.version ?? 0) + 1,
    tiers: parseDelegationTiers(tiers),
    adoptedAt: at.instant,
  };
}

/**
 * Reads a delegation rule as the municipality submits it (`SetDelegationRule`): `{"tiers": [...]}` by its schema (the
 * object named `rule`), then its tiers as {@link parseDelegationTiers} does.
 * @throws Refusal `VALIDATION_FAILED` (or `INVALID_ID` for a malformed certificate id) otherwise.
 */
export function parseDelegationRuleInput(value: unknown): readonly DelegationTier[] {
  return checkTiers(parseInput(DelegationRuleInputSchema, value, 'rule').tiers);
}

/**
 * Reads tiers from untyped input: 1–10 tiers with strictly increasing thresholds starting at 0; each with 1–10
 * alternatives of 1–10 requirements: `{"role", "count"}` with a municipal staff role (caseworker, centre_head,
 * director, mayor; each role once per alternative) or `{"people": [certId, …], "count"}` with 1–20 different named
 * people; counts of 1–10 (for named people, at most as many as are named).
 * @throws Refusal `VALIDATION_FAILED` (or `INVALID_ID` for a malformed certificate id) otherwise.
 */
export function parseDelegationTiers(value: unknown): readonly DelegationTier[] {
  return checkTiers(parseBySchema(DelegationRuleInputSchema.properties.tiers, value, 'tiers'));
}

/** What the schema cannot say: tiers start at 0 and rise strictly; see {@link checkAlternative}. */
function checkTiers(tiers: readonly DelegationTier[]): readonly DelegationTier[] {
  tiers.forEach((tier, index) => {
    const field = `tiers[${index}]`;
    tier.alternatives.forEach((alternative, a) => {
      checkAlternative(alternative, `${field}.alternatives[${a}]`);
    });
    const previous = tiers[index - 1];
    const ordered = previous
      ? tier.fromMonthlyValue > previous.fromMonthlyValue
      : tier.fromMonthlyValue === 0;
    if (!ordered) {
      invalid(`${field}.fromMonthlyValue`, 'not_ordered', 'tiers start at 0 and rise strictly');
    }
  });
  return tiers;
}

/** Each role once per alternative; no more named signers counted than are named. */
function checkAlternative(alternative: SigningAlternative, field: string): void {
  alternative.forEach((requirement, index) => {
    if ('people' in requirement && requirement.count > requirement.people.length) {
      const max = Math.min(MAX_SIGNERS_PER_REQUIREMENT, requirement.people.length);
      invalid(`${field}[${index}].count`, 'not_in_range', `must be a whole number from 1 to ${max}`, {
        min: 1,
        max,
      });
    }
  });
  const roles = alternative.flatMap((requirement) => ('role' in requirement ? [requirement.role] : []));
  if (new Set(roles).size !== roles.length) {
    invalid(field, 'duplicate', 'name each role once per alternative');
  }
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
    throw new Refusal('PRECONDITION_FAILED', 'the delegation rule has no tiers');
  }
  return applicable;
}

/** A person signing for the municipality, as the rule sees them. */
export interface MunicipalSigner {
  readonly certId: string;
  readonly role: Role;
}

/** Whether a signer can fill a requirement. */
function fills(signer: MunicipalSigner, requirement: SigningRequirement): boolean {
  return 'role' in requirement
    ? signer.role === requirement.role
    : requirement.people.includes(signer.certId);
}

/** The roles named in some alternative of a tier (for error details). */
export function rolesThatCount(tier: DelegationTier): readonly MunicipalSigningRole[] {
  const roles = new Set(
    tier.alternatives.flatMap((alternative) =>
      alternative.flatMap((requirement) => ('role' in requirement ? [requirement.role] : [])),
    ),
  );
  return MUNICIPAL_SIGNING_ROLES.filter((role) => roles.has(role));
}

/** Whether a signer could count towards some alternative of a tier (by role, or as a named person). */
export function canCount(tier: DelegationTier, signer: MunicipalSigner): boolean {
  return tier.alternatives.some((alternative) =>
    alternative.some((requirement) => fills(signer, requirement)),
  );
}

/**
 * Whether signatures by these people complete a tier: for some alternative, every requirement can be met at the
 * same time by different people (a maximum matching of people to the alternative's places). A person counts once,
 * whatever role they appear with and however many requirements name them.
 */
export function satisfiesTier(tier: DelegationTier, signers: readonly MunicipalSigner[]): boolean {
  const distinct = signers.filter(
    (signer, index) => signers.findIndex((other) => other.certId === signer.certId) === index,
  );
  return tier.alternatives.some((alternative) => satisfiesAlternative(alternative, distinct));
}

function satisfiesAlternative(alternative: SigningAlternative, signers: readonly MunicipalSigner[]): boolean {
  const places = alternative.flatMap((requirement) =>
    Array.from({ length: requirement.count }, () => requirement),
  );
  if (places.length > signers.length) {
    return false;
  }
  // Kuhn's augmenting paths: at most 100 places × a handful of signers.
  const holder: (number | undefined)[] = places.map(() => undefined);
  const seat = (signerIndex: number, tried: Set<number>): boolean => {
    const signer = signers[signerIndex];
    for (let place = 0; place < places.length; place++) {
      const requirement = places[place];
      if (
        signer === undefined ||
        requirement === undefined ||
        tried.has(place) ||
        !fills(signer, requirement)
      ) {
        continue;
      }
      tried.add(place);
      const current = holder[place];
      if (current === undefined || seat(current, tried)) {
        holder[place] = signerIndex;
        return true;
      }
    }
    return false;
  };
  let seated = 0;
  for (let index = 0; index < signers.length; index++) {
    seated += seat(index, new Set()) ? 1 : 0;
  }
  return seated >= places.length;
}
