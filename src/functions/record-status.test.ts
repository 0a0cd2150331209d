import { SUPPORT_SYNC_PROPERTIES } from '../app/cards/shared/contracts';
import { DEMO } from '../emulator';
import { startTestPortal, type TestPortal } from '../testing/portal';
import { clearInstanceCache } from './runtime/define-function';
import { main as recordStatus } from './record-status';

const TICKETS_ONLY = 'pat-local-tickets-only';
const NO_TICKETS = 'pat-local-no-tickets';
let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal({ tokens: [
      { token: TICKETS_ONLY, scopes: ['tickets', 'crm.objects.owners.read'] },
      { token: NO_TICKETS, scopes: ['crm.objects.contacts.read', 'crm.objects.companies.read', 'crm.objects.owners.read'] },
    ], });
});
afterAll(() => portal.close());
beforeEach(() => clearInstanceCache());

const nonSearch = (reqs: ReturnType<TestPortal['lastCallRequests']>) => reqs.length;

describe('record_status on the emulator', () => {
  test.each`
    label             | companyId
    ${'5 tickets'}    | ${DEMO.fewTicketsCompanyId}
    ${'500+ tickets'} | ${DEMO.manyTicketsCompanyId}
  `('a company with $label costs the same ≤ 4 calls', async ({ companyId }) => {
    const res = await portal.call(recordStatus, { objectType: 'companies', objectId: companyId });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.status.tickets?.total).toBeGreaterThan(0);
    expect(nonSearch(portal.lastCallRequests())).toBeLessThanOrEqual(4);
    // Each call by HubSpot's operation name and the object type in its path (`/crm/<api>/<version>/<type>/…`).
    expect(portal.lastCallRequests().map((r) => [r.operation, r.path.split('/')[4]].filter(Boolean).join(' ')).sort()).toEqual([
      'objects.get companies',
      'objects.search tickets',
      'owners.list',
      'pipelines.list tickets',
    ]);
  });

  it('counts 520 tickets on the busy company, shows the newest, and says counts are partial', async () => {
    const res = await portal.call(recordStatus, { objectType: 'companies', objectId: DEMO.manyTicketsCompanyId });
    if (!res.ok) throw new Error(res.error.message);
    const t = res.status.tickets;
    expect(t?.total).toBeGreaterThan(t?.items.length ?? 0);
    expect(t?.more).toBe((t?.total ?? 0) - (t?.items.length ?? 0));
    expect(t?.countsArePartial).toBe(true);
    const created = t?.items.map((i) => Date.parse(i.createdAt)) ?? [];
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('reports each configured destination for a contact, and the lag note', async () => {
    const contact = portal.emu.store.list('contacts').find((c) => c.properties.associatedcompanyid);
    const res = await portal.call(recordStatus, { objectType: 'contacts', objectId: contact?.id }, { propertiesToSend: SUPPORT_SYNC_PROPERTIES });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.status.sync?.map((d) => d.id)).toEqual(portal.config.sync.destinations.filter((d) => d.objectTypes.includes('contacts')).map((d) => d.id));
    expect(res.status.sync?.every((d) => d.state === 'never_synced')).toBe(true);
    expect(res.status.searchLagNote).toMatch(/lag/);
    expect(nonSearch(portal.lastCallRequests())).toBeLessThanOrEqual(4);
  });

  it('answers NOT_FOUND for a record that does not exist', async () => {
    const res = await portal.call(recordStatus, { objectType: 'contacts', objectId: '999999999' });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows the tickets when the sync state cannot be read (partial), and says what did not load', async () => {
    // A token that may read tickets and owners but not companies: the record read fails, the tickets search works.
    const res = await recordStatus.withOverrides({
      env: { PRIVATE_APP_ACCESS_TOKEN: TICKETS_ONLY, HUBSPOT_API_BASE_URL: portal.emu.url },
      log: () => undefined,
    })({ parameters: { objectType: 'companies', objectId: DEMO.fewTicketsCompanyId } });
    expect(res).toMatchObject({ ok: true });
    if (!res.ok) return;
    expect(res.status.tickets?.total).toBe(DEMO.fewTicketsCount);
    expect(res.status.sync).toBeNull();
    expect(res.status.problems).toEqual([{ part: 'sync', error: expect.objectContaining({ code: 'MISSING_SCOPES' }) }]);
  });

  it('shows the sync state when the tickets cannot be read, and says so', async () => {
    const contact = portal.emu.store.list('contacts')[5];
    // No ticket scope at all: an app token from before the tickets scope was added.
    const res = await recordStatus.withOverrides({
      env: { PRIVATE_APP_ACCESS_TOKEN: NO_TICKETS, HUBSPOT_API_BASE_URL: portal.emu.url },
      log: () => undefined,
    })({ parameters: { objectType: 'contacts', objectId: contact?.id } });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.status.tickets).toBeNull();
    expect(res.status.sync?.length).toBeGreaterThan(0);
    expect(res.status.problems.some((p) => p.part === 'tickets' && p.error.code === 'MISSING_SCOPES')).toBe(true);
  });
});
