import fs from 'node:fs';
import type { Portal, WriteEvent } from '../store/portal';
import { signedHeaders } from './signing';

/**
 * HubSpot's side of webhooks and custom workflow actions, for tests and the sandbox. Given the path of the
 * project's webhooks component (`*-hsmeta.json`, read as data) it turns every applied create and update into
 * `object.creation` / `object.propertyChange` events for the subscribed object types and properties, batches them
 * (at most 100 per request), signs each attempt (v3, with the attempt's own timestamp), and delivers them to an
 * in-process handler or a URL with at most `maxConcurrentRequests` requests in flight, HubSpot's 5-second timeout
 * and its retry schedule (up to 10 retries over about a day; HubSpot publishes the count and the span, not the
 * delays, so the delays below are our choice). Everything runs on the injectable clock: with a VirtualClock,
 * retries hours apart take microseconds.
 *
 * Known differences (unverified in HubSpot, chosen once): values set at creation also produce propertyChange events
 * (so a consumer must de-duplicate per record); `eventId`s are unique here (HubSpot says they are not guaranteed to
 * be); events of one write go out in one batch in write order (HubSpot does not guarantee order).
 */

export interface WebhookHttpRequest {
  readonly method: 'POST';
  /** The URL HubSpot calls (and signs). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WebhookHttpResponse {
  readonly status: number;
  readonly body?: unknown;
}

/** An in-process handler (tests, the sandbox) or a URL reached over HTTP (real time only). */
export type WebhookTarget = { readonly handler: (req: WebhookHttpRequest) => Promise<WebhookHttpResponse> } | { readonly url: string };

export interface WebhookClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface WebhookOptions {
  /** Path of the webhooks component (`…/webhooks/*-hsmeta.json`). */
  readonly componentFile: string;
  readonly target: WebhookTarget;
  /** The app's client secret (signs every request). */
  readonly clientSecret: string;
  /** The URL HubSpot calls; default the component's `settings.targetUrl` with `${VAR}` from `variables`. */
  readonly targetUrl?: string;
  readonly variables?: Readonly<Record<string, string>>;
  readonly appId?: number;
  readonly clock?: WebhookClock;
  /** HubSpot waits this long for an answer (5 s). */
  readonly timeoutMs?: number;
  /** Events per request (HubSpot: at most 100). */
  readonly maxBatch?: number;
  /** Delay before retry n (n = 1..10); default spreads 10 retries over about 24 hours. */
  readonly retryDelaysMs?: readonly number[];
  /**
   * Real-time batching: deliver queued events this many ms after the first one arrives (the sandbox). Omit for
   * manual `drain()` (tests in virtual time).
   */
  readonly autoFlushMs?: number;
}

export interface DeliveryRecord {
  /** Sequence number of the request. */
  readonly seq: number;
  readonly at: number;
  readonly attempt: number;
  readonly events: number;
  readonly objectIds: readonly string[];
  /** HTTP status, 0 for a timeout or a connection error. */
  readonly status: number;
  readonly elapsedMs: number;
  readonly outcome: 'delivered' | 'retry' | 'gave_up';
  readonly response?: unknown;
}

export interface WorkflowActionRun {
  readonly at: number;
  readonly status: number;
  readonly attempts: number;
  readonly outputFields: Readonly<Record<string, unknown>> | null;
  /** The sentence the workflow's history shows (the first execution rule whose conditions match). */
  readonly historySentence: string | null;
  readonly request: unknown;
}

export interface WebhookDispatcher {
  /** Events queued and not yet delivered (retries included). */
  pending(): number;
  /** Delivers everything queued, then every retry as it falls due (sleeping on the clock), until nothing is left. */
  drain(): Promise<void>;
  deliveries(): readonly DeliveryRecord[];
  /** Stops emitting events; queued ones are dropped. */
  close(): void;
  /** Runs a custom workflow action (its `*-hsmeta.json`) for one record, as a workflow would. */
  fireWorkflowAction(input: {
    readonly componentFile: string;
    readonly objectType: 'CONTACT' | 'COMPANY';
    readonly objectId: string;
    readonly inputFields: Readonly<Record<string, unknown>>;
    readonly actionUrl?: string;
    readonly signatures?: readonly ('v2' | 'v3')[];
  }): Promise<WorkflowActionRun>;
  workflowRuns(): readonly WorkflowActionRun[];
}

interface Subscriptions {
  readonly creation: ReadonlySet<string>;
  readonly changes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly targetUrl: string;
  readonly maxConcurrent: number;
}

/** HubSpot object type names in webhook subscriptions → type ids. */
const TYPE_IDS: Readonly<Record<string, string>> = { contact: '0-1', company: '0-2', deal: '0-3', ticket: '0-5' };

const HOUR = 3_600_000;
/** 10 retries over about 24 hours (delays are ours; HubSpot randomises them). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 7 * HOUR];

const realClock: WebhookClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

const substitute = (text: string, variables: Readonly<Record<string, string>>): string =>
  text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => variables[name] ?? whole);

function readJson(file: string): Record<string, unknown> {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${file}: not a component object`);
  return raw as Record<string, unknown>;
}

export function readSubscriptions(file: string, variables: Readonly<Record<string, string>> = {}): Subscriptions {
  const doc = readJson(file);
  if (doc.type !== 'webhooks') throw new Error(`${file}: type must be "webhooks"`);
  const config = (doc.config ?? {}) as { settings?: { targetUrl?: unknown; maxConcurrentRequests?: unknown }; subscriptions?: { crmObjects?: unknown } };
  const creation = new Set<string>();
  const changes = new Map<string, Set<string>>();
  const list = Array.isArray(config.subscriptions?.crmObjects) ? (config.subscriptions?.crmObjects as unknown[]) : [];
  for (const s of list) {
    const sub = (s ?? {}) as { subscriptionType?: unknown; objectType?: unknown; propertyName?: unknown; active?: unknown };
    if (sub.active === false) continue;
    const typeId = TYPE_IDS[String(sub.objectType)];
    if (!typeId) continue;
    if (sub.subscriptionType === 'object.creation') creation.add(typeId);
    if (sub.subscriptionType === 'object.propertyChange' && typeof sub.propertyName === 'string') {
      const set = changes.get(typeId) ?? new Set<string>();
      set.add(sub.propertyName);
      changes.set(typeId, set);
    }
  }
  const max = Number(config.settings?.maxConcurrentRequests ?? 10);
  return {
    creation,
    changes,
    targetUrl: substitute(String(config.settings?.targetUrl ?? ''), variables),
    maxConcurrent: Number.isInteger(max) && max > 0 ? max : 10,
  };
}

interface QueuedEvent {
  readonly body: Record<string, unknown>;
}

interface Batch {
  readonly events: readonly QueuedEvent[];
  readonly attempt: number;
  readonly dueAt: number;
}

async function send(target: WebhookTarget, req: WebhookHttpRequest, timeoutMs: number): Promise<WebhookHttpResponse> {
  if ('handler' in target) return target.handler(req);
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body };
}

export function createWebhookDispatcher(portal: Portal, options: WebhookOptions): WebhookDispatcher {
  const clock = options.clock ?? realClock;
  const subs = readSubscriptions(options.componentFile, options.variables ?? {});
  const targetUrl = options.targetUrl ?? subs.targetUrl;
  if (!/^https?:\/\//.test(targetUrl)) throw new Error(`webhooks: no target URL (settings.targetUrl is "${subs.targetUrl}"; pass targetUrl or variables)`);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBatch = Math.min(100, options.maxBatch ?? 100);
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const appId = options.appId ?? 4_242_424;
  const portalId = portal.config.portalId;
  let eventSeq = 0;
  let requestSeq = 0;
  const fresh: QueuedEvent[] = [];
  const retries: Batch[] = [];
  const log: DeliveryRecord[] = [];
  const runs: WorkflowActionRun[] = [];
  let draining: Promise<void> | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const subscriptionId = (typeId: string, prop?: string): number => {
    let h = 17;
    for (const c of `${typeId}:${prop ?? '*'}`) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
    return 100_000 + h;
  };

  const onWrite = (e: WriteEvent): void => {
    if (closed) return;
    const base = { portalId, appId, occurredAt: e.at, attemptNumber: 0, objectId: Number(e.id), objectTypeId: e.typeId, changeSource: 'API', sourceId: `${appId}` };
    if (e.isCreate && subs.creation.has(e.typeId)) {
      fresh.push({ body: { eventId: ++eventSeq, subscriptionId: subscriptionId(e.typeId), subscriptionType: 'object.creation', changeFlag: 'CREATED', ...base } });
    }
    const props = subs.changes.get(e.typeId);
    if (props) {
      for (const [name, value] of e.changes) {
        if (!props.has(name)) continue;
        fresh.push({ body: { eventId: ++eventSeq, subscriptionId: subscriptionId(e.typeId, name), subscriptionType: 'object.propertyChange', propertyName: name, propertyValue: value, ...base } });
      }
    }
    if (options.autoFlushMs !== undefined && flushTimer === null && fresh.length > 0) {
      flushTimer = setTimeout(() => {
        flushTimer = null;
        void dispatcher.drain();
      }, options.autoFlushMs);
      if (typeof flushTimer === 'object' && 'unref' in flushTimer) flushTimer.unref();
    }
  };
  const unsubscribe = portal.onWrite(onWrite);

  async function deliver(batch: Batch): Promise<void> {
    const seq = ++requestSeq;
    const events = batch.events.map((e) => ({ ...e.body, attemptNumber: batch.attempt }));
    const body = JSON.stringify(events);
    const at = clock.now();
    const req: WebhookHttpRequest = { method: 'POST', url: targetUrl, headers: signedHeaders(options.clientSecret, targetUrl, body, at, ['v3']), body };
    let status = 0;
    let response: unknown;
    try {
      const r = await send(options.target, req, timeoutMs);
      status = r.status;
      response = r.body;
    } catch {
      status = 0;
    }
    const elapsedMs = clock.now() - at;
    // HubSpot gives up on an answer after the timeout, whatever it would have said, and retries.
    const ok = status >= 200 && status < 300 && elapsedMs <= timeoutMs;
    const attempt = batch.attempt;
    const outcome: DeliveryRecord['outcome'] = ok ? 'delivered' : attempt < delays.length ? 'retry' : 'gave_up';
    log.push({ seq, at, attempt, events: events.length, objectIds: [...new Set(batch.events.map((e) => String(e.body.objectId)))], status: elapsedMs > timeoutMs ? 0 : status, elapsedMs, outcome, response });
    if (outcome === 'retry') {
      // Deterministic jitter (±20 %), so runs repeat exactly.
      const base = delays[attempt] ?? delays[delays.length - 1] ?? 60_000;
      const jitter = ((seq * 7919) % 41) / 100 - 0.2;
      retries.push({ events: batch.events, attempt: attempt + 1, dueAt: at + Math.round(base * (1 + jitter)) });
    }
  }

  const dispatcher: WebhookDispatcher = {
    pending: () => fresh.length + retries.reduce((n, b) => n + b.events.length, 0),
    drain() {
      if (draining) return draining;
      draining = (async () => {
        try {
          for (;;) {
            const now = clock.now();
            const due = retries.filter((b) => b.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
            for (const b of due) retries.splice(retries.indexOf(b), 1);
            const batches: Batch[] = [...due];
            while (fresh.length > 0) batches.push({ events: fresh.splice(0, maxBatch), attempt: 0, dueAt: now });
            if (batches.length === 0) {
              if (retries.length === 0) return;
              const next = Math.min(...retries.map((b) => b.dueAt));
              await clock.sleep(Math.max(1, next - clock.now()));
              continue;
            }
            // At most maxConcurrentRequests in flight, as HubSpot's concurrency limit.
            let i = 0;
            const workers = Array.from({ length: Math.min(subs.maxConcurrent, batches.length) }, async () => {
              while (i < batches.length) {
                const b = batches[i++];
                if (b) await deliver(b);
              }
            });
            await Promise.all(workers);
          }
        } finally {
          draining = null;
        }
      })();
      return draining;
    },
    deliveries: () => log,
    close() {
      closed = true;
      unsubscribe();
      fresh.length = 0;
      retries.length = 0;
      if (flushTimer) clearTimeout(flushTimer);
    },
    async fireWorkflowAction(input) {
      const doc = readJson(input.componentFile);
      if (doc.type !== 'workflow-action') throw new Error(`${input.componentFile}: type must be "workflow-action"`);
      const config = (doc.config ?? {}) as {
        actionUrl?: unknown;
        objectTypes?: unknown;
        executionRules?: { labelName?: unknown; conditions?: Record<string, unknown> }[];
        labels?: { en?: { executionRules?: Record<string, unknown> } };
      };
      const objectTypes = Array.isArray(config.objectTypes) ? config.objectTypes.map(String) : [];
      if (!objectTypes.includes(input.objectType)) throw new Error(`the action does not support ${input.objectType}`);
      const url = input.actionUrl ?? substitute(String(config.actionUrl ?? ''), options.variables ?? {});
      const callbackId = `ap-${portalId}-${++requestSeq}-1-0`;
      const request = {
        callbackId,
        origin: { portalId, actionDefinitionId: 900_001, actionDefinitionVersion: 1 },
        context: { source: 'WORKFLOWS', workflowId: 700_001 },
        object: { objectId: Number(input.objectId), objectType: input.objectType },
        inputFields: input.inputFields,
      };
      const body = JSON.stringify(request);
      let status = 0;
      let response: unknown;
      let attempts = 0;
      // Retries on 429 and 5xx (the custom-action guide); the delays are ours.
      for (; attempts < 5; ) {
        attempts++;
        const now = clock.now();
        try {
          const r = await send(options.target, { method: 'POST', url, headers: signedHeaders(options.clientSecret, url, body, now, input.signatures ?? ['v2', 'v3']), body }, 20_000);
          status = r.status;
          response = r.body;
        } catch {
          status = 0;
        }
        if (status !== 429 && status < 500 && status !== 0) break;
        await clock.sleep(60_000 * attempts);
      }
      const outputFields =
        status >= 200 && status < 300 && response && typeof response === 'object' && 'outputFields' in response
          ? ((response as { outputFields: Record<string, unknown> }).outputFields ?? null)
          : null;
      let historySentence: string | null = null;
      if (outputFields) {
        const rule = (config.executionRules ?? []).find((r) => Object.entries(r.conditions ?? {}).every(([k, v]) => String(outputFields[k]) === String(v)));
        const template = rule ? config.labels?.en?.executionRules?.[String(rule.labelName)] : undefined;
        if (typeof template === 'string') historySentence = template.replace(/\{\{\s*([a-z_]+)\s*\}\}/gi, (_m, f: string) => (outputFields[f] === undefined ? '' : String(outputFields[f])));
      }
      const run: WorkflowActionRun = { at: clock.now(), status, attempts, outputFields, historySentence, request };
      runs.push(run);
      return run;
    },
    workflowRuns: () => runs,
  };
  return dispatcher;
}
