import { compareIds, keysetPageRequest, nextKeysetCursor, validateSearch, type SearchRequest } from './search';

const f = (n: number) => Array.from({ length: n }, (_, i) => ({ propertyName: `p${i}`, operator: 'HAS_PROPERTY' as const }));

describe('validateSearch: HubSpot limits, checked before spending a call', () => {
  test.each`
    name                          | req                                                                   | ok
    ${'empty body'}               | ${{}}                                                                 | ${true}
    ${'5 groups'}                 | ${{ filterGroups: Array.from({ length: 5 }, () => ({ filters: f(1) })) }} | ${true}
    ${'6 groups'}                 | ${{ filterGroups: Array.from({ length: 6 }, () => ({ filters: f(1) })) }} | ${false}
    ${'6 filters in a group'}     | ${{ filterGroups: [{ filters: f(6) }] }}                              | ${true}
    ${'7 filters in a group'}     | ${{ filterGroups: [{ filters: f(7) }] }}                              | ${false}
    ${'18 filters in total'}      | ${{ filterGroups: [{ filters: f(6) }, { filters: f(6) }, { filters: f(6) }] }} | ${true}
    ${'19 filters in total'}      | ${{ filterGroups: [{ filters: f(6) }, { filters: f(6) }, { filters: f(6) }, { filters: f(1) }] }} | ${false}
    ${'two sorts'}                | ${{ sorts: [{ propertyName: 'a', direction: 'ASCENDING' }, { propertyName: 'b', direction: 'ASCENDING' }] }} | ${false}
    ${'limit 200'}                | ${{ limit: 200 }}                                                     | ${true}
    ${'limit 201'}                | ${{ limit: 201 }}                                                     | ${false}
    ${'after 9800'}               | ${{ after: '9800' }}                                                  | ${true}
    ${'after 10000 (the cap)'}    | ${{ after: '10000' }}                                                 | ${false}
    ${'query of 3001 characters'} | ${{ query: 'x'.repeat(3001) }}                                        | ${false}
  `('$name -> ok $ok', ({ req, ok }) => {
    const r = validateSearch(req as SearchRequest);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
  });
});

describe('keysetPageRequest: windowing on hs_object_id past the 10,000 cap', () => {
  const base: SearchRequest = {
    filterGroups: [
      { filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }] },
      { filters: [{ propertyName: 'hs_lead_status', operator: 'IN', values: ['NEW', 'OPEN'] }] },
    ],
    properties: ['email'],
  };

  it('first page: the filters as given, sorted by id, 200 per page, no offset', () => {
    const r = keysetPageRequest(base, null);
    expect(r).toEqual({
      ok: true,
      value: { filterGroups: base.filterGroups, properties: ['email'], sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }], limit: 200 },
    });
  });

  it('next pages AND every group with hs_object_id > last id (groups are ORed)', () => {
    const r = keysetPageRequest(base, '12345');
    if (!r.ok) throw new Error('expected ok');
    for (const g of r.value.filterGroups ?? []) expect(g.filters.at(-1)).toEqual({ propertyName: 'hs_object_id', operator: 'GT', value: '12345' });
    expect(r.value.after).toBeUndefined();
  });

  it('a body without filters gets one group holding the cursor', () => {
    const r = keysetPageRequest({}, '7');
    expect(r.ok && r.value.filterGroups).toEqual([{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: '7' }] }]);
  });

  it('refuses another sort order and a group with no room for the cursor', () => {
    expect(keysetPageRequest({ sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }] }, null).ok).toBe(false);
    expect(keysetPageRequest({ filterGroups: [{ filters: f(6) }] }, '1').ok).toBe(false);
    expect(keysetPageRequest({ sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }] }, null).ok).toBe(true);
  });
});

describe('nextKeysetCursor', () => {
  test.each`
    ids                      | pageSize | next
    ${['1', '2']}            | ${3}     | ${null}
    ${['1', '2', '3']}       | ${3}     | ${'3'}
    ${['9', '10', '100']}    | ${3}     | ${'100'}
    ${[]}                    | ${3}     | ${null}
  `('$ids (page $pageSize) -> $next', ({ ids, pageSize, next }) => {
    expect(nextKeysetCursor((ids as string[]).map((id) => ({ id })), pageSize)).toBe(next);
  });
  test.each`
    a                         | b                        | sign
    ${'9'}                    | ${'10'}                  | ${-1}
    ${'100'}                  | ${'99'}                  | ${1}
    ${'90071992547409930'}    | ${'90071992547409931'}   | ${-1}
    ${'5'}                    | ${'5'}                   | ${0}
  `('compareIds($a, $b) has sign $sign', ({ a, b, sign }) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign);
  });
});
