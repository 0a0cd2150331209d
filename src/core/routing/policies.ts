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

/** Load per weight. */
const level = (c: Candidate): number => c.load / c.weight;

/**
 * Water-filling: imagine `horizon` more assignments poured into the owners with the lowest load per weight until
 * their levels meet. Each owner's share of the next assignment is how much of that water it would receive. With
 * up-to-date counts this still favours the least loaded strongly; under search lag, a burst of decisions that all
 * see the same stale counts spreads across everyone who is behind instead of piling onto one owner.
 * `horizon` 0 = strictly the least loaded (ties share equally, by weight).
 *
 * Returns the owners with a share above 0 (the ones "behind"), in the candidates' order, which must be stable (owner
 * id). The shares depend on the loads, not on the record; `pickByPoint` then picks by each record's point.
 */
export function loadShares(candidates: readonly Candidate[], horizon: number): Share[] {
  if (candidates.length === 0) throw new Error('loadShares needs at least one candidate');
  let amounts: number[];
  if (horizon <= 0) {
    const min = Math.min(...candidates.map(level));
    amounts = candidates.map((c) => (level(c) <= min + EPS ? c.weight : 0));
  } else {
    // Ties keep their given order (the sort is stable).
    const sorted = [...candidates].sort((a, b) => level(a) - level(b));
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
    amounts = candidates.map((c) => Math.max(0, c.weight * (fill - level(c))));
  }
  const total = amounts.reduce((s, a) => s + a, 0);
  const shares = candidates.map((c, i) => ({ id: c.id, share: (amounts[i] as number) / total })).filter((_, i) => (amounts[i] as number) > EPS);
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
