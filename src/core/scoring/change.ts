import { parseInstant, parseNumber, readProperty, type Properties } from '../criteria/evaluate';
import { SCORE_PROPERTY } from './properties';
import { signed } from './points';
import type { ScoreResult } from './score-lead';

/**
 * Change detection and writes (DECISIONS 5): a score is written only when something a list, a workflow or a rep
 * sees has changed: whole points (total, fit, engagement), band, label, status or model version. The time of scoring
 * is never a reason to write on its own, and decay moves by the day, so a rerun on the same day writes nothing.
 */

/** The part of a score that decides whether to write: what the record shows. */
export interface ScoreSnapshot {
  readonly status: 'scored' | 'unscorable';
  /** Whole points; null for unscorable contacts (the record shows no number, and the label says why). */
  readonly total: number | null;
  readonly fit: number | null;
  readonly engagement: number | null;
  /** Null for unscorable contacts. */
  readonly band: string | null;
  readonly label: string | null;
  readonly modelVersion: string | null;
}

/** What a record carries: the snapshot plus when it was written and the short reasons. */
export interface StoredScore extends ScoreSnapshot {
  /** ISO time the score was last written, or null. */
  readonly scoredAt: string | null;
  readonly reasons: string | null;
}

/** The snapshot a result would write. */
export function scoreSnapshot(result: ScoreResult): ScoreSnapshot {
  const scored = result.status === 'scored';
  return {
    status: result.status,
    total: scored ? result.total : null,
    fit: scored ? result.fit : null,
    engagement: scored ? result.engagement : null,
    band: scored ? result.band : null,
    label: result.label,
    modelVersion: result.modelVersion,
  };
}

/**
 * True when the computed score differs from what the record carries in anything but the time: whole points, band,
 * label, status or model version. A record never scored (null) has changed.
 */
export function hasScoreChanged(stored: ScoreSnapshot | null, computed: ScoreSnapshot): boolean {
  if (stored === null) return true;
  return (
    stored.status !== computed.status ||
    stored.total !== computed.total ||
    stored.fit !== computed.fit ||
    stored.engagement !== computed.engagement ||
    stored.band !== computed.band ||
    stored.label !== computed.label ||
    stored.modelVersion !== computed.modelVersion
  );
}

/**
 * The property values that write a result on the contact, strings as HubSpot takes them. An unscorable contact gets
 * empty numbers and band (cleared, so no stale score survives), the unscorable label, and the reason in the
 * reasons text. Write these only when `hasScoreChanged` says so (or use `planScoreWrite`).
 */
export function scorePropertiesToWrite(result: ScoreResult, now: number | Date): Record<string, string> {
  const snap = scoreSnapshot(result);
  const at = typeof now === 'number' ? new Date(now) : now;
  const num = (n: number | null): string => (n === null ? '' : String(n));
  return {
    [SCORE_PROPERTY.total]: num(snap.total),
    [SCORE_PROPERTY.fit]: num(snap.fit),
    [SCORE_PROPERTY.engagement]: num(snap.engagement),
    [SCORE_PROPERTY.band]: snap.band ?? '',
    [SCORE_PROPERTY.label]: snap.label ?? '',
    [SCORE_PROPERTY.status]: snap.status,
    [SCORE_PROPERTY.modelVersion]: result.modelVersion,
    [SCORE_PROPERTY.scoredAt]: at.toISOString(),
    [SCORE_PROPERTY.reasons]: topReasonsText(result),
  };
}

/** Whether to write, and what: `properties` is null when nothing changed, so the timestamp never goes alone. */
export function planScoreWrite(
  result: ScoreResult,
  stored: ScoreSnapshot | null,
  now: number | Date,
): { readonly changed: boolean; readonly properties: Record<string, string> | null } {
  const changed = hasScoreChanged(stored, scoreSnapshot(result));
  return { changed, properties: changed ? scorePropertiesToWrite(result, now) : null };
}

/** Text of at most this many characters in `lead_ops_score_reasons` (well under HubSpot's 65,536 limit). */
export const REASONS_TEXT_MAX = 500;

/**
 * The short "top reasons" text written on the record: the rules that moved the score most, largest first, e.g.
 * "+20 Company has 200–999 employees; +15 Target industry; -10 Personal email domain". For unscorable contacts, why.
 */
export function topReasonsText(result: ScoreResult, max = 4): string {
  if (result.status === 'unscorable') return clip(result.unscorableReason ?? 'Not scored');
  const moved = result.rules
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.points !== 0)
    .sort((a, b) => Math.abs(b.r.points) - Math.abs(a.r.points) || a.i - b.i)
    .slice(0, max)
    .map(({ r }) => `${signed(r.points)} ${r.label}`);
  const parts = moved.length > 0 ? moved : ['No rule added points'];
  if (result.totalCap) parts.push(`total ${result.totalCap.kind === 'cap' ? 'capped' : 'floored'} at ${result.totalCap.limit}`);
  return clip(parts.join('; '));
}

const clip = (s: string): string => (s.length <= REASONS_TEXT_MAX ? s : `${s.slice(0, REASONS_TEXT_MAX - 1)}…`);

/**
 * Parses the score a contact carries from its properties (as HubSpot returns them). Null when the contact was never
 * scored. A record with numbers but no status (written by an older version or by hand) counts as scored.
 */
export function readStoredScore(properties: Properties): StoredScore | null {
  const status = readProperty(properties, SCORE_PROPERTY.status);
  const total = readWhole(properties, SCORE_PROPERTY.total);
  const modelVersion = readProperty(properties, SCORE_PROPERTY.modelVersion);
  if (status === null && total === null && modelVersion === null) return null;
  const scoredAtRaw = readProperty(properties, SCORE_PROPERTY.scoredAt);
  const scoredAtMs = scoredAtRaw === null ? null : parseInstant(scoredAtRaw);
  return {
    status: status === 'unscorable' ? 'unscorable' : 'scored',
    total,
    fit: readWhole(properties, SCORE_PROPERTY.fit),
    engagement: readWhole(properties, SCORE_PROPERTY.engagement),
    band: readProperty(properties, SCORE_PROPERTY.band),
    label: readProperty(properties, SCORE_PROPERTY.label),
    modelVersion,
    scoredAt: scoredAtMs === null ? null : new Date(scoredAtMs).toISOString(),
    reasons: readProperty(properties, SCORE_PROPERTY.reasons),
  };
}

/** A stored number as written ("42"; HubSpot may answer "42.0"). Not a number → null, which then reads as a change. */
function readWhole(properties: Properties, name: string): number | null {
  const raw = readProperty(properties, name);
  return raw === null ? null : parseNumber(raw);
}
