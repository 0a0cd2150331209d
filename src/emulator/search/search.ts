import type { PropertyDefinition, SearchSnapshot, StoredRecord } from '../types';
import { validationError } from '../http/errors';
import { objectTypeOf, type ObjectType } from '../schema/object-types';
import { parseInstant } from '../store/values';
import type { Portal } from '../store/portal';

/**
 * The CRM search API (reference §4; docs: search-the-crm 2026-03). Filters inside a group are ANDed, groups are
 * ORed; at most 5 groups, 6 filters per group, 18 in total. Comparisons follow the property's type: numbers
 * numerically, dates and datetimes by instant (epoch ms or ISO), enumerations case-sensitively, strings
 * case-insensitively except that string IN/NOT_IN values must be lower case to match. Negative operators (NEQ,
 * NOT_IN, NOT_CONTAINS_TOKEN, NOT_HAS_PROPERTY) match records without a value (unverified; the oracle in the
 * tests encodes the same rule). Results come from what search sees (the search lag), archived records never.
 */

export const SEARCH_LIMITS = { maxGroups: 5, maxFiltersPerGroup: 6, maxFilters: 18, maxLimit: 200, defaultLimit: 10, maxResults: 10_000, maxQueryLength: 3000 } as const;
export type SearchLimits = { readonly [K in keyof typeof SEARCH_LIMITS]: number };

export const OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  readonly propertyName: string;
  readonly operator: Operator;
  readonly value?: string;
  readonly highValue?: string;
  readonly values?: readonly string[];
}

export interface SearchRequest {
  readonly filterGroups: readonly { readonly filters: readonly Filter[] }[];
  readonly sort?: { readonly propertyName: string; readonly direction: 'ASCENDING' | 'DESCENDING' };
  readonly query?: string;
  readonly properties: readonly string[];
  readonly limit: number;
  readonly after: number;
}

export interface SearchPage {
  readonly total: number;
  readonly results: { record: StoredRecord; view: SearchSnapshot }[];
  /** The next offset, absent on the last page. */
  readonly nextAfter?: number;
}

const scalar = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** Validates and normalizes a search body. Errors are 400 VALIDATION_ERROR (exact wording unverified). */
export function parseSearchRequest(portal: Portal, t: ObjectType, body: unknown, limits: SearchLimits = SEARCH_LIMITS): SearchRequest {
  const b = (body === undefined || body === null ? {} : body) as Record<string, unknown>;
  if (typeof b !== 'object' || Array.isArray(b)) throw validationError('Invalid input JSON: the search body must be an object');
  const groupsRaw = b.filterGroups ?? [];
  if (!Array.isArray(groupsRaw)) throw validationError('filterGroups must be an array');
  if (groupsRaw.length > limits.maxGroups) {
    throw validationError(`Too many filter groups: ${groupsRaw.length}. A search can have at most ${limits.maxGroups} filterGroups.`, [{ message: `at most ${limits.maxGroups} filterGroups`, code: 'TOO_MANY_FILTER_GROUPS', in: 'filterGroups' }]);
  }
  let total = 0;
  const filterGroups = groupsRaw.map((g: unknown, gi) => {
    const filtersRaw = (g as { filters?: unknown } | null)?.filters ?? [];
    if (!Array.isArray(filtersRaw)) throw validationError(`filterGroups[${gi}].filters must be an array`);
    if (filtersRaw.length > limits.maxFiltersPerGroup) {
      throw validationError(`Too many filters in filterGroups[${gi}]: ${filtersRaw.length}. A filter group can have at most ${limits.maxFiltersPerGroup} filters.`, [{ message: `at most ${limits.maxFiltersPerGroup} filters per group`, code: 'TOO_MANY_FILTERS', in: `filterGroups[${gi}]` }]);
    }
    total += filtersRaw.length;
    return { filters: filtersRaw.map((f: unknown, fi) => parseFilter(portal, t, f, `filterGroups[${gi}].filters[${fi}]`)) };
  });
  if (total > limits.maxFilters) {
    throw validationError(`Too many filters: ${total}. A search can have at most ${limits.maxFilters} filters in total.`, [{ message: `at most ${limits.maxFilters} filters in total`, code: 'TOO_MANY_FILTERS', in: 'filterGroups' }]);
  }
  const sortsRaw = b.sorts ?? [];
  if (!Array.isArray(sortsRaw)) throw validationError('sorts must be an array');
  if (sortsRaw.length > 1) throw validationError('Only one sort is allowed per search request.', [{ message: 'at most one sort', code: 'TOO_MANY_SORTS', in: 'sorts' }]);
  let sort: SearchRequest['sort'];
  const s0: unknown = sortsRaw[0];
  if (typeof s0 === 'string') {
    // The spec types sorts as string[]; "-name" sorts descending (clients send it; HubSpot's acceptance unverified).
    sort = s0.startsWith('-') ? { propertyName: s0.slice(1), direction: 'DESCENDING' } : { propertyName: s0, direction: 'ASCENDING' };
  } else if (s0 !== undefined) {
    const so = (s0 ?? {}) as { propertyName?: unknown; direction?: unknown };
    const direction = so.direction ?? 'ASCENDING';
    if (typeof so.propertyName !== 'string' || (direction !== 'ASCENDING' && direction !== 'DESCENDING')) {
      throw validationError('sorts[0] needs propertyName and direction ASCENDING or DESCENDING');
    }
    sort = { propertyName: so.propertyName, direction };
  }
  if (sort && !portal.properties.get(t.id, sort.propertyName)) throw unknownProperty(sort.propertyName);
  const query = b.query === undefined || b.query === null ? undefined : scalar(b.query);
  if (query !== undefined && query.length > limits.maxQueryLength) {
    throw validationError(`query is ${query.length} characters long; the limit is ${limits.maxQueryLength}.`);
  }
  const limitRaw = b.limit ?? limits.defaultLimit;
  const limit = Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 0) throw validationError(`limit must be a non-negative integer, got ${String(limitRaw)}`);
  if (limit > limits.maxLimit) throw validationError(`limit must be at most ${limits.maxLimit}, got ${limit}`, [{ message: `limit at most ${limits.maxLimit}`, code: 'INVALID_LIMIT', in: 'limit' }]);
  const afterRaw = b.after ?? '0';
  const after = afterRaw === '' ? 0 : Number(afterRaw);
  if (!Number.isInteger(after) || after < 0) throw validationError(`after must be an offset from a previous page, got ${String(afterRaw)}`);
  if (after >= limits.maxResults) {
    throw validationError(`Search results are limited to ${limits.maxResults}: after ${after} asks past the end. Narrow the filters (for example by hs_object_id ranges).`, [{ message: `after must be below ${limits.maxResults}`, code: 'PAGING_LIMIT_EXCEEDED', in: 'after' }]);
  }
  const propsRaw = b.properties ?? [];
  if (!Array.isArray(propsRaw)) throw validationError('properties must be an array of property names');
  return {
    filterGroups,
    ...(sort ? { sort } : {}),
    ...(query !== undefined && query.trim() !== '' ? { query } : {}),
    properties: propsRaw.filter((p): p is string => typeof p === 'string'),
    limit,
    after,
  };
}

function unknownProperty(name: string) {
  // HubSpot's exact answer to an unknown filter or sort property is unverified; a 400 names it.
  return validationError(`There was a problem with the request: Property "${name}" does not exist`, [{ message: `Property "${name}" does not exist`, code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: [name] } }]);
}

function parseFilter(portal: Portal, t: ObjectType, raw: unknown, where: string): Filter {
  const f = (raw ?? {}) as Record<string, unknown>;
  const propertyName = typeof f.propertyName === 'string' ? f.propertyName : '';
  const operator = f.operator;
  if (!OPERATORS.includes(operator as Operator)) throw validationError(`${where}: operator ${String(operator)} is not one of ${OPERATORS.join(', ')}`);
  const op = operator as Operator;
  if (propertyName.startsWith('associations.')) {
    const target = objectTypeOf(propertyName.slice('associations.'.length));
    if (!target) throw validationError(`${where}: ${propertyName} is not a supported association`);
    if (!['EQ', 'NEQ', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY'].includes(op)) throw validationError(`${where}: ${op} is not supported on ${propertyName}`);
  } else if (!portal.properties.get(t.id, propertyName)) {
    throw unknownProperty(propertyName);
  }
  const value = scalar(f.value);
  const highValue = scalar(f.highValue);
  const values = Array.isArray(f.values) ? f.values.map(scalar).filter((v): v is string => v !== undefined) : undefined;
  if (op === 'HAS_PROPERTY' || op === 'NOT_HAS_PROPERTY') {
    if (value !== undefined || values !== undefined) throw validationError(`${where}: ${op} takes no value`);
    return { propertyName, operator: op };
  }
  if (op === 'IN' || op === 'NOT_IN') {
    if (!values || values.length === 0) throw validationError(`${where}: ${op} needs a non-empty values array`);
    return { propertyName, operator: op, values };
  }
  if (value === undefined) throw validationError(`${where}: ${op} needs a value`);
  if (op === 'BETWEEN') {
    if (highValue === undefined) throw validationError(`${where}: BETWEEN needs value and highValue`);
    return { propertyName, operator: op, value, highValue };
  }
  return { propertyName, operator: op, value };
}

// ---------------------------------------------------------------- evaluation

type Predicate = (view: SearchSnapshot, rec: StoredRecord) => boolean;

const NEGATIVE = new Set<Operator>(['NEQ', 'NOT_IN', 'NOT_CONTAINS_TOKEN', 'NOT_HAS_PROPERTY']);

/** Tokens of a value for CONTAINS_TOKEN: the whole value, whitespace-separated words, and alphanumeric runs. */
export function tokensOf(value: string): string[] {
  const lower = value.toLowerCase();
  return [lower, ...lower.split(/\s+/), ...lower.split(/[^\p{L}\p{N}]+/u)].filter((x) => x !== '');
}

function tokenMatcher(pattern: string): (value: string) => boolean {
  const p = pattern.toLowerCase();
  if (!p.includes('*')) return (v) => tokensOf(v).includes(p);
  const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'u');
  return (v) => tokensOf(v).some((tok) => re.test(tok));
}

/** A typed comparison key for a stored or filter value; undefined when the value does not parse. */
type Key = number | string;

function keyer(def: PropertyDefinition): { stored: (v: string) => Key | undefined; filter: (v: string, name: string) => Key } {
  switch (def.type) {
    case 'number':
      return {
        stored: (v) => {
          const n = Number(v.trim());
          return v.trim() !== '' && Number.isFinite(n) ? n : undefined;
        },
        filter: (v, name) => {
          const n = Number(v.trim());
          if (v.trim() === '' || !Number.isFinite(n)) throw validationError(`${v} is not a valid number for ${name}`);
          return n;
        },
      };
    case 'date':
    case 'datetime':
      return {
        stored: (v) => parseInstant(v),
        filter: (v, name) => {
          const n = parseInstant(v);
          if (n === undefined) throw validationError(`${v} is not a valid date for ${name}: use epoch milliseconds or ISO 8601`);
          return n;
        },
      };
    case 'enumeration':
      return { stored: (v) => v, filter: (v) => v };
    default:
      return { stored: (v) => v.toLowerCase(), filter: (v) => v.toLowerCase() };
  }
}

function compilePropertyFilter(def: PropertyDefinition, f: Filter): Predicate {
  const name = f.propertyName;
  const { stored, filter } = keyer(def);
  const isMulti = def.type === 'enumeration' && def.fieldType === 'checkbox';
  const valuesOf = (raw: string): Key[] => {
    if (isMulti) return raw.split(';').filter((x) => x !== '');
    const k = stored(raw);
    return k === undefined ? [] : [k];
  };
  const present = (view: SearchSnapshot) => {
    const v = view.properties[name];
    return v !== undefined && v !== '';
  };
  const negative = NEGATIVE.has(f.operator);
  let test: (raw: string) => boolean;
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return (view) => present(view);
    case 'NOT_HAS_PROPERTY':
      return (view) => !present(view);
    case 'EQ':
    case 'NEQ': {
      const target = filter(f.value ?? '', name);
      const eq = (raw: string) => valuesOf(raw).some((k) => k === target);
      test = f.operator === 'EQ' ? eq : (raw) => !eq(raw);
      break;
    }
    case 'IN':
    case 'NOT_IN': {
      // String IN/NOT_IN compare the lower-cased stored value with the values as sent: upper-case values never match.
      const targets = new Set<Key>((f.values ?? []).map((v) => (def.type === 'string' || def.type === 'phone_number' ? v : filter(v, name))));
      const inSet = (raw: string) => valuesOf(raw).some((k) => targets.has(k));
      test = f.operator === 'IN' ? inSet : (raw) => !inSet(raw);
      break;
    }
    case 'LT':
    case 'LTE':
    case 'GT':
    case 'GTE': {
      const target = filter(f.value ?? '', name);
      const cmp = { LT: (a: Key) => a < target, LTE: (a: Key) => a <= target, GT: (a: Key) => a > target, GTE: (a: Key) => a >= target }[f.operator];
      test = (raw) => valuesOf(raw).some(cmp);
      break;
    }
    case 'BETWEEN': {
      const lo = filter(f.value ?? '', name);
      const hi = filter(f.highValue ?? '', name);
      test = (raw) => valuesOf(raw).some((k) => k >= lo && k <= hi);
      break;
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const m = tokenMatcher(f.value ?? '');
      test = f.operator === 'CONTAINS_TOKEN' ? m : (raw) => !m(raw);
      break;
    }
  }
  return (view) => {
    const v = view.properties[name];
    if (v === undefined || v === '') return negative;
    return test(v);
  };
}

function associatedIds(portal: Portal, t: ObjectType, rec: StoredRecord, targetTypeId: string, now: number): Set<string> {
  const ids = new Set<string>();
  for (const e of portal.associations.list(t.id, rec.id, targetTypeId)) {
    if (e.visibleAt <= now && portal.live(targetTypeId, e.toId)) ids.add(e.toId);
  }
  return ids;
}

function compileFilter(portal: Portal, t: ObjectType, f: Filter, now: number): Predicate {
  if (f.propertyName.startsWith('associations.')) {
    const target = objectTypeOf(f.propertyName.slice('associations.'.length));
    const targetId = target?.id ?? '';
    const wanted = f.values ?? (f.value !== undefined ? [f.value] : []);
    return (_view, rec) => {
      const ids = associatedIds(portal, t, rec, targetId, now);
      switch (f.operator) {
        case 'HAS_PROPERTY':
          return ids.size > 0;
        case 'NOT_HAS_PROPERTY':
          return ids.size === 0;
        case 'NEQ':
        case 'NOT_IN':
          return !wanted.some((w) => ids.has(w));
        default:
          return wanted.some((w) => ids.has(w));
      }
    };
  }
  const def = portal.properties.get(t.id, f.propertyName);
  if (!def) throw unknownProperty(f.propertyName);
  return compilePropertyFilter(def, f);
}

/**
 * Candidate records: when every group names associated records (`associations.x` EQ/IN), only the records
 * associated with those can match, so search reads the association index instead of scanning the type.
 */
function candidates(portal: Portal, t: ObjectType, req: SearchRequest, now: number): Iterable<StoredRecord> {
  if (req.filterGroups.length === 0) return portal.ordered(t.id);
  const ids = new Set<string>();
  for (const g of req.filterGroups) {
    const f = g.filters.find((x) => x.propertyName.startsWith('associations.') && (x.operator === 'EQ' || x.operator === 'IN'));
    const target = f && objectTypeOf(f.propertyName.slice('associations.'.length));
    if (!f || !target) return portal.ordered(t.id);
    for (const fromId of f.values ?? (f.value !== undefined ? [f.value] : [])) {
      for (const e of portal.associations.list(target.id, fromId, t.id)) if (e.visibleAt <= now) ids.add(e.toId);
    }
  }
  return [...ids].sort((a, b) => Number(a) - Number(b)).map((id) => portal.get(t.id, id)).filter((r): r is StoredRecord => r !== undefined);
}

function queryPredicate(t: ObjectType, query: string): Predicate {
  const terms = query.toLowerCase().split(/\s+/).filter((x) => x !== '');
  return (view) =>
    terms.every((term) =>
      t.queryProperties.some((p) => {
        const v = view.properties[p];
        return v !== undefined && tokensOf(v).some((tok) => tok.startsWith(term));
      }),
    );
}

export function runSearch(portal: Portal, t: ObjectType, req: SearchRequest, now: number, limits: SearchLimits = SEARCH_LIMITS): SearchPage {
  const groups = req.filterGroups.map((g) => g.filters.map((f) => compileFilter(portal, t, f, now)));
  const q = req.query ? queryPredicate(t, req.query) : undefined;
  const matches: { record: StoredRecord; view: SearchSnapshot }[] = [];
  for (const rec of candidates(portal, t, req, now)) {
    const view = portal.searchView(rec, now);
    if (!view) continue;
    if (groups.length > 0 && !groups.some((g) => g.every((p) => p(view, rec)))) continue;
    if (q && !q(view, rec)) continue;
    matches.push({ record: rec, view });
  }
  if (req.sort) {
    const def = portal.properties.get(t.id, req.sort.propertyName);
    const { stored } = def ? keyer(def) : { stored: (v: string): Key | undefined => v };
    const dir = req.sort.direction === 'DESCENDING' ? -1 : 1;
    const name = req.sort.propertyName;
    const keyed = matches.map((m) => {
      const raw = m.view.properties[name];
      return { m, k: raw === undefined || raw === '' ? undefined : stored(raw) };
    });
    keyed.sort((a, b) => {
      // Records without a value sort last in both directions; ties keep id order.
      if (a.k === undefined || b.k === undefined) return a.k === b.k ? Number(a.m.record.id) - Number(b.m.record.id) : a.k === undefined ? 1 : -1;
      if (a.k < b.k) return -dir;
      if (a.k > b.k) return dir;
      return Number(a.m.record.id) - Number(b.m.record.id);
    });
    matches.splice(0, matches.length, ...keyed.map((x) => x.m));
  }
  const end = Math.min(req.after + req.limit, limits.maxResults, matches.length);
  const results = matches.slice(req.after, end);
  const reachable = Math.min(matches.length, limits.maxResults);
  return { total: matches.length, results, ...(end < reachable && req.limit > 0 ? { nextAfter: end } : {}) };
}
