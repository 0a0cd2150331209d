import type { ClassifiedFailure } from './errors';

/**
 * Our retry policy, replacing `@hubspot/api-client`'s (which ignores Retry-After, sleeps fixed multiples of 10 s,
 * and repeats creates after a 5xx). Pure: time, randomness and the window's answer are arguments.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** Full-jitter backoff for 5xx, timeouts and network errors: a wait drawn from [0, min(max, base·2^(n-1))]. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest single wait accepted even without a deadline (a 477 may ask for 24 h). */
  readonly maxWaitMs: number;
  /** Time a retried attempt needs after its wait to be worth starting before the deadline. */
  readonly reserveMs: number;
  /** Wait after a search `SECONDLY` 429 when the search window cannot say better. */
  readonly secondlyWaitMs: number;
  /** Wait after a 477 without Retry-After. */
  readonly migrationWaitMs: number;
}

export const FUNCTION_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  maxWaitMs: 10_000,
  reserveMs: 300,
  secondlyWaitMs: 1_000,
  migrationWaitMs: 60_000,
};

export const BULK_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxWaitMs: 15 * 60_000,
  reserveMs: 0,
  secondlyWaitMs: 1_000,
  migrationWaitMs: 60_000,
};

export type StopReason =
  /** The error is final (4xx other than 429/423/477, DAILY, 401, 403). */
  | 'final'
  /** A create whose outcome is unknown (5xx, timeout): repeating it could create a duplicate. */
  | 'ambiguous'
  | 'attempts'
  /** The wait would end past the deadline. */
  | 'deadline'
  /** The wait is longer than `maxWaitMs`. */
  | 'too-long';

export type RetryDecision = { readonly retry: true; readonly waitMs: number } | { readonly retry: false; readonly reason: StopReason; readonly waitMs?: number };

export interface RetryInput {
  readonly failure: ClassifiedFailure;
  /** 1-based number of the attempt that just failed. */
  readonly attempt: number;
  /** GET, search, update, batch update/upsert, archive: true. Creates: false. */
  readonly idempotent: boolean;
  readonly now: number;
  /** Absolute time (same clock as `now`) after which nothing may still be waiting; undefined = none. */
  readonly deadline: number | undefined;
  readonly policy: RetryPolicy;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** For a 429: how long our sliding window says until a slot frees (undefined = the window cannot tell). */
  readonly windowWaitMs?: number;
}

/** Full jitter (AWS architecture blog "Exponential Backoff And Jitter"): uniform in [0, min(cap, base·2^(n-1))]. */
export function fullJitter(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** How long to wait before retrying this failure, ignoring limits on attempts and deadline. */
export function waitFor(input: RetryInput): number {
  const { failure, policy } = input;
  const status = failure.status;
  if (status === 429) {
    const fallback = failure.policy === 'SECONDLY' ? policy.secondlyWaitMs : fullJitter(input.attempt, policy.baseDelayMs, policy.maxDelayMs, input.random);
    return Math.max(failure.retryAfterMs ?? 0, input.windowWaitMs ?? fallback);
  }
  if (status === 477) return failure.retryAfterMs ?? policy.migrationWaitMs;
  if (status === 423) return failure.retryAfterMs ?? 2_000;
  return fullJitter(input.attempt, policy.baseDelayMs, policy.maxDelayMs, input.random);
}

/**
 * Decides whether to try again and after how long.
 * - final errors stop at once (DAILY, 401, 403, validation, not found, conflict);
 * - creates are repeated only when HubSpot certainly did not apply them (429, 423, 477), never after a 5xx or a
 *   timeout (the caller reconciles with `createOnce`);
 * - 429: at least Retry-After, else until our window frees (search: about a second);
 * - 477/423: Retry-After (2 s for 423);
 * - 5xx, timeouts, network and parse errors: full-jitter backoff;
 * - never a wait that ends past the deadline (minus `reserveMs`), never more than `maxAttempts` in total.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const { failure, policy } = input;
  if (!failure.error.retryable) return { retry: false, reason: 'final' };
  if (!input.idempotent && !failure.notApplied) return { retry: false, reason: 'ambiguous' };
  const waitMs = waitFor(input);
  if (input.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts', waitMs };
  if (input.deadline !== undefined && input.now + waitMs + policy.reserveMs > input.deadline) return { retry: false, reason: 'deadline', waitMs };
  if (waitMs > policy.maxWaitMs) return { retry: false, reason: 'too-long', waitMs };
  return { retry: true, waitMs };
}
