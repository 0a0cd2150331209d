/**
 * The Mailchimp emulator on its own, over raw HTTP: authentication, problem+json errors, the connection limit and
 * the member rules a sync depends on.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_MAILCHIMP_API_KEY as KEY, DEFAULT_MAILCHIMP_LIST_ID as LIST, startMailchimpEmulator, type RunningMailchimpEmulator } from './index';

let emu: RunningMailchimpEmulator;
beforeAll(async () => {
  emu = await startMailchimpEmulator({ latencyMs: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.state.addList(LIST);
  emu.faults.clear();
});

const hash = (email: string) => createHash('md5').update(email.toLowerCase()).digest('hex');
const basic = (key: string) => `Basic ${Buffer.from(`any:${key}`).toString('base64')}`;

async function call(method: string, email: string, body?: unknown, key: string | null = KEY, url = emu.url) {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = basic(key);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}/3.0/lists/${LIST}/members/${hash(email)}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, unknown> };
}

describe('authentication', () => {
  test.each`
    key              | title
    ${null}          | ${'API Key Missing'}
    ${'wrong-us21'}  | ${'API Key Invalid'}
  `('key $key -> 401 $title as problem+json', async ({ key, title }) => {
    const r = await call('GET', 'a@example.com', undefined, key);
    expect(r.status).toBe(401);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.json).toMatchObject({ type: expect.stringContaining('mailchimp.com'), title, status: 401, detail: expect.any(String), instance: expect.any(String) });
  });
});

describe('members', () => {
  it('creates with status_if_new, then updates without touching the status', async () => {
    const created = await call('PUT', 'b@example.com', { email_address: 'b@example.com', status_if_new: 'subscribed', merge_fields: { FNAME: 'B' } });
    expect(created).toMatchObject({ status: 200, json: { id: hash('b@example.com'), status: 'subscribed', merge_fields: { FNAME: 'B' } } });
    emu.state.setStatus(LIST, 'b@example.com', 'unsubscribed');
    const updated = await call('PUT', 'b@example.com', { email_address: 'b@example.com', status_if_new: 'subscribed', merge_fields: { FNAME: 'Bea' } });
    expect(updated.json).toMatchObject({ status: 'unsubscribed', merge_fields: { FNAME: 'Bea' } });
  });

  it('a new member without status or status_if_new is refused', async () => {
    const r = await call('PUT', 'c@example.com', { email_address: 'c@example.com' });
    expect(r).toMatchObject({ status: 400, json: { title: 'Invalid Resource', errors: [{ field: 'status' }] } });
  });

  it('a cleaned member cannot be subscribed again', async () => {
    emu.state.putMember(LIST, { email: 'd@example.com', status: 'cleaned' });
    const r = await call('PUT', 'd@example.com', { email_address: 'd@example.com', status: 'subscribed' });
    expect(r).toMatchObject({ status: 400, json: { title: 'Member In Compliance State' } });
  });

  it('a forgotten address cannot be re-imported', async () => {
    emu.state.putMember(LIST, { email: 'e@example.com', status: 'subscribed' });
    emu.state.forget(LIST, 'e@example.com');
    expect((await call('GET', 'e@example.com')).status).toBe(404);
    const r = await call('PUT', 'e@example.com', { email_address: 'e@example.com', status_if_new: 'subscribed' });
    expect(r).toMatchObject({ status: 400, json: { title: 'Forgotten Email Not Subscribed' } });
  });

  it('an unknown merge tag and an empty required one are field errors', async () => {
    emu.state.setMergeFields(LIST, [{ tag: 'FNAME', required: true }]);
    const r = await call('PUT', 'f@example.com', { email_address: 'f@example.com', status_if_new: 'subscribed', merge_fields: { COLOUR: 'red' } });
    expect(r.json).toMatchObject({ detail: 'Your merge fields were invalid.', errors: [{ field: 'COLOUR' }, { field: 'FNAME', message: 'Please enter a value' }] });
  });
});

describe('limits and faults', () => {
  it('refuses the 11th simultaneous connection with 429', async () => {
    const slow = await startMailchimpEmulator({ latencyMs: 60 });
    try {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => call('GET', `x${i}@example.com`, undefined, KEY, slow.url)));
      expect(results.filter((r) => r.status === 429)).toHaveLength(2);
      expect(results.find((r) => r.status === 429)?.json).toMatchObject({ title: 'Too Many Requests', detail: expect.stringContaining('10 simultaneous connections') });
    } finally {
      await slow.close();
    }
  });

  it('a lost answer applies the write and drops the connection', async () => {
    emu.faults.inject({ kind: 'lost' }, { method: 'PUT' });
    await expect(call('PUT', 'g@example.com', { email_address: 'g@example.com', status_if_new: 'subscribed' })).rejects.toThrow();
    expect(emu.state.member(LIST, 'g@example.com')?.status).toBe('subscribed');
    expect(emu.requestLog().at(-1)).toMatchObject({ method: 'PUT', status: 0, fault: 'lost' });
  });

  it('an injected 429 carries Retry-After', async () => {
    emu.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const res = await fetch(`${emu.url}/3.0/lists/${LIST}/members/${hash('h@example.com')}`, { headers: { authorization: basic(KEY) } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });
});
