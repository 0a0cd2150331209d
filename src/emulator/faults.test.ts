/** Faults on demand: the spec, determinism, each fault's wire shape, and faults before and after the write. */
import { VirtualClock } from './virtual-clock';
import { parseFaultSpec, FaultInjector } from './faults/faults';
import { failure, raw, startHarness, type Harness } from './emulator.test-helpers';

describe('parseFaultSpec', () => {
  it('reads probabilities, timings and settings', () => {
    const c = parseFaultSpec('429=0.05,502=0.02,503after=0.01,477=0.01,timeout=0.01,timeoutbefore=0.01,empty504=0.01,html404=0.01,drift=0.01,seed=42,timing=after,retryafter429=3,retryafter477=60,on=write');
    expect(c.seed).toBe(42);
    expect(c.timing).toBe('after');
    expect(c.retryAfter429).toBe(3);
    expect(c.retryAfter477).toBe(60);
    expect(c.on).toBe('write');
    expect(c.entries.map((e) => [e.kind, e.status, e.timing])).toEqual([
      ['status', 429, 'before'],
      ['status', 502, 'default'],
      ['status', 503, 'after'],
      ['status', 477, 'before'],
      ['timeout', 0, 'default'],
      ['timeout', 0, 'before'],
      ['empty', 504, 'default'],
      ['html404', 404, 'before'],
      ['drift', 200, 'after'],
    ]);
  });

  it.each([
    ['429', 'needs a value'],
    ['429=x', 'not a non-negative number'],
    ['429=1.5', 'at most 1'],
    ['418=0.1', 'supported statuses'],
    ['429after=0.1', 'only 5xx faults take before/after'],
    ['empty404=0.1', 'empty bodies are for 5xx'],
    ['timing=sometimes', 'before, after or split'],
    ['429=0.6,502=0.6', 'add up to'],
    ['gremlins=0.1', 'unknown fault'],
  ])('refuses "%s" (%s)', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});

describe('FaultInjector', () => {
  const draw = (spec: string, n: number) => {
    const f = new FaultInjector(spec);
    return Array.from({ length: n }, () => f.roll({ isWrite: true, createsWith201: true })?.label ?? '-');
  };

  it('is deterministic for a seed and differs between seeds', () => {
    const spec = '429=0.1,502=0.1,503=0.1,477=0.05,timeout=0.05';
    expect(draw(`${spec},seed=42`, 200)).toEqual(draw(`${spec},seed=42`, 200));
    expect(draw(`${spec},seed=42`, 200)).not.toEqual(draw(`${spec},seed=43`, 200));
  });

  it('hits each fault at about its probability and splits 5xx between before and after', () => {
    const labels = draw('502=0.3,429=0.1,seed=9', 10_000);
    const count = (l: string) => labels.filter((x) => x === l).length;
    expect(count('502:before') + count('502:after')).toBeGreaterThan(2700);
    expect(count('502:before') + count('502:after')).toBeLessThan(3300);
    expect(count('502:before')).toBeGreaterThan(1300);
    expect(count('502:after')).toBeGreaterThan(1300);
    expect(count('429')).toBeGreaterThan(850);
    expect(count('429')).toBeLessThan(1150);
  });

  it('restarts the sequence when the spec is set again, and stops with null', () => {
    const f = new FaultInjector('502=0.5,seed=1');
    const first = Array.from({ length: 20 }, () => f.roll({ isWrite: false, createsWith201: false })?.label);
    f.set('502=0.5,seed=1');
    expect(Array.from({ length: 20 }, () => f.roll({ isWrite: false, createsWith201: false })?.label)).toEqual(first);
    f.set(null);
    expect(f.roll({ isWrite: true, createsWith201: true })).toBeUndefined();
  });

  it('on=write leaves reads alone', () => {
    const f = new FaultInjector('502=1,on=write');
    expect(f.roll({ isWrite: false, createsWith201: false })).toBeUndefined();
    expect(f.roll({ isWrite: true, createsWith201: false })?.status).toBe(502);
  });
});

describe('faults over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ clock: new VirtualClock(), rateLimit: 'professional' });
  });
  afterEach(() => h.emu.close());
  const create = (email: string) => h.client.crm.contacts.basicApi.create({ properties: { email }, associations: [] });
  const exists = (email: string) => h.emu.store.list('contacts').some((r) => r.properties.email === email);

  it('the same --faults string gives the same statuses in the same order', async () => {
    const run = async () => {
      h.emu.setFaults('429=0.2,502=0.2,503=0.1,477=0.1,seed=42');
      h.emu.clearRequestLog();
      for (let i = 0; i < 40; i++) await raw(h.emu, 'GET', '/crm/v3/objects/contacts/1');
      return h.emu.requestLog().map((e) => `${e.status}:${e.fault ?? ''}`);
    };
    const a = await run();
    expect(a.some((x) => x.startsWith('502'))).toBe(true);
    expect(await run()).toEqual(a);
  });

  it('502 before the write: nothing is applied; after the write: the record exists though the answer is a 502', async () => {
    h.emu.setFaults('502before=1');
    const before = await failure(create('before@example.com'));
    expect(before.code).toBe(502);
    expect(before.body).toMatchObject({ status: 'error', correlationId: before.headers['x-hubspot-correlation-id'] });
    expect(exists('before@example.com')).toBe(false);
    expect(h.emu.requestLog().at(-1)).toMatchObject({ status: 502, fault: '502:before' });
    h.emu.setFaults('502after=1');
    expect((await failure(create('after@example.com'))).code).toBe(502);
    expect(exists('after@example.com')).toBe(true);
    expect(h.emu.requestLog().at(-1)).toMatchObject({ status: 502, fault: '502:after' });
  });

  it('timing=after applies plain 5xx faults after the write', async () => {
    h.emu.setFaults('503=1,timing=after');
    expect((await failure(create('timed@example.com'))).code).toBe(503);
    expect(exists('timed@example.com')).toBe(true);
  });

  it('477 carries Retry-After in seconds (configurable); 423 has its own body', async () => {
    h.emu.setFaults('477=1,retryafter477=3600');
    const f = await failure(h.client.crm.contacts.basicApi.getPage());
    expect(f.code).toBe(477);
    expect(f.headers['retry-after']).toBe('3600');
    h.emu.setFaults('423=1');
    const locked = await failure(h.client.crm.contacts.basicApi.getPage());
    expect(locked.code).toBe(423);
    expect(locked.body.status).toBe('error');
  });

  it('injected 429s use the TEN_SECONDLY_ROLLING body (SECONDLY on search), Retry-After only when configured', async () => {
    h.emu.setFaults('429=1');
    const f = await failure(h.client.crm.contacts.basicApi.getPage());
    expect(f.body).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' });
    expect(f.headers['retry-after']).toBeUndefined();
    h.emu.setFaults('429=1,retryafter429=7');
    expect((await failure(h.client.crm.contacts.basicApi.getPage())).headers['retry-after']).toBe('7');
    const s = await raw(h.emu, 'POST', '/crm/v3/objects/contacts/search', { body: {} });
    expect(s.json).toMatchObject({ policyName: 'SECONDLY', message: 'You have reached your secondly limit.' });
  });

  it('html404 answers a text/html page (the SDK gets the raw text); empty5xx has no body and no Content-Type', async () => {
    h.emu.setFaults('html404=1');
    const page = await raw(h.emu, 'GET', '/crm/v3/objects/contacts');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(page.text).toContain('<html>');
    h.emu.setFaults('empty502=1');
    const empty = await raw(h.emu, 'GET', '/crm/v3/objects/contacts');
    expect(empty.status).toBe(502);
    expect(empty.text).toBe('');
    expect(empty.headers.get('content-type')).toBeNull();
    const f = await failure(h.client.crm.contacts.basicApi.getPage());
    expect(f.code).toBeUndefined();
    expect(f.message).toContain('No Content-Type defined');
  });

  it('drift answers a create with 200 instead of 201 (the SDK throws with code 200) and leaves other calls alone', async () => {
    h.emu.setFaults('drift=1');
    const f = await failure(create('drift@example.com'));
    expect(f.code).toBe(200);
    expect(exists('drift@example.com')).toBe(true);
    expect(h.emu.requestLog().at(-1)).toMatchObject({ status: 200, fault: 'drift' });
    await expect(h.client.crm.contacts.basicApi.getPage()).resolves.toBeDefined();
  });

  it('timeout holds the connection without answering; timeoutafter applies the write first', async () => {
    h.emu.setFaults('timeoutbefore=1');
    await expect(fetch(`${h.emu.url}/crm/v3/objects/contacts`, { headers: { authorization: `Bearer ${h.emu.token}` }, signal: AbortSignal.timeout(80) })).rejects.toThrow();
    h.emu.setFaults('timeoutafter=1');
    await expect(
      fetch(`${h.emu.url}/crm/v3/objects/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.emu.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { email: 'held@example.com' } }),
        signal: AbortSignal.timeout(80),
      }),
    ).rejects.toThrow();
    expect(exists('held@example.com')).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.emu.requestLog().map((e) => [e.status, e.fault])).toEqual([
      [0, 'timeout:before'],
      [0, 'timeout:after'],
    ]);
  });

  it('faults can be set at start (the CLI --faults string) and cleared with null', async () => {
    const h2 = await startHarness({ faults: '503=1' });
    try {
      expect((await raw(h2.emu, 'GET', '/crm/v3/objects/contacts')).status).toBe(503);
      h2.emu.setFaults(null);
      expect((await raw(h2.emu, 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
    } finally {
      await h2.emu.close();
    }
  });
});
