import { startEmulator, type RunningEmulator } from '../emulator';
import { createHubSpotClient, noteKeyMarker, type HubSpotClient } from '../hubspot';
import { VirtualClock } from '../testing/clock';
import { TEST_CONFIG } from '../testing/portal';
import { runSetup } from './setup';
import { runSweep } from './sweep';

const WRITES = /\/(batch\/(create|update|archive|upsert)|merge)$|^PATCH|^DELETE|^PUT/;
const writesIn = (emu: RunningEmulator, from: number) =>
  emu
    .requestLog()
    .slice(from)
    .filter((e) => e.method !== 'GET' && !e.path.endsWith('/search') && !e.path.endsWith('/batch/read') && WRITES.test(`${e.path}`) || e.method === 'PATCH' || e.method === 'DELETE' || e.method === 'PUT');

/** Live routing notes of a record (associations v4, as HubSpot lists them). */
function routingNotes(emu: RunningEmulator, type: 'contacts' | 'companies', id: string): string[] {
  return emu.store
    .associations(type, id, 'notes')
    .map((a) => emu.store.get('notes', a.toId))
    .filter((n) => n && !n.archived && (n.properties.hs_note_body ?? '').includes('lead-ops-routing v1'))
    .map((n) => n?.id ?? '');
}

function assertOneOwnerOneNote(emu: RunningEmulator, type: 'contacts' | 'companies', ids: readonly string[]): void {
  for (const id of ids) {
    const rec = emu.store.get(type, id);
    const key = rec?.properties.lead_ops_routing_key;
    if (!key) continue;
    const notes = routingNotes(emu, type, id);
    const withKey = notes.filter((n) => (emu.store.get('notes', n)?.properties.hs_note_body ?? '').includes(noteKeyMarker(key)));
    expect({ id, notes: notes.length, withKey: withKey.length }).toEqual({ id, notes: 1, withKey: 1 });
    expect(rec?.properties.lead_ops_routing_note_id).toBe(withKey[0]);
    // Exactly one owner assignment in the history of a record routed by automation.
    expect(emu.store.history(type, id, 'hubspot_owner_id').filter((h) => h.value !== '')).toHaveLength(1);
  }
}

describe('lead-ops sweep on the demo portal (virtual time)', () => {
  let emu: RunningEmulator;
  let client: HubSpotClient;
  let clock: VirtualClock;
  beforeEach(async () => {
    clock = new VirtualClock();
    emu = await startEmulator({ seed: 'demo', clock, rateLimit: 'professional' });
    client = createHubSpotClient({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock });
    expect((await runSetup(client, TEST_CONFIG)).failed).toBe(0);
  });
  afterEach(() => emu.close());

  it('scores and routes what changed, and a second run right after writes nothing', async () => {
    const unowned = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id).map((c) => c.id);
    expect(unowned.length).toBeGreaterThan(100);
    const first = await runSweep(client, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()) });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.completed).toBe(true);
    expect(first.value.contacts.failed + first.value.companies.failed).toBe(0);
    expect(first.value.contacts.assigned).toBeGreaterThan(100);
    expect(first.value.contacts.scoreWritten).toBeGreaterThan(500);
    for (const id of unowned) expect(emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeTruthy();
    assertOneOwnerOneNote(emu, 'contacts', unowned);

    // Batched: far fewer calls than 3 per routed record.
    const routed = first.value.contacts.assigned + first.value.companies.assigned;
    const noteCreates = emu.requestLog().filter((e) => e.path === '/crm/v3/objects/notes/batch/create').length;
    expect(noteCreates).toBeLessThanOrEqual(Math.ceil(routed / 100) + 12);
    expect(emu.requestLog().filter((e) => e.path === '/crm/v3/objects/notes' && e.method === 'POST')).toHaveLength(0);

    const mark = emu.requestLog().length;
    clock.advance(60_000);
    const second = await runSweep(client, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()) });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.contacts.assigned + second.value.companies.assigned + second.value.contacts.scoreWritten).toBe(0);
    expect(writesIn(emu, mark)).toEqual([]);
  });

  it('killed halfway, the next run finishes the job (stateless)', async () => {
    const stop = await runSweep(client, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()), stopAfterPages: 3 });
    if (!stop.ok) throw new Error(stop.error.message);
    expect(stop.value.completed).toBe(false);
    const unownedAfterKill = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id);
    expect(unownedAfterKill.length).toBeGreaterThan(0);

    const rest = await runSweep(client, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()) });
    if (!rest.ok) throw new Error(rest.error.message);
    expect(rest.value.completed).toBe(true);
    const ids = emu.store.list('contacts').filter((c) => !c.archived).map((c) => c.id);
    for (const c of unownedAfterKill) expect(emu.store.get('contacts', c.id)?.properties.hubspot_owner_id).toBeTruthy();
    assertOneOwnerOneNote(emu, 'contacts', ids);

    const mark = emu.requestLog().length;
    const third = await runSweep(client, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()) });
    if (!third.ok) throw new Error(third.error.message);
    expect(writesIn(emu, mark)).toEqual([]);
  });

  it('two sweeps at once over the same records end with one owner and one note per record', async () => {
    const unowned = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id).map((c) => c.id);
    const client2 = createHubSpotClient({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock });
    const [a, b] = await Promise.all([
      runSweep(client, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()), objectTypes: ['contacts'] }),
      runSweep(client2, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()), objectTypes: ['contacts'] }),
    ]);
    if (!a.ok || !b.ok) throw new Error('sweep failed');
    for (const id of unowned) expect(emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeTruthy();
    assertOneOwnerOneNote(emu, 'contacts', unowned);
    // The two runs really raced: both made notes for the same records, and the duplicates were archived.
    const archived = emu.store.list('notes').filter((n) => n.archived && (n.properties.hs_note_body ?? '').includes('lead-ops-routing v1'));
    expect(archived.length).toBeGreaterThan(50);
  });

  it('survives 5xx after the write was applied and timeouts, with one note per decision', async () => {
    emu.setFaults('502after=0.05,503before=0.05,timeout=0.01,429=0.05,seed=7,on=write');
    const unowned = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id).map((c) => c.id);
    const client3 = createHubSpotClient({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock, requestTimeoutMs: 2_000 });
    for (let i = 0; i < 4; i++) {
      const r = await runSweep(client3, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()), objectTypes: ['contacts'] });
      if (!r.ok && !r.error.retryable) throw new Error(r.error.message);
    }
    emu.setFaults(null);
    // The faults hit writes after they were applied (the answer lost), so some notes exist that no answer reported.
    expect(emu.requestLog().filter((e) => e.fault?.startsWith('502:after') && e.path.endsWith('/notes/batch/create')).length).toBeGreaterThan(0);
    const last = await runSweep(client3, TEST_CONFIG, { since: 0, dryRun: false, now: () => new Date(clock.now()), objectTypes: ['contacts'] });
    if (!last.ok) throw new Error(last.error.message);
    for (const id of unowned) expect(emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeTruthy();
    assertOneOwnerOneNote(emu, 'contacts', unowned);
  });
});

describe('lead-ops sweep past the 10,000-result cap', () => {
  it('finds every one of 10,450 contacts changed in the window', async () => {
    const clock = new VirtualClock();
    const emu = await startEmulator({ seed: 'empty', clock });
    try {
      const t = clock.now();
      for (let i = 0; i < 10_450; i++) {
        emu.store.portal.seed('0-1', { email: `lead${i}@example.org`, firstname: `Lead ${i}`, numemployees: i % 3 === 0 ? '25-50' : '100-500' }, { createdAt: t - 60_000 });
      }
      // An old contact outside the window must not be found.
      emu.store.portal.seed('0-1', { email: 'old@example.org' }, { createdAt: t - 90 * 86_400_000 });
      const client = createHubSpotClient({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock });
      const r = await runSweep(client, TEST_CONFIG, { since: t - 30 * 60_000, dryRun: true, now: () => new Date(clock.now()), objectTypes: ['contacts'] });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.contacts.considered).toBe(10_450);
      expect(r.value.pages).toBe(53);
      expect(emu.requestLog().filter((e) => e.method !== 'GET' && !e.path.endsWith('/search') && !e.path.endsWith('/batch/read'))).toEqual([]);
    } finally {
      await emu.close();
    }
  }, 120_000);
});
