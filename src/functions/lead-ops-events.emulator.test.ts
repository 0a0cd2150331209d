import path from 'node:path';
import { startEmulator, type RunningEmulator, type WebhookHttpRequest } from '../emulator';
import { makeMain } from './lead-ops-events';
import { clearInstanceCache } from './runtime/define-function';
import { createCrmPort } from '../hubspot';
import { runSetup } from '../workflows/setup';
import { VirtualClock } from '../testing/clock';
import { TEST_CONFIG } from '../testing/portal';
import { REALTIME_COMPONENTS_DIR } from '../config/paths';
import { signV2, v3Headers } from '../realtime/signature';

const SECRET = 'test-client-secret-0123456789';
const URL = 'https://hooks.lead-ops.test/lead-ops/events';
const WEBHOOKS = path.join(REALTIME_COMPONENTS_DIR, 'lead-ops-webhooks.component.json');
const ACTION = path.join(REALTIME_COMPONENTS_DIR, 'score-and-route.component.json');

interface Harness {
  emu: RunningEmulator;
  clock: VirtualClock;
  logs: string[];
  call(req: { headers: Record<string, string>; body: string; method?: string }): Promise<{ statusCode: number; body: Record<string, unknown> }>;
  deliver(events: object[], opts?: { at?: number }): Promise<{ statusCode: number; body: Record<string, unknown> }>;
  createContact(props: Record<string, string>): string;
}

async function harness(): Promise<Harness> {
  const clock = new VirtualClock();
  const emu = await startEmulator({ seed: 'demo', seedSize: { contacts: 50, companies: 30 }, clock });
  expect((await runSetup(createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock }), TEST_CONFIG)).failed).toBe(0);
  const logs: string[] = [];
  clearInstanceCache();
  const main = makeMain({
    env: { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url, LEAD_OPS_CLIENT_SECRET: SECRET },
    clock,
    log: (l) => logs.push(l),
    publicUrl: URL,
  });
  const call: Harness['call'] = async (req) => {
    const r = await main({ method: req.method ?? 'POST', url: URL, headers: req.headers, body: req.body, secrets: {} });
    return { statusCode: r.statusCode, body: r.body };
  };
  return {
    emu,
    clock,
    logs,
    call,
    deliver: (events, opts = {}) => {
      const body = JSON.stringify(events);
      return call({ headers: v3Headers({ secret: SECRET, method: 'POST', uri: URL, body, now: opts.at ?? clock.now() }), body });
    },
    createContact: (props) => {
      const rec = emu.store.portal.create('0-1', emu.store.portal.prepare('0-1', props, undefined));
      return rec.id;
    },
  };
}

const creation = (id: string, eventId = Number(id)) => ({ eventId, subscriptionId: 1, portalId: 1, appId: 1, occurredAt: 1, subscriptionType: 'object.creation', attemptNumber: 0, objectId: Number(id), objectTypeId: '0-1' });
const change = (id: string, propertyName: string, propertyValue: string, objectTypeId = '0-1') => ({ ...creation(id), subscriptionType: 'object.propertyChange', propertyName, propertyValue, objectTypeId });

function routingNotes(emu: RunningEmulator, id: string): string[] {
  return emu.store
    .associations('contacts', id, 'notes')
    .map((a) => emu.store.get('notes', a.toId))
    .filter((n) => n && !n.archived && (n.properties.hs_note_body ?? '').includes('lead-ops-routing v1'))
    .map((n) => n?.id ?? '');
}

describe('the lead_ops_events endpoint', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.emu.close());

  it('refuses unsigned, stale, tampered, oversized and malformed calls before any API call', async () => {
    const id = h.createContact({ email: 'a@acme.test', numemployees: '100-500' });
    const body = JSON.stringify([creation(id)]);
    const good = v3Headers({ secret: SECRET, method: 'POST', uri: URL, body, now: h.clock.now() });
    h.emu.clearRequestLog();
    const cases: [string, Parameters<Harness['call']>[0], number][] = [
      ['unsigned', { headers: {}, body }, 401],
      ['tampered body', { headers: good, body: body.replace(id, String(Number(id) + 1)) }, 401],
      ['wrong secret', { headers: v3Headers({ secret: 'other', method: 'POST', uri: URL, body, now: h.clock.now() }), body }, 401],
      ['signed for another URL', { headers: v3Headers({ secret: SECRET, method: 'POST', uri: 'https://evil.test/x', body, now: h.clock.now() }), body }, 401],
      ['stale', { headers: v3Headers({ secret: SECRET, method: 'POST', uri: URL, body, now: h.clock.now() - 301_000 }), body }, 401],
      ['GET', { headers: good, body, method: 'GET' }, 405],
      ['oversized', { headers: good, body: `[${'1,'.repeat(140_000)}1]` }, 413],
      ['signed, malformed JSON', { headers: v3Headers({ secret: SECRET, method: 'POST', uri: URL, body: '[{"objectId":', now: h.clock.now() }), body: '[{"objectId":' }, 400],
      ['signed, not events', { headers: v3Headers({ secret: SECRET, method: 'POST', uri: URL, body: '[{"x":1}]', now: h.clock.now() }), body: '[{"x":1}]' }, 400],
    ];
    for (const [name, req, status] of cases) expect({ name, status: (await h.call(req)).statusCode }).toEqual({ name, status });
    expect(h.emu.requestLog().filter((e) => e.path !== '/crm/v3/owners/' && e.path !== '/crm/v3/owners')).toEqual([]);
    expect(h.emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeUndefined();
    // Every refusal is logged with its reason, never with the secret or the token.
    expect(h.logs.join('\n')).toContain('UNAUTHORIZED:mismatch');
    expect(h.logs.join('\n')).not.toContain(SECRET);
  });

  it('scores and routes created contacts once; a duplicate, a reordered and a late delivery write nothing more', async () => {
    const ids = [h.createContact({ email: 'b1@acme.test', numemployees: '1-5' }), h.createContact({ email: 'b2@acme.test', numemployees: '1000+' }), h.createContact({ email: 'b3@acme.test', numemployees: '100-500' })];
    const first = await h.deliver(ids.map((id) => creation(id)));
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatchObject({ ok: true, assigned: 3, scoresWritten: 3 });
    for (const id of ids) {
      expect(h.emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeTruthy();
      expect(h.emu.store.get('contacts', id)?.properties.lead_ops_score).toBeDefined();
      expect(routingNotes(h.emu, id)).toHaveLength(1);
    }
    const mark = h.emu.requestLog().length;
    const again = await h.deliver(ids.map((id) => creation(id)));
    const reversed = await h.deliver([...ids].reverse().map((id) => ({ ...creation(id), attemptNumber: 3 })));
    const late = await h.deliver([change(ids[0] ?? '', 'numemployees', '1-5'), creation(ids[1] ?? '')]);
    for (const r of [again, reversed, late]) expect(r.body).toMatchObject({ ok: true, assigned: 0, scoresWritten: 0 });
    expect(h.emu.requestLog().slice(mark).filter((e) => !e.path.endsWith('/search') && !e.path.endsWith('/batch/read') && e.method !== 'GET')).toEqual([]);
    for (const id of ids) expect(routingNotes(h.emu, id)).toHaveLength(1);
  });

  it('a redelivery while the first delivery still runs ends with one owner and one note per contact', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => h.createContact({ email: `r${i}@acme.test`, numemployees: i % 2 ? '1-5' : '100-500' }));
    const events = ids.map((id) => creation(id));
    const [a, b, c] = await Promise.all([h.deliver(events), h.deliver(events.map((e) => ({ ...e, attemptNumber: 1 }))), h.deliver([...events].reverse())]);
    for (const r of [a, b, c]) expect(r.statusCode).toBe(200);
    for (const id of ids) {
      const rec = h.emu.store.get('contacts', id);
      expect(rec?.properties.hubspot_owner_id).toBeTruthy();
      const notes = routingNotes(h.emu, id);
      expect(notes).toHaveLength(1);
      expect(rec?.properties.lead_ops_routing_note_id).toBe(notes[0]);
      expect(h.emu.store.history('contacts', id, 'hubspot_owner_id').filter((x) => x.value !== '').length).toBeGreaterThanOrEqual(1);
    }
    // The three deliveries really overlapped: duplicates were made and archived.
    expect(h.emu.store.list('notes').filter((n) => n.archived).length).toBeGreaterThan(0);
  });

  it('ignores our own outputs and owners being set, with no API call at all', async () => {
    const id = h.createContact({ email: 'c@acme.test' });
    h.emu.clearRequestLog();
    const r = await h.deliver([change(id, 'lead_ops_score', '55'), change(id, 'lead_ops_routing_key', 'k'), change(id, 'hubspot_owner_id', '101'), change(id, 'firstname', 'Ann')]);
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatchObject({ ok: true, ignored: { own_output: 2, owner_set: 1, not_an_input: 1 }, evaluated: { contacts: 0, companies: 0 } });
    expect(h.emu.requestLog()).toEqual([]);
    // An owner cleared by a person is news: the contact is routed again.
    const cleared = await h.deliver([change(id, 'hubspot_owner_id', '')]);
    expect(cleared.body).toMatchObject({ assigned: 1 });
  });

  it('a company size change rescores the company\'s contacts and routes the company', async () => {
    const company = h.emu.store.list('companies').find((c) => !c.properties.hubspot_owner_id && h.emu.store.associations('companies', c.id, 'contacts').length > 0);
    if (!company) throw new Error('demo portal has no unowned company with contacts');
    h.emu.store.portal.update(company, h.emu.store.portal.prepare('0-2', { numberofemployees: '750' }, company));
    const r = await h.deliver([change(company.id, 'numberofemployees', '750', '0-2')]);
    expect(r.statusCode).toBe(200);
    expect(h.emu.store.get('companies', company.id)?.properties.hubspot_owner_id).toBeTruthy();
    expect((r.body.evaluated as { contacts: number }).contacts).toBe(h.emu.store.associations('companies', company.id, 'contacts').length);
  });

  it('the workflow action answers output fields a workflow can branch on, and a readable history sentence', async () => {
    const id = h.createContact({ email: 'wf@acme.test', numemployees: '100-500', jobtitle: 'VP Sales' });
    const main = makeMain({ env: { PRIVATE_APP_ACCESS_TOKEN: h.emu.token, HUBSPOT_API_BASE_URL: h.emu.url, LEAD_OPS_CLIENT_SECRET: SECRET }, clock: h.clock, log: () => undefined, publicUrl: URL });
    const handler = async (req: WebhookHttpRequest) => {
      const r = await main({ method: req.method, url: req.url, headers: req.headers, body: req.body });
      return { status: r.statusCode, body: r.body };
    };
    const wf = h.emu.attachWebhooks({ componentFile: WEBHOOKS, clientSecret: SECRET, targetUrl: URL, clock: h.clock, target: { handler } });
    const dry = await wf.fireWorkflowAction({ componentFile: ACTION, objectType: 'CONTACT', objectId: id, inputFields: { mode: 'score_and_route', dry_run: 'true' }, actionUrl: URL, signatures: ['v2'] });
    expect(dry.status).toBe(200);
    expect(dry.outputFields).toMatchObject({ decision: 'WOULD_ASSIGN', hs_execution_state: 'SUCCESS' });
    expect(h.emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeUndefined();
    expect(dry.historySentence).toMatch(/^Dry run: Lead Ops would score \d+ \(.+\) and assign owner \d+ \(.+\)\. Nothing was written\.$/);

    const real = await wf.fireWorkflowAction({ componentFile: ACTION, objectType: 'CONTACT', objectId: id, inputFields: { mode: 'score_and_route', dry_run: false }, actionUrl: URL });
    expect(real.outputFields).toMatchObject({ decision: 'ASSIGNED', owner_id: h.emu.store.get('contacts', id)?.properties.hubspot_owner_id });
    expect(typeof real.outputFields?.score).toBe('number');
    expect(real.historySentence).toMatch(/^Lead Ops scored \d+ \(.+\) and assigned owner \d+ \(.+\)\.$/);
    expect(routingNotes(h.emu, id)).toHaveLength(1);

    const twice = await wf.fireWorkflowAction({ componentFile: ACTION, objectType: 'CONTACT', objectId: id, inputFields: { mode: 'route' }, actionUrl: URL });
    expect(twice.outputFields).toMatchObject({ decision: 'ALREADY_ASSIGNED' });
    expect(twice.historySentence).toContain('was not reassigned');
    const missing = await wf.fireWorkflowAction({ componentFile: ACTION, objectType: 'CONTACT', objectId: '999999999', inputFields: { mode: 'score' }, actionUrl: URL });
    expect(missing.outputFields).toMatchObject({ decision: 'FAILED', hs_execution_state: 'FAIL_CONTINUE' });

    // A workflow-action call signed v2 for another URL, or not at all, is refused.
    const body = JSON.stringify({ callbackId: 'x', object: { objectId: Number(id), objectType: 'CONTACT' }, inputFields: { mode: 'score' } });
    expect((await h.call({ headers: { 'x-hubspot-signature': signV2({ secret: SECRET, method: 'POST', uri: 'https://other.test/', body }), 'x-hubspot-signature-version': 'v2' }, body })).statusCode).toBe(401);
    expect((await h.call({ headers: {}, body })).statusCode).toBe(401);
  });
});
