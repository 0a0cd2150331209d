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

/**
 * `parseNumber` (src/core/criteria), reading plain digit strings ("320", "15"), the usual form of HubSpot's number
 * properties, without its replace, trim and pattern. Up to 15 digits is a safe integer: `Number` reads it exactly
 * as the general path does.
 */
function parseCount(raw: string): number | null {
  const n = raw.length;
  if (n === 0 || n > 15) return parseNumber(raw);
  // The digits are added up as they are checked: below 2^53 every step is exact, so this is `Number(raw)` without
  // the string-to-number builtin call.
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return parseNumber(raw);
    value = value * 10 + (c - 48);
  }
  return value;
}

/** True when `for…in` over `o` visits anything (the key itself does not matter). */
function hasEnumerableProperty(o: object): boolean {
  for (const key in o) if (key !== undefined) return true;
  return false;
}

/**
 * `parseInstant` (src/core/criteria) with a fast path for the form HubSpot sends datetimes in,
 * "2026-11-13T10:00:00.000Z" (or without milliseconds). The fast path only takes values it reads exactly as
 * `Date.parse` does (real calendar days, no hour 24, years from 100); anything else goes to `parseInstant`.
 */
export function parseHubSpotInstant(raw: string): number | null {
  const n = raw.length;
  // Character codes, not `raw[i]`: each index read as text is a one-character string to compare.
  if (
    (n === 24 || n === 20) &&
    raw.charCodeAt(n - 1) === 90 /* Z */ &&
    raw.charCodeAt(4) === 45 /* - */ &&
    raw.charCodeAt(7) === 45 &&
    raw.charCodeAt(10) === 84 /* T */ &&
    raw.charCodeAt(13) === 58 /* : */ &&
    raw.charCodeAt(16) === 58 &&
    (n === 20 || raw.charCodeAt(19) === 46) /* . */
  ) {
    const century = two(raw, 0);
    const yearOfCentury = two(raw, 2);
    const month = two(raw, 5);
    const day = two(raw, 8);
    const hour = two(raw, 11);
    const minute = two(raw, 14);
    const second = two(raw, 17);
    const msHundreds = n === 24 ? raw.charCodeAt(20) - 48 : 0;
    const msLow = n === 24 ? two(raw, 21) : 0;
    // `two` is negative for a non-digit (as is `d | (9 - d)` for a code `d` outside 0–9); OR-ing non-negative
    // numbers stays non-negative.
    if ((century | yearOfCentury | month | day | hour | minute | second | msHundreds | (9 - msHundreds) | msLow) >= 0) {
      const year = century * 100 + yearOfCentury;
      if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59) {
        // What `Date.UTC` gives for these fields, computed here: the builtin is a call into the runtime.
        return (daysFromCivil(year, month, day) * 24 + hour) * 3_600_000 + minute * 60_000 + second * 1000 + msHundreds * 100 + msLow;
      }
    }
  }
  return parseInstant(raw);
}

/**
 * The two-digit number at `i`, or a negative number when either character is not a digit: `d | (9 - d)` is
 * negative exactly when the code `d` falls outside 0–9.
 */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return (a | (9 - a) | b | (9 - b)) < 0 ? -1 : a * 10 + b;
}

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in `month` (1–12) of `year`, Gregorian. */
const daysInMonth = (year: number, month: number): number => (month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number));

/**
 * Days from 1970-01-01 to a Gregorian date (month 1–12), for years from 100: the proleptic Gregorian calendar that
 * `Date.UTC` uses (H. Hinnant's days_from_civil).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  // Whole-number arithmetic on positive values (years from 100): `(x / k) | 0` is the floor, without float division.
  const y = month <= 2 ? year - 1 : year;
  const era = (y / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Most details kept per cache: free-text values (job titles, emails) must not grow a cache without end. */
const MAX_KEPT = 1000;

/**
 * What a criterion found, e.g. "Company size 320 ≥ 200", as an object the engine can hang derived texts on.
 *
 * Scoring many contacts finds the same things over and over (the same job titles, sizes, stages), and a rule's
 * reason is usually its detail plus a fixed ending ("…: not matched (+15)"). A kept detail (from a `DetailCache`, or
 * fixed at compile time) remembers the reasons built from it (`keepReason`, called by score-lead.ts), so a reason
 * is built once per detail and rule rather than once per contact. That matters beyond the concatenation: a freshly
 * concatenated text is a rope that V8 copies into one piece, through a runtime call, the first time it is read, and
 * reading every reason (DECISIONS 26) made those copies the largest cost of scoring; a kept reason is copied once.
 * Kept details are found by what they were built from (a number, a stored value) or by object identity, never by
 * hashing a built text (that measured slower than building it).
 */
export class Detail {
  // Fields in the order they are read (V8 lays them out in that order): the text, then the reasons built from this
  // detail, by a key for rule and kind (score-lead.ts). A detail serves few rules (a job title, three or four), so
  // the first four reasons live in the object itself, on the cache lines already read for the text: a separate
  // array per detail cost a cache miss per reason. A key of -1 marks an empty slot (no caller uses -1).
  readonly text: string;
  /** Kept across contacts (cached or fixed): derived texts may be remembered on it. */
  readonly isKept: boolean;
  private k0 = -1;
  private r0 = '';
  private k1 = -1;
  private r1 = '';
  private k2 = -1;
  private r2 = '';
  private k3 = -1;
  private r3 = '';
  private more: Map<number, string> | null = null;
  /**
   * Reasons that show an age (a decaying rule's reason, "…; Last visit 12 days ago (…): +4 of 6"), by that age:
   * key then reason at `2 * age`, -1 and '' while free. One detail gathers such reasons for hundreds of ages; in a
   * map they were scattered over its hash table, and finding one cost several cache misses (about 6 % of scoring);
   * here the key and the reason sit side by side. Dense (filled up to the highest age seen), so never a sparse array.
   */
  private byAge: (number | string)[] | null = null;
  /** This detail followed by ", counted as no" (a missing value read as "no"), once built. */
  countedAsNo: Detail | undefined = undefined;

  constructor(text: string, isKept: boolean) {
    this.text = text;
    this.isKept = isKept;
  }

  /**
   * The reason kept for `key`, if any. Kept this small so the optimizing compiler inlines it into the engine's loop
   * (most lookups end at the first slot); the rarer slots are looked at by `laterReason`.
   */
  reason(key: number): string | undefined {
    if (this.k0 === key) return this.r0;
    return this.laterReason(key);
  }

  private laterReason(key: number): string | undefined {
    if (this.k1 === key) return this.r1;
    if (this.k2 === key) return this.r2;
    if (this.k3 === key) return this.r3;
    return this.more === null ? undefined : this.more.get(key);
  }

  /** The reason kept for `key`, a reason that shows `age` (0 to `AGED_REASONS` - 1), if any. */
  agedReason(age: number, key: number): string | undefined {
    const slots = this.byAge;
    const i = 2 * age;
    if (slots !== null && i < slots.length && slots[i] === key) return slots[i + 1] as string;
    return this.reason(key);
  }

  /** Keeps a reason for `key` that shows `age` (0 to `AGED_REASONS` - 1), and returns it. */
  keepAgedReason(age: number, key: number, reason: string): string {
    if (!this.isKept) return reason;
    let slots = this.byAge;
    if (slots === null) {
      slots = [];
      this.byAge = slots;
    }
    const i = 2 * age;
    while (slots.length <= i) slots.push(-1, '');
    if (slots[i] !== -1) return this.keepReason(key, reason); // the age's place is taken (another rule or points)
    slots[i] = key;
    slots[i + 1] = reason;
    return reason;
  }

  /** Keeps a reason for `key` (kept details only) and returns it. */
  keepReason(key: number, reason: string): string {
    if (!this.isKept) return reason;
    if (this.k0 === -1) {
      this.k0 = key;
      this.r0 = reason;
    } else if (this.k1 === -1) {
      this.k1 = key;
      this.r1 = reason;
    } else if (this.k2 === -1) {
      this.k2 = key;
      this.r2 = reason;
    } else if (this.k3 === -1) {
      this.k3 = key;
      this.r3 = reason;
    } else if (this.more === null) this.more = new Map([[key, reason]]);
    else if (this.more.size < MAX_KEPT) this.more.set(key, reason);
    return reason;
  }
}

/** Ages a detail keeps reasons by (`Detail.agedReason`): older ones are kept by key (at most 8 KB of places each). */
export const AGED_REASONS = 1024;

/** Details by what they were built from (bounded: past `MAX_KEPT` entries new details are just built, unkept). */
export class DetailCache<K> {
  private readonly details = new Map<K, Detail>();

  get(key: K): Detail | undefined {
    return this.details.get(key);
  }

  /** A detail for `text`, kept for `key` while there is room. The text depends on the key alone. */
  keep(key: K, text: string): Detail {
    if (this.details.size >= MAX_KEPT) return new Detail(text, false);
    const detail = new Detail(text, true);
    this.details.set(key, detail);
    return detail;
  }
}

/** Details by number: small whole numbers (counts, ages in days) by index, without hashing; others by `DetailCache`. */
export class NumberDetails {
  // Filled up front: an array written at scattered indexes (a count of 700 before one of 3) becomes a sparse
  // dictionary, and every read of it went through V8's generic keyed load.
  private readonly small = new Array<Detail | undefined>(SMALL_NUMBERS).fill(undefined);
  private readonly other = new DetailCache<number>();

  get(n: number): Detail | undefined {
    return n >= 0 && n < SMALL_NUMBERS && Number.isInteger(n) ? this.small[n] : this.other.get(n);
  }

  keep(n: number, text: string): Detail {
    if (!(n >= 0 && n < SMALL_NUMBERS && Number.isInteger(n))) return this.other.keep(n, text);
    const detail = new Detail(text, true);
    this.small[n] = detail;
    return detail;
  }
}
const SMALL_NUMBERS = 1024;

/**
 * `Name "value"` details for one name and one way of wording values, shared by every leaf of a model that words a
 * property alike (the leaves of an OR over one job title then give the very same detail: `joinParts` compares
 * pointers, not characters).
 */
export class PlainTexts {
  private readonly details = new DetailCache<string>();

  constructor(
    private readonly name: string,
    private readonly show: (raw: string) => string,
  ) {}

  of(raw: string): Detail {
    return this.details.get(raw) ?? this.details.keep(raw, `${this.name} ${this.show(raw)}`);
  }
}

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

  private readonly plain = new Map<(raw: string) => string, Map<string, PlainTexts>>();

  /** The model's `Name "value"` texts for a name and a wording (compile time: one instance per pair). */
  plainTexts(name: string, show: (raw: string) => string): PlainTexts {
    let byName = this.plain.get(show);
    if (!byName) {
      byName = new Map();
      this.plain.set(show, byName);
    }
    let texts = byName.get(name);
    if (!texts) {
      texts = new PlainTexts(name, show);
      byName.set(name, texts);
    }
    return texts;
  }
}

/** One contact's values, read and parsed lazily, each slot at most once. */
export class LeadValues {
  private readonly raws: (string | null)[];
  private readonly lowers: (string | null)[];
  private readonly numbers: (number | null)[];
  private readonly instants: (number | null)[];
  private readonly plainOf: (PlainTexts | null)[];
  private readonly plainDetails: (Detail | null)[];
  /**
   * The contact each slot's value was read for, per kind of value: a slot holds a value of the current contact when
   * its stamp is `contact`. Moving to the next contact is one increment, not a clearing of every array.
   */
  private contact = 1;
  private readonly rawAt: Uint32Array;
  private readonly lowerAt: Uint32Array;
  private readonly numberAt: Uint32Array;
  private readonly instantAt: Uint32Array;
  private readonly plainAt: Uint32Array;
  /** Slots by property name, and all slots, per source (for `readAll`). */
  private readonly recordSlots = new Map<string, number>();
  private readonly companySlots = new Map<string, number>();
  private readonly recordSlotList: number[] = [];
  private readonly companySlotList: number[] = [];

  constructor(
    private readonly layout: PropertyLayout,
    public record: Properties,
    public company: Properties | null,
  ) {
    const n = layout.size;
    this.raws = new Array<string | null>(n).fill(null);
    this.lowers = new Array<string | null>(n).fill(null);
    this.numbers = new Array<number | null>(n).fill(null);
    this.instants = new Array<number | null>(n).fill(null);
    this.plainOf = new Array<PlainTexts | null>(n).fill(null);
    this.plainDetails = new Array<Detail | null>(n).fill(null);
    this.rawAt = new Uint32Array(n);
    this.lowerAt = new Uint32Array(n);
    this.numberAt = new Uint32Array(n);
    this.instantAt = new Uint32Array(n);
    this.plainAt = new Uint32Array(n);
    for (let slot = 0; slot < n; slot++) {
      const isCompany = layout.sources[slot] === 'company';
      (isCompany ? this.companySlots : this.recordSlots).set(layout.properties[slot] as string, slot);
      (isCompany ? this.companySlotList : this.recordSlotList).push(slot);
    }
  }

  /** Points these values at another contact, forgetting everything read (reuse saves allocating per contact). */
  reset(record: Properties, company: Properties | null): void {
    this.record = record;
    this.company = company;
    if (this.contact === 0xffffffff) {
      // Once in four billion contacts: start the stamps over.
      for (const stamps of [this.rawAt, this.lowerAt, this.numberAt, this.instantAt, this.plainAt]) stamps.fill(0);
      this.contact = 0;
    }
    this.contact++;
    this.readAll(record, this.recordSlots, this.recordSlotList);
    if (company !== null) this.readAll(company, this.companySlots, this.companySlotList);
  }

  /**
   * Reads every slot of one source in a single pass over the object's keys. Reading slot by slot was a keyed load
   * at one call site that sees every record's shape: V8's megamorphic cache missed often, and it was scoring's most
   * expensive line. The pass is taken only where it gives exactly what reading each slot gives: the object inherits
   * nothing enumerable (its prototype is null, or Object.prototype without enumerable properties, as for JSON data)
   * and every own property is enumerable (as many own names as keys seen). Otherwise slots are read one by one.
   */
  private readAll(bag: Properties, slots: ReadonlyMap<string, number>, list: readonly number[]): void {
    const proto: unknown = Object.getPrototypeOf(bag);
    if (proto !== null && (proto !== Object.prototype || hasEnumerableProperty(Object.prototype))) return;
    const contact = this.contact;
    let keys = 0;
    for (const key in bag) {
      keys++;
      const slot = slots.get(key);
      if (slot !== undefined) {
        this.raws[slot] = trimmedValue(bag[key]);
        this.rawAt[slot] = contact;
      }
    }
    if (Object.getOwnPropertyNames(bag).length !== keys) {
      for (let i = 0; i < list.length; i++) this.rawAt[list[i] as number] = 0;
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const slot = list[i] as number;
      if (this.rawAt[slot] !== contact) {
        this.raws[slot] = null;
        this.rawAt[slot] = contact;
      }
    }
  }

  raw(slot: number): string | null {
    if (this.rawAt[slot] === this.contact) return this.raws[slot] as string | null;
    const bag = this.layout.sources[slot] === 'company' ? this.company : this.record;
    const property = this.layout.properties[slot] as string;
    const v = this.layout.inherited[slot] ? readProperty(bag, property) : readOrdinaryProperty(bag, property);
    this.raws[slot] = v;
    this.rawAt[slot] = this.contact;
    return v;
  }

  /** The value in lower case, for the case-insensitive text tests. */
  lower(slot: number): string | null {
    if (this.lowerAt[slot] === this.contact) return this.lowers[slot] as string | null;
    const raw = this.raw(slot);
    const v = raw === null ? null : raw.toLowerCase();
    this.lowers[slot] = v;
    this.lowerAt[slot] = this.contact;
    return v;
  }

  /**
   * `Name "value"` from the model's shared texts, looked up once per slot and contact: the leaves of an OR over one
   * property (job title contains "vp", "director", ...) then share one string, and joining their details compares
   * pointers, not characters.
   */
  plain(slot: number, texts: PlainTexts): Detail {
    if (this.plainAt[slot] === this.contact && this.plainOf[slot] === texts) return this.plainDetails[slot] as Detail;
    const detail = texts.of(this.raw(slot) as string);
    this.plainOf[slot] = texts;
    this.plainDetails[slot] = detail;
    this.plainAt[slot] = this.contact;
    return detail;
  }

  number(slot: number): number | null {
    if (this.numberAt[slot] === this.contact) return this.numbers[slot] as number | null;
    const raw = this.raw(slot);
    const v = raw === null ? null : parseCount(raw);
    this.numbers[slot] = v;
    this.numberAt[slot] = this.contact;
    return v;
  }

  instant(slot: number): number | null {
    if (this.instantAt[slot] === this.contact) return this.instants[slot] as number | null;
    const raw = this.raw(slot);
    const v = raw === null ? null : parseHubSpotInstant(raw);
    this.instants[slot] = v;
    this.instantAt[slot] = this.contact;
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
  detail: Detail;
  /** Set by every evaluation: `source.property` names needed and missing. */
  missing: readonly string[];
}

export type CompiledCriterion = (ctx: EvalContext) => Outcome;

/** A fresh context for one contact. */
export const evalContext = (values: LeadValues, today: number): EvalContext => ({ values, today, detail: NO_DETAIL, missing: NONE });

const NONE: readonly string[] = Object.freeze([]);
const NO_DETAIL = new Detail('', false);

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

/** An evaluation fixed at compile time (a missing value, "is set", "is true"). */
interface Fixed {
  readonly outcome: Outcome;
  readonly detail: Detail;
  readonly missing: readonly string[];
}

const res = (outcome: Outcome, detail: string, missing: readonly string[] = NONE): Fixed => ({ outcome, detail: new Detail(detail, true), missing });

/** Writes an evaluation into the context and returns its outcome. */
function out(ctx: EvalContext, outcome: Outcome, detail: Detail, missing: readonly string[] = NONE): Outcome {
  ctx.detail = detail;
  ctx.missing = missing;
  return outcome;
}

/** A detail seen once (an unreadable value, a long AND/OR): nothing is kept for it. */
const once = (text: string): Detail => new Detail(text, false);

/** Writes a precomputed evaluation into the context. */
const put = (ctx: EvalContext, e: Fixed): Outcome => out(ctx, e.outcome, e.detail, e.missing);

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

type TextOp = 'is' | 'is_not' | 'contains' | 'not_contains' | 'starts_with' | 'ends_with' | 'in' | 'not_in';
const TEXT_OPS: ReadonlySet<string> = new Set<TextOp>(['is', 'is_not', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in', 'not_in']);

/** What a leaf is missing: the same for every leaf on one property. */
interface Absence {
  readonly slot: number;
  readonly isCompany: boolean;
  readonly noCompany: Fixed;
  readonly plain: Fixed;
}

function absence(leaf: Leaf, layout: PropertyLayout): Absence {
  const { source, property } = leaf;
  const name = propertyName(source, property, leaf.label);
  const missingList: readonly string[] = Object.freeze([source === 'company' ? `company.${property}` : property]);
  return {
    slot: layout.slot(source, property),
    isCompany: source === 'company',
    noCompany: res('unknown', `${name} missing (no associated company)`, missingList),
    plain: res('unknown', `${name} missing`, missingList),
  };
}

/**
 * A text test (is, contains, in, …) as data, evaluated on a present value by `testText`. Data rather than a closure
 * so that an AND/OR of several tests on one property (job title contains "vp", "director", …) runs them in one
 * loop, reading the value once (`compileSameProperty`), with exactly the outcome and detail each leaf gives alone.
 */
interface TextTest {
  readonly op: TextOp;
  readonly slot: number;
  readonly absence: Absence;
  /** The value compared, in lower case (is, contains, …); for in/not_in, the values. */
  readonly wanted: string;
  readonly wantedSet: ReadonlySet<string>;
  /** " contains \"vp\"", " in [A, B]": what follows the value in the detail when the test finds it. */
  readonly foundText: string;
  readonly name: string;
  readonly quote: (raw: string) => string;
  /** `Name "value"` details, worded as HubSpot shows the value and as stored. */
  readonly quoted: PlainTexts;
  readonly literally: PlainTexts;
  /** Details of found values, kept across contacts. */
  readonly foundTexts: DetailCache<string>;
}

function textTest(leaf: Leaf, op: TextOp, layout: PropertyLayout): TextTest {
  const { source, property } = leaf;
  const name = propertyName(source, property, leaf.label);
  const quote = quoterFor(property);
  const isIn = op === 'in' || op === 'not_in';
  const values = 'values' in leaf ? leaf.values : [];
  const value = 'value' in leaf && typeof leaf.value === 'string' ? leaf.value : '';
  const verb = op === 'starts_with' ? 'starts with' : op === 'ends_with' ? 'ends with' : 'contains';
  return {
    op,
    slot: layout.slot(source, property),
    absence: absence(leaf, layout),
    wanted: value.toLowerCase(),
    wantedSet: new Set(values.map((v) => v.toLowerCase())),
    foundText: isIn
      ? values.length <= 3
        ? ` in [${values.map((v) => displayValue(property, v)).join(', ')}]`
        : ` (one of ${values.length})`
      : ` ${verb} "${value}"`,
    name,
    quote,
    quoted: layout.plainTexts(name, quote),
    literally: layout.plainTexts(name, literal),
    foundTexts: new DetailCache<string>(),
  };
}

/** A text test on a present value (`raw`, `lower` its lower case): writes its detail, returns its outcome. */
function testText(t: TextTest, ctx: EvalContext, raw: string, lower: string): Outcome {
  switch (t.op) {
    case 'is':
    case 'is_not': {
      const same = lower === t.wanted;
      return out(ctx, same === (t.op === 'is') ? 'true' : 'false', ctx.values.plain(t.slot, t.quoted));
    }
    case 'in':
    case 'not_in': {
      const found = t.wantedSet.has(lower);
      const detail = found ? (t.foundTexts.get(raw) ?? t.foundTexts.keep(raw, `${t.name} ${t.quote(raw)}${t.foundText}`)) : ctx.values.plain(t.slot, t.quoted);
      return out(ctx, found === (t.op === 'in') ? 'true' : 'false', detail);
    }
    default: {
      const found = t.op === 'starts_with' ? lower.startsWith(t.wanted) : t.op === 'ends_with' ? lower.endsWith(t.wanted) : lower.includes(t.wanted);
      const hit = t.op === 'not_contains' ? !found : found;
      const detail = found ? (t.foundTexts.get(raw) ?? t.foundTexts.keep(raw, `${t.name} "${raw}"${t.foundText}`)) : ctx.values.plain(t.slot, t.literally);
      return out(ctx, hit ? 'true' : 'false', detail);
    }
  }
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
  // `Name "value"` details, kept across contacts (see `Detail`); text tests keep theirs in their `TextTest`.
  const literally = layout.plainTexts(name, literal);

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
      const texts = new NumberDetails();
      return (ctx) => {
        const n = ctx.values.number(slot);
        if (n === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : out(ctx, 'unknown', once(`${name} "${raw}" is not a number`), missingList);
        }
        const hit = compareNumbers(op, n, value);
        return out(ctx, hit ? 'true' : 'false', texts.get(n) ?? texts.keep(n, `${name} ${formatNumber(n)}${hit ? hitText : missText}`));
      };
    }
    case 'between': {
      const { min, max } = leaf;
      const range = `${formatNumber(min)}–${formatNumber(max)}`;
      const texts = new NumberDetails();
      return (ctx) => {
        const n = ctx.values.number(slot);
        if (n === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : out(ctx, 'unknown', once(`${name} "${raw}" is not a number`), missingList);
        }
        const hit = n >= min && n <= max;
        return out(ctx, hit ? 'true' : 'false', texts.get(n) ?? texts.keep(n, `${name} ${formatNumber(n)} ${hit ? 'in' : 'not in'} ${range}`));
      };
    }
    case 'is':
    case 'is_not':
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with':
    case 'in':
    case 'not_in': {
      const test = textTest(leaf, leaf.op, layout);
      const known = new TextOutcomes();
      return (ctx) => {
        const raw = ctx.values.raw(slot);
        if (raw === null) return absent(ctx);
        const seen = known.get(raw);
        if (seen !== undefined) return out(ctx, seen.outcome, seen.detail);
        return known.keep(raw, testText(test, ctx, raw, ctx.values.lower(slot) as string), ctx);
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
        return out(ctx, hit ? 'true' : 'false', ctx.values.plain(slot, literally));
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
        if (isWordIgnoringCase(raw, 'true')) return put(ctx, yes);
        if (isWordIgnoringCase(raw, 'false')) return put(ctx, no);
        return out(ctx, 'unknown', once(`${name} "${raw}" is not true/false`), missingList);
      };
    }
    case 'within_last_days':
    case 'more_than_days_ago': {
      const days = leaf.days;
      const within = leaf.op === 'within_last_days';
      const texts = new NumberDetails();
      return (ctx) => {
        const t = ctx.values.instant(slot);
        if (t === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : out(ctx, 'unknown', once(`${name} "${raw}" is not a date`), missingList);
        }
        const age = ctx.today - dayIndex(t);
        return out(ctx, age <= days === within ? 'true' : 'false', texts.get(age) ?? texts.keep(age, `${name} ${describeDays(age)}`));
      };
    }
    case 'before':
    case 'after': {
      const bound = Date.parse(leaf.date);
      const before = leaf.op === 'before';
      // By UTC day: the text shows the date only.
      const texts = new NumberDetails();
      return (ctx) => {
        const t = ctx.values.instant(slot);
        if (t === null) {
          const raw = ctx.values.raw(slot);
          return raw === null ? absent(ctx) : out(ctx, 'unknown', once(`${name} "${raw}" is not a date`), missingList);
        }
        const hit = before ? t < bound : t > bound;
        const day = dayIndex(t);
        return out(ctx, hit ? 'true' : 'false', texts.get(day) ?? texts.keep(day, `${name} ${new Date(t).toISOString().slice(0, 10)}`));
      };
    }
  }
}

/**
 * `raw.toLowerCase() === word` for a lower-case ASCII `word`, without building the lower-case copy: ASCII letters are
 * compared by their lower-case code; a value with any other character takes `toLowerCase` (Unicode folding).
 */
function isWordIgnoringCase(raw: string, word: string): boolean {
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    if (raw.charCodeAt(i) > 127) return raw.toLowerCase() === word;
  }
  if (n !== word.length) return false;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
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
function joinParts(
  ctx: EvalContext,
  details: readonly Detail[],
  missings: readonly (readonly string[])[],
  count: number,
  outcome: Outcome,
  pairs: PairDetails,
): Outcome {
  let a: Detail | null = null;
  let b: Detail | null = null;
  let c: Detail | null = null;
  let more = 0;
  let missing: readonly string[] = NONE;
  let owned = false;
  for (let i = 0; i < count; i++) {
    const d = details[i] as Detail;
    if (a === null) a = d;
    else if (d.text !== a.text && d.text !== b?.text && d.text !== c?.text) {
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
    for (let j = 0; j < m.length; j++) {
      const x = m[j] as string;
      if (!missing.includes(x)) (missing as string[]).push(x);
    }
  }
  let detail = a ?? NO_DETAIL;
  if (a !== null && b !== null) {
    if (c === null) detail = pairs.join(a, b);
    else detail = once(`${a.text} and ${b.text} and ${c.text}${more > 0 ? ` and ${more} more` : ''}`);
  }
  return out(ctx, outcome, detail, missing);
}

/** "A and B" details of one AND/OR node, kept across contacts by the identity of the two kept parts. */
class PairDetails {
  private readonly byFirst = new Map<Detail, Map<Detail, Detail>>();
  private size = 0;

  join(a: Detail, b: Detail): Detail {
    let second = this.byFirst.get(a);
    let joined = second?.get(b);
    if (joined) return joined;
    const text = `${a.text} and ${b.text}`;
    if (!a.isKept || !b.isKept || this.size >= MAX_KEPT) return once(text);
    if (!second) {
      second = new Map();
      this.byFirst.set(a, second);
    }
    joined = new Detail(text, true);
    second.set(b, joined);
    this.size++;
    return joined;
  }
}

function compileGroup(parts: readonly CompiledCriterion[], isAll: boolean): CompiledCriterion {
  if (parts.length === 1) return parts[0] as CompiledCriterion;
  const decisive: Outcome = isAll ? 'false' : 'true';
  const settled: Outcome = isAll ? 'true' : 'false';
  // Scratch space owned by this node: evaluation is synchronous and a node never contains itself, so it is reused
  // for every contact without allocating.
  const n = parts.length;
  const knownDetails = new Array<Detail>(n).fill(NO_DETAIL);
  const knownMissing = new Array<readonly string[]>(n).fill(NONE);
  const unknownDetails = new Array<Detail>(n).fill(NO_DETAIL);
  const unknownMissing = new Array<readonly string[]>(n).fill(NONE);
  const pairs = new PairDetails();
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
    return u > 0 ? joinParts(ctx, unknownDetails, unknownMissing, u, 'unknown', pairs) : joinParts(ctx, knownDetails, knownMissing, k, settled, pairs);
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
  const children = isAll ? criterion.all : criterion.any;
  const first = children[0];
  if (
    children.length > 1 &&
    first !== undefined &&
    isLeaf(first) &&
    children.every((c) => isLeaf(c) && TEXT_OPS.has(c.op) && c.source === first.source && c.property === first.property)
  ) {
    return compileSameProperty(children as readonly Leaf[], isAll, layout);
  }
  return compileGroup(
    children.map((c) => compileCriterion(c, layout)),
    isAll,
  );
}

/**
 * An AND/OR of text tests on one property, e.g. the default model's "job title is CEO/CTO/… or contains chief, vp,
 * director, …": the value is read once and the tests run in one loop, instead of one closure per leaf each reading
 * the value and the group collecting what each left. Same outcome and detail as `compileGroup` over the leaves: the
 * deciding test explains the outcome; otherwise the details are joined by `joinParts`, a missing value once per leaf.
 */
function compileSameProperty(leaves: readonly Leaf[], isAll: boolean, layout: PropertyLayout): CompiledCriterion {
  const tests = leaves.map((leaf) => textTest(leaf, leaf.op as TextOp, layout));
  const { slot, isCompany } = (tests[0] as TextTest).absence;
  const n = tests.length;
  const decisive: Outcome = isAll ? 'false' : 'true';
  const settled: Outcome = isAll ? 'true' : 'false';
  const absentNoCompany = tests.map((t) => t.absence.noCompany.detail);
  const absentPlain = tests.map((t) => t.absence.plain.detail);
  const absentMissing = tests.map((t) => t.absence.plain.missing);
  const nothingMissing = new Array<readonly string[]>(n).fill(NONE);
  const known = new Array<Detail>(n).fill(NO_DETAIL);
  const pairs = new PairDetails();
  const outcomes = new TextOutcomes();
  return (ctx) => {
    const raw = ctx.values.raw(slot);
    if (raw === null) return joinParts(ctx, isCompany && ctx.values.company === null ? absentNoCompany : absentPlain, absentMissing, n, 'unknown', pairs);
    const seen = outcomes.get(raw);
    if (seen !== undefined) return out(ctx, seen.outcome, seen.detail);
    const lower = ctx.values.lower(slot) as string;
    for (let i = 0; i < n; i++) {
      const o = testText(tests[i] as TextTest, ctx, raw, lower);
      if (o === decisive) return outcomes.keep(raw, o, ctx);
      known[i] = ctx.detail;
    }
    return outcomes.keep(raw, joinParts(ctx, known, nothingMissing, n, settled, pairs), ctx);
  };
}

/** A text test's (or a same-property AND/OR's) outcome and detail for one value. */
interface TextOutcome {
  readonly outcome: Outcome;
  readonly detail: Detail;
}

/**
 * Outcomes of text tests by the value tested (bounded like the details). On a present value a text test's outcome
 * and detail depend on the value alone, and the same few values (job titles, stages, countries) come back contact
 * after contact: one lookup replaces lowering the value and running every test (a job-title OR runs eight), and
 * keeps the very same detail object, so the reasons kept on it are found as before. Only kept details are
 * remembered (an unkept one is built afresh each time, as without this cache); nothing is ever missing here.
 */
class TextOutcomes {
  private readonly byValue = new Map<string, TextOutcome>();

  get(raw: string): TextOutcome | undefined {
    return this.byValue.get(raw);
  }

  /** Remembers the evaluation just written into `ctx` for `raw`, and returns its outcome. */
  keep(raw: string, outcome: Outcome, ctx: EvalContext): Outcome {
    if (ctx.detail.isKept && ctx.missing.length === 0 && this.byValue.size < MAX_KEPT) this.byValue.set(raw, { outcome, detail: ctx.detail });
    return outcome;
  }
}

/** Evaluates one criterion for one contact, e.g. in tests and one-off checks. Compiles each call: use a layout for many. */
export function evaluateCompiled(criterion: Criterion, record: Properties, company: Properties | null, now: number): Evaluation {
  const layout = new PropertyLayout();
  const compiled = compileCriterion(criterion, layout);
  const ctx = evalContext(new LeadValues(layout, record, company), dayIndex(now));
  const outcome = compiled(ctx);
  return { outcome, detail: ctx.detail.text, missing: ctx.missing };
}
