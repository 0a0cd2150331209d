/**
 * The Mailchimp connector against the local Mailchimp emulator, over HTTP. Time is virtual (waits for Retry-After and
 * backoff take microseconds); faults are queued per request.
 */
import { MailchimpSettingsSchema, type MailchimpSettingsInput } from '../../core/status/connector-config';
import { startMailchimpEmulator, DEFAULT_MAILCHIMP_LIST_ID as LIST, type RunningMailchimpEmulator } from '../../emulator/destinations/mailchimp';
import { VirtualClock } from '../../testing/clock';
import type { SyncOutcome, SyncRecord } from '../connector';
import type { ConnectorRequestEvent } from '../http/destination-http';
import { MailchimpConnector, dataCenterOf, type MailchimpConnectorOptions } from './connector';
import { subscriberHash } from './wire';

const KEY = '5f1e0d2c3b4a59687766554433221100-us21';
let emu: RunningMailchimpEmulator;
let clock: VirtualClock;

beforeAll(async () => {
  emu = await startMailchimpEmulator({ apiKey: KEY });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  clock = new VirtualClock();
  emu.faults.clear();
  emu.clearRequestLog();
  emu.state.addList(LIST); // a fresh, empty audience
});

function connector(over: Omit<Partial<MailchimpConnectorOptions>, 'settings'> & { settings?: MailchimpSettingsInput } = {}) {
  const events: ConnectorRequestEvent[] = [];
  const { settings, ...rest } = over;
  const c = new MailchimpConnector({
    apiKey: KEY,
    baseUrl: emu.url,
    clock,
    random: () => 0.5,
    requestTimeoutMs: 500,
    onRequest: (e) => events.push(e),
    settings: MailchimpSettingsSchema.parse({ type: 'mailchimp', listId: LIST, mergeFields: { FNAME: 'firstname', LNAME: 'lastname', COMPANY: 'company' }, ...settings }),
    ...rest,
  });
  return { c, events };
}

const contact = (id: string, properties: Record<string, string | null>, externalId?: string): SyncRecord => ({
  objectType: 'contacts',
  id,
  properties,
  ...(externalId ? { externalId } : {}),
});
const ada = (over: Record<string, string | null> = {}) => contact('101', { email: 'Ada@Example.com', firstname: 'Ada', lastname: 'Lovelace', company: 'Analytical', ...over });

async function pushOk(c: MailchimpConnector, record: SyncRecord, deadline?: number): Promise<SyncOutcome> {
  const r = await c.push(record, deadline === undefined ? undefined : { deadline });
  if (!r.ok) throw new Error(`destination failure: ${r.error.message}`);
  return r.value;
}

const writes = () => emu.requestLog().filter((e) => e.method === 'PUT');

describe('dataCenterOf', () => {
  test.each`
    key                                          | dc
    ${'5f1e0d2c3b4a59687766554433221100-us21'}   | ${'us21'}
    ${'  5f1e0d2c3b4a59687766554433221100-us6 '} | ${'us6'}
    ${'5f1e0d2c3b4a59687766554433221100'}        | ${null}
    ${'5f1e-us21-extra'}                         | ${null}
  `('$key -> $dc', ({ key, dc }) => {
    expect(dataCenterOf(key)).toBe(dc);
  });

  it('builds the data center into the API URL when no base URL is injected', async () => {
    const urls: string[] = [];
    const c = new MailchimpConnector({
      apiKey: KEY,
      settings: MailchimpSettingsSchema.parse({ type: 'mailchimp', listId: LIST }),
      clock,
      fetch: async (url) => {
        urls.push(url);
        return { status: 404, headers: new Headers(), text: async () => '{}' };
      },
      retry: { maxAttempts: 1 },
    });
    await c.read(ada());
    expect(urls[0]).toBe(`https://us21.api.mailchimp.com/3.0/lists/${LIST}/members/${subscriberHash('ada@example.com')}`);
  });
});

describe('upserting members', () => {
  it('adds a new contact with status_if_new and the mapped merge fields, keyed by the MD5 of the lowercased email', async () => {
    const { c } = connector();
    const out = await pushOk(c, ada());
    const hash = subscriberHash('ada@example.com');
    expect(out).toMatchObject({ state: 'in_sync', id: '101', externalId: hash, written: true, note: expect.stringContaining('confirm') });
    expect(out.state === 'in_sync' && out.link).toMatch(/^https:\/\/us21\.admin\.mailchimp\.com\/lists\/members\/view\?id=\d+$/);
    const member = emu.state.member(LIST, 'ada@example.com');
    expect(member).toMatchObject({ id: hash, status: 'pending', merge_fields: { FNAME: 'Ada', LNAME: 'Lovelace', COMPANY: 'Analytical' } });
    const put = writes()[0];
    expect(put?.path).toBe(`/3.0/lists/${LIST}/members/${hash}`);
    expect(JSON.parse(put?.body ?? '{}')).toEqual({
      email_address: 'Ada@Example.com',
      status_if_new: 'pending',
      merge_fields: { FNAME: 'Ada', LNAME: 'Lovelace', COMPANY: 'Analytical' },
    });
  });

  it('maps merge fields by configuration: only the configured tags are sent, empty HubSpot values clear the field', async () => {
    const { c } = connector({ settings: { type: 'mailchimp', listId: LIST, statusIfNew: 'subscribed', mergeFields: { FNAME: 'firstname', COMPANY: 'hs_company_name' } } });
    await pushOk(c, ada({ hs_company_name: null, lastname: 'Byron' }));
    const body = JSON.parse(writes()[0]?.body ?? '{}') as { merge_fields: Record<string, string>; status_if_new: string };
    expect(body.merge_fields).toEqual({ FNAME: 'Ada', COMPANY: '' });
    expect(body.status_if_new).toBe('subscribed');
    expect(emu.state.member(LIST, 'ada@example.com')?.merge_fields).toEqual({ FNAME: 'Ada', LNAME: '', COMPANY: '' });
  });

  it('writes nothing when the member already holds the same values (one read, no PUT)', async () => {
    const { c } = connector();
    await pushOk(c, ada());
    emu.clearRequestLog();
    const second = await pushOk(c, ada());
    expect(second).toMatchObject({ state: 'in_sync', written: false });
    expect(emu.requestLog().map((e) => `${e.method} ${e.operation}`)).toEqual(['GET members.get']);
  });

  it('updates a changed field on an existing member without sending a status', async () => {
    emu.state.putMember(LIST, { email: 'ada@example.com', status: 'subscribed', mergeFields: { FNAME: 'Ada', LNAME: 'Lovelace', COMPANY: 'Analytical' } });
    const { c } = connector();
    const out = await pushOk(c, ada({ company: 'Difference Engines' }));
    expect(out).toMatchObject({ state: 'in_sync', written: true, note: null });
    const body = JSON.parse(writes()[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).not.toHaveProperty('status');
    expect(emu.state.member(LIST, 'ada@example.com')).toMatchObject({ status: 'subscribed', merge_fields: { COMPANY: 'Difference Engines' } });
  });

  it('follows an email change made in HubSpot: the member found by the previous hash gets the new address', async () => {
    const { c } = connector();
    const first = await pushOk(c, ada());
    const previous = first.state === 'in_sync' ? first.externalId : '';
    const out = await pushOk(c, { ...ada({ email: 'ada@lovelace.org' }), externalId: previous });
    expect(out).toMatchObject({ state: 'in_sync', externalId: subscriberHash('ada@lovelace.org'), written: true });
    expect(emu.state.members(LIST).map((m) => m.email_address)).toEqual(['ada@lovelace.org']);
  });
});

describe('exclusions: the sync never re-subscribes anyone', () => {
  test.each`
    status            | reason
    ${'unsubscribed'} | ${'unsubscribed in Mailchimp'}
    ${'cleaned'}      | ${'email address cleaned in Mailchimp (it bounced)'}
    ${'archived'}     | ${'archived in Mailchimp'}
  `('a member $status in Mailchimp comes back excluded ("$reason") and nothing is written', async ({ status, reason }) => {
    const { c } = connector();
    await pushOk(c, ada());
    emu.state.setStatus(LIST, 'ada@example.com', status);
    emu.clearRequestLog();
    const out = await pushOk(c, ada({ firstname: 'Augusta' }));
    expect(out).toMatchObject({ state: 'excluded', reason, externalId: subscriberHash('ada@example.com') });
    expect(writes()).toHaveLength(0);
    const member = emu.state.member(LIST, 'ada@example.com');
    expect(member?.status).toBe(status);
    expect(member?.statusHistory.filter((s) => s.by === 'api').map((s) => s.status)).toEqual(['pending']);
  });

  it('an address deleted permanently in Mailchimp comes back excluded, not failed', async () => {
    emu.state.putMember(LIST, { email: 'ada@example.com', status: 'subscribed' });
    emu.state.forget(LIST, 'ada@example.com');
    const { c } = connector();
    const out = await pushOk(c, ada());
    expect(out).toMatchObject({ state: 'excluded', reason: expect.stringContaining('permanently deleted') });
    expect(emu.state.member(LIST, 'ada@example.com')).toBeUndefined();
  });

  test.each`
    email
    ${null}
    ${''}
    ${'   '}
  `('a contact without an email address ($email) is excluded before any request', async ({ email }) => {
    const { c } = connector();
    const out = await pushOk(c, ada({ email }));
    expect(out).toMatchObject({ state: 'excluded', reason: 'no email address' });
    expect(emu.requestLog()).toHaveLength(0);
  });

  it('companies are excluded: Mailchimp syncs contacts only', async () => {
    const { c } = connector();
    const out = await pushOk(c, { objectType: 'companies', id: '7', properties: { name: 'Acme' } });
    expect(out).toMatchObject({ state: 'excluded', reason: 'Mailchimp syncs contacts only' });
  });
});

describe('errors', () => {
  it('a 400 for a required merge field is the record\'s failure: the plain hint and the raw message', async () => {
    emu.state.setMergeFields(LIST, [{ tag: 'FNAME', required: true }, { tag: 'LNAME' }, { tag: 'COMPANY' }]);
    const { c } = connector();
    const out = await pushOk(c, ada({ firstname: '' }));
    expect(out.state).toBe('failed');
    if (out.state !== 'failed') return;
    expect(out.retryable).toBe(false);
    expect(out.error.raw).toBe('400 Invalid Resource: Your merge fields were invalid. FNAME: Please enter a value');
    expect(out.error.ruleId).toBe('merge_field_invalid');
    expect(out.error.plain).toMatch(/^Mailchimp rejected a merge field/);
  });

  it('a fake-looking address gets the matching hint', async () => {
    const { c } = connector();
    const out = await pushOk(c, ada({ email: 'ada@example' }));
    expect(out).toMatchObject({ state: 'failed', error: { ruleId: 'fake_or_invalid' } });
  });

  it('a revoked key (401) is one failure of the whole destination naming the secret, and the batch stops', async () => {
    const { c } = connector({ apiKey: 'ffffffffffffffffffffffffffffffff-us21' });
    const batch = Array.from({ length: 8 }, (_, i) => contact(String(i), { email: `p${i}@example.com`, firstname: 'P' }));
    const r = await c.pushBatch(batch);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'AUTH_REJECTED', secretNames: ['MAILCHIMP_API_KEY'], retryable: false });
    expect(r.error.message).toContain('MAILCHIMP_API_KEY');
    expect(r.error.raw).toMatch(/^401 API Key Invalid/);
    // 4 in flight when the first 401 arrived; no further record started.
    expect(emu.requestLog().length).toBeLessThanOrEqual(4);
  });

  it('a key without its data center fails the destination before any request', async () => {
    const { c } = connector({ apiKey: '5f1e0d2c3b4a59687766554433221100' });
    const r = await c.push(ada());
    expect(r.ok ? null : r.error).toMatchObject({ code: 'AUTH_REJECTED', message: expect.stringContaining('data center') });
    expect(emu.requestLog()).toHaveLength(0);
  });

  it('an unknown audience is a configuration failure of the destination', async () => {
    const { c } = connector({ settings: { type: 'mailchimp', listId: 'nosuchlist' } });
    const r = await c.push(ada());
    expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('nosuchlist') });
  });
});

describe('rate limits, deadlines and retries', () => {
  it('honours Retry-After on a 429 and then succeeds', async () => {
    emu.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 3 }, { method: 'GET' });
    const { c, events } = connector();
    const start = clock.now();
    const out = await pushOk(c, ada(), start + 9_000);
    expect(out.state).toBe('in_sync');
    expect(events[0]).toMatchObject({ status: 429, retryInMs: 3_000 });
    expect(clock.now() - start).toBe(3_000);
  });

  it('answers a retryable failure instead of waiting past the deadline', async () => {
    emu.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 30 }, { method: 'GET' });
    const { c } = connector();
    const start = clock.now();
    const out = await pushOk(c, ada(), start + 9_000);
    expect(out).toMatchObject({ state: 'failed', retryable: true, retryAfterSeconds: 30, error: { ruleId: 'rate_limited' } });
    expect(clock.now()).toBe(start);
    expect(emu.requestLog()).toHaveLength(1);
  });

  it('retries a 5xx on the read and the upsert (both idempotent)', async () => {
    emu.faults.inject({ kind: 'status', status: 503 }, { method: 'GET' });
    emu.faults.inject({ kind: 'status', status: 500 }, { method: 'PUT' });
    const { c } = connector();
    const out = await pushOk(c, ada(), clock.now() + 9_000);
    expect(out).toMatchObject({ state: 'in_sync', written: true });
    expect(emu.requestLog().map((e) => e.status)).toEqual([503, 404, 500, 200]);
  });

  it('an answer lost after the PUT was applied is repeated safely: one member', async () => {
    emu.faults.inject({ kind: 'lost' }, { method: 'PUT' });
    const { c } = connector();
    const out = await pushOk(c, ada(), clock.now() + 9_000);
    expect(out).toMatchObject({ state: 'in_sync', written: true });
    expect(writes().map((e) => e.status)).toEqual([0, 200]);
    expect(emu.state.members(LIST)).toHaveLength(1);
  });

  it('a held connection times out and is retried', async () => {
    emu.faults.inject({ kind: 'timeout' }, { method: 'GET' });
    const { c, events } = connector();
    const out = await pushOk(c, ada(), clock.now() + 9_000);
    expect(out.state).toBe('in_sync');
    expect(events[0]?.status).toBe('timeout');
  });

  it('a 5xx that persists ends retryable, with the hint for a temporary problem', async () => {
    emu.faults.inject({ kind: 'status', status: 503 }, { method: 'GET' }, 10);
    const { c } = connector();
    const out = await pushOk(c, ada(), clock.now() + 9_000);
    expect(out).toMatchObject({ state: 'failed', retryable: true, error: { ruleId: 'unavailable', raw: expect.stringMatching(/^503 Service Unavailable/) } });
  });

  it('a batch keeps under the 10 simultaneous connections Mailchimp allows', async () => {
    const slow = await startMailchimpEmulator({ apiKey: KEY, latencyMs: 15 });
    try {
      const c = new MailchimpConnector({ apiKey: KEY, baseUrl: slow.url, clock, settings: MailchimpSettingsSchema.parse({ type: 'mailchimp', listId: LIST, concurrency: 10 }) });
      const batch = Array.from({ length: 40 }, (_, i) => contact(String(i), { email: `p${i}@example.com`, firstname: `P${i}` }));
      const r = await c.pushBatch(batch);
      expect(r.ok && r.value.every((o) => o.state === 'in_sync')).toBe(true);
      expect(r.ok && r.value.map((o) => o.id)).toEqual(batch.map((b) => b.id));
      expect(slow.requestLog().some((e) => e.status === 429)).toBe(false);
      expect(slow.state.peakConnections()).toBeLessThanOrEqual(10);
      expect(slow.state.peakConnections()).toBeGreaterThan(1);
    } finally {
      await slow.close();
    }
  });
});

describe('credentials never leave the connector', () => {
  it('a destination that echoes the key into its error body gets it redacted in the outcome and events', async () => {
    emu.faults.inject({ kind: 'echo', status: 400 }, { method: 'PUT' });
    const { c, events } = connector();
    const out = await pushOk(c, ada());
    expect(out.state).toBe('failed');
    const text = JSON.stringify({ out, events });
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.split('-')[0]);
    expect(text).not.toContain(Buffer.from(`lead-ops:${KEY}`).toString('base64'));
    expect(text).toContain('[redacted]');
  });

  it('an echoing 401 leaves no trace of the key in the destination failure', async () => {
    emu.faults.inject({ kind: 'echo', status: 401 });
    const { c } = connector();
    const r = await c.push(ada());
    expect(r.ok).toBe(false);
    const text = JSON.stringify(r);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.split('-')[0]);
  });
});

describe('read: the member Mailchimp holds, judged against HubSpot', () => {
  it('reports in_sync, then out_of_date with the fields changed in Mailchimp, then excluded after an unsubscribe', async () => {
    const { c } = connector();
    expect(await c.read(ada())).toMatchObject({ ok: true, value: { state: 'never_synced', externalId: null } });
    await pushOk(c, ada());
    expect(await c.read(ada())).toMatchObject({ ok: true, value: { state: 'in_sync', differences: [], status: 'pending' } });
    emu.state.putMember(LIST, { email: 'ada@example.com', status: 'subscribed', mergeFields: { FNAME: 'Augusta', LNAME: 'Lovelace', COMPANY: 'Analytical' } });
    expect(await c.read(ada())).toMatchObject({ ok: true, value: { state: 'out_of_date', differences: ['firstname'], fields: { firstname: 'Augusta', email: 'ada@example.com' } } });
    emu.state.setStatus(LIST, 'ada@example.com', 'unsubscribed');
    expect(await c.read(ada())).toMatchObject({ ok: true, value: { state: 'excluded', excludedReason: 'unsubscribed in Mailchimp', status: 'unsubscribed' } });
    expect(writes()).toHaveLength(1);
  });
});

describe('exclusionsSince: unsubscribes come back without a change in HubSpot', () => {
  it('lists the members unsubscribed, cleaned or archived after the time, by their hash, and writes nothing', async () => {
    const { c } = connector();
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']) emu.state.putMember(LIST, { email, status: 'subscribed' });
    // Unsubscribed before the time asked for: not listed again. (The emulator runs on real time here.)
    emu.state.setStatus(LIST, 'a@example.com', 'unsubscribed');
    await new Promise((r) => setTimeout(r, 5));
    const mark = Date.now();
    await new Promise((r) => setTimeout(r, 5));
    emu.state.setStatus(LIST, 'b@example.com', 'unsubscribed');
    emu.state.setStatus(LIST, 'c@example.com', 'cleaned');
    const r = await c.exclusionsSince(mark);
    if (!r.ok) throw new Error(r.error.message);
    expect([...r.value].sort((x, y) => x.externalId.localeCompare(y.externalId))).toEqual(
      [
        { externalId: subscriberHash('b@example.com'), status: 'unsubscribed', reason: 'unsubscribed in Mailchimp' },
        { externalId: subscriberHash('c@example.com'), status: 'cleaned', reason: 'email address cleaned in Mailchimp (it bounced)' },
      ].sort((x, y) => x.externalId.localeCompare(y.externalId)),
    );
    expect(emu.requestLog().every((e) => e.method === 'GET' && e.operation === 'members.list')).toBe(true);
    expect(emu.requestLog()).toHaveLength(3);
  });

  it('a refused key is the destination\'s failure naming the secret; a 503 that outlasts the retries is retryable', async () => {
    const bad = connector({ apiKey: '00000000000000000000000000000000-us21' }).c;
    const refused = await bad.exclusionsSince(0);
    expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH_REJECTED', secretNames: ['MAILCHIMP_API_KEY'] } });
    emu.faults.inject({ kind: 'status', status: 503 }, { method: 'GET' }, 20);
    const busy = await connector().c.exclusionsSince(0);
    expect(busy).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true } });
  });
});
