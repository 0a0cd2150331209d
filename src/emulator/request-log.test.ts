/** The request log tests and benchmarks count calls from, and the latency option. */
import { VirtualClock } from '../testing/clock';
import { raw, startHarness, withHarness } from './emulator.test-helpers';

describe('request log', () => {
  it('records method, path, query, status, duration, clock time, limit class, operation and correlation id', async () => {
    const clock = new VirtualClock();
    const h = await startHarness({ clock, rateLimit: 'professional' });
    try {
      const c = await h.client.crm.contacts.basicApi.create({ properties: { email: 'log@example.com' }, associations: [] });
      clock.advance(5000);
      const got = await raw(h.emu, 'GET', `/crm/v3/objects/contacts/${c.id}?properties=email&properties=jobtitle`);
      await h.client.crm.contacts.searchApi.doSearch({ filterGroups: [] } as never);
      const log = h.emu.requestLog();
      expect(log).toHaveLength(3);
      expect(log[0]).toMatchObject({ seq: 1, method: 'POST', path: '/crm/v3/objects/contacts', status: 201, limitClass: 'ten_secondly', operation: 'objects.create', at: Date.parse('2026-11-25T09:00:00.000Z') });
      expect(log[1]).toMatchObject({
        seq: 2,
        method: 'GET',
        path: `/crm/v3/objects/contacts/${c.id}`,
        query: { properties: ['email', 'jobtitle'] },
        status: 200,
        at: clock.now(),
        operation: 'objects.get',
        correlationId: got.headers.get('x-hubspot-correlation-id'),
      });
      expect(log[1]?.durationMs).toBeGreaterThanOrEqual(0);
      expect(log[1]).not.toHaveProperty('fault');
      expect(log[2]).toMatchObject({ limitClass: 'search', operation: 'objects.search' });
      h.emu.clearRequestLog();
      expect(h.emu.requestLog()).toHaveLength(0);
      await raw(h.emu, 'GET', '/crm/v3/objects/contacts', { token: null });
      expect(h.emu.requestLog()[0]).toMatchObject({ status: 401, limitClass: 'unauthenticated' });
    } finally {
      await h.emu.close();
    }
  });
});

describe('latencyMs', () => {
  it('adds real delay to every response', async () => {
    const h = await startHarness({ latencyMs: 40 });
    try {
      const started = Date.now();
      await raw(h.emu, 'GET', '/crm/v3/objects/contacts');
      expect(Date.now() - started).toBeGreaterThanOrEqual(38);
      expect(h.emu.requestLog()[0]?.durationMs).toBeGreaterThanOrEqual(38);
    } finally {
      await h.emu.close();
    }
  });
});

describe('API versions in the request log', () => {
  it('tags each entry with the version its path names, and lists the numbered-version requests', async () => {
    await withHarness({}, async (h) => {
      await raw(h.emu, 'GET', '/crm/objects/2026-09/contacts?limit=1');
      await raw(h.emu, 'GET', '/crm/v3/objects/contacts?limit=1');
      await raw(h.emu, 'POST', '/crm/v4/associations/contacts/companies/batch/read', { body: { inputs: [] } });
      await raw(h.emu, 'GET', '/crm/owners/2026-09');
      await raw(h.emu, 'GET', '/crm/v1/nothing-here');
      await raw(h.emu, 'GET', '/_emulator/property-rules');
      expect(h.emu.requestLog().map((e) => e.apiVersion)).toEqual(['2026-09', 'v3', 'v4', '2026-09', 'v1', undefined]);
      expect(h.emu.numberedVersionRequests().map((e) => `${e.method} ${e.path}`)).toEqual([
        'GET /crm/v3/objects/contacts',
        'POST /crm/v4/associations/contacts/companies/batch/read',
        'GET /crm/v1/nothing-here',
      ]);
    });
  });
});

describe('requestLogLimit', () => {
  test.each`
    requestLogLimit | kept
    ${3}            | ${[3, 4, 5]}
    ${undefined}    | ${[1, 2, 3, 4, 5]}
  `('with requestLogLimit $requestLogLimit, five requests leave entries $kept (the newest, numbered on)', async ({ requestLogLimit, kept }: { requestLogLimit: number | undefined; kept: number[] }) => {
    await withHarness(requestLogLimit === undefined ? {} : { requestLogLimit }, async (h) => {
      for (let i = 0; i < 5; i++) await raw(h.emu, 'GET', '/crm/objects/2026-09/contacts?limit=1');
      expect(h.emu.requestLog().map((e) => e.seq)).toEqual(kept);
    });
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(startHarness({ requestLogLimit: 0 })).rejects.toThrow(/requestLogLimit/);
  });
});
