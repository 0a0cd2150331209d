import { decideRoute } from '../../core/routing/decide-route';
import type { RouteInput, RoutingDecision } from '../../core/routing/decision';
import { ROUTING_PROPERTY_NAMES as P } from '../../core/routing/properties';
import { readRoutingState } from '../../core/routing/routing-state';
import { makeConfig, makeInput } from '../../core/routing/test-fixtures';
import { toDecisionView } from './routing-view';

const CONFIG = makeConfig({ balanced: { spreadPerOwner: 0 }, owners: [{ id: '101', dailyCap: 0 }], fallback: { team: { name: 'Small Business' }, owner: { id: '900' } } });
function decide(input: Partial<RouteInput> = {}): RoutingDecision {
  const r = decideRoute(makeInput(input), CONFIG);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('toDecisionView', () => {
  it('maps a dry run: the record keeps its stored time and key', () => {
    const d = decide();
    const stored = readRoutingState({ [P.routedAt]: '2026-11-01T08:00:00Z', [P.key]: '5001-old' });
    const view = toDecisionView(d, { applied: false, stored });
    expect(view).toEqual({
      objectType: 'contacts',
      objectId: '5001',
      tier: { id: 'mid_market', label: 'Mid-Market' },
      fallback: null,
      employees: { value: 320, raw: '320', source: 'company', property: 'numberofemployees' },
      team: { id: '20', name: 'Mid-Market' },
      owner: d.owner,
      policy: 'balanced',
      rule: 'numberofemployees = 320 → Mid-Market',
      explanation: d.explanation,
      skipped: [{ owner: { id: '204', name: 'Gus Lind', email: 'gus.lind@example.com' }, reason: 'unavailable', detail: 'member of the "Lead Ops – Away" team, so unavailable' }],
      applied: false,
      currentOwner: null,
      alreadyAssigned: false,
      routedAt: '2026-11-01T08:00:00.000Z',
      routingKey: '5001-old',
      history: [],
    });
  });

  it('shows the new time and key when applied, and the fallback reason', () => {
    const d = decide({ company: { numberofemployees: 'n/a' } });
    const view = toDecisionView(d, { applied: true });
    expect(view).toMatchObject({ applied: true, routedAt: '2026-11-25T15:00:00.000Z', routingKey: d.routingKey, fallback: 'numberofemployees = "n/a" is not a number or a range', tier: null });
  });
});

