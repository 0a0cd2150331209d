import { parseInstant, parseNumber, type Evaluation, type Outcome, type Properties } from '../criteria/evaluate';
import { isLeaf, type Criterion, type Leaf } from '../criteria/schema';
import { displayValue, knownProperty } from './hubspot-properties';

/**
 * The criteria language compiled once into closures, for scoring many contacts quickly with readable details.
 *
 * Outcomes are those of `evaluate()` in src/core/criteria (same three-valued logic, same parsing, day-based tests in
 * whole UTC calendar days); this second implementation exists only for speed (the engine scores 100,000 contacts a
 * second with reasons), and a randomized test checks that the two evaluators agree.
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
  return trimmedValue(bag[property]);
}

/**
 * Reads a property whose name Object.prototype does not have (it is not `constructor`, `toString`, ...): such a name
 * can only be the record's own property, so the separate own-property lookup is skipped (it is a hot path).
 */
function readOrdinaryProperty(bag: Properties | null, property: string): string | null {
  return bag ? trimmedValue(bag[property]) : null;
}

function trimmedValue(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value === '') return null;
  // Most values have no surrounding blanks: skip trim's copy for them.
  if (value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * `parseInstant` (src/core/criteria) with a fast path for the form HubSpot sends datetimes in,
 * "2026-11-13T10:00:00.000Z" (or without milliseconds). The fast path only takes values it reads exactly as
 * `Date.parse` does (days 1–28, no hour 24, years from 100); anything else goes to `parseInstant`.
 */
export function parseHubSpotInstant(raw: string): number | null {
  const n = raw.length;
  if ((n === 24 || n === 20) && raw.charCodeAt(n - 1) === 90 /* Z */ && raw[4] === '-' && raw[7] === '-' && raw[10] === 'T' && raw[13] === ':' && raw[16] === ':') {
    let ok = n === 20 || raw[19] === '.';
    for (const i of n === 24 ? FAST_DIGITS_MS : FAST_DIGITS) {
      const c = raw.charCodeAt(i);
      if (c < 48 || c > 57) ok = false;
    }
    if (ok) {
      const year = two(raw, 0) * 100 + two(raw, 2);
      const month = two(raw, 5);
      const day = two(raw, 8);
      const hour = two(raw, 11);
      const minute = two(raw, 14);
      const second = two(raw, 17);
      const ms = n === 24 ? digit(raw, 20) * 100 + two(raw, 21) : 0;
      if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59) {
        return Date.UTC(year, month - 1, day, hour, minute, second, ms);
      }
    }
  }
  return parseInstant(raw);
}
const FAST_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const FAST_DIGITS_MS = [...FAST_DIGITS, 20, 21, 22];

/** Slot numbers for the (source, property) pairs a compiled model reads. */
export class PropertyLayout {
  private readonly index = new Map<string, number>();
  readonly sources: ('record' | 'company')[] = [];
  readonly properties: string[] = [];
  /** Whether the name is also a property of every object (`constructor`): then only own properties count. */
  readonly inherited: boolean[] = [];

  slot(source: 'record' | 'company', property: string): number {
    const key = `${source}\u0000${property}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.sources.length;
      this.index.set(key, i);
      this.sources.push(source);
      this.properties.push(property);
      this.inherited.push(property in Object.prototype);
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
  private readonly plainNames: (string | undefined)[];
  private readonly plainDetails: (string | undefined)[];
  private readonly plainShows: (((raw: string) => string) | undefined)[];

  constructor(
    private readonly layout: PropertyLayout,
    public record: Properties,
    public company: Properties | null,
  ) {
    const n = layout.size;
    this.raws = new Array<string | null | undefined>(n);
    this.lowers = new Array<string | null | undefined>(n);
    this.numbers = new Array<number | null | undefined>(n);
    this.instants = new Array<number | null | undefined>(n);
    this.plainNames = new Array<string | undefined>(n);
    this.plainDetails = new Array<string | undefined>(n);
    this.plainShows = new Array<((raw: string) => string) | undefined>(n);
  }

  /** Points these values at another contact, forgetting everything read (reuse saves allocating per contact). */
  reset(record: Properties, company: Properties | null): void {
    this.record = record;
    this.company = company;
    this.raws.fill(UNREAD);
    this.lowers.fill(UNREAD);
    this.numbers.fill(UNREAD);
    this.instants.fill(UNREAD);
    this.plainNames.fill(undefined);
  }

  raw(slot: number): string | null {
    let v = this.raws[slot];
    if (v === UNREAD) {
      const bag = this.layout.sources[slot] === 'company' ? this.company : this.record;
      const property = this.layout.properties[slot] as string;
      v = this.layout.inherited[slot] ? readProperty(bag, property) : readOrdinaryProperty(bag, property);
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

  /**
   * `Name "value"`, built once per slot and name: the leaves of an OR over one property (job title contains "vp",
   * "director", ...) then share one string, and joining their details compares pointers, not characters.
   */
  plain(slot: number, name: string, show: (raw: string) => string): string {
    if (this.plainNames[slot] === name && this.plainShows[slot] === show) return this.plainDetails[slot] as string;
    const detail = `${name} ${show(this.raw(slot) as string)}`;
    this.plainNames[slot] = name;
    this.plainShows[slot] = show;
    this.plainDetails[slot] = detail;
    return detail;
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
      v = raw === null ? null : parseHubSpotInstant(raw);
      this.instants[slot] = v;
    }
    return v;
  }
}

/**
 * What a compiled criterion reads (the contact's values, today's UTC day number) and where it writes its detail and
 * missing properties: a criterion returns only its outcome, so evaluating allocates no result objects.
 */
export interface EvalContext {
  readonly values: LeadValues;
  /** `Math.floor(now / DAY_MS)`: the UTC calendar day the score is computed on. */
  readonly today: number;
  /** Set by every evaluation: what was found, e.g. "Company size 320 ≥ 200". */
  detail: string;
  /** Set by every evaluation: `source.property` names needed and missing. */
  missing: readonly string[];
}

export type CompiledCriterion = (ctx: EvalContext) => Outcome;

/** A fresh context for one contact. */
export const evalContext = (values: LeadValues, today: number): EvalContext => ({ values, today, detail: '', missing: NONE });

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

/** Writes an evaluation into the context and returns its outcome. */
function out(ctx: EvalContext, outcome: Outcome, detail: string, missing: readonly string[] = NONE): Outcome {
  ctx.detail = detail;
  ctx.missing = missing;
  return outcome;
}

/** Writes a precomputed evaluation into the context. */
const put = (ctx: EvalContext, e: Evaluation): Outcome => out(ctx, e.outcome, e.detail, e.missing);

/** `"value"` as stored (free text). One function for all leaves, so `LeadValues.plain` can share its result. */
const literal = (raw: string): string => `"${raw}"`;

const QUOTERS = new Map<string, (raw: string) => string>();

/**
 * `"Marketing Qualified Lead"` for `marketingqualifiedlead`: a value in the words HubSpot shows. One function per
 * property (shared by its leaves); stored values repeat, so each distinct value is worded once.
 */
function quoterFor(property: string): (raw: string) => string {
  let quoter = QUOTERS.get(property);
  if (!quoter) {
    const shown = new Map<string, string>();
    quoter = (raw) => {
      let s = shown.get(raw);
      if (s === undefined) {
        s = `"${displayValue(property, raw)}"`;
        if (shown.size < 1000) shown.set(raw, s);
      }
      return s;
    };
    QUOTERS.set(property, quoter);
  }
  return quoter;
}

function compileLeaf(leaf: Leaf, layout: PropertyLayout): CompiledCriterion {
  const { source, property } = leaf;
  const slot = layout.slot(source, property);
  const name = propertyName(source, property, leaf.label);
  const qualified = source === 'company' ? `company.${property}` : property;
  const missingList: readonly string[] = Object.freeze([qualified]);
  const isCompany = source === 'company';
  const absentNoCompany = res('unknown', `${name} missing (no associated company)`, missingList);
  const absentPlain = res('unknown', `${name} missing`, missingList);
  const absent = (ctx: EvalContext): Outcome => put(ctx, isCompany && ctx.values.company === null ? absentNoCompany : absentPlain);
  const quote = quoterFor(property);

  switch (leaf.op) {
    case 'is_known':
    case 'is_unknown': {
      const wantKnown = leaf.op === 'is_known';
      const emptyNoCompany = res(wantKnown ? 'false' : 'true', `${name} missing (no associated company)`, missingList);
      // Reported as missing even though the outcome is known: a "requires" test names what to fill in.
      const empty = res(wantKnown ? 'false' : 'true', `${name} is empty`, missingList);
      const set = res(wantKnown ? 'true' : 'false', `${name} is set`);
      return (ctx) => {
        if (ctx.values.raw(slot) !== null) return put(ctx, set);
        return put(ctx, isCompany && ctx.values.company === null ? emptyNoCompany : empty);
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
          return raw === null ? absent(ctx) : out(ctx, 'unknown', `${name} "${raw}" is not a number`, missingList);
        }
        const hit = compareNumbers(op, n, value);
        return out(ctx, hit ? 'true' : 'false', `${name} ${formatNumber(n)}${hit ? hitText : missText}`);
      };
    }
    case 'between': {
      const { min, max } = leaf;
      const range = `${formatNumber(min)}–${formatNumber(max)}`;
      return (ctx) => {
        const n = ctx.values.number(slot);
        if (n === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : out(ctx, 'unknown', `${name} "${raw}" is not a number`, missingList);
        }
        const hit = n >= min && n <= max;
        return out(ctx, hit ? 'true' : 'false', `${name} ${formatNumber(n)} ${hit ? 'in' : 'not in'} ${range}`);
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
        return out(ctx, same === positive ? 'true' : 'false', ctx.values.plain(slot, name, quote));
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
        return out(ctx, hit ? 'true' : 'false', found ? `${name} "${raw}"${foundText}` : ctx.values.plain(slot, name, literal));
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
        return out(ctx, found === positive ? 'true' : 'false', found ? `${name} ${quote(raw)}${inText}` : ctx.values.plain(slot, name, quote));
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
        return out(ctx, hit ? 'true' : 'false', `${name} "${raw}"`);
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
        if (v === 'true') return put(ctx, yes);
        if (v === 'false') return put(ctx, no);
        return out(ctx, 'unknown', `${name} "${raw}" is not true/false`, missingList);
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
          return raw === null ? absent(ctx) : out(ctx, 'unknown', `${name} "${raw}" is not a date`, missingList);
        }
        const age = ctx.today - dayIndex(t);
        return out(ctx, age <= days === within ? 'true' : 'false', `${name} ${describeDays(age)}`);
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
          return raw === null ? absent(ctx) : out(ctx, 'unknown', `${name} "${raw}" is not a date`, missingList);
        }
        const hit = before ? t < bound : t > bound;
        return out(ctx, hit ? 'true' : 'false', `${name} ${new Date(t).toISOString().slice(0, 10)}`);
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
 * The detail of an AND/OR whose parts did not decide it, written into the context: up to three distinct details
 * joined with "and" (more are counted, so a reason stays one line), and the union of their missing properties.
 */
function joinParts(ctx: EvalContext, details: readonly string[], missings: readonly (readonly string[])[], count: number, outcome: Outcome): Outcome {
  let a: string | null = null;
  let b: string | null = null;
  let c: string | null = null;
  let more = 0;
  let missing: readonly string[] = NONE;
  let owned = false;
  for (let i = 0; i < count; i++) {
    const d = details[i] as string;
    if (a === null) a = d;
    else if (d !== a && d !== b && d !== c) {
      if (b === null) b = d;
      else if (c === null) c = d;
      else more++;
    }
    const m = missings[i] as readonly string[];
    if (m.length === 0) continue;
    if (missing.length === 0) {
      missing = m;
      continue;
    }
    if (!owned) {
      missing = [...missing];
      owned = true;
    }
    for (const x of m) if (!missing.includes(x)) (missing as string[]).push(x);
  }
  let detail = a ?? '';
  if (b !== null) detail += ` and ${b}`;
  if (c !== null) detail += ` and ${c}`;
  if (more > 0) detail += ` and ${more} more`;
  return out(ctx, outcome, detail, missing);
}

function compileGroup(parts: readonly CompiledCriterion[], isAll: boolean): CompiledCriterion {
  if (parts.length === 1) return parts[0] as CompiledCriterion;
  const decisive: Outcome = isAll ? 'false' : 'true';
  const settled: Outcome = isAll ? 'true' : 'false';
  // Scratch space owned by this node: evaluation is synchronous and a node never contains itself, so it is reused
  // for every contact without allocating.
  const n = parts.length;
  const knownDetails = new Array<string>(n);
  const knownMissing = new Array<readonly string[]>(n);
  const unknownDetails = new Array<string>(n);
  const unknownMissing = new Array<readonly string[]>(n);
  return (ctx) => {
    let k = 0;
    let u = 0;
    for (let i = 0; i < n; i++) {
      const o = (parts[i] as CompiledCriterion)(ctx);
      // AND stops at the first false, OR at the first true: the deciding part explains the outcome (already in ctx).
      if (o === decisive) return o;
      if (o === 'unknown') {
        unknownDetails[u] = ctx.detail;
        unknownMissing[u++] = ctx.missing;
      } else {
        knownDetails[k] = ctx.detail;
        knownMissing[k++] = ctx.missing;
      }
    }
    // Without unknown parts the detail joins all parts; with some, only the unknown ones (they decide).
    return u > 0 ? joinParts(ctx, unknownDetails, unknownMissing, u, 'unknown') : joinParts(ctx, knownDetails, knownMissing, k, settled);
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
    // The detail states facts, so it stays; only the outcome flips.
    return (ctx) => {
      const o = inner(ctx);
      return o === 'unknown' ? o : o === 'true' ? 'false' : 'true';
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
  const ctx = evalContext(new LeadValues(layout, record, company), dayIndex(now));
  const outcome = compiled(ctx);
  return { outcome, detail: ctx.detail, missing: ctx.missing };
}
