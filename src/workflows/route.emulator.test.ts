import { DEMO, startEmulator, type RunningEmulator } from '../emulator';
import { createCrmPort, type CrmPort } from '../hubspot';
import { TEST_CONFIG } from '../testing/portal';
import { routeUnowned } from './route';
import { runSetup } from './setup';

describe('lead-ops route on the demo portal', () => {
  let emu: RunningEmulator;
  let client: CrmPort;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'demo' });
    client = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' });
    expect((await runSetup(client, TEST_CONFIG)).failed).toBe(0);
  });
  afterAll(() => emu.close());

  it('--dry-run decides every unowned contact, balances each team, and writes nothing', async () => {
    const unowned = emu.store.list('contacts').filter((c) => !c.archived && !c.properties.hubspot_owner_id).length;
    emu.clearRequestLog();
    const res = await routeUnowned({ crm: client, config: TEST_CONFIG, now: () => new Date() }, { objectType: 'contacts', dryRun: true,  });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.considered).toBe(unowned);
    expect(emu.requestLog().filter((e) => e.method !== 'GET' && !e.path.endsWith('/search') && !e.path.endsWith('/batch/read'))).toEqual([]);
    const teams = res.value.distribution.teams.map((t) => t.team?.name);
    expect(teams).toEqual(expect.arrayContaining([DEMO.teams.smallBusiness.name, DEMO.teams.midMarket.name, DEMO.teams.enterprise.name]));
    for (const t of res.value.distribution.teams.filter((x) => x.total >= 60)) expect(t.maxDeviationPct).toBeLessThanOrEqual(10);
    // Away owners get nothing.
    const away = emu.store.owners().filter((o) => o.teams.some((t) => t.name === DEMO.teams.away.name)).map((o) => o.id);
    for (const t of res.value.distribution.teams) for (const o of t.owners) expect(away).not.toContain(o.owner.id);
  });

  it('applies 50 assignments with one note each, and a second run has nothing left to do for them', async () => {
    const res = await routeUnowned({ crm: client, config: TEST_CONFIG, now: () => new Date() }, { objectType: 'contacts', dryRun: false, limit: 50 });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.counts.ASSIGNED).toBe(50);
    const routed = emu.store.list('contacts').filter((c) => c.properties.lead_ops_routing_key);
    expect(routed).toHaveLength(50);
    for (const c of routed) {
      const notes = emu.store.associations('contacts', c.id, 'notes').filter((a) => !emu.store.get('notes', a.toId)?.archived);
      expect(notes.filter((n) => emu.store.get('notes', n.toId)?.properties.hs_note_body?.includes(c.properties.lead_ops_routing_key ?? '?'))).toHaveLength(1);
    }
    const again = await routeUnowned({ crm: client, config: TEST_CONFIG, now: () => new Date() }, { objectType: 'contacts', dryRun: true, includeOwned: true, limit: 2000 });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.distribution.alreadyAssigned).toBeGreaterThanOrEqual(50);
  });
});
