import type { AddressInfo } from 'node:net';
import type { Clock, HistoryEntry, Owner, RequestLogEntry, StoredRecord } from './types';
import { Portal } from './store/portal';
import { RateLimiter, RATE_LIMIT_TIERS, type RateLimitConfig, type RateLimitTier } from './limits/rate-limiter';
import { FaultInjector } from './faults/faults';
import { buildServer, type ServerState } from './http/server';
import { ALL_ROUTES } from './routes/all';
import { seedPortal, type SeedSize } from './seed/demo';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookOptions } from './webhooks/dispatcher';
import { isNumberedVersion } from './http/route';
import { applyPropertyRule } from './routes/property-rules';
import { ApiError } from './http/errors';
import type { PropertyRuleInput } from './schema/validation-rules';

export type { Clock, HistoryEntry, LimitClass, Owner, Pipeline, PipelineStage, PropertyDefinition, RequestLogEntry, StoredRecord } from './types';
export type { RateLimitConfig, RateLimitTier } from './limits/rate-limiter';
export type { PropertyRule, PropertyRuleInput, FormatRuleType } from './schema/validation-rules';
export { ALL_ROUTES } from './routes/all';
export type { ApiVersion, RouteSpec } from './http/route';
export { parseFaultSpec } from './faults/faults';
export { DEMO } from './seed/demo';
export { createWebhookDispatcher, readSubscriptions, DEFAULT_RETRY_DELAYS_MS } from './webhooks/dispatcher';
export type { DeliveryRecord, WebhookClock, WebhookDispatcher, WebhookHttpRequest, WebhookHttpResponse, WebhookOptions, WebhookTarget, WorkflowActionRun } from './webhooks/dispatcher';

/**
 * The bearer token the emulator accepts when none is configured. Obviously fake (HubSpot private-app tokens look
 * like `pat-na1-<uuid>`), so it can never be mistaken for a real one.
 */
export const DEFAULT_TOKEN = 'pat-local-00000000-0000-4000-8000-000000000000';

/** Options of `startEmulator` (the in-process contract in the team brief). */
export interface EmulatorOptions {
  /** 0 = a free port (tests). The emulator only ever listens on 127.0.0.1. */
  port?: number;
  /** `demo` = owners, teams, companies, contacts, tickets and notes; `empty` = HubSpot's built-ins only. Default `empty`. */
  seed?: 'demo' | 'empty';
  /** Generator size (benchmarks: 100,000 contacts). */
  seedSize?: SeedSize;
  /** Deterministic generator seed (default 1). */
  seedValue?: number;
  /** The accepted bearer token, with every scope (default DEFAULT_TOKEN). */
  token?: string;
  /** Extra tokens with limited scopes: a call needing another scope gets 403 MISSING_SCOPES. */
  tokens?: { token: string; scopes: string[] }[];
  /** Default `off` in-process (the CLI defaults to `professional`). */
  rateLimit?: RateLimitTier;
  /** Overrides of the tier's numbers (and the association-batch exemption, the portal time zone). */
  rateLimits?: Partial<RateLimitConfig>;
  /** Fault spec, e.g. "429=0.05,502=0.02,503=0.02,477=0.01,timeout=0.01,seed=42" (see faults/faults.ts). */
  faults?: string;
  /** Real milliseconds added to every response. */
  latencyMs?: number;
  /** Emulator-clock milliseconds before a write is visible to search. Default 0. */
  searchLagMs?: number;
  /** Injectable clock (VirtualClock in tests). Default real time. */
  clock?: Clock;
  portalId?: number;
  /** Requested but empty properties: `null` (default, as the tickets guide documents) or omitted. */
  emptyProperties?: 'null' | 'omit';
  /** Whether a default contact→company association also sets the primary when none exists (default false). */
  defaultAssociationSetsPrimary?: boolean;
  /**
   * Keep at most this many request-log entries, dropping the oldest (a long-running sandbox). Default: keep all,
   * as tests count calls from the whole log.
   */
  requestLogLimit?: number;
  /**
   * The portal admin's property rules, enforced on every write through a 2026-09 path (HubSpot's older versions
   * ignore them): format rules in HubSpot's property-validations vocabulary, e.g.
   * `{ objectType: 'contacts', propertyName: 'jobtitle', ruleType: 'MAX_LENGTH', ruleArguments: ['20'] }`, and
   * required rules, `{ objectType: 'deals', propertyName: 'closedate', ruleType: 'REQUIRED', when: { propertyName:
   * 'dealstage', values: ['closedwon'] } }`. The same rules can be set later with HubSpot's property-validations
   * API or `PUT /_emulator/property-rules/{objectType}/{propertyName}`. A rule that cannot be enforced throws.
   */
  propertyRules?: readonly PropertyRuleInput[];
}

/** HTTP-free access to the emulated portal, for assertions and the demo loader's checks. */
export interface EmulatorStore {
  /** A record by object type (name like `contacts` or id like `0-1`) and id, archived included. */
  get(objectType: string, id: string): StoredRecord | undefined;
  /** Every record of a type in id order, archived included. */
  list(objectType: string): StoredRecord[];
  /** A property's history, newest first. */
  history(objectType: string, id: string, property: string): HistoryEntry[];
  /** Associations from a record to records of a type: target id and type ids. */
  associations(fromType: string, fromId: string, toType: string): { toId: string; typeIds: number[] }[];
  owners(): readonly Owner[];
  /** The whole portal (property definitions, pipelines, owners, associations): for tests that need more. */
  readonly portal: Portal;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
  requestLog(): readonly RequestLogEntry[];
  /**
   * Logged requests that named a numbered API version (`v3`, `v4`, …) rather than a date-based one: project code
   * must send none (HubSpot ends v4 in March 2027 and v1–v3 in September 2027).
   */
  numberedVersionRequests(): readonly RequestLogEntry[];
  clearRequestLog(): void;
  readonly store: EmulatorStore;
  /** Replaces the fault spec (null = none); the random sequence restarts from the spec's seed. */
  setFaults(spec: string | null): void;
  setSearchLag(ms: number): void;
  /**
   * Plays HubSpot's side of webhooks and workflow actions: reads the webhooks component at `componentFile`, turns
   * writes into signed, batched deliveries to `target` (see webhooks/dispatcher.ts). Pass the same clock as the
   * emulator's (a VirtualClock in tests). Closed with the emulator.
   */
  attachWebhooks(options: WebhookOptions): WebhookDispatcher;
}

const realClock: Clock = { now: () => Date.now() };


/** Starts the emulator in-process on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = options.clock ?? realClock;
  const portal = new Portal({
    portalId: options.portalId ?? 24_681_357,
    clock,
    searchLagMs: options.searchLagMs ?? 0,
    emptyProperties: options.emptyProperties ?? 'null',
    defaultAssociationSetsPrimary: options.defaultAssociationSetsPrimary ?? false,
  });
  seedPortal(portal, options.seed ?? 'empty', { size: options.seedSize ?? {}, seedValue: options.seedValue ?? 1 });
  for (const rule of options.propertyRules ?? []) {
    try {
      applyPropertyRule(portal, rule);
    } catch (e) {
      throw e instanceof ApiError ? new Error(`propertyRules: ${rule.objectType}.${rule.propertyName}: ${e.message}`) : e;
    }
  }
  if (options.requestLogLimit !== undefined && !(Number.isInteger(options.requestLogLimit) && options.requestLogLimit > 0)) {
    throw new Error(`requestLogLimit must be a positive integer, got ${options.requestLogLimit}`);
  }

  const tier = options.rateLimit ?? 'off';
  const limits: RateLimitConfig | null =
    tier === 'off' ? null : { ...RATE_LIMIT_TIERS[tier], associationBatchExempt: true, timeZone: 'UTC', ...(options.rateLimits ?? {}) };
  const token = options.token ?? DEFAULT_TOKEN;
  const tokens = new Map<string, ReadonlySet<string> | null>([[token, null]]);
  for (const t of options.tokens ?? []) tokens.set(t.token, new Set(t.scopes));
  const state: ServerState = {
    portal,
    limiter: new RateLimiter(limits, clock),
    faults: new FaultInjector(options.faults),
    tokens,
    log: [],
    ...(options.requestLogLimit !== undefined ? { logLimit: options.requestLogLimit } : {}),
    latencyMs: options.latencyMs ?? 0,
    baseUrl: '',
    seq: 0,
  };
  const app = buildServer(state, ALL_ROUTES);
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  state.baseUrl = url;

  const typeIdOf = (objectType: string): string => {
    const t = portal.types.of(objectType);
    if (!t) throw new Error(`unknown object type ${objectType}`);
    return t.id;
  };
  const store: EmulatorStore = {
    get: (objectType, id) => portal.get(typeIdOf(objectType), id),
    list: (objectType) => [...portal.ordered(typeIdOf(objectType))],
    history: (objectType, id, property) => {
      const rec = portal.get(typeIdOf(objectType), id);
      return rec ? portal.historyOf(rec, property) : [];
    },
    associations: (fromType, fromId, toType) =>
      portal.associations.list(typeIdOf(fromType), fromId, typeIdOf(toType)).map((e) => ({ toId: e.toId, typeIds: [...e.types].sort((a, b) => a - b) })),
    owners: () => portal.owners.all(),
    portal,
  };

  let closed = false;
  const dispatchers: WebhookDispatcher[] = [];
  return {
    url,
    port,
    token,
    store,
    requestLog: () => state.log,
    numberedVersionRequests: () => state.log.filter((e) => isNumberedVersion(e.apiVersion)),
    clearRequestLog: () => {
      state.log.length = 0;
    },
    setFaults: (spec) => state.faults.set(spec),
    setSearchLag: (ms) => {
      portal.config.searchLagMs = Math.max(0, ms);
    },
    attachWebhooks: (o) => {
      const d = createWebhookDispatcher(portal, o);
      dispatchers.push(d);
      return d;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const d of dispatchers) d.close();
      await app.close();
    },
  };
}
