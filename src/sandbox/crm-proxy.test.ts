import { DEFAULT_TOKEN, startEmulator, type RunningEmulator } from '../emulator';
import { createCrmProxy, EmulatorCallError, type CrmProxy } from './crm-proxy';

describe('the CRM reads the sandbox makes for the page and the card hooks (against the emulator)', () => {
  let emulator: RunningEmulator;
  let crm: CrmProxy;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 'demo', port: 0 });
    crm = createCrmProxy({ baseUrl: emulator.url, token: DEFAULT_TOKEN });
  });
  afterAll(() => emulator.close());

  const contactWith = (want: (p: Record<string, string>) => boolean) => {
    const r = emulator.store.list('contacts').find((c) => !c.archived && want(c.properties));
    if (!r) throw new Error('the demo portal has no such contact');
    return r;
  };

  it('lists records through search, 25 at a time, with a cursor for the next page', async () => {
    const first = await crm.listRecords('contacts', '', null);
    expect(first.total).toBe(emulator.store.list('contacts').filter((c) => !c.archived).length);
    expect(first.results).toHaveLength(25);
    expect(first.after).not.toBeNull();
    const second = await crm.listRecords('contacts', '', first.after);
    expect(second.results[0]?.id).not.toBe(first.results[0]?.id);
  });

  it('finds a contact by its email with the free-text query', async () => {
    const c = contactWith((p) => (p.email ?? '') !== '');
    const found = await crm.listRecords('contacts', c.properties.email as string, null);
    expect(found.results.map((r) => r.id)).toContain(c.id);
  });

  it('reads a record with labels and shows owner names instead of owner ids', async () => {
    const c = contactWith((p) => (p.hubspot_owner_id ?? '') !== '');
    const rec = await crm.getRecord('contacts', c.id);
    const owner = emulator.store.owners().find((o) => o.id === c.properties.hubspot_owner_id);
    const prop = rec.properties.find((p) => p.name === 'hubspot_owner_id');
    expect(prop?.value).toBe(c.properties.hubspot_owner_id);
    expect(prop?.display).toBe(`${owner?.firstName} ${owner?.lastName}`);
    expect(rec.properties.find((p) => p.name === 'email')?.label).toBe('Email');
  });

  it('answers the properties a card asks for, with null for those the record does not have', async () => {
    const c = contactWith((p) => (p.email ?? '') !== '');
    expect(await crm.recordProperties('contacts', c.id, ['email', 'lead_ops_not_a_property'])).toEqual({ email: c.properties.email, lead_ops_not_a_property: null });
  });

  it('pages associations by offset and reads the page’s properties in one batch', async () => {
    const withCompanies = emulator.store
      .list('contacts')
      .map((c) => ({ c, n: emulator.store.associations('contacts', c.id, 'companies').length }))
      .find((x) => x.n >= 2);
    if (!withCompanies) throw new Error('the demo portal has no contact with two companies');
    const { c, n } = withCompanies;
    const before = emulator.requestLog().length;
    const page1 = await crm.associations('contacts', c.id, { toObjectType: 'companies', properties: ['name'], pageLength: 1 });
    expect(emulator.requestLog().length - before).toBe(2);
    expect(page1.results).toHaveLength(1);
    expect(page1.hasMore).toBe(true);
    expect(page1.nextOffset).toBe(1);
    const firstId = String(page1.results[0]?.toObjectId);
    expect(page1.results[0]?.properties.name).toBe(emulator.store.get('companies', firstId)?.properties.name);
    const rest = await crm.associations('contacts', c.id, { toObjectType: 'companies', properties: ['name'], pageLength: 10, offset: 1 });
    expect(rest.results).toHaveLength(n - 1);
    expect(rest.hasMore).toBe(false);
  });

  it('runs a card’s search and answers objectId as a number, as useCrmSearch checks', async () => {
    const answer = await crm.search({ objectType: 'companies', properties: ['name'], pageLength: 2 });
    expect(answer.results).toHaveLength(2);
    expect(typeof answer.results[0]?.objectId).toBe('number');
    expect(answer.hasMore).toBe(true);
    expect(typeof answer.after).toBe('string');
  });

  it('passes fetchHubSpotApi through, status and body as the emulator answered', async () => {
    const answer = await crm.hubspotApi({ method: 'GET', path: '/crm/v3/objects/contacts/999999999' });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
  });

  it('refuses an object type the sandbox does not show, naming the ones it does', async () => {
    await expect(crm.getRecord('products', '1')).rejects.toThrow(new EmulatorCallError('unknown object type "products" (the sandbox shows contacts, companies, deals, tickets)', 400));
  });

  it('names the failing call when the emulator says no', async () => {
    await expect(crm.getRecord('contacts', '999999999')).rejects.toThrow(/GET \/crm\/objects\/2026-09\/contacts\/999999999\?properties=.* answered 404/);
  });

  it('formats the properties a hook asks it to, as HubSpot formats them', async () => {
    const c = contactWith((p) => (p.hubspot_owner_id ?? '') !== '' && (p.createdate ?? '') !== '');
    const owner = emulator.store.owners().find((o) => o.id === c.properties.hubspot_owner_id);
    const values = await crm.recordProperties('contacts', c.id, ['hubspot_owner_id', 'createdate', 'email'], { propertiesToFormat: ['hubspot_owner_id', 'createdate'], formattingOptions: { dateTime: { format: 'YYYY-MM-DD' } } });
    expect(values).toEqual({ hubspot_owner_id: `${owner?.firstName} ${owner?.lastName}`, createdate: new Date(Date.parse(c.properties.createdate as string)).toISOString().slice(0, 10), email: c.properties.email ?? null });
    const [formatted] = await crm.format({ objectType: 'contacts', propertiesList: [{ hubspot_owner_id: c.properties.hubspot_owner_id ?? null }] });
    expect(formatted).toEqual({ hubspot_owner_id: `${owner?.firstName} ${owner?.lastName}` });
  });

  it('calls only the date-based 2026-09 paths', async () => {
    const before = emulator.requestLog().length;
    const c = contactWith((p) => (p.email ?? '') !== '');
    await crm.listRecords('contacts', '', null);
    await crm.getRecord('contacts', c.id);
    await crm.recordProperties('contacts', c.id, ['email']);
    await crm.associations('contacts', c.id, { toObjectType: 'companies', properties: ['name'] });
    await crm.search({ objectType: 'companies', properties: ['name'] });
    const paths = emulator.requestLog().slice(before).map((e) => e.path);
    expect(paths.length).toBeGreaterThan(4);
    expect(paths.filter((p) => !/^\/crm\/(objects|associations|properties|pipelines|owners)\/2026-09(\/|\?|$)/.test(p))).toEqual([]);
  });
});
