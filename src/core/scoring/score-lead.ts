import { describeAge, evaluate, parseInstant, qualifiedName, readProperty, utcDay, type CriteriaInput, type Properties } from '../criteria/evaluate';
import { isLeaf } from '../criteria/schema';
import { compileModel, type CompiledModel } from './compile-model';
import { decayFactor, describeDecay } from './decay';
import { ENGAGEMENT_GRADES, FIT_GRADES, type Band, type DimensionName, type EngagementGrade, type FitGrade, type ScoringGroup, type ScoringModel, type ScoringRule } from './model-schema';
import { apportion, clean, roundHalfAway, signed } from './points';
import { propertyName, REASON_WORDS } from './reason-words';

/** A contact to score: its properties, its primary company's (null: none), and the moment of scoring. */
export interface LeadInput {
  readonly contact: Properties;
  readonly company: Properties | null;
  /** Epoch milliseconds or a Date: the only clock the engine sees. */
  readonly now: number | Date;
}

export type RuleOutcome = 'matched' | 'not_matched' | 'unknown';

/** How one rule scored, with everything a rep needs to trust it. */
export interface RuleResult {
  readonly ruleId: string;
  readonly label: string;
  readonly dimension: DimensionName;
  readonly groupId: string;
  readonly groupLabel: string;
  /** `unknown` when a property the rule needs is missing: it counts 0 and says so, it is never a silent "no". */
  readonly outcome: RuleOutcome;
  /** Whole points this rule contributes, after decay and caps (0 unless matched). */
  readonly points: number;
  /** What the rule is worth when it matches, before decay and caps. */
  readonly fullPoints: number;
  /** Present when the rule matched and decays: the event's age in whole days and what decay took. */
  readonly decay: {
    readonly ageDays: number;
    /** Share of the points left, 0–1. */
    readonly factor: number;
    /** Whole points decay took (fullPoints − points − cap loss); negative for a fading penalty. */
    readonly pointsLost: number;
    /** "half-life 30 d". */
    readonly note: string;
  } | null;
  /** Present when the group's cap (or floor) cut this rule's points. */
  readonly cap: {
    readonly kind: 'cap' | 'floor';
    readonly groupId: string;
    readonly groupLabel: string;
    readonly limit: number;
    /** Whole points the cap took from this rule (signed like the rule's points). */
    readonly pointsLost: number;
  } | null;
  /** Properties (`company.x` for the company's) the rule needed and the record lacks. */
  readonly missing: readonly string[];
  /** What was found, e.g. "Company size 320 ≥ 200". */
  readonly detail: string;
  /** One line for a rep, e.g. "Company size 320 ≥ 200: +15" or "Last visit 12 days ago (half-life 30 d): +8 of 10". */
  readonly reason: string;
}

export interface GroupResult {
  readonly id: string;
  readonly label: string;
  readonly dimension: DimensionName;
  readonly points: number;
  readonly cap: number | null;
  readonly floor: number | null;
  /** Whole points the cap or floor removed from the group (0 when it did not bind). */
  readonly cappedBy: number;
}

export interface ScoreResult {
  readonly modelVersion: string;
  /** `unscorable` when the model's `scorable.requires` does not hold: no grade, no band, the label says so. */
  readonly status: 'scored' | 'unscorable';
  /** Sum of fit rules (after group caps). Computed for unscorable contacts too, for information. */
  readonly fit: number;
  readonly engagement: number;
  /** fit + engagement within the model's total cap and floor. */
  readonly total: number;
  readonly fitGrade: FitGrade | null;
  readonly engagementGrade: EngagementGrade | null;
  readonly band: Band | null;
  /** The band's label, or the model's unscorable label. */
  readonly label: string;
  /** Every rule in model order. */
  readonly rules: readonly RuleResult[];
  readonly groups: readonly GroupResult[];
  /** Set when the total cap or floor cut the score: e.g. `{ kind: 'cap', limit: 100, pointsLost: 20 }`. */
  readonly totalCap: { readonly kind: 'cap' | 'floor'; readonly limit: number; readonly pointsLost: number } | null;
  /** How much lower the total is because of decay (the score without decay minus the score); negative if decay raised it. */
  readonly decayedPoints: number;
  /** Properties some rule or the scorable test needed and the record lacks, sorted. */
  readonly missing: readonly string[];
  /** "Not scored: Company size missing (no associated company)" for unscorable contacts. */
  readonly unscorableReason: string | null;
  /** Lines that are about the score rather than one rule: the total cap, why it is unscorable. */
  readonly notes: readonly string[];
  /** ISO time of `now`. */
  readonly computedAt: string;
}

/** A rule evaluated for one contact, before group limits and rounding. */
interface EvaluatedRule {
  readonly rule: ScoringRule;
  readonly outcome: RuleOutcome;
  readonly detail: string;
  readonly missing: readonly string[];
  /** Exact points after decay; 0 unless matched. */
  readonly decayed: number;
  /** Whole UTC days since the event (negative for a future date); 0 without decay. */
  readonly age: number;
  /** Share of the points decay left, 0–1; 1 without decay. */
  readonly factor: number;
}

function evaluateRule(rule: ScoringRule, input: CriteriaInput): EvaluatedRule {
  const e = evaluate(rule.when, input, REASON_WORDS);
  if (e.outcome === 'unknown' && rule.ifMissing === 'not_matched') {
    // The admin declared that a missing value means the event never happened: a plain "no", nothing missing.
    return { rule, outcome: 'not_matched', detail: `${e.detail}, counted as no`, missing: [], decayed: 0, age: 0, factor: 1 };
  }
  if (e.outcome === 'unknown') return { rule, outcome: 'unknown', detail: e.detail, missing: e.missing, decayed: 0, age: 0, factor: 1 };
  if (e.outcome === 'false') return { rule, outcome: 'not_matched', detail: e.detail, missing: [], decayed: 0, age: 0, factor: 1 };
  const decay = rule.decay;
  if (!decay) return { rule, outcome: 'matched', detail: e.detail, missing: [], decayed: rule.points, age: 0, factor: 1 };
  const raw = readProperty(decay.source === 'company' ? input.company : input.record, decay.property);
  const at = raw === null ? null : parseInstant(raw);
  if (at === null) {
    // The rule matched but the event's date is unknown: its points cannot be aged, so they are not counted.
    const detail = `${e.detail}; ${propertyName(decay.source, decay.property)} ${raw === null ? 'missing' : `"${raw}" is not a date`}`;
    return { rule, outcome: 'unknown', detail, missing: [qualifiedName(decay)], decayed: 0, age: 0, factor: 1 };
  }
  // Whole UTC calendar days, so a rerun on the same day scores the same. A future date ages as day 0.
  const age = utcDay(input.now) - utcDay(at);
  const factor = decayFactor(decay, Math.max(0, age));
  return { rule, outcome: 'matched', detail: e.detail, missing: [], decayed: rule.points * factor, age, factor };
}

/** A group's rules after its cap or floor, exactly: the group's points and each rule's, and which limit cut them. */
interface LimitedGroup {
  readonly group: ScoringGroup;
  readonly rules: readonly EvaluatedRule[];
  /** Each rule's points after decay and the limit. */
  readonly points: readonly number[];
  /** Per rule: the limit that cut it, if any. */
  readonly cut: readonly ('cap' | 'floor' | null)[];
  /** The group's exact points: its limit when one cut it, else the sum of its rules. */
  readonly exact: number;
  /** The group's points without decay (matched rules at full points, within the limits). */
  readonly undecayed: number;
}

/**
 * Applies the group's cap and floor. A cap takes from the positive rules in proportion to their points (a floor
 * from the negative ones), so reordering rules never changes a score.
 */
function limitGroup(group: ScoringGroup, rules: readonly EvaluatedRule[]): LimitedGroup {
  let pos = 0;
  let neg = 0;
  let matched = 0;
  for (const r of rules) {
    if (r.decayed > 0) pos += r.decayed;
    else neg += r.decayed;
    if (r.outcome === 'matched') matched += r.rule.points;
  }
  const undecayed = Math.min(group.cap ?? Infinity, Math.max(group.floor ?? -Infinity, matched));
  const sum = clean(pos + neg);
  let cut: 'cap' | 'floor' | null = null;
  let keep = 1;
  if (group.cap !== undefined && sum > group.cap && pos > 0) {
    cut = 'cap';
    keep = 1 - (sum - group.cap) / pos;
  } else if (group.floor !== undefined && sum < group.floor && neg < 0) {
    cut = 'floor';
    keep = 1 - (sum - group.floor) / neg;
  }
  const isCut = rules.map((r) => (cut === 'cap' ? r.decayed > 0 : cut === 'floor' ? r.decayed < 0 : false));
  return {
    group,
    rules,
    points: rules.map((r, i) => (isCut[i] ? r.decayed * keep : r.decayed)),
    cut: isCut.map((c) => (c ? cut : null)),
    exact: cut === 'cap' ? (group.cap as number) : cut === 'floor' ? (group.floor as number) : sum,
    undecayed,
  };
}

/** A rule's result with its whole points: those, what decay took and what the cap took add up to its full points. */
function ruleResult(dimension: DimensionName, g: LimitedGroup, i: number, points: number): RuleResult {
  const { group } = g;
  const r = g.rules[i] as EvaluatedRule;
  const { rule } = r;
  const full = rule.points;
  const cut = g.cut[i] ?? null;
  let cap: RuleResult['cap'] = null;
  let capLost = 0;
  if (cut !== null) {
    capLost = rule.decay ? roundHalfAway(r.decayed - (g.points[i] as number)) : full - points;
    // A proportional cut can vanish in rounding; only a cut the rep can see is reported.
    if (capLost !== 0) cap = { kind: cut, groupId: group.id, groupLabel: group.label, limit: (cut === 'cap' ? group.cap : group.floor) as number, pointsLost: capLost };
  }
  const decay: RuleResult['decay'] =
    rule.decay && r.outcome === 'matched' ? { ageDays: Math.max(0, r.age), factor: r.factor, pointsLost: full - points - capLost, note: describeDecay(rule.decay) } : null;
  return {
    ruleId: rule.id,
    label: rule.label,
    dimension,
    groupId: group.id,
    groupLabel: group.label,
    outcome: r.outcome,
    points,
    fullPoints: full,
    decay,
    cap,
    missing: r.missing,
    detail: r.detail,
    reason: reasonFor(r, points, decay, cap),
  };
}

/** "Company size 320 ≥ 200: +15", "Job title \"Engineer\": not matched (+10)", "Last visit 12 days ago (half-life 30 d): +8 of 10". */
function reasonFor(r: EvaluatedRule, points: number, decay: RuleResult['decay'], cap: RuleResult['cap']): string {
  const full = r.rule.points;
  if (r.outcome === 'unknown') return `${r.detail}: unknown, not counted (${signed(full)})`;
  if (r.outcome === 'not_matched') return `${r.detail}: not matched (${signed(full)})`;
  let text = r.detail;
  const spec = r.rule.decay;
  if (spec && decay) {
    // A day test on the event's own date already says "12 days ago"; a future date shows "in 3 days" there but
    // ages as day 0, so then the age is spelt out too.
    const when = r.rule.when;
    const ageInDetail =
      isLeaf(when) &&
      (when.op === 'within_last_days' || when.op === 'more_than_days_ago') &&
      when.source === spec.source &&
      when.property === spec.property &&
      when.label === undefined &&
      r.age >= 0;
    text += ageInDetail ? ` (${decay.note})` : `; ${propertyName(spec.source, spec.property)} ${describeAge(decay.ageDays)} (${decay.note})`;
  }
  let shown = points === full ? signed(full) : `${signed(points)} of ${full < 0 ? signed(full) : full}`;
  if (cap) shown += ` (group "${cap.groupLabel}" ${cap.kind === 'cap' ? 'capped at' : 'floored at'} ${cap.limit})`;
  return `${text}: ${shown}`;
}

interface DimensionScore {
  /** Whole points. */
  readonly points: number;
  /** Whole points without decay. */
  readonly undecayed: number;
  readonly rules: readonly RuleResult[];
  readonly groups: readonly GroupResult[];
}

/**
 * One dimension: every rule evaluated and decayed, group limits applied exactly, then whole points handed out
 * once: the dimension rounded, that whole shared among its groups, and each group's among its rules, so the
 * points shown on reasons add up to the group, dimension and total scores.
 */
function scoreDimension(dimension: DimensionName, groups: readonly ScoringGroup[], input: CriteriaInput): DimensionScore {
  const limited = groups.map((group) => limitGroup(group, group.rules.map((rule) => evaluateRule(rule, input))));
  const points = roundHalfAway(limited.reduce((s, g) => s + g.exact, 0));
  const groupPoints = apportion(limited.map((g) => g.exact), points);
  const rules: RuleResult[] = [];
  const results = limited.map((g, gi): GroupResult => {
    const whole = groupPoints[gi] as number;
    apportion(g.points, whole).forEach((p, i) => rules.push(ruleResult(dimension, g, i, p)));
    const uncapped = g.rules.reduce((s, r) => s + r.decayed, 0);
    const isCut = g.cut.some((c) => c !== null);
    return { id: g.group.id, label: g.group.label, dimension, points: whole, cap: g.group.cap ?? null, floor: g.group.floor ?? null, cappedBy: isCut ? roundHalfAway(uncapped) - whole : 0 };
  });
  return { points, undecayed: roundHalfAway(limited.reduce((s, g) => s + g.undecayed, 0)), rules, groups: results };
}

const clamp = (x: number, limits: ScoringModel['total']): number => Math.min(limits?.cap ?? Infinity, Math.max(limits?.floor ?? -Infinity, x));

/**
 * Scores one contact. Pure and deterministic: the same contact, company, model and UTC day give the same result,
 * reasons included. Pass a model prepared once (`compileModel`) when scoring many contacts; a plain model is
 * prepared on each call.
 */
export function scoreLead(input: LeadInput, modelOrCompiled: ScoringModel | CompiledModel): ScoreResult {
  const prepared = compileModel(modelOrCompiled);
  const model = prepared.model;
  const now = typeof input.now === 'number' ? input.now : input.now.getTime();
  if (!Number.isFinite(now)) throw new Error('scoreLead: `now` is not a valid time');
  const criteriaInput: CriteriaInput = { record: input.contact, company: input.company, now };

  const fit = scoreDimension('fit', model.fit.groups, criteriaInput);
  const engagement = scoreDimension('engagement', model.engagement.groups, criteriaInput);
  const rules = [...fit.rules, ...engagement.rules];
  const groups = [...fit.groups, ...engagement.groups];
  const missing = new Set(rules.flatMap((r) => r.missing));

  const sum = fit.points + engagement.points;
  const total = clamp(sum, model.total);
  const notes: string[] = [];
  let totalCap: ScoreResult['totalCap'] = null;
  if (total !== sum) {
    const kind = total < sum ? 'cap' : 'floor';
    totalCap = { kind, limit: total, pointsLost: sum - total };
    notes.push(`Total ${kind === 'cap' ? 'capped' : 'floored'} at ${total}: fit ${fit.points} + engagement ${engagement.points} = ${sum}, ${signed(total - sum)}`);
  }
  const decayedPoints = clamp(fit.undecayed + engagement.undecayed, model.total) - total;
  const computedAt = new Date(now).toISOString();

  const scorable = evaluate(model.scorable.requires, criteriaInput, REASON_WORDS);
  if (scorable.outcome !== 'true') {
    scorable.missing.forEach((m) => missing.add(m));
    const unscorableReason = `Not scored: ${scorable.detail}`;
    return {
      modelVersion: prepared.version,
      status: 'unscorable',
      fit: fit.points,
      engagement: engagement.points,
      total,
      fitGrade: null,
      engagementGrade: null,
      band: null,
      label: model.scorable.label,
      rules,
      groups,
      totalCap,
      decayedPoints,
      missing: [...missing].sort(),
      unscorableReason,
      notes: [unscorableReason, ...notes],
      computedAt,
    };
  }
  const { grades } = model;
  const fitGrade = FIT_GRADES[fit.points >= grades.fit.A ? 0 : fit.points >= grades.fit.B ? 1 : 2] as FitGrade;
  const engagementGrade = ENGAGEMENT_GRADES[engagement.points >= grades.engagement['1'] ? 0 : engagement.points >= grades.engagement['2'] ? 1 : 2] as EngagementGrade;
  const band: Band = `${fitGrade}${engagementGrade}`;
  return {
    modelVersion: prepared.version,
    status: 'scored',
    fit: fit.points,
    engagement: engagement.points,
    total,
    fitGrade,
    engagementGrade,
    band,
    label: prepared.labelOfBand[band],
    rules,
    groups,
    totalCap,
    decayedPoints,
    missing: [...missing].sort(),
    unscorableReason: null,
    notes,
    computedAt,
  };
}
