import type { CrmError, CrmErrorCode } from './errors';
import { err, ok, type Result } from '../core/result';
import { classifyFailure, correlationIdOf, header, redactError, type AttemptFailure, type ClassifiedFailure } from './errors';
import { describedPath, OPERATIONS, requestTarget, type HttpMethod, type OperationCall, type OperationName } from './operations';
import { BULK_RETRY_POLICY, decideRetry, FUNCTION_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import type { ApiUsage } from '../core/usage/log-line';
import { dailyHeadersOf, rateHeadersOf, SlidingWindow, type LimitClass, type WindowEntry, type WindowLimit } from './rate-window';
import { nodeTransport } from './transport';

/** The clock the client waits on: real by default, a virtual one in tests (so windows and waits take no real time). */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

/** One HTTP attempt, as the structured log sees it. Never carries headers, bodies or the token. */
export interface RequestEvent {
  /** The operation's name in `operations.ts`, e.g. `objects.batchUpdate`. */
  readonly operation: OperationName;
  readonly method: HttpMethod;
  /** Path with object types filled and ids templated, e.g. `/crm/objects/<version>/contacts/{objectId}`. */
  readonly path: string;
  readonly limitClass: LimitClass;
  /** HTTP status, or what happened instead. */
  readonly status: number | 'timeout' | 'network' | 'unparseable';
  /** Wall-clock milliseconds the attempt took. */
  readonly ms: number;
  /** 1-based attempt number within this operation. */
  readonly attempt: number;
  readonly correlationId?: string;
  /** The error code when the attempt failed. */
  readonly errorCode?: CrmErrorCode;
  /** Set when another attempt follows after this many (clock) milliseconds. */
  readonly retryInMs?: number;
}

/** Usage of one client: per function call in functions, per job in the CLI. */
export interface Usage {
  /** HTTP attempts per limit class (retries included). */
  readonly calls: Readonly<Record<LimitClass, number>> & { readonly total: number };
  readonly responses429: number;
  readonly retries: number;
  readonly timeouts: number;
  /** Attempts HubSpot answered with an error status (4xx, 5xx; 429 included). Timeouts are counted apart. */
  readonly errors: number;
  /** Clock milliseconds spent waiting: pacing plus retry backoff. */
  readonly waitedMs: number;
  /** Last `X-HubSpot-RateLimit-Daily-Remaining` / `-Daily` seen (null before any, and for search-only use). */
  readonly dailyRemaining: number | null;
  readonly daily: number | null;
  readonly lastCorrelationId: string | null;
}

export type Pacing = 'function' | 'bulk';

export interface HubSpotClientOptions {
  /** The private app's access token. Never logged, never in an error. */
  readonly token: string;
  /** Default https://api.hubapi.com; tests pass the emulator's URL. */
  readonly baseUrl?: string;
  readonly clock?: Clock;
  /**
   * Absolute time on `clock` after which the client neither waits nor sends: functions get about 10 s (pass
   * start + ~9 s to keep time to answer the card); the CLI passes none.
   */
  readonly deadline?: number;
  /**
   * Per-attempt timeout in wall-clock ms (default 8 s for functions, 30 s bulk); also capped by the deadline. The
   * request is aborted when it fires, and its outcome counts as unknown.
   */
  readonly requestTimeoutMs?: number;
  /** 'function' (default): use the whole window, give up early. 'bulk': stay a little under the window, wait long. */
  readonly pacing?: Pacing;
  /** Called once per HTTP attempt; exceptions it throws are ignored. */
  readonly onRequest?: (event: RequestEvent) => void;
  /** Overrides of the retry policy chosen by `pacing`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Uniform random in [0, 1) for jitter (tests pass a seeded one). */
  readonly random?: () => number;
  /** Limits per class; headers correct the 10-second one as answers arrive. */
  readonly limits?: {
    readonly tenSecondly?: WindowLimit;
    readonly search?: WindowLimit;
    /**
     * Association batch endpoints carry HubSpot's `ten-secondly` exemption in its specs: by default they have a
     * window of their own (150 per 10 s, the associations guide); 'ten-secondly' counts them there instead.
     */
    readonly associationBatch?: WindowLimit | 'ten-secondly';
  };
  /** Share of each window bulk pacing allows itself (default 0.95; functions always 1). */
  readonly bulkFraction?: number;
}

/** A failed call: the error, and whether a write may have been applied anyway (creates only). */
export interface CallFailure {
  readonly error: CrmError;
  /** True when a non-idempotent call ended without knowing whether HubSpot applied it (5xx, timeout, network). */
  readonly ambiguous: boolean;
}

export interface HubSpotClient {
  /**
   * Sends one operation of `operations.ts` under our policy and answers HubSpot's parsed JSON (undefined for an
   * answer without a body), unchecked: callers parse it with a schema. HTTP failures come back as `err`, never thrown.
   */
  call(operation: OperationName, request: OperationCall): Promise<Result<unknown, CrmError>>;
  /** The same, keeping whether a failed write may have been applied (for `createOnce`). */
  callDetailed(operation: OperationName, request: OperationCall): Promise<Result<unknown, CallFailure>>;
  usage(): Usage;
  /** Clock milliseconds left before the deadline (undefined without one). */
  remainingMs(): number | undefined;
  readonly pacing: Pacing;
}

const LIMIT_CLASSES: readonly LimitClass[] = ['ten-secondly', 'search', 'association-batch', 'none'];
const DEFAULT_TEN_SECONDLY: WindowLimit = { max: 190, intervalMs: 10_000 };
const DEFAULT_SEARCH: WindowLimit = { max: 5, intervalMs: 1_000 };
const DEFAULT_ASSOCIATION_BATCH: WindowLimit = { max: 150, intervalMs: 10_000 };

/**
 * Creates the client every function and tool uses to reach HubSpot. Each client has its own windows, retry
 * policy, deadline and usage counters; two clients never share settings.
 */
export function createHubSpotClient(options: HubSpotClientOptions): HubSpotClient {
  const token = options.token;
  const clock = options.clock ?? REAL_CLOCK;
  const pacing: Pacing = options.pacing ?? 'function';
  const policy: RetryPolicy = { ...(pacing === 'bulk' ? BULK_RETRY_POLICY : FUNCTION_RETRY_POLICY), ...options.retry };
  const random = options.random ?? Math.random;
  const requestTimeoutMs = options.requestTimeoutMs ?? (pacing === 'bulk' ? 30_000 : 8_000);
  const fraction = pacing === 'bulk' ? (options.bulkFraction ?? 0.95) : 1;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');

  const assocLimit = options.limits?.associationBatch ?? DEFAULT_ASSOCIATION_BATCH;
  const windows = new Map<LimitClass, SlidingWindow>([
    ['ten-secondly', new SlidingWindow(options.limits?.tenSecondly ?? DEFAULT_TEN_SECONDLY, fraction)],
    ['search', new SlidingWindow(options.limits?.search ?? DEFAULT_SEARCH, fraction)],
  ]);
  if (assocLimit !== 'ten-secondly') windows.set('association-batch', new SlidingWindow(assocLimit, fraction));
  const windowOf = (cls: LimitClass): SlidingWindow | undefined =>
    cls === 'association-batch' && assocLimit === 'ten-secondly' ? windows.get('ten-secondly') : windows.get(cls);

  const calls: Record<LimitClass, number> = { 'ten-secondly': 0, search: 0, 'association-batch': 0, none: 0 };
  const counters = { responses429: 0, retries: 0, timeouts: 0, errors: 0, waitedMs: 0 };
  let daily: number | null = null;
  let dailyRemaining: number | null = null;
  let lastCorrelationId: string | null = null;
  /** Once HubSpot said the daily allowance is gone or the token is bad, later calls fail without sending. */
  let stickyError: CrmError | null = null;

  const emit = (event: RequestEvent) => {
    if (!options.onRequest) return;
    try {
      options.onRequest(event);
    } catch {
      // A logging hook must never break a call.
    }
  };

  const failWithoutSending = (error: CrmError): Result<never, CallFailure> => err({ error: redactError(error, token), ambiguous: false });

  const deadlineError = (code: CrmErrorCode, waitMs: number, base?: CrmError): CrmError => ({
    ...(base ?? { code, message: '', retryable: true }),
    code: base?.code ?? code,
    message:
      base?.message ??
      (code === 'RATE_LIMITED' ? 'HubSpot is busy: the app is at its rate limit; try again in a few seconds.' : 'No time was left to call HubSpot; try again.'),
    retryable: true,
    retryAfterSeconds: base?.retryAfterSeconds ?? Math.max(1, Math.ceil(waitMs / 1000)),
  });

  /** Waits for a slot of the class, within the deadline. */
  async function acquire(cls: LimitClass): Promise<Result<WindowEntry | null, CallFailure>> {
    const win = windowOf(cls);
    if (!win) return ok(null);
    for (;;) {
      const now = clock.now();
      const wait = win.waitMs(now);
      if (wait === 0) return ok(win.record(now));
      if (options.deadline !== undefined && now + wait + policy.reserveMs > options.deadline) {
        return failWithoutSending(deadlineError('RATE_LIMITED', wait));
      }
      if (wait > policy.maxWaitMs) return failWithoutSending(deadlineError('RATE_LIMITED', wait));
      counters.waitedMs += wait;
      await clock.sleep(wait);
    }
  }

  function learnHeaders(cls: LimitClass, headers: Readonly<Record<string, string>> | undefined): void {
    if (!headers) return;
    const d = dailyHeadersOf(headers);
    if (d.daily !== undefined) daily = d.daily;
    if (d.dailyRemaining !== undefined) dailyRemaining = d.dailyRemaining;
    // The 10-second headers describe the 10-second window only; search answers carry none.
    const win = windowOf(cls);
    if (win && (cls === 'ten-secondly' || windowOf(cls) === windows.get('ten-secondly'))) win.observe(clock.now(), rateHeadersOf(headers));
  }

  async function callDetailed(name: OperationName, request: OperationCall): Promise<Result<unknown, CallFailure>> {
    const op = OPERATIONS[name];
    const url = `${baseUrl}${requestTarget(op, request)}`;
    const described = { operation: name, method: op.method, path: describedPath(op, request), limitClass: op.limitClass };
    if (stickyError) return failWithoutSending(stickyError);
    for (let attempt = 1; ; attempt++) {
      const slot = await acquire(op.limitClass);
      if (!slot.ok) return slot;
      const startedAt = clock.now();
      const left = options.deadline === undefined ? Infinity : options.deadline - startedAt;
      if (left <= 0) {
        if (slot.value) windowOf(op.limitClass)?.complete(slot.value, startedAt);
        return failWithoutSending(deadlineError('TIMEOUT', 1000, { code: 'TIMEOUT', message: 'No time was left to call HubSpot; try again.', retryable: true }));
      }
      const timeoutMs = Math.min(requestTimeoutMs, left);
      calls[op.limitClass] += 1;
      const wallStart = performance.now();
      const outcome = await nodeTransport({ method: op.method, url, token, body: request.body }, timeoutMs);
      const ms = Math.round(performance.now() - wallStart);
      const now = clock.now();
      if (slot.value) windowOf(op.limitClass)?.complete(slot.value, now);

      if (outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300) {
        learnHeaders(op.limitClass, outcome.headers);
        const correlationId = header(outcome.headers, 'x-hubspot-correlation-id');
        if (correlationId) lastCorrelationId = correlationId;
        emit({ ...described, status: outcome.status, ms, attempt, ...(correlationId ? { correlationId } : {}) });
        return ok(outcome.body);
      }

      const failure: AttemptFailure =
        outcome.kind === 'answer' ? { kind: 'http', status: outcome.status, body: outcome.body, headers: outcome.headers } : outcome.kind === 'unparseable' ? { kind: 'unparseable' } : outcome;
      if (outcome.kind === 'unparseable') learnHeaders(op.limitClass, outcome.headers);
      if (failure.kind === 'http' && failure.status >= 400) counters.errors += 1;
      if (failure.kind === 'timeout') counters.timeouts += 1;
      let headers: Readonly<Record<string, string>> | undefined;
      let correlationId: string | undefined;
      if (failure.kind === 'http') {
        headers = failure.headers;
        learnHeaders(op.limitClass, headers);
        correlationId = correlationIdOf(headers, failure.body);
        if (correlationId) lastCorrelationId = correlationId;
      }
      const classified: ClassifiedFailure = classifyFailure(failure, now);
      let windowWaitMs: number | undefined;
      if (failure.kind === 'http' && failure.status === 429) {
        counters.responses429 += 1;
        if (classified.policy !== 'DAILY') {
          const win = windowOf(classified.policy === 'SECONDLY' ? 'search' : op.limitClass);
          windowWaitMs = win?.onRateLimited(now, rateHeadersOf(headers), classified.retryAfterMs);
        }
      }
      if (failure.kind === 'http' && failure.status === 477 && classified.retryAfterMs !== undefined) {
        for (const w of windows.values()) w.blockUntil(now + classified.retryAfterMs);
      }
      if (classified.policy === 'DAILY' || failure.kind === 'http' && failure.status === 401) stickyError = classified.error;

      const decision = decideRetry({
        failure: classified,
        attempt,
        idempotent: op.idempotent,
        now,
        deadline: options.deadline,
        policy,
        random,
        ...(windowWaitMs !== undefined ? { windowWaitMs } : {}),
      });
      const status: RequestEvent['status'] = failure.kind === 'http' ? failure.status : failure.kind;
      emit({
        ...described,
        status,
        ms,
        attempt,
        errorCode: classified.error.code,
        ...(correlationId ? { correlationId } : {}),
        ...(decision.retry ? { retryInMs: decision.waitMs } : {}),
      });
      if (decision.retry) {
        counters.retries += 1;
        counters.waitedMs += decision.waitMs;
        if (decision.waitMs > 0) await clock.sleep(decision.waitMs);
        continue;
      }
      let error = classified.error;
      if ((decision.reason === 'deadline' || decision.reason === 'too-long') && decision.waitMs !== undefined && error.retryAfterSeconds === undefined) {
        error = { ...error, retryAfterSeconds: Math.max(1, Math.ceil(decision.waitMs / 1000)) };
      }
      if (decision.reason === 'ambiguous') {
        error = { ...error, message: `${error.message} The write may or may not have been applied.` };
      }
      return err({ error: redactError(error, token), ambiguous: decision.reason === 'ambiguous' });
    }
  }

  return {
    pacing,
    callDetailed,
    async call(name, request) {
      const r = await callDetailed(name, request);
      return r.ok ? r : err(r.error.error);
    },
    usage(): Usage {
      const total = LIMIT_CLASSES.reduce((n, c) => n + calls[c], 0);
      return { calls: { ...calls, total }, ...counters, daily, dailyRemaining, lastCorrelationId };
    },
    remainingMs(): number | undefined {
      return options.deadline === undefined ? undefined : options.deadline - clock.now();
    },
  };
}

/** The usage figures in the shape of the structured log line (`src/core/usage/log-line.ts`). */
export function toApiUsage(u: Usage): ApiUsage {
  return {
    calls: u.calls.total,
    errors: u.errors,
    rateLimited: u.responses429,
    retries: u.retries,
    timeouts: u.timeouts,
    dailyRemaining: u.dailyRemaining,
    dailyLimit: u.daily !== null && u.daily > 0 ? u.daily : null,
  };
}
