/**
 * The Zendesk emulator on its own, over raw HTTP: authentication, the per-minute limit, create_or_update matching,
 * and idempotent ticket creation.
 */
import { startZendeskEmulator, type RunningZendeskEmulator } from './index';

let emu: RunningZendeskEmulator;
let now = Date.parse('2026-11-25T09:00:00Z');
const clock = { now: () => now };

beforeAll(async () => {
  emu = await startZendeskEmulator({ clock });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  now += 120_000;
  emu.state.reset();
  emu.setRequestsPerMinute(200);
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, auth = `${emu.email}/token:${emu.token}`) {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

it('refuses other credentials with Zendesk\'s 401 body', async () => {
  expect(await call('GET', '/api/v2/tickets.json', undefined, {}, `${emu.email}/token:wrong`)).toMatchObject({ status: 401, json: { error: "Couldn't authenticate you" } });
});

it('create_or_update answers 201 for a new user and 200 when external_id matches; .json and bare paths both work', async () => {
  const first = await call('POST', '/api/v2/users/create_or_update.json', { user: { name: 'Ada', email: 'ADA@example.com', external_id: 'x-1' } });
  expect(first).toMatchObject({ status: 201, json: { user: { name: 'Ada', email: 'ada@example.com', external_id: 'x-1', url: expect.stringContaining('/api/v2/users/') } } });
  const again = await call('POST', '/api/v2/users/create_or_update', { user: { name: 'Ada L', external_id: 'x-1' } });
  expect(again).toMatchObject({ status: 200, json: { user: { name: 'Ada L', email: 'ada@example.com' } } });
  expect((await call('GET', '/api/v2/users/show_many.json?external_ids=x-1,x-2')).json).toMatchObject({ users: [{ external_id: 'x-1' }] });
});

it('a user without a name is a 422 RecordInvalid with details', async () => {
  expect(await call('POST', '/api/v2/users/create_or_update.json', { user: { external_id: 'x-3' } })).toMatchObject({
    status: 422,
    json: { error: 'RecordInvalid', description: 'Record validation errors', details: { name: [{ error: 'BlankValue' }] } },
  });
});

it('organization names are unique', async () => {
  await call('POST', '/api/v2/organizations/create_or_update.json', { organization: { name: 'Acme', external_id: 'o-1' } });
  expect(await call('POST', '/api/v2/organizations/create_or_update.json', { organization: { name: 'ACME', external_id: 'o-2' } })).toMatchObject({
    status: 422,
    json: { details: { name: [{ description: 'Name: has already been taken' }] } },
  });
});

it('replays a ticket create with the same Idempotency-Key and body; refuses the key with another body', async () => {
  const body = { ticket: { subject: 'S', comment: { body: 'B' }, external_id: 't-1' } };
  const first = await call('POST', '/api/v2/tickets.json', body, { 'idempotency-key': 'k-1' });
  const second = await call('POST', '/api/v2/tickets.json', body, { 'idempotency-key': 'k-1' });
  expect(first.status).toBe(201);
  expect(second).toMatchObject({ status: 201, json: { ticket: { id: (first.json.ticket as { id: number }).id } } });
  expect(second.headers.get('x-idempotency-lookup')).toBe('hit');
  expect((await call('POST', '/api/v2/tickets.json', { ticket: { ...body.ticket, subject: 'T' } }, { 'idempotency-key': 'k-1' })).json).toMatchObject({ error: 'IdempotentRequestError' });
  expect((await call('GET', '/api/v2/tickets.json?external_id=t-1')).json).toMatchObject({ count: 1 });
});

it('a ticket needs a description', async () => {
  expect(await call('POST', '/api/v2/tickets.json', { ticket: { subject: 'S', comment: { body: ' ' } } })).toMatchObject({ status: 422, json: { details: { base: [{ description: 'Description: cannot be blank' }] } } });
});

it('counts requests per minute: 429 with Retry-After and the X-Rate-Limit headers', async () => {
  emu.setRequestsPerMinute(2);
  const ok = await call('GET', '/api/v2/tickets.json');
  expect(ok.headers.get('x-rate-limit')).toBe('2');
  expect(ok.headers.get('x-rate-limit-remaining')).toBe('1');
  now += 10_000;
  await call('GET', '/api/v2/tickets.json');
  const limited = await call('GET', '/api/v2/tickets.json');
  expect(limited).toMatchObject({ status: 429, json: { error: 'APIRateLimitExceeded' } });
  expect(limited.headers.get('retry-after')).toBe('50');
  now += 50_000;
  expect((await call('GET', '/api/v2/tickets.json')).status).toBe(200);
});
