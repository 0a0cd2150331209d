import { decideRoute } from './decide-route';
import type { RouteInput, RoutingDecision } from './decision';
import { ROUTING_PROPERTY_NAMES as P } from './properties';
import { readRoutingState, routingHistoryFrom, routingPropertiesToWrite, type PropertiesWithHistory } from './routing-state';
import { makeConfig, makeInput, NOW, OWNERS } from './test-fixtures';
import { truncate } from './text';

const CONFIG = makeConfig();
function decide(input: Partial<RouteInput> = {}): RoutingDecision {
  const r = decideRoute(makeInput(input), CONFIG);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('routingPropertiesToWrite', () => {
  it('writes owner, tier, rule, time and key in one update', () => {
    const d = decide();
    expect(routingPropertiesToWrite(d, NOW)).toEqual({
      hubspot_owner_id: d.owner?.id,
      [P.tier]: 'mid_market',
      [P.rule]: 'numberofemployees = 320 → Mid-Market',
      [P.routedAt]: '2026-11-25T15:00:00.000Z',
      [P.key]: d.routingKey,
    });
  });

  it('records the routing note id when the caller created the note first', () => {
    const d = decide();
    expect(routingPropertiesToWrite(d, NOW, '4242')?.[P.noteId]).toBe('4242');
    expect(routingPropertiesToWrite(d, NOW)).not.toHaveProperty(P.noteId);
  });

  test.each`
    name                            | input
    ${'already assigned'}           | ${{ record: { hubspot_owner_id: '201' } }}
    ${'nobody eligible'}            | ${{ owners: OWNERS.filter((o) => o.id === '900') }}
  `('writes nothing when $name', ({ input }) => {
    expect(routingPropertiesToWrite(decide(input), NOW)).toBeNull();
  });

  it('writes nothing when the record already says the same (a rerun never rewrites the time alone)', () => {
    const first = decide();
    const again = decide({ record: { ...routingPropertiesToWrite(first, NOW), hubspot_owner_id: '' }, now: NOW + 60_000 });
    expect(again.changes).toBe(true); // the owner was cleared by someone: routing sets it again
    const same = decide({ record: { ...routingPropertiesToWrite(first, NOW) }, force: true, reason: 'check', now: NOW + 60_000 });
    expect(same.owner?.id).toBe(first.owner?.id);
    expect(routingPropertiesToWrite(same, NOW + 60_000)).toBeNull();
  });

  it('marks fallback decisions with the tier value "fallback"', () => {
    expect(routingPropertiesToWrite(decide({ company: { numberofemployees: null } }), NOW)?.[P.tier]).toBe('fallback');
  });

  it('cuts a long rule to 1,000 characters', () => {
    const d = decide({ company: { numberofemployees: 'x'.repeat(99) }, owners: OWNERS });
    const long = { ...d, rule: `${'é'.repeat(999)}🚀🚀` };
    expect(routingPropertiesToWrite(long, NOW)?.[P.rule]).toBe(truncate(long.rule, 1000));
    expect(routingPropertiesToWrite(long, NOW)?.[P.rule]?.length).toBeLessThanOrEqual(1000);
  });
});

describe('readRoutingState', () => {
  test.each`
    props                                                                                         | expected
    ${{}}                                                                                         | ${{ ownerId: null, tier: null, rule: null, routedAt: null, routingKey: null, noteId: null }}
    ${{ hubspot_owner_id: ' 201 ', [P.tier]: 'mid_market', [P.routedAt]: '2026-11-25T15:00:00Z' }} | ${{ ownerId: '201', tier: 'mid_market', rule: null, routedAt: '2026-11-25T15:00:00.000Z', routingKey: null, noteId: null }}
    ${{ [P.routedAt]: '1795564800000', [P.key]: '5001-abc', hubspot_owner_id: '' }}               | ${{ ownerId: null, tier: null, rule: null, routedAt: '2026-11-25T00:00:00.000Z', routingKey: '5001-abc', noteId: null }}
    ${{ [P.key]: '5001-abc', [P.noteId]: '77' }}                                                  | ${{ ownerId: null, tier: null, rule: null, routedAt: null, routingKey: '5001-abc', noteId: '77' }}
    ${{ [P.routedAt]: 'soon' }}                                                                   | ${{ ownerId: null, tier: null, rule: null, routedAt: null, routingKey: null, noteId: null }}
  `('$props', ({ props, expected }) => {
    expect(readRoutingState(props)).toEqual(expected);
  });
});

describe('routingHistoryFrom', () => {
  const h = (value: string | null, timestamp: string, sourceType = 'API') => ({ value, timestamp, sourceType });
  const history: PropertiesWithHistory = {
    hubspot_owner_id: [
      h('202', '2026-11-25T15:00:00.000Z'),
      h('101', '2026-11-20T09:00:00.000Z', 'CRM_UI'),
      h(null, '2026-11-10T09:00:00.000Z', 'CRM_UI'),
      h('201', '2026-11-01T08:00:00.250Z'),
    ],
    [P.key]: [h('5001-b', '2026-11-25T15:00:00.000Z'), h('5001-a', '2026-11-01T08:00:00.000Z')],
    [P.tier]: [h('mid_market', '2026-11-25T15:00:00.000Z'), h('fallback', '2026-11-01T08:00:00.000Z')],
    [P.rule]: [h('numberofemployees = 320 → Mid-Market', '2026-11-25T15:00:00.000Z'), h('numberofemployees missing → fallback', '2026-11-01T08:00:00.000Z')],
  };
  it('lists owner changes newest first and marks ours by the routing write at the same time', () => {
    expect(routingHistoryFrom(history, { owners: OWNERS, tierLabels: { mid_market: 'Mid-Market' } })).toEqual([
      { at: '2026-11-25T15:00:00.000Z', ownerId: '202', ownerName: 'Eli Haddad', tier: 'Mid-Market', rule: 'numberofemployees = 320 → Mid-Market', source: 'lead_ops' },
      { at: '2026-11-20T09:00:00.000Z', ownerId: '101', ownerName: 'Ana Ruiz', tier: null, rule: null, source: 'other' },
      { at: '2026-11-10T09:00:00.000Z', ownerId: null, ownerName: null, tier: null, rule: null, source: 'other' },
      { at: '2026-11-01T08:00:00.250Z', ownerId: '201', ownerName: 'Dee Nowak', tier: 'fallback', rule: 'numberofemployees missing → fallback', source: 'lead_ops' },
    ]);
  });

  it('copes with no history and unknown owners', () => {
    expect(routingHistoryFrom({})).toEqual([]);
    expect(routingHistoryFrom({ hubspot_owner_id: [h('999', '2026-11-25T15:00:00Z')] })[0]).toMatchObject({ ownerId: '999', ownerName: null, source: 'other' });
  });
});
