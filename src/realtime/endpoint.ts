import { z } from 'zod';
import type { LeadOpsConfig } from '../core/config/schema';
import type { CompiledModel } from '../core/scoring';
import { withCachedReads, type Clock, type CrmPort, type PortalReadCache } from '../hubspot';
import { AutomationRun, contactsOfCompanies, processRecords, readRecords, type RecordOutcome } from '../workflows/automation';
import { isFatal, type WorkflowError } from '../workflows/errors';
import { DECISION_CODES, type DecisionCode } from './components';
import { planDelivery, WebhookBodySchema, type DeliveryPlan } from './events';
import { verifyRequest, type CallKind } from './signature';

/**
 * The endpoint both HubSpot callers use: webhook deliveries (a JSON array of events, signed v3) and the custom
 * workflow action (a JSON object with `callbackId` and `object`, signed v2, and v3 when HubSpot adds it). In order:
 *   1. refuse anything but POST (405) and bodies over 256 KiB (413), before any hashing;
 *   2. verify the signature for the kind of call (401 and no work when unsigned, stale or tampered);
 *   3. parse with zod (400 when malformed);
 *   4. take only record ids and re-evaluate them with the deployed rules (the batched engine), within a deadline
 *      shorter than HubSpot's 5-second webhook timeout, at most MAX_RECORDS records per delivery;
 *   5. answer: 200 with counts; 503 + Retry-After when HubSpot was busy or slow, so HubSpot redelivers (the
 *      engine's writes converge, so a delivery cut short is finished by the redelivery or the next sweep, never
 *      left with a note and no owner for good).
 */

export const MAX_BODY_BYTES = 256 * 1024;
/** Records evaluated per webhook delivery (a full delivery of 100 creations fits); more are left to the sweep. */
export const MAX_RECORDS_PER_DELIVERY = 100;
/** Contacts of changed companies rescored per delivery; more are left to the sweep. */
export const MAX_COMPANY_CONTACTS_PER_DELIVERY = 100;
/** HubSpot waits 5 s for a webhook answer; we stop calling HubSpot after this and answer. */
export const WEBHOOK_DEADLINE_MS = 4_000;
export const WORKFLOW_DEADLINE_MS = 8_500;

export interface EndpointRequest {
  readonly method: string;
  /** The URL the call came to, when the runtime tells us (used only when no public URL is configured). */
  readonly uri: string | null;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body; null when the runtime gave none. */
  readonly body: string | null;
}

export interface EndpointResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

export interface EndpointDeps {
  readonly config: LeadOpsConfig;
  readonly model: CompiledModel;
  /** The app's client secret ('' when the secret is not set: every call is refused). */
  readonly secret: string;
  /** The public URL HubSpot calls and signs (baked at build from the profile); null = the request's own URL. */
  readonly publicUrl: string | null;
  readonly clock: Clock;
  /** HubSpot for this call with the given deadline (epoch ms on `clock`); null when the app has no token. */
  readonly connect: (deadline: number) => CrmPort | null;
  /** This function instance's cache of owners and pipelines (they change rarely; a cold instance reads them). */
  readonly portalCache?: { readonly cache: PortalReadCache; readonly portal: string };
}

/** What one call did, for the function's log line (never a token, never property values). */
export interface EndpointReport {
  readonly kind: CallKind | 'refused';
  readonly code: string | null;
}

const json = (statusCode: number, body: Record<string, unknown>, headers: Record<string, string> = {}): EndpointResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

const kindOf = (body: string): CallKind => (body.trimStart().startsWith('{') ? 'workflow_action' : 'webhook');

function failureResponse(e: WorkflowError, kind: CallKind): EndpointResponse {
  if (!e.retryable) return json(kind === 'webhook' ? 500 : 200, kind === 'webhook' ? { ok: false, error: e.code } : workflowOutputs(null, 'FAILED', e.message));
  const after = String(Math.max(1, e.retryAfterSeconds ?? 10));
  return json(e.code === 'RATE_LIMITED' ? 429 : 503, { ok: false, error: e.code, retryable: true }, { 'retry-after': after });
}

export async function handleEndpoint(req: EndpointRequest, deps: EndpointDeps): Promise<{ response: EndpointResponse; report: EndpointReport }> {
  const refused = (response: EndpointResponse, code: string) => ({ response, report: { kind: 'refused' as const, code } });
  if (req.method.toUpperCase() !== 'POST') return refused(json(405, { ok: false, error: 'METHOD_NOT_ALLOWED' }, { allow: 'POST' }), 'METHOD_NOT_ALLOWED');
  const body = req.body ?? '';
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) return refused(json(413, { ok: false, error: 'TOO_LARGE' }), 'TOO_LARGE');
  const uri = deps.publicUrl ?? req.uri;
  if (uri === null) return refused(json(500, { ok: false, error: 'CONFIG', message: 'The endpoint does not know its public URL.' }), 'CONFIG');
  const kind = kindOf(body);
  const check = verifyRequest(kind, { method: req.method, uri, headers: req.headers, body }, deps.secret, deps.clock.now());
  // Nothing about why: a caller without the secret learns nothing from the answer.
  if (!check.ok) return refused(json(401, { ok: false, error: 'UNAUTHORIZED' }), `UNAUTHORIZED:${check.reason}`);

  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return refused(json(400, { ok: false, error: 'MALFORMED' }), 'MALFORMED');
  }
  const started = deps.clock.now();
  const port = deps.connect(started + (kind === 'webhook' ? WEBHOOK_DEADLINE_MS : WORKFLOW_DEADLINE_MS));
  if (!port) return { response: json(500, { ok: false, error: 'CONFIG', message: 'The app has no access token.' }), report: { kind, code: 'CONFIG' } };
  const crm = deps.portalCache ? withCachedReads(port, deps.portalCache.cache, deps.portalCache.portal) : port;
  const run = new AutomationRun({ crm, config: deps.config, model: deps.model, now: () => new Date(deps.clock.now()) });
  const done = (response: EndpointResponse, code: string | null) => ({ response, report: { kind, code } });

  if (kind === 'webhook') {
    const events = WebhookBodySchema.safeParse(parsed);
    if (!events.success) return done(json(400, { ok: false, error: 'MALFORMED' }), 'MALFORMED');
    const plan = planDelivery(events.data, deps.config, deps.model);
    const r = await runDelivery(run, plan);
    if (!r.ok) return done(failureResponse(r.error, kind), r.error.code);
    return done(json(200, { ok: true, ...r.value }), null);
  }

  const call = WorkflowRequestSchema.safeParse(parsed);
  if (!call.success) return done(json(400, { ok: false, error: 'MALFORMED' }), 'MALFORMED');
  const r = await runWorkflowAction(run, call.data);
  if (!r.ok) return done(failureResponse(r.error, kind), r.error.code);
  return done(json(200, r.value), null);
}

interface DeliveryResult {
  readonly events: number;
  readonly evaluated: { readonly contacts: number; readonly companies: number };
  readonly assigned: number;
  readonly scoresWritten: number;
  readonly failed: number;
  readonly ignored: DeliveryPlan['ignored'];
  /** Records beyond this delivery's budget, left to the next sweep. */
  readonly deferred: number;
  readonly decisions: readonly { readonly objectType: string; readonly id: string; readonly route: string | null; readonly owner: string | null; readonly score: number | null; readonly label: string | null }[];
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: WorkflowError };

async function runDelivery(run: AutomationRun, plan: DeliveryPlan): Promise<Outcome<DeliveryResult>> {
  let budget = MAX_RECORDS_PER_DELIVERY;
  const companies = plan.companies.slice(0, budget);
  budget -= companies.length;
  const contacts = plan.contacts.slice(0, Math.max(0, budget));
  let deferred = plan.companies.length - companies.length + (plan.contacts.length - contacts.length);
  const outcomes: RecordOutcome[] = [];
  const evaluate = async (type: 'contacts' | 'companies', ids: readonly string[], route: boolean): Promise<WorkflowError | null> => {
    const read = await readRecords(run, type, ids);
    if (!read.ok) return read.error;
    const r = await processRecords(run, type, read.value, { score: type === 'contacts', route, dryRun: false });
    if (!r.ok) return r.error;
    outcomes.push(...r.value);
    return null;
  };
  // Companies first, so their contacts can follow a company owner assigned in the same delivery.
  for (const [type, ids] of [['companies', companies], ['contacts', contacts]] as const) {
    if (ids.length === 0) continue;
    const e = await evaluate(type, ids, true);
    if (e) return { ok: false, error: e };
  }
  if (plan.companiesForContacts.length > 0) {
    const listed = await contactsOfCompanies(run.deps.crm, plan.companiesForContacts);
    if (!listed.ok) return listed;
    const all = [...new Set([...listed.value.values()].flat())].filter((id) => !contacts.includes(id));
    const extra = all.slice(0, MAX_COMPANY_CONTACTS_PER_DELIVERY);
    deferred += all.length - extra.length;
    if (extra.length > 0) {
      const e = await evaluate('contacts', extra, false);
      if (e) return { ok: false, error: e };
    }
  }
  // A record whose write failed in a retryable way: ask HubSpot to redeliver (everything done so far converges).
  const retryable = outcomes.find((o) => o.error?.retryable);
  if (retryable?.error) return { ok: false, error: retryable.error };
  const fatal = outcomes.find((o) => o.error && isFatal(o.error));
  if (fatal?.error) return { ok: false, error: fatal.error };
  return {
    ok: true,
    value: {
      events: plan.events,
      evaluated: { contacts: outcomes.filter((o) => o.objectType === 'contacts').length, companies: outcomes.filter((o) => o.objectType === 'companies').length },
      assigned: outcomes.filter((o) => o.route?.code === 'ASSIGNED').length,
      scoresWritten: outcomes.filter((o) => o.score?.written).length,
      failed: outcomes.filter((o) => o.error !== null).length,
      ignored: plan.ignored,
      deferred,
      decisions: outcomes.slice(0, 100).map((o) => ({
        objectType: o.objectType,
        id: o.id,
        route: o.route?.code ?? null,
        owner: o.route?.ownerId ?? null,
        score: o.score ? o.score.result.total : null,
        label: o.score ? o.score.result.label : null,
      })),
    },
  };
}

const ObjectId = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9]\d{0,17}$/)]).transform(String);

/** The request HubSpot sends a custom workflow action (custom-action guide): callbackId, origin, object, inputFields. */
export const WorkflowRequestSchema = z.looseObject({
  callbackId: z.string().max(300).optional(),
  origin: z.looseObject({ portalId: z.number().optional(), actionDefinitionId: z.number().optional() }).optional(),
  object: z.looseObject({ objectId: ObjectId, objectType: z.string().max(40) }),
  inputFields: z
    .looseObject({
      mode: z.enum(['score_and_route', 'score', 'route']).optional(),
      dry_run: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
    })
    .optional(),
});
export type WorkflowRequest = z.infer<typeof WorkflowRequestSchema>;

/** The response body HubSpot reads: `outputFields`, with `hs_execution_state` deciding whether the workflow goes on. */
export function workflowOutputs(o: RecordOutcome | null, decision: DecisionCode, errorMessage?: string): Record<string, unknown> {
  const fields: Record<string, string | number> = { decision, hs_execution_state: decision === 'FAILED' ? 'FAIL_CONTINUE' : 'SUCCESS' };
  if (o?.score) {
    fields.score = o.score.result.total;
    fields.label = o.score.result.label;
    if (o.score.result.band) fields.band = o.score.result.band;
  }
  if (o?.route) {
    const tier = o.route.code === 'ALREADY_ASSIGNED' ? o.route.stored.tier : o.route.decision.tierValue;
    if (tier) fields.tier = tier;
    const owner = o.route.code === 'WOULD_ASSIGN' ? (o.route.decision.owner?.id ?? null) : o.route.ownerId;
    if (owner) fields.owner_id = owner;
  }
  if (errorMessage) fields.error_message = errorMessage.slice(0, 500);
  return { outputFields: fields };
}

async function runWorkflowAction(run: AutomationRun, call: WorkflowRequest): Promise<Outcome<Record<string, unknown>>> {
  const t = call.object.objectType.toUpperCase();
  const type = t === 'CONTACT' || t === '0-1' ? 'contacts' : t === 'COMPANY' || t === '0-2' ? 'companies' : null;
  if (type === null) return { ok: true, value: workflowOutputs(null, 'FAILED', `Lead Ops works on contacts and companies, not ${call.object.objectType}.`) };
  const mode = call.inputFields?.mode ?? 'score_and_route';
  const dryRun = call.inputFields?.dry_run === true || call.inputFields?.dry_run === 'true';
  const read = await readRecords(run, type, [call.object.objectId]);
  if (!read.ok) return read;
  if (read.value.length === 0) return { ok: true, value: workflowOutputs(null, 'FAILED', `No ${type === 'contacts' ? 'contact' : 'company'} with id ${call.object.objectId}.`) };
  const r = await processRecords(run, type, read.value, { score: type === 'contacts' && mode !== 'route', route: mode !== 'score', dryRun });
  if (!r.ok) return r;
  const o = r.value[0] ?? null;
  if (o?.error) return o.error.retryable ? { ok: false, error: o.error } : { ok: true, value: workflowOutputs(o, 'FAILED', o.error.message) };
  const code = o?.route ? o.route.code : 'SCORED';
  return { ok: true, value: workflowOutputs(o, (DECISION_CODES as readonly string[]).includes(code) ? (code as DecisionCode) : 'FAILED') };
}
