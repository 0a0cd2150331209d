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
/** A run or search row newer than `now` by more than this is clock skew, not a past assignment. */
const SKEW_MS = 60_000;
/** Time-zone offsets and their changes are multiples of 15 minutes, so a calendar day starts on one of these. */
const QUARTER_HOUR_MS = 900_000;
/** More quarter hours than any calendar day has (days last 23 to 25 hours, 26 at the most in history). */
const DAY_SEARCH_SPAN = 4 * 48;

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

/** A calendar day in one time zone as instants: `start` ≤ t < `end` (epoch ms). */
export interface DayBounds {
  readonly start: number;
  readonly end: number;
}

const lastDay = new Map<string, DayBounds>();

/**
 * The calendar day of `at` in `timeZone` as an interval of instants, so "is this assignment today?" is two number
 * comparisons instead of formatting a date per row (Intl formatting was a quarter of routing's time). The bounds
 * are found by bisecting over quarter hours with `dayKey` (about 16 formats), once per day and time zone: the last
 * day found per time zone is remembered. A day is one interval because local dates never go backwards; DST days
 * (23 or 25 hours) and skipped days are found like any other.
 */
export function dayBounds(at: number, timeZone: string): DayBounds {
  const known = lastDay.get(timeZone);
  if (known && at >= known.start && at < known.end) return known;
  const key = dayKey(at, timeZone);
  const bucket = Math.floor(at / QUARTER_HOUR_MS);
  const sameDay = (b: number): boolean => dayKey(b * QUARTER_HOUR_MS, timeZone) === key;
  // First quarter hour of the day: the day holds `bucket`, and not a quarter hour two days earlier.
  let before = bucket - DAY_SEARCH_SPAN;
  let inside = bucket;
  while (inside - before > 1) {
    const mid = Math.floor((before + inside) / 2);
    if (sameDay(mid)) inside = mid;
    else before = mid;
  }
  const start = inside * QUARTER_HOUR_MS;
  // First quarter hour of the next day.
  inside = bucket;
  let after = bucket + DAY_SEARCH_SPAN;
  while (after - inside > 1) {
    const mid = Math.floor((inside + after) / 2);
    if (sameDay(mid)) inside = mid;
    else after = mid;
  }
  const bounds = { start, end: after * QUARTER_HOUR_MS };
  lastDay.set(timeZone, bounds);
  return bounds;
}

/** One record's latest known assignment (or one row without a record id). */
interface MergedRow {
  readonly ownerId: string;
  readonly at: number;
  /**
   * Where the row comes when counting visits rows: rows with a record id in order of first appearance, then rows
   * without one. Among equally new rows the first visited is "the newest" (rotation continues after its owner).
   */
  readonly order: number;
}

/** Orders of rows without a record id start here, after any number of record rows. */
const ANONYMOUS_ORDER = 2 ** 40;

/**
 * The counts of every merged row at one `now`, and the interval of `now` over which they stay exact: a row changes
 * side only when `now` passes its window end, its clock-skew limit, or midnight in the caps time zone.
 */
interface Tally {
  readonly now: number;
  /** The tally holds for every `now` in [validFrom, validTo]. */
  validFrom: number;
  validTo: number;
  readonly day: DayBounds;
  recent: Map<string, number>;
  today: Map<string, number>;
  /**
   * The maps were handed out by `counts` (which then allocates nothing): the next row added copies them first, so
   * what a caller got never changes under it.
   */
  shared: boolean;
  counted: number;
  last: MergedRow | null;
}

const increment = (m: Map<string, number>, k: string, by: number): void => {
  m.set(k, (m.get(k) ?? 0) + by);
};

/** A copy of `counts` with one assignment of `ownerId` taken away (an owner at 0 is left out, as when never counted). */
function without(counts: ReadonlyMap<string, number>, ownerId: string): Map<string, number> {
  const copy = new Map(counts);
  const n = (copy.get(ownerId) ?? 0) - 1;
  if (n > 0) copy.set(ownerId, n);
  else copy.delete(ownerId);
  return copy;
}

/**
 * Recent load of one team, kept across decisions: the searched page is read and merged once, and each decision
 * made in the run is added with `addRun` instead of handing every decision the whole growing list (which made a
 * bulk run quadratic). `counts(recordId, now)` gives exactly what `countLoad` gives for the same rows: the counts
 * are tallied once per `now` and reused while no row changes side (most decisions of a run), minus the routed
 * record's own row.
 *
 * Pure and deterministic (no I/O, no clock): a value the caller owns, e.g. one per team for a `lead-ops route` run.
 * Pass it as `RouteInput.recent`. Rows handed to it are read when added; later changes to them are not seen.
 */
export class LoadCounter {
  /** Rows on the searched page (for "counts cover the newest N of M"). */
  readonly searchedRows: number;
  /** The search's `total`. */
  readonly searchedTotal: number | null;
  /** `balanced.windowDays` and `caps.timeZone` of the configuration the counts are for. */
  readonly windowDays: number;
  readonly timeZone: string;

  private readonly windowMs: number;
  private readonly byRecord = new Map<string, MergedRow>();
  private readonly anonymous: MergedRow[] = [];
  /** Valid rows seen per record id, search and run alike (`ownRowsDropped`). */
  private readonly rowsOf = new Map<string, number>();
  private nextOrder = 0;
  private nextAnonymousOrder = ANONYMOUS_ORDER;
  private tally: Tally | null = null;

  constructor(page: RecentAssignmentsInput, config: RoutingConfig) {
    this.windowDays = config.balanced.windowDays;
    this.timeZone = config.caps.timeZone;
    this.windowMs = this.windowDays * DAY_MS;
    this.searchedRows = page.searched.length;
    this.searchedTotal = page.searchedTotal ?? null;
    for (const row of page.searched) this.merge(row, false);
    for (const row of page.run ?? []) this.merge(row, true);
  }

  /** Adds a decision made earlier in this run: it replaces any search row of the same record. */
  addRun(row: RecentAssignment): void {
    this.merge(row, true);
  }

  /** True when the counter counts as `config` does (same window and caps time zone). */
  countsFor(config: RoutingConfig): boolean {
    return config.balanced.windowDays === this.windowDays && config.caps.timeZone === this.timeZone;
  }

  /**
   * The load as the decision for `recordId` at `now` sees it: every row but the record's own (its earlier
   * assignment must not weigh on its own decision, or concurrent calls for one record would disagree depending on
   * whether search already shows the first write). What it returns never changes afterwards, rows added or not.
   */
  counts(recordId: string, now: number): LoadCounts {
    let t = this.tally;
    if (t === null || !(now >= t.validFrom && now <= t.validTo)) t = this.tallyAt(now);
    let recent: ReadonlyMap<string, number> = t.recent;
    let today: ReadonlyMap<string, number> = t.today;
    let counted = t.counted;
    let last = t.last;
    const own = this.byRecord.get(recordId);
    if (own !== undefined && own.at <= now + SKEW_MS) {
      // The routed record was assigned before (a re-route, or search shows it already): count without it.
      if (own.at >= now - this.windowMs) {
        recent = without(recent, own.ownerId);
        counted--;
      }
      if (own.at >= t.day.start && own.at < t.day.end) today = without(today, own.ownerId);
      if (last === own) last = this.newestExcept(own, now);
    }
    // Most decisions get the tally's own maps (no copy per decision); `shared` makes the next added row copy them.
    if (recent === t.recent || today === t.today) t.shared = true;
    const partial = typeof this.searchedTotal === 'number' && this.searchedTotal > this.searchedRows;
    return { recent, today, last: last && { ownerId: last.ownerId, at: last.at }, counted, partial, ownRowsDropped: this.rowsOf.get(recordId) ?? 0 };
  }

  private merge(row: RecentAssignment, fromRun: boolean): void {
    const at = instant(row.routedAt);
    if (at === null || row.ownerId === '') return;
    const id = row.recordId ?? null;
    if (id === null) {
      const merged = { ownerId: row.ownerId, at, order: this.nextAnonymousOrder++ };
      this.anonymous.push(merged);
      if (this.tally) this.count(this.tally, merged);
      return;
    }
    this.rowsOf.set(id, (this.rowsOf.get(id) ?? 0) + 1);
    const seen = this.byRecord.get(id);
    if (seen === undefined) {
      const merged = { ownerId: row.ownerId, at, order: this.nextOrder++ };
      this.byRecord.set(id, merged);
      if (this.tally) this.count(this.tally, merged);
      return;
    }
    // A run decision is newer knowledge than any search row of the same record; among equals, the newest wins.
    // The record keeps its place in the order; the counts are redone at the next `counts` (rare: a re-route).
    if (fromRun || at > seen.at) {
      this.byRecord.set(id, { ownerId: row.ownerId, at, order: seen.order });
      this.tally = null;
    }
  }

  private tallyAt(now: number): Tally {
    const t: Tally = {
      now,
      validFrom: -Infinity,
      validTo: Infinity,
      day: dayBounds(now, this.timeZone),
      recent: new Map(),
      today: new Map(),
      shared: false,
      counted: 0,
      last: null,
    };
    t.validFrom = t.day.start;
    t.validTo = t.day.end - 1;
    for (const row of this.byRecord.values()) this.count(t, row);
    for (const row of this.anonymous) this.count(t, row);
    this.tally = t;
    return t;
  }

  /** Adds one row to a tally and narrows the interval of `now` over which the tally holds. */
  private count(t: Tally, row: MergedRow): void {
    if (t.shared) {
      t.recent = new Map(t.recent);
      t.today = new Map(t.today);
      t.shared = false;
    }
    if (row.at > t.now + SKEW_MS) {
      t.validTo = Math.min(t.validTo, row.at - SKEW_MS - 1);
      return;
    }
    t.validFrom = Math.max(t.validFrom, row.at - SKEW_MS);
    if (row.at >= t.now - this.windowMs) {
      increment(t.recent, row.ownerId, 1);
      t.counted++;
      t.validTo = Math.min(t.validTo, row.at + this.windowMs);
    } else t.validFrom = Math.max(t.validFrom, row.at + this.windowMs + 1);
    if (row.at >= t.day.start && row.at < t.day.end) increment(t.today, row.ownerId, 1);
    if (t.last === null || row.at > t.last.at || (row.at === t.last.at && row.order < t.last.order)) t.last = row;
  }

  /** The newest row but one (only needed when the routed record's own row is the newest: rare). */
  private newestExcept(skip: MergedRow, now: number): MergedRow | null {
    let best: MergedRow | null = null;
    for (const rows of [this.byRecord.values(), this.anonymous]) {
      for (const row of rows) {
        if (row === skip || row.at > now + SKEW_MS) continue;
        if (best === null || row.at > best.at || (row.at === best.at && row.order < best.order)) best = row;
      }
    }
    return best;
  }
}

const NO_ROWS: RecentAssignmentsInput = { searched: [] };

/** Counters of searched pages, by the page's identity (a page is counted once however many decisions read it). */
const pageCounters = new WeakMap<readonly RecentAssignment[], { readonly counter: LoadCounter; readonly rows: number; readonly total: number | null }>();

/**
 * A counter for the stateless input of `countLoad`/`decideRoute`. A searched page without run rows is counted once
 * and remembered by the page's identity: a bulk run hands the same page to every decision of a team. Pages are
 * treated as values (the type is readonly); a page whose length changed is counted afresh. With run rows, the rows
 * are merged for this call only (pass a `LoadCounter` to keep them across decisions). No input: no rows.
 */
export function loadCounterFor(input: RecentAssignmentsInput | undefined, config: RoutingConfig): LoadCounter {
  if (input === undefined) return loadCounterFor(NO_ROWS, config);
  if (input.run !== undefined && input.run.length > 0) return new LoadCounter(input, config);
  const total = input.searchedTotal ?? null;
  const hit = pageCounters.get(input.searched);
  if (hit && hit.rows === input.searched.length && hit.total === total && hit.counter.countsFor(config)) return hit.counter;
  const counter = new LoadCounter(input, config);
  pageCounters.set(input.searched, { counter, rows: input.searched.length, total });
  return counter;
}

/**
 * Merges search rows and run decisions and counts them per owner. The record being routed is dropped: its own
 * earlier assignment must not weigh on its own decision, or concurrent calls for one record would disagree
 * depending on whether search already shows the first write. Stateless form of `LoadCounter`.
 */
export function countLoad(input: RecentAssignmentsInput, recordId: string, now: number, config: RoutingConfig): LoadCounts {
  return loadCounterFor(input, config).counts(recordId, now);
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
