import type { Attempt } from './transport';

/**
 * When to try a request again, and after how long. Pure: time and randomness are arguments.
 * - 429: the destination did not apply the request, so any request may be repeated, after `Retry-After` when it
 *   says so (seconds or an HTTP date), else after a backoff;
 * - 5xx, timeouts and broken connections: repeated only when the request is idempotent (a read, an upsert, an
 *   update to fixed values); a create may have been applied, so the connector reconciles instead;
 * - never a wait that would end past the deadline (less the time an attempt needs), never more than the attempts
 *   allowed; the caller then answers a retryable outcome with the wait it would have needed.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** Full-jitter backoff: a wait drawn from [0, min(maxDelayMs, baseDelayMs·2^(n-1))]. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest single wait accepted even without a deadline. */
  readonly maxWaitMs: number;
  /** Time an attempt needs to be worth starting before the deadline. */
  readonly reserveMs: number;
}

/** For a function's ~10 s: a few quick tries. */
export const FUNCTION_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 2_000, maxWaitMs: 10_000, reserveMs: 300 };

/** For the CLI and the sweep: patient, and able to wait out a per-minute quota. */
export const BULK_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 64_000, maxWaitMs: 5 * 60_000, reserveMs: 0 };

export type StopReason = 'final' | 'ambiguous' | 'attempts' | 'deadline' | 'too-long';

export type RetryDecision = { readonly retry: true; readonly waitMs: number } | { readonly retry: false; readonly reason: StopReason; readonly waitMs: number | null };

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function fullJitter(attempt: number, policy: RetryPolicy, random: () => number): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1)));
}

export interface RetryInput {
  readonly attempt: Attempt;
  /** 1-based number of the attempt that just failed. */
  readonly number: number;
  readonly idempotent: boolean;
  readonly now: number;
  readonly deadline: number | undefined;
  readonly policy: RetryPolicy;
  readonly random: () => number;
}

/** True for answers worth repeating: 429 and 5xx. */
export const isTransientStatus = (status: number): boolean => status === 429 || status >= 500;

export function decideRetry(input: RetryInput): RetryDecision {
  const { attempt, policy } = input;
  if (attempt.kind === 'answer' && !isTransientStatus(attempt.status)) return { retry: false, reason: 'final', waitMs: null };
  const asked = attempt.kind === 'answer' ? retryAfterMs(attempt.headers.get('retry-after'), input.now) : null;
  const isRateLimit = attempt.kind === 'answer' && attempt.status === 429;
  if (!isRateLimit && !input.idempotent) return { retry: false, reason: 'ambiguous', waitMs: asked };
  const waitMs = asked ?? fullJitter(input.number, policy, input.random);
  if (input.number >= policy.maxAttempts) return { retry: false, reason: 'attempts', waitMs };
  if (input.deadline !== undefined && input.now + waitMs + policy.reserveMs > input.deadline) return { retry: false, reason: 'deadline', waitMs };
  if (waitMs > policy.maxWaitMs) return { retry: false, reason: 'too-long', waitMs };
  return { retry: true, waitMs };
}
