import configFile from '../../config/lead-ops.config.json';
import { formatConfigIssues, toConfigIssues } from '../config/issues';
import { RoutingConfigSchema, type RoutingConfigInput } from './config-schema';
import { BASE_CONFIG } from './test-fixtures';

const problems = (routing: unknown): string => {
  const parsed = RoutingConfigSchema.safeParse(routing);
  return parsed.success ? '' : formatConfigIssues(toConfigIssues(parsed.error.issues, ['routing']));
};

const tier = (extra: object) => ({ id: 't', label: 'T', team: { name: 'T' }, ...extra });

describe('routing configuration', () => {
  it('accepts the shipped file and fills no surprises in', () => {
    const parsed = RoutingConfigSchema.parse(configFile.routing);
    expect(parsed.tiers.map((t) => [t.id, t.minEmployees ?? null, t.maxEmployees ?? null])).toEqual([
      ['small_business', null, 49],
      ['mid_market', 50, 500],
      ['enterprise', 501, null],
    ]);
    expect(parsed.policy).toBe('balanced');
    expect(parsed.availability.awayTeams).toEqual([{ name: 'Lead Ops – Away' }]);
    expect(parsed.companySize).toEqual({
      companyProperty: 'numberofemployees',
      contactProperty: 'numemployees',
      useContactProperty: 'when_no_company',
      rangeAcrossTiers: 'lower_bound',
    });
  });

  it('defaults every optional key of a minimal file', () => {
    const parsed = RoutingConfigSchema.parse({ tiers: [tier({})], fallback: { owner: { email: 'queue@example.com' } } });
    expect(parsed).toMatchObject({
      policy: 'balanced',
      balanced: { windowDays: 7, spreadPerOwner: 6, searchLimit: 200 },
      owners: [],
      caps: { defaultDailyCap: null, timeZone: 'UTC', whenAllCapped: 'fallback_owner' },
      availability: { awayTeams: [] },
      accountMatching: { enabled: true, sameTeamOnly: false },
    });
  });

  test.each<[string, RoutingConfigInput | Record<string, unknown>, string]>([
    ['no tiers', { ...BASE_CONFIG, tiers: [] }, 'routing.tiers: add at least one tier'],
    ['min above max', { ...BASE_CONFIG, tiers: [tier({ minEmployees: 500, maxEmployees: 50 })] }, 'routing.tiers[0].maxEmployees: maxEmployees (50) is below minEmployees (500); swap them or correct one bound'],
    ['fractional bound', { ...BASE_CONFIG, tiers: [tier({ maxEmployees: 49.5 })] }, 'routing.tiers[0].maxEmployees'],
    ['negative bound', { ...BASE_CONFIG, tiers: [tier({ minEmployees: -1 })] }, 'routing.tiers[0].minEmployees'],
    ['bad tier id', { ...BASE_CONFIG, tiers: [tier({ id: 'Mid Market' })] }, 'routing.tiers[0].id: use lowercase letters, digits and underscores'],
    ['reserved tier id', { ...BASE_CONFIG, tiers: [tier({ id: 'fallback' })] }, 'routing.tiers[0].id: this id is reserved for fallback decisions'],
    ['duplicate tier ids', { ...BASE_CONFIG, tiers: [tier({}), tier({})] }, 'routing.tiers[1].id: tier id "t" is already used by tiers[0]; give each tier its own id'],
    ['team with neither name nor id', { ...BASE_CONFIG, tiers: [tier({ team: {} })] }, 'routing.tiers[0].team'],
    ['team id not numeric', { ...BASE_CONFIG, tiers: [tier({ team: { id: 'abc' } })] }, 'routing.tiers[0].team.id: use the numeric HubSpot id as a string'],
    ['unknown tier key', { ...BASE_CONFIG, tiers: [tier({ maxEmployes: 49 })] }, 'routing.tiers[0]: unknown key "maxEmployes" (fix: remove it or check its spelling'],
    ['bad criterion', { ...BASE_CONFIG, tiers: [tier({ when: { property: 'country', op: 'in', values: [] } })] }, 'routing.tiers[0].when.values'],
    ['empty fallback', { ...BASE_CONFIG, fallback: {} }, 'routing.fallback: give a fallback "team", an "owner", or both'],
    ['fallback owner by name', { ...BASE_CONFIG, fallback: { owner: { name: 'Ana' } } }, 'routing.fallback.owner'],
    ['unknown policy', { ...BASE_CONFIG, policy: 'round_robin' }, 'routing.policy: Invalid option: expected one of "balanced"|"weighted"|"rotation" (fix: use one of: "balanced", "weighted", "rotation")'],
    ['owner with id and email', { ...BASE_CONFIG, owners: [{ id: '1', email: 'a@example.com', weight: 2 }] }, 'routing.owners[0]: name the owner by "id" or by "email" (exactly one of them)'],
    ['owner twice', { ...BASE_CONFIG, owners: [{ id: '1', weight: 2 }, { id: '1', dailyCap: 3 }] }, 'routing.owners[1]: this owner is already configured in owners[0]; merge the two entries'],
    ['zero weight', { ...BASE_CONFIG, owners: [{ id: '1', weight: 0 }] }, 'routing.owners[0].weight: a weight must be above 0; mark the owner unavailable instead'],
    ['bad time zone', { ...BASE_CONFIG, caps: { timeZone: 'Mars/Olympus' } }, 'routing.caps.timeZone: use an IANA time zone name'],
    ['bad whenAllCapped', { ...BASE_CONFIG, caps: { whenAllCapped: 'queue' } }, 'routing.caps.whenAllCapped'],
    ['search page too big', { ...BASE_CONFIG, balanced: { searchLimit: 500 } }, 'routing.balanced.searchLimit'],
    ['bad range rule', { ...BASE_CONFIG, companySize: { rangeAcrossTiers: 'midpoint' } }, 'routing.companySize.rangeAcrossTiers: Invalid option'],
    ['bad property name', { ...BASE_CONFIG, companySize: { companyProperty: 'Number of employees' } }, 'routing.companySize.companyProperty: use a HubSpot internal property name'],
  ])('%s: names the path and the fix', (_name, routing, expected) => {
    expect(problems(routing)).toContain(expected);
  });
});
