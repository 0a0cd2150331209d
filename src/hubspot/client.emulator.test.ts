/**
 * The client layer against the in-process emulator, over HTTP on HubSpot's date-based paths.
 * Time is virtual (one VirtualClock drives the emulator's windows and the client's waits), so tests that wait out
 * a 10-second window or a Retry-After take milliseconds.
 */
import { Client } from '@hubspot/api-client';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { VirtualClock } from '../testing/clock';
import { createHubSpotClient, type HubSpotClientOptions, type RequestEvent } from './client';
import * as api from './crm-api';
import { API_VERSION } from './operations';

const FAKE_TOKEN = 'pat-na1-00000000-test-0000-0000-client00layer';

let emu: RunningEmulator;
let clock: VirtualClock;

beforeAll(async () => {
  clock = new VirtualClock();
  emu = await startEmulator({ port: 0, seed: 'demo', seedValue: 7, token: FAKE_TOKEN, clock, tokens: [{ token: 'pat-na1-readonly-contacts', scopes: ['crm.objects.contacts.read'] }] });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.setFaults(null);
  emu.clearRequestLog();
});

const seeded = (type: string): string[] =>
  emu.store
    .list(type)
    .filter((r) => !r.archived)
    .map((r) => r.id);

function client(over: Partial<HubSpotClientOptions> = {}) {
  const events: RequestEvent[] = [];
  const c = createHubSpotClient({ token: FAKE_TOKEN, baseUrl: emu.url, clock, onRequest: (e) => events.push(e), random: () => 0.5, ...over });
  return { c, events };
}

describe('reads and writes', () => {
  it('gets a record, counts the call and reports it to the hook with the correlation id', async () => {
    const id = seeded('contacts')[0] as string;
    const { c, events } = client();
    const r = await api.getObject(c, 'contacts', id, { properties: ['email'] });
    expect(r.ok && r.value.id).toBe(id);
    expect(c.usage().calls.total).toBe(1);
    expect(events).toHaveLength(1);
    const log = emu.requestLog();
    expect(events[0]).toMatchObject({ operation: 'objects.get', method: 'GET', path: `/crm/objects/${API_VERSION}/contacts/{objectId}`, status: 200, attempt: 1, correlationId: log[0]?.correlationId });
    expect(log[0]).toMatchObject({ operation: 'objects.get', apiVersion: API_VERSION, path: `/crm/objects/${API_VERSION}/contacts/${id}` });
    expect(c.usage().lastCorrelationId).toBe(log[0]?.correlationId);
  });

  it('a 404 is NOT_FOUND with the correlation id, not an exception', async () => {
    const { c } = client();
    const r = await api.getObject(c, 'contacts', '999999999999');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('NOT_FOUND');
      expect(r.error.correlationId).toBe(emu.requestLog()[0]?.correlationId);
    }
  });
});

describe('each failure HubSpot can answer has its own CrmError', () => {
  it('401: AUTH_REJECTED, one attempt, and later calls of that client are not sent', async () => {
    const { c } = client({ token: 'pat-na1-wrong-token' });
    const r = await api.getObject(c, 'contacts', '1');
    expect(!r.ok && r.error).toMatchObject({ code: 'AUTH_REJECTED', retryable: false });
    const again = await api.getObject(c, 'contacts', '1');
    expect(!again.ok && again.error.code).toBe('AUTH_REJECTED');
    expect(emu.requestLog()).toHaveLength(1);
  });

  it('403: MISSING_SCOPES naming the scope, one attempt', async () => {
    const { c } = client({ token: 'pat-na1-readonly-contacts' });
    const r = await api.updateObject(c, 'contacts', seeded('contacts')[0] as string, { firstname: 'X' });
    expect(!r.ok && r.error.code).toBe('MISSING_SCOPES');
    if (!r.ok) expect(r.error.requiredScopes).toContain('crm.objects.contacts.write');
    expect(emu.requestLog()).toHaveLength(1);
  });

  it('429 with no time left in a function: RATE_LIMITED, retryable, at once', async () => {
    emu.setFaults('429=1,seed=3');
    const { c } = client({ deadline: clock.now() + 9_000 });
    const started = clock.now();
    const r = await api.getObject(c, 'contacts', seeded('contacts')[0] as string);
    expect(!r.ok && r.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(clock.now() - started).toBeLessThanOrEqual(9_000);
    expect(c.usage().responses429).toBeGreaterThanOrEqual(1);
  });

  it('477 with Retry-After 3600 in a function: MIGRATION_IN_PROGRESS at once, without waiting', async () => {
    emu.setFaults('477=1,retryafter477=3600');
    const { c } = client({ deadline: clock.now() + 9_000 });
    const started = clock.now();
    const r = await api.getObject(c, 'contacts', seeded('contacts')[0] as string);
    expect(!r.ok && r.error).toMatchObject({ code: 'MIGRATION_IN_PROGRESS', retryable: true, retryAfterSeconds: 3600 });
    expect(clock.now()).toBe(started);
    expect(emu.requestLog()).toHaveLength(1);
  });

  it('477 with a short Retry-After in the CLI: waits it out and succeeds', async () => {
    emu.setFaults('477=0.5,retryafter477=30,seed=5');
    const { c } = client({ pacing: 'bulk' });
    const ids = seeded('contacts').slice(0, 10);
    for (const id of ids) expect((await api.getObject(c, 'contacts', id)).ok).toBe(true);
    const retried = emu.requestLog().filter((e) => e.status === 477).length;
    expect(retried).toBeGreaterThan(0);
    expect(c.usage().retries).toBe(retried);
  });

  it('5xx on a read is retried with backoff until it succeeds', async () => {
    emu.setFaults('502=0.5,503=0.3,seed=11');
    const { c } = client({ pacing: 'bulk' });
    for (const id of seeded('contacts').slice(0, 20)) expect((await api.getObject(c, 'contacts', id)).ok).toBe(true);
    const failures = emu.requestLog().filter((e) => e.status >= 500).length;
    expect(failures).toBeGreaterThan(0);
    expect(c.usage().retries).toBe(failures);
  });

  it('a held connection ends in our timeout: TIMEOUT for a read, and each timed-out request is aborted', async () => {
    emu.setFaults('timeout=1');
    const { c } = client({ requestTimeoutMs: 150, retry: { maxAttempts: 2 } });
    const r = await api.getObject(c, 'contacts', seeded('contacts')[0] as string);
    expect(!r.ok && r.error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(c.usage().timeouts).toBe(2);
    // The emulator logs a held request when its connection closes: ours closed both, it did not wait for the answer.
    for (let waited = 0; emu.requestLog().length < 2 && waited < 2_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(emu.requestLog().map((e) => e.status)).toEqual([0, 0]);
  });

  it('a create whose answer was lost is not sent again blindly', async () => {
    emu.setFaults('502after=1');
    const { c } = client({ pacing: 'bulk' });
    const before = emu.store.list('companies').length;
    const r = await api.createObjectRaw(c, 'companies', { properties: { name: 'Lost Answer Ltd', domain: 'lost.example' } });
    expect(!r.ok && r.error).toMatchObject({ ambiguous: true, error: { code: 'HUBSPOT_UNAVAILABLE' } });
    expect(emu.requestLog()).toHaveLength(1);
    expect(emu.store.list('companies').length).toBe(before + 1);
  });
});

describe('the other 429s', () => {
  it('DAILY: DAILY_LIMIT at once, not retried, and the client sends nothing more; daily headroom is reported', async () => {
    const small = await startEmulator({ port: 0, seed: 'demo', token: FAKE_TOKEN, clock, rateLimit: 'professional', rateLimits: { daily: 3 } });
    try {
      const c = createHubSpotClient({ token: FAKE_TOKEN, baseUrl: small.url, clock, pacing: 'bulk' });
      const id = small.store.list('contacts')[0]?.id as string;
      for (let i = 0; i < 3; i++) expect((await api.getObject(c, 'contacts', id)).ok).toBe(true);
      expect(c.usage()).toMatchObject({ daily: 3, dailyRemaining: 0 });
      const r = await api.getObject(c, 'contacts', id);
      expect(!r.ok && r.error).toMatchObject({ code: 'DAILY_LIMIT', retryable: false });
      const again = await api.updateObject(c, 'contacts', id, { firstname: 'No' });
      expect(!again.ok && again.error.code).toBe('DAILY_LIMIT');
      expect(small.requestLog().filter((e) => e.status === 429)).toHaveLength(1);
      expect(c.usage()).toMatchObject({ responses429: 1, retries: 0 });
    } finally {
      await small.close();
    }
  });

  it('search SECONDLY: waited out (about a second at most) and retried', async () => {
    emu.setFaults('429=0.5,seed=21');
    const { c, events } = client({ pacing: 'bulk' });
    for (let i = 0; i < 6; i++) expect((await api.search(c, 'contacts', { limit: 1 })).ok).toBe(true);
    const limited = events.filter((e) => e.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const e of limited) {
      expect(e.errorCode).toBe('RATE_LIMITED');
      expect(e.retryInMs).toBeGreaterThan(0);
      expect(e.retryInMs).toBeLessThanOrEqual(1_000);
    }
  });
});

describe('pacing inside a deadline', () => {
  it('a function never waits for a window slot past its deadline: RATE_LIMITED without sending', async () => {
    const { c } = client({ deadline: clock.now() + 5_000, limits: { tenSecondly: { max: 3, intervalMs: 10_000 } } });
    const id = seeded('contacts')[0] as string;
    for (let i = 0; i < 3; i++) expect((await api.getObject(c, 'contacts', id)).ok).toBe(true);
    const started = clock.now();
    const r = await api.getObject(c, 'contacts', id);
    expect(!r.ok && r.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 10 });
    expect(clock.now()).toBe(started);
    expect(emu.requestLog()).toHaveLength(3);
  });

  it('the CLI waits for the slot instead, in virtual time', async () => {
    const { c } = client({ pacing: 'bulk', limits: { tenSecondly: { max: 3, intervalMs: 10_000 } }, bulkFraction: 1 });
    const id = seeded('contacts')[0] as string;
    const started = clock.now();
    for (let i = 0; i < 4; i++) expect((await api.getObject(c, 'contacts', id)).ok).toBe(true);
    expect(clock.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(c.usage().waitedMs).toBeGreaterThanOrEqual(10_000);
  });
});

describe('no token in errors, results or hook events', () => {
  it('scans every message and event of a run full of failures', async () => {
    emu.setFaults('429=0.2,502=0.2,503=0.1,477=0.1,empty503=0.1,html404=0.1,seed=9');
    const events: RequestEvent[] = [];
    const texts: string[] = [];
    for (const token of [FAKE_TOKEN, 'pat-na1-readonly-contacts', 'pat-na1-not-a-token-at-all']) {
      const c = createHubSpotClient({ token, baseUrl: emu.url, clock, onRequest: (e) => events.push(e), retry: { maxAttempts: 2 }, pacing: 'bulk' });
      for (const id of seeded('contacts').slice(0, 8)) {
        texts.push(JSON.stringify(await api.getObject(c, 'contacts', id)));
        texts.push(JSON.stringify(await api.updateObject(c, 'contacts', id, { firstname: 'Scan' })));
      }
      texts.push(JSON.stringify(c.usage()));
    }
    texts.push(JSON.stringify(events));
    const all = texts.join('\n');
    expect(events.length).toBeGreaterThan(20);
    for (const token of [FAKE_TOKEN, 'pat-na1-readonly-contacts', 'pat-na1-not-a-token-at-all']) expect(all).not.toContain(token);
    expect(all).not.toMatch(/authorization|bearer/i);
  });
});

describe('settings are per client, whatever SDK clients in the process do', () => {
  const attempts = () => emu.requestLog().length;

  it('SDK Clients with retries and a limiter, built before or after ours, change neither our attempts nor our pace', async () => {
    const id = seeded('contacts')[0] as string;
    const path = `/crm/objects/${API_VERSION}/contacts/${id}`;
    // Before ours, and after it: each installs its settings in the SDK's process-wide decorator registry.
    const before = new Client({ accessToken: FAKE_TOKEN, basePath: emu.url, numberOfApiCallRetries: 6 });
    const { c } = client({ retry: { maxAttempts: 2 } });
    const after = new Client({ accessToken: FAKE_TOKEN, basePath: emu.url, numberOfApiCallRetries: 6, limiterOptions: { maxConcurrent: 1, minTime: 1_000 } });
    expect(after).toBeDefined();

    // The trap is real: even the SDK's generic request of the first client now waits in the last one's queue.
    let started = performance.now();
    await Promise.all([1, 2, 3].map(() => before.apiRequest({ path })));
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);

    // Ours, sent while that setting holds: no queue, and our own 2 attempts on a 502.
    started = performance.now();
    const reads = await Promise.all([1, 2, 3].map(() => api.getObject(c, 'contacts', id)));
    expect(reads.every((r) => r.ok)).toBe(true);
    expect(performance.now() - started).toBeLessThan(900);
    emu.setFaults('502=1');
    emu.clearRequestLog();
    expect((await api.getObject(c, 'contacts', id)).ok).toBe(false);
    expect(attempts()).toBe(2);
  }, 20_000);

  it('two of our clients keep their own retry budgets and usage', async () => {
    emu.setFaults('503=1');
    const id = seeded('contacts')[0] as string;
    const a = client({ retry: { maxAttempts: 1 } });
    const b = client({ retry: { maxAttempts: 3 }, pacing: 'bulk' });
    await api.getObject(a.c, 'contacts', id);
    await api.getObject(b.c, 'contacts', id);
    expect(a.c.usage().calls.total).toBe(1);
    expect(b.c.usage().calls.total).toBe(3);
    expect(emu.requestLog()).toHaveLength(4);
  });
});
