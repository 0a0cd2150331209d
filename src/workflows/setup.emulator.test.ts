import raw from '../config/lead-ops.config.json';
import { parseConfig } from '../core/config/schema';
import { projectProperties } from '../core/project-properties';
import { startEmulator, type RunningEmulator } from '../emulator';
import { createCrmPort } from '../hubspot';
import { runSetup } from './setup';

const TYPE_ID: Record<string, string> = { contacts: '0-1', companies: '0-2', tickets: '0-5' };

const config = (() => {
  const r = parseConfig(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
})();

describe('lead-ops setup against the emulator', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator({
      seed: 'empty',
      tokens: [{ token: 'pat-local-readonly', scopes: ['crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.schemas.companies.read'] }],
    });
  });
  afterEach(() => emu.close());

  it('creates the group and every project property, then nothing on a second run', async () => {
    const client = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' });
    const wanted = projectProperties(config);
    const first = await runSetup(client, config);
    expect(first).toMatchObject({ failed: 0, conflicts: 0, missingScopes: [], errors: [] });
    expect(first.created).toBe(wanted.length);
    for (const p of wanted) {
      const def = emu.store.portal.properties.get(TYPE_ID[p.objectType] ?? '', p.name);
      expect(def).toMatchObject({ name: p.name, type: p.type, groupName: 'lead_ops' });
    }
    emu.clearRequestLog();
    const second = await runSetup(client, config);
    expect(second).toMatchObject({ created: 0, existing: wanted.length, failed: 0 });
    expect(emu.requestLog().filter((e) => e.method === 'POST')).toEqual([]);
  });

  it('reports a type conflict without changing the existing property', async () => {
    const client = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' });
    const res = await fetch(`${emu.url}/crm/v3/properties/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'lead_ops_score', label: 'Someone else', type: 'string', fieldType: 'text', groupName: 'contactinformation' }),
    });
    expect(res.status).toBe(201);
    const report = await runSetup(client, config);
    expect(report.conflicts).toBe(1);
    expect(emu.store.portal.properties.get('0-1', 'lead_ops_score')?.type).toBe('string');
  });

  it('names the scopes a token lacks and creates nothing it may not', async () => {
    const client = createCrmPort({ token: 'pat-local-readonly', baseUrl: emu.url, pacing: 'bulk' });
    const report = await runSetup(client, config);
    expect(report.missingScopes).toEqual(expect.arrayContaining(['crm.schemas.contacts.write']));
    expect(report.failed).toBeGreaterThan(0);
    expect(emu.store.portal.properties.list('0-1').some((d) => d.name.startsWith('lead_ops_'))).toBe(false);
  });

  it('dry run says what it would create and writes nothing', async () => {
    const client = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' });
    const report = await runSetup(client, config, { dryRun: true });
    expect(report.created).toBe(projectProperties(config).length);
    expect(emu.requestLog().filter((e) => e.method !== 'GET')).toEqual([]);
  });
});

describe('lead-ops setup after a model change', () => {
  it('adds a new score label to the existing label property, keeping the old options', async () => {
    const emu = await startEmulator({ seed: 'empty' });
    try {
      const client = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' });
      expect((await runSetup(client, config)).failed).toBe(0);
      const labels = config.scoring.labels.map((l, i) => (i === 0 ? { ...l, name: 'On fire' } : l));
      const changed = { ...config, scoring: { ...config.scoring, labels } };
      const report = await runSetup(client, changed);
      expect(report).toMatchObject({ optionsAdded: 1, created: 0, failed: 0 });
      const values = emu.store.portal.properties.get('0-1', 'lead_ops_score_label')?.options?.map((o) => o.value) ?? [];
      expect(values).toEqual(expect.arrayContaining(['On fire', config.scoring.labels[0]?.name ?? '?']));
      expect((await runSetup(client, changed)).optionsAdded).toBe(0);
    } finally {
      await emu.close();
    }
  });
});
