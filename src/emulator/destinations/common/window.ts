/**
 * A per-principal sliding window: at most `max` requests in any `intervalMs` (Google's per-minute quotas,
 * Zendesk's requests per minute). Time comes from the emulator's clock, so tests cross windows in virtual time.
 */
export class SlidingLimit {
  private readonly seen = new Map<string, number[]>();
  constructor(
    public max: number,
    readonly intervalMs: number,
  ) {}

  /** Counts the request when there is room; otherwise the milliseconds until there is. */
  take(principal: string, now: number): { ok: true; remaining: number } | { ok: false; retryAfterMs: number } {
    const times = (this.seen.get(principal) ?? []).filter((t) => t > now - this.intervalMs);
    this.seen.set(principal, times);
    if (times.length >= this.max) return { ok: false, retryAfterMs: (times[times.length - this.max] ?? now) + this.intervalMs - now };
    times.push(now);
    return { ok: true, remaining: this.max - times.length };
  }

  reset(): void {
    this.seen.clear();
  }
}
