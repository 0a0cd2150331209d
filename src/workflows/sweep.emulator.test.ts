import { compileModel } from '../core/scoring';
import { parseRoutingNote } from '../core/routing';
import { CONTACTS_PENDING_PROPERTY } from '../core/sweep-properties';
import { startEmulator, type RunningEmulator } from '../emulator';
import { createCrmPort, type CrmPort } from '../hubspot';
import { VirtualClock } from '../testing/clock';
import { TEST_CONFIG } from '../testing/portal';
import { runSetup } from './setup';
import { runSweep, type SweepCounts } from './sweep';

const MODEL = compileModel(TEST_CONFIG.scoring);
const deps = (crm: CrmPort, clock: VirtualClock) => ({ crm, config: TEST_CONFIG, model: MODEL, now: () => new Date(clock.now()) });
/** Every record a sweep considered is in exactly one bucket of its summary. */
const bucketsOf = (c: SweepCounts): number => Object.values(c.routing).reduce((a, b) => a + b, 0) + c.rescoredOnly;

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
    const withKey = notes.filter((n) => parseRoutingNote(emu.store.get('notes', n)?.properties.hs_note_body)?.key === key);
    expect({ id, notes: notes.length, withKey: withKey.length }).toEqual({ id, notes: 1, withKey: 1 });
    expect(rec?.properties.lead_ops_routing_note_id).toBe(withKey[0]);
    // Exactly one owner assignment in the history of a record routed by automation.
    expect(emu.store.history(type, id, 'hubspot_owner_id').filter((h) => h.value !== '')).toHaveLength(1);
  }
}

describe('lead-ops sweep on the demo portal (virtual time)', () => {
  let emu: RunningEmulator;
  let client: CrmPort;
  let clock: VirtualClock;
  beforeEach(async () => {
    clock = new VirtualClock();
    emu = await startEmulator({ seed: 'demo', clock, rateLimit: 'professional' });
    client = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock });
    expect((await runSetup(client, TEST_CONFIG)).failed).toBe(0);
  });
  afterEach(() => emu.close());

  it('scores and routes what changed, and a second run right after writes nothing', async () => {
    const unowned = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id).map((c) => c.id);
    expect(unowned.length).toBeGreaterThan(100);
    const first = await runSweep(deps(client, clock), { since: 0, dryRun: false,  });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.completed).toBe(true);
    expect(first.value.contacts.failed + first.value.companies.failed).toBe(0);
    expect(first.value.contacts.routing.ASSIGNED).toBeGreaterThan(100);
    expect(first.value.contacts.scoreWritten).toBeGreaterThan(500);
    for (const id of unowned) expect(emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeTruthy();
    assertOneOwnerOneNote(emu, 'contacts', unowned);

    // Batched: far fewer calls than 3 per routed record.
    const routed = first.value.contacts.routing.ASSIGNED + first.value.companies.routing.ASSIGNED;
    const noteCreates = emu.requestLog().filter((e) => e.operation === 'objects.batchCreate' && e.path.includes('/notes/')).length;
    expect(noteCreates).toBeLessThanOrEqual(Math.ceil(routed / 100) + 12);
    expect(emu.requestLog().filter((e) => e.operation === 'objects.create' && e.path.includes('/notes'))).toHaveLength(0);

    const mark = emu.requestLog().length;
    clock.advance(60_000);
    const second = await runSweep(deps(client, clock), { since: 0, dryRun: false,  });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.contacts.routing.ASSIGNED + second.value.companies.routing.ASSIGNED + second.value.contacts.scoreWritten).toBe(0);
    expect(writesIn(emu, mark)).toEqual([]);
  });

  it('routes every routable record in one run, and each summary accounts for every record it considered', async () => {
    const first = await runSweep(deps(client, clock), { since: 0, dryRun: false });
    if (!first.ok) throw new Error(first.error.message);
    for (const c of [first.value.contacts, first.value.companies]) expect(bucketsOf(c)).toBe(c.considered);
    // Nothing left for a second run to assign: every record has an owner or no eligible one.
    const stillUnowned = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id);
    expect(stillUnowned.length).toBe(first.value.contacts.routing.NO_OWNER);
    clock.advance(60_000);
    const second = await runSweep(deps(client, clock), { since: 0, dryRun: false });
    if (!second.ok) throw new Error(second.error.message);
    for (const c of [second.value.contacts, second.value.companies]) expect(bucketsOf(c)).toBe(c.considered);
    expect(second.value.contacts.routing.ASSIGNED + second.value.companies.routing.ASSIGNED).toBe(0);
  });

  it('killed halfway, the next run finishes the job (stateless)', async () => {
    const stop = await runSweep(deps(client, clock), { since: 0, dryRun: false, stopAfterPages: 3 });
    if (!stop.ok) throw new Error(stop.error.message);
    expect(stop.value.completed).toBe(false);
    const unownedAfterKill = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id);
    expect(unownedAfterKill.length).toBeGreaterThan(0);

    const rest = await runSweep(deps(client, clock), { since: 0, dryRun: false,  });
    if (!rest.ok) throw new Error(rest.error.message);
    expect(rest.value.completed).toBe(true);
    const ids = emu.store.list('contacts').filter((c) => !c.archived).map((c) => c.id);
    for (const c of unownedAfterKill) expect(emu.store.get('contacts', c.id)?.properties.hubspot_owner_id).toBeTruthy();
    assertOneOwnerOneNote(emu, 'contacts', ids);

    const mark = emu.requestLog().length;
    const third = await runSweep(deps(client, clock), { since: 0, dryRun: false,  });
    if (!third.ok) throw new Error(third.error.message);
    expect(writesIn(emu, mark)).toEqual([]);
  });

  it('two sweeps at once over the same records end with one owner and one note per record', async () => {
    const unowned = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id).map((c) => c.id);
    const client2 = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock });
    const [a, b] = await Promise.all([
      runSweep(deps(client, clock), { since: 0, dryRun: false, objectTypes: ['contacts'] }),
      runSweep(deps(client2, clock), { since: 0, dryRun: false, objectTypes: ['contacts'] }),
    ]);
    if (!a.ok || !b.ok) throw new Error('sweep failed');
    for (const id of unowned) expect(emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeTruthy();
    assertOneOwnerOneNote(emu, 'contacts', unowned);
    // The two runs really raced: both made notes for the same records, and the duplicates were archived.
    const archived = emu.store.list('notes').filter((n) => n.archived && (n.properties.hs_note_body ?? '').includes('lead-ops-routing v1'));
    expect(archived.length).toBeGreaterThan(50);
  });

  it('survives 5xx after the write was applied and timeouts, with one note per decision', async () => {
    emu.setFaults('502after=0.1,503before=0.05,timeout=0.01,429=0.05,seed=3,on=write');
    const unowned = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id).map((c) => c.id);
    const client3 = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock, requestTimeoutMs: 2_000 });
    for (let i = 0; i < 4; i++) {
      const r = await runSweep(deps(client3, clock), { since: 0, dryRun: false, objectTypes: ['contacts'] });
      if (!r.ok && !r.error.retryable) throw new Error(r.error.message);
    }
    emu.setFaults(null);
    // The faults hit writes after they were applied (the answer lost), so some notes exist that no answer reported.
    expect(emu.requestLog().filter((e) => e.fault?.startsWith('502:after') && e.operation === 'objects.batchCreate' && e.path.includes('/notes/')).length).toBeGreaterThan(0);
    const last = await runSweep(deps(client3, clock), { since: 0, dryRun: false, objectTypes: ['contacts'] });
    if (!last.ok) throw new Error(last.error.message);
    for (const id of unowned) expect(emu.store.get('contacts', id)?.properties.hubspot_owner_id).toBeTruthy();
    assertOneOwnerOneNote(emu, 'contacts', unowned);
  });
});

describe('contacts of a changed company beyond the per-run limit', () => {
  /** An empty portal with the project's properties, one company of 40 employees and its 12 contacts, all scored. */
  async function companyWithContacts() {
    const clock = new VirtualClock();
    const emu = await startEmulator({ seed: 'empty', clock });
    const crm = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock });
    expect((await runSetup(crm, TEST_CONFIG)).failed).toBe(0);
    const made = await crm.batchCreate('companies', [{ properties: { name: 'Acme', numberofemployees: '40', industry: 'COMPUTER_SOFTWARE' } }]);
    const company = made.ok ? made.value.created.get(0) : undefined;
    if (!company) throw new Error('company not created');
    const people = await crm.batchCreate(
      'contacts',
      Array.from({ length: 12 }, (_, i) => ({ properties: { email: `p${i}@acme.example`, jobtitle: 'VP Sales', associatedcompanyid: company.id } })),
    );
    if (!people.ok) throw new Error(people.error.message);
    const contacts = [...people.value.created.values()].map((c) => c.id);
    clock.advance(3_600_000);
    const first = await runSweep(deps(crm, clock), { since: 0, dryRun: false });
    if (!first.ok) throw new Error(first.error.message);
    const scores = () => new Map(contacts.map((id) => [id, emu.store.get('contacts', id)?.properties.lead_ops_score]));
    return { clock, emu, crm, company: company.id, contacts, before: scores(), scores };
  }

  it('are remembered on the company and rescored by the next runs, even after the company left the window', async () => {
    const { clock, emu, crm, company, contacts, before, scores } = await companyWithContacts();
    try {
      clock.advance(20 * 60_000);
      expect((await crm.update('companies', company, { numberofemployees: '2500' })).ok).toBe(true);
      const pendingAfter: number[] = [];
      for (let run = 0; run < 4; run++) {
        clock.advance(15 * 60_000);
        // Every 15 minutes, looking back 30: the company's change is in the window of the first two runs only.
        const r = await runSweep(deps(crm, clock), { since: clock.now() - 30 * 60_000, dryRun: false, companyContactsLimit: 3 });
        if (!r.ok) throw new Error(r.error.message);
        pendingAfter.push(r.value.pendingContacts);
      }
      expect(pendingAfter).toEqual([9, 6, 3, 0]);
      const after = scores();
      expect(contacts.filter((id) => after.get(id) !== before.get(id))).toHaveLength(12);
      expect(emu.store.get('companies', company)?.properties[CONTACTS_PENDING_PROPERTY] ?? '').toBe('');
    } finally {
      await emu.close();
    }
  }, 60_000);

  it('within two runs when the limit covers half of them', async () => {
    const { clock, emu, crm, company, contacts, before, scores } = await companyWithContacts();
    try {
      clock.advance(20 * 60_000);
      expect((await crm.update('companies', company, { numberofemployees: '2500' })).ok).toBe(true);
      for (let run = 0; run < 2; run++) {
        clock.advance(15 * 60_000);
        const r = await runSweep(deps(crm, clock), { since: clock.now() - 30 * 60_000, dryRun: false, companyContactsLimit: 6 });
        if (!r.ok) throw new Error(r.error.message);
      }
      const after = scores();
      expect(contacts.filter((id) => after.get(id) !== before.get(id))).toHaveLength(12);
    } finally {
      await emu.close();
    }
  }, 60_000);
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
      const client = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock });
      expect((await runSetup(client, TEST_CONFIG)).failed).toBe(0);
      emu.clearRequestLog();
      const r = await runSweep(deps(client, clock), { since: t - 30 * 60_000, dryRun: true, objectTypes: ['contacts'] });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.contacts.considered).toBe(10_450);
      expect(r.value.pages).toBe(53);
      expect(emu.requestLog().filter((e) => e.method !== 'GET' && !e.path.endsWith('/search') && !e.path.endsWith('/batch/read'))).toEqual([]);
    } finally {
      await emu.close();
    }
  }, 120_000);
});
