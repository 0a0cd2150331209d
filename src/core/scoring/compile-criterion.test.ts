import fc from 'fast-check';
import { evaluate, type Properties } from '../criteria/evaluate';
import { CriterionSchema, type Criterion, type CriterionInput } from '../criteria/schema';
import { parseInstant, parseNumber } from '../criteria/evaluate';
import {
  compileCriterion,
  dayIndex,
  DAY_MS,
  evalContext,
  evaluateCompiled,
  formatNumber,
  LeadValues,
  parseHubSpotInstant,
  PropertyLayout,
  readProperty,
} from './compile-criterion';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const MIDNIGHT = Date.parse('2026-11-25T00:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const run = (c: CriterionInput, record: Properties, company: Properties | null = null, now = NOW) =>
  evaluateCompiled(CriterionSchema.parse(c), record, company, now);

describe('every operator a scoring rule can use', () => {
  test.each`
    criterion                                                                       | record                                    | outcome      | detail
    ${{ property: 'n', op: 'eq', value: 50 }}                                       | ${{ n: '50' }}                            | ${'true'}    | ${'n 50 = 50'}
    ${{ property: 'n', op: 'eq', value: 50 }}                                       | ${{ n: '49' }}                            | ${'false'}   | ${'n 49 ≠ 50'}
    ${{ property: 'n', op: 'neq', value: 50 }}                                      | ${{ n: '50' }}                            | ${'false'}   | ${'n 50 = 50'}
    ${{ property: 'n', op: 'lt', value: 50 }}                                       | ${{ n: '49' }}                            | ${'true'}    | ${'n 49 < 50'}
    ${{ property: 'n', op: 'lt', value: 50 }}                                       | ${{ n: '50' }}                            | ${'false'}   | ${'n 50 ≥ 50'}
    ${{ property: 'n', op: 'lte', value: 50 }}                                      | ${{ n: '50' }}                            | ${'true'}    | ${'n 50 ≤ 50'}
    ${{ property: 'n', op: 'gt', value: 500 }}                                      | ${{ n: '500' }}                           | ${'false'}   | ${'n 500 ≤ 500'}
    ${{ property: 'n', op: 'gte', value: 200 }}                                     | ${{ n: '1,200' }}                         | ${'true'}    | ${'n 1200 ≥ 200'}
    ${{ property: 'n', op: 'gte', value: 200 }}                                     | ${{ n: '12000' }}                         | ${'true'}    | ${'n 12,000 ≥ 200'}
    ${{ property: 'n', op: 'gte', value: 200 }}                                     | ${{ n: 'lots' }}                          | ${'unknown'} | ${'n "lots" is not a number'}
    ${{ property: 'n', op: 'gte', value: 200 }}                                     | ${{}}                                     | ${'unknown'} | ${'n missing'}
    ${{ property: 'n', op: 'between', min: 50, max: 500 }}                          | ${{ n: '500' }}                           | ${'true'}    | ${'n 500 in 50–500'}
    ${{ property: 'n', op: 'between', min: 50, max: 500 }}                          | ${{ n: '49' }}                            | ${'false'}   | ${'n 49 not in 50–500'}
    ${{ property: 't', op: 'is', value: 'Acme' }}                                   | ${{ t: ' acme ' }}                        | ${'true'}    | ${'t "acme"'}
    ${{ property: 't', op: 'is_not', value: 'Acme' }}                               | ${{ t: 'Other' }}                         | ${'true'}    | ${'t "Other"'}
    ${{ property: 't', op: 'contains', value: 'VP' }}                               | ${{ t: 'Senior vp Sales' }}               | ${'true'}    | ${'t "Senior vp Sales" contains "VP"'}
    ${{ property: 't', op: 'contains', value: 'VP' }}                               | ${{ t: 'Engineer' }}                      | ${'false'}   | ${'t "Engineer"'}
    ${{ property: 't', op: 'not_contains', value: 'intern' }}                       | ${{ t: 'Marketing Intern' }}              | ${'false'}   | ${'t "Marketing Intern" contains "intern"'}
    ${{ property: 't', op: 'starts_with', value: 'chief' }}                         | ${{ t: 'Chief of Staff' }}                | ${'true'}    | ${'t "Chief of Staff" starts with "chief"'}
    ${{ property: 't', op: 'ends_with', value: 'intern' }}                          | ${{ t: 'International Sales' }}           | ${'false'}   | ${'t "International Sales"'}
    ${{ property: 't', op: 'is', value: 'Acme' }}                                   | ${{ t: '   ' }}                           | ${'unknown'} | ${'t missing'}
    ${{ property: 's', op: 'in', values: ['US', 'CA'] }}                            | ${{ s: 'us' }}                            | ${'true'}    | ${'s "us" in [US, CA]'}
    ${{ property: 's', op: 'in', values: ['A', 'B', 'C', 'D'] }}                    | ${{ s: 'd' }}                             | ${'true'}    | ${'s "d" (one of 4)'}
    ${{ property: 's', op: 'not_in', values: ['US'] }}                              | ${{ s: 'MX' }}                            | ${'true'}    | ${'s "MX"'}
    ${{ property: 's', op: 'has_any', values: ['a', 'b'] }}                         | ${{ s: 'c;b' }}                           | ${'true'}    | ${'s "c;b"'}
    ${{ property: 's', op: 'has_all', values: ['a', 'b'] }}                         | ${{ s: 'a' }}                             | ${'false'}   | ${'s "a"'}
    ${{ property: 'p', op: 'is_known' }}                                            | ${{ p: 'x' }}                             | ${'true'}    | ${'p is set'}
    ${{ property: 'p', op: 'is_known' }}                                            | ${{ p: '' }}                              | ${'false'}   | ${'p is empty'}
    ${{ property: 'p', op: 'is_unknown' }}                                          | ${{}}                                     | ${'true'}    | ${'p is empty'}
    ${{ property: 'b', op: 'is_true' }}                                             | ${{ b: 'TRUE' }}                          | ${'true'}    | ${'b is true'}
    ${{ property: 'b', op: 'is_false' }}                                            | ${{ b: 'true' }}                          | ${'false'}   | ${'b is true'}
    ${{ property: 'b', op: 'is_true' }}                                             | ${{ b: 'yes' }}                           | ${'unknown'} | ${'b "yes" is not true/false'}
    ${{ property: 'd', op: 'within_last_days', days: 7 }}                           | ${{ d: iso(NOW - 3 * DAY_MS) }}           | ${'true'}    | ${'d 3 days ago'}
    ${{ property: 'd', op: 'more_than_days_ago', days: 30 }}                        | ${{ d: iso(NOW - 31 * DAY_MS) }}          | ${'true'}    | ${'d 31 days ago'}
    ${{ property: 'd', op: 'within_last_days', days: 7 }}                           | ${{ d: 'last tuesday' }}                  | ${'unknown'} | ${'d "last tuesday" is not a date'}
    ${{ property: 'd', op: 'before', date: '2026-01-01' }}                          | ${{ d: '2025-12-31' }}                    | ${'true'}    | ${'d 2025-12-31'}
    ${{ property: 'd', op: 'after', date: '2026-01-01' }}                           | ${{ d: String(Date.parse('2025-06-01')) }} | ${'false'}   | ${'d 2025-06-01'}
    ${{ property: 'lifecyclestage', op: 'in', values: ['marketingqualifiedlead'] }} | ${{ lifecyclestage: 'marketingqualifiedlead' }} | ${'true'} | ${'Lifecycle stage "Marketing Qualified Lead" in [Marketing Qualified Lead]'}
  `('$criterion on $record -> $outcome ($detail)', ({ criterion, record, outcome, detail }) => {
    const e = run(criterion, record);
    expect(e.outcome).toBe(outcome);
    expect(e.detail).toBe(detail);
    expect(e.missing.length > 0).toBe(outcome === 'unknown' || (criterion.op === 'is_known' && outcome === 'false') || (criterion.op === 'is_unknown' && outcome === 'true'));
  });

  it('reads company properties and says when there is no company', () => {
    const c = { source: 'company' as const, property: 'numberofemployees', op: 'gte' as const, value: 200 };
    expect(run(c, {}, { numberofemployees: '320' }).detail).toBe('Company size 320 ≥ 200');
    const none = run(c, {}, null);
    expect(none).toEqual({ outcome: 'unknown', detail: 'Company size missing (no associated company)', missing: ['company.numberofemployees'] });
  });

  it('does not read inherited object keys as properties', () => {
    expect(run({ property: 'constructor', op: 'is_known' }, {}).outcome).toBe('false');
    expect(run({ property: 'tostring', op: 'is_known' }, {}).outcome).toBe('false');
    expect(run({ property: 'constructor', op: 'is' , value: 'x' }, { constructor: 'x' }).outcome).toBe('true');
  });

  it('shows industry codes in words', () => {
    const c = { source: 'company' as const, property: 'industry', op: 'is' as const, value: 'COMPUTER_SOFTWARE' };
    expect(run(c, {}, { industry: 'INFORMATION_TECHNOLOGY_AND_SERVICES' }).detail).toBe('Industry "Information Technology and Services"');
  });
});

describe('whole calendar days (DECISIONS 5)', () => {
  const lastVisit = (d: string) => ({ hs_analytics_last_visit_timestamp: d });
  const within7 = { property: 'hs_analytics_last_visit_timestamp', op: 'within_last_days' as const, days: 7 };

  test.each`
    event                          | now                              | outcome    | detail
    ${'2026-11-18T00:00:00.000Z'}  | ${'2026-11-25T00:00:00.000Z'}    | ${'true'}  | ${'Last visit 7 days ago'}
    ${'2026-11-18T00:00:00.000Z'}  | ${'2026-11-25T23:59:59.999Z'}    | ${'true'}  | ${'Last visit 7 days ago'}
    ${'2026-11-17T23:59:59.999Z'}  | ${'2026-11-25T00:00:00.000Z'}    | ${'false'} | ${'Last visit 8 days ago'}
    ${'2026-11-24T23:00:00.000Z'}  | ${'2026-11-25T01:00:00.000Z'}    | ${'true'}  | ${'Last visit 1 day ago'}
    ${'2026-11-25T08:00:00.000Z'}  | ${'2026-11-25T09:00:00.000Z'}    | ${'true'}  | ${'Last visit today'}
    ${'2026-11-28T08:00:00.000Z'}  | ${'2026-11-25T09:00:00.000Z'}    | ${'true'}  | ${'Last visit in 3 days'}
  `('event $event, now $now -> $outcome', ({ event, now, outcome, detail }) => {
    const e = run(within7, lastVisit(event), null, Date.parse(now));
    expect(e.outcome).toBe(outcome);
    expect(e.detail).toBe(detail);
  });

  it('gives the same outcome at any time of the same UTC day', () => {
    const record = lastVisit('2026-11-18T13:00:00.000Z');
    const outcomes = [0, 1, 6, 12, 18, 23.99].map((h) => run(within7, record, null, MIDNIGHT + h * 3_600_000).outcome);
    expect(new Set(outcomes)).toEqual(new Set(['true']));
  });
});

describe('AND / OR / NOT nesting', () => {
  const T = { property: 't', op: 'is_known' as const };
  const F = { property: 'f', op: 'is_known' as const };
  const U = { property: 'u', op: 'gte' as const, value: 1 };
  const rec = { t: 'x', f: null, u: null };

  test.each`
    name                   | criterion                                                    | expected
    ${'all true'}          | ${{ all: [T, T] }}                                           | ${'true'}
    ${'all with false'}    | ${{ all: [T, F] }}                                           | ${'false'}
    ${'all false+unknown'} | ${{ all: [U, F] }}                                           | ${'false'}
    ${'all true+unknown'}  | ${{ all: [T, U] }}                                           | ${'unknown'}
    ${'any with true'}     | ${{ any: [F, T] }}                                           | ${'true'}
    ${'any true+unknown'}  | ${{ any: [U, T] }}                                           | ${'true'}
    ${'any false+unknown'} | ${{ any: [F, U] }}                                           | ${'unknown'}
    ${'any all false'}     | ${{ any: [F, F] }}                                           | ${'false'}
    ${'not true'}          | ${{ not: T }}                                                | ${'false'}
    ${'not unknown'}       | ${{ not: U }}                                                | ${'unknown'}
    ${'nested'}            | ${{ any: [{ all: [T, F] }, { not: F }] }}                    | ${'true'}
    ${'deep nested'}       | ${{ all: [{ any: [F, { all: [T, { not: F }] }] }, T] }}      | ${'true'}
    ${'deep unknown'}      | ${{ all: [{ any: [F, { all: [T, U] }] }, T] }}               | ${'unknown'}
  `('$name -> $expected', ({ criterion, expected }) => {
    expect(run(criterion, rec).outcome).toBe(expected);
  });

  it('explains an AND by the part that failed and an OR by the part that matched', () => {
    expect(run({ all: [T, { property: 'n', op: 'gte', value: 10 }] }, { t: 'x', n: '3' }).detail).toBe('n 3 < 10');
    const title = (v: string) => ({ property: 'jobtitle', op: 'contains' as const, value: v });
    expect(run({ any: [title('chief'), title('vp'), title('director')] }, { jobtitle: 'VP Sales' }).detail).toBe('Job title "VP Sales" contains "vp"');
  });

  it('keeps a failed OR on one property to one line, and names every missing property of an unknown', () => {
    const title = (v: string) => ({ property: 'jobtitle', op: 'contains' as const, value: v });
    expect(run({ any: [title('chief'), title('vp'), title('director'), title('head of')] }, { jobtitle: 'Engineer' }).detail).toBe('Job title "Engineer"');
    const e = run({ any: [{ property: 'country', op: 'is', value: 'US' }, { source: 'company', property: 'country', op: 'is', value: 'US' }] }, {}, null);
    expect(e.outcome).toBe('unknown');
    expect(e.missing).toEqual(['country', 'company.country']);
    expect(e.detail).toBe('Country missing and Company country missing (no associated company)');
  });

  it('counts details beyond three', () => {
    const leaves = ['a', 'b', 'c', 'd', 'e'].map((p) => ({ property: p, op: 'is_known' as const }));
    expect(run({ any: leaves }, {}).detail).toBe('a is empty and b is empty and c is empty and 2 more');
  });
});

describe('agrees with the shared evaluator', () => {
  // The shared evaluator with `now` at midnight UTC is the reference: same outcomes, same missing properties.
  const numbers = fc.constantFrom<string | null>(null, '', '-3', '0', '2', '5', '1,000', 'x');
  const texts = fc.constantFrom<string | null>(null, 'a', 'B', 'ab', 'a;b', ' b ');
  const bools = fc.constantFrom<string | null>(null, 'true', 'FALSE', 'maybe');
  const dates = fc.oneof(
    fc.constant<string | null>(null),
    fc.constant<string | null>('soon'),
    fc.integer({ min: -15 * 24, max: 3 * 24 }).map((h) => iso(MIDNIGHT + h * 3_600_000 + 17)),
    fc.integer({ min: -15, max: 3 }).map((d) => String(MIDNIGHT + d * DAY_MS)),
  );
  const bag = fc.record({ n: numbers, t: texts, b: bools, d: dates });
  const source = fc.constantFrom<'record' | 'company'>('record', 'company');
  const leaf: fc.Arbitrary<CriterionInput> = fc.oneof(
    fc.record({ source, property: fc.constant('n'), op: fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte'), value: fc.integer({ min: -5, max: 6 }) }),
    fc.record({ source, property: fc.constant('n'), op: fc.constant('between'), min: fc.integer({ min: -5, max: 2 }), max: fc.integer({ min: 2, max: 8 }) }),
    fc.record({ source, property: fc.constant('t'), op: fc.constantFrom('is', 'is_not', 'contains', 'not_contains', 'starts_with', 'ends_with'), value: fc.constantFrom('a', 'b', 'AB') }),
    fc.record({ source, property: fc.constant('t'), op: fc.constantFrom('in', 'not_in', 'has_any', 'has_all'), values: fc.constantFrom(['a'], ['b', 'ab'], ['A', 'B']) }),
    fc.record({ source, property: fc.constantFrom('n', 't', 'd'), op: fc.constantFrom('is_known', 'is_unknown') }),
    fc.record({ source, property: fc.constant('b'), op: fc.constantFrom('is_true', 'is_false') }),
    fc.record({ source, property: fc.constant('d'), op: fc.constantFrom('within_last_days', 'more_than_days_ago'), days: fc.integer({ min: 1, max: 10 }) }),
    fc.record({ source, property: fc.constant('d'), op: fc.constantFrom('before', 'after'), date: fc.constantFrom('2026-11-20', '2026-11-25T00:00:00Z') }),
  ) as fc.Arbitrary<CriterionInput>;
  const tree = fc.letrec<{ c: CriterionInput }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('c') }),
    ),
  })).c;

  it('on random criteria and records', () => {
    fc.assert(
      fc.property(tree, bag, fc.option(bag, { nil: null }), fc.integer({ min: 0, max: 86_399_999 }), (input, record, company, timeOfDay) => {
        const criterion: Criterion = CriterionSchema.parse(input);
        const reference = evaluate(criterion, { record, company, now: MIDNIGHT });
        const compiled = evaluateCompiled(criterion, record, company, MIDNIGHT + timeOfDay);
        expect(compiled.outcome).toBe(reference.outcome);
        if (reference.outcome === 'unknown') expect([...compiled.missing].sort()).toEqual([...reference.missing].sort());
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });

  it('compiled once for many records, answers each as compiled afresh (details kept across records)', () => {
    fc.assert(
      fc.property(tree, fc.array(fc.tuple(bag, fc.option(bag, { nil: null })), { minLength: 5, maxLength: 40 }), (input, records) => {
        const criterion: Criterion = CriterionSchema.parse(input);
        const layout = new PropertyLayout();
        const compiled = compileCriterion(criterion, layout);
        const values = new LeadValues(layout, {}, null);
        // Twice over the same records: the second time every detail comes from what the first time kept.
        for (const [record, company] of [...records, ...records]) {
          values.reset(record, company);
          const ctx = evalContext(values, dayIndex(MIDNIGHT));
          const outcome = compiled(ctx);
          expect({ outcome, detail: ctx.detail.text, missing: ctx.missing }).toEqual(evaluateCompiled(criterion, record, company, MIDNIGHT));
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('an AND/OR of text tests on one property (read once, tested in one loop)', () => {
  // The same criterion with every leaf of a group wrapped in a one-part group is compiled leaf by leaf: the oracle.
  const leafByLeaf = (c: CriterionInput): CriterionInput => {
    if ('all' in c) return { all: c.all.map((x) => ('property' in x ? { all: [x] } : leafByLeaf(x))) };
    if ('any' in c) return { any: c.any.map((x) => ('property' in x ? { all: [x] } : leafByLeaf(x))) };
    if ('not' in c) return { not: leafByLeaf(c.not) };
    return c;
  };
  const text = fc.constantFrom<string | null>(null, '', 'VP Sales', 'vp', 'Chief of Staff', 'Head of Growth', ' director ', 'Student', 'intern', 'International', 'Ω', 'a;b');
  const leaf: fc.Arbitrary<CriterionInput> = fc.oneof(
    fc.record({ property: fc.constant('t'), op: fc.constantFrom('is', 'is_not', 'contains', 'not_contains', 'starts_with', 'ends_with'), value: fc.constantFrom('vp', 'VP Sales', 'chief', 'intern', 'director', 'Ω') }),
    fc.record({ property: fc.constant('t'), op: fc.constantFrom('in', 'not_in'), values: fc.constantFrom(['vp'], ['VP Sales', 'student'], ['a', 'b', 'c', 'd']) }),
    fc.record({ property: fc.constant('t'), op: fc.constantFrom('contains', 'in'), value: fc.constant('vp'), values: fc.constant(['vp']), label: fc.constant('Title') }).map(
      ({ op, value, values, ...rest }) => (op === 'in' ? { ...rest, op, values } : { ...rest, op, value }) as CriterionInput,
    ),
  ) as fc.Arbitrary<CriterionInput>;
  const group = fc.record({ kind: fc.constantFrom('all', 'any'), parts: fc.array(leaf, { minLength: 2, maxLength: 6 }), source: fc.constantFrom<'record' | 'company'>('record', 'company') }).map(
    ({ kind, parts, source }) => ({ [kind]: parts.map((p) => ({ ...p, source })) }) as CriterionInput,
  );

  it('gives what the leaves give one by one: outcome, detail and missing', () => {
    fc.assert(
      fc.property(fc.oneof(group, group.map((g) => ({ not: g }) as CriterionInput), fc.tuple(group, group).map(([a, b]) => ({ any: [a, b] }) as CriterionInput)), text, fc.boolean(), (input, t, hasCompany) => {
        const record = t === null ? {} : { t };
        const company = hasCompany ? record : null;
        const fused = evaluateCompiled(CriterionSchema.parse(input), record, company, MIDNIGHT);
        const oracle = evaluateCompiled(CriterionSchema.parse(leafByLeaf(input)), record, company, MIDNIGHT);
        expect({ ...fused, missing: [...fused.missing] }).toEqual({ ...oracle, missing: [...oracle.missing] });
      }),
      { numRuns: 4000, seed: 13 },
    );
  });
});

describe('details kept across records', () => {
  it('stay exact past the cache bound (thousands of distinct values, fractions, negatives)', () => {
    const criterion = CriterionSchema.parse({ any: [{ property: 'n', op: 'gte', value: 1500 }, { property: 'd', op: 'within_last_days', days: 30 }] });
    const layout = new PropertyLayout();
    const compiled = compileCriterion(criterion, layout);
    const values = new LeadValues(layout, {}, null);
    for (let i = -50; i < 3000; i++) {
      const record = { n: i % 7 === 0 ? `${i}.5` : String(i), d: iso(MIDNIGHT - i * DAY_MS) };
      values.reset(record, null);
      const ctx = evalContext(values, dayIndex(MIDNIGHT));
      const outcome = compiled(ctx);
      expect({ outcome, detail: ctx.detail.text }).toEqual({ outcome: evaluateCompiled(criterion, record, null, MIDNIGHT).outcome, detail: evaluateCompiled(criterion, record, null, MIDNIGHT).detail });
    }
  });
});

describe('LeadValues reads a record as reading each property would', () => {
  // What reading one property gives: own properties only for names every object has (`constructor`), the value
  // wherever it is found for other names; trimmed; blanks and non-strings are null.
  const oracle = (bag: Properties | null, property: string): string | null => {
    if (bag === null) return null;
    if (property in Object.prototype) return readProperty(bag, property);
    const v: unknown = bag[property];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const PROPERTIES = ['jobtitle', 'country', 'constructor', 'numemployees', 'toString'];
  const withHidden = (): Properties => Object.defineProperty({ jobtitle: 'CEO' }, 'country', { value: ' Germany ', enumerable: false }) as Properties;
  const withGetter = (): Properties => Object.defineProperty({ jobtitle: 'CEO' }, 'country', { get: () => 'France', enumerable: true }) as Properties;

  test.each`
    kind                                   | make
    ${'plain JSON data'}                   | ${() => JSON.parse('{"jobtitle":" VP Sales ","country":"","numemployees":"25-50","constructor":"x"}') as Properties}
    ${'no prototype'}                      | ${() => Object.assign(Object.create(null) as Properties, { jobtitle: 'CTO', country: 'Spain' })}
    ${'inherited values'}                  | ${() => Object.assign(Object.create({ jobtitle: 'Inherited', country: 'Peru' }) as Properties, { country: 'Chile' })}
    ${'a non-enumerable own property'}     | ${withHidden}
    ${'an enumerable getter'}              | ${withGetter}
    ${'non-string values'}                 | ${() => ({ jobtitle: 42, country: null, numemployees: undefined }) as unknown as Properties}
  `('$kind', ({ make }: { make: () => Properties }) => {
    const layout = new PropertyLayout();
    const slots = PROPERTIES.map((p) => [p, layout.slot('record', p), layout.slot('company', p)] as const);
    const record = make();
    const company = make();
    const values = new LeadValues(layout, {}, null);
    values.reset(record, company);
    for (const [p, r, c] of slots) {
      expect(values.raw(r)).toBe(oracle(record, p));
      expect(values.raw(c)).toBe(oracle(company, p));
    }
    values.reset(record, null);
    for (const [p, r, c] of slots) {
      expect(values.raw(r)).toBe(oracle(record, p));
      expect(values.raw(c)).toBeNull();
    }
  });

  it('sees a value added to every object (an enumerable Object.prototype property), as reading it would', () => {
    const layout = new PropertyLayout();
    const slot = layout.slot('record', 'lead_ops_polluted');
    const values = new LeadValues(layout, {}, null);
    const proto = Object.prototype as unknown as Record<string, unknown>;
    proto.lead_ops_polluted = 'everywhere';
    try {
      values.reset({ jobtitle: 'CEO' }, null);
      expect(values.raw(slot)).toBe('everywhere');
    } finally {
      delete proto.lead_ops_polluted;
    }
    values.reset({ jobtitle: 'CEO' }, null);
    expect(values.raw(slot)).toBeNull();
  });

  it('forgets every value between records, also when its record counter starts over', () => {
    const layout = new PropertyLayout();
    const slot = layout.slot('record', 'n');
    const values = new LeadValues(layout, {}, null);
    (values as unknown as { contact: number }).contact = 0xffffffff - 1;
    for (const n of ['1', '2', '3', '4']) {
      values.reset({ n }, null);
      expect(values.number(slot)).toBe(Number(n));
      expect(values.lower(slot)).toBe(n);
    }
  });

  it('reads numbers as parseNumber does, digit strings included', () => {
    const layout = new PropertyLayout();
    const slot = layout.slot('record', 'n');
    const values = new LeadValues(layout, {}, null);
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9]{1,20}$/), fc.stringMatching(/^ ?[-+0-9.,eE]{0,8} ?$/), fc.string()), (raw) => {
        values.reset({ n: raw }, null);
        const trimmed = raw.trim();
        expect(values.number(slot)).toBe(trimmed === '' ? null : parseNumber(trimmed));
      }),
      { numRuns: 3000, seed: 5 },
    );
  });
});

test.each([
  [0, '0'],
  [42, '42'],
  [-7, '-7'],
  [1200, '1200'],
  [12000, '12,000'],
  [1234567.5, '1,234,567.5'],
  [0.125, '0.13'],
  [-12345.678, '-12,345.68'],
])('formatNumber(%p) = %p', (n, text) => expect(formatNumber(n)).toBe(text));

describe('parseHubSpotInstant', () => {
  test.each([
    '2026-11-13T10:00:00.000Z',
    '2026-11-13T10:00:00Z',
    '2026-02-30T00:00:00.000Z',
    '2026-11-25T24:00:00.000Z',
    '2026-11-25T23:60:00.000Z',
    '0050-01-01T00:00:00.000Z',
    '2026-11-13T10:00:00.000+01:00',
    '2026-11-13',
    '1764072000000',
    '2026-1x-13T10:00:00.000Z',
    'soon',
  ])('reads %p as parseInstant does', (raw) => {
    expect(parseHubSpotInstant(raw)).toBe(parseInstant(raw));
  });

  it('agrees with parseInstant on random datetimes', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999 }),
        fc.boolean(),
        (y, mo, d, h, mi, se, ms, withMs) => {
          const raw = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(se, 2)}${withMs ? `.${pad(ms, 3)}` : ''}Z`;
          expect(parseHubSpotInstant(raw)).toBe(parseInstant(raw));
        },
      ),
      { numRuns: 5000, seed: 11 },
    );
  });
});
