/** Rate limits in virtual time: the 10-second window, the daily allowance, the search API's 5 per second. */
import { VirtualClock } from './virtual-clock';
import { failure, raw, startHarness, type Harness } from './emulator.test-helpers';
import { RateLimiter } from './limits/rate-limiter';

const get = (h: Harness, id = '1') => raw(h.emu, 'GET', `/crm/v3/objects/contacts/${id}`);
const searchBody = { filterGroups: [] };

describe('the 10-second window (Professional: 190 per token)', () => {
  let h: Harness;
  let clock: VirtualClock;
  beforeEach(async () => {
    clock = new VirtualClock();
    h = await startHarness({ clock, rateLimit: 'professional' });
  });
  afterEach(() => h.emu.close());

  it('sends the exact X-HubSpot-RateLimit-* headers on success, read through the SDK', async () => {
    const c = await h.client.crm.contacts.basicApi.create({ properties: { email: 'h@example.com' }, associations: [] });
    clock.advance(1500);
    const res = await h.client.crm.contacts.basicApi.getByIdWithHttpInfo(c.id);
    expect(res.httpStatusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'x-hubspot-ratelimit-daily': '625000',
      'x-hubspot-ratelimit-daily-remaining': '624998',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': '188',
      'x-hubspot-ratelimit-secondly': '19',
      'x-hubspot-ratelimit-secondly-remaining': '18',
    });
  });

  it('answers the 191st call in 10 s with the TEN_SECONDLY_ROLLING 429, and every call after it until the window frees', async () => {
    for (let i = 0; i < 190; i++) {
      const r = await get(h);
      expect(r.status).toBe(404);
      expect(r.headers.get('x-hubspot-ratelimit-remaining')).toBe(String(189 - i));
      if (i % 19 === 18) clock.advance(100);
    }
    const limited = await get(h);
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      correlationId: limited.headers.get('x-hubspot-correlation-id'),
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: expect.stringMatching(/^publicapi:private-app-api-calls-ten-secondly:\d+$/),
    });
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('content-type')).toBe('application/json;charset=utf-8');
    // Rejected calls do not extend the window: the first 19 calls leave it at +10 s.
    for (let i = 0; i < 20; i++) expect((await get(h)).status).toBe(429);
    clock.set(Date.parse('2026-11-25T09:00:10.000Z') - 1);
    expect((await get(h)).status).toBe(429);
    clock.advance(1);
    const freed = await get(h);
    expect(freed.status).toBe(404);
    // 19 calls left the window at +10 s; this one took one of their places.
    expect(freed.headers.get('x-hubspot-ratelimit-remaining')).toBe('18');
  });

  it('the SDK sees the 429 with policyName intact (its retry decorator keys on it)', async () => {
    for (let i = 0; i < 190; i++) await get(h);
    const f = await failure(h.client.crm.contacts.basicApi.getPage());
    expect(f.code).toBe(429);
    expect(f.body).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' });
  });

  it('counts per token: another token has its own window', async () => {
    await h.emu.close();
    h = await startHarness({ clock, rateLimit: 'professional', tokens: [{ token: 'second', scopes: ['crm.objects.contacts.read'] }] });
    for (let i = 0; i < 190; i++) await get(h);
    expect((await get(h)).status).toBe(429);
    expect((await raw(h.emu, 'GET', '/crm/v3/objects/contacts/1', { token: 'second' })).status).toBe(404);
  });

  it('keeps search and v4 association batch calls out of the window (no rate-limit headers on them)', async () => {
    for (let i = 0; i < 190; i++) await get(h);
    expect((await get(h)).status).toBe(429);
    const s = await raw(h.emu, 'POST', '/crm/v3/objects/contacts/search', { body: searchBody });
    expect(s.status).toBe(200);
    expect(s.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    expect(s.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    const b = await raw(h.emu, 'POST', '/crm/v4/associations/contacts/companies/batch/read', { body: { inputs: [] } });
    expect(b.status).toBe(200);
    expect(h.emu.requestLog().slice(-2).map((e) => e.limitClass)).toEqual(['search', 'association_batch']);
  });

  it('can count association batch calls in the window instead (associationBatchExempt: false)', async () => {
    await h.emu.close();
    h = await startHarness({ clock, rateLimit: 'professional', rateLimits: { associationBatchExempt: false } });
    for (let i = 0; i < 190; i++) await get(h);
    expect((await raw(h.emu, 'POST', '/crm/v4/associations/contacts/companies/batch/read', { body: { inputs: [] } })).status).toBe(429);
  });
});

describe('the search API: 5 requests per second per account', () => {
  it('answers the 6th search within a second with the SECONDLY 429 the SDK recognises, without rate-limit headers', async () => {
    const clock = new VirtualClock();
    const h = await startHarness({ clock, rateLimit: 'enterprise' });
    try {
      for (let i = 0; i < 5; i++) expect((await raw(h.emu, 'POST', '/crm/v3/objects/companies/search', { body: searchBody })).status).toBe(200);
      const limited = await raw(h.emu, 'POST', '/crm/v3/objects/contacts/search', { body: searchBody });
      expect(limited.status).toBe(429);
      expect(limited.json).toMatchObject({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', policyName: 'SECONDLY' });
      expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
      const viaSdk = await failure(h.client.crm.contacts.searchApi.doSearch({ filterGroups: [] } as never));
      expect(viaSdk.body.message).toBe('You have reached your secondly limit.');
      clock.advance(999);
      expect((await raw(h.emu, 'POST', '/crm/v3/objects/contacts/search', { body: searchBody })).status).toBe(429);
      clock.advance(1);
      expect((await raw(h.emu, 'POST', '/crm/v3/objects/contacts/search', { body: searchBody })).status).toBe(200);
      // Other calls are unaffected by the search limit.
      expect((await get(h)).headers.get('x-hubspot-ratelimit-daily')).toBe('1000000');
    } finally {
      await h.emu.close();
    }
  });
});

describe('the daily allowance', () => {
  it('answers DAILY 429s (search included) once the allowance is spent, until midnight in the portal time zone', async () => {
    // 2026-11-25 23:59 in New York is 04:59 UTC the next day.
    const clock = new VirtualClock('2026-11-26T04:58:00.000Z');
    const h = await startHarness({ clock, rateLimit: 'professional', rateLimits: { daily: 3, timeZone: 'America/New_York' } });
    try {
      for (let i = 0; i < 3; i++) expect((await get(h)).status).toBe(404);
      const daily = await get(h);
      expect(daily.status).toBe(429);
      expect(daily.json).toMatchObject({ status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY', requestId: expect.any(String) });
      expect(daily.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
      expect((await raw(h.emu, 'POST', '/crm/v3/objects/contacts/search', { body: searchBody })).json?.policyName).toBe('DAILY');
      clock.set(Date.parse('2026-11-26T04:59:59.999Z'));
      expect((await get(h)).status).toBe(429);
      clock.set(Date.parse('2026-11-26T05:00:00.000Z'));
      const next = await get(h);
      expect(next.status).toBe(404);
      expect(next.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('2');
    } finally {
      await h.emu.close();
    }
  });
});

describe('rate limits off', () => {
  it('sends no rate-limit headers and never answers 429', async () => {
    const h = await startHarness({ clock: new VirtualClock() });
    try {
      for (let i = 0; i < 250; i++) expect((await get(h)).status).toBe(404);
      expect((await get(h)).headers.get('x-hubspot-ratelimit-max')).toBeNull();
    } finally {
      await h.emu.close();
    }
  });
});

describe('RateLimiter', () => {
  it('says how long until the window has room again', () => {
    const clock = new VirtualClock(0);
    const limiter = new RateLimiter({ tenSecondly: 3, daily: 100, searchPerSecond: 5, intervalMs: 10_000, associationBatchExempt: true, timeZone: 'UTC' }, clock);
    limiter.check('t', 'ten_secondly');
    clock.advance(2000);
    limiter.check('t', 'ten_secondly');
    limiter.check('t', 'ten_secondly');
    expect(limiter.msUntilWindowFrees('t')).toBe(8000);
    expect(limiter.check('t', 'ten_secondly').ok).toBe(false);
    clock.advance(8000);
    expect(limiter.msUntilWindowFrees('t')).toBe(0);
    expect(limiter.check('t', 'ten_secondly').ok).toBe(true);
  });
});
