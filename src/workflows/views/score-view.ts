import type { ReasonView, ScoreSnapshot as WireSnapshot, ScoreView } from '../../app/cards/shared/contracts';
import { parseInstant, parseNumber } from '../../core/criteria/evaluate';
import type { StoredScore } from '../../core/scoring/change';
import type { RuleResult, ScoreResult } from '../../core/scoring/score-lead';

/** One point of the score's history, as the card draws it. */
export interface TrendPoint {
  readonly at: string;
  readonly total: number;
}

/** A `propertiesWithHistory` entry as HubSpot returns it (newest first); other fields are ignored. */
export interface HistoryEntry {
  readonly value: string | null | undefined;
  readonly timestamp: string | number;
}

export interface ScoreViewInput {
  readonly objectId: string;
  readonly result: ScoreResult;
  /** What the record carried before this call (`readStoredScore`), or null when never scored. */
  readonly stored: StoredScore | null;
  /** Stored totals over time (`trendFromHistory`). */
  readonly trend?: readonly TrendPoint[];
  /** The computed score differs from `stored` (`hasScoreChanged`). */
  readonly changed: boolean;
  /** This call wrote the score. */
  readonly written: boolean;
}

const TOP = 3;

/** Maps an engine result (and what the record carries) to the card's view model. */
export function toScoreView(input: ScoreViewInput): ScoreView {
  const { result } = input;
  const reasons = result.rules.map(toReasonView);
  const byPoints = reasons.map((r, i) => ({ r, i }));
  const topPositive = byPoints
    .filter(({ r }) => r.points > 0)
    .sort((a, b) => b.r.points - a.r.points || a.i - b.i)
    .slice(0, TOP)
    .map(({ r }) => r);
  const topNegative = byPoints
    .filter(({ r }) => r.points < 0)
    .sort((a, b) => a.r.points - b.r.points || a.i - b.i)
    .slice(0, TOP)
    .map(({ r }) => r);
  return {
    objectId: input.objectId,
    modelVersion: result.modelVersion,
    status: result.status,
    total: result.total,
    fit: { score: result.fit, grade: result.fitGrade ?? '' },
    engagement: { score: result.engagement, grade: result.engagementGrade ?? '' },
    band: result.band ?? '',
    label: result.label,
    reasons,
    missing: result.missing,
    decayedPoints: result.decayedPoints,
    topPositive,
    topNegative,
    decayNote: decayNote(result),
    notes: result.notes,
    unscorableReason: result.unscorableReason,
    stored: input.stored ? toWireSnapshot(input.stored) : null,
    trend: input.trend ?? [],
    changed: input.changed,
    written: input.written,
    computedAt: result.computedAt,
  };
}

function toReasonView(r: RuleResult): ReasonView {
  return {
    ruleId: r.ruleId,
    dimension: r.dimension,
    label: r.label,
    group: r.groupLabel,
    points: r.points,
    fullPoints: r.fullPoints,
    outcome: r.outcome,
    reason: r.reason,
    missing: r.missing,
    ...(r.decay ? { decay: { ageDays: r.decay.ageDays, pointsLost: r.decay.pointsLost, note: r.decay.note } } : {}),
    ...(r.cap ? { cappedBy: `${r.cap.groupLabel} (${r.cap.kind} ${r.cap.limit})` } : {}),
  };
}

/** "Decay lowered the score by 6 points (most from \"Visited the website recently\": last visit 40 days ago)". */
export function decayNote(result: ScoreResult): string | null {
  if (result.decayedPoints <= 0) return null;
  let top: RuleResult | null = null;
  for (const r of result.rules) if (r.decay && r.decay.pointsLost > 0 && (!top || r.decay.pointsLost > (top.decay?.pointsLost ?? 0))) top = r;
  const n = result.decayedPoints;
  const base = `Decay lowered the score by ${n} point${n === 1 ? '' : 's'}`;
  if (!top?.decay) return `${base}: older activity counts less`;
  const age = top.decay.ageDays;
  return `${base} (most from "${top.label}": ${age} day${age === 1 ? '' : 's'} old, ${top.decay.note})`;
}

function toWireSnapshot(s: StoredScore): WireSnapshot {
  return {
    status: s.status,
    total: s.total,
    fit: s.fit,
    engagement: s.engagement,
    band: s.band,
    label: s.label ?? '',
    modelVersion: s.modelVersion ?? '',
    scoredAt: s.scoredAt,
  };
}

/**
 * HubSpot's history of `lead_ops_score` (`propertiesWithHistory`, newest first) as the card's trend, oldest first.
 * Empty values (the contact became unscorable) and non-numbers are left out; entries with the same time keep the
 * newest. At most `limit` points, the most recent ones.
 */
export function trendFromHistory(entries: readonly HistoryEntry[], limit = 30): TrendPoint[] {
  const points: { t: number; total: number; order: number }[] = [];
  entries.forEach((e, order) => {
    const raw = e.value === null || e.value === undefined ? '' : String(e.value).trim();
    if (raw === '') return;
    const total = parseNumber(raw);
    const t = typeof e.timestamp === 'number' ? e.timestamp : parseInstant(String(e.timestamp));
    if (total === null || t === null || !Number.isFinite(t)) return;
    points.push({ t, total, order });
  });
  // Oldest first; for equal times the entry HubSpot listed first (the newer write) wins.
  points.sort((a, b) => a.t - b.t || b.order - a.order);
  const out: TrendPoint[] = [];
  for (const p of points) {
    const at = new Date(p.t).toISOString();
    const last = out[out.length - 1];
    if (last && last.at === at) out[out.length - 1] = { at, total: p.total };
    else out.push({ at, total: p.total });
  }
  return out.slice(Math.max(0, out.length - limit));
}
