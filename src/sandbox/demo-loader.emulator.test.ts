import { startEmulator, type RunningEmulator } from '../emulator';
import { main as recordStatus } from '../functions/record-status';
import { createCrmPort } from '../hubspot';
import { TEST_CONFIG } from '../testing/portal';
import { DEMO_SYNC_STATES, loadDemoData } from './demo-loader';

describe('the demo loader', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 'demo' });
  });
  afterAll(() => emu.close());

  it('creates the properties over HTTP, fills every sync state for every destination, and scores every contact', async () => {
    const client = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' });
    const loaded = await loadDemoData(client, TEST_CONFIG);
    if (!loaded.ok) throw new Error(loaded.error.message);
    for (const s of DEMO_SYNC_STATES) expect(loaded.value.syncStates[s]).toBeGreaterThan(0);
    expect(loaded.value.scored).toBe(emu.store.list('contacts').filter((c) => !c.archived).length);
    expect(loaded.value.ticketsWithHelpDeskId).toBeGreaterThan(0);

    // What record_status derives from those properties: every state appears for every contact destination.
    const seen = new Map<string, Set<string>>();
    const call = recordStatus.withOverrides({ env: { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url }, log: () => undefined });
    for (const c of emu.store.list('contacts').slice(0, 12)) {
      const res = await call({ parameters: { objectType: 'contacts', objectId: c.id } });
      if (!res.ok) throw new Error(res.error.message);
      for (const d of res.status.sync ?? []) seen.set(d.id, (seen.get(d.id) ?? new Set()).add(d.state));
    }
    for (const d of TEST_CONFIG.sync.destinations.filter((x) => x.objectTypes.includes('contacts'))) {
      expect([...(seen.get(d.id) ?? [])].sort()).toEqual([...DEMO_SYNC_STATES].sort());
    }
  }, 60_000);
});
