/** The demo portal: deterministic, and covering every path the product takes. */
import { VirtualClock } from './virtual-clock';
import { DEMO, startEmulator, type RunningEmulator } from './index';
import type { StoredRecord } from './types';

const DAY = 86_400_000;
let emu: RunningEmulator;
let clock: VirtualClock;

beforeAll(async () => {
  clock = new VirtualClock();
  emu = await startEmulator({ seed: 'demo', seedValue: 1, clock });
});
afterAll(() => emu.close());

const live = (type: string): StoredRecord[] => emu.store.list(type).filter((r) => !r.archived);
const snapshot = (e: RunningEmulator) =>
  JSON.stringify(['contacts', 'companies', 'tickets', 'notes', 'deals'].map((t) => e.store.list(t).map((r) => [r.id, r.properties, r.createdAt, e.store.associations(t, r.id, 'companies')])));

describe('determinism', () => {
  it('gives the same portal for the same seed value and clock, and another for another seed value', async () => {
    const again = await startEmulator({ seed: 'demo', seedValue: 1, clock: new VirtualClock() });
    const other = await startEmulator({ seed: 'demo', seedValue: 2, clock: new VirtualClock() });
    try {
      expect(snapshot(again)).toBe(snapshot(emu));
      expect(snapshot(other)).not.toBe(snapshot(emu));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('an empty portal has HubSpot built-ins (owners, pipelines, properties) and no records', async () => {
    const empty = await startEmulator({ seed: 'empty' });
    try {
      expect(empty.store.list('contacts')).toEqual([]);
      expect(empty.store.owners().length).toBeGreaterThan(0);
      expect(empty.store.portal.pipelines.find('0-5', '0')?.stages).toHaveLength(4);
    } finally {
      await empty.close();
    }
  });
});

describe('owners and teams', () => {
  const members = (team: string) => emu.store.owners().filter((o) => !o.archived && o.teams.some((t) => t.name === team));
  it.each(['Small Business', 'Mid-Market', 'Enterprise'])('has several owners in %s', (team) => {
    expect(members(team).length).toBeGreaterThanOrEqual(3);
  });
  it('has "Lead Ops – Away" with an owner who also sells, and an archived owner', () => {
    const away = members(DEMO.teams.away.name);
    expect(away.some((o) => o.teams.some((t) => ['Small Business', 'Mid-Market', 'Enterprise'].includes(t.name)))).toBe(true);
    expect(emu.store.owners().filter((o) => o.archived && o.userId === null)).toHaveLength(1);
  });
});

describe('companies', () => {
  it('has at least 200, with numberofemployees on every tier boundary, missing and malformed', () => {
    const companies = live('companies');
    expect(companies.length).toBeGreaterThanOrEqual(200);
    const sizes = new Set(companies.map((c) => c.properties.numberofemployees ?? ''));
    for (const v of ['1', '49', '50', '51', '499', '500', '501', '10000', '', 'n/a', '1,200']) expect(sizes.has(v)).toBe(true);
    expect(companies.filter((c) => c.properties.hubspot_owner_id).length).toBeGreaterThan(20);
  });

  it('has one company with 520 tickets and one with 5', () => {
    expect(emu.store.associations('companies', DEMO.manyTicketsCompanyId, 'tickets')).toHaveLength(DEMO.manyTicketsCount);
    expect(emu.store.associations('companies', DEMO.fewTicketsCompanyId, 'tickets')).toHaveLength(DEMO.fewTicketsCount);
  });
});

describe('contacts', () => {
  it('has at least 1,000 with fit and engagement properties under HubSpot names', () => {
    const contacts = live('contacts');
    expect(contacts.length).toBeGreaterThanOrEqual(1000);
    for (const name of ['jobtitle', 'industry', 'country', 'lifecyclestage', 'hs_analytics_num_page_views', 'hs_analytics_num_visits', 'hs_email_open', 'hs_email_click', 'num_conversion_events', 'hs_analytics_last_visit_timestamp', 'recent_conversion_date', 'hs_last_sales_activity_timestamp', 'numemployees', 'hubspot_owner_id']) {
      expect([name, contacts.filter((c) => c.properties[name] !== undefined).length > 50]).toEqual([name, true]);
    }
  });

  it('stores only valid values: options of enumerations, numbers, ISO datetimes, active owners', () => {
    const portal = emu.store.portal;
    const owners = new Set(emu.store.owners().filter((o) => !o.archived).map((o) => o.id));
    const problems: string[] = [];
    for (const c of live('contacts')) {
      for (const [name, value] of Object.entries(c.properties)) {
        const def = portal.properties.get('0-1', name);
        const bad =
          !def ||
          (def.type === 'enumeration' && !def.externalOptions && !def.options.some((o) => o.value === value)) ||
          (def.type === 'number' && !Number.isFinite(Number(value))) ||
          (def.type === 'datetime' && new Date(value).toISOString() !== value) ||
          (name === 'hubspot_owner_id' && !owners.has(value));
        if (bad) problems.push(`${c.id}.${name}=${value}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has contacts without a company, with one, and with several of which one is primary (= associatedcompanyid)', () => {
    const byCount = { none: 0, one: 0, several: 0 };
    for (const c of live('contacts')) {
      const companies = emu.store.associations('contacts', c.id, 'companies');
      const primaries = companies.filter((a) => a.typeIds.includes(1));
      expect(primaries.length).toBeLessThanOrEqual(1);
      if (companies.length > 0) expect(c.properties.associatedcompanyid).toBe(primaries[0]?.toId);
      else expect(c.properties.associatedcompanyid).toBeUndefined();
      byCount[companies.length === 0 ? 'none' : companies.length === 1 ? 'one' : 'several']++;
    }
    expect(byCount.none).toBeGreaterThan(50);
    expect(byCount.one).toBeGreaterThan(500);
    expect(byCount.several).toBeGreaterThan(20);
  });

  it('carries the contact-side size ranges, and history trails on some contacts', () => {
    const ranges = new Set(live('contacts').map((c) => c.properties.numemployees));
    for (const r of ['1-5', '25-50', '100-500', '1000+']) expect(ranges.has(r)).toBe(true);
    const trails = live('contacts').filter((c) => emu.store.history('contacts', c.id, 'hs_analytics_num_page_views').length >= 3);
    expect(trails.length).toBeGreaterThan(50);
  });
});

describe('tickets and notes', () => {
  it('has tickets in every stage and priority, old open ones, on contacts and on companies', () => {
    const tickets = live('tickets');
    expect(new Set(tickets.map((t) => t.properties.hs_pipeline_stage))).toEqual(new Set(['1', '2', '3', '4']));
    const priorities = new Set(tickets.map((t) => t.properties.hs_ticket_priority));
    for (const p of ['LOW', 'MEDIUM', 'HIGH', 'URGENT']) expect(priorities.has(p)).toBe(true);
    expect(tickets.filter((t) => t.properties.hs_pipeline_stage !== '4' && t.createdAt < clock.now() - 30 * DAY).length).toBeGreaterThan(20);
    expect(tickets.filter((t) => t.properties.hs_pipeline_stage === '4').every((t) => t.properties.closed_date && t.properties.time_to_close)).toBe(true);
    const onContact = tickets.filter((t) => emu.store.associations('tickets', t.id, 'contacts').length > 0);
    const companyOnly = tickets.filter((t) => emu.store.associations('tickets', t.id, 'contacts').length === 0 && emu.store.associations('tickets', t.id, 'companies').length > 0);
    expect(onContact.length).toBeGreaterThan(50);
    expect(companyOnly.length).toBeGreaterThan(10);
  });

  it('has a few notes on contacts and companies, with hs_timestamp', () => {
    const notes = live('notes');
    expect(notes.length).toBeGreaterThan(5);
    expect(notes.every((n) => n.properties.hs_timestamp)).toBe(true);
    expect(notes.some((n) => emu.store.associations('notes', n.id, 'contacts').length > 0)).toBe(true);
    expect(notes.some((n) => emu.store.associations('notes', n.id, 'companies').length > 0)).toBe(true);
  });
});

describe('size', () => {
  it('generates a larger portal on demand (seedSize.contacts), companies scaling with it', async () => {
    const big = await startEmulator({ seed: 'demo', seedSize: { contacts: 20_000 }, clock: new VirtualClock() });
    try {
      expect(big.store.list('contacts')).toHaveLength(20_000);
      expect(big.store.list('companies')).toHaveLength(4_000);
      const emails = new Set(big.store.list('contacts').map((c) => c.properties.email).filter(Boolean));
      expect(emails.size).toBe(big.store.list('contacts').filter((c) => c.properties.email).length);
    } finally {
      await big.close();
    }
  });
});
