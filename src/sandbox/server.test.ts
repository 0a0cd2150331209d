import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_TOKEN, startEmulator, type RunningEmulator } from '../emulator';
import { ActivityLog } from './activity';
import { buildAssets, type SandboxAssets } from './assets';
import type { BuiltCard } from './card-builds';
import { createCrmProxy } from './crm-proxy';
import type { FunctionCall, FunctionOutcome, FunctionRunner } from './function-runner';
import { createServer } from './server';
import { SOURCE_HEADER, VIEW_HEADER, type ActivityAnswer, type SandboxInfo } from './shared/protocol';

/**
 * A function runner standing in for HubSpot's executor (tested on its own in function-runner.test.ts): it reads the
 * record over HTTP as the executor does for propertiesToSend, then answers what the function would.
 */
function runnerOver(emulator: RunningEmulator, answer: (call: FunctionCall) => FunctionOutcome): FunctionRunner & { calls: FunctionCall[] } {
  const calls: FunctionCall[] = [];
  return {
    calls,
    uids: ['score_lead'],
    run: async (call) => {
      calls.push(call);
      if (call.record && (call.propertiesToSend ?? []).length > 0) {
        await fetch(`${emulator.url}/crm/v3/objects/${call.record.objectTypeId}/${call.record.objectId}?properties=${(call.propertiesToSend ?? []).join(',')}`, {
          headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
        });
      }
      return answer(call);
    },
  };
}

const INFO: SandboxInfo = {
  appName: 'Lead Ops <b>',
  permittedFetchUrls: [],
  appId: 1,
  portalId: 1,
  emulatorUrl: 'http://127.0.0.1:1',
  cards: [],
  functions: ['score_lead'],
  variables: {},
  profile: null,
  buildError: null,
  demo: { prepared: true, message: '' },
};

describe('the sandbox server', () => {
  let emulator: RunningEmulator;
  let assets: SandboxAssets;
  let bundleDir: string;
  let app: FastifyInstance;
  let runner: ReturnType<typeof runnerOver>;
  const responses: string[] = [];

  let base = '';
  /** What the server printed (its terminal). */
  const printed: string[] = [];
  /** A real HTTP request to the listening server (light-my-request's inject pulls in ESM Jest cannot load). */
  const inject = async (opts: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: unknown }) => {
    const res = await fetch(`${base}${opts.url}`, {
      method: opts.method,
      headers: { ...(opts.headers ?? {}), ...(opts.payload === undefined ? {} : { 'content-type': 'application/json' }) },
      body: opts.payload === undefined ? undefined : JSON.stringify(opts.payload),
    });
    const body = await res.text();
    responses.push(body);
    return {
      statusCode: res.status,
      headers: Object.fromEntries(res.headers.entries()),
      body,
      json: <T = unknown>() => JSON.parse(body) as T,
    };
  };
  const scoped = (view: string, source = 'card:lead_score_card') => ({ [VIEW_HEADER]: view, [SOURCE_HEADER]: source });

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo', port: 0 });
    assets = await buildAssets();
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-bundle-'));
    const bundle = path.join(bundleDir, 'LeadScoreCard.js');
    fs.writeFileSync(bundle, 'this.LeadScoreCard = {};');
    const cards = new Map<string, BuiltCard>([['lead_score_card', { uid: 'lead_score_card', file: bundle, bytes: 24, hash: 'abc123' }]]);
    runner = runnerOver(emulator, (call) =>
      call.uid === 'score_lead'
        ? { ok: true, response: { ok: true, echo: call.parameters ?? null } }
        : { ok: false, httpStatus: 400, body: { status: 'error', reason: 'FUNCTION_NOT_FOUND', category: 'VALIDATION_ERROR', message: `App function "${call.uid}" was not found.` } },
    );
    app = await createServer({
      info: INFO,
      assets,
      cards,
      functions: runner,
      crm: createCrmProxy({ baseUrl: emulator.url, token: DEFAULT_TOKEN }),
      activity: new ActivityLog(() => emulator.requestLog()),
      log: (line) => void printed.push(line),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
  });

  afterAll(async () => {
    await app.close();
    await emulator.close();
    fs.rmSync(bundleDir, { recursive: true, force: true });
  });

  it('serves the page shell, with the app name escaped, and its scripts', async () => {
    const page = await inject({ method: 'GET', url: '/' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<title>Lead Ops &lt;b&gt; · local sandbox</title>');
    expect(page.body).toContain(`/assets/page.js?v=${assets.page.hash}`);
    expect((await inject({ method: 'GET', url: '/assets/card-worker.js' })).body).toBe(assets.worker.body);
  });

  it('serves a card bundle by uid and content hash, and nothing else', async () => {
    const ok = await inject({ method: 'GET', url: '/cards/lead_score_card.abc123.js' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('this.LeadScoreCard = {};');
    expect((await inject({ method: 'GET', url: '/cards/..%2F..%2Fpackage.json' })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: '/cards/other_card.abc123.js' })).statusCode).toBe(404);
  });

  it('answers hubspot.serverless with the function’s own return value and records what it cost', async () => {
    const contact = emulator.store.list('contacts')[0];
    if (!contact) throw new Error('no demo contact');
    const res = await inject({
      method: 'POST',
      url: '/api/functions/score_lead',
      headers: scoped('view-1'),
      payload: { parameters: { objectType: 'contacts', objectId: contact.id }, propertiesToSend: ['email'], record: { objectId: contact.id, objectTypeId: '0-1' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ logId: 'sandbox', response: { ok: true, echo: { objectType: 'contacts', objectId: contact.id } } });
    expect(runner.calls.at(-1)).toEqual({
      uid: 'score_lead',
      parameters: { objectType: 'contacts', objectId: contact.id },
      propertiesToSend: ['email'],
      record: { objectId: contact.id, objectTypeId: '0-1' },
    });
    const activity = (await inject({ method: 'GET', url: '/api/activity?view=view-1' })).json<ActivityAnswer>();
    expect(activity.entries).toHaveLength(1);
    expect(activity.entries[0]).toMatchObject({ source: 'card:lead_score_card', label: 'score_lead', ok: true });
    expect(activity.entries[0]?.calls.map((c) => [c.method, c.path, c.status, c.note !== null])).toEqual([['GET', `/crm/v3/objects/0-1/${contact.id}`, 200, true]]);
  });

  it('passes an executor failure on as HubSpot’s local service does (400 with the error body)', async () => {
    const res = await inject({ method: 'POST', url: '/api/functions/nope', headers: scoped('view-2'), payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 'error', reason: 'FUNCTION_NOT_FOUND' });
    expect((await inject({ method: 'GET', url: '/api/activity?view=view-2' })).json<ActivityAnswer>().entries[0]).toMatchObject({ ok: false, label: 'nope' });
  });

  it('rejects a malformed call before it reaches the function, naming the field', async () => {
    const res = await inject({ method: 'POST', url: '/api/functions/score_lead', payload: { propertiesToSend: 'email', record: { objectId: 'abc', objectTypeId: '0-1' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toMatch(/propertiesToSend: .*; record\.objectId: expected a numeric record id/);
  });

  it('answers the CRM hooks with { data } or, when the read fails, { error } (as the hook runners expect)', async () => {
    const contact = emulator.store.list('contacts')[0];
    const ok = await inject({ method: 'POST', url: '/api/crm/properties', headers: scoped('view-3'), payload: { objectType: 'contacts', objectId: contact?.id, names: ['email'] } });
    expect(ok.json()).toEqual({ data: { email: contact?.properties.email ?? null } });
    const missing = await inject({ method: 'POST', url: '/api/crm/properties', headers: scoped('view-3'), payload: { objectType: 'contacts', objectId: '999999999', names: ['email'] } });
    expect(missing.statusCode).toBe(200);
    expect(missing.json<{ error: string }>().error).toMatch(/answered 404/);
    const entries = (await inject({ method: 'GET', url: '/api/activity?view=view-3' })).json<ActivityAnswer>().entries;
    expect(entries.map((e) => [e.label, e.ok])).toEqual([
      ['fetchCrmProperties', true],
      ['fetchCrmProperties', false],
    ]);
  });

  it("answers HubSpot's CRM data components and marks their calls as HubSpot's, not the app's", async () => {
    const company = emulator.store.list('companies').find((c) => emulator.store.associations('companies', c.id, 'deals').length > 0);
    if (!company) throw new Error('no company with deals');
    const res = await inject({
      method: 'POST',
      url: '/api/crm/components/associated',
      headers: scoped('view-4'),
      payload: { component: 'CrmAssociationTable', request: { fromObjectTypeId: '0-2', fromObjectId: company.id, toObjectTypeId: '0-3', properties: ['dealname'] } },
    });
    expect(res.json<{ data: { total: number } }>().data.total).toBe(emulator.store.associations('companies', company.id, 'deals').length);
    const [entry] = (await inject({ method: 'GET', url: '/api/activity?view=view-4' })).json<ActivityAnswer>().entries;
    expect(entry?.label).toBe(`CrmAssociationTable 0-2/${company.id} → 0-3`);
    expect(entry?.calls.length).toBeGreaterThan(0);
    expect(entry?.calls.every((c) => c.note === "CrmAssociationTable: read by HubSpot's page, not counted against the app's functions")).toBe(true);
    const bad = await inject({ method: 'POST', url: '/api/crm/components/record', payload: { component: 'CrmPropertyList', request: { objectTypeId: '0-1', objectId: 'abc', properties: [] } } });
    expect(bad.statusCode).toBe(400);
  });

  it('prints what a card uses that the sandbox cannot draw in the terminal, once', async () => {
    const report = { card: 'lead_score_card', cardName: 'Lead score', kind: 'unsupported-component', component: 'FancyWidget', detail: 'the sandbox does not draw FancyWidget' };
    for (let i = 0; i < 3; i++) expect((await inject({ method: 'POST', url: '/api/diagnostics', payload: report })).statusCode).toBe(200);
    expect(printed.filter((l) => l.includes('FancyWidget'))).toEqual(['card Lead score (lead_score_card): FancyWidget: NOT DRAWN by the sandbox: the sandbox does not draw FancyWidget']);
    expect((await inject({ method: 'POST', url: '/api/diagnostics', payload: { ...report, kind: 'whatever' } })).statusCode).toBe(400);
  });

  it('lists and reads records for the page', async () => {
    const list = await inject({ method: 'GET', url: '/api/records?type=companies&q=' });
    expect(list.json<{ results: unknown[] }>().results.length).toBeGreaterThan(0);
    expect((await inject({ method: 'GET', url: '/api/records?type=products' })).statusCode).toBe(400);
    const company = emulator.store.list('companies')[0];
    const rec = await inject({ method: 'GET', url: `/api/records/companies/${company?.id}` });
    expect(rec.json<{ title: string }>().title).toBe(company?.properties.name);
  });

  it('never sends the token to the browser', () => {
    expect(responses.length).toBeGreaterThan(5);
    for (const body of responses) expect(body).not.toContain(DEFAULT_TOKEN);
  });
});
