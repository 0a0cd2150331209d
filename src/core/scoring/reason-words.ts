import { describeAge, isComparison, NUMBER_SYMBOL, type Finding, type NumberOp, type Outcome, type Wording } from '../criteria/evaluate';
import type { CriterionSource, Leaf } from '../criteria/schema';
import { displayValue, knownProperty } from './hubspot-properties';

/**
 * How scoring words what a rule found, for a rep: HubSpot's names for properties and values, and the fact as it
 * is, whatever the outcome: "Company size 320 ≥ 200", "Company size 40 < 200", `Job title "VP Sales" contains "vp"`,
 * `Lifecycle stage "Marketing Qualified Lead"`. `not` keeps the detail of what it negates (it states facts). An
 * AND/OR shows the parts that decided it, each distinct detail once, at most three (then "and 2 more").
 */

/** Words for a property in reasons: the leaf's label, HubSpot's name for it, or the internal name. */
export function propertyName(source: CriterionSource, property: string, label?: string): string {
  if (label) return label;
  const known = knownProperty(source, property);
  if (known) return known.label;
  return source === 'company' ? `company.${property}` : property;
}

/** 1234567.5 → "1,234,567.5": at most two decimals; thousands separated from 10,000 up (so "1200" stays short). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 10000) return String(n);
  const rounded = Math.round(n * 100) / 100;
  const abs = Math.abs(rounded);
  const whole = Math.trunc(abs);
  const digits = whole >= 10000 ? String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(whole);
  const cents = Math.round((abs - whole) * 100);
  const decimals = cents > 0 ? `.${String(cents).padStart(2, '0')}`.replace(/0+$/, '') : '';
  return `${rounded < 0 ? '-' : ''}${digits}${decimals}`;
}

/** The comparison that holds when the leaf's does not: 40 is not ≥ 200, so "40 < 200". */
const OPPOSITE: Record<NumberOp, NumberOp> = { eq: 'neq', neq: 'eq', lt: 'gte', lte: 'gt', gt: 'lte', gte: 'lt' };

function textDetail(leaf: Leaf, name: string, raw: string, found: boolean): string {
  const shown = `"${displayValue(leaf.property, raw)}"`;
  switch (leaf.op) {
    case 'is':
    case 'is_not':
      return `${name} ${shown}`;
    case 'in':
    case 'not_in': {
      if (!found) return `${name} ${shown}`;
      const list = leaf.values.length <= 3 ? ` in [${leaf.values.map((v) => displayValue(leaf.property, v)).join(', ')}]` : ` (one of ${leaf.values.length})`;
      return `${name} ${shown}${list}`;
    }
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with': {
      const verb = leaf.op === 'starts_with' ? 'starts with' : leaf.op === 'ends_with' ? 'ends with' : 'contains';
      return found ? `${name} "${raw}" ${verb} "${leaf.value}"` : `${name} "${raw}"`;
    }
    default:
      return `${name} "${raw}"`;
  }
}

function leafDetail(leaf: Leaf, finding: Finding, outcome: Outcome): string {
  const name = propertyName(leaf.source, leaf.property, leaf.label);
  switch (finding.kind) {
    case 'missing':
      if (finding.noCompany) return `${name} missing (no associated company)`;
      return leaf.op === 'is_known' || leaf.op === 'is_unknown' ? `${name} is empty` : `${name} missing`;
    case 'set':
      return `${name} is set`;
    case 'unreadable':
      return `${name} "${finding.raw}" is not ${finding.expected}`;
    case 'number': {
      const holds = outcome === 'true';
      const value = formatNumber(finding.value);
      if (leaf.op === 'between') return `${name} ${value} ${holds ? 'in' : 'not in'} ${formatNumber(leaf.min)}–${formatNumber(leaf.max)}`;
      if (isComparison(leaf)) return `${name} ${value} ${NUMBER_SYMBOL[holds ? leaf.op : OPPOSITE[leaf.op]]} ${formatNumber(leaf.value)}`;
      return `${name} ${value}`;
    }
    case 'text':
      return textDetail(leaf, name, finding.raw, finding.found);
    case 'flag':
      return `${name} is ${String(finding.value)}`;
    case 'age':
      return `${name} ${describeAge(finding.days)}`;
    case 'date':
      return `${name} ${new Date(finding.at).toISOString().slice(0, 10)}`;
  }
}

/** Distinct details joined with "and", at most three, so a reason stays one line. */
function joinDetails(details: readonly string[]): string {
  const shown: string[] = [];
  let more = 0;
  for (const d of details) {
    if (shown.includes(d)) continue;
    if (shown.length < 3) shown.push(d);
    else more++;
  }
  return more > 0 ? `${shown.join(' and ')} and ${more} more` : shown.join(' and ');
}

export const REASON_WORDS: Wording = {
  leaf: leafDetail,
  group: (_isAll, _outcome, _parts, deciding) => joinDetails(deciding.map((p) => p.detail)),
  not: (inner) => inner.detail,
};
