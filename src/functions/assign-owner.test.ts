import { OWNER_ROUTING_PROPERTIES } from '../app/cards/shared/contracts';
import { DEMO } from '../emulator';
import { VirtualClock } from '../testing/clock';
import { routingPropertiesToRead } from '../core/routing';
import { startTestPortal, TEST_CONFIG, type TestPortal } from '../testing/portal';
import { main as assignOwner } from './assign-owner';

const TEAM_OF: Record<string, string> = { small_business: DEMO.teams.smallBusiness.name, mid_market: DEMO.teams.midMarket.name, enterprise: DEMO.teams.enterprise.name };

async function api<T>(portal: TestPortal, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${portal.emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${portal.emu.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A company of a given size with one unowned contact on it (primary association). */
async function leadAt(portal: TestPortal, employees: string, extra: Record<string, string> = {}): Promise<{ contactId: string; companyId: string }> {
  const company = await api<{ id: string }>(portal, 'POST', '/crm/v3/objects/companies', { properties: { name: `Acme ${employees || 'unknown'}`, ...(employees ? { numberofemployees: employees } : {}) } });
  const contact = await api<{ id: string }>(portal, 'POST', '/crm/v3/objects/contacts', {
    properties: { email: `lead-${company.id}-${Math.random().toString(36).slice(2)}@example.com`, ...extra },
    associations: [{ to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }],
  });
  return { contactId: contact.id, companyId: company.id };
}

const notesOf = (portal: TestPortal, type: string, id: string) =>
  portal.emu.store
    .associations(type, id, 'notes')
    .map((a) => portal.emu.store.get('notes', a.toId))
    .filter((n) => n && !n.archived);

const teamOfOwner = (portal: TestPortal, ownerId: string | undefined): string[] =>
  (portal.emu.store.owners().find((o) => o.id === ownerId)?.teams ?? []).map((t) => t.name);

describe("the card's propertiesToSend", () => {
  test.each(['contacts', 'companies'] as const)('cover everything assign_owner reads of a %s, so it spends no call on the record', (objectType) => {
    const needed = routingPropertiesToRead(objectType, TEST_CONFIG.routing).record;
    expect(needed.filter((n) => !(OWNER_ROUTING_PROPERTIES[objectType] as readonly string[]).includes(n))).toEqual([]);
  });
});

describe('assign_owner on the emulator', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(() => portal.close());

  test.each`
    employees  | tier
    ${'1'}     | ${'small_business'}
    ${'49'}    | ${'small_business'}
    ${'50'}    | ${'mid_market'}
    ${'51'}    | ${'mid_market'}
    ${'499'}   | ${'mid_market'}
    ${'500'}   | ${'mid_market'}
    ${'501'}   | ${'enterprise'}
    ${'10000'} | ${'enterprise'}
  `('$employees employees → $tier, owner from that team, one note', async ({ employees, tier }) => {
    const { contactId } = await leadAt(portal, employees);
    // As on a record page: the card renders with a dry run (a cold instance), then the rep clicks Assign.
    const rendered = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId, dryRun: true }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts });
    expect(rendered.ok).toBe(true);
    expect(portal.lastCallRequests().length).toBeLessThanOrEqual(4);
    const res = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts, warm: true });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.decision.tier?.id).toBe(tier);
    expect(res.decision.outcome).toBe('ASSIGNED');
    expect(res.decision.applied).toBe(true);
    expect(res.decision.rule).toContain(`numberofemployees = ${employees}`);
    const stored = portal.emu.store.get('contacts', contactId)?.properties;
    expect(stored?.hubspot_owner_id).toBe(res.decision.owner?.id);
    expect(teamOfOwner(portal, stored?.hubspot_owner_id)).toContain(TEAM_OF[tier]);
    expect(teamOfOwner(portal, stored?.hubspot_owner_id)).not.toContain(DEMO.teams.away.name);
    expect(stored?.lead_ops_routing_tier).toBe(tier);
    expect(stored?.lead_ops_routing_key).toBe(res.decision.routingKey);
    const notes = notesOf(portal, 'contacts', contactId);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.properties.hs_note_body).toContain(res.decision.routingKey ?? 'no key');
    expect(stored?.lead_ops_routing_note_id).toBe(notes[0]?.id);
    // From the card on a warm instance (owners cached): company, search, note create, the read right before the
    // update (owner and notes), the update, the read right after it.
    expect(portal.lastCallRequests().map((r) => r.operation)).toEqual([
      'objects.get',
      'objects.search',
      'objects.batchCreate',
      'objects.get',
      'objects.update',
      'objects.batchRead',
    ]);
  });

  it('on a cold instance an applied assignment also reads the owners: 7 calls', async () => {
    const { contactId } = await leadAt(portal, '60');
    const res = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.decision.outcome).toBe('ASSIGNED');
    expect(portal.lastCallRequests().map((r) => r.operation).sort()).toEqual(
      ['objects.get', 'owners.list', 'objects.search', 'objects.batchCreate', 'objects.get', 'objects.update', 'objects.batchRead'].sort(),
    );
  });

  it('a dry run decides, explains, and writes nothing, in ≤ 4 calls', async () => {
    const { contactId } = await leadAt(portal, '320');
    const res = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId, dryRun: true }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.decision).toMatchObject({ applied: false, tier: { id: 'mid_market' } });
    expect(res.decision.explanation.length).toBeGreaterThan(1);
    expect(portal.lastCallRequests().length).toBeLessThanOrEqual(4);
    expect(portal.lastCallRequests().filter((r) => r.method !== 'GET' && !r.path.endsWith('/search'))).toEqual([]);
    expect(portal.emu.store.get('contacts', contactId)?.properties.hubspot_owner_id ?? '').toBe('');
  });

  it('a company routes by its own size', async () => {
    const company = await api<{ id: string }>(portal, 'POST', '/crm/v3/objects/companies', { properties: { name: 'Bigco', numberofemployees: '2000' } });
    await portal.call(assignOwner, { objectType: 'companies', objectId: company.id, dryRun: true }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.companies });
    const res = await portal.call(assignOwner, { objectType: 'companies', objectId: company.id }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.companies, warm: true });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.decision.tier?.id).toBe('enterprise');
    expect(portal.emu.store.get('companies', company.id)?.properties.hubspot_owner_id).toBe(res.decision.owner?.id);
    // No company to read: one call fewer than a contact.
    expect(portal.lastCallRequests().length).toBeLessThanOrEqual(5);
  });

  it('missing company size goes to the fallback and says so', async () => {
    const { contactId } = await leadAt(portal, '');
    const res = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.decision.fallback).toBeTruthy();
    expect(res.decision.applied).toBe(true);
  });

  it('does not reassign an owned record without force; force needs a reason; force with a reason reassigns', async () => {
    const { contactId } = await leadAt(portal, '120');
    const first = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId });
    if (!first.ok) throw new Error(first.error.message);
    const again = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId });
    expect(again).toMatchObject({ ok: true, decision: { alreadyAssigned: true, applied: false } });
    expect(portal.lastCallRequests().filter((r) => r.method !== 'GET')).toEqual([]);
    const noReason = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId, force: true });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Force to Enterprise by growing the company first.
    const companyId = portal.emu.store.get('contacts', contactId)?.properties.associatedcompanyid ?? '';
    await api(portal, 'PATCH', `/crm/v3/objects/companies/${companyId}`, { properties: { numberofemployees: '900' } });
    const forced = await portal.call(assignOwner, { objectType: 'contacts', objectId: contactId, force: true, reason: 'company grew past 500' });
    if (!forced.ok) throw new Error(forced.error.message);
    expect(forced.decision).toMatchObject({ applied: true, tier: { id: 'enterprise' } });
    expect(notesOf(portal, 'contacts', contactId)).toHaveLength(2);
  });

  it('20 concurrent calls for one record leave one owner and one note', async () => {
    const { contactId } = await leadAt(portal, '75');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => portal.call(assignOwner, { objectType: 'contacts', objectId: contactId }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const owners = new Set(results.map((r) => (r.ok ? r.decision.owner?.id : null)));
    expect(owners.size).toBe(1);
    const notes = notesOf(portal, 'contacts', contactId);
    expect(notes).toHaveLength(1);
    const stored = portal.emu.store.get('contacts', contactId)?.properties;
    expect(stored?.hubspot_owner_id).toBe([...owners][0]);
    expect(stored?.lead_ops_routing_note_id).toBe(notes[0]?.id);
    // Every owner write of this record named the same owner.
    const ownerWrites = portal.emu.store.history('contacts', contactId, 'hubspot_owner_id').map((h) => h.value);
    expect(new Set(ownerWrites.filter((v) => v))).toEqual(owners);
  });
});

describe('balanced routing under search lag', () => {
  it('spreads 1,000 assignments within ±10 % across the team’s eligible owners', async () => {
    const clock = new VirtualClock();
    const portal = await startTestPortal({ clock, searchLagMs: 5_000 });
    try {
      const company = await api<{ id: string }>(portal, 'POST', '/crm/v3/objects/companies', { properties: { name: 'Midco', numberofemployees: '300' } });
      const ids: string[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const made = await api<{ results: { id: string }[] }>(portal, 'POST', '/crm/v3/objects/contacts/batch/create', {
          inputs: Array.from({ length: 100 }, (_, i) => ({
            properties: { email: `mm-${batch}-${i}@example.com` },
            associations: [{ to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }],
          })),
        });
        ids.push(...made.results.map((r) => r.id));
      }
      clock.advance(60_000);
      for (const id of ids) {
        const res = await portal.call(assignOwner, { objectType: 'contacts', objectId: id }, { clock });
        if (!res.ok) throw new Error(res.error.message);
        // Leads arrive a second apart; search shows a write only 5 s later.
        clock.advance(1_000);
      }
      const counts = new Map<string, number>();
      for (const id of ids) {
        const owner = portal.emu.store.get('contacts', id)?.properties.hubspot_owner_id ?? 'none';
        counts.set(owner, (counts.get(owner) ?? 0) + 1);
      }
      const eligible = portal.emu.store.owners().filter((o) => !o.archived && o.teams.some((t) => t.name === DEMO.teams.midMarket.name) && !o.teams.some((t) => t.name === DEMO.teams.away.name));
      expect([...counts.keys()].sort()).toEqual(eligible.map((o) => o.id).sort());
      const fair = ids.length / eligible.length;
      for (const n of counts.values()) expect(Math.abs(n - fair) / fair).toBeLessThanOrEqual(0.1);
    } finally {
      await portal.close();
    }
  }, 120_000);
});
