/**
 * Choosing one owner among a team's eligible owners. Pure and deterministic: the only "randomness" is the
 * record's own point in [0, 1) (`recordPoint`), so every call for one record picks the same owner from the same
 * counts.
 */

export interface Candidate {
  readonly id: string;
  readonly name: string;
  /** Recent assignments (balanced window). */
  readonly load: number;
  /** Relative share; 1 under `balanced`. */
  readonly weight: number;
}

export interface Share {
  readonly id: string;
  /** Probability mass of the record-point interval this owner gets, 0..1. */
  readonly share: number;
}

const EPS = 1e-9;

/** Load per weight. Module-level rather than a local arrow: tsx (the CLI, tests, the engine bench) keeps names,
 * so every function created per call costs a `defineProperty`, and this runs for every decision. */
const level = (c: Candidate): number => c.load / c.weight;

/**
 * The candidates by load per weight, ties in their given order: what the stable `Array#sort` gives, without a
 * comparator call per pair (a team has a handful of owners, and this runs for every decision).
 */
function byLevel(candidates: readonly Candidate[]): Candidate[] {
  const sorted = candidates.slice();
  for (let i = 1; i < sorted.length; i++) {
    const c = sorted[i] as Candidate;
    const l = level(c);
    let j = i - 1;
    while (j >= 0 && level(sorted[j] as Candidate) > l) {
      sorted[j + 1] = sorted[j] as Candidate;
      j--;
    }
    sorted[j + 1] = c;
  }
  return sorted;
}

/**
 * Water-filling: imagine `horizon` more assignments poured into the owners with the lowest load per weight until
 * their levels meet. Each owner's share of the next assignment is how much of that water it would receive. With
 * up-to-date counts this still favours the least loaded strongly; under search lag, a burst of decisions that all
 * see the same stale counts spreads across everyone who is behind instead of piling onto one owner.
 * `horizon` 0 = strictly the least loaded (ties share equally, by weight).
 *
 * Returns the owners with a share above 0 (the ones "behind"), in the candidates' order, which must be stable (owner
 * id). The shares depend on the loads, not on the record: routing works them out once for all the decisions that
 * see the same counts, and `pickByPoint` picks by each record's point.
 */
export function loadShares(candidates: readonly Candidate[], horizon: number): Share[] {
  if (candidates.length === 0) throw new Error('loadShares needs at least one candidate');
  let amounts: number[];
  if (horizon <= 0) {
    const min = Math.min(...candidates.map(level));
    amounts = candidates.map((c) => (level(c) <= min + EPS ? c.weight : 0));
  } else {
    const sorted = byLevel(candidates);
    let water = horizon;
    let weightSum = 0;
    let fill = level(sorted[0] as Candidate);
    for (let i = 0; i < sorted.length; i++) {
      weightSum += (sorted[i] as Candidate).weight;
      const next = i + 1 < sorted.length ? level(sorted[i + 1] as Candidate) : Infinity;
      const need = weightSum * (next - fill);
      if (need >= water) {
        fill += water / weightSum;
        water = 0;
        break;
      }
      water -= need;
      fill = next;
    }
    amounts = [];
    for (const c of candidates) amounts.push(Math.max(0, c.weight * (fill - level(c))));
  }
  // Plain loops rather than `map`/`reduce`/`forEach`: no callback per owner. Same sums, in the same order.
  let total = 0;
  for (const a of amounts) total += a;
  const shares: Share[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const a = amounts[i] ?? 0;
    if (a > EPS) shares.push({ id: (candidates[i] as Candidate).id, share: a / total });
  }
  if (shares.length === 0) throw new Error('loadShares produced no shares');
  return shares;
}

/** The owner whose interval of the cumulative shares holds the record's point. */
export function pickByPoint(shares: readonly Share[], point: number): string {
  let cumulative = 0;
  for (const s of shares) {
    cumulative += s.share;
    if (point < cumulative) return s.id;
  }
  // Rounding can leave the cumulative sum a hair under 1.
  const lastShare = shares[shares.length - 1];
  if (!lastShare) throw new Error('pickByPoint needs at least one share');
  return lastShare.id;
}

/**
 * Strict round robin over the team in owner-id order: the owner after the most recent assignment's owner,
 * skipping the ineligible. No previous assignment (or its owner left the team): the first eligible owner.
 */
export function chooseByRotation(teamOrder: readonly string[], eligible: ReadonlySet<string>, lastOwnerId: string | null): string | null {
  if (teamOrder.length === 0) return null;
  const start = lastOwnerId === null ? -1 : teamOrder.indexOf(lastOwnerId);
  for (let step = 1; step <= teamOrder.length; step++) {
    const id = teamOrder[(start + step + teamOrder.length) % teamOrder.length];
    if (id !== undefined && eligible.has(id)) return id;
  }
  return null;
}
