/**
 * A sliding window of requests sent, for destinations with a per-minute allowance (Google Sheets: 60 writes per
 * minute per user; Zendesk: 200 to 700 requests per minute by plan). Staying under it costs a wait on our side
 * instead of a 429. It counts this process's requests only: other instances sharing the allowance still meet 429s,
 * which the retry policy handles.
 */
export class SlidingWindow {
  private readonly sent: number[] = [];
  constructor(
    readonly max: number,
    readonly intervalMs: number,
  ) {}

  private prune(now: number): void {
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - this.intervalMs) this.sent.shift();
  }

  /** Milliseconds until a request may be sent (0 = now). */
  waitMs(now: number): number {
    this.prune(now);
    if (this.sent.length < this.max) return 0;
    return (this.sent[this.sent.length - this.max] ?? now) + this.intervalMs - now;
  }

  record(now: number): void {
    this.sent.push(now);
  }
}
