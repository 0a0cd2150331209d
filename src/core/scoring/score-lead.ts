import type { Properties } from '../criteria/evaluate';
import { AGED_REASONS, dayIndex, describeDays, Detail, evalContext, LeadValues, type EvalContext } from './compile-criterion';
import { compileModel, type CompiledGroup, type CompiledModel, type CompiledRule } from './compile-model';
import { BANDS, DIMENSIONS, ENGAGEMENT_GRADES, FIT_GRADES, type Band, type DimensionName, type EngagementGrade, type FitGrade, type ScoringModel } from './model-schema';
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

const MATCHED = 0;
const NOT_MATCHED = 1;
const UNKNOWN = 2;
const OUTCOMES: readonly RuleOutcome[] = ['matched', 'not_matched', 'unknown'];
const NO_CAP = 0;
const CAP = 1;
const FLOOR = 2;

/**
 * Working state of one scoring, per rule and per group, kept with the compiled model and overwritten by every call:
 * scoring is synchronous and calls nothing outside this module, so no two scorings ever share it at once. This keeps
 * the hot loop free of per-rule allocations (100,000 contacts a second with reasons).
 */
interface Scratch {
  readonly outcome: Uint8Array;
  readonly detail: Detail[];
  readonly missing: (readonly string[])[];
  /** Points after decay, exact. */
  readonly decayed: Float64Array;
  /** Points after decay and the group cap, exact. */
  readonly capped: Float64Array;
  readonly ageDays: Float64Array;
  readonly factor: Float64Array;
  readonly capKind: Uint8Array;
  /** Per group: its rules' exact points, then their whole points. */
  readonly groupValues: number[][];
  /** Per dimension (in `DIMENSIONS` order): its groups, and their exact points, then their whole points. */
  readonly dimensionGroups: readonly (readonly CompiledGroup[])[];
  readonly dimensionExact: readonly number[][];
  /** The contact's values, pointed at each contact in turn. */
  readonly values: LeadValues;
  /** Labels by band, in `BANDS` order (`fitGrade * 3 + engagementGrade`, 0-based): no text key is built per contact. */
  readonly bandLabels: readonly string[];
}

const SCRATCH = new WeakMap<CompiledModel, Scratch>();

let lastTime = Number.NaN;
let lastIso = '';
/** ISO text of `ms`; a batch scores many contacts at one `now`, so the last one is remembered. */
function isoTime(ms: number): string {
  if (ms !== lastTime) {
    lastIso = new Date(ms).toISOString();
    lastTime = ms;
  }
  return lastIso;
}

function scratchFor(model: CompiledModel): Scratch {
  let s = SCRATCH.get(model);
  if (!s) {
    const n = model.rules.length;
    const groups = [...model.dimensions.fit, ...model.dimensions.engagement];
    s = {
      values: new LeadValues(model.layout, {}, null),
      outcome: new Uint8Array(n),
      detail: new Array<Detail>(n).fill(new Detail('', false)),
      missing: new Array<readonly string[]>(n).fill(NONE),
      decayed: new Float64Array(n),
      capped: new Float64Array(n),
      ageDays: new Float64Array(n),
      factor: new Float64Array(n),
      capKind: new Uint8Array(n),
      groupValues: groups.map((g) => new Array<number>(g.rules.length).fill(0)),
      dimensionGroups: DIMENSIONS.map((d) => model.dimensions[d]),
      dimensionExact: DIMENSIONS.map((d) => new Array<number>(model.dimensions[d].length).fill(0)),
      bandLabels: BANDS.map((band) => model.labelOfBand[band]),
    };
    SCRATCH.set(model, s);
  }
  return s;
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
  const s = scratchFor(model);
  s.values.reset(input.contact, input.company);
  const ctx: EvalContext = evalContext(s.values, dayIndex(nowMs));

  const rules: RuleResult[] = new Array<RuleResult>(model.rules.length);
  const groups: GroupResult[] = new Array<GroupResult>(model.dimensions.fit.length + model.dimensions.engagement.length);
  const missing: string[] = [];
  let fit = 0;
  let engagement = 0;
  let undecayedTotal = 0;

  for (let d = 0; d < DIMENSIONS.length; d++) {
    // By position, not `model.dimensions[dimension]`: a load keyed by a variable text is a generic lookup.
    const dimension = DIMENSIONS[d] as DimensionName;
    const compiledGroups = s.dimensionGroups[d] as readonly CompiledGroup[];
    const groupExact = s.dimensionExact[d] as number[];
    let exactSum = 0;
    let exactWhole = true;
    let undecayed = 0;
    for (let gi = 0; gi < compiledGroups.length; gi++) {
      const group = compiledGroups[gi] as CompiledGroup;
      const groupRules = group.rules;
      // One pass over the rules: evaluate each, and add up what the group's limits and the undecayed score need.
      let pos = 0;
      let neg = 0;
      let matchedPoints = 0;
      for (let ri = 0; ri < groupRules.length; ri++) {
        const rule = groupRules[ri] as CompiledRule;
        const v = evaluateRule(rule, ctx, s, missing);
        if (v > 0) pos += v;
        else neg += v;
        if (s.outcome[rule.index] === MATCHED) matchedPoints += rule.points;
      }
      const exact = applyGroupLimits(group, s, pos, neg);
      groupExact[gi] = exact;
      exactSum += exact;
      if (exactWhole && !Number.isInteger(exact)) exactWhole = false;
      // The group's points had nothing decayed (for "decay lowered the score by N").
      undecayed += Math.min(group.cap ?? Infinity, Math.max(group.floor ?? -Infinity, matchedPoints));
    }
    const dimensionWhole = roundHalfAway(exactSum);
    // `apportionInPlace`'s own first test, without the call: whole values that already add up stay as they are
    // (the usual case without decay or a cap cut).
    if (!(exactWhole && exactSum === dimensionWhole)) apportionInPlace(groupExact, dimensionWhole);
    for (let gi = 0; gi < compiledGroups.length; gi++) {
      const group = compiledGroups[gi] as CompiledGroup;
      const values = s.groupValues[group.index] as number[];
      let uncappedSum = 0;
      let anyCapped = false;
      let valueSum = 0;
      let valuesWhole = true;
      for (let ri = 0; ri < group.rules.length; ri++) {
        const i = (group.rules[ri] as CompiledRule).index;
        const v = s.capped[i] as number;
        values[ri] = v;
        valueSum += v;
        if (valuesWhole && !Number.isInteger(v)) valuesWhole = false;
        uncappedSum += s.decayed[i] as number;
        if (s.capKind[i] !== NO_CAP) anyCapped = true;
      }
      const whole = groupExact[gi] as number;
      if (!(valuesWhole && valueSum === whole)) apportionInPlace(values, whole);
      for (let ri = 0; ri < group.rules.length; ri++) {
        const rule = group.rules[ri] as CompiledRule;
        rules[rule.index] = toRuleResult(rule, s, values[ri] as number, group);
      }
      groups[group.index] = {
        id: group.id,
        label: group.label,
        dimension,
        points: whole,
        cap: group.cap ?? null,
        floor: group.floor ?? null,
        cappedBy: anyCapped ? roundHalfAway(uncappedSum) - whole : 0,
      };
    }
    if (dimension === 'fit') fit = dimensionWhole;
    else engagement = dimensionWhole;
    undecayedTotal += roundHalfAway(undecayed);
  }

  const limits = model.model.total;
  const sum = fit + engagement;
  const total = clampTotal(sum, limits);
  const notes: string[] = [];
  let totalCap: ScoreResult['totalCap'] = null;
  if (total !== sum) {
    const kind = total < sum ? 'cap' : 'floor';
    totalCap = { kind, limit: total, pointsLost: sum - total };
    notes.push(`Total ${kind === 'cap' ? 'capped' : 'floored'} at ${total}: fit ${fit} + engagement ${engagement} = ${sum}, ${signed(total - sum)}`);
  }
  const decayedPoints = clampTotal(undecayedTotal, limits) - total;

  const scorable = model.requires(ctx) === 'true';
  const computedAt = isoTime(nowMs);
  if (!scorable) {
    addMissing(missing, ctx.missing);
    const unscorableReason = `Not scored: ${ctx.detail.text}`;
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
      missing: sortNames(missing),
      unscorableReason,
      notes: [unscorableReason, ...notes],
      computedAt,
    };
  }

  const grades = model.model.grades;
  const fitIndex = fit >= grades.fit.A ? 0 : fit >= grades.fit.B ? 1 : 2;
  const engagementIndex = engagement >= grades.engagement['1'] ? 0 : engagement >= grades.engagement['2'] ? 1 : 2;
  const bandIndex = fitIndex * 3 + engagementIndex;
  return {
    modelVersion: model.version,
    status: 'scored',
    fit,
    engagement,
    total,
    fitGrade: FIT_GRADES[fitIndex] as FitGrade,
    engagementGrade: ENGAGEMENT_GRADES[engagementIndex] as EngagementGrade,
    band: BANDS[bandIndex] as Band,
    label: s.bandLabels[bandIndex] as string,
    rules,
    groups,
    totalCap,
    decayedPoints,
    missing: sortNames(missing),
    unscorableReason: null,
    notes,
    computedAt,
  };
}

/** `names.sort()`, without the builtin's call for the usual list of none or one. */
function sortNames(names: string[]): string[] {
  return names.length > 1 ? names.sort() : names;
}

/** "<detail>, counted as no", built once per kept detail. */
function countedAsNo(detail: Detail): Detail {
  if (detail.countedAsNo) return detail.countedAsNo;
  const text = `${detail.text}, counted as no`;
  if (!detail.isKept) return new Detail(text, false);
  detail.countedAsNo = new Detail(text, true);
  return detail.countedAsNo;
}

/**
 * The total within the model's cap and floor. Module-level rather than a local arrow: tsx (the CLI, tests, the engine
 * bench) keeps function names, which costs a `defineProperty` for every function created per call, here once per contact.
 */
function clampTotal(x: number, limits: ScoringModel['total']): number {
  return Math.min(limits?.cap ?? Infinity, Math.max(limits?.floor ?? -Infinity, x));
}

/** Evaluates one rule into the scratch state; returns its points after decay, exact. */
function evaluateRule(rule: CompiledRule, ctx: EvalContext, s: Scratch, missing: string[]): number {
  const i = rule.index;
  const o = rule.when(ctx);
  let outcome = o === 'true' ? MATCHED : o === 'false' ? NOT_MATCHED : UNKNOWN;
  let detail = ctx.detail;
  let miss: readonly string[] = outcome === UNKNOWN ? ctx.missing : NONE;
  let points = 0;
  s.ageDays[i] = 0;
  s.factor[i] = 1;
  s.capKind[i] = NO_CAP;
  if (outcome === UNKNOWN && rule.ifMissing === 'not_matched') {
    // The admin declared that a missing value means the event never happened: a plain "no", nothing missing.
    outcome = NOT_MATCHED;
    detail = countedAsNo(detail);
    miss = NONE;
  } else if (outcome === MATCHED) {
    let factor = 1;
    const d = rule.decay;
    if (d) {
      const t = ctx.values.instant(d.slot);
      if (t === null) {
        // The rule matched but the event's date is unknown: its points cannot be aged, so they are not counted.
        const raw = ctx.values.raw(d.slot);
        outcome = UNKNOWN;
        miss = [d.qualified];
        detail = new Detail(`${detail.text}; ${d.name} ${raw === null ? 'missing' : `"${raw}" is not a date`}`, false);
      } else {
        // Kept signed (a future date is negative) so the reason can tell "in 3 days" from "today"; decay uses day 0.
        const age = ctx.today - dayIndex(t);
        s.ageDays[i] = age;
        factor = d.factor(Math.max(0, age));
      }
    }
    if (outcome === MATCHED) {
      s.factor[i] = factor;
      points = rule.points * factor;
    }
  }
  s.outcome[i] = outcome;
  s.detail[i] = detail;
  s.missing[i] = miss;
  s.decayed[i] = points;
  s.capped[i] = points;
  if (miss.length !== 0) addMissing(missing, miss);
  return points;
}

/**
 * Adds names not yet listed. Indexed loops, and nothing at all for the usual empty list: `miss` is the frozen empty
 * list, a leaf's frozen one-name list or a joined array by turns, and a `for…of` over arrays of such different
 * kinds ran through the generic iterator on every rule.
 */
function addMissing(missing: string[], miss: readonly string[]): void {
  for (let k = 0; k < miss.length; k++) {
    const m = miss[k] as string;
    // A loop rather than `includes`: the list holds a few names, and the builtin's call cost more than the search.
    let listed = false;
    for (let j = 0; j < missing.length; j++) {
      if (missing[j] === m) {
        listed = true;
        break;
      }
    }
    if (!listed) missing.push(m);
  }
}

/**
 * Applies the group's cap and floor to its matched rules, exactly, and returns the group's exact points. A cap takes
 * from the positive rules in proportion to their points (a floor from the negative ones), so reordering rules never
 * changes a score. `pos` and `neg` are the sums of the rules' positive and other points after decay, in rule order.
 */
function applyGroupLimits(group: CompiledGroup, s: Scratch, pos: number, neg: number): number {
  const sum = clean(pos + neg);
  if (group.cap !== undefined && sum > group.cap && pos > 0) {
    const keep = 1 - (sum - group.cap) / pos;
    for (const rule of group.rules) {
      const v = s.decayed[rule.index] as number;
      if (v > 0) {
        s.capped[rule.index] = v * keep;
        s.capKind[rule.index] = CAP;
      }
    }
    return group.cap;
  }
  if (group.floor !== undefined && sum < group.floor && neg < 0) {
    const keep = 1 - (sum - group.floor) / neg;
    for (const rule of group.rules) {
      const v = s.decayed[rule.index] as number;
      if (v < 0) {
        s.capped[rule.index] = v * keep;
        s.capKind[rule.index] = FLOOR;
      }
    }
    return group.floor;
  }
  return sum;
}

function toRuleResult(rule: CompiledRule, s: Scratch, points: number, group: CompiledGroup): RuleResult {
  const i = rule.index;
  const full = rule.points;
  const outcome = s.outcome[i] as number;
  const capKind = s.capKind[i] as number;
  let decay: RuleResult['decay'] = null;
  let cap: RuleResult['cap'] = null;
  let capLost = 0;
  if (capKind !== NO_CAP) {
    capLost = rule.decay ? roundHalfAway((s.decayed[i] as number) - (s.capped[i] as number)) : full - points;
    // A proportional cut can vanish in rounding; only a cut the rep can see is reported.
    if (capLost !== 0) {
      const isCap = capKind === CAP;
      cap = { kind: isCap ? 'cap' : 'floor', groupId: group.id, groupLabel: group.label, limit: (isCap ? group.cap : group.floor) as number, pointsLost: capLost };
    }
  }
  if (rule.decay && outcome === MATCHED) {
    decay = { ageDays: Math.max(0, s.ageDays[i] as number), factor: s.factor[i] as number, pointsLost: full - points - capLost, note: rule.decay.note };
  }
  const detail = s.detail[i] as Detail;
  return {
    ruleId: rule.id,
    label: rule.label,
    dimension: rule.dimension,
    groupId: group.id,
    groupLabel: group.label,
    outcome: OUTCOMES[outcome] as RuleOutcome,
    points,
    fullPoints: full,
    decay,
    cap,
    missing: s.missing[i] as readonly string[],
    detail: detail.text,
    reason: reasonFor(rule, outcome, detail, points, decay, cap, s.ageDays[i] as number),
  };
}

/** Reasons a kept detail remembers per rule: "unknown", "not matched", and "matched" with the full points, uncut. */
const REASON_KINDS = 3;

/**
 * A rule's reason. The three kinds that are the detail plus an ending fixed by the rule are built once per kept
 * detail and rule (see `Detail`); a reason with decay or a cap cut is built each time (its numbers vary).
 */
function reasonFor(
  rule: CompiledRule,
  outcome: number,
  detail: Detail,
  points: number,
  decay: RuleResult['decay'],
  cap: RuleResult['cap'],
  eventAge: number,
): string {
  const full = rule.points;
  if (outcome !== MATCHED || (decay === null && cap === null && points === full)) {
    const key = rule.index * REASON_KINDS + (outcome === MATCHED ? 2 : outcome === UNKNOWN ? 1 : 0);
    const kept = detail.reason(key);
    if (kept !== undefined) return kept;
    return detail.keepReason(key, detail.text + (outcome === UNKNOWN ? rule.unknownSuffix : outcome === NOT_MATCHED ? rule.notMatchedSuffix : `: ${signed(full)}`));
  }
  // Decay or a cap cut: the text also depends on the points, the cut and the age it shows; kept under those too.
  const shownAge = rule.decay && decay && !(rule.decay.ageInDetail && eventAge >= 0) ? decay.ageDays : -1;
  const key = cutReasonKey(rule.index, points, cap !== null, shownAge);
  if (key !== null && shownAge >= 0 && shownAge < AGED_REASONS) {
    const kept = detail.agedReason(shownAge, key);
    if (kept !== undefined) return kept;
    return detail.keepAgedReason(shownAge, key, cutReason(rule, detail, points, decay, cap, eventAge));
  }
  if (key !== null) {
    const kept = detail.reason(key);
    if (kept !== undefined) return kept;
    return detail.keepReason(key, cutReason(rule, detail, points, decay, cap, eventAge));
  }
  return cutReason(rule, detail, points, decay, cap, eventAge);
}

/**
 * The key of a matched reason with decay or a cap cut among a detail's kept reasons: the rule, its whole points,
 * whether a cap cut it, and the event's age when the reason shows one (-1: none). Below -1, so it never meets a key
 * of the plain kinds above nor `Detail`'s mark of an empty slot. Null when a number falls outside the packed ranges
 * (the reason is then just built).
 */
function cutReasonKey(ruleIndex: number, points: number, isCut: boolean, shownAge: number): number | null {
  if (!Number.isInteger(points) || Math.abs(points) > 1000 || !Number.isInteger(shownAge) || shownAge < -1 || shownAge >= 4095) return null;
  return -(2 + (((ruleIndex * 2001 + points + 1000) * 2 + (isCut ? 1 : 0)) * 4096 + shownAge + 1));
}

function cutReason(rule: CompiledRule, detail: Detail, points: number, decay: RuleResult['decay'], cap: RuleResult['cap'], eventAge: number): string {
  const full = rule.points;
  let text = detail.text;
  const d = rule.decay;
  if (d && decay) {
    // A future event date shows "in 3 days" in the criterion but ages as day 0: then the age is spelt out too.
    const sameAge = d.ageInDetail && eventAge >= 0;
    text += sameAge ? ` (${d.note})` : `; ${d.name} ${describeDays(decay.ageDays)} (${d.note})`;
  }
  let pts = points === full ? signed(full) : `${signed(points)} of ${full < 0 ? signed(full) : full}`;
  if (cap) pts += ` (group "${cap.groupLabel}" ${cap.kind === 'cap' ? 'capped at' : 'floored at'} ${cap.limit})`;
  return `${text}: ${pts}`;
}
