/**
 * Faults a test (or the sandbox) asks a destination emulator for, one request at a time: a rate limit, a server
 * error, a held connection, an answer lost after the write was applied, latency, or an error body that echoes the
 * request's credentials. Each rule matches by method and path and fires `times` times (default once), in the order
 * added.
 */

export type Fault =
  /**
   * An error answer. `when: 'before'` (default): nothing is applied. `'after'`: the request is applied, then
   * answered with the error (a 5xx after the write, as real gateways do). `body` replaces the emulator's usual body.
   */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number; readonly when?: 'before' | 'after'; readonly body?: unknown }
  /** The request is applied, then the connection is dropped: the client never learns the outcome. */
  | { readonly kind: 'lost' }
  /** The connection is held and never answered, nothing applied; the client's own timeout ends it. */
  | { readonly kind: 'timeout' }
  /** Real milliseconds added before the answer (the request is served normally). */
  | { readonly kind: 'latency'; readonly ms: number }
  /** An error whose body repeats the request's Authorization header and credentials (what a careless API does). */
  | { readonly kind: 'echo'; readonly status: number };

export interface FaultMatch {
  readonly method?: string;
  /** A path (exact, without query) or a pattern tested against it. */
  readonly path?: string | RegExp;
}

interface Rule {
  readonly fault: Fault;
  readonly match: FaultMatch;
  remaining: number;
}

export class FaultQueue {
  private rules: Rule[] = [];

  /** Queues a fault for the next `times` matching requests (default 1). */
  inject(fault: Fault, match: FaultMatch = {}, times = 1): void {
    this.rules.push({ fault, match, remaining: times });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if one is queued (consumes it). */
  take(method: string, path: string): Fault | undefined {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.match.method === undefined || r.match.method.toUpperCase() === method.toUpperCase()) &&
        (r.match.path === undefined || (typeof r.match.path === 'string' ? r.match.path === path : r.match.path.test(path))),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule.fault;
  }
}
