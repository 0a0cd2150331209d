import type { Criterion, CriterionSource, Leaf } from './schema';
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
  /** `source.property` names that were needed and missing. */
  readonly missing: readonly string[];
}

const DAY_MS = 86_400_000;

const qualified = (leaf: Leaf): string => (leaf.source === 'company' ? `company.${leaf.property}` : leaf.property);
const nameOf = (leaf: Leaf): string => leaf.label ?? qualified(leaf);

function read(input: CriteriaInput, source: CriterionSource, property: string): string | null {
  const bag = source === 'company' ? input.company : input.record;
  if (!bag) return null;
  const value = Object.prototype.hasOwnProperty.call(bag, property) ? bag[property] : undefined;
  if (value === undefined || value === null) return null;
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

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, ''));

const SYMBOL: Record<'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte', string> = {
  eq: '=',
  neq: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
};

function compare(op: keyof typeof SYMBOL, a: number, b: number): boolean {
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

const result = (outcome: Outcome, detail: string, missing: readonly string[] = []): Evaluation => ({ outcome, detail, missing });
const bool = (b: boolean): Outcome => (b ? 'true' : 'false');

function evaluateLeaf(leaf: Leaf, input: CriteriaInput): Evaluation {
  const name = nameOf(leaf);
  const raw = read(input, leaf.source, leaf.property);

  if (leaf.op === 'is_known') return result(bool(raw !== null), raw === null ? `${name} is empty` : `${name} is set`);
  if (leaf.op === 'is_unknown') return result(bool(raw === null), raw === null ? `${name} is empty` : `${name} is set`);

  if (raw === null) {
    const why = leaf.source === 'company' && input.company === null ? `${name}: no associated company` : `${name} is missing`;
    return result('unknown', why, [qualified(leaf)]);
  }

  switch (leaf.op) {
    case 'eq':
    case 'neq':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const n = parseNumber(raw);
      if (n === null) return result('unknown', `${name} = "${raw}" is not a number`, [qualified(leaf)]);
      return result(bool(compare(leaf.op, n, leaf.value)), `${name} = ${fmt(n)} (${SYMBOL[leaf.op]} ${fmt(leaf.value)})`);
    }
    case 'between': {
      const n = parseNumber(raw);
      if (n === null) return result('unknown', `${name} = "${raw}" is not a number`, [qualified(leaf)]);
      return result(bool(n >= leaf.min && n <= leaf.max), `${name} = ${fmt(n)} (${fmt(leaf.min)}–${fmt(leaf.max)})`);
    }
    case 'is':
    case 'is_not': {
      const same = raw.toLowerCase() === leaf.value.toLowerCase();
      return result(bool(leaf.op === 'is' ? same : !same), `${name} = "${raw}"`);
    }
    case 'contains':
    case 'not_contains': {
      const has = raw.toLowerCase().includes(leaf.value.toLowerCase());
      return result(bool(leaf.op === 'contains' ? has : !has), `${name} = "${raw}"`);
    }
    case 'starts_with':
      return result(bool(raw.toLowerCase().startsWith(leaf.value.toLowerCase())), `${name} = "${raw}"`);
    case 'ends_with':
      return result(bool(raw.toLowerCase().endsWith(leaf.value.toLowerCase())), `${name} = "${raw}"`);
    case 'in':
    case 'not_in': {
      const wanted = new Set(leaf.values.map((v) => v.toLowerCase()));
      const hit = wanted.has(raw.toLowerCase());
      return result(bool(leaf.op === 'in' ? hit : !hit), `${name} = "${raw}"`);
    }
    case 'has_any':
    case 'has_all': {
      const present = new Set(
        raw
          .split(';')
          .map((v) => v.trim().toLowerCase())
          .filter((v) => v !== ''),
      );
      const wanted = leaf.values.map((v) => v.toLowerCase());
      const hit = leaf.op === 'has_any' ? wanted.some((v) => present.has(v)) : wanted.every((v) => present.has(v));
      return result(bool(hit), `${name} = "${raw}"`);
    }
    case 'is_true':
    case 'is_false': {
      const v = raw.toLowerCase();
      if (v !== 'true' && v !== 'false') return result('unknown', `${name} = "${raw}" is not true/false`, [qualified(leaf)]);
      return result(bool((v === 'true') === (leaf.op === 'is_true')), `${name} is ${v}`);
    }
    case 'within_last_days':
    case 'more_than_days_ago': {
      const t = parseInstant(raw);
      if (t === null) return result('unknown', `${name} = "${raw}" is not a date`, [qualified(leaf)]);
      // Whole UTC calendar days, so an evaluation gives the same answer all day long (a rerun on the same day
      // scores and routes the same: DECISIONS 5). "Within the last 7 days" covers today and the 7 days before.
      const ageDays = Math.floor(input.now / DAY_MS) - Math.floor(t / DAY_MS);
      const within = ageDays <= leaf.days;
      const detail = `${name} ${describeAge(ageDays)}`;
      return result(bool(leaf.op === 'within_last_days' ? within : !within), detail);
    }
    case 'before':
    case 'after': {
      const t = parseInstant(raw);
      if (t === null) return result('unknown', `${name} = "${raw}" is not a date`, [qualified(leaf)]);
      const bound = Date.parse(leaf.date);
      return result(bool(leaf.op === 'before' ? t < bound : t > bound), `${name} = ${new Date(t).toISOString().slice(0, 10)}`);
    }
  }
}

/** "today", "1 day ago", "12 days ago", "in 3 days" (future dates happen with clock skew and imports). */
export function describeAge(ageDays: number): string {
  if (ageDays < 0) {
    const ahead = Math.ceil(-ageDays);
    return ahead <= 0 ? 'today' : `in ${ahead} day${ahead === 1 ? '' : 's'}`;
  }
  const days = Math.floor(ageDays);
  if (days === 0) return 'today';
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** Evaluates a criterion tree. Pure: same input, same evaluation. */
export function evaluate(criterion: Criterion, input: CriteriaInput): Evaluation {
  if (isLeaf(criterion)) return evaluateLeaf(criterion, input);
  if ('not' in criterion) {
    const inner = evaluate(criterion.not, input);
    const outcome: Outcome = inner.outcome === 'unknown' ? 'unknown' : inner.outcome === 'true' ? 'false' : 'true';
    return result(outcome, `not (${inner.detail})`, inner.missing);
  }
  const isAll = 'all' in criterion;
  const parts = (isAll ? criterion.all : criterion.any).map((c) => evaluate(c, input));
  const missing = [...new Set(parts.flatMap((p) => p.missing))];
  const decisive = isAll ? 'false' : 'true';
  const hit = parts.filter((p) => p.outcome === decisive);
  let outcome: Outcome;
  if (hit.length > 0) outcome = decisive;
  else if (parts.some((p) => p.outcome === 'unknown')) outcome = 'unknown';
  else outcome = isAll ? 'true' : 'false';
  // Explain with the parts that decided: the failing part of an AND, the matching part of an OR, else all parts.
  const shown = outcome === decisive ? hit : parts;
  const joiner = isAll ? ' and ' : ' or ';
  const detail = shown.length === 1 ? (shown[0]?.detail ?? '') : shown.map((p) => `(${p.detail})`).join(joiner);
  return result(outcome, detail, outcome === 'unknown' ? missing : []);
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
