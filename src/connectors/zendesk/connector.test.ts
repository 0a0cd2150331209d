/**
 * The Zendesk connector against the local Zendesk emulator, over HTTP: contacts and companies as users and
 * organizations (create_or_update keyed by external_id), HubSpot tickets created once. Time is virtual.
 */
import { ZendeskSettingsSchema, type ZendeskSettingsInput } from '../../core/status/connector-config';
import { startZendeskEmulator, type RunningZendeskEmulator } from '../../emulator/destinations/zendesk';
import { VirtualClock } from '../../testing/clock';
import type { SyncOutcome, SyncRecord } from '../connector';
import type { ConnectorRequestEvent } from '../http/destination-http';
import { ZendeskConnector, type ZendeskConnectorOptions } from './connector';

let emu: RunningZendeskEmulator;
let clock: VirtualClock;

beforeAll(async () => {
  clock = new VirtualClock();
  emu = await startZendeskEmulator({ clock });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  clock.advance(120_000);
  emu.state.reset();
  emu.faults.clear();
  emu.setRequestsPerMinute(200);
  emu.clearRequestLog();
});

const SETTINGS: ZendeskSettingsInput = { type: 'zendesk', subdomain: 'acme', users: { userFields: { lifecycle: 'lifecyclestage' } }, tickets: { pipelines: ['0'] } };
type Over = Omit<Partial<ZendeskConnectorOptions>, 'settings'> & { settings?: Partial<ZendeskSettingsInput>; url?: string };

function connector(over: Over = {}) {
  const events: ConnectorRequestEvent[] = [];
  const { settings, url, ...rest } = over;
  const c = new ZendeskConnector({
    email: emu.email,
    apiToken: emu.token,
    baseUrl: url ?? emu.url,
    clock,
    random: () => 0.5,
    requestTimeoutMs: 400,
    onRequest: (e) => events.push(e),
    settings: ZendeskSettingsSchema.parse({ ...SETTINGS, ...settings }),
    ...rest,
  });
  return { c, events };
}

const ada = (over: Record<string, string | null> = {}, companyId?: string): SyncRecord => ({
  objectType: 'contacts',
  id: '101',
  properties: { firstname: 'Ada', lastname: 'Lovelace', email: 'Ada@Example.com', phone: '+44 20 7946 0000', lifecyclestage: 'lead', ...over },
  ...(companyId ? { associations: { companies: [{ id: companyId }] } } : {}),
});
const acme = (over: Record<string, string | null> = {}): SyncRecord => ({ objectType: 'companies', id: '77', properties: { name: 'Acme Ltd', domain: 'Acme.test', ...over } });
const ticket = (id = '9001', over: Record<string, string | null> = {}): SyncRecord => ({
  objectType: 'tickets',
  id,
  properties: { subject: 'Printer on fire', content: 'It is on fire.', hs_pipeline: '0', hs_ticket_priority: 'HIGH', ...over },
  associations: { contacts: [{ id: '101', properties: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace' } }] },
});

async function batch(c: ZendeskConnector, records: readonly SyncRecord[], deadline?: number): Promise<readonly SyncOutcome[]> {
  const r = await c.pushBatch(records, deadline === undefined ? undefined : { deadline });
  if (!r.ok) throw new Error(`destination failure: ${r.error.message}`);
  return r.value;
}
const ops = () => emu.requestLog().map((e) => `${e.operation}:${e.status}`);
const creates = () => emu.requestLog().filter((e) => e.operation === 'tickets.create');

describe('contacts → users, companies → organizations', () => {
  it('creates a user keyed by hubspot-contact-<id> and answers its id and agent link', async () => {
    const { c } = connector();
    const [out] = await batch(c, [ada()]);
    const user = emu.state.user('hubspot-contact-101');
    expect(user).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000', user_fields: { lifecycle: 'lead' } });
    expect(out).toEqual({ objectType: 'contacts', id: '101', state: 'in_sync', externalId: String(user?.id), link: `https://acme.zendesk.com/agent/users/${user?.id}`, written: true, note: null });
    expect(ops()).toEqual(['users.showMany:200', 'users.createOrUpdate:201']);
  });

  it('writes nothing when the user already holds the same values', async () => {
    const { c } = connector();
    await batch(c, [ada()]);
    emu.clearRequestLog();
    const [out] = await batch(c, [ada()]);
    expect(out).toMatchObject({ state: 'in_sync', written: false });
    expect(ops()).toEqual(['users.showMany:200']);
  });

  it('creates the organization first and links a contact of the same batch to it', async () => {
    const { c } = connector();
    const out = await batch(c, [ada({}, '77'), acme()]);
    const org = emu.state.organization('hubspot-company-77');
    expect(org).toMatchObject({ name: 'Acme Ltd', domain_names: ['acme.test'] });
    expect(emu.state.user('hubspot-contact-101')?.organization_id).toBe(org?.id);
    expect(out[1]).toMatchObject({ state: 'in_sync', link: `https://acme.zendesk.com/agent/organizations/${org?.id}` });
  });

  it('keeps domains added in Zendesk when it adds HubSpot\'s', async () => {
    emu.state.addOrganization({ name: 'Acme Ltd', external_id: 'hubspot-company-77', domain_names: ['acme.example'] });
    const { c } = connector();
    await batch(c, [acme({ domain: 'acme.test' })]);
    expect(emu.state.organization('hubspot-company-77')?.domain_names).toEqual(['acme.example', 'acme.test']);
  });

  it('adopts a user an agent created with the same email instead of adding a second', async () => {
    emu.state.addUser({ name: 'A. Lovelace', email: 'ada@example.com' });
    const { c } = connector();
    await batch(c, [ada()]);
    expect(emu.state.users()).toHaveLength(1);
    expect(emu.state.users()[0]).toMatchObject({ external_id: 'hubspot-contact-101', name: 'Ada Lovelace' });
  });

  it('a user suspended in Zendesk is excluded and left alone', async () => {
    const { c } = connector();
    await batch(c, [ada()]);
    emu.state.updateUser('hubspot-contact-101', { suspended: true });
    emu.clearRequestLog();
    const [out] = await batch(c, [ada({ firstname: 'Augusta' })]);
    expect(out).toMatchObject({ state: 'excluded', reason: expect.stringContaining('suspended in Zendesk') });
    expect(ops()).toEqual(['users.showMany:200']);
  });

  it('a contact with neither name nor email is excluded; a company without a name too', async () => {
    const { c } = connector();
    const out = await batch(c, [ada({ firstname: null, lastname: '', email: '' }), acme({ name: ' ' })]);
    expect(out.map((o) => (o.state === 'excluded' ? o.reason : o.state))).toEqual(['no name or email address', 'no company name']);
    expect(emu.requestLog()).toHaveLength(0);
  });

  it('an email used by another Zendesk user fails that record with the help-desk hint and the raw message', async () => {
    emu.state.addUser({ name: 'Someone', email: 'taken@example.com' });
    const { c } = connector();
    await batch(c, [ada()]);
    const [out] = await batch(c, [ada({ email: 'taken@example.com' })]);
    expect(out).toMatchObject({
      state: 'failed',
      retryable: false,
      error: { ruleId: 'helpdesk_invalid', raw: '422 RecordInvalid: Record validation errors. email: Email: is already being used by another user' },
    });
  });

  it('an organization name taken by another organization gets its own hint', async () => {
    emu.state.addOrganization({ name: 'Acme Ltd', external_id: 'salesforce-1' });
    const { c } = connector();
    const [out] = await batch(c, [acme()]);
    expect(out).toMatchObject({ state: 'failed', error: { ruleId: 'helpdesk_name_taken' } });
  });
});

describe('tickets are created once', () => {
  it('creates a ticket with the external id, requester and priority, and answers its id and agent URL', async () => {
    const { c } = connector();
    const [out] = await batch(c, [ticket()]);
    const [created] = emu.state.ticketsByExternalId('hubspot-ticket-9001');
    expect(created).toMatchObject({ subject: 'Printer on fire', description: 'It is on fire.', priority: 'high', tags: ['hubspot'] });
    expect(emu.state.users().find((u) => u.id === created?.requester_id)?.email).toBe('ada@example.com');
    expect(out).toMatchObject({ state: 'in_sync', externalId: String(created?.id), link: `https://acme.zendesk.com/agent/tickets/${created?.id}`, written: true });
    expect(ops()).toEqual(['tickets.list:200', 'tickets.create:201', 'tickets.list:200']);
  });

  it('a second push finds the ticket and creates nothing', async () => {
    const { c } = connector();
    await batch(c, [ticket()]);
    emu.clearRequestLog();
    const [out] = await batch(c, [ticket('9001', { subject: 'Changed in HubSpot' })]);
    expect(out).toMatchObject({ state: 'in_sync', written: false });
    expect(ops()).toEqual(['tickets.list:200']);
  });

  it('tickets of other pipelines are excluded', async () => {
    const { c } = connector();
    const [out] = await batch(c, [ticket('1', { hs_pipeline: '7' })]);
    expect(out).toMatchObject({ state: 'excluded', reason: 'tickets of pipeline "7" are not sent to Zendesk' });
  });

  test.each`
    fault                                              | label
    ${{ kind: 'lost' }}                                | ${'an answer lost after the create was applied'}
    ${{ kind: 'status', status: 503, when: 'after' }}  | ${'a 503 after the create was applied'}
  `('$label: looked up by external id, exactly one ticket', async ({ fault }) => {
    emu.faults.inject(fault, { method: 'POST', path: '/api/v2/tickets.json' });
    const { c } = connector();
    const [out] = await batch(c, [ticket()], clock.now() + 9_000);
    expect(emu.state.ticketsByExternalId('hubspot-ticket-9001')).toHaveLength(1);
    expect(out).toMatchObject({ state: 'in_sync', externalId: String(emu.state.tickets()[0]?.id) });
    expect(creates()).toHaveLength(1);
    expect(ops().at(-1)).toBe('tickets.list:200');
  });

  it('a 503 before anything was applied: the lookup finds nothing and the create is sent again, once', async () => {
    emu.faults.inject({ kind: 'status', status: 503 }, { method: 'POST' });
    const { c } = connector();
    const [out] = await batch(c, [ticket()], clock.now() + 9_000);
    expect(out?.state).toBe('in_sync');
    expect(emu.state.tickets()).toHaveLength(1);
    expect(creates().map((e) => e.status)).toEqual([503, 201]);
  });

  it('when the ticket cannot be looked up after a lost answer it is pending; the next push finds it', async () => {
    emu.faults.inject({ kind: 'latency', ms: 0 }, { method: 'GET' }); // the first lookup goes through
    emu.faults.inject({ kind: 'lost' }, { method: 'POST' });
    emu.faults.inject({ kind: 'status', status: 503 }, { method: 'GET' }, 10);
    const { c } = connector();
    const [first] = await batch(c, [ticket()], clock.now() + 9_000);
    expect(first).toMatchObject({ state: 'pending', reason: expect.stringContaining('looks it up before creating one') });
    emu.faults.clear();
    const [second] = await batch(c, [ticket()], clock.now() + 9_000);
    expect(second).toMatchObject({ state: 'in_sync', written: false });
    expect(emu.state.tickets()).toHaveLength(1);
    expect(creates()).toHaveLength(1);
  });

  it('the same create repeated with its idempotency key is answered with the first ticket', async () => {
    const slow = await startZendeskEmulator({ clock, latencyMs: 25 });
    try {
      const a = connector({ url: slow.url, apiToken: slow.token, email: slow.email }).c;
      const b = connector({ url: slow.url, apiToken: slow.token, email: slow.email }).c;
      const [ra, rb] = await Promise.all([batch(a, [ticket()]), batch(b, [ticket()])]);
      expect(slow.state.tickets()).toHaveLength(1);
      // Both looked before either had created, so both sent the create: Zendesk answered the second with the first.
      expect(slow.requestLog().filter((e) => e.operation === 'tickets.create')).toHaveLength(2);
      expect(ra?.[0]).toMatchObject({ state: 'in_sync', externalId: String(slow.state.tickets()[0]?.id) });
      expect(rb?.[0]).toMatchObject({ state: 'in_sync', externalId: String(slow.state.tickets()[0]?.id) });
    } finally {
      await slow.close();
    }
  });

  it('two instances creating different bodies at once converge on the lowest ticket id', async () => {
    const slow = await startZendeskEmulator({ clock, latencyMs: 25 });
    try {
      const a = connector({ url: slow.url, apiToken: slow.token, email: slow.email }).c;
      const b = connector({ url: slow.url, apiToken: slow.token, email: slow.email }).c;
      const [ra, rb] = await Promise.all([batch(a, [ticket()]), batch(b, [ticket('9001', { content: 'Edited a moment later.' })])]);
      const left = slow.state.ticketsByExternalId('hubspot-ticket-9001');
      expect(left).toHaveLength(1);
      expect(ra?.[0]).toMatchObject({ externalId: String(left[0]?.id) });
      expect(rb?.[0]).toMatchObject({ externalId: String(left[0]?.id) });
      expect(slow.requestLog().filter((e) => e.operation === 'tickets.delete').map((e) => e.status)).toEqual([204]);
    } finally {
      await slow.close();
    }
  });
});

describe('failures of the whole destination, rate limits and credentials', () => {
  it('a rejected token is one AUTH_REJECTED naming both secrets; the batch stops', async () => {
    const { c } = connector({ apiToken: 'revoked-token-000000000000' });
    const r = await c.pushBatch([ada(), acme(), ticket()]);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'AUTH_REJECTED', secretNames: ['ZENDESK_EMAIL', 'ZENDESK_API_TOKEN'], raw: "401 Couldn't authenticate you" });
    expect(emu.requestLog()).toHaveLength(1);
  });

  it('a 404 from the account (a wrong subdomain) is a CONFIG failure', async () => {
    emu.faults.inject({ kind: 'status', status: 404 }, { method: 'GET' });
    const { c } = connector();
    const r = await c.push(ada());
    expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('acme.zendesk.com') });
  });

  it('honours the Retry-After of Zendesk\'s per-minute limit when it may wait (the CLI)', async () => {
    emu.setRequestsPerMinute(2);
    const { c, events } = connector({ pacing: 'bulk' });
    const start = clock.now();
    const out = await batch(c, [ada(), { ...ada(), id: '102', properties: { ...ada().properties, email: 'b@example.com' } }]);
    expect(out.map((o) => o.state)).toEqual(['in_sync', 'in_sync']);
    const limited = events.find((e) => e.status === 429);
    expect(limited?.retryInMs).toBeGreaterThanOrEqual(59_000);
    expect(clock.now() - start).toBeGreaterThanOrEqual(59_000);
  });

  it('inside a function\'s deadline it answers retryable with the wait instead', async () => {
    emu.setRequestsPerMinute(1);
    const { c } = connector();
    const start = clock.now();
    const [out] = await batch(c, [ada()], start + 9_000);
    expect(out).toMatchObject({ state: 'failed', retryable: true, retryAfterSeconds: 60, error: { ruleId: 'rate_limited' } });
    expect(clock.now()).toBe(start);
  });

  it('stays under its own configured requests per minute without meeting a 429', async () => {
    const { c } = connector({ settings: { requestsPerMinute: 3 }, pacing: 'bulk' });
    const people = Array.from({ length: 4 }, (_, i) => ({ ...ada(), id: String(200 + i), properties: { ...ada().properties, email: `p${i}@example.com` } }));
    const out = await batch(c, people);
    expect(out.every((o) => o.state === 'in_sync')).toBe(true);
    expect(emu.requestLog().some((e) => e.status === 429)).toBe(false);
  });

  test.each`
    status
    ${401}
    ${400}
  `('an error body echoing the credentials ($status) is redacted everywhere', async ({ status }) => {
    emu.faults.inject({ kind: 'echo', status });
    const { c, events } = connector();
    const r = await c.push(ada());
    const textOf = JSON.stringify({ r, events });
    expect(textOf).not.toContain(emu.token);
    expect(textOf).not.toContain(Buffer.from(`${emu.email}/token:${emu.token}`).toString('base64'));
    expect(textOf).toContain('[redacted]');
  });
});

describe('read: what Zendesk holds', () => {
  it('a user edited by an agent is out_of_date with the changed field; a ticket is in_sync with its status', async () => {
    const { c } = connector();
    expect(await c.read(ada())).toMatchObject({ ok: true, value: { state: 'never_synced' } });
    await batch(c, [ada(), ticket()]);
    expect(await c.read(ada())).toMatchObject({ ok: true, value: { state: 'in_sync' } });
    emu.state.updateUser('hubspot-contact-101', { phone: '+44 20 0000 0000' });
    expect(await c.read(ada())).toMatchObject({ ok: true, value: { state: 'out_of_date', differences: ['phone'], fields: { phone: '+44 20 0000 0000' } } });
    expect(await c.read(ticket())).toMatchObject({ ok: true, value: { state: 'in_sync', status: 'new', link: expect.stringMatching(/\/agent\/tickets\/\d+$/) } });
  });
});
