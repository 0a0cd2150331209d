import type { Decay } from './model-schema';

/**
 * Engagement decay: the share of a rule's points left after `ageDays` whole days.
 *
 * - `linear`: 1 on day 0, falling in a straight line to the floor on day `days` (and staying there).
 * - `half_life`: 1 on day 0, 0.5 after `halfLifeDays`, 0.25 after twice that, never below the floor.
 *
 * Ages are whole UTC calendar days: decay applies by the day, so a rerun on the same day scores the same and
 * writes nothing. A future date (clock skew, imports) counts as day 0.
 */
export function decayFactor(decay: Decay, ageDays: number): number {
  const age = Math.max(0, Math.floor(ageDays));
  const raw = decay.mode === 'linear' ? 1 - age / decay.days : Math.pow(0.5, age / decay.halfLifeDays);
  return Math.min(1, Math.max(decay.floor, raw));
}

/** "half-life 30 d", "linear over 90 d", with ", floor 20 %" when there is one. */
export function describeDecay(decay: Decay): string {
  const base = decay.mode === 'linear' ? `linear over ${decay.days} d` : `half-life ${formatDays(decay.halfLifeDays)} d`;
  return decay.floor > 0 ? `${base}, floor ${Math.round(decay.floor * 100)} %` : base;
}

const formatDays = (d: number): string => (Number.isInteger(d) ? String(d) : d.toFixed(1).replace(/\.0$/, ''));
