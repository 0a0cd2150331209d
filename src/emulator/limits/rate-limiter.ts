import type { Clock, LimitClass } from '../types';

/**
 * HubSpot's API limits on the emulator clock (reference §6): a sliding 10-second window per token (policy
 * TEN_SECONDLY_ROLLING), a daily allowance per account that resets at the portal's midnight (DAILY), and the search
 * API's 5 requests per second per account (SECONDLY), which lives outside the 10-second window and sends no
 * rate-limit headers. v4 association batch calls carry the same spec exemption as search; by default they skip the
 * 10-second window too (DECISIONS 25; configurable). Rejected requests do not count, so once over a limit every call
 * gets a 429 until the window frees up. Whether 4xx answers and search calls count toward the daily total is
 * undocumented: here every accepted request counts.
 */
export interface RateLimitConfig {
  readonly tenSecondly: number;
  readonly daily: number;
  readonly searchPerSecond: number;
  readonly intervalMs: number;
  /** Count v4 association batch calls outside the 10-second window (the spec's "ten-secondly" exemption). */
  readonly associationBatchExempt: boolean;
  /** IANA time zone of the portal: the daily allowance resets at its midnight. */
  readonly timeZone: string;
}

export type RateLimitTier = 'professional' | 'enterprise' | 'off';

/** Private-app limits (usage guidelines as quoted in reference §6; every number is configurable). */
export const RATE_LIMIT_TIERS: Readonly<Record<Exclude<RateLimitTier, 'off'>, Omit<RateLimitConfig, 'associationBatchExempt' | 'timeZone'>>> = {
  professional: { tenSecondly: 190, daily: 625_000, searchPerSecond: 5, intervalMs: 10_000 },
  enterprise: { tenSecondly: 190, daily: 1_000_000, searchPerSecond: 5, intervalMs: 10_000 },
};

export type LimitVerdict =
  | { readonly ok: true; readonly headers: Record<string, string> }
  | { readonly ok: false; readonly policy: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY'; readonly headers: Record<string, string> };

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly searchLog: number[] = [];
  private daily = 0;
  private dayKey = '';
  private readonly dayFormat: Intl.DateTimeFormat;

  constructor(
    private readonly config: RateLimitConfig | null,
    private readonly clock: Clock,
  ) {
    this.dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: config?.timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  get enabled(): boolean {
    return this.config !== null;
  }

  /** Decides one request and, when accepted, counts it. */
  check(token: string, limitClass: LimitClass): LimitVerdict {
    const c = this.config;
    if (!c || limitClass === 'unauthenticated') return { ok: true, headers: {} };
    const now = this.clock.now();
    const day = this.dayFormat.format(now);
    if (day !== this.dayKey) {
      this.dayKey = day;
      this.daily = 0;
    }
    const window = this.window(token, now);
    const exempt = limitClass === 'search' || (limitClass === 'association_batch' && c.associationBatchExempt);
    if (this.daily >= c.daily) return { ok: false, policy: 'DAILY', headers: exempt ? {} : this.headers(window, now) };
    if (limitClass === 'search') {
      while (this.searchLog.length > 0 && (this.searchLog[0] ?? 0) <= now - 1000) this.searchLog.shift();
      if (this.searchLog.length >= c.searchPerSecond) return { ok: false, policy: 'SECONDLY', headers: {} };
      this.searchLog.push(now);
      this.daily++;
      return { ok: true, headers: {} };
    }
    if (exempt) {
      this.daily++;
      return { ok: true, headers: {} };
    }
    if (window.length >= c.tenSecondly) return { ok: false, policy: 'TEN_SECONDLY_ROLLING', headers: this.headers(window, now) };
    window.push(now);
    this.daily++;
    return { ok: true, headers: this.headers(window, now) };
  }

  /** The headers HubSpot sends on non-search answers (errors included), for a request that was not counted. */
  peekHeaders(token: string, limitClass: LimitClass): Record<string, string> {
    const c = this.config;
    if (!c || limitClass !== 'ten_secondly') return {};
    const now = this.clock.now();
    return this.headers(this.window(token, now), now);
  }

  private window(token: string, now: number): number[] {
    let w = this.windows.get(token);
    if (!w) {
      w = [];
      this.windows.set(token, w);
    }
    const from = now - (this.config?.intervalMs ?? 10_000);
    let drop = 0;
    while (drop < w.length && (w[drop] ?? 0) <= from) drop++;
    if (drop > 0) w.splice(0, drop);
    return w;
  }

  private headers(window: readonly number[], now: number): Record<string, string> {
    const c = this.config;
    if (!c) return {};
    // The deprecated per-second headers have tracked Max/10 (reference §6); they are sent, never enforced.
    const secondly = Math.floor(c.tenSecondly / 10);
    let lastSecond = 0;
    for (let i = window.length - 1; i >= 0 && (window[i] ?? 0) > now - 1000; i--) lastSecond++;
    return {
      'X-HubSpot-RateLimit-Daily': String(c.daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, c.daily - this.daily)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(c.intervalMs),
      'X-HubSpot-RateLimit-Max': String(c.tenSecondly),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, c.tenSecondly - window.length)),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, secondly - lastSecond)),
    };
  }

  /** Milliseconds until the 10-second window of a token has room again (0 if it has room now). */
  msUntilWindowFrees(token: string): number {
    const c = this.config;
    if (!c) return 0;
    const now = this.clock.now();
    const w = this.window(token, now);
    if (w.length < c.tenSecondly) return 0;
    return (w[w.length - c.tenSecondly] ?? now) + c.intervalMs - now;
  }
}
