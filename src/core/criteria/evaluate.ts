import type { Criterion, Leaf } from './schema';
import { isLeaf } from './schema';

/** Property values as HubSpot sends them: strings, or null/absent when the record has none. */
export type Properties = Readonly<Record<string, string | null | undefined>>;

/** What a criterion is evaluated against. `company` is the record's primary company (null: none). */
export interface CriteriaInput {
  readonly record: Properties;
  readonly company: Properties | null;
  /** Epoch milliseconds; the only clock the evaluation sees. */
  readonly now: number;
}

/**
 * Three-valued: `unknown` when a property the test needs is missing, so missing data is never silently a "no".
 * `all` is false if any part is false, else unknown if any part is unknown; `any` is true if any part is true,
 * else unknown if any is unknown; `not` swaps true and false and keeps unknown.
 */
export type Outcome = 'true' | 'false' | 'unknown';

export interface Evaluation {
  readonly outcome: Outcome;
  /** Human text of what was tested and found, e.g. "numberofemployees = 320 (≥ 200)". */
  readonly detail: string;
  /**
   * `source.property` names that were needed and empty, as they bear on the outcome: every one behind an `unknown`;
   * for a known outcome, the empty ones of the parts that decided it (a failed `is_known` names its property, so a
   * "requires" test can say what to fill in).
   */
  readonly missing: readonly string[];
}

/** What a leaf found on the record, for the words of its detail. */
export type Finding =
  /** The property is absent or blank; `noCompany` when it lives on a primary company the record does not have. */
  | { readonly kind: 'missing'; readonly noCompany: boolean }
  /** `is_known` / `is_unknown` on a value. */
  | { readonly kind: 'set' }
  | { readonly kind: 'unreadable'; readonly raw: string; readonly expected: 'a number' | 'true/false' | 'a date' }
  | { readonly kind: 'number'; readonly value: number }
  /** Text and set tests: `found` when the wanted text or value occurs, before `is_not`, `not_contains`, `not_in` negate it. */
  | { readonly kind: 'text'; readonly raw: string; readonly found: boolean }
  | { readonly kind: 'flag'; readonly value: boolean }
  /** Whole UTC calendar days from the date to now; negative for a date in the future. */
  | { readonly kind: 'age'; readonly days: number }
  | { readonly kind: 'date'; readonly at: number };

/**
 * How an evaluation words its details. Outcomes and missing properties never depend on it. Routing explains tiers
 * with `PLAIN_WORDS` (property names as in the configuration); scoring words reasons for reps (its `REASON_WORDS`).
 * Both texts are stored on records (the routing rule, the score reasons), so each keeps its own words.
 */
export interface Wording {
  leaf(leaf: Leaf, finding: Finding, outcome: Outcome): string;
  /** `deciding`: the parts that decided the outcome (see `evaluate`), a subset of `parts` in their order. */
  group(isAll: boolean, outcome: Outcome, parts: readonly Evaluation[], deciding: readonly Evaluation[]): string;
  not(inner: Evaluation): string;
}

const DAY_MS = 86_400_000;

/** `company.x` for a company property, `x` for the record's own. */
export const qualifiedName = (leaf: Pick<Leaf, 'source' | 'property'>): string => (leaf.source === 'company' ? `company.${leaf.property}` : leaf.property);

/** A property's value, trimmed; null when absent, blank or not a string. Own properties only (never `constructor`). */
export function readProperty(bag: Properties | null, property: string): string | null {
  if (bag === null || !Object.prototype.hasOwnProperty.call(bag, property)) return null;
  const value: unknown = bag[property];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Parses a HubSpot number string; "1,200" and " 42 " are accepted, anything else is not a number. */
export function parseNumber(raw: string): number | null {
  const cleaned = raw.replace(/,/g, '').trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

/** Parses a HubSpot date or datetime value: epoch milliseconds or ISO-8601. Returns epoch ms. */
export function parseInstant(raw: string): number | null {
  if (/^-?\d{1,15}$/.test(raw)) return Number(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw)) return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : t;
}

/** UTC calendar day number of an instant: day 0 is 1970-01-01. */
export const utcDay = (ms: number): number => Math.floor(ms / DAY_MS);

/** "today", "1 day ago", "12 days ago", "in 3 days" (future dates happen with clock skew and imports). */
export function describeAge(days: number): string {
  if (days === 0) return 'today';
  if (days < 0) return `in ${-days} day${days === -1 ? '' : 's'}`;
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

export type NumberOp = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte';
export const NUMBER_SYMBOL: Record<NumberOp, string> = { eq: '=', neq: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥' };

/** A leaf that compares a number with `value` (eq, neq, lt, lte, gt, gte). */
export const isComparison = (leaf: Leaf): leaf is Extract<Leaf, { op: NumberOp }> => Object.prototype.hasOwnProperty.call(NUMBER_SYMBOL, leaf.op);

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

const bool = (b: boolean): Outcome => (b ? 'true' : 'false');

type Tested = { readonly outcome: Outcome; readonly finding: Finding };

const unreadable = (raw: string, expected: 'a number' | 'true/false' | 'a date'): Tested => ({ outcome: 'unknown', finding: { kind: 'unreadable', raw, expected } });

/** A text test: `found` when the wanted text occurs; `negated` for is_not, not_contains and not_in. */
const textTest = (raw: string, found: boolean, negated: boolean): Tested => ({ outcome: bool(found !== negated), finding: { kind: 'text', raw, found } });

/** A leaf's outcome and what it found. Whole UTC calendar days for day tests, so a rerun on the same day agrees. */
function testLeaf(leaf: Leaf, input: CriteriaInput): Tested {
  const raw = readProperty(leaf.source === 'company' ? input.company : input.record, leaf.property);
  if (raw === null) {
    const finding: Finding = { kind: 'missing', noCompany: leaf.source === 'company' && input.company === null };
    if (leaf.op === 'is_known') return { outcome: 'false', finding };
    if (leaf.op === 'is_unknown') return { outcome: 'true', finding };
    return { outcome: 'unknown', finding };
  }
  const lower = raw.toLowerCase();
  switch (leaf.op) {
    case 'is_known':
    case 'is_unknown':
      return { outcome: bool(leaf.op === 'is_known'), finding: { kind: 'set' } };
    case 'eq':
    case 'neq':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const n = parseNumber(raw);
      if (n === null) return unreadable(raw, 'a number');
      return { outcome: bool(compareNumbers(leaf.op, n, leaf.value)), finding: { kind: 'number', value: n } };
    }
    case 'between': {
      const n = parseNumber(raw);
      if (n === null) return unreadable(raw, 'a number');
      return { outcome: bool(n >= leaf.min && n <= leaf.max), finding: { kind: 'number', value: n } };
    }
    case 'is':
    case 'is_not':
      return textTest(raw, lower === leaf.value.toLowerCase(), leaf.op === 'is_not');
    case 'contains':
    case 'not_contains':
      return textTest(raw, lower.includes(leaf.value.toLowerCase()), leaf.op === 'not_contains');
    case 'starts_with':
      return textTest(raw, lower.startsWith(leaf.value.toLowerCase()), false);
    case 'ends_with':
      return textTest(raw, lower.endsWith(leaf.value.toLowerCase()), false);
    case 'in':
    case 'not_in':
      return textTest(raw, 
        leaf.values.some((v) => v.toLowerCase() === lower),
        leaf.op === 'not_in',
      );
    case 'has_any':
    case 'has_all': {
      // Multi-checkbox values: `;`-separated options.
      const present = new Set(
        raw
          .split(';')
          .map((v) => v.trim().toLowerCase())
          .filter((v) => v !== ''),
      );
      const wanted = leaf.values.map((v) => v.toLowerCase());
      return textTest(raw, leaf.op === 'has_any' ? wanted.some((v) => present.has(v)) : wanted.every((v) => present.has(v)), false);
    }
    case 'is_true':
    case 'is_false': {
      if (lower !== 'true' && lower !== 'false') return unreadable(raw, 'true/false');
      return { outcome: bool((lower === 'true') === (leaf.op === 'is_true')), finding: { kind: 'flag', value: lower === 'true' } };
    }
    case 'within_last_days':
    case 'more_than_days_ago': {
      const t = parseInstant(raw);
      if (t === null) return unreadable(raw, 'a date');
      // "Within the last 7 days" covers today and the 7 days before.
      const days = utcDay(input.now) - utcDay(t);
      return { outcome: bool(days <= leaf.days === (leaf.op === 'within_last_days')), finding: { kind: 'age', days } };
    }
    case 'before':
    case 'after': {
      const t = parseInstant(raw);
      if (t === null) return unreadable(raw, 'a date');
      const bound = Date.parse(leaf.date);
      return { outcome: bool(leaf.op === 'before' ? t < bound : t > bound), finding: { kind: 'date', at: t } };
    }
  }
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, ''));

/**
 * Details in the configuration's terms: the property's internal name (or the leaf's label), "=" and the value, e.g.
 * `numberofemployees = 320 (≥ 200)`, `country = "Germany"`. An AND/OR shows the parts that settled it, in brackets.
 */
export const PLAIN_WORDS: Wording = {
  leaf(leaf, finding) {
    const name = leaf.label ?? qualifiedName(leaf);
    switch (finding.kind) {
      case 'missing':
        if (leaf.op === 'is_known' || leaf.op === 'is_unknown') return `${name} is empty`;
        return finding.noCompany ? `${name}: no associated company` : `${name} is missing`;
      case 'set':
        return `${name} is set`;
      case 'unreadable':
        return `${name} = "${finding.raw}" is not ${finding.expected}`;
      case 'number':
        if (leaf.op === 'between') return `${name} = ${fmt(finding.value)} (${fmt(leaf.min)}–${fmt(leaf.max)})`;
        return isComparison(leaf) ? `${name} = ${fmt(finding.value)} (${NUMBER_SYMBOL[leaf.op]} ${fmt(leaf.value)})` : `${name} = ${fmt(finding.value)}`;
      case 'text':
        return `${name} = "${finding.raw}"`;
      case 'flag':
        return `${name} is ${String(finding.value)}`;
      case 'age':
        return `${name} ${describeAge(finding.days)}`;
      case 'date':
        return `${name} = ${new Date(finding.at).toISOString().slice(0, 10)}`;
    }
  },
  group(isAll, outcome, parts) {
    // The failing parts of an AND, the matching parts of an OR, else every part.
    const decisive = isAll ? 'false' : 'true';
    const shown = outcome === decisive ? parts.filter((p) => p.outcome === decisive) : parts;
    if (shown.length === 1) return shown[0]?.detail ?? '';
    return shown.map((p) => `(${p.detail})`).join(isAll ? ' and ' : ' or ');
  },
  not: (inner) => `not (${inner.detail})`,
};

const negate = (o: Outcome): Outcome => (o === 'true' ? 'false' : o === 'false' ? 'true' : 'unknown');

/** The union of the parts' missing properties, in order of first appearance. */
const missingOf = (parts: readonly Evaluation[]): string[] => [...new Set(parts.flatMap((p) => p.missing))];

/**
 * Evaluates a criterion tree. Pure: same input, same evaluation. An AND/OR is decided by its first false (AND) or
 * true (OR) part; otherwise its unknown parts make it unknown; otherwise every part settles it. Those deciding
 * parts name its missing properties.
 */
export function evaluate(criterion: Criterion, input: CriteriaInput, words: Wording = PLAIN_WORDS): Evaluation {
  if (isLeaf(criterion)) {
    const { outcome, finding } = testLeaf(criterion, input);
    const missing = finding.kind === 'missing' || finding.kind === 'unreadable' ? [qualifiedName(criterion)] : [];
    return { outcome, detail: words.leaf(criterion, finding, outcome), missing };
  }
  if ('not' in criterion) {
    const inner = evaluate(criterion.not, input, words);
    return { outcome: negate(inner.outcome), detail: words.not(inner), missing: inner.missing };
  }
  const isAll = 'all' in criterion;
  const parts = (isAll ? criterion.all : criterion.any).map((c) => evaluate(c, input, words));
  const decisive: Outcome = isAll ? 'false' : 'true';
  const first = parts.find((p) => p.outcome === decisive);
  const unknown = parts.filter((p) => p.outcome === 'unknown');
  const outcome: Outcome = first ? decisive : unknown.length > 0 ? 'unknown' : negate(decisive);
  const deciding = first ? [first] : unknown.length > 0 ? unknown : parts;
  return { outcome, detail: words.group(isAll, outcome, parts, deciding), missing: missingOf(deciding) };
}

/** Every `source.property` a criterion reads, for building the list of properties to fetch. */
export function propertiesOf(criterion: Criterion): { record: string[]; company: string[] } {
  const record = new Set<string>();
  const company = new Set<string>();
  const walk = (c: Criterion): void => {
    if (isLeaf(c)) {
      (c.source === 'company' ? company : record).add(c.property);
    } else if ('not' in c) walk(c.not);
    else ('all' in c ? c.all : c.any).forEach(walk);
  };
  walk(criterion);
  return { record: [...record].sort(), company: [...company].sort() };
}
