import type { CriteriaInput, Outcome } from '../criteria/evaluate';
import { evaluate } from '../criteria/evaluate';
import type { EmployeeCount } from './company-size';
import type { RoutingConfig, Tier } from './config-schema';

/** A tier's extra conditions (`when`), evaluated once per decision. */
export interface TierCondition {
  readonly tier: Tier;
  /** `true` when the tier has no `when`. */
  readonly outcome: Outcome;
  /** The criteria evaluator's words, e.g. `country = "Germany"`; empty when there is no `when`. */
  readonly detail: string;
  readonly missing: readonly string[];
}

export function evaluateTierConditions(tiers: readonly Tier[], input: CriteriaInput): TierCondition[] {
  return tiers.map((tier): TierCondition => {
    if (tier.when === undefined) return { tier, outcome: 'true', detail: '', missing: [] };
    const e = evaluate(tier.when, input);
    return { tier, outcome: e.outcome, detail: e.detail, missing: e.missing };
  });
}

const inBounds = (tier: Tier, n: number): boolean =>
  (tier.minEmployees === undefined || n >= tier.minEmployees) && (tier.maxEmployees === undefined || n <= tier.maxEmployees);

/** The first tier, in order, whose conditions hold and whose size bounds contain `n`. */
export function tierAt(conditions: readonly TierCondition[], n: number): TierCondition | null {
  for (const c of conditions) if (c.outcome === 'true' && inBounds(c.tier, n)) return c;
  return null;
}

/** Where the tier function can change value: each lower bound and each upper bound + 1. */
function breakpoints(conditions: readonly TierCondition[]): number[] {
  const points = new Set<number>();
  for (const { tier } of conditions) {
    if (tier.minEmployees !== undefined) points.add(tier.minEmployees);
    if (tier.maxEmployees !== undefined) points.add(tier.maxEmployees + 1);
  }
  return [...points].sort((a, b) => a - b);
}

export type TierMatch =
  /** The size (or the whole range) falls in one tier. `value` is the count used, `by` how a range was read. */
  | {
      readonly kind: 'tier';
      readonly condition: TierCondition;
      readonly value: number;
      readonly by: 'count' | 'range_inside' | 'lower_bound' | 'upper_bound';
    }
  /** No tier takes this size (a gap in the bounds, or every matching tier's `when` failed). */
  | { readonly kind: 'no_tier'; readonly value: number | null }
  /** A range across a tier boundary with `rangeAcrossTiers: "fallback"`. */
  | { readonly kind: 'range_across_tiers'; readonly tiers: readonly string[] };

/**
 * Maps a parsed size to a tier. A range maps to a tier when every size in it does (checked at the tier
 * boundaries inside it); a range across a boundary maps by the configured bound (its lower bound by default).
 */
export function matchTier(
  count: Extract<EmployeeCount, { kind: 'count' | 'range' }>,
  conditions: readonly TierCondition[],
  mode: RoutingConfig['companySize']['rangeAcrossTiers'],
): TierMatch {
  if (count.kind === 'count') {
    const hit = tierAt(conditions, count.value);
    return hit ? { kind: 'tier', condition: hit, value: count.value, by: 'count' } : { kind: 'no_tier', value: count.value };
  }
  const { min, max } = count;
  const inside = breakpoints(conditions).filter((b) => b > min && (max === null || b <= max));
  const points = [min, ...inside];
  const hits = points.map((p) => tierAt(conditions, p));
  const first = hits[0] ?? null;
  if (hits.every((h) => h === first)) {
    return first ? { kind: 'tier', condition: first, value: min, by: 'range_inside' } : { kind: 'no_tier', value: null };
  }
  if (mode === 'fallback') {
    const names = [...new Set(hits.map((h) => h?.tier.label ?? 'no tier'))];
    return { kind: 'range_across_tiers', tiers: names };
  }
  // An open range ("1000+") has no upper end: its last breakpoint is the smallest size that behaves like all the
  // larger ones, so it stands in for the upper bound.
  const value = mode === 'lower_bound' ? min : (max ?? points[points.length - 1] ?? min);
  const hit = tierAt(conditions, value);
  return hit ? { kind: 'tier', condition: hit, value, by: mode } : { kind: 'no_tier', value };
}

/** "50–500 employees", "≤ 49 employees", "≥ 501 employees", "any size". */
export function describeBounds(tier: Tier): string {
  const { minEmployees: lo, maxEmployees: hi } = tier;
  if (lo !== undefined && hi !== undefined) return lo === hi ? `${lo} employees` : `${lo}–${hi} employees`;
  if (lo !== undefined) return `≥ ${lo} employees`;
  if (hi !== undefined) return `≤ ${hi} employees`;
  return 'any size';
}
