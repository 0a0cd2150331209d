/**
 * assign_owner when a call is cut short or raced: an interrupted attempt leaves its routing note behind; owners are
 * archived or go away before the next attempt; a rep sets the owner while the call is between its read and its
 * write. A proxy between the function and the emulator fails or interleaves exactly the request a case needs.
 */
import { OWNER_ROUTING_PROPERTIES } from '../app/cards/shared/contracts';
import { parseRoutingNote } from '../core/routing';
import { DEMO } from '../emulator';
import { VirtualClock } from '../testing/clock';
import { startFaultProxy, type FaultProxy, type ProxyAction } from '../testing/fault-proxy';
import { startTestPortal, type TestPortal } from '../testing/portal';
import { main as assignOwner } from './assign-owner';
import { clearInstanceCache } from './runtime/define-function';

let portal: TestPortal;
let proxy: FaultProxy;
beforeAll(async () => {
  portal = await startTestPortal();
  proxy = await startFaultProxy(portal.emu.url);
});
afterAll(async () => {
  await proxy.close();
  await portal.close();
});
afterEach(() => {
  proxy.onRequest = () => 'forward';
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${portal.emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${portal.emu.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** An unowned contact on a Mid-Market company. */
async function midMarketLead(): Promise<string> {
  const company = await api<{ id: string }>('POST', '/crm/v3/objects/companies', { properties: { name: 'Midco', numberofemployees: '120' } });
  const contact = await api<{ id: string }>('POST', '/crm/v3/objects/contacts', {
    properties: { email: `lead-${company.id}@example.com` },
    associations: [{ to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }],
  });
  return contact.id;
}

/** The card's call, through the proxy, with the record's properties read the way HubSpot reads them. */
function clickAssign(contactId: string) {
  const props = portal.emu.store.get('contacts', contactId)?.properties ?? {};
  const propertiesToSend = Object.fromEntries(OWNER_ROUTING_PROPERTIES.contacts.map((n) => [n, props[n] ?? null]));
  return assignOwner.withOverrides({
    env: { PRIVATE_APP_ACCESS_TOKEN: portal.emu.token, HUBSPOT_API_BASE_URL: proxy.url },
    // Virtual time, so the retries of a failing update end at the deadline without waiting for it.
    clock: new VirtualClock(Date.now()),
    log: () => undefined,
  })({ parameters: { objectType: 'contacts', objectId: contactId }, propertiesToSend, secrets: {} });
}

const ownerOf = (contactId: string) => portal.emu.store.get('contacts', contactId)?.properties.hubspot_owner_id ?? '';
const liveRoutingNotes = (contactId: string) =>
  portal.emu.store
    .associations('contacts', contactId, 'notes')
    .map((a) => portal.emu.store.get('notes', a.toId))
    .filter((n) => n !== undefined && !n.archived && parseRoutingNote(n.properties.hs_note_body) !== null)
    .map((n) => ({ id: n?.id ?? '', owner: parseRoutingNote(n?.properties.hs_note_body)?.ownerId ?? '' }));
const isUpdateOf = (contactId: string) => (method: string, url: string) => method === 'PATCH' && new RegExp(`/contacts/${contactId}(\\?|$)`).test(url);

/** An attempt whose owner update never gets through: it leaves its note and no owner. Returns the note. */
async function interruptedAttempt(contactId: string): Promise<{ id: string; owner: string }> {
  clearInstanceCache();
  const isUpdate = isUpdateOf(contactId);
  proxy.onRequest = (r) => (isUpdate(r.method, r.url) ? { status: 503, body: { status: 'error', message: 'Service Unavailable', category: 'SERVICE_UNAVAILABLE' } } : 'forward');
  const first = await clickAssign(contactId);
  expect(first).toMatchObject({ ok: false, error: { retryable: true } });
  proxy.onRequest = () => 'forward';
  expect(ownerOf(contactId)).toBe('');
  const [left, ...more] = liveRoutingNotes(contactId);
  expect(more).toEqual([]);
  if (!left) throw new Error('the interrupted attempt left no note');
  return left;
}

describe('a note left by an interrupted attempt', () => {
  it('is adopted while its owner is still a valid choice, and the card is told that owner', async () => {
    const contactId = await midMarketLead();
    const left = await interruptedAttempt(contactId);
    const again = await clickAssign(contactId);
    if (!again.ok) throw new Error(again.error.message);
    expect(ownerOf(contactId)).toBe(left.owner);
    expect(again.decision.owner?.id).toBe(left.owner);
    expect(liveRoutingNotes(contactId)).toEqual([left]);
  });

  it('whose owner was archived since: the record gets a valid owner, the stale note is archived, and it never gets stuck', async () => {
    const contactId = await midMarketLead();
    const left = await interruptedAttempt(contactId);
    portal.emu.store.portal.owners.archive(left.owner, Date.now());
    // Later than an instance keeps the owners list (a minute).
    clearInstanceCache();
    const again = await clickAssign(contactId);
    if (!again.ok) throw new Error(again.error.message);
    const owner = ownerOf(contactId);
    const active = portal.emu.store.owners().filter((o) => !o.archived && o.teams.some((t) => t.name === DEMO.teams.midMarket.name)).map((o) => o.id);
    expect(active).toContain(owner);
    expect(owner).not.toBe(left.owner);
    expect(again.decision.owner?.id).toBe(owner);
    expect(liveRoutingNotes(contactId)).toEqual([{ id: expect.not.stringMatching(`^${left.id}$`), owner }]);
    expect(portal.emu.store.get('notes', left.id)?.archived).toBe(true);
    // The next click finds an owned record: no error, nothing written.
    const third = await clickAssign(contactId);
    expect(third).toMatchObject({ ok: true, decision: { alreadyAssigned: true, outcome: 'ALREADY_ASSIGNED' } });
  });

  it('whose owner went away since: the record gets the fresh decision’s owner, not the away one', async () => {
    const contactId = await midMarketLead();
    const left = await interruptedAttempt(contactId);
    portal.emu.store.portal.owners.joinTeam(left.owner, DEMO.teams.away, Date.now());
    clearInstanceCache();
    const again = await clickAssign(contactId);
    if (!again.ok) throw new Error(again.error.message);
    expect(ownerOf(contactId)).not.toBe(left.owner);
    expect(again.decision.explanation.join(' ')).toContain('unavailable');
    expect(again.decision.owner?.id).toBe(ownerOf(contactId));
    expect(liveRoutingNotes(contactId).map((n) => n.owner)).toEqual([ownerOf(contactId)]);
  });
});

describe('a rep sets the owner while the call is running', () => {
  const rep = () => portal.emu.store.owners().find((o) => !o.archived && o.teams.some((t) => t.name === DEMO.teams.enterprise.name))?.id ?? '';

  it('between the read and the update: the rep’s owner stays, no routing note of ours remains, and the card says so', async () => {
    const contactId = await midMarketLead();
    const isUpdate = isUpdateOf(contactId);
    let raced = false;
    proxy.onRequest = async (r): Promise<ProxyAction> => {
      if (isUpdate(r.method, r.url) && !raced) {
        raced = true;
        await api('PATCH', `/crm/v3/objects/contacts/${contactId}`, { properties: { hubspot_owner_id: rep() } });
      }
      return 'forward';
    };
    const res = await clickAssign(contactId);
    if (!res.ok) throw new Error(res.error.message);
    expect(raced).toBe(true);
    expect(ownerOf(contactId)).toBe(rep());
    expect(res.decision).toMatchObject({ outcome: 'OWNER_SET_MEANWHILE', applied: false, owner: { id: rep() } });
    expect(liveRoutingNotes(contactId)).toEqual([]);
    expect(portal.emu.store.get('contacts', contactId)?.properties.lead_ops_routing_key ?? '').toBe('');
  });

  it('before the read: nothing of ours is written at all', async () => {
    const contactId = await midMarketLead();
    let raced = false;
    proxy.onRequest = async (r): Promise<ProxyAction> => {
      if (r.method === 'POST' && /\/notes\/batch\/create$/.test(r.url.split('?')[0] ?? '') && !raced) {
        raced = true;
        await api('PATCH', `/crm/v3/objects/contacts/${contactId}`, { properties: { hubspot_owner_id: rep() } });
      }
      return 'forward';
    };
    const mark = portal.emu.requestLog().length;
    const res = await clickAssign(contactId);
    if (!res.ok) throw new Error(res.error.message);
    expect(ownerOf(contactId)).toBe(rep());
    expect(res.decision).toMatchObject({ outcome: 'OWNER_SET_MEANWHILE', owner: { id: rep() } });
    expect(liveRoutingNotes(contactId)).toEqual([]);
    // Our only writes: the note and its archive; the rep's PATCH went straight to the emulator.
    const ours = portal.emu.requestLog().slice(mark).filter((e) => e.method === 'PATCH');
    expect(ours).toHaveLength(1);
  });
});
