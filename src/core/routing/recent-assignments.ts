import { parseInstant } from '../criteria/evaluate';
import type { RoutingConfig } from './config-schema';
import { ROUTING_PROPERTY_NAMES } from './properties';

/**
 * Recent load is counted from ONE search over the team's recent assignments (records whose routed-at is recent
 * and whose owner is in the team, newest first, one page), never one call per owner. Search lags behind writes,
 * so the caller adds the decisions it made itself in the current run (see `docs/decisions.md`); they replace
 * search rows of the same record, so a record is never counted twice.
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

const instant = (v: string | number): number | null => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : parseInstant(v.trim()));

/** Formats instants as their calendar day in `timeZone`, e.g. "2026-11-25". Pure: Intl is data, not I/O. */
const dayFormat = (timeZone: string): Intl.DateTimeFormat => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in a time zone, e.g. "2026-11-25". */
export const dayKey = (at: number, timeZone: string): string => dayFormat(timeZone).format(at);

/** One record's latest known assignment (or one row without a record id). */
interface MergedRow {
  readonly ownerId: string;
  readonly at: number;
  /**
   * Where the row stands among equally new rows: rows with a record id in order of first appearance, then rows
   * without one. The first is "the newest" (rotation continues after its owner).
   */
  readonly order: number;
  /** Its calendar day in the caps time zone, once asked. */
  day?: string;
}

/** Orders of rows without a record id start here, after any number of record rows. */
const ANONYMOUS_ORDER = 2 ** 40;

/**
 * The counts of every merged row at one `now`, and the instants around it over which they stay exact: a row
 * changes side only when `now` passes its window end or its clock-skew limit, and a new day starts a new tally.
 */
interface Tally {
  readonly now: number;
  /** The calendar day of `now` in the caps time zone. */
  readonly day: string;
  /** The tally holds for every `now` in [from, to] on `day`. */
  from: number;
  to: number;
  readonly recent: Map<string, number>;
  readonly today: Map<string, number>;
  counted: number;
  last: MergedRow | null;
}

const increment = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/** Takes one assignment of `k` away; an owner at 0 is left out, as when never counted. */
const decrement = (m: Map<string, number>, k: string): void => {
  const n = (m.get(k) ?? 0) - 1;
  if (n > 0) m.set(k, n);
  else m.delete(k);
};

/**
 * Recent load of one team: a searched page merged with the decisions made in this run, each record once (its latest
 * known assignment). A value the caller owns, e.g. one per team for a `lead-ops route` run, passed as
 * `RouteInput.recent`: the page is merged once and each decision of the run is added with `addRun`. Pure and
 * deterministic (no I/O, no clock). Rows are read when added; later changes to them are not seen.
 *
 * It keeps the counts of its rows and adds each new row to them, recounting only when `now` moves past a row's
 * window end, its clock-skew limit or midnight: recounting every row for every decision made a bulk run quadratic
 * (a 20,000-record run fell to about 650 decisions a second, below what HubSpot lets a run consume).
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
  private readonly days: Intl.DateTimeFormat;
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
    this.days = dayFormat(this.timeZone);
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
    const day = this.days.format(now);
    let t = this.tally;
    if (t === null || t.day !== day || now < t.from || now > t.to) t = this.tallyAt(now, day);
    const recent = new Map(t.recent);
    const today = new Map(t.today);
    let counted = t.counted;
    let last = t.last;
    const own = this.byRecord.get(recordId);
    if (own !== undefined && own.at <= now + SKEW_MS) {
      // The routed record was assigned before (a re-route, or search shows it already): count without it.
      if (own.at >= now - this.windowMs) {
        decrement(recent, own.ownerId);
        counted--;
      }
      if (this.isOnDay(own, now, day)) decrement(today, own.ownerId);
      if (last === own) last = this.newestExcept(own, now);
    }
    const partial = typeof this.searchedTotal === 'number' && this.searchedTotal > this.searchedRows;
    return { recent, today, last: last && { ownerId: last.ownerId, at: last.at }, counted, partial, ownRowsDropped: this.rowsOf.get(recordId) ?? 0 };
  }

  private tallyAt(now: number, day: string): Tally {
    const t: Tally = { now, day, from: -Infinity, to: Infinity, recent: new Map(), today: new Map(), counted: 0, last: null };
    for (const row of this.byRecord.values()) this.count(t, row);
    for (const row of this.anonymous) this.count(t, row);
    this.tally = t;
    return t;
  }

  /** Adds one row to a tally and narrows the instants over which the tally holds. */
  private count(t: Tally, row: MergedRow): void {
    if (row.at > t.now + SKEW_MS) {
      t.to = Math.min(t.to, row.at - SKEW_MS - 1);
      return;
    }
    t.from = Math.max(t.from, row.at - SKEW_MS);
    if (row.at >= t.now - this.windowMs) {
      increment(t.recent, row.ownerId);
      t.counted++;
      t.to = Math.min(t.to, row.at + this.windowMs);
    } else t.from = Math.max(t.from, row.at + this.windowMs + 1);
    if (this.isOnDay(row, t.now, t.day)) increment(t.today, row.ownerId);
    if (t.last === null || row.at > t.last.at || (row.at === t.last.at && row.order < t.last.order)) t.last = row;
  }

  /** Whether a row falls on `day`, the calendar day of `now` in the caps time zone. */
  private isOnDay(row: MergedRow, now: number, day: string): boolean {
    // No calendar day lasts two days: an older row is on another day (and absurd old times never reach Intl).
    if (row.at <= now - 2 * DAY_MS) return false;
    row.day ??= this.days.format(row.at);
    return row.day === day;
  }

  /** The newest row but one (only needed when the routed record's own row is the newest: rare). */
  private newestExcept(skip: MergedRow, now: number): MergedRow | null {
    let best: MergedRow | null = null;
    for (const row of [...this.byRecord.values(), ...this.anonymous]) {
      if (row === skip || row.at > now + SKEW_MS) continue;
      if (best === null || row.at > best.at || (row.at === best.at && row.order < best.order)) best = row;
    }
    return best;
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
    // A run decision is newer knowledge than any search row of the same record; among equals, the newest wins. The
    // record keeps its place in the order; the counts are redone at the next `counts` (rare: a re-route).
    if (fromRun || at > seen.at) {
      this.byRecord.set(id, { ownerId: row.ownerId, at, order: seen.order });
      this.tally = null;
    }
  }
}

/**
 * Merges search rows and run decisions and counts them per owner, for one decision. The record being routed is
 * dropped: its own earlier assignment must not weigh on its own decision. Stateless form of `LoadCounter`.
 */
export function countLoad(input: RecentAssignmentsInput, recordId: string, now: number, config: RoutingConfig): LoadCounts {
  return new LoadCounter(input, config).counts(recordId, now);
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
