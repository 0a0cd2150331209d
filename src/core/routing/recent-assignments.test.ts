import { countLoad, dayKey, recentAssignmentsFromSearch, recentAssignmentsQuery, recentAssignmentsSearchBody } from './recent-assignments';
import { DAY, HOUR, makeConfig, NOW } from './test-fixtures';

const config = makeConfig();

describe('countLoad', () => {
  test.each`
    name                                  | searched                                                                                      | run                                                         | recent                 | today            | last
    ${'counts per owner'}                 | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - HOUR }, { recordId: '2', ownerId: 'a', routedAt: NOW - 2 * HOUR }]} | ${[]}      | ${{ a: 2 }}            | ${{ a: 2 }}      | ${'a'}
    ${'drops rows outside the window'}    | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - 8 * DAY }]}                                  | ${[]}                                                       | ${{}}                  | ${{}}            | ${'a'}
    ${'yesterday is recent, not today'}   | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - DAY }]}                                      | ${[]}                                                       | ${{ a: 1 }}            | ${{}}            | ${'a'}
    ${'drops the record being routed'}    | ${[{ recordId: 'self', ownerId: 'a', routedAt: NOW - HOUR }]}                                  | ${[]}                                                       | ${{}}                  | ${{}}            | ${null}
    ${'run rows replace search rows'}     | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - HOUR }]}                                     | ${[{ recordId: '1', ownerId: 'b', routedAt: NOW - 1000 }]}  | ${{ b: 1 }}            | ${{ b: 1 }}      | ${'b'}
    ${'run rows add what search lacks'}   | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - HOUR }]}                                     | ${[{ recordId: '2', ownerId: 'b', routedAt: NOW - 1000 }]}  | ${{ a: 1, b: 1 }}      | ${{ a: 1, b: 1 }} | ${'b'}
    ${'rows without a record id count'}   | ${[{ ownerId: 'a', routedAt: NOW - HOUR }, { ownerId: 'a', routedAt: NOW - HOUR }]}            | ${[]}                                                       | ${{ a: 2 }}            | ${{ a: 2 }}      | ${'a'}
    ${'unreadable times are ignored'}     | ${[{ recordId: '1', ownerId: 'a', routedAt: 'soon' }, { recordId: '2', ownerId: '', routedAt: NOW }]} | ${[]}                                                 | ${{}}                  | ${{}}            | ${null}
    ${'ISO and epoch strings both work'}  | ${[{ recordId: '1', ownerId: 'a', routedAt: new Date(NOW - HOUR).toISOString() }, { recordId: '2', ownerId: 'a', routedAt: String(NOW - HOUR) }]} | ${[]} | ${{ a: 2 }} | ${{ a: 2 }} | ${'a'}
  `('$name', ({ searched, run, recent, today, last }) => {
    const c = countLoad({ searched, run }, 'self', NOW, config);
    expect(Object.fromEntries(c.recent)).toEqual(recent);
    expect(Object.fromEntries(c.today)).toEqual(today);
    expect(c.last?.ownerId ?? null).toBe(last);
  });

  it('flags counts cut at the search page', () => {
    expect(countLoad({ searched: [], searchedTotal: 5 }, 'x', NOW, config).partial).toBe(true);
    expect(countLoad({ searched: [] }, 'x', NOW, config).partial).toBe(false);
  });
});

describe('the recent-assignments search', () => {
  it('is one search: routed since the window start, owner in the team, newest first, one page', () => {
    const q = recentAssignmentsQuery('contacts', ['201', '202'], NOW, config);
    expect(recentAssignmentsSearchBody(q)).toEqual({
      filterGroups: [
        {
          filters: [
            { propertyName: 'lead_ops_routed_at', operator: 'GTE', value: String(NOW - 7 * DAY) },
            { propertyName: 'hubspot_owner_id', operator: 'IN', values: ['201', '202'] },
          ],
        },
      ],
      sorts: [{ propertyName: 'lead_ops_routed_at', direction: 'DESCENDING' }],
      properties: ['hubspot_owner_id', 'lead_ops_routed_at'],
      limit: 200,
    });
  });

  it('reads search results into rows', () => {
    expect(
      recentAssignmentsFromSearch([
        { id: '1', properties: { hubspot_owner_id: '201', lead_ops_routed_at: '2026-11-25T14:00:00.000Z' } },
        { id: '2', properties: { hubspot_owner_id: null, lead_ops_routed_at: '2026-11-25T14:00:00.000Z' } },
        { id: '3', properties: { hubspot_owner_id: '202' } },
      ]),
    ).toEqual([{ recordId: '1', ownerId: '201', routedAt: '2026-11-25T14:00:00.000Z' }]);
  });
});

describe('dayKey', () => {
  test.each`
    at                             | tz                       | expected
    ${'2026-11-25T02:00:00Z'}      | ${'UTC'}                 | ${'2026-11-25'}
    ${'2026-11-25T02:00:00Z'}      | ${'America/Los_Angeles'} | ${'2026-11-24'}
    ${'2026-11-25T23:30:00Z'}      | ${'Europe/Berlin'}       | ${'2026-11-26'}
    ${'2026-11-25T23:30:00Z'}      | ${'Asia/Kolkata'}        | ${'2026-11-26'}
  `('$at in $tz is $expected', ({ at, tz, expected }) => {
    expect(dayKey(Date.parse(at), tz)).toBe(expected);
  });
});
