import { err, ok, type Result } from '../core/result';
import { explainError, type ErrorExplanation } from '../core/status/error-hints';
import type {
  CallOptions,
  ConnectorDestination,
  ConnectorObjectType,
  DestinationCopy,
  DestinationFailure,
  DestinationFailureCode,
  ExcludedOutcome,
  FailedOutcome,
  InSyncOutcome,
  PendingOutcome,
  PropertyValues,
  ReadOutcome,
  RecordRef,
  SyncConnector,
  SyncOutcome,
  SyncRecord,
} from './connector';
import { createDestinationHttp, REAL_CLOCK, type ConnectorClock, type ConnectorRequestEvent, type DestinationHttp, type HttpAnswer, type HttpResult } from './http/destination-http';
import { BULK_RETRY_POLICY, FUNCTION_RETRY_POLICY, isTransientStatus, type RetryPolicy } from './http/retry';
import type { FetchLike } from './http/transport';
import { mapWithLimit } from './pool';
import { Redactor } from './redact';

/** What every connector's constructor takes besides its credentials and settings. */
export interface ConnectorRuntimeOptions {
  /** The destination as configured (`sync.destinations[]`): its id, name and kind word the outcomes. */
  readonly destination?: Partial<ConnectorDestination>;
  /** Default: Node's global `fetch`. */
  readonly fetch?: FetchLike;
  /** Default: the destination's real API; tests and the sandbox pass an emulator's URL. */
  readonly baseUrl?: string;
  readonly clock?: ConnectorClock;
  /** Default deadline of calls that pass none (absolute time on `clock`); undefined = none. */
  readonly deadline?: number;
  /** Wall-clock limit of one request (default 8 s for functions, 30 s bulk); also capped by the deadline. */
  readonly requestTimeoutMs?: number;
  /** `function` (default): a few quick retries inside the deadline. `bulk`: the CLI and sweeps, patient. */
  readonly pacing?: 'function' | 'bulk';
  readonly retry?: Partial<RetryPolicy>;
  /** Uniform in [0, 1), for backoff jitter (tests pass a fixed one). */
  readonly random?: () => number;
  /** Called once per HTTP attempt; never sees headers, bodies or credentials. */
  readonly onRequest?: (event: ConnectorRequestEvent) => void;
}

/** How a record's sync ends early: its own outcome, or a failure of the whole destination. */
export type Stop = { readonly kind: 'outcome'; readonly outcome: FailedOutcome | PendingOutcome } | { readonly kind: 'failure'; readonly failure: DestinationFailure };

/** A step of a record's sync: a value to go on with, or the stop. */
export type Step<T> = Result<T, Stop>;

const ref = (r: RecordRef): RecordRef => ({ objectType: r.objectType, id: r.id });

/** HubSpot's empty value and a missing one are the same to a destination. */
export const valueOf = (properties: PropertyValues, name: string): string => properties[name] ?? '';

/**
 * What the connectors share: the HTTP loop, redaction, outcome wording and the batch runner. Each connector adds
 * its requests and its mapping.
 */
export abstract class ConnectorBase implements SyncConnector {
  readonly destination: ConnectorDestination;
  abstract readonly objectTypes: readonly ConnectorObjectType[];
  abstract readonly secretNames: readonly string[];
  protected readonly redactor = new Redactor();
  protected readonly clock: ConnectorClock;
  protected readonly http: DestinationHttp;
  /** A request loop with the same clock, policy and redaction for another origin (an OAuth token endpoint). */
  protected readonly httpAt: (baseUrl: string) => DestinationHttp;
  private readonly defaultDeadline: number | undefined;

  protected constructor(defaults: ConnectorDestination, baseUrl: string, options: ConnectorRuntimeOptions) {
    this.destination = { ...defaults, ...options.destination };
    this.clock = options.clock ?? REAL_CLOCK;
    this.defaultDeadline = options.deadline;
    const bulk = options.pacing === 'bulk';
    this.httpAt = (url) => createDestinationHttp({
      destinationId: this.destination.id,
      baseUrl: url,
      fetch: options.fetch ?? ((u, init) => fetch(u, init)),
      clock: this.clock,
      redactor: this.redactor,
      requestTimeoutMs: options.requestTimeoutMs ?? (bulk ? 30_000 : 8_000),
      policy: { ...(bulk ? BULK_RETRY_POLICY : FUNCTION_RETRY_POLICY), ...options.retry },
      random: options.random ?? Math.random,
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
    this.http = this.httpAt(options.baseUrl ?? baseUrl);
  }

  abstract pushBatch(records: readonly SyncRecord[], call?: CallOptions): Promise<Result<readonly SyncOutcome[], DestinationFailure>>;
  abstract read(record: SyncRecord, call?: CallOptions): Promise<Result<ReadOutcome, DestinationFailure>>;

  async push(record: SyncRecord, call?: CallOptions): Promise<Result<SyncOutcome, DestinationFailure>> {
    const r = await this.pushBatch([record], call);
    if (!r.ok) return r;
    const outcome = r.value[0];
    if (!outcome) throw new Error('bug: a batch of one answered no outcome');
    return ok(outcome);
  }

  explain(raw: string): ErrorExplanation {
    return explainError(raw, this.destination);
  }

  protected deadlineOf(call: CallOptions | undefined): number | undefined {
    return call?.deadline ?? this.defaultDeadline;
  }

  /**
   * Runs `work` per record, `limit` at a time, in input order. The first destination failure stops the batch: no
   * further record starts, and the batch answers that failure once.
   */
  protected async eachRecord<R>(
    records: readonly SyncRecord[],
    limit: number,
    work: (record: SyncRecord) => Promise<Result<R, DestinationFailure>>,
  ): Promise<Result<R[], DestinationFailure>> {
    const stop: { failure?: DestinationFailure } = {};
    const results = await mapWithLimit(
      records,
      limit,
      async (record) => {
        const r = await work(record);
        if (r.ok) return r.value;
        stop.failure ??= r.error;
        return undefined;
      },
      () => stop.failure !== undefined,
    );
    if (stop.failure) return err(stop.failure);
    return ok(results.map((r) => {
      if (r === undefined) throw new Error('bug: a record of the batch got no outcome');
      return r;
    }));
  }

  // ---- outcomes --------------------------------------------------------------------------------------------------

  protected inSync(record: RecordRef, externalId: string, link: string | null, written: boolean, note: string | null = null): InSyncOutcome {
    return { ...ref(record), state: 'in_sync', externalId, link, written, note };
  }

  protected excluded(record: RecordRef, reason: string, externalId: string | null = null, link: string | null = null): ExcludedOutcome {
    return { ...ref(record), state: 'excluded', reason, externalId, link };
  }

  protected failed(record: RecordRef, raw: string, retryable: boolean, retryAfterMs: number | null = null): FailedOutcome {
    const clean = this.redactor.redact(raw);
    const hint = this.explain(clean);
    return {
      ...ref(record),
      state: 'failed',
      error: { plain: hint.plain, raw: clean, ruleId: hint.ruleId },
      retryable,
      retryAfterSeconds: retryAfterMs === null ? null : Math.max(1, Math.ceil(retryAfterMs / 1000)),
    };
  }

  protected pending(record: RecordRef, reason: string, retryAfterMs: number | null = null): PendingOutcome {
    return { ...ref(record), state: 'pending', reason, retryAfterSeconds: retryAfterMs === null ? null : Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }

  /** A record of a type the connector does not copy. */
  protected unsupported(record: RecordRef): ExcludedOutcome {
    return this.excluded(record, `${this.destination.name} syncs ${this.objectTypes.join(' and ')} only`);
  }

  protected destinationFailure(code: DestinationFailureCode, message: string, raw: string, retryable = false): DestinationFailure {
    return {
      destinationId: this.destination.id,
      code,
      message: this.redactor.redact(message),
      raw: this.redactor.redact(raw),
      secretNames: code === 'AUTH_REJECTED' ? this.secretNames : [],
      retryable,
    };
  }

  /** The failure for refused credentials, naming the secrets to replace. */
  protected credentialsRejected(raw: string, what = 'the credentials'): DestinationFailure {
    const names = this.secretNames.join(' and ');
    return this.destinationFailure(
      'AUTH_REJECTED',
      `${this.destination.name} refused ${what} in ${names}. Replace the secret (\`hs secret update <NAME>\` for the app functions, the environment variable for the CLI), then retry.`,
      raw,
    );
  }

  protected stopWith(outcome: FailedOutcome | PendingOutcome): Stop {
    return { kind: 'outcome', outcome };
  }

  protected stopAll(failure: DestinationFailure): Stop {
    return { kind: 'failure', failure };
  }

  /** Turns a stop back into a record's answer. */
  protected settle(stop: Stop): Result<FailedOutcome | PendingOutcome, DestinationFailure> {
    return stop.kind === 'failure' ? err(stop.failure) : ok(stop.outcome);
  }

  /**
   * The stop for a result the connector has no special reading of: 401 and 403 concern every record; 429, 5xx and
   * lost answers are retryable; other answers are the record's own failure. `describe` words the destination's error
   * body as the raw message.
   */
  protected stopFor(record: RecordRef, result: HttpResult, describe: (answer: HttpAnswer) => string): Stop {
    if (result.kind === 'not_sent') {
      return this.stopWith(this.pending(record, `No time was left to reach ${this.destination.name} in this call; the next sync sends it.`, result.retryAfterMs));
    }
    if (result.kind === 'no_answer') {
      return this.stopWith(this.failed(record, `${this.destination.name} gave no answer: ${result.message}`, true, result.retryAfterMs));
    }
    const raw = describe(result);
    if (result.status === 401) return this.stopAll(this.credentialsRejected(raw));
    if (result.status === 403) {
      return this.stopAll(this.destinationFailure('PERMISSION_DENIED', `The account behind ${this.secretNames.join(' and ')} may not do this in ${this.destination.name}. Give it access there, then retry.`, raw));
    }
    return this.stopWith(this.failed(record, raw, isTransientStatus(result.status), result.retryAfterMs));
  }

  /** The copy of a record the connector does not read (wrong type, no key such as an email address). */
  protected excludedCopy(record: RecordRef, reason: string): DestinationCopy {
    return { ...ref(record), state: 'excluded', externalId: null, link: null, fields: {}, differences: [], status: null, excludedReason: reason };
  }

  /**
   * Gives each item of a step that failed for all of them (a read before the writes, a write of many rows) its own
   * outcome, or answers the destination's failure. `stopFor` reads an HTTP result the connector's way.
   */
  protected settleEach(
    items: readonly { readonly index: number; readonly record: RecordRef }[],
    problem: Stop | HttpResult,
    into: (SyncOutcome | undefined)[],
    stopFor: (record: RecordRef, result: HttpResult) => Stop,
  ): Result<true, DestinationFailure> {
    for (const item of items) {
      const stop = problem.kind === 'outcome' || problem.kind === 'failure' ? problem : stopFor(item.record, problem);
      if (stop.kind === 'failure') return err(stop.failure);
      into[item.index] = { ...stop.outcome, objectType: item.record.objectType, id: item.record.id };
    }
    return ok(true);
  }

  /** Compares a record with the destination's fields (keyed by HubSpot property) into a copy's state. */
  protected judge(
    record: SyncRecord,
    found: { externalId: string; link: string | null; fields: Readonly<Record<string, string | null>>; status: string | null; excludedReason: string | null } | null,
    isSame: (property: string, destination: string, hubspot: string) => boolean = (_p, a, b) => a === b,
  ): DestinationCopy {
    if (!found) return { ...ref(record), state: 'never_synced', externalId: null, link: null, fields: {}, differences: [], status: null, excludedReason: null };
    const differences = Object.entries(found.fields)
      .filter(([property, value]) => !isSame(property, value ?? '', valueOf(record.properties, property)))
      .map(([property]) => property)
      .sort();
    const state = found.excludedReason !== null ? 'excluded' : differences.length > 0 ? 'out_of_date' : 'in_sync';
    return { ...ref(record), state, ...found, differences };
  }
}
