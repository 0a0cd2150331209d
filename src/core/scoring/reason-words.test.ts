import fc from 'fast-check';
import { evaluate, type Properties } from '../criteria/evaluate';
import { CriterionSchema, type Criterion, type CriterionInput } from '../criteria/schema';
import { formatNumber, REASON_WORDS } from './reason-words';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');
const MIDNIGHT = Date.parse('2026-11-25T00:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const run = (c: CriterionInput, record: Properties, company: Properties | null = null, now = NOW) =>
  evaluate(CriterionSchema.parse(c), { record, company, now }, REASON_WORDS);

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

describe('whole calendar days (a rerun on the same day says the same)', () => {
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

describe('AND / OR / NOT details', () => {
  const T = { property: 't', op: 'is_known' as const };

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

  it('keeps the facts under a not', () => {
    expect(run({ not: { property: 'n', op: 'gte', value: 10 } }, { n: '3' })).toEqual({ outcome: 'true', detail: 'n 3 < 10', missing: [] });
  });

  it('counts details beyond three', () => {
    const leaves = ['a', 'b', 'c', 'd', 'e'].map((p) => ({ property: p, op: 'is_known' as const }));
    expect(run({ any: leaves }, {}).detail).toBe('a is empty and b is empty and c is empty and 2 more');
  });
});

describe('outcomes and missing properties do not depend on the words', () => {
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

  it('on random criteria and records, at any time of the same UTC day', () => {
    fc.assert(
      fc.property(tree, bag, fc.option(bag, { nil: null }), fc.integer({ min: 0, max: 86_399_999 }), (input, record, company, timeOfDay) => {
        const criterion: Criterion = CriterionSchema.parse(input);
        const plain = evaluate(criterion, { record, company, now: MIDNIGHT });
        const reason = evaluate(criterion, { record, company, now: MIDNIGHT + timeOfDay }, REASON_WORDS);
        expect({ outcome: reason.outcome, missing: reason.missing }).toEqual({ outcome: plain.outcome, missing: plain.missing });
      }),
      { numRuns: 3000, seed: 20261125 },
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
