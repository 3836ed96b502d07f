/**
 * The live monthly price of a draft, computed by the chaincode's own pure rules (imported, never copied), so the
 * number a caseworker sees while typing is the one the ledger will use to pick the delegation tier.
 */
import { DEFAULT_TIERS } from 'agreements-chaincode/core/delegation-rule';
import { monthlyValueOf } from 'agreements-chaincode/core/service-line';
import type { DelegationTier, ServiceLine } from '../api/types';

/** A line's value per month in øre, or `undefined` when it cannot be computed (an overflow). */
export function lineMonthlyValue(line: ServiceLine): number | undefined {
  try {
    return monthlyValueOf(line);
  } catch {
    return undefined;
  }
}

/** The value per month of a set of lines (what decides the delegation tier). */
export function monthlyValue(lines: readonly ServiceLine[]): number {
  return lines.reduce((sum, line) => sum + (lineMonthlyValue(line) ?? 0), 0);
}

/** The tier of the municipality's rule that applies to a monthly value (the default rule when none is adopted). */
export function tierForValue(tiers: readonly DelegationTier[], value: number): DelegationTier {
  const rule = tiers.length > 0 ? tiers : (DEFAULT_TIERS as readonly DelegationTier[]);
  let applicable: DelegationTier = { fromMonthlyValue: 0, alternatives: [] };
  for (const tier of rule) {
    if (value >= tier.fromMonthlyValue) {
      applicable = tier;
    }
  }
  return applicable;
}

/** A tier as a sentence: "1 × Direktør eller 2 × Centerchef". */
export function describeTier(
  tier: DelegationTier,
  texts: {
    roles: Readonly<Record<string, string>>;
    inbox: { or: string; count: (n: number, role: string) => string };
  },
): string {
  return tier.alternatives
    .map((alternative) =>
      alternative
        .map((requirement) =>
          texts.inbox.count(
            requirement.count,
            requirement.role !== undefined
              ? (texts.roles[requirement.role] ?? requirement.role)
              : (requirement.people ?? []).join(', '),
          ),
        )
        .join(' + '),
    )
    .join(texts.inbox.or);
}
