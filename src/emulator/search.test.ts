/**
 * The search API through the real SDK: limits, operators and typing, paging and the 10,000 cap, free text,
 * sorting, associations, archived records, search lag on the emulator clock; and property-style tests that compare
 * the endpoint with a small in-memory oracle written here.
 */
import fc from 'fast-check';
import { CollectionResponseWithTotalSimplePublicObjectForwardPaging, FilterOperatorEnum, type Filter, type PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/contacts';
import { VirtualClock } from './virtual-clock';
import { failure, startHarness, type Harness } from './emulator.test-helpers';

let h: Harness;
let clock: VirtualClock;

beforeAll(async () => {
  clock = new VirtualClock();
  h = await startHarness({ clock });
  for (const [name, type, fieldType] of [
    ['fx_score', 'number', 'number'],
    ['fx_seen', 'datetime', 'date'],
    ['fx_flag', 'bool', 'booleancheckbox'],
  ] as const) {
    await h.client.crm.properties.coreApi.create('contacts', { name, label: name, type: type as never, fieldType: fieldType as never, groupName: 'contactinformation' });
  }
});
afterAll(() => h.emu.close());

const search = (body: Partial<PublicObjectSearchRequest>) => h.client.crm.contacts.searchApi.doSearch(body as PublicObjectSearchRequest);
const f = (propertyName: string, operator: string, value?: string, extra: Partial<Filter> = {}): Filter => ({ propertyName, operator: operator as FilterOperatorEnum, ...(value !== undefined ? { value } : {}), ...extra });
const ids = (r: { results: { id: string }[] }) => r.results.map((x) => x.id);

describe('request validation', () => {
  const eq = (i: number) => f('email', 'EQ', `x${i}@example.com`);
  it.each([
    ['6 filter groups', { filterGroups: Array.from({ length: 6 }, (_, i) => ({ filters: [eq(i)] })) }],
    ['7 filters in one group', { filterGroups: [{ filters: Array.from({ length: 7 }, (_, i) => eq(i)) }] }],
    ['19 filters in total', { filterGroups: [...Array.from({ length: 3 }, () => ({ filters: Array.from({ length: 6 }, (_, i) => eq(i)) })), { filters: [eq(99)] }] }],
    ['two sorts', { sorts: ['email', 'firstname'] }],
    ['limit 201', { limit: 201 }],
    ['after 10000', { after: '10000' }],
    ['a 3001-character query', { query: 'a'.repeat(3001) }],
    ['an unknown operator', { filterGroups: [{ filters: [f('email', 'LIKE', 'x')] }] }],
    ['an unknown property', { filterGroups: [{ filters: [f('no_such_property', 'EQ', 'x')] }] }],
    ['HAS_PROPERTY with a value', { filterGroups: [{ filters: [f('email', 'HAS_PROPERTY', 'x')] }] }],
    ['EQ without a value', { filterGroups: [{ filters: [f('email', 'EQ')] }] }],
    ['BETWEEN without highValue', { filterGroups: [{ filters: [f('fx_score', 'BETWEEN', '1')] }] }],
    ['IN without values', { filterGroups: [{ filters: [f('email', 'IN')] }] }],
    ['a number filter that is not a number', { filterGroups: [{ filters: [f('fx_score', 'GT', 'ten')] }] }],
  ])('refuses %s with 400 VALIDATION_ERROR', async (_name, body) => {
    const e = await failure(search(body as Partial<PublicObjectSearchRequest>));
    expect(e.code).toBe(400);
    expect(e.body.category).toBe('VALIDATION_ERROR');
  });

  it('accepts 5 groups, 6 filters per group and 18 in total, and an empty body', async () => {
    const groups = [0, 1, 2].map(() => ({ filters: Array.from({ length: 6 }, (_, i) => eq(i)) }));
    await expect(search({ filterGroups: groups })).resolves.toBeInstanceOf(CollectionResponseWithTotalSimplePublicObjectForwardPaging);
    await expect(search({ filterGroups: Array.from({ length: 5 }, (_, i) => ({ filters: [eq(i)] })) })).resolves.toBeDefined();
    await expect(search({})).resolves.toBeDefined();
  });
});

describe('typed comparisons', () => {
  let a: string;
  let b: string;
  let c: string;
  beforeAll(async () => {
    const made = await h.client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: 'typed-a@example.com', jobtitle: 'CTO', lifecyclestage: 'lead', fx_score: '9', fx_seen: '2026-01-01T00:00:00Z', firstname: 'Ada' }, associations: [] },
        { properties: { email: 'typed-b@example.com', jobtitle: 'cto office', lifecyclestage: 'customer', fx_score: '10', fx_seen: '2026-03-01T00:00:00Z', firstname: 'Bob' }, associations: [] },
        { properties: { email: 'typed-c@other.example', jobtitle: 'Engineer', fx_score: '100', firstname: 'Cy' }, associations: [] },
      ],
    });
    [a, b, c] = made.results.sort((x, y) => Number(x.id) - Number(y.id)).map((r) => r.id) as [string, string, string];
  });
  const only = (filters: Filter[]) => search({ filterGroups: [{ filters: [...filters, f('email', 'CONTAINS_TOKEN', 'typed-*')] }], limit: 100 });

  it('compares numbers numerically (9 < 10 < 100), not as strings', async () => {
    expect(ids(await only([f('fx_score', 'LT', '10')]))).toEqual([a]);
    expect(ids(await only([f('fx_score', 'GTE', '10')]))).toEqual([b, c]);
    expect(ids(await only([f('fx_score', 'BETWEEN', '9', { highValue: '10' })]))).toEqual([a, b]);
  });

  it('compares datetimes by instant, from epoch-ms strings or ISO', async () => {
    const feb = String(Date.parse('2026-02-01T00:00:00Z'));
    expect(ids(await only([f('fx_seen', 'GT', feb)]))).toEqual([b]);
    expect(ids(await only([f('fx_seen', 'LT', '2026-02-01')]))).toEqual([a]);
    expect(ids(await only([f('fx_seen', 'EQ', '2026-01-01T00:00:00.000Z')]))).toEqual([a]);
  });

  it('strings are case-insensitive, but string IN/NOT_IN values must be lower case', async () => {
    expect(ids(await only([f('jobtitle', 'EQ', 'cto')]))).toEqual([a]);
    expect(ids(await only([f('jobtitle', 'IN', undefined, { values: ['CTO'] })]))).toEqual([]);
    expect(ids(await only([f('jobtitle', 'IN', undefined, { values: ['cto'] })]))).toEqual([a]);
  });

  it('enumerations are case-sensitive for every operator', async () => {
    expect(ids(await only([f('lifecyclestage', 'EQ', 'LEAD')]))).toEqual([]);
    expect(ids(await only([f('lifecyclestage', 'EQ', 'lead')]))).toEqual([a]);
    expect(ids(await only([f('lifecyclestage', 'IN', undefined, { values: ['lead', 'customer'] })]))).toEqual([a, b]);
  });

  it('HAS_PROPERTY / NOT_HAS_PROPERTY; negative operators include records without the value', async () => {
    expect(ids(await only([f('lifecyclestage', 'NOT_HAS_PROPERTY')]))).toEqual([c]);
    expect(ids(await only([f('lifecyclestage', 'NEQ', 'lead')]))).toEqual([b, c]);
    expect(ids(await only([f('fx_seen', 'HAS_PROPERTY')]))).toEqual([a, b]);
  });

  it('CONTAINS_TOKEN matches words and * wildcards', async () => {
    expect(ids(await only([f('jobtitle', 'CONTAINS_TOKEN', 'office')]))).toEqual([b]);
    expect(ids(await only([f('email', 'CONTAINS_TOKEN', '*@other.example')]))).toEqual([c]);
    expect(ids(await only([f('jobtitle', 'NOT_CONTAINS_TOKEN', 'cto')]))).toEqual([c]);
  });

  it('ORs filter groups and ANDs filters inside a group', async () => {
    const r = await search({ filterGroups: [{ filters: [f('fx_score', 'EQ', '9')] }, { filters: [f('fx_score', 'EQ', '100'), f('firstname', 'EQ', 'cy')] }] });
    expect(ids(r)).toEqual([a, c]);
  });

  it('finds by free text over the default searchable properties and sorts by one property', async () => {
    expect(ids(await search({ query: 'bob' }))).toEqual([b]);
    expect(ids(await search({ query: 'typed-c' }))).toEqual([c]);
    const sorted = await search({ filterGroups: [{ filters: [f('email', 'CONTAINS_TOKEN', 'typed-*')] }], sorts: [{ propertyName: 'fx_score', direction: 'DESCENDING' }] as unknown as string[] });
    expect(ids(sorted)).toEqual([c, b, a]);
    const asString = await search({ filterGroups: [{ filters: [f('email', 'CONTAINS_TOKEN', 'typed-*')] }], sorts: ['-fx_score'] });
    expect(ids(asString)).toEqual([c, b, a]);
  });

  it('returns the requested properties (null when empty) plus createdate, lastmodifieddate and hs_object_id', async () => {
    const r = await search({ filterGroups: [{ filters: [f('hs_object_id', 'EQ', c)] }], properties: ['jobtitle', 'lifecyclestage'] });
    expect(r.results[0]?.properties).toEqual({ jobtitle: 'Engineer', lifecyclestage: null, createdate: expect.any(String), lastmodifieddate: expect.any(String), hs_object_id: c });
    expect(r.results[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('never returns archived records', async () => {
    const gone = await h.client.crm.contacts.basicApi.create({ properties: { email: 'typed-gone@example.com' }, associations: [] });
    await h.client.crm.contacts.basicApi.archive(gone.id);
    expect(ids(await only([]))).not.toContain(gone.id);
  });
});

describe('paging, total and the 10,000 cap', () => {
  let h2: Harness;
  beforeAll(async () => {
    h2 = await startHarness({ clock: new VirtualClock() });
    for (let i = 0; i < 10_050; i++) h2.emu.store.portal.seed('0-2', { name: `Co ${i}`, numberofemployees: String(i) }, { createdAt: 0 });
  });
  afterAll(() => h2.emu.close());
  const companies = (body: Partial<PublicObjectSearchRequest>) => h2.client.crm.companies.searchApi.doSearch(body as PublicObjectSearchRequest);

  it('defaults to 10 per page and pages with integer offsets sent as strings; total counts every match', async () => {
    const p1 = await companies({});
    expect(p1.results).toHaveLength(10);
    expect(p1.total).toBe(10_050);
    expect(p1.paging?.next?.after).toBe('10');
    const p2 = await companies({ after: '10', limit: 200 });
    expect(p2.results).toHaveLength(200);
    expect(p2.paging?.next?.after).toBe('210');
    expect(p2.results[0]?.id).toBe(String(Number(p1.results[9]?.id) + 1));
  });

  it('stops at 10,000 results: the page that reaches it has no paging, and asking past it is a 400', async () => {
    const last = await companies({ after: '9990', limit: 20 });
    expect(last.results).toHaveLength(10);
    expect(last.paging).toBeUndefined();
    expect((await failure(companies({ after: '10000' }))).code).toBe(400);
  });

  it('leaves paging out of the last page of a small result', async () => {
    const r = await companies({ filterGroups: [{ filters: [f('numberofemployees', 'LT', '15')] }], limit: 10, after: '10' });
    expect(r.total).toBe(15);
    expect(r.results).toHaveLength(5);
    expect(r.paging).toBeUndefined();
  });
});

describe('associations pseudo-property', () => {
  it('finds tickets associated with a contact or a company', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({ properties: { email: 'assoc-search@example.com' }, associations: [] });
    const t1 = await h.client.crm.tickets.basicApi.create({
      properties: { subject: 'T1', hs_pipeline_stage: '1' },
      associations: [{ to: { id: contact.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 16 }] }],
    });
    await h.client.crm.tickets.basicApi.create({ properties: { subject: 'T2', hs_pipeline_stage: '1' }, associations: [] });
    const r = await h.client.crm.tickets.searchApi.doSearch({ filterGroups: [{ filters: [f('associations.contact', 'EQ', contact.id)] }] } as PublicObjectSearchRequest);
    expect(ids(r)).toEqual([t1.id]);
  });
});

describe('search lag (emulator clock)', () => {
  it('a created or updated record shows in search only after the lag; get sees it at once', async () => {
    h.emu.setSearchLag(2_000);
    try {
      const c = await h.client.crm.contacts.basicApi.create({ properties: { email: 'lag@example.com', jobtitle: 'Before' }, associations: [] });
      const byEmail = () => search({ filterGroups: [{ filters: [f('email', 'EQ', 'lag@example.com')] }], properties: ['jobtitle'] });
      expect((await byEmail()).total).toBe(0);
      expect((await h.client.crm.contacts.basicApi.getById(c.id)).id).toBe(c.id);
      clock.advance(2_000);
      expect((await byEmail()).results[0]?.properties.jobtitle).toBe('Before');
      await h.client.crm.contacts.basicApi.update(c.id, { properties: { jobtitle: 'After' } });
      expect((await byEmail()).results[0]?.properties.jobtitle).toBe('Before');
      const byTitle = () => search({ filterGroups: [{ filters: [f('jobtitle', 'EQ', 'after'), f('email', 'EQ', 'lag@example.com')] }] });
      expect((await byTitle()).total).toBe(0);
      clock.advance(1_999);
      expect((await byTitle()).total).toBe(0);
      clock.advance(1);
      expect((await byTitle()).total).toBe(1);
    } finally {
      h.emu.setSearchLag(0);
    }
  });
});

// ---------------------------------------------------------------- property tests against an oracle

interface OracleRecord {
  id: string;
  props: Record<string, string | undefined>;
}
type Kind = 'number' | 'datetime' | 'enum' | 'string' | 'bool';
const KIND: Record<string, Kind> = { fx_score: 'number', fx_seen: 'datetime', lifecyclestage: 'enum', jobtitle: 'string', fx_flag: 'bool' };
const NEGATIVE = ['NEQ', 'NOT_IN', 'NOT_CONTAINS_TOKEN', 'NOT_HAS_PROPERTY'];

/** The documented semantics, written plainly: typed comparison, case rules, negatives include missing values. */
function oracleMatches(r: OracleRecord, flt: Filter): boolean {
  const v = r.props[flt.propertyName];
  const has = v !== undefined && v !== '';
  if (flt.operator === 'HAS_PROPERTY') return has;
  if (flt.operator === 'NOT_HAS_PROPERTY') return !has;
  if (!has || v === undefined) return NEGATIVE.includes(flt.operator);
  const kind = KIND[flt.propertyName];
  const norm = (x: string): number | string =>
    kind === 'number' ? Number(x) : kind === 'datetime' ? (/^\d+$/.test(x) ? Number(x) : Date.parse(x)) : kind === 'enum' ? x : x.toLowerCase();
  const a = norm(v);
  const b = norm(flt.value ?? '');
  switch (flt.operator) {
    case 'EQ':
      return a === b;
    case 'NEQ':
      return a !== b;
    case 'LT':
      return a < b;
    case 'LTE':
      return a <= b;
    case 'GT':
      return a > b;
    case 'GTE':
      return a >= b;
    case 'BETWEEN':
      return a >= b && a <= norm(flt.highValue ?? '');
    case 'IN':
    case 'NOT_IN': {
      const inSet = (flt.values ?? []).some((x) => (kind === 'string' ? x === v.toLowerCase() : norm(x) === a));
      return flt.operator === 'IN' ? inSet : !inSet;
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const words = [v.toLowerCase(), ...v.toLowerCase().split(/[^a-z0-9]+/)].filter((x) => x !== '');
      const pattern = new RegExp(`^${(flt.value ?? '').toLowerCase().split('*').join('.*')}$`);
      const hit = words.some((w) => pattern.test(w));
      return flt.operator === 'CONTAINS_TOKEN' ? hit : !hit;
    }
    default:
      return false;
  }
}

describe('search agrees with the oracle', () => {
  const TITLES = ['Alpha', 'alpha beta', 'Beta', 'GAMMA delta', 'Delta-Alpha', ''];
  const STAGES = ['lead', 'customer', 'subscriber', ''];
  const SCORES = ['-5', '0', '9', '10', '10.5', '100', ''];
  const SEEN = ['2026-01-01T00:00:00.000Z', '2026-01-15T12:00:00.000Z', '2026-03-01T00:00:00.000Z', ''];
  const FLAGS = ['true', 'false', ''];
  const data: OracleRecord[] = [];

  beforeAll(async () => {
    const inputs = Array.from({ length: 60 }, (_, i) => {
      const props: Record<string, string> = {
        email: `oracle${i}@example.com`,
        jobtitle: TITLES[i % TITLES.length] ?? '',
        lifecyclestage: STAGES[(i * 7) % STAGES.length] ?? '',
        fx_score: SCORES[(i * 3) % SCORES.length] ?? '',
        fx_seen: SEEN[(i * 5) % SEEN.length] ?? '',
        fx_flag: FLAGS[(i * 11) % FLAGS.length] ?? '',
      };
      return Object.fromEntries(Object.entries(props).filter(([, x]) => x !== ''));
    });
    const made = await h.client.crm.contacts.batchApi.create({ inputs: inputs.map((properties) => ({ properties, associations: [] })) });
    for (const r of made.results) data.push({ id: r.id, props: r.properties as Record<string, string> });
    data.sort((x, y) => Number(x.id) - Number(y.id));
  });

  const values: Record<string, string[]> = {
    jobtitle: ['alpha', 'ALPHA', 'beta', 'Alpha', 'delta-alpha', 'zeta', 'gamma delta'],
    lifecyclestage: ['lead', 'LEAD', 'customer', 'subscriber', 'other'],
    fx_score: ['-5', '0', '9', '9.5', '10', '100', '1e2'],
    fx_seen: ['2026-01-01T00:00:00.000Z', String(Date.parse('2026-01-15T12:00:00Z')), '2026-02-01', String(Date.parse('2026-03-01T00:00:00Z'))],
    fx_flag: ['true', 'false', 'TRUE'],
  };
  const tokens = ['alpha', 'BETA', 'delta', 'gam*', '*ta', 'alpha*', 'zeta'];
  const property = fc.constantFrom(...Object.keys(values));
  const filterArb: fc.Arbitrary<Filter> = property.chain((p) => {
    const v = fc.constantFrom(...(values[p] ?? []));
    const ops: fc.Arbitrary<Filter>[] = [
      fc.record({ op: fc.constantFrom('EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE'), v }).map(({ op, v: x }) => f(p, op, x)),
      fc.tuple(v, v).map(([x, y]) => f(p, 'BETWEEN', x, { highValue: y })),
      fc.record({ op: fc.constantFrom('IN', 'NOT_IN'), vs: fc.uniqueArray(v, { minLength: 1, maxLength: 3 }) }).map(({ op, vs }) => f(p, op, undefined, { values: vs })),
      fc.constantFrom('HAS_PROPERTY', 'NOT_HAS_PROPERTY').map((op) => f(p, op)),
    ];
    if (p === 'jobtitle') ops.push(fc.record({ op: fc.constantFrom('CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'), t: fc.constantFrom(...tokens) }).map(({ op, t }) => f(p, op, t)));
    return fc.oneof(...ops);
  });
  const groupsArb = fc.array(fc.record({ filters: fc.array(filterArb, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 });
  const scope = f('email', 'CONTAINS_TOKEN', 'oracle*');

  it('returns exactly the records the oracle selects, in id order, with the right total', async () => {
    await fc.assert(
      fc.asyncProperty(groupsArb, async (groups) => {
        const scoped = groups.map((g) => ({ filters: [...g.filters, scope] }));
        const r = await search({ filterGroups: scoped, limit: 100 });
        const expected = data.filter((rec) => scoped.some((g) => g.filters.every((x) => x === scope || oracleMatches(rec, x)))).map((x) => x.id);
        expect(ids(r)).toEqual(expected);
        expect(r.total).toBe(expected.length);
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });

  it('sorts like the oracle: typed ascending or descending, records without a value last', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('fx_score', 'fx_seen', 'jobtitle', 'lifecyclestage'), fc.constantFrom('ASCENDING', 'DESCENDING'), async (prop, direction) => {
        const r = await search({ filterGroups: [{ filters: [scope] }], sorts: [{ propertyName: prop, direction }] as unknown as string[], limit: 100, properties: [prop] });
        const kind = KIND[prop];
        const key = (x: OracleRecord) => {
          const v = x.props[prop];
          if (v === undefined) return undefined;
          return kind === 'number' ? Number(v) : kind === 'datetime' ? Date.parse(v) : kind === 'enum' ? v : v.toLowerCase();
        };
        const dir = direction === 'ASCENDING' ? 1 : -1;
        const expected = [...data].sort((x, y) => {
          const kx = key(x);
          const ky = key(y);
          if (kx === undefined || ky === undefined) return kx === ky ? Number(x.id) - Number(y.id) : kx === undefined ? 1 : -1;
          return kx < ky ? -dir : kx > ky ? dir : Number(x.id) - Number(y.id);
        });
        expect(ids(r)).toEqual(expected.map((x) => x.id));
      }),
      { numRuns: 8, seed: 7 },
    );
  });

  it('pages through any result without gaps or repeats', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 25 }), async (limit) => {
        const seen: string[] = [];
        let after: string | undefined = '0';
        let guard = 0;
        while (after !== undefined && guard++ < 100) {
          const r: CollectionResponseWithTotalSimplePublicObjectForwardPaging = await search({ filterGroups: [{ filters: [scope] }], limit, after });
          seen.push(...ids(r));
          after = r.paging?.next?.after;
        }
        expect(seen).toEqual(data.map((x) => x.id));
      }),
      { numRuns: 10, seed: 3 },
    );
  });
});
