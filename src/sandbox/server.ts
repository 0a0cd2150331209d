/**
 * The sandbox's web server (fastify, 127.0.0.1 only): the page, its scripts, the card bundles, and the JSON API the
 * page and the card workers call. Requests that touch the emulator run through the activity log, which attributes
 * their API calls to the page view and the card that made them.
 */
import fs from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ActivityLog, TaskOutcome } from './activity';
import { pageHtml, type SandboxAssets } from './assets';
import type { BuiltCard } from './card-builds';
import { CrmAssociatedRequestSchema, CrmRecordRequestSchema, CrmStatisticsRequestSchema, CrmUpdateRequestSchema } from './crm-components';
import { AssociationsRequest, EmulatorCallError, FetchOptions, FormatRequest, HubSpotApiRequest, SearchRequest, type CrmProxy } from './crm-proxy';
import type { FunctionRunner } from './function-runner';
import { objectTypeFromName } from './shared/object-types';
import { SOURCE_HEADER, VIEW_HEADER, type ActivityAnswer, type SandboxInfo } from './shared/protocol';

export interface ServerDeps {
  readonly info: SandboxInfo;
  readonly assets: SandboxAssets;
  /** uid -> built bundle */
  readonly cards: ReadonlyMap<string, BuiltCard>;
  readonly functions: FunctionRunner;
  readonly crm: CrmProxy;
  readonly activity: ActivityLog;
  /** Where the page's reports of what the sandbox cannot draw go (the terminal). */
  readonly log?: (line: string) => void;
}

const ObjectId = z.string().regex(/^\d{1,18}$/, 'expected a numeric record id');
const FunctionBody = z.object({
  parameters: z.unknown().optional(),
  propertiesToSend: z.array(z.string().max(200)).max(500).default([]),
  record: z.object({ objectId: ObjectId, objectTypeId: z.string().regex(/^\d+-\d+$/) }).optional(),
});
const PropertiesBody = z.object({ objectType: z.string(), objectId: ObjectId, names: z.union([z.literal('*'), z.array(z.string().max(200)).max(1000)]), options: FetchOptions });
const AssociationsBody = z.object({ objectType: z.string(), objectId: ObjectId, request: AssociationsRequest, options: FetchOptions });
const SearchBody = z.object({ request: SearchRequest, options: FetchOptions });
const FormatBody = z.object({ request: FormatRequest });
const HubSpotApiBody = z.object({ request: HubSpotApiRequest });
const DiagnosticBody = z.object({
  card: z.string().max(100),
  cardName: z.string().max(200),
  kind: z.enum(['unsupported-component', 'unsupported-prop', 'undocumented-prop', 'unknown-icon', 'stand-in']),
  component: z.string().max(100),
  detail: z.string().max(1000),
});
const DIAGNOSTIC_WORDS: Record<z.infer<typeof DiagnosticBody>['kind'], string> = {
  'unsupported-component': 'NOT DRAWN by the sandbox',
  'unsupported-prop': 'not drawn as HubSpot does',
  'undocumented-prop': 'not documented by HubSpot',
  'unknown-icon': 'unknown icon',
  'stand-in': 'stand-in shown',
};
/** Each report is printed once per sandbox run. */
const MAX_DIAGNOSTICS = 1000;
/** The HubSpot component asking (`CrmAssociationTable`…), named in the activity log. */
const ComponentName = z.string().regex(/^[A-Za-z]{1,60}$/);
const ComponentBody = z.object({ component: ComponentName, request: z.unknown() });

function header(req: FastifyRequest, name: string): string {
  const v = req.headers[name];
  return typeof v === 'string' ? v.slice(0, 100) : '';
}

function scopeOf(req: FastifyRequest) {
  return { view: header(req, VIEW_HEADER) || 'none', source: header(req, SOURCE_HEADER) || 'page' };
}

function invalid(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({ status: 'error', category: 'VALIDATION_ERROR', message: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') });
}

/** Data hooks answer `{ data }` or `{ error }` with 200, as the hook runners expect; the activity log still says failed. */
async function dataAnswer<T>(load: () => Promise<T>): Promise<TaskOutcome<{ data?: T; error?: string }>> {
  try {
    return { ok: true, value: { data: await load() } };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, detail: message, value: { error: message } };
  }
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  const { assets, activity, crm, functions, info } = deps;

  app.get('/', async (_req, reply) => noStore(reply).type('text/html; charset=utf-8').send(pageHtml(assets, info.appName)));
  app.get('/assets/page.js', async (_req, reply) => noStore(reply).type(assets.page.contentType).send(assets.page.body));
  app.get('/assets/card-worker.js', async (_req, reply) => noStore(reply).type(assets.worker.contentType).send(assets.worker.body));
  app.get('/assets/sandbox.css', async (_req, reply) => noStore(reply).type(assets.css.contentType).send(assets.css.body));
  app.get<{ Params: { file: string } }>('/cards/:file', async (req, reply) => {
    const m = /^([a-z0-9_]+)\.([0-9a-f]+)\.js$/.exec(req.params.file);
    const card = m ? deps.cards.get(m[1] as string) : undefined;
    if (!card) return reply.code(404).send({ status: 'error', message: `no card bundle ${req.params.file}` });
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(fs.readFileSync(card.file, 'utf8'));
  });

  app.get('/api/info', async (_req, reply) => noStore(reply).send(info));

  app.get<{ Querystring: { type?: string; q?: string; after?: string } }>('/api/records', async (req, reply) => {
    const type = objectTypeFromName(req.query.type ?? 'contacts');
    if (!type) return reply.code(400).send({ status: 'error', message: `unknown object type "${req.query.type}"` });
    const q = (req.query.q ?? '').slice(0, 200);
    const after = req.query.after && /^\w{1,50}$/.test(req.query.after) ? req.query.after : null;
    try {
      const answer = await activity.run({ ...scopeOf(req), label: `search ${type.name}` }, async () => ({ ok: true, value: await crm.listRecords(type.name, q, after) }));
      return noStore(reply).send(answer);
    } catch (e) {
      return reply.code(e instanceof EmulatorCallError && e.status < 500 ? e.status : 502).send({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });

  app.get<{ Params: { type: string; id: string } }>('/api/records/:type/:id', async (req, reply) => {
    const id = ObjectId.safeParse(req.params.id);
    if (!id.success) return invalid(reply, id.error);
    try {
      const answer = await activity.run({ ...scopeOf(req), label: 'record properties' }, async () => ({ ok: true, value: await crm.getRecord(req.params.type, id.data) }));
      return noStore(reply).send(answer);
    } catch (e) {
      return reply.code(e instanceof EmulatorCallError && e.status < 500 ? e.status : 502).send({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });

  // hubspot.serverless(uid, { parameters, propertiesToSend }): HubSpot's executor, one call at a time.
  app.post<{ Params: { uid: string } }>('/api/functions/:uid', async (req, reply) => {
    const body = FunctionBody.safeParse(req.body ?? {});
    if (!body.success) return invalid(reply, body.error);
    const { parameters, propertiesToSend, record } = body.data;
    const outcome = await activity.run(
      {
        ...scopeOf(req),
        label: req.params.uid,
        ...(record && propertiesToSend.length > 0 ? { propertiesRead: { objectTypeId: record.objectTypeId, objectId: record.objectId } } : {}),
      },
      async () => {
        const o = await functions.run({ uid: req.params.uid, parameters, propertiesToSend, ...(record ? { record } : {}) });
        // A function that answered its own `{ ok: false }` envelope ran fine; the activity shows the code.
        const envelope = o.ok && o.response && typeof o.response === 'object' ? (o.response as { ok?: unknown; error?: { code?: unknown } }) : null;
        const detail = !o.ok ? o.body.message : envelope?.ok === false ? `answered ${String(envelope.error?.code ?? 'an error')}` : undefined;
        return { ok: o.ok && envelope?.ok !== false, value: o, ...(detail ? { detail } : {}) };
      },
    );
    if (outcome.ok) return noStore(reply).send({ logId: 'sandbox', response: outcome.response });
    return reply.code(outcome.httpStatus).send(outcome.body);
  });

  app.post('/api/crm/properties', async (req, reply) => {
    const body = PropertiesBody.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error);
    const { objectType, objectId, names, options } = body.data;
    return noStore(reply).send(await activity.run({ ...scopeOf(req), label: 'fetchCrmProperties' }, () => dataAnswer(() => crm.recordProperties(objectType, objectId, names, options ?? null))));
  });

  app.post('/api/crm/associations', async (req, reply) => {
    const body = AssociationsBody.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error);
    const { objectType, objectId, request, options } = body.data;
    return noStore(reply).send(await activity.run({ ...scopeOf(req), label: `fetchAssociations ${request.toObjectType}` }, () => dataAnswer(() => crm.associations(objectType, objectId, request, options ?? null))));
  });

  app.post('/api/crm/search', async (req, reply) => {
    const body = SearchBody.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error);
    return noStore(reply).send(await activity.run({ ...scopeOf(req), label: `fetchCrmSearch ${body.data.request.objectType}` }, () => dataAnswer(() => crm.search(body.data.request, body.data.options ?? null))));
  });

  // formatCrmProperties: the values as HubSpot formats them (the worker answers the hook with the list).
  app.post('/api/crm/format', async (req, reply) => {
    const body = FormatBody.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error);
    return noStore(reply).send(await activity.run({ ...scopeOf(req), label: `formatCrmProperties ${body.data.request.objectType}` }, () => dataAnswer(() => crm.format(body.data.request))));
  });

  app.post('/api/hubspot-api', async (req, reply) => {
    const body = HubSpotApiBody.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error);
    const answer = await activity.run({ ...scopeOf(req), label: `fetchHubSpotApi ${body.data.request.method} ${body.data.request.path}` }, async () => {
      const value = await crm.hubspotApi(body.data.request);
      return { ok: value.status < 400, value };
    });
    return noStore(reply).send(answer);
  });

  // HubSpot's CRM data components, drawn by the page: HubSpot's own reads, marked so they never count against the
  // app's functions. Answers `{ data }` or `{ error }`, as the data hooks do.
  const componentRoute = <Q, R>(name: string, schema: z.ZodType<Q>, describe: (r: Q) => string, load: (r: Q) => Promise<R>) => {
    app.post(`/api/crm/components/${name}`, async (req, reply) => {
      const body = ComponentBody.safeParse(req.body);
      if (!body.success) return invalid(reply, body.error);
      const request = schema.safeParse(body.data.request);
      if (!request.success) return invalid(reply, request.error);
      const r = request.data;
      return noStore(reply).send(await activity.run({ ...scopeOf(req), label: `${body.data.component} ${describe(r)}`, platformRead: body.data.component }, () => dataAnswer(() => load(r))));
    });
  };
  componentRoute('record', CrmRecordRequestSchema, (r) => `${r.objectTypeId}/${r.objectId}`, (r) => crm.components.record(r));
  componentRoute('associated', CrmAssociatedRequestSchema, (r) => `${r.fromObjectTypeId}/${r.fromObjectId} → ${r.toObjectTypeId}`, (r) => crm.components.associated(r));
  componentRoute('statistics', CrmStatisticsRequestSchema, (r) => `${r.fromObjectTypeId}/${r.fromObjectId} → ${r.toObjectTypeId}`, (r) => crm.components.statistics(r));
  componentRoute('update', CrmUpdateRequestSchema, (r) => `${r.objectTypeId}/${r.objectId}`, async (r) => {
    await crm.components.update(r);
    return { saved: true };
  });

  // What a card uses that the sandbox cannot draw (or that HubSpot does not document): printed in the terminal.
  const printed = new Set<string>();
  app.post('/api/diagnostics', async (req, reply) => {
    const body = DiagnosticBody.safeParse(req.body);
    if (!body.success) return invalid(reply, body.error);
    const d = body.data;
    const key = `${d.card}|${d.kind}|${d.component}|${d.detail}`;
    if (!printed.has(key) && printed.size < MAX_DIAGNOSTICS) {
      printed.add(key);
      (deps.log ?? ((line: string) => console.log(`[sandbox] ${line}`)))(`card ${d.cardName} (${d.card}): ${d.component}: ${DIAGNOSTIC_WORDS[d.kind]}: ${d.detail}`);
    }
    return noStore(reply).send({ ok: true });
  });

  app.get<{ Querystring: { view?: string } }>('/api/activity', async (req, reply) => {
    const answer: ActivityAnswer = { entries: activity.forView(String(req.query.view ?? '')) };
    return noStore(reply).send(answer);
  });

  return app;
}
