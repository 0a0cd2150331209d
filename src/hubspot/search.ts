import type { CrmError } from './errors';
import { err, ok, type Result } from '../core/result';

/** Search operators (reference §4). */
export type FilterOperator =
  | 'EQ'
  | 'NEQ'
  | 'LT'
  | 'LTE'
  | 'GT'
  | 'GTE'
  | 'BETWEEN'
  | 'IN'
  | 'NOT_IN'
  | 'HAS_PROPERTY'
  | 'NOT_HAS_PROPERTY'
  | 'CONTAINS_TOKEN'
  | 'NOT_CONTAINS_TOKEN';

export interface SearchFilter {
  readonly propertyName: string;
  readonly operator: FilterOperator;
  /** Numbers and dates as strings (dates as epoch ms). */
  readonly value?: string;
  /** BETWEEN's upper bound (inclusive). */
  readonly highValue?: string;
  /** IN / NOT_IN. String properties need lowercase values with IN. */
  readonly values?: readonly string[];
}

export interface SearchSort {
  readonly propertyName: string;
  readonly direction: 'ASCENDING' | 'DESCENDING';
}

/** A CRM search body. Groups are ORed, filters inside a group ANDed. */
export interface SearchRequest {
  readonly filterGroups?: readonly { readonly filters: readonly SearchFilter[] }[];
  /** One sort at most. */
  readonly sorts?: readonly SearchSort[];
  readonly query?: string;
  readonly properties?: readonly string[];
  /** Page size, at most 200. */
  readonly limit?: number;
  /** Offset cursor from the previous page's `paging.next.after`. */
  readonly after?: string;
}

/** HubSpot's search limits (reference §4); the 2024 changelog announced larger ones, so they are data. */
export const SEARCH_LIMITS = {
  maxGroups: 5,
  maxFiltersPerGroup: 6,
  maxFiltersTotal: 18,
  maxPageSize: 200,
  /** No query returns more than this many results; an `after` beyond it is a 400. */
  resultCap: 10_000,
  maxQueryLength: 3_000,
} as const;

export type SearchLimits = { readonly [K in keyof typeof SEARCH_LIMITS]: number };

const invalid = (message: string): CrmError => ({ code: 'BAD_REQUEST', message, retryable: false });

/** Checks a body against HubSpot's limits before spending a call on a certain 400. */
export function validateSearch(req: SearchRequest, limits: SearchLimits = SEARCH_LIMITS): Result<SearchRequest, CrmError> {
  const groups = req.filterGroups ?? [];
  if (groups.length > limits.maxGroups) return err(invalid(`A search allows at most ${limits.maxGroups} filter groups (got ${groups.length}).`));
  let total = 0;
  for (const [i, g] of groups.entries()) {
    if (g.filters.length > limits.maxFiltersPerGroup) {
      return err(invalid(`A search filter group allows at most ${limits.maxFiltersPerGroup} filters (group ${i + 1} has ${g.filters.length}).`));
    }
    total += g.filters.length;
  }
  if (total > limits.maxFiltersTotal) return err(invalid(`A search allows at most ${limits.maxFiltersTotal} filters in total (got ${total}).`));
  if ((req.sorts?.length ?? 0) > 1) return err(invalid('A search allows one sort only.'));
  if (req.limit !== undefined && (req.limit < 1 || req.limit > limits.maxPageSize)) {
    return err(invalid(`A search page holds 1 to ${limits.maxPageSize} results (got ${req.limit}).`));
  }
  if (req.query !== undefined && req.query.length > limits.maxQueryLength) {
    return err(invalid(`A search query is limited to ${limits.maxQueryLength} characters.`));
  }
  if (req.after !== undefined && Number(req.after) >= limits.resultCap) {
    return err(invalid(`A search cannot page past ${limits.resultCap} results; use searchAll, which windows on hs_object_id.`));
  }
  return ok(req);
}

export const OBJECT_ID_PROPERTY = 'hs_object_id';

/**
 * The request for the next page of a keyset ("windowed") walk through every match: sorted by `hs_object_id`
 * ascending, each group ANDed with `hs_object_id > lastId`, no offset. Every page starts a new window, so the
 * 10,000-result cap never applies and records changed while we page neither shift nor repeat.
 *
 * Rejects a body whose own sort is something else (the walk needs this order) or that has no room left for the
 * extra filter in some group.
 */
export function keysetPageRequest(
  base: SearchRequest,
  lastId: string | null,
  pageSize: number = SEARCH_LIMITS.maxPageSize,
  limits: SearchLimits = SEARCH_LIMITS,
): Result<SearchRequest, CrmError> {
  const sort = base.sorts?.[0];
  if (base.sorts && base.sorts.length > 0 && (base.sorts.length > 1 || sort?.propertyName !== OBJECT_ID_PROPERTY || sort.direction !== 'ASCENDING')) {
    return err(invalid('searchAll walks results in hs_object_id order; leave `sorts` empty and sort the results yourself.'));
  }
  const cursor: SearchFilter[] = lastId === null ? [] : [{ propertyName: OBJECT_ID_PROPERTY, operator: 'GT', value: lastId }];
  const groups = base.filterGroups && base.filterGroups.length > 0 ? base.filterGroups : cursor.length > 0 ? [{ filters: [] }] : [];
  const next: SearchRequest = {
    ...(base.query !== undefined ? { query: base.query } : {}),
    ...(base.properties ? { properties: base.properties } : {}),
    filterGroups: groups.map((g) => ({ filters: [...g.filters, ...cursor] })),
    sorts: [{ propertyName: OBJECT_ID_PROPERTY, direction: 'ASCENDING' }],
    limit: Math.min(pageSize, limits.maxPageSize),
  };
  return validateSearch(next, limits);
}

/**
 * The cursor for the page after `results` (the last id), or null when this page was the last (fewer than asked).
 * Ids are compared as numbers: HubSpot ids are numeric strings.
 */
export function nextKeysetCursor(results: readonly { readonly id: string }[], pageSize: number): string | null {
  if (results.length < pageSize) return null;
  let last: string | null = null;
  for (const r of results) if (last === null || compareIds(r.id, last) > 0) last = r.id;
  return last;
}

/** Numeric comparison of HubSpot ids (strings of digits, possibly beyond 2^53). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
