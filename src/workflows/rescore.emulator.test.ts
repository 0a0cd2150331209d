import { startEmulator, type RunningEmulator } from '../emulator';
import { compileModel } from '../core/scoring';
import { createCrmPort, type CrmPort } from '../hubspot';
import { VirtualClock } from '../testing/clock';
import { TEST_CONFIG } from '../testing/portal';
import { memoryCheckpoints, rescore } from './score';
import { runSetup } from './setup';

describe('lead-ops rescore on a seeded 10,000-contact emulator (virtual time, Professional limits)', () => {
  let emu: RunningEmulator;
  let client: CrmPort;
  let clock: VirtualClock;
  const now = () => new Date(clock.now());

  beforeAll(async () => {
    clock = new VirtualClock();
    emu = await startEmulator({ seed: 'demo', seedSize: { contacts: 10_000 }, rateLimit: 'professional', clock });
    client = createCrmPort({ token: emu.token, baseUrl: emu.url, clock, pacing: 'bulk' });
    const setup = await runSetup(client, TEST_CONFIG);
    expect(setup.failed).toBe(0);
  }, 60_000);
  afterAll(() => emu.close());

  const contacts = () => emu.store.list('contacts').filter((c) => !c.archived);

  it('stops halfway, resumes without rescoring what was done, and a rerun writes nothing', async () => {
    const checkpoints = memoryCheckpoints();
    emu.clearRequestLog();
    const partial = await rescore({ crm: client, model: compileModel(TEST_CONFIG.scoring), now }, { checkpoints, stopAfterPages: 20 });
    if (!partial.ok) throw new Error(partial.error.message);
    expect(partial.value.completed).toBe(false);
    expect(checkpoints.current?.lastId).toBeTruthy();
    const doneBefore = partial.value.scored + partial.value.unscorable;
    expect(doneBefore).toBe(20 * 200);
    const lastId = checkpoints.current?.lastId ?? '';

    const resumed = await rescore({ crm: client, model: compileModel(TEST_CONFIG.scoring), now }, { checkpoints });
    if (!resumed.ok) throw new Error(resumed.error.message);
    expect(resumed.value).toMatchObject({ completed: true, resumedAfter: lastId, failed: 0 });
    const all = contacts();
    expect(resumed.value.scored + resumed.value.unscorable).toBe(all.length);
    expect(checkpoints.current).toBeNull();
    // Nothing scored twice: every contact's score was written at most once.
    const writes = all.map((c) => emu.store.history('contacts', c.id, 'lead_ops_score_model_version').filter((h) => h.value).length);
    expect(Math.max(...writes)).toBe(1);
    expect(writes.filter((n) => n === 1).length).toBe(resumed.value.written);
    // Counted calls: ≤ 2 per 100 contacts (company batch reads + batch updates), searches apart.
    const counted = emu.requestLog().filter((e) => e.limitClass === 'ten_secondly').length;
    expect(counted).toBeLessThanOrEqual(Math.ceil((all.length / 100) * 2) + 5);
    expect(emu.requestLog().filter((e) => e.status === 429).length).toBeLessThan(emu.requestLog().length * 0.01);

    emu.clearRequestLog();
    const again = await rescore({ crm: client, model: compileModel(TEST_CONFIG.scoring), now }, {});
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value).toMatchObject({ written: 0, changed: 0, completed: true });
    expect(emu.requestLog().filter((e) => e.path.includes('batch/update'))).toEqual([]);
  }, 120_000);

  it('--dry-run with a candidate model reports band changes and writes nothing', async () => {
    // A stricter fit grade A: fewer contacts in A bands.
    const model = { ...TEST_CONFIG.scoring, version: `${TEST_CONFIG.scoring.version}-what-if`, grades: { ...TEST_CONFIG.scoring.grades, fit: { ...TEST_CONFIG.scoring.grades.fit, A: 60 } } };
    emu.clearRequestLog();
    const res = await rescore({ crm: client, model: compileModel(TEST_CONFIG.scoring), now }, { candidate: model, sampleSize: 5 });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.dryRun).toBe(true);
    expect(res.value.comparison?.compared).toBe(contacts().length);
    expect(res.value.comparison?.bandChanged).toBeGreaterThan(0);
    expect(res.value.comparison?.sample.length).toBe(5);
    for (const s of res.value.comparison?.sample ?? []) expect(s.before.band.startsWith('A') && !s.after.band.startsWith('A')).toBe(true);
    expect(emu.requestLog().filter((e) => e.method === 'PATCH' || e.path.includes('batch/update'))).toEqual([]);
  }, 120_000);
});

describe("lead-ops rescore where the portal's property rules refuse some writes", () => {
  it('counts each refused contact as failed with the rule in words, and writes every other score', async () => {
    const emu = await startEmulator({ seed: 'demo', seedSize: { contacts: 300, companies: 60 } });
    try {
      const crm = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' });
      expect((await runSetup(crm, TEST_CONFIG)).failed).toBe(0);
      // A sales-qualified lead without a job title, before the admin adds the rule "Job title is required for
      // sales-qualified leads": from then on HubSpot refuses every write to such a contact.
      const lead = emu.store.list('contacts').find((c) => !c.archived)?.id ?? '';
      const cleared = await crm.update('contacts', lead, { lifecyclestage: 'salesqualifiedlead', jobtitle: '' });
      expect(cleared.ok).toBe(true);
      const rule = await fetch(`${emu.url}/_emulator/property-rules/contacts/jobtitle`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rules: [{ ruleType: 'REQUIRED', when: { propertyName: 'lifecyclestage', values: ['salesqualifiedlead'] } }] }),
      });
      expect(rule.status).toBe(200);
      const live = emu.store.list('contacts').filter((c) => !c.archived);
      const refused = live.filter((c) => c.properties.lifecyclestage === 'salesqualifiedlead' && !c.properties.jobtitle).map((c) => c.id);
      expect(refused).toContain(lead);

      const res = await rescore({ crm, model: compileModel(TEST_CONFIG.scoring), now: () => new Date() }, {});
      if (!res.ok) throw new Error(res.error.message);
      expect(res.value).toMatchObject({ completed: true, failed: refused.length, written: res.value.changed - refused.length });
      expect(res.value.failures.map((f) => f.id).sort()).toEqual([...refused].sort());
      expect(res.value.failures.find((f) => f.id === lead)?.message).toBe(
        "HubSpot refused the update: the portal's rule on Job Title makes it required when lifecyclestage is salesqualifiedlead, and it would be empty.",
      );
      // The others were written; the refused ones carry no score.
      const scored = live.filter((c) => !refused.includes(c.id)).filter((c) => emu.store.get('contacts', c.id)?.properties.lead_ops_score_model_version);
      expect(scored.length).toBe(res.value.written);
      expect(emu.store.get('contacts', lead)?.properties.lead_ops_score_model_version ?? '').toBe('');
    } finally {
      await emu.close();
    }
  }, 60_000);
});
