/** Owners, pipelines and properties through the real SDK. */
import { CollectionResponsePublicOwnerForwardPaging, PublicOwner } from '@hubspot/api-client/lib/codegen/crm/owners';
import { CollectionResponsePipelineNoPaging, Pipeline, PipelineStage } from '@hubspot/api-client/lib/codegen/crm/pipelines';
import { CollectionResponsePropertyNoPaging, Property, PropertyGroup } from '@hubspot/api-client/lib/codegen/crm/properties';
import { VirtualClock } from './virtual-clock';
import { DEMO } from './index';
import { failure, raw, startHarness, type Harness } from './emulator.test-helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: new VirtualClock() });
});
afterAll(() => h.emu.close());

describe('owners', () => {
  it('lists active owners with their teams at /crm/v3/owners/ (the SDK path) and /crm/v3/owners', async () => {
    const page = await h.client.crm.owners.ownersApi.getPage();
    expect(page).toBeInstanceOf(CollectionResponsePublicOwnerForwardPaging);
    // The SDK drops the trailing slash when there is no query string and keeps it otherwise.
    expect(h.emu.requestLog().at(-1)?.path).toBe('/crm/v3/owners');
    await h.client.crm.owners.ownersApi.getPage(undefined, undefined, 2);
    expect(h.emu.requestLog().at(-1)).toMatchObject({ path: '/crm/v3/owners/', status: 200 });
    expect(page.results.every((o) => o instanceof PublicOwner && !o.archived && typeof o.userId === 'number')).toBe(true);
    const teams = new Set(page.results.flatMap((o) => o.teams?.map((t) => t.name) ?? []));
    for (const t of Object.values(DEMO.teams)) expect(teams.has(t.name)).toBe(true);
    const noSlash = await raw(h.emu, 'GET', '/crm/v3/owners');
    expect(noSlash.status).toBe(200);
    expect((noSlash.json?.results as unknown[]).length).toBe(page.results.length);
  });

  it('has an owner in "Lead Ops – Away" who is also in a sales team, and the away team as a secondary team', async () => {
    const page = await h.client.crm.owners.ownersApi.getPage();
    const awayAndSelling = page.results.filter((o) => {
      const names = o.teams?.map((t) => t.name) ?? [];
      return names.includes(DEMO.teams.away.name) && names.some((n) => ['Small Business', 'Mid-Market', 'Enterprise'].includes(n));
    });
    expect(awayAndSelling.length).toBeGreaterThanOrEqual(1);
    expect(awayAndSelling[0]?.teams?.find((t) => t.name === DEMO.teams.away.name)?.primary).toBe(false);
  });

  it('archived=true returns only archived owners, with userId null and userIdIncludingInactive kept', async () => {
    const page = await h.client.crm.owners.ownersApi.getPage(undefined, undefined, 100, true);
    expect(page.results.length).toBeGreaterThanOrEqual(1);
    for (const o of page.results) {
      expect(o.archived).toBe(true);
      expect(o.userId).toBeNull();
      expect(o.userIdIncludingInactive).toEqual(expect.any(Number));
    }
  });

  it('filters by email, pages with after, and reads one owner by id or by userId', async () => {
    const all = await h.client.crm.owners.ownersApi.getPage();
    const first = all.results[0];
    const byEmail = await h.client.crm.owners.ownersApi.getPage(first?.email?.toUpperCase());
    expect(byEmail.results.map((o) => o.id)).toEqual([first?.id]);
    const p1 = await h.client.crm.owners.ownersApi.getPage(undefined, undefined, 3);
    expect(p1.results).toHaveLength(3);
    const p2 = await h.client.crm.owners.ownersApi.getPage(undefined, p1.paging?.next?.after, 3);
    expect(p2.results[0]?.id).toBe(all.results[3]?.id);
    const one = await h.client.crm.owners.ownersApi.getById(Number(first?.id));
    expect(one.email).toBe(first?.email);
    const byUser = await h.client.crm.owners.ownersApi.getById(first?.userId ?? 0, 'userId');
    expect(byUser.id).toBe(first?.id);
    expect((await failure(h.client.crm.owners.ownersApi.getById(1))).code).toBe(404);
  });
});

describe('pipelines', () => {
  it('seeds the Support Pipeline "0" with stages 1–4, 4 being CLOSED', async () => {
    const all = await h.client.crm.pipelines.pipelinesApi.getAll('tickets');
    expect(all).toBeInstanceOf(CollectionResponsePipelineNoPaging);
    const p = all.results.find((x) => x.id === '0');
    expect(p).toBeInstanceOf(Pipeline);
    expect(p?.label).toBe('Support Pipeline');
    expect(p?.stages.map((s) => [s.id, s.label, s.metadata?.ticketState])).toEqual([
      ['1', 'New', 'OPEN'],
      ['2', 'Waiting on contact', 'OPEN'],
      ['3', 'Waiting on us', 'OPEN'],
      ['4', 'Closed', 'CLOSED'],
    ]);
    expect(p?.createdAt.getTime()).toBe(0);
  });

  it('seeds the default deal pipeline with probability and isClosed metadata', async () => {
    const p = await h.client.crm.pipelines.pipelinesApi.getById('deals', 'default');
    expect(p.stages.find((s) => s.id === 'closedwon')?.metadata).toEqual({ isClosed: 'true', probability: '1.0' });
  });

  it('creates a pipeline (201) and a stage (201), updates it, and refuses to delete a stage in use', async () => {
    const created = await h.client.crm.pipelines.pipelinesApi.create('tickets', { label: 'Escalations', displayOrder: 1, stages: [{ label: 'Open', displayOrder: 0, metadata: { ticketState: 'OPEN' } }] });
    expect(h.emu.requestLog().at(-1)?.status).toBe(201);
    const stage = await h.client.crm.pipelines.pipelineStagesApi.create('tickets', created.id, { label: 'Done', displayOrder: 1, metadata: { ticketState: 'CLOSED' } });
    expect(stage).toBeInstanceOf(PipelineStage);
    const renamed = await h.client.crm.pipelines.pipelineStagesApi.update('tickets', created.id, stage.id, { label: 'Resolved' });
    expect(renamed.label).toBe('Resolved');
    const t = await h.client.crm.tickets.basicApi.create({ properties: { subject: 'x', hs_pipeline: created.id, hs_pipeline_stage: stage.id }, associations: [] });
    expect(t.properties.closed_date).toBeDefined();
    // The SDK sends no validateReferencesBeforeDelete on stages; send it raw.
    const inUse = await raw(h.emu, 'DELETE', `/crm/v3/pipelines/tickets/${created.id}/stages/${stage.id}?validateReferencesBeforeDelete=true`);
    expect(inUse.status).toBe(400);
    expect(inUse.json).toMatchObject({ category: 'VALIDATION_ERROR', subCategory: 'PipelineError.STAGE_ID_IN_USE', context: { objectIds: [t.id] } });
    await h.client.crm.pipelines.pipelineStagesApi.archive('tickets', created.id, stage.id);
    expect(h.emu.requestLog().at(-1)?.status).toBe(204);
    expect((await failure(h.client.crm.pipelines.pipelineStagesApi.getById('tickets', created.id, stage.id))).code).toBe(404);
  });

  it('requires deal stages to carry a probability', async () => {
    const f = await failure(h.client.crm.pipelines.pipelinesApi.create('deals', { label: 'No prob', displayOrder: 2, stages: [{ label: 'A', displayOrder: 0, metadata: {} }] }));
    expect(f.code).toBe(400);
  });

  it('answers 404 for an unknown pipeline', async () => {
    expect((await failure(h.client.crm.pipelines.pipelinesApi.getById('tickets', 'nope'))).code).toBe(404);
  });
});

describe('properties and groups', () => {
  it('lists the standard properties with HubSpot names, types and field types', async () => {
    const res = await h.client.crm.properties.coreApi.getAll('contacts');
    expect(res).toBeInstanceOf(CollectionResponsePropertyNoPaging);
    const byName = new Map(res.results.map((p) => [p.name, p]));
    expect(byName.get('numemployees')).toMatchObject({ type: 'enumeration', fieldType: 'select' });
    expect(byName.get('numemployees')?.options.map((o) => o.value)).toEqual(['1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+']);
    expect(byName.get('associatedcompanyid')).toMatchObject({ type: 'number' });
    expect(byName.get('hs_analytics_num_page_views')?.modificationMetadata?.readOnlyValue).toBe(true);
    expect(byName.get('hubspot_owner_id')).toMatchObject({ externalOptions: true, options: [] });
    const companies = await h.client.crm.properties.coreApi.getAll('companies');
    expect(companies.results.find((p) => p.name === 'numberofemployees')).toMatchObject({ type: 'number', fieldType: 'number' });
  });

  it('creates a property (201), refuses a duplicate (409 CONFLICT), updates options and archives it (204)', async () => {
    const p = await h.client.crm.properties.coreApi.create('contacts', {
      name: 'lead_ops_band',
      label: 'Band',
      type: 'enumeration' as never,
      fieldType: 'select' as never,
      groupName: 'contactinformation',
      options: [
        { label: 'Hot', value: 'hot', displayOrder: 0, hidden: false },
        { label: 'Cold', value: 'cold', displayOrder: 1, hidden: false },
      ],
    });
    expect(p).toBeInstanceOf(Property);
    expect(h.emu.requestLog().at(-1)?.status).toBe(201);
    const dup = await failure(h.client.crm.properties.coreApi.create('contacts', { name: 'lead_ops_band', label: 'Band', type: 'string' as never, fieldType: 'text' as never, groupName: 'contactinformation' }));
    expect(dup.code).toBe(409);
    expect(dup.body.category).toBe('CONFLICT');
    const c = await h.client.crm.contacts.basicApi.create({ properties: { email: 'band@example.com', lead_ops_band: 'hot' }, associations: [] });
    expect((await failure(h.client.crm.contacts.basicApi.update(c.id, { properties: { lead_ops_band: 'warm' } }))).code).toBe(400);
    await h.client.crm.properties.coreApi.update('contacts', 'lead_ops_band', { options: [{ label: 'Warm', value: 'warm', displayOrder: 0, hidden: false }] });
    await expect(h.client.crm.contacts.basicApi.update(c.id, { properties: { lead_ops_band: 'warm' } })).resolves.toBeDefined();
    await h.client.crm.properties.coreApi.archive('contacts', 'lead_ops_band');
    expect(h.emu.requestLog().at(-1)?.status).toBe(204);
    expect((await failure(h.client.crm.properties.coreApi.getByName('contacts', 'lead_ops_band'))).code).toBe(404);
  });

  it.each([
    ['a type/fieldType pair that does not exist', { type: 'number', fieldType: 'text' }],
    ['an unknown type', { type: 'money', fieldType: 'number' }],
    ['a group that does not exist', { type: 'string', fieldType: 'text', groupName: 'nope' }],
    ['a name with capitals', { type: 'string', fieldType: 'text', name: 'LeadOps' }],
    ['the hs_ prefix', { type: 'string', fieldType: 'text', name: 'hs_mine' }],
  ])('refuses %s with 400', async (_name, over) => {
    const f = await failure(h.client.crm.properties.coreApi.create('contacts', { name: 'x_prop', label: 'X', groupName: 'contactinformation', ...over } as never));
    expect(f.code).toBe(400);
  });

  it('refuses to archive a HubSpot-defined property', async () => {
    expect((await failure(h.client.crm.properties.coreApi.archive('contacts', 'email'))).code).toBe(400);
  });

  it('batch creates (201 / 207) and reads (200 / 207) properties', async () => {
    const res = await h.client.crm.properties.batchApi.create('companies', {
      inputs: [
        { name: 'lead_ops_tier', label: 'Tier', type: 'string' as never, fieldType: 'text' as never, groupName: 'companyinformation' },
        { name: 'lead_ops_bad', label: 'Bad', type: 'number' as never, fieldType: 'select' as never, groupName: 'companyinformation' },
      ],
    });
    expect(h.emu.requestLog().at(-1)?.status).toBe(207);
    expect(res.results.map((p) => p.name)).toEqual(['lead_ops_tier']);
    await h.client.crm.properties.batchApi.read('companies', { inputs: [{ name: 'lead_ops_tier' }, { name: 'numberofemployees' }], archived: false });
    expect(h.emu.requestLog().at(-1)?.status).toBe(200);
    await h.client.crm.properties.batchApi.read('companies', { inputs: [{ name: 'lead_ops_bad' }], archived: false });
    expect(h.emu.requestLog().at(-1)?.status).toBe(207);
  });

  it('creates (201), reads, updates and archives property groups; a duplicate group is a 409', async () => {
    const g = await h.client.crm.properties.groupsApi.create('contacts', { name: 'lead_ops', label: 'Lead Ops', displayOrder: 10 });
    expect(g).toBeInstanceOf(PropertyGroup);
    expect(h.emu.requestLog().at(-1)?.status).toBe(201);
    expect((await failure(h.client.crm.properties.groupsApi.create('contacts', { name: 'lead_ops', label: 'Again' }))).code).toBe(409);
    expect((await h.client.crm.properties.groupsApi.getByName('contacts', 'lead_ops')).label).toBe('Lead Ops');
    expect((await h.client.crm.properties.groupsApi.update('contacts', 'lead_ops', { label: 'Lead Ops 2' })).label).toBe('Lead Ops 2');
    const all = await h.client.crm.properties.groupsApi.getAll('contacts');
    expect(all.results.map((x) => x.name)).toContain('lead_ops');
    await h.client.crm.properties.groupsApi.archive('contacts', 'lead_ops');
    expect((await failure(h.client.crm.properties.groupsApi.getByName('contacts', 'lead_ops'))).code).toBe(404);
  });
});
