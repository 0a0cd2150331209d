import { decideRoute } from './decide-route';
import type { RouteInput, RoutingDecision } from './decision';
import { assignments, makeConfig, makeInput, NOW } from './test-fixtures';
import { formatDistribution, summarizeDistribution, toRunAssignment } from './views';

const CONFIG = makeConfig({ balanced: { spreadPerOwner: 0 }, owners: [{ id: '101', dailyCap: 0 }], fallback: { team: { name: 'Small Business' }, owner: { id: '900' } } });
function decide(input: Partial<RouteInput> = {}): RoutingDecision {
  const r = decideRoute(makeInput(input), CONFIG);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('summarizeDistribution', () => {
  it('counts per team and owner, fallbacks and skips', () => {
    const decisions: RoutingDecision[] = [];
    const run = [];
    const sizes = ['10', '10', '10', '10', '320', '320', '320', null, '800', '800'];
    for (let i = 0; i < sizes.length; i++) {
      const d = decide({ recordId: String(100 + i), company: { numberofemployees: sizes[i] ?? null }, recent: { searched: assignments('102', 1), run: [...run] } });
      decisions.push(d);
      const a = toRunAssignment(d);
      if (a) run.push(a);
    }
    decisions.push(decide({ recordId: '200', record: { hubspot_owner_id: '101' } }));
    const s = summarizeDistribution(decisions);
    expect(s).toMatchObject({ total: 11, assigned: 10, alreadyAssigned: 1, unchanged: 0, unassigned: 0 });
    expect(s.teams.map((t) => [t.team?.name, t.total, t.owners.map((o) => `${o.owner.id}:${o.count}`)])).toEqual([
      ['Enterprise', 2, ['301:1', '303:1']],
      ['Mid-Market', 3, ['201:1', '202:1', '203:1']],
      ['Small Business', 5, ['102:2', '103:3']],
    ]);
    expect(s.teams[2]?.maxDeviationPct).toBe(20);
    expect(s.fallbacks).toEqual([{ code: 'size_missing', count: 1 }]);
    expect(s.skips).toEqual([
      { reason: 'capped', events: 5, owners: 1 },
      { reason: 'unavailable', events: 3, owners: 1 },
      { reason: 'archived', events: 2, owners: 1 },
    ]);
    expect(s.policies).toEqual([
      { policy: 'balanced', count: 10 },
      { policy: 'keep_existing', count: 1 },
    ]);
    const text = formatDistribution(s).join('\n');
    expect(text).toContain('11 records: 10 would be assigned, 1 already have an owner, 0 unchanged, 0 without an eligible owner');
    expect(text).toContain('team Small Business: 5 (max deviation 20.0%)');
    expect(text).toContain('  Cy Okafor <cy.okafor@example.com>: 3 (60.0%)');
    expect(text).toContain('fallbacks: size_missing 1');
  });

  it('turns only new assignments into run rows', () => {
    expect(toRunAssignment(decide({ record: { hubspot_owner_id: '101' } }))).toBeNull();
    const d = decide();
    expect(toRunAssignment(d)).toEqual({ recordId: '5001', ownerId: d.owner?.id, routedAt: new Date(NOW).toISOString() });
  });
});
