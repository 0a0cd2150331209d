import { parseInstant, parseNumber, type Evaluation, type Outcome, type Properties } from '../criteria/evaluate';
import { isLeaf, type Criterion, type Leaf } from '../criteria/schema';
import { displayValue, knownProperty } from './hubspot-properties';

/**
 * The criteria language compiled once into closures, for scoring many contacts quickly with readable details.
 *
 * Outcomes are those of `evaluate()` in src/core/criteria (same three-valued logic, same parsing), with one
 * deliberate difference: day-based tests (`within_last_days`, `more_than_days_ago`) count whole UTC calendar days,
 * i.e. they behave as `evaluate()` does with `now` at the start of the UTC day. That is what makes a rerun on the same
 * day give the same score (DECISIONS 5); a test checks the two evaluators agree.
 *
 * Details state what was found, whatever the outcome ("Company size 40 < 200", "Job title \"Engineer\""), so `not`
 * keeps its inner detail and a rule's reason reads well whether it matched or not.
 *
 * Every property a model reads gets a slot (`PropertyLayout`); per contact, `LeadValues` reads, trims and parses
 * each slot at most once, however many rules test it.
 */

export const DAY_MS = 86_400_000;

/** UTC day number of an epoch-ms instant. */
export const dayIndex = (ms: number): number => Math.floor(ms / DAY_MS);

const hasOwn = Object.prototype.hasOwnProperty;

/** The property's value as HubSpot sends it, trimmed; null when absent or blank. */
export function readProperty(bag: Properties | null, property: string): string | null {
  if (!bag || !hasOwn.call(bag, property)) return null;
  const value = bag[property];
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Slot numbers for the (source, property) pairs a compiled model reads. */
export class PropertyLayout {
  private readonly index = new Map<string, number>();
  readonly sources: ('record' | 'company')[] = [];
  readonly properties: string[] = [];

  slot(source: 'record' | 'company', property: string): number {
    const key = `${source}\u0000${property}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.sources.length;
      this.index.set(key, i);
      this.sources.push(source);
      this.properties.push(property);
    }
    return i;
  }

  get size(): number {
    return this.sources.length;
  }
}

const UNREAD = undefined;

/** One contact's values, read and parsed lazily, each slot at most once. */
export class LeadValues {
  private readonly raws: (string | null | undefined)[];
  private readonly lowers: (string | null | undefined)[];
  private readonly numbers: (number | null | undefined)[];
  private readonly instants: (number | null | undefined)[];

  constructor(
    private readonly layout: PropertyLayout,
    readonly record: Properties,
    readonly company: Properties | null,
  ) {
    const n = layout.size;
    this.raws = new Array<string | null | undefined>(n);
    this.lowers = new Array<string | null | undefined>(n);
    this.numbers = new Array<number | null | undefined>(n);
    this.instants = new Array<number | null | undefined>(n);
  }

  raw(slot: number): string | null {
    let v = this.raws[slot];
    if (v === UNREAD) {
      v = readProperty(this.layout.sources[slot] === 'company' ? this.company : this.record, this.layout.properties[slot] as string);
      this.raws[slot] = v;
    }
    return v;
  }

  /** The value in lower case, for the case-insensitive text tests. */
  lower(slot: number): string | null {
    let v = this.lowers[slot];
    if (v === UNREAD) {
      const raw = this.raw(slot);
      v = raw === null ? null : raw.toLowerCase();
      this.lowers[slot] = v;
    }
    return v;
  }

  number(slot: number): number | null {
    let v = this.numbers[slot];
    if (v === UNREAD) {
      const raw = this.raw(slot);
      v = raw === null ? null : parseNumber(raw);
      this.numbers[slot] = v;
    }
    return v;
  }

  instant(slot: number): number | null {
    let v = this.instants[slot];
    if (v === UNREAD) {
      const raw = this.raw(slot);
      v = raw === null ? null : parseInstant(raw);
      this.instants[slot] = v;
    }
    return v;
  }
}

/** What a compiled criterion reads: the contact's values and today's UTC day number. */
export interface EvalContext {
  readonly values: LeadValues;
  /** `Math.floor(now / DAY_MS)`: the UTC calendar day the score is computed on. */
  readonly today: number;
}

export type CompiledCriterion = (ctx: EvalContext) => Evaluation;

const NONE: readonly string[] = Object.freeze([]);

/** Words for a property in reasons: the leaf's label, HubSpot's meaning, or the raw name. */
export function propertyName(source: 'record' | 'company', property: string, label?: string): string {
  if (label) return label;
  const known = knownProperty(source, property);
  if (known) return known.label;
  return source === 'company' ? `company.${property}` : property;
}

/** 1234567.5 → "1,234,567.5"; at most two decimals. Hand-written: Intl is slow in a hot loop. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && n > -10000 && n < 10000) return String(n);
  const rounded = Math.round(n * 100) / 100;
  const negative = rounded < 0;
  const abs = Math.abs(rounded);
  const int = Math.trunc(abs);
  const frac = abs - int;
  let s = String(int);
  if (int >= 10000) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (frac > 0) s += (Math.round(frac * 100) / 100).toFixed(2).slice(1).replace(/0+$/, '');
  return negative ? `-${s}` : s;
}

/** "today", "1 day ago", "12 days ago", "in 3 days" for a whole-day age. */
export function describeDays(age: number): string {
  if (age === 0) return 'today';
  if (age < 0) return `in ${-age} day${age === -1 ? '' : 's'}`;
  return `${age} day${age === 1 ? '' : 's'} ago`;
}

const NUMBER_SYMBOL = { eq: '=', neq: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥' } as const;
type NumberOp = keyof typeof NUMBER_SYMBOL;

const res = (outcome: Outcome, detail: string, missing: readonly string[] = NONE): Evaluation => ({ outcome, detail, missing });

function compileLeaf(leaf: Leaf, layout: PropertyLayout): CompiledCriterion {
  const { source, property } = leaf;
  const slot = layout.slot(source, property);
  const name = propertyName(source, property, leaf.label);
  const qualified = source === 'company' ? `company.${property}` : property;
  const missingList: readonly string[] = Object.freeze([qualified]);
  const isCompany = source === 'company';
  const absentNoCompany = res('unknown', `${name} missing (no associated company)`, missingList);
  const absentPlain = res('unknown', `${name} missing`, missingList);
  const absent = (ctx: EvalContext): Evaluation => (isCompany && ctx.values.company === null ? absentNoCompany : absentPlain);
  // Stored values repeat (industries, stages): their display form is computed once per distinct value.
  const shown = new Map<string, string>();
  const quote = (raw: string): string => {
    let s = shown.get(raw);
    if (s === undefined) {
      s = `"${displayValue(property, raw)}"`;
      if (shown.size < 1000) shown.set(raw, s);
    }
    return s;
  };

  switch (leaf.op) {
    case 'is_known':
    case 'is_unknown': {
      const wantKnown = leaf.op === 'is_known';
      const emptyNoCompany = res(wantKnown ? 'false' : 'true', `${name} missing (no associated company)`, missingList);
      // Reported as missing even though the outcome is known: a "requires" test names what to fill in.
      const empty = res(wantKnown ? 'false' : 'true', `${name} is empty`, missingList);
      const set = res(wantKnown ? 'true' : 'false', `${name} is set`);
      return (ctx) => {
        if (ctx.values.raw(slot) !== null) return set;
        return isCompany && ctx.values.company === null ? emptyNoCompany : empty;
      };
    }
    case 'eq':
    case 'neq':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const op: NumberOp = leaf.op;
      const value = leaf.value;
      const hitText = ` ${NUMBER_SYMBOL[op]} ${formatNumber(value)}`;
      const missText = ` ${NUMBER_SYMBOL[negate(op)]} ${formatNumber(value)}`;
      return (ctx) => {
        const n = ctx.values.number(slot);
        if (n === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : res('unknown', `${name} "${raw}" is not a number`, missingList);
        }
        const hit = compareNumbers(op, n, value);
        return res(hit ? 'true' : 'false', `${name} ${formatNumber(n)}${hit ? hitText : missText}`);
      };
    }
    case 'between': {
      const { min, max } = leaf;
      const range = `${formatNumber(min)}–${formatNumber(max)}`;
      return (ctx) => {
        const n = ctx.values.number(slot);
        if (n === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : res('unknown', `${name} "${raw}" is not a number`, missingList);
        }
        const hit = n >= min && n <= max;
        return res(hit ? 'true' : 'false', `${name} ${formatNumber(n)} ${hit ? 'in' : 'not in'} ${range}`);
      };
    }
    case 'is':
    case 'is_not': {
      const wanted = leaf.value.toLowerCase();
      const positive = leaf.op === 'is';
      return (ctx) => {
        const raw = ctx.values.raw(slot);
        if (raw === null) return absent(ctx);
        const same = ctx.values.lower(slot) === wanted;
        return res(same === positive ? 'true' : 'false', `${name} ${quote(raw)}`);
      };
    }
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with': {
      const wanted = leaf.value.toLowerCase();
      const op = leaf.op;
      const verb = op === 'starts_with' ? 'starts with' : op === 'ends_with' ? 'ends with' : 'contains';
      const foundText = ` ${verb} "${leaf.value}"`;
      return (ctx) => {
        const raw = ctx.values.raw(slot);
        if (raw === null) return absent(ctx);
        const lower = ctx.values.lower(slot) as string;
        const found = op === 'starts_with' ? lower.startsWith(wanted) : op === 'ends_with' ? lower.endsWith(wanted) : lower.includes(wanted);
        const hit = op === 'not_contains' ? !found : found;
        return res(hit ? 'true' : 'false', found ? `${name} "${raw}"${foundText}` : `${name} "${raw}"`);
      };
    }
    case 'in':
    case 'not_in': {
      const wanted = new Set(leaf.values.map((v) => v.toLowerCase()));
      const positive = leaf.op === 'in';
      const inText = leaf.values.length <= 3 ? ` in [${leaf.values.map((v) => displayValue(property, v)).join(', ')}]` : ` (one of ${leaf.values.length})`;
      return (ctx) => {
        const raw = ctx.values.raw(slot);
        if (raw === null) return absent(ctx);
        const found = wanted.has(ctx.values.lower(slot) as string);
        return res(found === positive ? 'true' : 'false', found ? `${name} ${quote(raw)}${inText}` : `${name} ${quote(raw)}`);
      };
    }
    case 'has_any':
    case 'has_all': {
      const wanted = leaf.values.map((v) => v.toLowerCase());
      const all = leaf.op === 'has_all';
      return (ctx) => {
        const raw = ctx.values.raw(slot);
        if (raw === null) return absent(ctx);
        const present = new Set(
          raw
            .split(';')
            .map((v) => v.trim().toLowerCase())
            .filter((v) => v !== ''),
        );
        const hit = all ? wanted.every((v) => present.has(v)) : wanted.some((v) => present.has(v));
        return res(hit ? 'true' : 'false', `${name} "${raw}"`);
      };
    }
    case 'is_true':
    case 'is_false': {
      const wantTrue = leaf.op === 'is_true';
      const yes = res(wantTrue ? 'true' : 'false', `${name} is true`);
      const no = res(wantTrue ? 'false' : 'true', `${name} is false`);
      return (ctx) => {
        const raw = ctx.values.raw(slot);
        if (raw === null) return absent(ctx);
        const v = raw.toLowerCase();
        if (v === 'true') return yes;
        if (v === 'false') return no;
        return res('unknown', `${name} "${raw}" is not true/false`, missingList);
      };
    }
    case 'within_last_days':
    case 'more_than_days_ago': {
      const days = leaf.days;
      const within = leaf.op === 'within_last_days';
      return (ctx) => {
        const t = ctx.values.instant(slot);
        if (t === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : res('unknown', `${name} "${raw}" is not a date`, missingList);
        }
        const age = ctx.today - dayIndex(t);
        return res(age <= days === within ? 'true' : 'false', `${name} ${describeDays(age)}`);
      };
    }
    case 'before':
    case 'after': {
      const bound = Date.parse(leaf.date);
      const before = leaf.op === 'before';
      return (ctx) => {
        const t = ctx.values.instant(slot);
        if (t === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : res('unknown', `${name} "${raw}" is not a date`, missingList);
        }
        const hit = before ? t < bound : t > bound;
        return res(hit ? 'true' : 'false', `${name} ${new Date(t).toISOString().slice(0, 10)}`);
      };
    }
  }
}

function compareNumbers(op: NumberOp, a: number, b: number): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'neq':
      return a !== b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
  }
}

/** The symbol that states the fact when the test failed: 40 is not ≥ 200, so "40 < 200". */
function negate(op: NumberOp): NumberOp {
  switch (op) {
    case 'eq':
      return 'neq';
    case 'neq':
      return 'eq';
    case 'lt':
      return 'gte';
    case 'lte':
      return 'gt';
    case 'gt':
      return 'lte';
    case 'gte':
      return 'lt';
  }
}

/**
 * Collects the details of an AND/OR's parts without arrays in the common case: up to three distinct details joined
 * with "and" (more are counted, so a reason stays one line) and the union of their missing properties.
 */
class DetailJoin {
  private a: string | null = null;
  private b: string | null = null;
  private c: string | null = null;
  private more = 0;
  private missing: string[] | null = null;
  private firstMissing: readonly string[] = NONE;

  add(e: Evaluation): void {
    const d = e.detail;
    if (this.a === null) this.a = d;
    else if (d !== this.a && d !== this.b && d !== this.c) {
      if (this.b === null) this.b = d;
      else if (this.c === null) this.c = d;
      else this.more++;
    }
    if (e.missing.length === 0) return;
    if (this.firstMissing.length === 0 && this.missing === null) {
      this.firstMissing = e.missing;
      return;
    }
    this.missing ??= [...this.firstMissing];
    for (const m of e.missing) if (!this.missing.includes(m)) this.missing.push(m);
  }

  result(outcome: Outcome): Evaluation {
    let detail = this.a ?? '';
    if (this.b !== null) detail += ` and ${this.b}`;
    if (this.c !== null) detail += ` and ${this.c}`;
    if (this.more > 0) detail += ` and ${this.more} more`;
    return res(outcome, detail, this.missing ?? this.firstMissing);
  }
}

function compileGroup(parts: readonly CompiledCriterion[], isAll: boolean): CompiledCriterion {
  if (parts.length === 1) return parts[0] as CompiledCriterion;
  const decisive: Outcome = isAll ? 'false' : 'true';
  const settled: Outcome = isAll ? 'true' : 'false';
  return (ctx) => {
    // Without unknown parts the detail joins all parts; with some, only the unknown ones (they decide).
    const all = new DetailJoin();
    let unknowns: DetailJoin | null = null;
    for (const part of parts) {
      const r = part(ctx);
      // AND stops at the first false, OR at the first true: the deciding part explains the outcome.
      if (r.outcome === decisive) return r;
      if (r.outcome === 'unknown') (unknowns ??= new DetailJoin()).add(r);
      else if (unknowns === null) all.add(r);
    }
    return unknowns ? unknowns.result('unknown') : all.result(settled);
  };
}

/**
 * Compiles a criterion tree once; the closure is pure and safe to call for any number of contacts. Pass the model's
 * layout so all its criteria share one set of slots (and one read per property per contact).
 */
export function compileCriterion(criterion: Criterion, layout: PropertyLayout): CompiledCriterion {
  if (isLeaf(criterion)) return compileLeaf(criterion, layout);
  if ('not' in criterion) {
    const inner = compileCriterion(criterion.not, layout);
    return (ctx) => {
      const r = inner(ctx);
      if (r.outcome === 'unknown') return r;
      return res(r.outcome === 'true' ? 'false' : 'true', r.detail, r.missing);
    };
  }
  const isAll = 'all' in criterion;
  return compileGroup(
    (isAll ? criterion.all : criterion.any).map((c) => compileCriterion(c, layout)),
    isAll,
  );
}

/** Evaluates one criterion for one contact, e.g. in tests and one-off checks. Compiles each call: use a layout for many. */
export function evaluateCompiled(criterion: Criterion, record: Properties, company: Properties | null, now: number): Evaluation {
  const layout = new PropertyLayout();
  const compiled = compileCriterion(criterion, layout);
  return compiled({ values: new LeadValues(layout, record, company), today: dayIndex(now) });
}
