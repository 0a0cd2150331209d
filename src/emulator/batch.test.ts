/** Batch endpoints of CRM objects v3 through the real SDK: 100-input limit, 207 partial results, trace ids. */
import { BatchResponseSimplePublicObject, BatchResponseSimplePublicObjectWithErrors, BatchResponseSimplePublicUpsertObject } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { VirtualClock } from './virtual-clock';
import { failure, startHarness, type Harness } from './emulator.test-helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock: new VirtualClock() });
});
afterAll(() => h.emu.close());

const contacts = () => h.client.crm.contacts.batchApi;
let n = 0;
const email = () => `batch${++n}@example.com`;

describe('batch create', () => {
  it('creates up to 100 records in one call and answers 201 with the typed batch model', async () => {
    const inputs = Array.from({ length: 100 }, () => ({ properties: { email: email() }, associations: [] }));
    const res = await contacts().create({ inputs });
    expect(res).toBeInstanceOf(BatchResponseSimplePublicObject);
    expect(res.status).toBe('COMPLETE');
    expect(res.results).toHaveLength(100);
    expect(res.startedAt).toBeInstanceOf(Date);
    expect(h.emu.requestLog().at(-1)).toMatchObject({ status: 201, operation: 'objects.batchCreate' });
  });

  it('refuses 101 inputs with 400 VALIDATION_ERROR and creates nothing', async () => {
    const before = h.emu.store.list('contacts').length;
    const inputs = Array.from({ length: 101 }, () => ({ properties: { email: email() }, associations: [] }));
    const f = await failure(contacts().create({ inputs }));
    expect(f.code).toBe(400);
    expect(f.body.category).toBe('VALIDATION_ERROR');
    expect(h.emu.store.list('contacts').length).toBe(before);
  });

  it('without trace ids one bad input fails the whole call (nothing is created)', async () => {
    const before = h.emu.store.list('contacts').length;
    const f = await failure(contacts().create({ inputs: [{ properties: { email: email() }, associations: [] }, { properties: { nope: 'x' }, associations: [] }] }));
    expect(f.code).toBe(400);
    expect(h.emu.store.list('contacts').length).toBe(before);
  });

  it('an email that exists fails the whole batch with one 409 naming the first conflict', async () => {
    const existing = await h.client.crm.contacts.basicApi.create({ properties: { email: 'taken@example.com' }, associations: [] });
    const f = await failure(contacts().create({ inputs: [{ properties: { email: email() }, associations: [] }, { properties: { email: 'taken@example.com' }, associations: [] }] }));
    expect(f.code).toBe(409);
    expect(f.body.message).toBe(`Contact already exists. Existing ID: ${existing.id}`);
  });

  it('with a distinct objectWriteTraceId on every input: 207 per row, the trace id echoed on results and errors', async () => {
    const ok = email();
    const res = await contacts().create({
      inputs: [
        { properties: { email: ok }, associations: [], objectWriteTraceId: 'row-1' },
        { properties: { email: 'taken@example.com' }, associations: [], objectWriteTraceId: 'row-2' },
        { properties: { lifecyclestage: 'nope' }, associations: [], objectWriteTraceId: 'row-3' },
      ],
    });
    expect(res).toBeInstanceOf(BatchResponseSimplePublicObjectWithErrors);
    expect(h.emu.requestLog().at(-1)?.status).toBe(207);
    const r = res as BatchResponseSimplePublicObjectWithErrors;
    expect(r.numErrors).toBe(2);
    expect(r.results.map((x) => [x.properties.email, x.objectWriteTraceId])).toEqual([[ok, 'row-1']]);
    expect(r.errors?.map((e) => [e.category, e.context.objectWriteTraceId])).toEqual([
      ['CONFLICT', ['row-2']],
      ['VALIDATION_ERROR', ['row-3']],
    ]);
  });
});

describe('batch read', () => {
  it('reads by id with properties and history; unknown ids make a 207 with OBJECT_NOT_FOUND', async () => {
    const made = await contacts().create({ inputs: [{ properties: { email: email(), jobtitle: 'A' }, associations: [] }, { properties: { email: email(), jobtitle: 'B' }, associations: [] }] });
    const ids = made.results.map((r) => r.id);
    const res = await contacts().read({ inputs: ids.map((id) => ({ id })), properties: ['jobtitle'], propertiesWithHistory: ['jobtitle'] });
    expect(h.emu.requestLog().at(-1)?.status).toBe(200);
    expect(res.results.map((r) => r.properties.jobtitle).sort()).toEqual(['A', 'B']);
    expect(res.results[0]?.propertiesWithHistory?.jobtitle?.[0]?.timestamp).toBeInstanceOf(Date);
    const partial = (await contacts().read({ inputs: [{ id: ids[0] ?? '' }, { id: '999999999' }], properties: [], propertiesWithHistory: [] })) as BatchResponseSimplePublicObjectWithErrors;
    expect(h.emu.requestLog().at(-1)?.status).toBe(207);
    expect(partial.numErrors).toBe(1);
    expect(partial.errors?.[0]).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['999999999'] } });
    expect(partial.errors?.[0]?.message).toBe('Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.');
  });

  it('reads by email with idProperty', async () => {
    const e = email();
    const made = await h.client.crm.contacts.basicApi.create({ properties: { email: e }, associations: [] });
    const res = await contacts().read({ inputs: [{ id: e.toUpperCase() }], idProperty: 'email', properties: ['email'], propertiesWithHistory: [] });
    expect(res.results[0]?.id).toBe(made.id);
  });
});

describe('batch update, upsert, archive', () => {
  it('updates several records; a missing id becomes a 207 row and the others are applied', async () => {
    const made = await contacts().create({ inputs: [{ properties: { email: email() }, associations: [] }, { properties: { email: email() }, associations: [] }] });
    const [a, b] = made.results.map((r) => r.id);
    const res = (await contacts().update({
      inputs: [
        { id: a ?? '', properties: { jobtitle: 'Updated' } },
        { id: '999999999', properties: { jobtitle: 'Nobody' } },
        { id: b ?? '', properties: { jobtitle: 'Updated too' } },
      ],
    })) as BatchResponseSimplePublicObjectWithErrors;
    expect(h.emu.requestLog().at(-1)?.status).toBe(207);
    expect(res.results.map((r) => r.properties.jobtitle)).toEqual(['Updated', 'Updated too']);
    expect(res.errors?.[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['999999999'] } });
  });

  it('refuses duplicate ids in one batch and a bad value fails the whole batch', async () => {
    const made = await h.client.crm.contacts.basicApi.create({ properties: { email: email() }, associations: [] });
    const dup = await failure(contacts().update({ inputs: [{ id: made.id, properties: { jobtitle: 'x' } }, { id: made.id, properties: { jobtitle: 'y' } }] }));
    expect(dup.code).toBe(400);
    expect(dup.body.message).toBe(`Duplicate IDs found in batch input: [${made.id}]. IDs must be unique`);
    const bad = await failure(contacts().update({ inputs: [{ id: made.id, properties: { hs_lead_status: 'nope' } }] }));
    expect(bad.code).toBe(400);
    expect(h.emu.store.get('contacts', made.id)?.properties.hs_lead_status).toBeUndefined();
  });

  it('upserts by email: creates the missing, updates the existing, marks which is new', async () => {
    const existing = await h.client.crm.contacts.basicApi.create({ properties: { email: 'upsert-old@example.com' }, associations: [] });
    const res = await contacts().upsert({
      inputs: [
        { id: 'upsert-old@example.com', idProperty: 'email', properties: { jobtitle: 'Old' } },
        { id: 'upsert-new@example.com', idProperty: 'email', properties: { jobtitle: 'New' } },
      ],
    });
    expect(res).toBeInstanceOf(BatchResponseSimplePublicUpsertObject);
    const byEmail = Object.fromEntries(res.results.map((r) => [r.properties.email, r]));
    expect(byEmail['upsert-old@example.com']).toMatchObject({ id: existing.id, _new: false });
    expect(byEmail['upsert-new@example.com']?._new).toBe(true);
    expect(byEmail['upsert-new@example.com']?.properties.jobtitle).toBe('New');
  });

  it('archives in batch with 204, including ids that do not exist', async () => {
    const made = await contacts().create({ inputs: [{ properties: { email: email() }, associations: [] }] });
    await expect(contacts().archive({ inputs: [{ id: made.results[0]?.id ?? '' }, { id: '999999999' }] })).resolves.toBeUndefined();
    expect(h.emu.requestLog().at(-1)?.status).toBe(204);
    expect(h.emu.store.get('contacts', made.results[0]?.id ?? '')?.archived).toBe(true);
  });
});
