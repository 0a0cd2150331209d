import { CriterionSchema, type CriterionInput } from './schema';
import { evaluate, parseInstant, parseNumber, propertiesOf, type CriteriaInput } from './evaluate';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;

const input = (record: Record<string, string | null>, company: Record<string, string | null> | null = null): CriteriaInput => ({
  record,
  company,
  now: NOW,
});
const parse = (c: CriterionInput) => CriterionSchema.parse(c);
const run = (c: CriterionInput, i: CriteriaInput) => evaluate(parse(c), i).outcome;

describe('leaf operators', () => {
  test.each`
    op       | value  | raw        | expected
    ${'eq'}  | ${50}  | ${'50'}    | ${'true'}
    ${'eq'}  | ${50}  | ${'50.0'}  | ${'true'}
    ${'neq'} | ${50}  | ${'49'}    | ${'true'}
    ${'lt'}  | ${50}  | ${'49'}    | ${'true'}
    ${'lt'}  | ${50}  | ${'50'}    | ${'false'}
    ${'lte'} | ${50}  | ${'50'}    | ${'true'}
    ${'gt'}  | ${500} | ${'500'}   | ${'false'}
    ${'gt'}  | ${500} | ${'501'}   | ${'true'}
    ${'gte'} | ${50}  | ${'1,200'} | ${'true'}
    ${'gte'} | ${50}  | ${'lots'}  | ${'unknown'}
    ${'gte'} | ${50}  | ${null}    | ${'unknown'}
    ${'gte'} | ${9}   | ${'10'}    | ${'true'}
  `('number $op $value on $raw -> $expected', ({ op, value, raw, expected }) => {
    expect(run({ property: 'n', op, value }, input({ n: raw }))).toBe(expected);
  });

  test.each`
    min   | max    | raw      | expected
    ${50} | ${500} | ${'50'}  | ${'true'}
    ${50} | ${500} | ${'500'} | ${'true'}
    ${50} | ${500} | ${'49'}  | ${'false'}
    ${50} | ${500} | ${'501'} | ${'false'}
  `('between $min..$max on $raw -> $expected', ({ min, max, raw, expected }) => {
    expect(run({ property: 'n', op: 'between', min, max }, input({ n: raw }))).toBe(expected);
  });

  test.each`
    op                | value       | raw                  | expected
    ${'is'}           | ${'Acme'}   | ${'acme'}            | ${'true'}
    ${'is_not'}       | ${'Acme'}   | ${'Other'}           | ${'true'}
    ${'contains'}     | ${'VP'}     | ${'Senior vp Sales'} | ${'true'}
    ${'not_contains'} | ${'intern'} | ${'Intern'}          | ${'false'}
    ${'starts_with'}  | ${'chief'}  | ${'Chief of Staff'}  | ${'true'}
    ${'ends_with'}    | ${'.edu'}   | ${'a@b.EDU'}         | ${'true'}
    ${'is'}           | ${'Acme'}   | ${'   '}             | ${'unknown'}
  `('text $op "$value" on "$raw" -> $expected', ({ op, value, raw, expected }) => {
    expect(run({ property: 't', op, value }, input({ t: raw }))).toBe(expected);
  });

  test.each`
    op           | values          | raw                  | expected
    ${'in'}      | ${['US', 'CA']} | ${'us'}              | ${'true'}
    ${'in'}      | ${['US', 'CA']} | ${'MX'}              | ${'false'}
    ${'not_in'}  | ${['US']}       | ${'MX'}              | ${'true'}
    ${'has_any'} | ${['a', 'b']}   | ${'c;b'}             | ${'true'}
    ${'has_any'} | ${['a', 'b']}   | ${'c;d'}             | ${'false'}
    ${'has_all'} | ${['a', 'b']}   | ${'b; a ;c'}         | ${'true'}
    ${'has_all'} | ${['a', 'b']}   | ${'a'}               | ${'false'}
    ${'in'}      | ${['US']}       | ${null}              | ${'unknown'}
  `('set $op $values on $raw -> $expected', ({ op, values, raw, expected }) => {
    expect(run({ property: 's', op, values }, input({ s: raw }))).toBe(expected);
  });

  test.each`
    op              | raw       | expected
    ${'is_known'}   | ${'x'}    | ${'true'}
    ${'is_known'}   | ${''}     | ${'false'}
    ${'is_known'}   | ${null}   | ${'false'}
    ${'is_unknown'} | ${null}   | ${'true'}
    ${'is_unknown'} | ${'x'}    | ${'false'}
    ${'is_true'}    | ${'true'} | ${'true'}
    ${'is_true'}    | ${'FALSE'} | ${'false'}
    ${'is_false'}   | ${'false'} | ${'true'}
    ${'is_true'}    | ${'yes'}  | ${'unknown'}
  `('$op on $raw -> $expected', ({ op, raw, expected }) => {
    expect(run({ property: 'p', op }, input({ p: raw }))).toBe(expected);
  });

  test.each`
    op                      | days  | raw                                        | expected
    ${'within_last_days'}   | ${7}  | ${new Date(NOW - 3 * DAY).toISOString()}   | ${'true'}
    ${'within_last_days'}   | ${7}  | ${String(NOW - 7 * DAY)}                   | ${'true'}
    ${'within_last_days'}   | ${7}  | ${String(NOW - 7 * DAY - 1)}               | ${'true'}
    ${'within_last_days'}   | ${7}  | ${String(NOW - 8 * DAY)}                   | ${'false'}
    ${'within_last_days'}   | ${7}  | ${'2026-11-18T00:00:00.000Z'}              | ${'true'}
    ${'within_last_days'}   | ${7}  | ${'2026-11-17T23:59:59.999Z'}              | ${'false'}
    ${'more_than_days_ago'} | ${30} | ${new Date(NOW - 31 * DAY).toISOString()}  | ${'true'}
    ${'more_than_days_ago'} | ${30} | ${'2026-11-20'}                            | ${'false'}
    ${'within_last_days'}   | ${7}  | ${'last tuesday'}                          | ${'unknown'}
  `('$op $days on $raw -> $expected', ({ op, days, raw, expected }) => {
    expect(run({ property: 'd', op, days }, input({ d: raw }))).toBe(expected);
  });

  test.each`
    op          | date            | raw             | expected
    ${'before'} | ${'2026-01-01'} | ${'2025-12-31'} | ${'true'}
    ${'before'} | ${'2026-01-01'} | ${'2026-01-01'} | ${'false'}
    ${'after'}  | ${'2026-01-01'} | ${'2026-06-01T00:00:00Z'} | ${'true'}
  `('$op $date on $raw -> $expected', ({ op, date, raw, expected }) => {
    expect(run({ property: 'd', op, date }, input({ d: raw }))).toBe(expected);
  });
});

describe('sources', () => {
  it('reads company properties from the primary company', () => {
    const c = { source: 'company' as const, property: 'numberofemployees', op: 'gte' as const, value: 50 };
    expect(run(c, input({}, { numberofemployees: '320' }))).toBe('true');
  });
  it('is unknown and names the property when there is no company', () => {
    const e = evaluate(parse({ source: 'company', property: 'numberofemployees', op: 'gte', value: 50 }), input({}, null));
    expect(e.outcome).toBe('unknown');
    expect(e.missing).toEqual(['company.numberofemployees']);
    expect(e.detail).toContain('no associated company');
  });
  it('does not read inherited object keys as properties', () => {
    expect(run({ property: 'constructor', op: 'is_known' }, input({}))).toBe('false');
  });
});

describe('AND / OR / NOT', () => {
  const T = { property: 't', op: 'is_known' as const };
  const F = { property: 'f', op: 'is_known' as const };
  const U = { property: 'u', op: 'gte' as const, value: 1 };
  const rec = input({ t: 'x', f: null, u: null });

  test.each`
    name                    | criterion                                 | expected
    ${'all true'}           | ${{ all: [T, T] }}                        | ${'true'}
    ${'all with false'}     | ${{ all: [T, F] }}                        | ${'false'}
    ${'all false+unknown'}  | ${{ all: [U, F] }}                        | ${'false'}
    ${'all true+unknown'}   | ${{ all: [T, U] }}                        | ${'unknown'}
    ${'any with true'}      | ${{ any: [F, T] }}                        | ${'true'}
    ${'any true+unknown'}   | ${{ any: [U, T] }}                        | ${'true'}
    ${'any false+unknown'}  | ${{ any: [F, U] }}                        | ${'unknown'}
    ${'any all false'}      | ${{ any: [F, F] }}                        | ${'false'}
    ${'not true'}           | ${{ not: T }}                             | ${'false'}
    ${'not unknown'}        | ${{ not: U }}                             | ${'unknown'}
    ${'nested'}             | ${{ any: [{ all: [T, F] }, { not: F }] }} | ${'true'}
    ${'deep nested'}        | ${{ all: [{ any: [F, { all: [T, { not: F }] }] }, T] }} | ${'true'}
    ${'deep unknown'}       | ${{ all: [{ any: [F, { all: [T, U] }] }, T] }}          | ${'unknown'}
  `('$name -> $expected', ({ criterion, expected }) => {
    expect(run(criterion, rec)).toBe(expected);
  });

  it('explains an AND by the part that failed', () => {
    const e = evaluate(parse({ all: [T, { property: 'n', op: 'gte', value: 10 }] }), input({ t: 'x', n: '3' }));
    expect(e.outcome).toBe('false');
    expect(e.detail).toBe('n = 3 (≥ 10)');
  });
});

describe('missing properties', () => {
  const known = (property: string) => ({ property, op: 'is_known' as const });
  const atLeastOne = (property: string) => ({ property, op: 'gte' as const, value: 1 });
  test.each`
    name                                      | criterion                                       | record             | outcome      | missing
    ${'an empty property'}                    | ${atLeastOne('a')}                              | ${{}}              | ${'unknown'} | ${['a']}
    ${'a value that is not a number'}         | ${atLeastOne('a')}                              | ${{ a: 'lots' }}   | ${'unknown'} | ${['a']}
    ${'a failed is_known'}                    | ${known('a')}                                   | ${{}}              | ${'false'}   | ${['a']}
    ${'the first failing part of an AND'}     | ${{ all: [known('a'), known('b')] }}            | ${{}}              | ${'false'}   | ${['a']}
    ${'the unknown parts of an unknown AND'}  | ${{ all: [atLeastOne('a'), known('c')] }}       | ${{ c: 'x' }}      | ${'unknown'} | ${['a']}
    ${'every part of a failed OR'}            | ${{ any: [known('a'), known('b')] }}            | ${{}}              | ${'false'}   | ${['a', 'b']}
    ${'nothing when an OR part holds'}        | ${{ any: [atLeastOne('a'), known('b')] }}       | ${{ b: 'x' }}      | ${'true'}    | ${[]}
    ${'what a not negates'}                   | ${{ not: known('a') }}                          | ${{}}              | ${'true'}    | ${['a']}
  `('$name -> $outcome, missing $missing', ({ criterion, record, outcome, missing }) => {
    const e = evaluate(parse(criterion), input(record));
    expect({ outcome: e.outcome, missing: e.missing }).toEqual({ outcome, missing });
  });
});

describe('schema', () => {
  it.each([
    [{ property: 'n', op: 'gte' }, 'value'],
    [{ property: 'N', op: 'is_known' }, 'property'],
    [{ property: 'n', op: 'frobnicate', value: 1 }, 'op'],
    [{ all: [] }, 'all'],
    [{ property: 'n', op: 'is_known', extra: 1 }, 'extra'],
  ])('rejects %j', (bad, hint) => {
    const r = CriterionSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(hint);
  });

  it('lists the properties a criterion reads', () => {
    const c = parse({
      any: [
        { property: 'industry', op: 'in', values: ['A'] },
        { all: [{ source: 'company', property: 'numberofemployees', op: 'gte', value: 1 }, { not: { property: 'country', op: 'is_known' } }] },
      ],
    });
    expect(propertiesOf(c)).toEqual({ record: ['country', 'industry'], company: ['numberofemployees'] });
  });
});

describe('parsers', () => {
  test.each([
    ['42', 42],
    [' 1,000 ', 1000],
    ['-3.5', -3.5],
    ['1e3', 1000],
    ['12abc', null],
    ['', null],
    ['Infinity', null],
  ])('parseNumber(%j) = %j', (raw, n) => expect(parseNumber(raw)).toBe(n));

  test.each([
    ['1700000000000', 1700000000000],
    ['2026-11-25', Date.parse('2026-11-25')],
    ['2026-11-25T10:00:00.000Z', Date.parse('2026-11-25T10:00:00.000Z')],
    ['soon', null],
  ])('parseInstant(%j) = %j', (raw, n) => expect(parseInstant(raw)).toBe(n));
});
