import type { Properties } from '../criteria/evaluate';
import { compileModel, type CompiledModel } from './compile-model';
import type { ScoringModel } from './model-schema';
import { signed } from './points';
import { scoreLead, type RuleResult, type ScoreResult } from './score-lead';

/**
 * "What if": scores the same contacts with the current and a candidate model and reports what would change, without
 * writing anything (`lead-ops rescore --dry-run --config new.json`). Pure; stream contacts through
 * `createModelComparison` to keep memory flat on a whole portal, or call `compareModels` on an array.
 */

export interface ComparedLead {
  readonly id: string;
  readonly contact: Properties;
  readonly company: Properties | null;
}

export interface ScoreSummary {
  readonly status: 'scored' | 'unscorable';
  readonly total: number;
  readonly fit: number;
  readonly engagement: number;
  /** '' when unscorable. */
  readonly band: string;
  readonly label: string;
}

export interface ComparisonSample {
  readonly id: string;
  readonly before: ScoreSummary;
  readonly after: ScoreSummary;
  /** Why it moved: the rules whose points differ, thresholds that moved, scorability. Most important first. */
  readonly reasons: readonly string[];
}

export interface ModelComparison {
  readonly currentVersion: string;
  readonly candidateVersion: string;
  readonly compared: number;
  /** Contacts whose band (or scorability) would change. */
  readonly bandChanged: number;
  /** Contacts whose label would change: what lists and workflows see. */
  readonly labelChanged: number;
  /** Contacts whose whole total would change. */
  readonly totalChanged: number;
  /** Neither band nor label would change. */
  readonly unchanged: number;
  /** How many contacts each model puts in each band ('unscorable' for contacts it cannot score). */
  readonly bands: { readonly current: Readonly<Record<string, number>>; readonly candidate: Readonly<Record<string, number>> };
  readonly labels: { readonly current: Readonly<Record<string, number>>; readonly candidate: Readonly<Record<string, number>> };
  /** Label moves, most frequent first: "Warm → Hot: 120". */
  readonly labelMoves: readonly { readonly from: string; readonly to: string; readonly count: number }[];
  /** The first contacts (in input order) whose band or label would change, with reasons. */
  readonly sample: readonly ComparisonSample[];
}

export interface ModelComparisonBuilder {
  add(lead: ComparedLead, now: number | Date): void;
  result(): ModelComparison;
}

const summary = (r: ScoreResult): ScoreSummary => ({
  status: r.status,
  total: r.total,
  fit: r.fit,
  engagement: r.engagement,
  band: r.band ?? '',
  label: r.label,
});

/** Accumulates a comparison contact by contact. */
export function createModelComparison(
  current: ScoringModel | CompiledModel,
  candidate: ScoringModel | CompiledModel,
  options: { readonly sampleSize?: number; readonly reasonsPerSample?: number } = {},
): ModelComparisonBuilder {
  const a = compileModel(current);
  const b = compileModel(candidate);
  const sampleSize = options.sampleSize ?? 10;
  const reasonsPerSample = options.reasonsPerSample ?? 5;
  let compared = 0;
  let bandChanged = 0;
  let labelChanged = 0;
  let totalChanged = 0;
  let unchanged = 0;
  const bandsA: Record<string, number> = {};
  const bandsB: Record<string, number> = {};
  const labelsA: Record<string, number> = {};
  const labelsB: Record<string, number> = {};
  const moves = new Map<string, { from: string; to: string; count: number }>();
  const sample: ComparisonSample[] = [];
  const inc = (m: Record<string, number>, k: string): void => {
    m[k] = (m[k] ?? 0) + 1;
  };

  return {
    add(lead, now) {
      const input = { contact: lead.contact, company: lead.company, now };
      const before = scoreLead(input, a);
      const after = scoreLead(input, b);
      compared++;
      inc(bandsA, before.band ?? 'unscorable');
      inc(bandsB, after.band ?? 'unscorable');
      inc(labelsA, before.label);
      inc(labelsB, after.label);
      const bandMoved = before.band !== after.band || before.status !== after.status;
      const labelMoved = before.label !== after.label;
      if (before.total !== after.total) totalChanged++;
      if (bandMoved) bandChanged++;
      if (labelMoved) {
        labelChanged++;
        const key = `${before.label}\u0000${after.label}`;
        const m = moves.get(key);
        if (m) m.count++;
        else moves.set(key, { from: before.label, to: after.label, count: 1 });
      }
      if (!bandMoved && !labelMoved) {
        unchanged++;
        return;
      }
      if (sample.length < sampleSize) {
        sample.push({ id: lead.id, before: summary(before), after: summary(after), reasons: explainDifference(before, after, b).slice(0, reasonsPerSample) });
      }
    },
    result() {
      return {
        currentVersion: a.version,
        candidateVersion: b.version,
        compared,
        bandChanged,
        labelChanged,
        totalChanged,
        unchanged,
        bands: { current: { ...bandsA }, candidate: { ...bandsB } },
        labels: { current: { ...labelsA }, candidate: { ...labelsB } },
        labelMoves: [...moves.values()].sort((x, y) => y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to)),
        sample: [...sample],
      };
    },
  };
}

/** Scores `leads` with both models at `now` and reports what the candidate would change. */
export function compareModels(
  leads: Iterable<ComparedLead>,
  current: ScoringModel | CompiledModel,
  candidate: ScoringModel | CompiledModel,
  now: number | Date,
  options?: { readonly sampleSize?: number; readonly reasonsPerSample?: number },
): ModelComparison {
  const builder = createModelComparison(current, candidate, options);
  for (const lead of leads) builder.add(lead, now);
  return builder.result();
}

/** The differences behind a move, biggest point changes first. */
export function explainDifference(before: ScoreResult, after: ScoreResult, candidate: CompiledModel): string[] {
  const out: string[] = [];
  if (before.status !== after.status) {
    out.push(after.status === 'unscorable' ? `Now unscorable: ${after.unscorableReason ?? ''}` : `Now scorable (was: ${before.unscorableReason ?? 'unscorable'})`);
  }
  const prior = new Map<string, RuleResult>(before.rules.map((r) => [r.ruleId, r]));
  const diffs: { weight: number; text: string }[] = [];
  for (const r of after.rules) {
    const old = prior.get(r.ruleId);
    prior.delete(r.ruleId);
    if (!old) {
      if (r.points !== 0) diffs.push({ weight: Math.abs(r.points), text: `New rule "${r.label}": ${r.reason}` });
    } else if (old.points !== r.points) {
      diffs.push({ weight: Math.abs(r.points - old.points), text: `"${r.label}" ${signed(old.points)} → ${signed(r.points)}: ${r.reason}` });
    }
  }
  for (const old of prior.values()) {
    if (old.points !== 0) diffs.push({ weight: Math.abs(old.points), text: `Rule "${old.label}" removed (was ${signed(old.points)})` });
  }
  diffs.sort((x, y) => y.weight - x.weight);
  out.push(...diffs.map((d) => d.text));
  if (before.fit === after.fit && before.fitGrade !== after.fitGrade && after.fitGrade) {
    out.push(`Fit ${after.fit} unchanged, grade ${before.fitGrade ?? '-'} → ${after.fitGrade} (thresholds A ${candidate.model.grades.fit.A}, B ${candidate.model.grades.fit.B})`);
  }
  if (before.engagement === after.engagement && before.engagementGrade !== after.engagementGrade && after.engagementGrade) {
    const g = candidate.model.grades.engagement;
    out.push(`Engagement ${after.engagement} unchanged, grade ${before.engagementGrade ?? '-'} → ${after.engagementGrade} (thresholds 1 ${g['1']}, 2 ${g['2']})`);
  }
  if (before.band === after.band && before.label !== after.label) out.push(`Band ${after.band ?? '-'} now maps to label "${after.label}"`);
  return out;
}
