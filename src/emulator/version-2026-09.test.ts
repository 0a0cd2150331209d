/** The 2026-09 paths: the same operations as v3/v4, answering the 2026-09 specs where those differ; custom objects. */
import { raw, startHarness, type Harness } from './emulator.test-helpers';

const O = '/crm/objects/2026-09';
const A = '/crm/associations/2026-09';
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ tokens: [{ token: 'pat-local-custom-read', scopes: ['crm.objects.custom.read', 'crm.schemas.custom.read'] }] });
});
afterEach(async () => {
  await h.emu.close();
});

async function contactAndCompany(): Promise<[string, string]> {
  const c = await raw(h.emu, 'POST', `${O}/contacts`, { body: { properties: { email: 'v@example.com' }, associations: [] } });
  const co = await raw(h.emu, 'POST', `${O}/companies`, { body: { properties: { name: 'V Inc' }, associations: [] } });
  return [String(c.json?.id), String(co.json?.id)];
}

describe('one handler per operation, both versions', () => {
  it('reads on 2026-09 what was written on v3, and answers with a correlation id', async () => {
    const created = await raw(h.emu, 'POST', '/crm/v3/objects/contacts', { body: { properties: { email: 'both@example.com' } } });
    const read = await raw(h.emu, 'GET', `${O}/contacts/${String(created.json?.id)}?properties=email`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id: created.json?.id, properties: { email: 'both@example.com' } });
    expect(read.headers.get('x-hubspot-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts 2026-09 calls in the same rate-limit classes as v3/v4', async () => {
    const limited = await startHarness({ rateLimit: 'professional' });
    try {
      const get = await raw(limited.emu, 'GET', `${O}/contacts?limit=1`);
      expect(get.headers.get('x-hubspot-ratelimit-max')).toBe('190');
      const search = await raw(limited.emu, 'POST', `${O}/contacts/search`, { body: { filterGroups: [] } });
      expect(search.headers.get('x-hubspot-ratelimit-max')).toBeNull();
      await raw(limited.emu, 'POST', `${A}/contacts/companies/batch/read`, { body: { inputs: [] } });
      expect(limited.emu.requestLog().map((e) => e.limitClass)).toEqual(['ten_secondly', 'search', 'association_batch']);
    } finally {
      await limited.emu.close();
    }
  });
});

describe('where 2026-09 differs from v4', () => {
  it('sends association record ids as strings and leaves the label of unlabeled types out', async () => {
    const [c, co] = await contactAndCompany();
    await raw(h.emu, 'PUT', `${O}/contacts/${c}/associations/default/companies/${co}`);
    expect((await raw(h.emu, 'GET', `${O}/contacts/${c}/associations/companies`)).json).toEqual({
      results: [{ toObjectId: co, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }],
    });
    expect((await raw(h.emu, 'GET', `/crm/v4/objects/contacts/${c}/associations/companies`)).json).toEqual({
      results: [{ toObjectId: Number(co), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] }],
    });
    const labelled = await raw(h.emu, 'PUT', `${O}/contacts/${c}/associations/companies/${co}`, { body: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] });
    expect(labelled.json).toEqual({ fromObjectTypeId: '0-1', fromObjectId: c, toObjectTypeId: '0-2', toObjectId: co, labels: ['Primary'] });
  });

  it('answers association batch create 200 (v4: 201) and both batch archives 200 with a batch body (v4: 204)', async () => {
    const [c, co] = await contactAndCompany();
    const input = { from: { id: c }, to: { id: co }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] };
    expect((await raw(h.emu, 'POST', `${A}/contacts/companies/batch/create`, { body: { inputs: [input] } })).status).toBe(200);
    expect((await raw(h.emu, 'POST', '/crm/v4/associations/contacts/companies/batch/create', { body: { inputs: [input] } })).status).toBe(201);
    const labels = await raw(h.emu, 'POST', `${A}/contacts/companies/batch/labels/archive`, { body: { inputs: [input] } });
    expect(labels.status).toBe(200);
    expect(labels.json).toMatchObject({ status: 'COMPLETE', results: [] });
    const archive = await raw(h.emu, 'POST', `${A}/contacts/companies/batch/archive`, { body: { inputs: [{ from: { id: c }, to: [{ id: co }] }] } });
    expect(archive.status).toBe(200);
    expect((await raw(h.emu, 'POST', '/crm/v4/associations/contacts/companies/batch/archive', { body: { inputs: [{ from: { id: c }, to: [{ id: co }] }] } })).status).toBe(204);
    expect(h.emu.store.associations('contacts', c, 'companies')).toEqual([]);
  });

  it('reports a record without associations as a 207 row that says so, without a string subCategory', async () => {
    const [c] = await contactAndCompany();
    const r = await raw(h.emu, 'POST', `${A}/contacts/companies/batch/read`, { body: { inputs: [{ id: c }] } });
    expect(r.status).toBe(207);
    const row = (r.json?.errors as Record<string, unknown>[])[0];
    expect(row).toMatchObject({ category: 'OBJECT_NOT_FOUND', message: expect.stringMatching(/^No associations found/) as unknown, context: { fromObjectId: [c] } });
    expect(row).not.toHaveProperty('subCategory');
  });

  it('answers property batch create 200 (v3: 201)', async () => {
    const prop = (name: string) => ({ inputs: [{ name, label: name, type: 'string', fieldType: 'text', groupName: 'contactinformation' }] });
    expect((await raw(h.emu, 'POST', '/crm/properties/2026-09/contacts/batch/create', { body: prop('lead_ops_a') })).status).toBe(200);
    expect((await raw(h.emu, 'POST', '/crm/v3/properties/contacts/batch/create', { body: prop('lead_ops_b') })).status).toBe(201);
  });

  it('leaves an archived owner’s user id out (v3: null)', async () => {
    const demo = await startHarness({ seed: 'demo' });
    try {
      const v3 = (await raw(demo.emu, 'GET', '/crm/v3/owners/?archived=true')).json?.results as Record<string, unknown>[];
      const dated = (await raw(demo.emu, 'GET', '/crm/owners/2026-09?archived=true')).json?.results as Record<string, unknown>[];
      expect(v3.length).toBeGreaterThan(0);
      expect(v3[0]).toHaveProperty('userId', null);
      expect(dated[0]).not.toHaveProperty('userId');
      expect(dated[0]).toHaveProperty('userIdIncludingInactive', v3[0]?.userIdIncludingInactive);
    } finally {
      await demo.emu.close();
    }
  });
});

describe('custom object schemas and records', () => {
  const schema = {
    name: 'routing_rule',
    labels: { singular: 'Routing rule', plural: 'Routing rules' },
    primaryDisplayProperty: 'rule_name',
    requiredProperties: ['rule_name'],
    searchableProperties: ['rule_name'],
    associatedObjects: ['CONTACT'],
    properties: [
      { name: 'rule_name', label: 'Rule name', type: 'string', fieldType: 'text' },
      { name: 'weight', label: 'Weight', type: 'number', fieldType: 'number' },
    ],
  };

  it('creates a schema whose records live behind the objects endpoints, by type id or qualified name', async () => {
    const created = await raw(h.emu, 'POST', '/crm-object-schemas/2026-09/schemas', { body: schema });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'routing_rule',
      objectTypeId: expect.stringMatching(/^2-\d+$/) as unknown,
      fullyQualifiedName: 'p24681357_routing_rule',
      requiredProperties: ['rule_name'],
      associations: [{ fromObjectTypeId: created.json?.objectTypeId, toObjectTypeId: '0-1' }],
    });
    const type = String(created.json?.objectTypeId);
    const names = (created.json?.properties as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['hs_object_id', 'hs_createdate', 'rule_name', 'weight']));

    expect((await raw(h.emu, 'POST', `${O}/${type}`, { body: { properties: { weight: '2' }, associations: [] } })).status).toBe(400);
    const rec = await raw(h.emu, 'POST', `${O}/${type}`, { body: { properties: { rule_name: 'Enterprise', weight: '3' }, associations: [] } });
    expect(rec.status).toBe(201);
    const got = await raw(h.emu, 'GET', `${O}/p24681357_routing_rule/${String(rec.json?.id)}`);
    expect(got.json?.properties).toMatchObject({ rule_name: 'Enterprise', hs_object_id: rec.json?.id });
    const found = await raw(h.emu, 'POST', `${O}/${type}/search`, { body: { query: 'Enter' } });
    expect(found.json?.total).toBe(1);
  });

  it('updates a schema and answers its type definition', async () => {
    const type = String((await raw(h.emu, 'POST', '/crm-object-schemas/2026-09/schemas', { body: schema })).json?.objectTypeId);
    const patched = await raw(h.emu, 'PATCH', `/crm-object-schemas/2026-09/schemas/${type}`, { body: { labels: { plural: 'Routing rule set' }, requiredProperties: [] } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ labels: { singular: 'Routing rule', plural: 'Routing rule set' }, requiredProperties: [], portalId: 24681357 });
    expect(patched.json).not.toHaveProperty('properties');
    expect((await raw(h.emu, 'POST', `${O}/${type}`, { body: { properties: { weight: '2' }, associations: [] } })).status).toBe(201);
    expect((await raw(h.emu, 'GET', '/crm-object-schemas/2026-09/schemas')).json?.results).toHaveLength(1);
    expect((await raw(h.emu, 'POST', '/crm-object-schemas/2026-09/schemas', { body: schema })).status).toBe(409);
  });

  it('guards schemas with crm.schemas.custom.* and records with crm.objects.custom.*', async () => {
    const token = 'pat-local-custom-read';
    expect((await raw(h.emu, 'POST', '/crm-object-schemas/2026-09/schemas', { body: schema, token })).status).toBe(403);
    const type = String((await raw(h.emu, 'POST', '/crm-object-schemas/2026-09/schemas', { body: schema })).json?.objectTypeId);
    expect((await raw(h.emu, 'GET', `/crm-object-schemas/2026-09/schemas/${type}`, { token })).status).toBe(200);
    expect((await raw(h.emu, 'GET', `${O}/${type}`, { token })).status).toBe(200);
    const denied = await raw(h.emu, 'POST', `${O}/${type}`, { body: { properties: { rule_name: 'x' }, associations: [] }, token });
    expect(denied.status).toBe(403);
    expect(denied.json?.errors).toEqual([expect.objectContaining({ context: { requiredGranularScopes: ['crm.objects.custom.write'] } })]);
  });

  it('refuses to delete a schema whose object still has records', async () => {
    const type = String((await raw(h.emu, 'POST', '/crm-object-schemas/2026-09/schemas', { body: schema })).json?.objectTypeId);
    const rec = await raw(h.emu, 'POST', `${O}/${type}`, { body: { properties: { rule_name: 'x' }, associations: [] } });
    expect((await raw(h.emu, 'DELETE', `/crm-object-schemas/2026-09/schemas/${type}`)).status).toBe(400);
    await raw(h.emu, 'DELETE', `${O}/${type}/${String(rec.json?.id)}`);
    expect((await raw(h.emu, 'DELETE', `/crm-object-schemas/2026-09/schemas/${type}`)).status).toBe(204);
    expect((await raw(h.emu, 'GET', `/crm-object-schemas/2026-09/schemas/${type}`)).status).toBe(404);
  });
});
