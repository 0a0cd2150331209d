/**
 * CRM objects v3 through the real `@hubspot/api-client`: reads, paging, writes, validation, system properties
 * and property history.
 */
import { SimplePublicObject, SimplePublicObjectWithAssociations } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { CollectionResponseSimplePublicObjectWithAssociationsForwardPaging } from '@hubspot/api-client/lib/codegen/crm/companies';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4';
import { VirtualClock } from './virtual-clock';
import { failure, startHarness, type Harness } from './emulator.test-helpers';

let h: Harness;
let clock: VirtualClock;
const T0 = Date.parse('2026-11-25T09:00:00.000Z');

beforeAll(async () => {
  clock = new VirtualClock(T0);
  h = await startHarness({ clock });
});
afterAll(() => h.emu.close());

const contact = (properties: Record<string, string>) => h.client.crm.contacts.basicApi.create({ properties, associations: [] });
const company = (properties: Record<string, string>) => h.client.crm.companies.basicApi.create({ properties, associations: [] });

describe('create', () => {
  it('answers 201 with the typed model: dates are Dates, values strings, system properties set', async () => {
    const c = await contact({ email: 'Ada@Example.COM', firstname: 'Ada', hs_lead_status: 'NEW' });
    expect(c).toBeInstanceOf(SimplePublicObject);
    expect(c.createdAt).toBeInstanceOf(Date);
    expect(c.createdAt.toISOString()).toBe(new Date(clock.now()).toISOString());
    expect(c.properties).toMatchObject({
      email: 'ada@example.com',
      firstname: 'Ada',
      hs_lead_status: 'NEW',
      hs_object_id: c.id,
      hs_email_domain: 'example.com',
      createdate: new Date(clock.now()).toISOString(),
      lastmodifieddate: new Date(clock.now()).toISOString(),
    });
    expect(Number(c.id)).toBeGreaterThan(0);
    expect(h.emu.requestLog().at(-1)).toMatchObject({ method: 'POST', path: '/crm/v3/objects/contacts', status: 201, operation: 'objects.create' });
  });

  it('refuses a second contact with the same email: 409 CONFLICT with the existing id in the text', async () => {
    const first = await contact({ email: 'dup@example.com' });
    const f = await failure(contact({ email: 'DUP@example.com' }));
    expect(f.code).toBe(409);
    expect(f.body).toMatchObject({ status: 'error', category: 'CONFLICT', message: `Contact already exists. Existing ID: ${first.id}` });
    expect(f.body.correlationId).toBe(f.headers['x-hubspot-correlation-id']);
  });

  it('does not de-duplicate companies by domain', async () => {
    const a = await company({ name: 'Same', domain: 'same.example' });
    const b = await company({ name: 'Same', domain: 'same.example' });
    expect(a.id).not.toBe(b.id);
  });

  it('uses hs_lastmodifieddate (not lastmodifieddate) on companies', async () => {
    const co = await company({ name: 'Mod Co' });
    expect(co.properties.hs_lastmodifieddate).toBe(new Date(clock.now()).toISOString());
    expect(co.properties).not.toHaveProperty('lastmodifieddate');
  });

  it('accepts object type ids in the path (0-1 contacts, 0-2 companies, 0-3 deals, 0-5 tickets, 0-46 notes)', async () => {
    const made = await h.client.crm.objects.basicApi.create('0-2', { properties: { name: 'By Type Id' }, associations: [] });
    const read = await h.client.crm.companies.basicApi.getById(made.id, ['name']);
    expect(read.properties.name).toBe('By Type Id');
    for (const typeId of ['0-1', '0-3', '0-5', '0-46']) {
      const page = await h.client.crm.objects.basicApi.getPage(typeId, 1);
      expect(Array.isArray(page.results)).toBe(true);
    }
  });

  it('requires hs_timestamp on notes, subject and a stage on tickets, dealname and a stage on deals', async () => {
    const note = await failure(h.client.crm.objects.notes.basicApi.create({ properties: { hs_note_body: 'x' }, associations: [] }));
    expect(note.code).toBe(400);
    expect(JSON.stringify(note.body.errors)).toContain('hs_timestamp');
    const ticket = await failure(h.client.crm.tickets.basicApi.create({ properties: { subject: 'x' }, associations: [] }));
    expect(JSON.stringify(ticket.body.errors)).toContain('hs_pipeline_stage');
    const deal = await failure(h.client.crm.deals.basicApi.create({ properties: { dealname: 'x' }, associations: [] }));
    expect(JSON.stringify(deal.body.errors)).toContain('dealstage');
    const ok = await h.client.crm.objects.notes.basicApi.create({ properties: { hs_note_body: 'x', hs_timestamp: String(T0) }, associations: [] });
    expect(ok.properties.hs_timestamp).toBe('2026-11-25T09:00:00.000Z');
    expect(ok.properties.hs_createdate).toBeDefined();
  });

  it('creates v3 associations given on create (a note on a contact with type 202)', async () => {
    const c = await contact({ email: 'noted@example.com' });
    const note = await h.client.crm.objects.notes.basicApi.create({
      properties: { hs_timestamp: '2026-11-01T10:00:00Z', hs_note_body: 'hello' },
      associations: [{ to: { id: c.id }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 202 }] }],
    });
    expect(h.emu.store.associations('notes', note.id, 'contacts')).toEqual([{ toId: c.id, typeIds: [202] }]);
    expect(h.emu.store.associations('contacts', c.id, 'notes')).toEqual([{ toId: note.id, typeIds: [201] }]);
  });
});

describe('get and list', () => {
  it('returns the default properties, createdate/lastmodifieddate/hs_object_id always, requested ones as null when empty', async () => {
    const c = await contact({ email: 'get@example.com', jobtitle: 'CTO' });
    const dflt = await h.client.crm.contacts.basicApi.getById(c.id);
    expect(dflt).toBeInstanceOf(SimplePublicObjectWithAssociations);
    expect(Object.keys(dflt.properties).sort()).toEqual(['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
    expect(dflt.properties.firstname).toBeNull();
    const asked = await h.client.crm.contacts.basicApi.getById(c.id, ['jobtitle', 'city', 'no_such_property']);
    expect(asked.properties).toEqual({ jobtitle: 'CTO', city: null, createdate: expect.any(String), hs_object_id: c.id, lastmodifieddate: expect.any(String) });
  });

  it('looks a contact up by email with idProperty, and answers 404 OBJECT_NOT_FOUND as HubSpot does', async () => {
    const c = await contact({ email: 'lookup@example.com' });
    const byEmail = await h.client.crm.contacts.basicApi.getById('Lookup@Example.com', undefined, undefined, undefined, false, 'email');
    expect(byEmail.id).toBe(c.id);
    const f = await failure(h.client.crm.contacts.basicApi.getById('nobody@example.com', undefined, undefined, undefined, false, 'email'));
    expect(f.code).toBe(404);
    expect(f.body).toMatchObject({ status: 'error', message: 'Object not found.  objectId are usually numeric.', category: 'OBJECT_NOT_FOUND', context: { id: ['nobody@example.com'] } });
    const g = await failure(h.client.crm.contacts.basicApi.getById('987654321'));
    expect(g.code).toBe(404);
  });

  it('pages with after cursors and leaves paging out of the last page', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await company({ name: `Pager ${i}` })).id);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await h.client.crm.companies.basicApi.getPage(2, after, ['name']);
      expect(page).toBeInstanceOf(CollectionResponseSimplePublicObjectWithAssociationsForwardPaging);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
      pages++;
    } while (after && pages < 100);
    expect(after).toBeUndefined();
    expect(seen).toEqual(expect.arrayContaining(made));
    expect(new Set(seen).size).toBe(seen.length);
    const all = await h.client.crm.companies.getAll(100);
    expect(all.map((r) => r.id)).toEqual(seen);
  });

  it('caps pages at 50 when propertiesWithHistory is asked for (400 above), and at 100 otherwise', async () => {
    expect((await h.client.crm.contacts.basicApi.getPage(50, undefined, undefined, ['email'])).results.length).toBeLessThanOrEqual(50);
    const f = await failure(h.client.crm.contacts.basicApi.getPage(51, undefined, undefined, ['email']));
    expect(f.code).toBe(400);
    expect(f.body.category).toBe('VALIDATION_ERROR');
    expect((await failure(h.client.crm.contacts.basicApi.getPage(101))).code).toBe(400);
  });

  it('archived=true returns only archived records, with archivedAt; archived records 404 otherwise', async () => {
    const c = await contact({ email: 'gone@example.com' });
    clock.advance(1000);
    await h.client.crm.contacts.basicApi.archive(c.id);
    expect(h.emu.requestLog().at(-1)?.status).toBe(204);
    expect((await failure(h.client.crm.contacts.basicApi.getById(c.id))).code).toBe(404);
    const archived = await h.client.crm.contacts.basicApi.getById(c.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
    expect(archived.archivedAt?.toISOString()).toBe(new Date(clock.now()).toISOString());
    const page = await h.client.crm.contacts.basicApi.getPage(100, undefined, undefined, undefined, undefined, true);
    expect(page.results.every((r) => r.archived)).toBe(true);
    expect(page.results.map((r) => r.id)).toContain(c.id);
    // The email is free again once the contact is archived.
    await expect(contact({ email: 'gone@example.com' })).resolves.toBeInstanceOf(SimplePublicObject);
    // Archiving an unknown id answers 204 too.
    await expect(h.client.crm.contacts.basicApi.archive('123456789')).resolves.toBeUndefined();
  });

  it('returns associations requested with ?associations=, with v3 type names for the primary and unlabeled types', async () => {
    const co = await company({ name: 'Assoc Co' });
    const c = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'assoc@example.com' },
      associations: [{ to: { id: co.id }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 1 }] }],
    });
    const read = await h.client.crm.contacts.basicApi.getById(c.id, ['associatedcompanyid'], undefined, ['companies', 'unknown_things']);
    expect(read.properties.associatedcompanyid).toBe(co.id);
    expect(read.associations?.companies?.results.map((r) => `${r.id}:${r.type}`)).toEqual([`${co.id}:contact_to_company`, `${co.id}:contact_to_company_unlabeled`]);
    expect(read.associations).not.toHaveProperty('unknown_things');
  });

  it('accepts comma-separated query arrays as well as repeated ones', async () => {
    const c = await contact({ email: 'comma@example.com', jobtitle: 'Dev', city: 'Oslo' });
    const res = await fetch(`${h.emu.url}/crm/v3/objects/contacts/${c.id}?properties=jobtitle,city`, { headers: { authorization: `Bearer ${h.emu.token}` } });
    const body = (await res.json()) as { properties: Record<string, string> };
    expect(body.properties).toMatchObject({ jobtitle: 'Dev', city: 'Oslo' });
  });
});

describe('update and validation', () => {
  it('PATCH overwrites, "" clears, and the answer is 200 with the written values', async () => {
    const c = await contact({ email: 'patch@example.com', jobtitle: 'Dev', city: 'Rome' });
    const u = await h.client.crm.contacts.basicApi.update(c.id, { properties: { jobtitle: 'Lead Dev', city: '' } });
    expect(u).toBeInstanceOf(SimplePublicObject);
    expect(u.properties.jobtitle).toBe('Lead Dev');
    expect(u.properties.city).toBe('');
    const read = await h.client.crm.contacts.basicApi.getById(c.id, ['city', 'jobtitle']);
    expect(read.properties).toMatchObject({ city: null, jobtitle: 'Lead Dev' });
  });

  it('refuses unknown properties with PROPERTY_DOESNT_EXIST in both the embedded-JSON message and errors[]', async () => {
    const c = await contact({ email: 'unknown-prop@example.com' });
    const f = await failure(h.client.crm.contacts.basicApi.update(c.id, { properties: { favourite_colour: 'blue' } }));
    expect(f.code).toBe(400);
    expect(f.body.category).toBe('VALIDATION_ERROR');
    expect(f.body.errors).toEqual([{ message: 'Property "favourite_colour" does not exist', code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['favourite_colour'] } }]);
    const message = String(f.body.message);
    expect(message.startsWith('Property values were not valid: ')).toBe(true);
    const embedded = JSON.parse(message.slice('Property values were not valid: '.length)) as Record<string, unknown>[];
    expect(embedded[0]).toMatchObject({ isValid: false, error: 'PROPERTY_DOESNT_EXIST', name: 'favourite_colour', portalId: expect.any(Number) });
  });

  it.each([
    ['hs_analytics_num_page_views', '5', 'READ_ONLY_VALUE'],
    ['hs_object_id', '5', 'READ_ONLY_VALUE'],
    ['lastmodifieddate', '2026-01-01T00:00:00Z', 'READ_ONLY_VALUE'],
    ['associatedcompanyid', 'abc', 'INVALID_INTEGER'],
    ['lifecyclestage', 'Lead', 'INVALID_OPTION'],
    ['numemployees', '10-20', 'INVALID_OPTION'],
    ['hs_email_optout', 'maybe', 'INVALID_BOOLEAN'],
    ['hubspot_owner_id', '123', 'INVALID_OPTION'],
    ['email', 'not-an-email', 'INVALID_EMAIL'],
  ])('refuses %s = %s with %s', async (name, value, code) => {
    const c = await contact({ email: `v-${name}@example.com` });
    const f = await failure(h.client.crm.contacts.basicApi.update(c.id, { properties: { [name]: value } }));
    expect(f.code).toBe(400);
    expect((f.body.errors as { code: string }[])[0]?.code).toBe(code);
  });

  it('types values: numbers as strings, datetimes from ISO or epoch ms, dates at midnight UTC only, booleans', async () => {
    const co = await company({ name: 'Typed', numberofemployees: '250', is_public: 'TRUE' });
    expect(co.properties).toMatchObject({ numberofemployees: '250', is_public: 'true' });
    const c = await contact({ email: 'typed@example.com' });
    await h.client.crm.contacts.basicApi.update(c.id, { properties: { hs_email_optout: 'false' } });
    const t = await h.client.crm.tickets.basicApi.create({ properties: { subject: 'S', hs_pipeline_stage: '1', closed_date: String(Date.parse('2026-10-01T12:00:00Z')) }, associations: [] });
    expect(t.properties.closed_date).toBe('2026-10-01T12:00:00.000Z');
    const badDate = await failure(h.client.crm.tickets.basicApi.update(t.id, { properties: { closed_date: 'yesterday' } }));
    expect((badDate.body.errors as { code: string }[])[0]?.code).toBe('INVALID_DATE');
    const iso = await h.client.crm.tickets.basicApi.update(t.id, { properties: { closed_date: '2026-10-02T08:30:00+02:00' } });
    expect(iso.properties.closed_date).toBe('2026-10-02T06:30:00.000Z');
    const bad = await failure(h.client.crm.companies.basicApi.update(co.id, { properties: { numberofemployees: '1,200' } }));
    expect((bad.body.errors as { message: string }[])[0]?.message).toBe('numberofemployees was not a valid number');
  });

  it('appends to a multi-checkbox with a leading ; and validates every option', async () => {
    const t = await h.client.crm.tickets.basicApi.create({ properties: { subject: 'Multi', hs_pipeline_stage: '1', hs_ticket_category: 'PRODUCT_ISSUE' }, associations: [] });
    const u = await h.client.crm.tickets.basicApi.update(t.id, { properties: { hs_ticket_category: ';BILLING_ISSUE' } });
    expect(u.properties.hs_ticket_category).toBe('PRODUCT_ISSUE;BILLING_ISSUE');
    expect((await failure(h.client.crm.tickets.basicApi.update(t.id, { properties: { hs_ticket_category: 'PRODUCT_ISSUE;nope' } }))).code).toBe(400);
  });

  it('accepts a property created over HTTP at once (setup creates lead_ops_* properties this way)', async () => {
    await h.client.crm.properties.coreApi.create('contacts', { name: 'lead_ops_score', label: 'Lead score', type: 'number' as never, fieldType: 'number' as never, groupName: 'contactinformation' });
    const c = await contact({ email: 'scored@example.com', lead_ops_score: '42' } as Record<string, string>);
    expect(c.properties.lead_ops_score).toBe('42');
  });
});

describe('system properties and history', () => {
  it('records every write in propertiesWithHistory, newest first, with sourceType API and the clock time', async () => {
    const c = await contact({ email: 'hist@example.com', lifecyclestage: 'lead' });
    const t1 = clock.now();
    clock.advance(60_000);
    await h.client.crm.contacts.basicApi.update(c.id, { properties: { lifecyclestage: 'marketingqualifiedlead' } });
    const t2 = clock.now();
    clock.advance(60_000);
    await h.client.crm.contacts.basicApi.update(c.id, { properties: { lifecyclestage: '' } });
    const t3 = clock.now();
    const read = await h.client.crm.contacts.basicApi.getById(c.id, undefined, ['lifecyclestage', 'lastmodifieddate']);
    const history = read.propertiesWithHistory?.lifecyclestage ?? [];
    expect(history.map((e) => [e.value, e.timestamp.getTime(), e.sourceType])).toEqual([
      ['', t3, 'API'],
      ['marketingqualifiedlead', t2, 'API'],
      ['lead', t1, 'API'],
    ]);
    expect(read.properties.lastmodifieddate).toBe(new Date(t3).toISOString());
    expect(read.updatedAt.getTime()).toBe(t3);
    expect(read.propertiesWithHistory?.lastmodifieddate?.[0]?.sourceType).toBe('CALCULATED');
  });

  it('a write that changes nothing records no history and leaves lastmodifieddate alone', async () => {
    const c = await contact({ email: 'same@example.com', jobtitle: 'Same' });
    clock.advance(5_000);
    await h.client.crm.contacts.basicApi.update(c.id, { properties: { jobtitle: 'Same' } });
    const read = await h.client.crm.contacts.basicApi.getById(c.id, ['lastmodifieddate'], ['jobtitle']);
    expect(read.propertiesWithHistory?.jobtitle).toHaveLength(1);
    expect(read.properties.lastmodifieddate).toBe(c.properties.lastmodifieddate);
  });

  it('sets hubspot_owner_assigneddate when the owner changes', async () => {
    const owner = h.emu.store.owners().find((o) => !o.archived);
    const c = await contact({ email: 'owned@example.com' });
    clock.advance(1000);
    await h.client.crm.contacts.basicApi.update(c.id, { properties: { hubspot_owner_id: owner?.id ?? '' } });
    const read = await h.client.crm.contacts.basicApi.getById(c.id, ['hubspot_owner_id', 'hubspot_owner_assigneddate']);
    expect(read.properties).toMatchObject({ hubspot_owner_id: owner?.id, hubspot_owner_assigneddate: new Date(clock.now()).toISOString() });
  });

  it('refuses an archived owner for hubspot_owner_id', async () => {
    const archived = h.emu.store.owners().find((o) => o.archived);
    const c = await contact({ email: 'archived-owner@example.com' });
    expect((await failure(h.client.crm.contacts.basicApi.update(c.id, { properties: { hubspot_owner_id: archived?.id ?? 'x' } }))).code).toBe(400);
  });

  it('keeps associatedcompanyid on the primary company: set by writing it, moved by a new primary, cleared by removing it', async () => {
    const a = await company({ name: 'A' });
    const b = await company({ name: 'B' });
    const c = await contact({ email: 'primary@example.com' });
    await h.client.crm.contacts.basicApi.update(c.id, { properties: { associatedcompanyid: a.id } });
    expect(h.emu.store.associations('contacts', c.id, 'companies')).toEqual([{ toId: a.id, typeIds: [1, 279] }]);
    await h.client.crm.associations.v4.basicApi.create('contacts', c.id, 'companies', b.id, [
      { associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 1 },
    ]);
    expect(h.emu.store.get('contacts', c.id)?.properties.associatedcompanyid).toBe(b.id);
    expect(h.emu.store.associations('contacts', c.id, 'companies')).toEqual([
      { toId: a.id, typeIds: [279] },
      { toId: b.id, typeIds: [1, 279] },
    ]);
    await h.client.crm.associations.v4.basicApi.archive('contacts', c.id, 'companies', b.id);
    expect(h.emu.store.get('contacts', c.id)?.properties.associatedcompanyid).toBeUndefined();
    const history = h.emu.store.history('contacts', c.id, 'associatedcompanyid').map((e) => e.value);
    expect(history).toEqual(['', b.id, a.id]);
  });

  it('sets closed_date, hs_last_closed_date and time_to_close when a ticket enters a CLOSED stage, and clears them on reopen', async () => {
    const t = await h.client.crm.tickets.basicApi.create({ properties: { subject: 'Close me', hs_pipeline_stage: '1' }, associations: [] });
    expect(t.properties).toMatchObject({ hs_pipeline: '0', hs_ticket_id: t.id, hs_date_entered_1: new Date(clock.now()).toISOString() });
    const created = clock.now();
    clock.advance(3_600_000);
    const closed = await h.client.crm.tickets.basicApi.update(t.id, { properties: { hs_pipeline_stage: '4' } });
    expect(closed.properties).toMatchObject({
      closed_date: new Date(clock.now()).toISOString(),
      hs_last_closed_date: new Date(clock.now()).toISOString(),
      time_to_close: String(clock.now() - created),
      hs_date_exited_1: new Date(clock.now()).toISOString(),
    });
    clock.advance(1000);
    await h.client.crm.tickets.basicApi.update(t.id, { properties: { hs_pipeline_stage: '3' } });
    const reopened = await h.client.crm.tickets.basicApi.getById(t.id, ['closed_date', 'time_to_close', 'hs_ticket_reopened_at', 'hs_last_closed_date']);
    expect(reopened.properties).toMatchObject({ closed_date: null, time_to_close: null, hs_ticket_reopened_at: new Date(clock.now()).toISOString() });
    expect(reopened.properties.hs_last_closed_date).not.toBeNull();
  });

  it('refuses a ticket stage that is not in the pipeline', async () => {
    const f = await failure(h.client.crm.tickets.basicApi.create({ properties: { subject: 'x', hs_pipeline_stage: 'appointmentscheduled' }, associations: [] }));
    expect((f.body.errors as { code: string; context: { propertyName: string[] } }[])[0]).toMatchObject({ code: 'INVALID_OPTION', context: { propertyName: ['hs_pipeline_stage'] } });
  });

  it('derives hs_is_closed / hs_is_closed_won and the probability from a deal stage', async () => {
    const d = await h.client.crm.deals.basicApi.create({ properties: { dealname: 'Big', dealstage: 'qualifiedtobuy', amount: '1000' }, associations: [] });
    expect(d.properties).toMatchObject({ pipeline: 'default', hs_is_closed: 'false', hs_deal_stage_probability: '0.4' });
    const won = await h.client.crm.deals.basicApi.update(d.id, { properties: { dealstage: 'closedwon' } });
    expect(won.properties).toMatchObject({ hs_is_closed: 'true', hs_is_closed_won: 'true', closedate: new Date(clock.now()).toISOString() });
  });
});

describe('merge', () => {
  it('merges two companies: the merged one is archived, its associations and empty values move to the primary', async () => {
    const keep = await company({ name: 'Keep', city: 'Oslo' });
    const drop = await company({ name: 'Drop', city: 'Bergen', country: 'Norway' });
    const c = await contact({ email: 'merge@example.com' });
    await h.client.crm.associations.v4.basicApi.createDefault('contacts', c.id, 'companies', drop.id);
    const merged = await h.client.crm.companies.basicApi.merge({ primaryObjectId: keep.id, objectIdToMerge: drop.id });
    expect(merged.id).toBe(keep.id);
    expect(merged.properties).toMatchObject({ name: 'Keep', city: 'Oslo', country: 'Norway' });
    expect(h.emu.store.get('companies', drop.id)?.archived).toBe(true);
    expect(h.emu.store.associations('contacts', c.id, 'companies').map((a) => a.toId)).toEqual([keep.id]);
  });
});
