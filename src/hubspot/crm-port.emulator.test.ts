/**
 * The domain port against the in-process emulator over HTTP: records with history and associations,
 * batch reads with 207s, search past the 10,000 cap, owners with teams, pipelines, associations, properties.
 */
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { VirtualClock } from '../testing/clock';
import { createHubSpotClient } from './client';
import * as api from './crm-api';
import { crmPortFor, type CrmPort } from './crm-port';
import type { CrmRecord } from './records';

const TOKEN = 'pat-na1-00000000-test-0000-0000-crmport00000';

let emu: RunningEmulator;
let clock: VirtualClock;
let port: CrmPort;
let client: ReturnType<typeof createHubSpotClient>;

beforeAll(async () => {
  clock = new VirtualClock();
  emu = await startEmulator({ port: 0, seed: 'demo', seedValue: 3, token: TOKEN, clock });
  client = createHubSpotClient({ token: TOKEN, baseUrl: emu.url, clock, pacing: 'bulk' });
  port = crmPortFor(client);
});
afterAll(async () => {
  await emu.close();
});

const must = <T, E>(r: { ok: true; value: T } | { ok: false; error: E }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('records', () => {
  let companyId: string;
  let otherCompanyId: string;
  let contactId: string;

  beforeAll(async () => {
    companyId = must(await api.createObjectRaw(client, 'companies', { properties: { name: 'Primary Co', numberofemployees: '320' } })).id;
    otherCompanyId = must(await api.createObjectRaw(client, 'companies', { properties: { name: 'Other Co' } })).id;
    contactId = must(
      await api.createObjectRaw(client, 'contacts', {
        properties: { email: 'port-test@example.com', jobtitle: 'Engineer' },
        associations: [
          { toId: companyId, associationTypeId: 1 },
          { toId: companyId, associationTypeId: 279 },
          { toId: otherCompanyId, associationTypeId: 279 },
        ],
      }),
    ).id;
    clock.advance(60_000);
    must(await port.update('contacts', contactId, { jobtitle: 'Lead Engineer' }));
    clock.advance(60_000);
    must(await port.update('contacts', contactId, { jobtitle: 'CTO' }));
  });

  it('getRecord: properties, history newest first, associations with the primary company flagged', async () => {
    const rec: CrmRecord = must(await port.getRecord('contacts', contactId, { properties: ['email', 'jobtitle'], propertiesWithHistory: ['jobtitle'], associations: ['companies'] }));
    expect(rec.properties.jobtitle).toBe('CTO');
    expect(rec.history.jobtitle?.map((h) => h.value)).toEqual(['CTO', 'Lead Engineer', 'Engineer']);
    expect(Date.parse(rec.history.jobtitle?.[0]?.timestamp ?? '')).toBeGreaterThan(Date.parse(rec.history.jobtitle?.[1]?.timestamp ?? ''));
    const companies = rec.associations.companies ?? [];
    expect(companies.map((c) => c.id).sort()).toEqual([companyId, otherCompanyId].sort());
    expect(companies.find((c) => c.id === companyId)?.primary).toBe(true);
    expect(companies.find((c) => c.id === otherCompanyId)?.primary).toBe(false);
  });

  it('batchAssociatedIds agrees, with the primary flag from type 1', async () => {
    const refs = must(await port.batchAssociatedIds('contacts', 'companies', [contactId])).get(contactId) ?? [];
    expect(refs.find((r) => r.id === companyId)?.primary).toBe(true);
    expect(refs.find((r) => r.id === otherCompanyId)?.primary).toBe(false);
  });

  it('readWithAssociations reads one record with one GET, and many with a batch read plus one association batch read', async () => {
    emu.clearRequestLog();
    const one = must(await port.readWithAssociations('contacts', [contactId], 'companies', { properties: ['email'] }));
    expect(one.records[0]?.associated.slice().sort()).toEqual([companyId, otherCompanyId].sort());
    expect(emu.requestLog().map((e) => e.operation)).toEqual(['objects.get']);
    emu.clearRequestLog();
    const lonely = must(await api.createObjectRaw(client, 'contacts', { properties: { email: 'alone@example.com' } })).id;
    emu.clearRequestLog();
    const many = must(await port.readWithAssociations('contacts', [contactId, lonely, '999999999'], 'companies', { properties: ['email'] }));
    expect(many.records.map((r) => [r.id, r.associated.length])).toEqual([[contactId, 2], [lonely, 0]]);
    expect(many.failures.flatMap((f) => f.ids)).toEqual(['999999999']);
    expect(emu.requestLog().map((e) => e.operation).sort()).toEqual(['associations.batchRead', 'objects.batchRead']);
  });

  it('batchAssociatedIds lists every requested id, empty when it has none', async () => {
    const lonely = must(await api.createObjectRaw(client, 'contacts', { properties: { email: 'lonely@example.com' } })).id;
    const map = must(await port.batchAssociatedIds('contacts', 'companies', [contactId, lonely]));
    expect(map.get(contactId)?.map((r) => r.id).sort()).toEqual([companyId, otherCompanyId].sort());
    expect(map.get(lonely)).toEqual([]);
  });

  it('batchRead surfaces unknown ids as failures instead of dropping them', async () => {
    const out = must(await port.batchRead('contacts', [contactId, '999999999991', '999999999992'], { properties: ['email'] }));
    expect(out.records.map((r) => r.id)).toEqual([contactId]);
    expect(out.failures.flatMap((f) => f.ids).sort()).toEqual(['999999999991', '999999999992']);
    expect(out.failures[0]?.error.code).toBe('NOT_FOUND');
  });

  it('batchUpdate names the rows HubSpot rejects', async () => {
    const out = must(
      await port.batchUpdate('contacts', [
        { id: contactId, properties: { lastname: 'Ok' } },
        { id: '999999999993', properties: { lastname: 'Nobody' } },
      ]),
    );
    expect(out.records.map((r) => r.id)).toEqual([contactId]);
    expect(out.failures.flatMap((f) => f.ids)).toEqual(['999999999993']);
  });

  it('update with an unknown property is INVALID_INPUT with HubSpot message', async () => {
    const r = await port.update('contacts', contactId, { no_such_property_xyz: '1' });
    expect(!r.ok && r.error.code).toBe('BAD_REQUEST');
    expect(!r.ok && r.error.message).toContain('no_such_property_xyz');
  });
});

describe('owners, pipelines, properties', () => {
  it('listOwners: every page, with teams; archived ones on request', async () => {
    const active = must(await port.listOwners());
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((o) => !o.archived)).toBe(true);
    const teams = new Set(active.flatMap((o) => o.teams.map((t) => t.name)));
    for (const name of ['Small Business', 'Mid-Market', 'Enterprise']) expect(teams.has(name)).toBe(true);
    const all = must(await port.listOwners({ includeArchived: true }));
    expect(all.some((o) => o.archived && o.userId === null)).toBe(true);
  });

  it('getPipelines: the default ticket pipeline "0" with stages 1-4 in order, ticketState metadata', async () => {
    const pipelines = must(await port.getPipelines('tickets'));
    const support = pipelines.find((p) => p.id === '0');
    expect(support?.stages.map((s) => s.id).slice(0, 4)).toEqual(['1', '2', '3', '4']);
    expect(support?.stages.find((s) => s.id === '4')?.metadata.ticketState).toBe('CLOSED');
  });

  it('properties and groups: create, then 409 = already there', async () => {
    expect(must(await api.createPropertyGroup(client, 'contacts', { name: 'lead_ops_test', label: 'Lead Ops test' }))).toEqual({ created: true });
    expect(must(await api.createPropertyGroup(client, 'contacts', { name: 'lead_ops_test', label: 'Lead Ops test' }))).toEqual({ created: false });
    const spec = { name: 'lead_ops_test_score', label: 'Test score', type: 'number' as const, fieldType: 'number', groupName: 'lead_ops_test' };
    expect(must(await api.createProperty(client, 'contacts', spec))).toEqual({ created: true });
    expect(must(await api.createProperty(client, 'contacts', spec))).toEqual({ created: false });
    const props = must(await api.listProperties(client, 'contacts'));
    expect(props.some((p) => p.name === 'lead_ops_test_score' && p.groupName === 'lead_ops_test')).toBe(true);
    const groups = must(await api.listPropertyGroups(client, 'contacts'));
    expect(groups.some((g) => g.name === 'lead_ops_test')).toBe(true);
  });
});

describe('search', () => {
  it('one page with total and an offset cursor; an offset past 10,000 is refused without a call', async () => {
    const page = must(await port.search('contacts', { limit: 5, properties: ['email'] }));
    expect(page.records).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
    expect(page.after).toBeDefined();
    emu.clearRequestLog();
    const r = await port.search('contacts', { after: '10000' });
    expect(!r.ok && r.error.code).toBe('BAD_REQUEST');
    expect(emu.requestLog()).toHaveLength(0);
  });

  it('searchAll goes past the 10,000-result cap by windowing on hs_object_id', async () => {
    const inputs = Array.from({ length: 10_250 }, (_, i) => ({ properties: { subject: `Bulk ticket ${i}`, hs_pipeline: '0', hs_pipeline_stage: '1' } }));
    const created = must(await api.batchCreate(client, 'tickets', inputs));
    expect(created.failures).toEqual([]);
    clock.advance(60_000); // past any search lag
    const expected = new Set(emu.store.list('tickets').filter((t) => !t.archived).map((t) => t.id));
    expect(expected.size).toBeGreaterThan(10_000);
    emu.clearRequestLog();
    const seen: string[] = [];
    for await (const page of port.searchAll('tickets', { properties: ['subject'] })) {
      seen.push(...must(page).records.map((r) => r.id));
    }
    expect(seen).toHaveLength(expected.size);
    expect(new Set(seen)).toEqual(expected);
    expect(emu.requestLog().every((e) => e.status === 200)).toBe(true);
    expect(emu.requestLog().length).toBe(Math.ceil(expected.size / 200) + (expected.size % 200 === 0 ? 1 : 0));
  });
});

describe("writes the portal's property rules refuse", () => {
  const LONG = 'Vice President of Revenue Operations';
  let ruled: RunningEmulator;
  let crm: CrmPort;
  let ids: string[];

  beforeAll(async () => {
    ruled = await startEmulator({ port: 0, seed: 'empty', token: TOKEN, propertyRules: [{ objectType: 'contacts', propertyName: 'jobtitle', ruleType: 'MAX_LENGTH', ruleArguments: ['20'] }] });
    crm = crmPortFor(createHubSpotClient({ token: TOKEN, baseUrl: ruled.url, pacing: 'bulk' }));
    const made = must(await crm.batchCreate('contacts', [1, 2, 3].map((i) => ({ properties: { email: `ruled${i}@example.com`, jobtitle: 'CTO' } }))));
    ids = [0, 1, 2].map((i) => made.created.get(i)?.id ?? '');
  });
  afterAll(() => ruled.close());

  const refusal = `HubSpot refused the update: the portal's rule on Job Title requires at most 20 characters (value "${LONG}").`;

  it('an update is VALIDATION_RULE naming the property, its label, the rule and the value, and is not retried', async () => {
    ruled.clearRequestLog();
    const r = await crm.update('contacts', ids[0] ?? '', { jobtitle: LONG });
    expect(!r.ok && r.error).toMatchObject({
      code: 'VALIDATION_RULE',
      retryable: false,
      message: refusal,
      rules: [{ propertyName: 'jobtitle', propertyLabel: 'Job Title', ruleType: 'MAX_LENGTH', rule: 'at most 20 characters', value: LONG }],
    });
    expect(ruled.requestLog()).toHaveLength(1);
    expect(ruled.store.get('contacts', ids[0] ?? '')?.properties.jobtitle).toBe('CTO');
  });

  it('a batch update fails only the refused row, with that error, and writes the others', async () => {
    const out = must(
      await crm.batchUpdate('contacts', [
        { id: ids[0] ?? '', properties: { jobtitle: 'CFO' } },
        { id: ids[1] ?? '', properties: { jobtitle: LONG } },
        { id: ids[2] ?? '', properties: { jobtitle: 'COO' } },
      ]),
    );
    expect(out.records.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(out.failures).toEqual([{ ids: [ids[1]], error: expect.objectContaining({ code: 'VALIDATION_RULE', message: refusal }) as unknown }]);
    expect(ruled.store.get('contacts', ids[2] ?? '')?.properties.jobtitle).toBe('COO');
  });

  it('a batch of one (sent as a PATCH) fails its row, not the whole batch', async () => {
    const out = must(await crm.batchUpdate('contacts', [{ id: ids[1] ?? '', properties: { jobtitle: LONG } }]));
    expect(out.records).toEqual([]);
    expect(out.failures[0]?.error.code).toBe('VALIDATION_RULE');
  });

  it('a refused row of a batch create is a failure at its position, naming the value', async () => {
    const out = must(await crm.batchCreate('contacts', [{ properties: { email: 'fine@example.com', jobtitle: 'VP' } }, { properties: { email: 'long@example.com', jobtitle: LONG } }]));
    expect([...out.created.keys()]).toEqual([0]);
    expect(out.failures).toEqual([{ ids: ['1'], error: expect.objectContaining({ code: 'VALIDATION_RULE', message: refusal.replace('the update', 'the new record') }) as unknown }]);
  });
});
