/**
 * Our own sliding count of one HubSpot limit class (DECISIONS 8, 25). Pure arithmetic over times passed in, so it
 * is table-tested without a clock; the client holds one per class and asks it before every send.
 *
 * HubSpot enforces a *rolling* window (`TEN_SECONDLY_ROLLING`): a call counts until `interval` after it was made.
 * We keep a log of our own sends; each entry's time is moved to the moment its answer arrived (HubSpot received
 * it somewhere in between, so this never frees a slot before HubSpot does). Other callers of the same app (other
 * function instances, the CLI) are invisible except through `X-HubSpot-RateLimit-Remaining`, so every answer that
 * carries it refreshes an estimate of their usage, spread evenly over the window.
 */

/** The limit classes we pace separately. `none` = not paced (daily-only endpoints). */
export type LimitClass = 'ten-secondly' | 'search' | 'association-batch' | 'none';

export interface WindowLimit {
  /** Calls allowed per interval (HubSpot: 100/190/250 per 10 s; search 5 per 1 s). */
  readonly max: number;
  readonly intervalMs: number;
}

/** What the rate-limit headers of one answer said (all optional: search answers carry none). */
export interface RateHeaders {
  readonly max?: number;
  readonly remaining?: number;
  readonly intervalMs?: number;
}

/** A send in the log; `at` moves to the answer's arrival when the call completes. */
export interface WindowEntry {
  at: number;
  inFlight: boolean;
}

export class SlidingWindow {
  private limit: WindowLimit;
  private readonly entries: WindowEntry[] = [];
  /** Others' calls in the window, as last estimated at `externalAt`. */
  private externalCount = 0;
  private externalAt = 0;
  /** Nobody sends before this instant (a Retry-After, or a window HubSpot said is full). */
  private blockedUntil = 0;
  /** When we last sent (bulk spacing). */
  private lastSend: number | null = null;

  /**
   * @param limit    the limit as configured (headers may correct it later)
   * @param fraction share of `max` we allow ourselves (1 in functions; below 1 in bulk jobs, to leave room for
   *                 the app's other callers and avoid 429s)
   */
  constructor(
    limit: WindowLimit,
    private readonly fraction: number,
  ) {
    this.limit = limit;
  }

  get current(): WindowLimit {
    return this.limit;
  }

  /** Calls HubSpot allows per interval; a bulk job's share is kept by spacing its sends (`gap`), not by this count. */
  get target(): number {
    return Math.max(1, this.limit.max);
  }

  /**
   * A bulk job (fraction below 1) sends at most one call per `interval / (max × fraction)`: exactly its share on
   * average and never in bursts, so the rest of every window stays free for the app's other callers (cards,
   * workflows). For search (5 a second) at 95 % that is one every 211 ms, 4.75 a second, where a count of
   * floor(5 × 0.95) = 4 a second would lose a sixth of the search rate; for 190 per 10 s, one every 55 ms.
   */
  private get gap(): number {
    return this.fraction < 1 ? this.limit.intervalMs / (this.limit.max * this.fraction) : 0;
  }

  private prune(now: number): void {
    const from = now - this.limit.intervalMs;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e && !e.inFlight && e.at <= from) this.entries.splice(i, 1);
    }
  }

  /** Expiry instants of others' calls still inside the window (uniform spread over the estimate's window). */
  private externalExpiries(now: number): number[] {
    const out: number[] = [];
    const interval = this.limit.intervalMs;
    for (let j = 0; j < this.externalCount; j++) {
      const expiry = this.externalAt + (interval * (j + 1)) / this.externalCount;
      if (expiry > now) out.push(expiry);
    }
    return out;
  }

  /** Our calls counted in the window at `now`, in flight included. */
  ours(now: number): number {
    this.prune(now);
    return this.entries.length;
  }

  /** Calls counted in the window at `now`: ours plus the estimate of others'. */
  used(now: number): number {
    return this.ours(now) + this.externalExpiries(now).length;
  }

  /**
   * Milliseconds to wait before one more send at `now` keeps the window under `target`; 0 = send now.
   * An in-flight call frees its slot no earlier than `interval` after now.
   */
  waitMs(now: number): number {
    this.prune(now);
    if (now < this.blockedUntil) return this.blockedUntil - now;
    const spacing = this.lastSend === null ? 0 : Math.ceil(this.lastSend + this.gap - now);
    const external = this.externalExpiries(now);
    const used = this.entries.length + external.length;
    const target = this.target;
    if (used < target) return Math.max(0, spacing);
    const expiries = [...this.entries.map((e) => (e.inFlight ? now + this.limit.intervalMs : e.at + this.limit.intervalMs)), ...external].sort(
      (a, b) => a - b,
    );
    const freeing = expiries[used - target] ?? now + this.limit.intervalMs;
    return Math.max(1, Math.ceil(freeing - now), spacing);
  }

  /** Logs a send at `now`; call `complete` with the returned entry when the answer (or our timeout) arrives. */
  record(now: number): WindowEntry {
    if (this.lastSend === null || now > this.lastSend) this.lastSend = now;
    const entry: WindowEntry = { at: now, inFlight: true };
    this.entries.push(entry);
    return entry;
  }

  /**
   * Marks a send complete at `now`; its slot frees a whole interval after the answer. HubSpot counts a request when it
   * arrives, which our clock cannot see: counting from the answer is the reading that never runs ahead of HubSpot's.
   */
  complete(entry: WindowEntry, now: number): void {
    entry.at = Math.max(entry.at, now);
    entry.inFlight = false;
  }

  /**
   * Learns from an answer's rate-limit headers at `now`: corrects the limit, and re-estimates others' usage as
   * HubSpot's count minus ours (never negative).
   */
  observe(now: number, headers: RateHeaders): void {
    if (headers.max !== undefined && headers.max > 0) {
      this.limit = { max: headers.max, intervalMs: headers.intervalMs && headers.intervalMs > 0 ? headers.intervalMs : this.limit.intervalMs };
    }
    if (headers.remaining === undefined) return;
    const serverUsed = this.limit.max - Math.max(0, headers.remaining);
    this.externalCount = Math.max(0, serverUsed - this.ours(now));
    this.externalAt = now;
  }

  /**
   * HubSpot answered 429 for this class at `now`. When the headers show the window is not full (a `Remaining`
   * above 0), the 429 is not about this window: returns undefined and the caller backs off normally. Otherwise
   * the window is full: everything HubSpot counts beyond our own calls is attributed to others, every sender of
   * this client waits, and the wait until a slot frees is returned (at least `retryAfterMs` when HubSpot gave one).
   */
  onRateLimited(now: number, headers: RateHeaders, retryAfterMs?: number): number | undefined {
    if (headers.max !== undefined && headers.max > 0) this.observe(now, { max: headers.max, intervalMs: headers.intervalMs });
    if (headers.remaining !== undefined && headers.remaining > 0 && retryAfterMs === undefined) return undefined;
    this.externalCount = Math.max(0, this.limit.max - this.ours(now));
    this.externalAt = now;
    let wait = this.waitMs(now);
    if (retryAfterMs !== undefined) wait = Math.max(wait, retryAfterMs);
    this.blockedUntil = Math.max(this.blockedUntil, now + wait);
    return wait;
  }

  /** Blocks every sender of this class until `until` (a 477's Retry-After applies to the whole account). */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}

/** Reads `X-HubSpot-RateLimit-Max`, `-Remaining`, `-Interval-Milliseconds` from lower-cased headers. */
export function rateHeadersOf(headers: Readonly<Record<string, string>> | undefined): RateHeaders {
  if (!headers) return {};
  const num = (name: string): number | undefined => {
    const raw = headers[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  };
  const out: { max?: number; remaining?: number; intervalMs?: number } = {};
  const max = num('x-hubspot-ratelimit-max');
  const remaining = num('x-hubspot-ratelimit-remaining');
  const intervalMs = num('x-hubspot-ratelimit-interval-milliseconds');
  if (max !== undefined) out.max = max;
  if (remaining !== undefined) out.remaining = remaining;
  if (intervalMs !== undefined) out.intervalMs = intervalMs;
  return out;
}

/** Reads `X-HubSpot-RateLimit-Daily` and `-Daily-Remaining` (absent for OAuth tokens and on search). */
export function dailyHeadersOf(headers: Readonly<Record<string, string>> | undefined): { daily?: number; dailyRemaining?: number } {
  if (!headers) return {};
  const out: { daily?: number; dailyRemaining?: number } = {};
  const daily = Number(headers['x-hubspot-ratelimit-daily']);
  const remaining = Number(headers['x-hubspot-ratelimit-daily-remaining']);
  if (headers['x-hubspot-ratelimit-daily'] !== undefined && Number.isFinite(daily)) out.daily = daily;
  if (headers['x-hubspot-ratelimit-daily-remaining'] !== undefined && Number.isFinite(remaining)) out.dailyRemaining = remaining;
  return out;
}
