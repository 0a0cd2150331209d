import { parseInstant } from '../criteria/evaluate';
import type { RoutingConfig } from './config-schema';
import { ROUTING_PROPERTY_NAMES } from './properties';

/**
 * Recent load is counted from ONE search over the team's recent assignments (records whose routed-at is recent
 * and whose owner is in the team, newest first, one page), never one call per owner. Search lags behind writes,
 * so the caller adds the decisions it made itself in the current run (DECISIONS 23); they replace search rows of
 * the same record, so a record is never counted twice.
 */
export interface RecentAssignment {
  /** The routed record. Needed to drop the record being routed and to merge run decisions without doubles. */
  readonly recordId?: string | null;
  readonly ownerId: string;
  /** ISO-8601 or epoch milliseconds (HubSpot search returns ISO for datetime properties). */
  readonly routedAt: string | number;
}

export interface RecentAssignmentsInput {
  /** Search rows, newest first (the order does not matter for counting). */
  readonly searched: readonly RecentAssignment[];
  /** The search's `total`; when above the rows given, counts cover only the newest rows and the decision says so. */
  readonly searchedTotal?: number | null;
  /** Decisions made earlier in this run (CLI, bulk), which search may not show yet. */
  readonly run?: readonly RecentAssignment[];
}

export interface LoadCounts {
  /** Assignments per owner within `balanced.windowDays`. */
  readonly recent: ReadonlyMap<string, number>;
  /** Assignments per owner on the current day (`caps.timeZone`). */
  readonly today: ReadonlyMap<string, number>;
  /** The newest assignment (rotation continues after its owner). */
  readonly last: { readonly ownerId: string; readonly at: number } | null;
  /** Rows counted after merging and filtering. */
  readonly counted: number;
  /** True when the search had more rows than it returned: the counts cover the newest rows only. */
  readonly partial: boolean;
  /** Rows dropped because they were the record being routed (its own earlier assignment must not count). */
  readonly ownRowsDropped: number;
}

const DAY_MS = 86_400_000;

const instant = (v: string | number): number | null => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : parseInstant(v.trim()));

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The calendar day of an instant in a time zone, e.g. "2026-11-25". Pure: Intl is data, not I/O. */
export function dayKey(at: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

/**
 * Merges search rows and run decisions and counts them per owner. The record being routed is dropped: its own
 * earlier assignment must not weigh on its own decision, or concurrent calls for one record would disagree
 * depending on whether search already shows the first write.
 */
export function countLoad(input: RecentAssignmentsInput, recordId: string, now: number, config: RoutingConfig): LoadCounts {
  const windowStart = now - config.balanced.windowDays * DAY_MS;
  const today = dayKey(now, config.caps.timeZone);
  const byRecord = new Map<string, { ownerId: string; at: number }>();
  const anonymous: { ownerId: string; at: number }[] = [];
  let ownRowsDropped = 0;
  const add = (row: RecentAssignment, fromRun: boolean): void => {
    const at = instant(row.routedAt);
    if (at === null || row.ownerId === '') return;
    const id = row.recordId ?? null;
    if (id === recordId) {
      ownRowsDropped++;
      return;
    }
    if (id === null) {
      anonymous.push({ ownerId: row.ownerId, at });
      return;
    }
    const seen = byRecord.get(id);
    // A run decision is newer knowledge than any search row of the same record; among equals, the newest wins.
    if (!seen || fromRun || at > seen.at) byRecord.set(id, { ownerId: row.ownerId, at });
  };
  input.searched.forEach((r) => add(r, false));
  (input.run ?? []).forEach((r) => add(r, true));

  // Time-zone offsets are multiples of 15 minutes, so the calendar day is constant within a 15-minute bucket.
  const dayOf = new Map<number, string>();
  const isToday = (at: number): boolean => {
    const bucket = Math.floor(at / 900_000);
    let key = dayOf.get(bucket);
    if (key === undefined) {
      key = dayKey(at, config.caps.timeZone);
      dayOf.set(bucket, key);
    }
    return key === today;
  };
  const recent = new Map<string, number>();
  const todayCounts = new Map<string, number>();
  let last: { ownerId: string; at: number } | null = null;
  let counted = 0;
  for (const row of [...byRecord.values(), ...anonymous]) {
    if (row.at > now + 60_000) continue; // clock skew beyond a minute: not a past assignment
    if (row.at >= windowStart) {
      recent.set(row.ownerId, (recent.get(row.ownerId) ?? 0) + 1);
      counted++;
    }
    if (isToday(row.at)) todayCounts.set(row.ownerId, (todayCounts.get(row.ownerId) ?? 0) + 1);
    if (last === null || row.at > last.at) last = row;
  }
  const partial = typeof input.searchedTotal === 'number' && input.searchedTotal > input.searched.length;
  return { recent, today: todayCounts, last, counted, partial, ownRowsDropped };
}

/** What the caller searches: the team's recent assignments of one object type, newest first, one page. */
export interface RecentAssignmentsQuery {
  readonly objectType: 'contacts' | 'companies';
  /** Every non-archived member of the team (eligible or not: their counts are context for the explanation). */
  readonly ownerIds: readonly string[];
  /** Epoch ms: covers the balanced window and the whole current day (for caps). */
  readonly since: number;
  readonly limit: number;
}

export function recentAssignmentsQuery(
  objectType: 'contacts' | 'companies',
  ownerIds: readonly string[],
  now: number,
  config: RoutingConfig,
): RecentAssignmentsQuery {
  // 26 h reaches back past the start of "today" in any time zone, DST days included.
  const back = Math.max(config.balanced.windowDays * DAY_MS, 26 * 3_600_000);
  return { objectType, ownerIds: [...ownerIds], since: now - back, limit: config.balanced.searchLimit };
}

/** The body of `POST /crm/v3/objects/{objectType}/search` for a RecentAssignmentsQuery. */
export function recentAssignmentsSearchBody(query: RecentAssignmentsQuery): {
  filterGroups: { filters: ({ propertyName: string; operator: 'GTE'; value: string } | { propertyName: string; operator: 'IN'; values: string[] })[] }[];
  sorts: { propertyName: string; direction: 'DESCENDING' }[];
  properties: string[];
  limit: number;
} {
  return {
    filterGroups: [
      {
        filters: [
          { propertyName: ROUTING_PROPERTY_NAMES.routedAt, operator: 'GTE', value: String(query.since) },
          { propertyName: 'hubspot_owner_id', operator: 'IN', values: [...query.ownerIds] },
        ],
      },
    ],
    sorts: [{ propertyName: ROUTING_PROPERTY_NAMES.routedAt, direction: 'DESCENDING' }],
    properties: ['hubspot_owner_id', ROUTING_PROPERTY_NAMES.routedAt],
    limit: query.limit,
  };
}

/** Turns search results (`{ id, properties }`) into assignments; rows without an owner or a time are skipped. */
export function recentAssignmentsFromSearch(
  results: readonly { readonly id: string; readonly properties: Readonly<Record<string, string | null | undefined>> }[],
): RecentAssignment[] {
  const out: RecentAssignment[] = [];
  for (const r of results) {
    const ownerId = r.properties.hubspot_owner_id?.trim();
    const routedAt = r.properties[ROUTING_PROPERTY_NAMES.routedAt]?.trim();
    if (ownerId && routedAt) out.push({ recordId: r.id, ownerId, routedAt });
  }
  return out;
}
