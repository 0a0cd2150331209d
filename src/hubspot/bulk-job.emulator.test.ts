/**
 * The client layer under a bulk job, in virtual time against the in-process emulator:
 * - 10,000 record updates under `429=0.1,502=0.05,503=0.05,477=0.01` (5xx both before and after the write is
 *   applied) end with every update applied and no record created; the request log says how many retries it took;
 * - bulk pacing stays close to the 10-second ceiling with almost no 429s;
 * - creates whose answers are lost after the write produce no duplicates.
 */
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { ok } from '../core/result';
import { VirtualClock } from '../testing/clock';
import { createHubSpotClient } from './client';
import * as api from './crm-api';


const TOKEN = 'pat-na1-00000000-test-0000-0000-bulkjob00000';
const JOB_FAULTS = '429=0.1,502=0.05,503=0.05,477=0.01,seed=42';

let emu: RunningEmulator;
let clock: VirtualClock;

beforeAll(async () => {
  clock = new VirtualClock();
  emu = await startEmulator({ port: 0, seed: 'empty', token: TOKEN, clock, rateLimit: 'professional' });
});
afterAll(async () => {
  await emu.close();
});

/** Summarises the request log of a job: calls, answers by status, retries (= attempts that were not the last). */
function summarise(label: string) {
  const log = emu.requestLog();
  const byStatus = new Map<number, number>();
  for (const e of log) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
  const failed = log.filter((e) => e.status < 200 || e.status >= 300).length;
  const statuses = [...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`${label}: ${log.length} requests (${statuses}); ${failed} answered with an error and were retried`);
  return { requests: log.length, failed, byStatus };
}

describe('a job of 10,000 record updates under faults', () => {
  const ids: string[] = [];

  beforeAll(async () => {
    emu.setFaults(null);
    const c = createHubSpotClient({ token: TOKEN, baseUrl: emu.url, clock, pacing: 'bulk' });
    const inputs = Array.from({ length: 10_000 }, (_, i) => ({ properties: { email: `bulk${i}@example.com`, firstname: `F${i}` } }));
    const created = await api.batchCreate(c, 'contacts', inputs);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.failures).toEqual([]);
    for (const row of created.value.results) ids.push(row.record.id);
  });

  it('applies every update exactly once and creates nothing', async () => {
    expect(ids).toHaveLength(10_000);
    emu.setFaults(JOB_FAULTS);
    emu.clearRequestLog();
    const c = createHubSpotClient({ token: TOKEN, baseUrl: emu.url, clock, pacing: 'bulk', random: mulberry(1) });
    const started = clock.now();
    const r = await api.batchUpdate(
      c,
      'contacts',
      ids.map((id) => ({ id, properties: { jobtitle: `title-${id}`, lastname: 'Updated' } })),
    );
    emu.setFaults(null);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.failures).toEqual([]);
    expect(r.value.results).toHaveLength(10_000);

    // Final state: every record carries its own value; no contact was created or lost.
    const contacts = emu.store.list('contacts').filter((x) => !x.archived);
    expect(contacts).toHaveLength(10_000);
    for (const id of ids) {
      const rec = emu.store.get('contacts', id);
      expect(rec?.properties.jobtitle).toBe(`title-${id}`);
      expect(rec?.properties.lastname).toBe('Updated');
    }

    const s = summarise('10,000 updates (100 batch calls)');
    const u = c.usage();
    expect(emu.requestLog().every((e) => e.operation === 'objects.batchUpdate' && e.path.split('/').includes('contacts'))).toBe(true);
    expect(u.calls.total).toBe(s.requests);
    expect(u.retries).toBe(s.failed);
    expect(s.requests).toBe(100 + s.failed);
    expect(s.failed).toBeGreaterThan(0);
    console.log(`  retries ${u.retries}, 429s ${u.responses429}, virtual time ${((clock.now() - started) / 1000).toFixed(1)} s`);
  });

  it('10,000 single PATCH updates, 4 at a time, cross many 10-second windows and still apply once each', async () => {
    emu.setFaults(JOB_FAULTS);
    emu.clearRequestLog();
    const c = createHubSpotClient({ token: TOKEN, baseUrl: emu.url, clock, pacing: 'bulk', random: mulberry(2) });
    const started = clock.now();
    const queue = [...ids];
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const r = await api.updateObject(c, 'contacts', id, { jobtitle: `single-${id}` });
          if (!r.ok) failures.push(`${id}: ${r.error.code}`);
        }
      }),
    );
    emu.setFaults(null);
    expect(failures).toEqual([]);
    for (const id of ids) expect(emu.store.get('contacts', id)?.properties.jobtitle).toBe(`single-${id}`);
    expect(emu.store.list('contacts').filter((x) => !x.archived)).toHaveLength(10_000);
    const s = summarise('10,000 single updates');
    const u = c.usage();
    expect(u.retries).toBe(s.failed);
    expect(s.requests).toBe(10_000 + s.failed);
    const seconds = (clock.now() - started) / 1000;
    console.log(`  retries ${u.retries}, 429s ${u.responses429}, virtual time ${seconds.toFixed(1)} s (${((s.requests / seconds) * 10).toFixed(0)} calls per 10 s)`);
  }, 120_000);
});

describe('bulk pacing', () => {
  it('stays at ≥ 85 % of the 10-second ceiling with < 1 % of calls answered 429', async () => {
    emu.setFaults(null);
    emu.clearRequestLog();
    // A fresh window: let the previous tests' calls age out.
    await clock.sleep(11_000);
    const ids = emu.store
      .list('contacts')
      .slice(0, 200)
      .map((r) => r.id);
    const c = createHubSpotClient({ token: TOKEN, baseUrl: emu.url, clock, pacing: 'bulk' });
    const started = clock.now();
    let next = 0;
    const total = 2_000;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < total) {
          const id = ids[next++ % ids.length] as string;
          const r = await api.getObject(c, 'contacts', id);
          expect(r.ok).toBe(true);
        }
      }),
    );
    const log = emu.requestLog();
    const limited = log.filter((e) => e.status === 429).length;
    const seconds = (clock.now() - started) / 1000;
    const perTen = (total / seconds) * 10;
    console.log(`bulk pacing: ${total} calls in ${seconds.toFixed(1)} virtual s = ${perTen.toFixed(1)} per 10 s (ceiling 190), ${limited} answered 429`);
    expect(limited / log.length).toBeLessThan(0.01);
    expect(perTen).toBeGreaterThanOrEqual(0.85 * 190);
  }, 60_000);

  it('paces search to 5 per second per account: no SECONDLY 429s', async () => {
    emu.setFaults(null);
    emu.clearRequestLog();
    const c = createHubSpotClient({ token: TOKEN, baseUrl: emu.url, clock, pacing: 'function' });
    const started = clock.now();
    const results = await Promise.all(Array.from({ length: 30 }, () => api.search(c, 'contacts', { limit: 1 })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(emu.requestLog().filter((e) => e.status === 429)).toHaveLength(0);
    expect(c.usage().calls.search).toBe(30);
    expect(c.usage().calls['ten-secondly']).toBe(0);
    // 30 searches at 5 per second need at least 5 seconds.
    expect(clock.now() - started).toBeGreaterThanOrEqual(5_000);
  });
});

describe('creates under 5xx after the write was applied', () => {
  it('batch create with a lookup: no duplicate contacts after lost answers', async () => {
    const c = createHubSpotClient({ token: TOKEN, baseUrl: emu.url, clock, pacing: 'bulk' });
    const inputs = Array.from({ length: 250 }, (_, i) => ({ properties: { email: `once${i}@example.com` } }));
    const before = emu.store.list('contacts').length;
    emu.setFaults('502after=0.4,503before=0.2,seed=5');
    emu.clearRequestLog();
    const r = await api.batchCreate(c, 'contacts', inputs, async (part) => {
      const read = await api.batchRead(c, 'contacts', part.map((p) => p.properties.email as string), { properties: ['email'], idProperty: 'email' });
      if (!read.ok) return read;
      const byEmail = new Map(read.value.results.map((rec) => [rec.properties.email, rec]));
      const found = new Map<number, api.RawRecord>();
      part.forEach((p, i) => {
        const rec = byEmail.get(p.properties.email as string);
        if (rec) found.set(i, rec);
      });
      return ok(found);
    });
    emu.setFaults(null);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.failures).toEqual([]);
    expect(emu.store.list('contacts').length).toBe(before + 250);
    const emails = emu.store.list('contacts').map((x) => x.properties.email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emu.requestLog().some((e) => e.fault === '502:after')).toBe(true);
  });
});

/** A small seeded PRNG for deterministic jitter. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
