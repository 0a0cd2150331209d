import type { Properties } from '../criteria/evaluate';
import { dayIndex, describeDays, LeadValues, type EvalContext } from './compile-criterion';
import { compileModel, type CompiledGroup, type CompiledModel, type CompiledRule } from './compile-model';
import type { Band, DimensionName, EngagementGrade, FitGrade, ScoringModel } from './model-schema';
import { apportionInPlace, clean, roundHalfAway, signed } from './points';

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

const NONE: readonly string[] = Object.freeze([]);

interface RuleState {
  readonly rule: CompiledRule;
  outcome: RuleOutcome;
  detail: string;
  missing: readonly string[];
  /** Points after decay, exact. */
  decayed: number;
  /** Points after decay and the group cap, exact. */
  capped: number;
  ageDays: number;
  factor: number;
  capKind: 'cap' | 'floor' | null;
}

/**
 * Scores one contact. Pure and deterministic: the same contact, company, model and UTC day give the same result,
 * reasons included. Pass the compiled model (`compileModel`) when scoring many contacts; a plain model is compiled
 * once and cached.
 */
export function scoreLead(input: LeadInput, modelOrCompiled: ScoringModel | CompiledModel): ScoreResult {
  const model = compileModel(modelOrCompiled);
  const nowMs = typeof input.now === 'number' ? input.now : input.now.getTime();
  if (!Number.isFinite(nowMs)) throw new Error('scoreLead: `now` is not a valid time');
  const ctx: EvalContext = { values: new LeadValues(model.layout, input.contact, input.company), today: dayIndex(nowMs) };

  const rules: RuleResult[] = [];
  const groups: GroupResult[] = [];
  const missing: string[] = [];
  const scores = { fit: 0, engagement: 0 };
  const undecayedScores = { fit: 0, engagement: 0 };

  for (const dimension of ['fit', 'engagement'] as const) {
    const compiledGroups = model.dimensions[dimension];
    const states: RuleState[][] = new Array<RuleState[]>(compiledGroups.length);
    const groupExact: number[] = new Array<number>(compiledGroups.length);
    let exactSum = 0;
    let undecayed = 0;
    for (let gi = 0; gi < compiledGroups.length; gi++) {
      const group = compiledGroups[gi] as CompiledGroup;
      const gs: RuleState[] = new Array<RuleState>(group.rules.length);
      for (let ri = 0; ri < group.rules.length; ri++) gs[ri] = evaluateRule(group.rules[ri] as CompiledRule, ctx, missing);
      const limited = applyGroupLimits(group, gs);
      states[gi] = gs;
      groupExact[gi] = limited.exact;
      exactSum += limited.exact;
      undecayed += limited.undecayedExact;
    }
    const dimensionWhole = roundHalfAway(exactSum);
    const groupWhole = apportionInPlace(groupExact, dimensionWhole);
    for (let gi = 0; gi < compiledGroups.length; gi++) {
      const group = compiledGroups[gi] as CompiledGroup;
      const gs = states[gi] as RuleState[];
      const whole = groupWhole[gi] as number;
      const cappedValues = new Array<number>(gs.length);
      let uncappedSum = 0;
      let anyCapped = false;
      for (let ri = 0; ri < gs.length; ri++) {
        const st = gs[ri] as RuleState;
        cappedValues[ri] = st.capped;
        uncappedSum += st.decayed;
        if (st.capKind !== null) anyCapped = true;
      }
      const ruleWhole = apportionInPlace(cappedValues, whole);
      for (let ri = 0; ri < gs.length; ri++) rules.push(toRuleResult(gs[ri] as RuleState, ruleWhole[ri] as number, group));
      groups.push({
        id: group.id,
        label: group.label,
        dimension,
        points: whole,
        cap: group.cap ?? null,
        floor: group.floor ?? null,
        cappedBy: anyCapped ? roundHalfAway(uncappedSum) - whole : 0,
      });
    }
    scores[dimension] = dimensionWhole;
    undecayedScores[dimension] = roundHalfAway(undecayed);
  }

  const fit = scores.fit;
  const engagement = scores.engagement;
  const limits = model.model.total;
  const clampTotal = (x: number): number => Math.min(limits?.cap ?? Infinity, Math.max(limits?.floor ?? -Infinity, x));
  const sum = fit + engagement;
  const total = clampTotal(sum);
  const notes: string[] = [];
  let totalCap: ScoreResult['totalCap'] = null;
  if (total !== sum) {
    const kind = total < sum ? 'cap' : 'floor';
    totalCap = { kind, limit: total, pointsLost: sum - total };
    notes.push(`Total ${kind === 'cap' ? 'capped' : 'floored'} at ${total}: fit ${fit} + engagement ${engagement} = ${sum}, ${signed(total - sum)}`);
  }
  const decayedPoints = clampTotal(undecayedScores.fit + undecayedScores.engagement) - total;

  const requirement = model.requires(ctx);
  const computedAt = new Date(nowMs).toISOString();
  if (requirement.outcome !== 'true') {
    for (const m of requirement.missing) if (!missing.includes(m)) missing.push(m);
    const unscorableReason = `Not scored: ${requirement.detail}`;
    return {
      modelVersion: model.version,
      status: 'unscorable',
      fit,
      engagement,
      total,
      fitGrade: null,
      engagementGrade: null,
      band: null,
      label: model.model.scorable.label,
      rules,
      groups,
      totalCap,
      decayedPoints,
      missing: missing.sort(),
      unscorableReason,
      notes: [unscorableReason, ...notes],
      computedAt,
    };
  }

  const grades = model.model.grades;
  const fitGrade: FitGrade = fit >= grades.fit.A ? 'A' : fit >= grades.fit.B ? 'B' : 'C';
  const engagementGrade: EngagementGrade = engagement >= grades.engagement['1'] ? '1' : engagement >= grades.engagement['2'] ? '2' : '3';
  const band: Band = `${fitGrade}${engagementGrade}`;
  return {
    modelVersion: model.version,
    status: 'scored',
    fit,
    engagement,
    total,
    fitGrade,
    engagementGrade,
    band,
    label: model.labelOfBand[band],
    rules,
    groups,
    totalCap,
    decayedPoints,
    missing: missing.sort(),
    unscorableReason: null,
    notes,
    computedAt,
  };
}

function evaluateRule(rule: CompiledRule, ctx: EvalContext, missing: string[]): RuleState {
  const e = rule.when(ctx);
  const state: RuleState = {
    rule,
    outcome: e.outcome === 'true' ? 'matched' : e.outcome === 'false' ? 'not_matched' : 'unknown',
    detail: e.detail,
    missing: e.outcome === 'unknown' ? e.missing : NONE,
    decayed: 0,
    capped: 0,
    ageDays: 0,
    factor: 1,
    capKind: null,
  };
  if (state.outcome === 'unknown' && rule.ifMissing === 'not_matched') {
    // The admin declared that a missing value means the event never happened: a plain "no", nothing missing.
    state.outcome = 'not_matched';
    state.detail = `${e.detail}, counted as no`;
    state.missing = NONE;
  }
  if (state.outcome === 'matched') {
    let factor = 1;
    if (rule.decay) {
      const d = rule.decay;
      const t = ctx.values.instant(d.slot);
      if (t === null) {
        // The rule matched but the event's date is unknown: its points cannot be aged, so they are not counted.
        const raw = ctx.values.raw(d.slot);
        state.outcome = 'unknown';
        state.missing = [d.qualified];
        state.detail = `${e.detail}; ${d.name} ${raw === null ? 'missing' : `"${raw}" is not a date`}`;
      } else {
        state.ageDays = Math.max(0, ctx.today - dayIndex(t));
        factor = d.factor(state.ageDays);
      }
    }
    if (state.outcome === 'matched') {
      state.factor = factor;
      state.decayed = rule.points * factor;
      state.capped = state.decayed;
    }
  }
  for (const m of state.missing) if (!missing.includes(m)) missing.push(m);
  return state;
}

/**
 * Applies the group's cap and floor to its matched rules, exactly. A cap takes from the positive rules in proportion
 * to their points (a floor from the negative ones), so reordering rules never changes a score.
 */
function applyGroupLimits(group: CompiledGroup, states: readonly RuleState[]): { exact: number; undecayedExact: number } {
  let pos = 0;
  let neg = 0;
  let undecayed = 0;
  for (const s of states) {
    if (s.decayed > 0) pos += s.decayed;
    else neg += s.decayed;
    if (s.outcome === 'matched') undecayed += s.rule.points;
  }
  if (group.cap === undefined && group.floor === undefined) return { exact: clean(pos + neg), undecayedExact: undecayed };
  const clampGroup = (x: number): number => Math.min(group.cap ?? Infinity, Math.max(group.floor ?? -Infinity, x));
  const sum = clean(pos + neg);
  const exact = clampGroup(sum);
  if (exact < sum && pos > 0) {
    const keep = 1 - (sum - exact) / pos;
    for (const s of states) {
      if (s.decayed > 0) {
        s.capped = s.decayed * keep;
        s.capKind = 'cap';
      }
    }
  } else if (exact > sum && neg < 0) {
    const keep = 1 - (sum - exact) / neg;
    for (const s of states) {
      if (s.decayed < 0) {
        s.capped = s.decayed * keep;
        s.capKind = 'floor';
      }
    }
  }
  return { exact, undecayedExact: clampGroup(undecayed) };
}

function toRuleResult(s: RuleState, points: number, group: CompiledGroup): RuleResult {
  const { rule } = s;
  const full = rule.points;
  let decay: RuleResult['decay'] = null;
  let cap: RuleResult['cap'] = null;
  let capLost = 0;
  if (s.capKind !== null) {
    capLost = rule.decay ? roundHalfAway(s.decayed - s.capped) : full - points;
    // A proportional cut can vanish in rounding; only a cut the rep can see is reported.
    if (capLost !== 0) {
      const limit = s.capKind === 'cap' ? (group.cap as number) : (group.floor as number);
      cap = { kind: s.capKind, groupId: group.id, groupLabel: group.label, limit, pointsLost: capLost };
    }
  }
  if (rule.decay && s.outcome === 'matched') {
    decay = { ageDays: s.ageDays, factor: s.factor, pointsLost: full - points - capLost, note: rule.decay.note };
  }
  return {
    ruleId: rule.id,
    label: rule.label,
    dimension: rule.dimension,
    groupId: group.id,
    groupLabel: group.label,
    outcome: s.outcome,
    points,
    fullPoints: full,
    decay,
    cap,
    missing: s.missing,
    detail: s.detail,
    reason: reasonFor(s, points, decay, cap),
  };
}

function reasonFor(s: RuleState, points: number, decay: RuleResult['decay'], cap: RuleResult['cap']): string {
  const full = s.rule.points;
  if (s.outcome === 'unknown') return s.detail + s.rule.unknownSuffix;
  if (s.outcome === 'not_matched') return s.detail + s.rule.notMatchedSuffix;
  let text = s.detail;
  const d = s.rule.decay;
  if (d && decay) {
    const age = `${d.name} ${describeDays(decay.ageDays)}`;
    text += text.includes(age) ? ` (${d.note})` : `; ${age} (${d.note})`;
  }
  let pts = points === full ? signed(full) : `${signed(points)} of ${full < 0 ? signed(full) : full}`;
  if (cap) pts += ` (group "${cap.groupLabel}" ${cap.kind === 'cap' ? 'capped at' : 'floored at'} ${cap.limit})`;
  return `${text}: ${pts}`;
}
