/** Associations v4 through the real SDK: list and paging, default and labelled writes, batches, primary rules. */
import {
  AssociationSpecAssociationCategoryEnum as Category,
  BatchResponsePublicAssociationMultiWithLabel,
  BatchResponsePublicAssociationMultiWithLabelWithErrors,
  BatchResponsePublicDefaultAssociation,
  CollectionResponseMultiAssociatedObjectWithLabelForwardPaging,
  LabelsBetweenObjectPair,
} from '@hubspot/api-client/lib/codegen/crm/associations/v4';
import { VirtualClock } from './virtual-clock';
import { failure, startHarness, type Harness } from './emulator.test-helpers';
import { ASSOCIATION_TYPES } from './associations/association-types';

let h: Harness;
const clock = new VirtualClock();
const v4 = () => h.client.crm.associations.v4;
const spec = (associationTypeId: number) => ({ associationCategory: Category.HubspotDefined, associationTypeId });

beforeAll(async () => {
  h = await startHarness({ clock, rateLimit: 'professional' });
});
afterAll(() => h.emu.close());
// Each test starts with a fresh 10-second window.
beforeEach(() => clock.advance(10_000));

let n = 0;
const newContact = async () => (await h.client.crm.contacts.basicApi.create({ properties: { email: `a${++n}@example.com` }, associations: [] })).id;
const newCompany = async () => (await h.client.crm.companies.basicApi.create({ properties: { name: `Co ${++n}` }, associations: [] })).id;

describe('single-pair endpoints', () => {
  it('PUT default answers 200 with both directions, unlabeled only (279 / 280)', async () => {
    const c = await newContact();
    const co = await newCompany();
    const res = await v4().basicApi.createDefault('contacts', c, 'companies', co);
    expect(res).toBeInstanceOf(BatchResponsePublicDefaultAssociation);
    expect(h.emu.requestLog().at(-1)?.status).toBe(200);
    expect(res.results.map((r) => [r._from.id, r.to.id, r.associationSpec.associationTypeId])).toEqual([
      [c, co, 279],
      [co, c, 280],
    ]);
    expect(h.emu.store.get('contacts', c)?.properties.associatedcompanyid).toBeUndefined();
  });

  it('PUT labelled answers 201 with the labels; the primary comes back as typeId 1 "Primary" beside 279', async () => {
    const c = await newContact();
    const co = await newCompany();
    const res = await v4().basicApi.create('contacts', c, 'companies', co, [spec(1)]);
    expect(res).toBeInstanceOf(LabelsBetweenObjectPair);
    expect(h.emu.requestLog().at(-1)?.status).toBe(201);
    expect(res).toMatchObject({ fromObjectTypeId: '0-1', fromObjectId: Number(c), toObjectTypeId: '0-2', toObjectId: Number(co), labels: ['Primary'] });
    const page = await v4().basicApi.getPage('contacts', c, 'companies');
    expect(page).toBeInstanceOf(CollectionResponseMultiAssociatedObjectWithLabelForwardPaging);
    expect(page.results).toEqual([
      {
        toObjectId: Number(co),
        associationTypes: [
          { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
          { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
        ],
      },
    ]);
    expect(page.paging).toBeUndefined();
    const reverse = await v4().basicApi.getPage('company', co, 'contact');
    expect(reverse.results[0]?.associationTypes.map((t) => t.typeId)).toEqual([2, 280]);
  });

  it('a labelled PUT replaces the labels on the pair, and DELETE removes every type (204)', async () => {
    const c = await newContact();
    const co = await newCompany();
    await v4().basicApi.create('contacts', c, 'companies', co, [spec(1)]);
    await v4().basicApi.create('contacts', c, 'companies', co, [spec(279)]);
    expect(h.emu.store.associations('contacts', c, 'companies')).toEqual([{ toId: co, typeIds: [279] }]);
    await v4().basicApi.archive('contacts', c, 'companies', co);
    expect(h.emu.requestLog().at(-1)?.status).toBe(204);
    expect(h.emu.store.associations('contacts', c, 'companies')).toEqual([]);
    expect(h.emu.store.associations('companies', co, 'contacts')).toEqual([]);
  });

  it('keeps one primary company per contact', async () => {
    const c = await newContact();
    const [a, b] = [await newCompany(), await newCompany()];
    await v4().basicApi.create('contacts', c, 'companies', a, [spec(1)]);
    await v4().basicApi.create('contacts', c, 'companies', b, [spec(1)]);
    expect(h.emu.store.associations('contacts', c, 'companies')).toEqual([
      { toId: a, typeIds: [279] },
      { toId: b, typeIds: [1, 279] },
    ]);
  });

  it.each([
    ['a type of another pair (note→contact 202 on contact→company)', 202],
    ['an unknown type id', 999_999],
  ])('refuses %s with 400', async (_name, typeId) => {
    const f = await failure(v4().basicApi.create('contacts', await newContact(), 'companies', await newCompany(), [spec(typeId)]));
    expect(f.code).toBe(400);
  });

  it('refuses to associate a record that does not exist', async () => {
    expect((await failure(v4().basicApi.createDefault('contacts', await newContact(), 'companies', '999999999'))).code).toBe(400);
  });

  it('uses the directional ids: note→contact 202 / contact→note 201, contact→ticket 15 / ticket→contact 16', async () => {
    const c = await newContact();
    const note = await h.client.crm.objects.notes.basicApi.create({ properties: { hs_timestamp: '2026-01-01T00:00:00Z' }, associations: [] });
    const ticket = await h.client.crm.tickets.basicApi.create({ properties: { subject: 's', hs_pipeline_stage: '1' }, associations: [] });
    await v4().basicApi.createDefault('notes', note.id, 'contacts', c);
    await v4().basicApi.createDefault('contacts', c, 'tickets', ticket.id);
    expect(h.emu.store.associations('notes', note.id, 'contacts')[0]?.typeIds).toEqual([202]);
    expect(h.emu.store.associations('contacts', c, 'notes')[0]?.typeIds).toEqual([201]);
    expect(h.emu.store.associations('contacts', c, 'tickets')[0]?.typeIds).toEqual([15]);
    expect(h.emu.store.associations('tickets', ticket.id, 'contacts')[0]?.typeIds).toEqual([16]);
  });

  it('pages a long list: default limit 500, then paging.next.after until the last page has none', async () => {
    const co = await newCompany();
    const portal = h.emu.store.portal;
    for (let i = 0; i < 620; i++) {
      const t = portal.seed('0-5', { subject: `t${i}`, hs_pipeline: '0', hs_pipeline_stage: '1' }, { createdAt: 0 });
      portal.associate('0-5', t.id, '0-2', co, ASSOCIATION_TYPES.filter((x) => x.id === 339));
    }
    const first = await v4().basicApi.getPage('companies', co, 'tickets');
    expect(first.results).toHaveLength(500);
    const second = await v4().basicApi.getPage('companies', co, 'tickets', first.paging?.next?.after);
    expect(second.results).toHaveLength(120);
    expect(second.paging).toBeUndefined();
    const small = await v4().basicApi.getPage('companies', co, 'tickets', undefined, 100);
    expect(small.results).toHaveLength(100);
    expect(new Set([...first.results, ...second.results].map((r) => r.toObjectId)).size).toBe(620);
  });
});

describe('batch endpoints', () => {
  it('batch read answers 200 for records with associations, 207 with NO_ASSOCIATIONS errors for those without', async () => {
    const c1 = await newContact();
    const c2 = await newContact();
    const co = await newCompany();
    await v4().basicApi.create('contacts', c1, 'companies', co, [spec(1)]);
    const ok = await v4().batchApi.getPage('contacts', 'companies', { inputs: [{ id: c1 }] });
    expect(ok).toBeInstanceOf(BatchResponsePublicAssociationMultiWithLabel);
    expect(ok.results[0]).toMatchObject({ _from: { id: c1 }, to: [{ toObjectId: Number(co) }] });
    const partial = (await v4().batchApi.getPage('contacts', 'companies', { inputs: [{ id: c1 }, { id: c2 }] })) as BatchResponsePublicAssociationMultiWithLabelWithErrors;
    expect(h.emu.requestLog().at(-1)?.status).toBe(207);
    expect(partial.numErrors).toBe(1);
    expect(partial.errors?.[0]?.context).toEqual({ fromObjectId: [c2] });
  });

  it('batch read takes at most 1,000 inputs', async () => {
    const inputs = Array.from({ length: 1001 }, (_, i) => ({ id: String(i + 1) }));
    expect((await failure(v4().batchApi.getPage('contacts', 'companies', { inputs }))).code).toBe(400);
  });

  it('batch create answers 201 with labels; invalid rows make a 207', async () => {
    const c = await newContact();
    const co = await newCompany();
    const res = await v4().batchApi.create('contacts', 'companies', { inputs: [{ _from: { id: c }, to: { id: co }, types: [spec(1)] }] });
    expect(h.emu.requestLog().at(-1)?.status).toBe(201);
    expect(res.results[0]).toMatchObject({ fromObjectId: Number(c), toObjectId: Number(co), labels: ['Primary'] });
    await v4().batchApi.create('contacts', 'companies', { inputs: [{ _from: { id: c }, to: { id: '999999999' }, types: [spec(279)] }] });
    expect(h.emu.requestLog().at(-1)?.status).toBe(207);
  });

  it('batch associate default answers 200; batch archive and labels archive answer 204', async () => {
    const c = await newContact();
    const co = await newCompany();
    const res = await v4().batchApi.createDefault('contacts', 'companies', { inputs: [{ _from: { id: c }, to: { id: co } }] });
    expect(h.emu.requestLog().at(-1)?.status).toBe(200);
    expect(res.results.map((r) => r.associationSpec.associationTypeId)).toEqual([279, 280]);
    await v4().basicApi.create('contacts', c, 'companies', co, [spec(279), spec(1)]);
    await v4().batchApi.archiveLabels('contacts', 'companies', { inputs: [{ _from: { id: c }, to: { id: co }, types: [spec(1)] }] });
    expect(h.emu.requestLog().at(-1)?.status).toBe(204);
    expect(h.emu.store.associations('contacts', c, 'companies')).toEqual([{ toId: co, typeIds: [279] }]);
    await v4().batchApi.archive('contacts', 'companies', { inputs: [{ _from: { id: c }, to: [{ id: co }] }] });
    expect(h.emu.store.associations('contacts', c, 'companies')).toEqual([]);
  });

  it('removing the unlabeled type removes every label between the pair', async () => {
    const c = await newContact();
    const co = await newCompany();
    await v4().basicApi.create('contacts', c, 'companies', co, [spec(1)]);
    await v4().batchApi.archiveLabels('contacts', 'companies', { inputs: [{ _from: { id: c }, to: { id: co }, types: [spec(279)] }] });
    expect(h.emu.store.associations('contacts', c, 'companies')).toEqual([]);
  });

  it('batch calls sit outside the 10-second window and carry no rate-limit headers; single calls count', async () => {
    const c = await newContact();
    await v4().batchApi.getPage('contacts', 'companies', { inputs: [{ id: c }] });
    const batch = await fetch(`${h.emu.url}/crm/v4/associations/contacts/companies/batch/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ id: c }] }),
    });
    expect(batch.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
    const single = await fetch(`${h.emu.url}/crm/v4/objects/contacts/${c}/associations/companies`, { headers: { authorization: `Bearer ${h.emu.token}` } });
    expect(single.headers.get('x-hubspot-ratelimit-max')).toBe('190');
    expect(h.emu.requestLog().at(-2)?.limitClass).toBe('association_batch');
  });

  it('lists the association types between two objects', async () => {
    const res = await fetch(`${h.emu.url}/crm/v4/associations/contacts/companies/labels`, { headers: { authorization: `Bearer ${h.emu.token}` } });
    const body = (await res.json()) as { results: { typeId: number; label: string | null }[] };
    expect(body.results).toEqual([
      { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
      { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
    ]);
  });
});

describe('configurable default primary', () => {
  it('with defaultAssociationSetsPrimary, the first default company becomes the primary', async () => {
    const h2 = await startHarness({ defaultAssociationSetsPrimary: true });
    try {
      const c = (await h2.client.crm.contacts.basicApi.create({ properties: { email: 'p@example.com' }, associations: [] })).id;
      const a = (await h2.client.crm.companies.basicApi.create({ properties: { name: 'A' }, associations: [] })).id;
      const b = (await h2.client.crm.companies.basicApi.create({ properties: { name: 'B' }, associations: [] })).id;
      await h2.client.crm.associations.v4.basicApi.createDefault('contacts', c, 'companies', a);
      await h2.client.crm.associations.v4.basicApi.createDefault('contacts', c, 'companies', b);
      expect(h2.emu.store.get('contacts', c)?.properties.associatedcompanyid).toBe(a);
    } finally {
      await h2.emu.close();
    }
  });
});
