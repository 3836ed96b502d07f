import type { DelegationTier } from '../api/types';
import { ApiRefusal } from '../api/refusal';
import { parseKroner } from './format';

/**
 * The delegation rule as the director edits it: amounts as typed (kroner), counts as typed, and a key per row so
 * React keeps each field's focus while rows come and go. Named-people requirements are kept as they are.
 */
export interface RequirementDraft {
  readonly key: number;
  readonly role?: string;
  readonly people?: readonly string[];
  readonly count: string;
}
export interface AlternativeDraft {
  readonly key: number;
  readonly requirements: readonly RequirementDraft[];
}
export interface TierDraft {
  readonly key: number;
  readonly fromKroner: string;
  readonly alternatives: readonly AlternativeDraft[];
}

let nextKey = 0;
/** A key no row of this page has had. */
export function freshKey(): number {
  nextKey += 1;
  return nextKey;
}

export function newRequirement(role = 'centre_head'): RequirementDraft {
  return { key: freshKey(), role, count: '1' };
}

export function newAlternative(): AlternativeDraft {
  return { key: freshKey(), requirements: [newRequirement()] };
}

export function newTier(fromKroner: string): TierDraft {
  return { key: freshKey(), fromKroner, alternatives: [newAlternative()] };
}

/** Øre as a person types kroner: "500000", or "444,50" with øre. */
function kronerText(ore: number): string {
  return ore % 100 === 0 ? (ore / 100).toString() : (ore / 100).toFixed(2).replace('.', ',');
}

/** The rule in force as a draft to start from. */
export function draftOf(tiers: readonly DelegationTier[]): TierDraft[] {
  return tiers.map((tier) => ({
    key: freshKey(),
    fromKroner: kronerText(tier.fromMonthlyValue),
    alternatives: tier.alternatives.map((alternative) => ({
      key: freshKey(),
      requirements: alternative.map((requirement) => ({
        key: freshKey(),
        ...(requirement.role === undefined ? {} : { role: requirement.role }),
        ...(requirement.people === undefined ? {} : { people: requirement.people }),
        count: requirement.count.toString(),
      })),
    })),
  }));
}

function requirementInput(requirement: RequirementDraft): Record<string, unknown> {
  const count = /^\d{1,2}$/.test(requirement.count.trim()) ? Number(requirement.count.trim()) : Number.NaN;
  return requirement.people === undefined
    ? { role: requirement.role, count }
    : { people: requirement.people, count };
}

/**
 * The body of `PUT …/registry/delegation-rule`. The chaincode checks the rule (tiers rising from 0, a role once per
 * alternative); only what cannot be sent at all is refused here, as the gateway would: `VALIDATION_FAILED` naming
 * the field by JSON pointer.
 * @throws ApiRefusal `VALIDATION_FAILED` for an amount or count that is not a number.
 */
export function ruleInput(drafts: readonly TierDraft[]): { tiers: unknown[] } {
  const tiers = drafts.map((tier, t) => {
    const fromMonthlyValue = parseKroner(tier.fromKroner);
    if (fromMonthlyValue === undefined) {
      throw new ApiRefusal('VALIDATION_FAILED', 0, { field: `/tiers/${t.toString()}/fromMonthlyValue` });
    }
    const alternatives = tier.alternatives.map((alternative, a) =>
      alternative.requirements.map((requirement, r) => {
        const input = requirementInput(requirement);
        if (Number.isNaN(input.count)) {
          const field = `/tiers/${t.toString()}/alternatives/${a.toString()}/${r.toString()}/count`;
          throw new ApiRefusal('VALIDATION_FAILED', 0, { field });
        }
        return input;
      }),
    );
    return { fromMonthlyValue, alternatives };
  });
  return { tiers };
}

/** `list` with the item at `index` replaced. */
export function replaced<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing));
}

/** `list` without the item at `index`. */
export function without<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}
