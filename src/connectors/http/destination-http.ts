import type { Redactor } from '../redact';
import type { SlidingWindow } from './pacing';
import { decideRetry, retryAfterMs, type RetryPolicy } from './retry';
import { attemptOnce, type FetchLike, type HeadersLike } from './transport';

/**
 * The request loop every connector sends through: pacing, a timeout per attempt, retries by the policy, and the
 * deadline. Error bodies and network messages are redacted before anything else sees them.
 */

/** The clock a connector waits on: real by default, a VirtualClock in tests. */
export interface ConnectorClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: ConnectorClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One HTTP attempt, for logs and usage counts. Never carries headers, bodies or credentials. */
export interface ConnectorRequestEvent {
  readonly destinationId: string;
  /** Our name of the operation, e.g. `members.upsert`. */
  readonly operation: string;
  readonly method: string;
  /** The path with ids templated, e.g. `/3.0/lists/{list_id}/members/{subscriber_hash}`. */
  readonly path: string;
  readonly status: number | 'timeout' | 'network';
  /** Wall-clock milliseconds the attempt took. */
  readonly ms: number;
  /** 1-based attempt number within the request. */
  readonly attempt: number;
  /** Set when another attempt follows after this many (clock) milliseconds. */
  readonly retryInMs?: number;
}

export interface HttpRequest {
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to the base URL; may carry a query string. */
  readonly path: string;
  /** The path with ids templated, for events. */
  readonly pathTemplate: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** True when sending it twice leaves the same state as once (reads, upserts, updates to fixed values). */
  readonly idempotent: boolean;
  /** A per-minute allowance this request counts against. */
  readonly window?: SlidingWindow;
}

/** The destination answered (any status, after the retries the policy allowed). */
export interface HttpAnswer {
  readonly kind: 'answer';
  readonly status: number;
  readonly headers: HeadersLike;
  /** The body; redacted when the status is an error. */
  readonly text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  readonly json: unknown;
  readonly attempts: number;
  /** True when a non-idempotent request may have been applied by an attempt that got no clear answer. */
  readonly ambiguous: boolean;
  /** The wait the destination asked for (Retry-After) or the retry would have needed. */
  readonly retryAfterMs: number | null;
}

/** No answer: the last attempt timed out or its connection broke. */
export interface HttpNoAnswer {
  readonly kind: 'no_answer';
  readonly cause: 'timeout' | 'network';
  /** Redacted. */
  readonly message: string;
  readonly attempts: number;
  readonly ambiguous: boolean;
  readonly retryAfterMs: number | null;
}

/** Nothing was sent: the deadline (or the pacing window) left no time for an attempt. */
export interface HttpNotSent {
  readonly kind: 'not_sent';
  readonly retryAfterMs: number;
}

export type HttpResult = HttpAnswer | HttpNoAnswer | HttpNotSent;

export interface DestinationHttpOptions {
  readonly destinationId: string;
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly clock: ConnectorClock;
  readonly redactor: Redactor;
  /** Wall-clock limit of one attempt; also capped by what is left before the deadline. */
  readonly requestTimeoutMs: number;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly onRequest?: (event: ConnectorRequestEvent) => void;
}

export interface DestinationHttp {
  send(request: HttpRequest, deadline: number | undefined): Promise<HttpResult>;
}

function parseJson(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createDestinationHttp(options: DestinationHttpOptions): DestinationHttp {
  const { clock, policy, redactor } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  const emit = (event: ConnectorRequestEvent): void => {
    try {
      options.onRequest?.(event);
    } catch {
      // A logging hook never breaks a sync.
    }
  };

  /** Waits for the pacing window; false when the wait would pass the deadline. */
  async function paced(request: HttpRequest, deadline: number | undefined): Promise<{ ok: true } | { ok: false; waitMs: number }> {
    for (;;) {
      const now = clock.now();
      const wait = request.window?.waitMs(now) ?? 0;
      const left = deadline === undefined ? Infinity : deadline - now;
      if (wait + policy.reserveMs > left || wait > policy.maxWaitMs) return { ok: false, waitMs: Math.max(wait, 1000) };
      if (wait === 0) {
        request.window?.record(now);
        return { ok: true };
      }
      await clock.sleep(wait);
    }
  }

  async function send(request: HttpRequest, deadline: number | undefined): Promise<HttpResult> {
    let ambiguous = false;
    let last: HttpAnswer | HttpNoAnswer | undefined;
    for (let number = 1; ; number++) {
      const slot = await paced(request, deadline);
      if (!slot.ok) return last ?? { kind: 'not_sent', retryAfterMs: slot.waitMs };
      const startedAt = clock.now();
      const left = deadline === undefined ? Infinity : deadline - startedAt;
      const started = performance.now();
      const attempt = await attemptOnce(
        options.fetch,
        `${baseUrl}${request.path}`,
        { method: request.method, headers: { ...request.headers }, ...(request.body !== undefined ? { body: request.body } : {}) },
        Math.min(options.requestTimeoutMs, left),
      );
      const ms = Math.round(performance.now() - started);
      const now = clock.now();
      const decision = decideRetry({ attempt, number, idempotent: request.idempotent, now, deadline, policy, random: options.random });
      if (attempt.kind !== 'answer' || attempt.status >= 500) ambiguous ||= !request.idempotent;
      emit({
        destinationId: options.destinationId,
        operation: request.operation,
        method: request.method,
        path: request.pathTemplate,
        status: attempt.kind === 'answer' ? attempt.status : attempt.kind,
        ms,
        attempt: number,
        ...(decision.retry ? { retryInMs: decision.waitMs } : {}),
      });
      if (attempt.kind === 'answer') {
        const text = attempt.status >= 400 ? redactor.redact(attempt.text) : attempt.text;
        last = {
          kind: 'answer',
          status: attempt.status,
          headers: attempt.headers,
          text,
          json: parseJson(text),
          attempts: number,
          ambiguous,
          retryAfterMs: decision.retry ? null : (decision.waitMs ?? retryAfterMs(attempt.headers.get('retry-after'), now)),
        };
      } else {
        last = {
          kind: 'no_answer',
          cause: attempt.kind,
          message: attempt.kind === 'timeout' ? `no answer within ${attempt.afterMs} ms (timeout)` : redactor.redact(attempt.message),
          attempts: number,
          ambiguous,
          retryAfterMs: decision.retry ? null : decision.waitMs,
        };
      }
      if (!decision.retry) return last;
      if (decision.waitMs > 0) await clock.sleep(decision.waitMs);
    }
  }

  return { send };
}
