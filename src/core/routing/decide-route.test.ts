import { decideRoute, planRoute } from './decide-route';
import type { RouteInput, RoutingDecision } from './decision';
import { ROUTING_PROPERTY_NAMES } from './properties';
import { routingPropertiesToWrite } from './routing-state';
import { assignments, DAY, HOUR, makeConfig, makeInput, makeOwner, NOW, OWNERS, TEAMS } from './test-fixtures';
import type { RoutingConfig } from './config-schema';
import { LoadCounter, type RecentAssignment } from './recent-assignments';

const CONFIG = makeConfig();

function decide(input: Partial<RouteInput> = {}, config: RoutingConfig = CONFIG): RoutingDecision {
  const r = decideRoute(makeInput(input), config);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.value;
}

const company = (n: string | null) => ({ numberofemployees: n });

describe('company size → tier → team (every boundary, end to end)', () => {
  test.each`
    employees  | tier                | team                | rule
    ${'1'}     | ${'small_business'} | ${'Small Business'} | ${'numberofemployees = 1 → Small Business'}
    ${'49'}    | ${'small_business'} | ${'Small Business'} | ${'numberofemployees = 49 → Small Business'}
    ${'50'}    | ${'mid_market'}     | ${'Mid-Market'}     | ${'numberofemployees = 50 → Mid-Market'}
    ${'51'}    | ${'mid_market'}     | ${'Mid-Market'}     | ${'numberofemployees = 51 → Mid-Market'}
    ${'320'}   | ${'mid_market'}     | ${'Mid-Market'}     | ${'numberofemployees = 320 → Mid-Market'}
    ${'499'}   | ${'mid_market'}     | ${'Mid-Market'}     | ${'numberofemployees = 499 → Mid-Market'}
    ${'500'}   | ${'mid_market'}     | ${'Mid-Market'}     | ${'numberofemployees = 500 → Mid-Market'}
    ${'501'}   | ${'enterprise'}     | ${'Enterprise'}     | ${'numberofemployees = 501 → Enterprise'}
    ${'10000'} | ${'enterprise'}     | ${'Enterprise'}     | ${'numberofemployees = 10000 → Enterprise'}
  `('company with $employees employees → $tier, team $team', ({ employees, tier, team, rule }) => {
    const d = decide({ company: company(employees) });
    expect(d.tier?.id).toBe(tier);
    expect(d.team?.name).toBe(team);
    expect(d.rule).toBe(rule);
    expect(d.fallback).toBeNull();
    expect(d.employees).toMatchObject({ value: Number(employees), raw: employees, source: 'company', property: 'numberofemployees' });
    expect(d.owner).not.toBeNull();
  });

  test.each`
    objectType     | record                              | companyProps | tier                | source       | rule
    ${'contacts'}  | ${{ numemployees: '1-5' }}          | ${null}      | ${'small_business'} | ${'contact'} | ${'numemployees = "1-5" → Small Business'}
    ${'contacts'}  | ${{ numemployees: '25-50' }}        | ${null}      | ${'small_business'} | ${'contact'} | ${'numemployees = "25-50" (read as 25, its lower bound) → Small Business'}
    ${'contacts'}  | ${{ numemployees: '50-100' }}       | ${null}      | ${'mid_market'}     | ${'contact'} | ${'numemployees = "50-100" → Mid-Market'}
    ${'contacts'}  | ${{ numemployees: '100-500' }}      | ${null}      | ${'mid_market'}     | ${'contact'} | ${'numemployees = "100-500" → Mid-Market'}
    ${'contacts'}  | ${{ numemployees: '500-1000' }}     | ${null}      | ${'mid_market'}     | ${'contact'} | ${'numemployees = "500-1000" (read as 500, its lower bound) → Mid-Market'}
    ${'contacts'}  | ${{ numemployees: '1000+' }}        | ${null}      | ${'enterprise'}     | ${'contact'} | ${'numemployees = "1000+" → Enterprise'}
    ${'contacts'}  | ${{ numemployees: '10,000+' }}      | ${null}      | ${'enterprise'}     | ${'contact'} | ${'numemployees = "10,000+" → Enterprise'}
    ${'contacts'}  | ${{ numemployees: '320' }}          | ${null}      | ${'mid_market'}     | ${'contact'} | ${'numemployees = 320 → Mid-Market'}
    ${'companies'} | ${{ numberofemployees: '640' }}     | ${null}      | ${'enterprise'}     | ${'record'}  | ${'numberofemployees = 640 → Enterprise'}
  `('$objectType $record → $tier', ({ objectType, record, companyProps, tier, source, rule }) => {
    const d = decide({ objectType, record, company: companyProps });
    expect(d.tier?.id).toBe(tier);
    expect(d.employees.source).toBe(source);
    expect(d.rule).toBe(rule);
  });

  it('says in the explanation how a range across a boundary was read', () => {
    const d = decide({ record: { numemployees: '25-50' }, company: null });
    expect(d.employees).toEqual({ value: 25, raw: '25-50', source: 'contact', property: 'numemployees', range: { min: 25, max: 50 }, readAs: 'lower_bound' });
    expect(d.explanation.join('\n')).toContain('the range crosses a tier boundary; the configuration reads it by its lower bound');
  });

  it('sends a range across a boundary to the fallback when configured so', () => {
    const d = decide({ record: { numemployees: '25-50' }, company: null }, makeConfig({ companySize: { rangeAcrossTiers: 'fallback' } }));
    expect(d.tier).toBeNull();
    expect(d.fallback).toEqual({ code: 'range_across_tiers', reason: 'numemployees = "25-50" spans Small Business and Mid-Market' });
  });
});

describe('missing or malformed size → fallback, and the decision says so', () => {
  test.each`
    record                                  | companyProps                       | code                | reason
    ${{}}                                   | ${company(null)}                   | ${'size_missing'}   | ${'numberofemployees is missing'}
    ${{}}                                   | ${company('   ')}                  | ${'size_missing'}   | ${'numberofemployees is missing'}
    ${{ numemployees: '25-50' }}            | ${company(null)}                   | ${'size_missing'}   | ${'numberofemployees is missing'}
    ${{}}                                   | ${null}                            | ${'size_missing'}   | ${'numemployees is missing'}
    ${{}}                                   | ${company('lots')}                 | ${'size_malformed'} | ${'numberofemployees = "lots" is not a number or a range'}
    ${{}}                                   | ${company('-4')}                   | ${'size_malformed'} | ${'numberofemployees = "-4" is negative'}
    ${{}}                                   | ${company('49.5')}                 | ${'size_malformed'} | ${'numberofemployees = "49.5" is not a whole number'}
    ${{ numemployees: 'ask sales' }}        | ${null}                            | ${'size_malformed'} | ${'numemployees = "ask sales" is not a number or a range'}
  `('record $record, company $companyProps → $code', ({ record, companyProps, code, reason }) => {
    const d = decide({ record, company: companyProps });
    expect(d.tier).toBeNull();
    expect(d.tierValue).toBe('fallback');
    expect(d.fallback).toEqual({ code, reason });
    expect(d.team?.name).toBe('Small Business');
    expect(d.rule).toMatch(/→ fallback; fallback team Small Business$/);
    expect(d.explanation).toContain(`Fallback: ${reason}.`);
  });

  it('uses the fallback owner when no fallback team is configured', () => {
    const d = decide({ company: company(null) }, makeConfig({ fallback: { owner: { email: 'lead.queue@example.com' } } }));
    expect(d.owner?.id).toBe('900');
    expect(d.policy).toBe('fallback_owner');
    expect(d.team).toBeNull();
    expect(d.rule).toBe('numberofemployees missing → fallback; fallback owner Lead Queue');
  });

  it('reads the contact property when the company has no size, if configured', () => {
    const d = decide(
      { record: { numemployees: '1000+' }, company: company(null) },
      makeConfig({ companySize: { useContactProperty: 'when_company_size_missing' } }),
    );
    expect(d.tier?.id).toBe('enterprise');
    expect(d.employees.source).toBe('contact');
  });

  it('routes a size no tier covers to the fallback', () => {
    const config = makeConfig({
      tiers: [
        { id: 'small', label: 'Small', team: { name: 'Small Business' }, maxEmployees: 49 },
        { id: 'big', label: 'Big', team: { name: 'Enterprise' }, minEmployees: 1000 },
      ],
    });
    const d = decide({ company: company('320') }, config);
    expect(d.fallback).toEqual({ code: 'no_tier', reason: 'numberofemployees = 320 matches no tier' });
    expect(d.team?.name).toBe('Small Business');
  });

  it('falls back to the fallback owner when the tier names a team nobody is in', () => {
    const config = makeConfig({
      tiers: [{ id: 'emea', label: 'EMEA', team: { name: 'EMEA Sales' } }],
      fallback: { owner: { id: '900' } },
    });
    const d = decide({}, config);
    expect(d.fallback?.code).toBe('team_not_found');
    expect(d.owner?.id).toBe('900');
    expect(d.rule).toBe('numberofemployees = 320 → EMEA; team "EMEA Sales" not found; fallback owner Lead Queue');
  });

  it('leaves the record unassigned when nothing can take it, and says so', () => {
    const config = makeConfig({ tiers: [{ id: 'emea', label: 'EMEA', team: { name: 'EMEA Sales' } }] });
    const d = decide({}, config);
    expect(d.owner).toBeNull();
    expect(d.routingKey).toBeNull();
    expect(d.changes).toBe(false);
    expect(d.explanation.slice(-2)).toEqual(['No fallback owner is configured.', 'No eligible owner: the record stays unassigned.']);
  });
});

describe('balanced policy (default)', () => {
  const smb = company('10');
  it('with spreadPerOwner 0 picks the least loaded; ties go by the record-id hash', () => {
    const config = makeConfig({ balanced: { spreadPerOwner: 0 } });
    const recent = { searched: [...assignments('101', 5), ...assignments('102', 2), ...assignments('103', 2)] };
    const chosen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const d = decide({ recordId: String(7000 + i), company: smb, recent }, config);
      chosen.add(d.owner?.id ?? 'none');
      expect(d.choice?.shares).toEqual([
        { ownerId: '102', share: 0.5 },
        { ownerId: '103', share: 0.5 },
      ]);
    }
    expect([...chosen].sort()).toEqual(['102', '103']);
  });

  it('shares the next assignment by water-filling the owners that are behind', () => {
    // loads 5, 2, 2 and a horizon of 6 × 3 = 18: level 9 → shares 4, 7, 7 of 18
    const recent = { searched: [...assignments('101', 5), ...assignments('102', 2), ...assignments('103', 2)] };
    const d = decide({ company: smb, recent });
    expect(d.policy).toBe('balanced');
    expect(d.choice?.shares.map((s) => [s.ownerId, Number(s.share.toFixed(4))])).toEqual([
      ['101', 0.2222],
      ['102', 0.3889],
      ['103', 0.3889],
    ]);
    expect(d.explanation).toContain('Small Business: balanced by assignments in the last 7 days: Ana Ruiz 5, Bo Chen 2, Cy Okafor 2.');
  });

  it('keeps exact balance with up-to-date counts and spreadPerOwner 0', () => {
    const config = makeConfig({ balanced: { spreadPerOwner: 0 } });
    const done: RecentAssignment[] = [];
    for (let i = 0; i < 300; i++) {
      const d = decide({ recordId: String(9000 + i), company: smb, recent: { searched: [...done].reverse() } }, config);
      done.push({ recordId: d.recordId, ownerId: d.owner?.id ?? '', routedAt: NOW - 1000 });
    }
    const counts = ['101', '102', '103'].map((id) => done.filter((a) => a.ownerId === id).length);
    expect(counts).toEqual([100, 100, 100]);
  });

  it('counts only the balanced window', () => {
    const recent = { searched: [...assignments('101', 9, NOW - 8 * DAY), ...assignments('102', 1), ...assignments('103', 1)] };
    const d = decide({ company: smb, recent }, makeConfig({ balanced: { spreadPerOwner: 0 } }));
    expect(d.owner?.id).toBe('101');
  });

  it('adds the decisions of the current run to the searched counts, once per record (DECISIONS 23)', () => {
    const config = makeConfig({ balanced: { spreadPerOwner: 0 } });
    const searched = [...assignments('101', 2), ...assignments('102', 2)];
    // Search lags: the run's own decisions for Cy are not visible yet; one of them shows up in both lists.
    const run = [...assignments('103', 3), ...assignments('103', 1, NOW - HOUR, 50)];
    const withRun = decide({ company: smb, recent: { searched: [...searched, run[0] as RecentAssignment], run } }, config);
    expect(withRun.choice?.loads.map((l) => [l.ownerId, l.load])).toEqual([
      ['101', 2],
      ['102', 2],
      ['103', 4],
    ]);
    expect(decide({ company: smb, recent: { searched } }, config).owner?.id).toBe('103');
  });

  it('says when the counts cover only the newest page of a bigger result', () => {
    const d = decide({ company: smb, recent: { searched: assignments('101', 3), searchedTotal: 340 } });
    expect(d.explanation).toContain('Counts cover the newest 3 of 340 recent assignments (one search page).');
    expect(d.choice?.partialCounts).toBe(true);
  });
});

describe('weighted policy', () => {
  const config = makeConfig({
    policy: 'weighted',
    balanced: { spreadPerOwner: 0 },
    owners: [
      { email: 'ana.ruiz@example.com', weight: 1 },
      { id: '102', weight: 2 },
      { id: '103', weight: 3 },
    ],
  });
  it('gives each owner its weight share', () => {
    const done: RecentAssignment[] = [];
    for (let i = 0; i < 600; i++) {
      const d = decide({ recordId: String(20000 + i), company: company('10'), recent: { searched: [...done].reverse() } }, config);
      expect(d.policy).toBe('weighted');
      done.push({ recordId: d.recordId, ownerId: d.owner?.id ?? '', routedAt: NOW - 1000 });
    }
    const counts = ['101', '102', '103'].map((id) => done.filter((a) => a.ownerId === id).length);
    expect(counts).toEqual([100, 200, 300]);
  });

  it('with no history shares the record by weight', () => {
    const d = decide({ company: company('10') }, makeConfig({ ...config, balanced: { spreadPerOwner: 6 } }));
    expect(d.choice?.shares.map((s) => Number(s.share.toFixed(4)))).toEqual([0.1667, 0.3333, 0.5]);
    expect(d.explanation.some((l) => l.includes('Ana Ruiz 0 (weight 1), Bo Chen 0 (weight 2), Cy Okafor 0 (weight 3)'))).toBe(true);
  });
});

describe('rotation policy', () => {
  const config = makeConfig({ policy: 'rotation' });
  test.each`
    teamCompany       | last                  | expected | why
    ${company('10')}  | ${null}               | ${'101'} | ${'no history: the first in owner-id order'}
    ${company('10')}  | ${'101'}              | ${'102'} | ${'after Ana'}
    ${company('10')}  | ${'102'}              | ${'103'} | ${'after Bo'}
    ${company('10')}  | ${'103'}              | ${'101'} | ${'wraps around'}
    ${company('10')}  | ${'999'}              | ${'101'} | ${'last owner left the team'}
    ${company('320')} | ${'203'}              | ${'201'} | ${'Gus (204) is away and skipped'}
    ${company('800')} | ${'301'}              | ${'303'} | ${'Ivy (302) is archived and skipped'}
  `('last $last → $expected ($why)', ({ teamCompany, last, expected }) => {
    const searched = last === null ? [] : [...assignments(last, 1, NOW - HOUR), ...assignments('101', 1, NOW - 2 * HOUR, 10)];
    const d = decide({ company: teamCompany, recent: { searched } }, config);
    expect(d.policy).toBe('rotation');
    expect(d.owner?.id).toBe(expected);
  });

  it('goes around the team in order over consecutive decisions', () => {
    const done: RecentAssignment[] = [];
    for (let i = 0; i < 7; i++) {
      const d = decide({ recordId: String(300 + i), company: company('10'), recent: { searched: [...done].reverse() } }, config);
      done.push({ recordId: d.recordId, ownerId: d.owner?.id ?? '', routedAt: NOW - 10_000 + i });
    }
    expect(done.map((a) => a.ownerId)).toEqual(['101', '102', '103', '101', '102', '103', '101']);
  });

  it('can be set per tier', () => {
    const tiers = makeConfig().tiers.map((t) => (t.id === 'small_business' ? { ...t, policy: 'rotation' as const } : t));
    const c = makeConfig({ tiers });
    expect(decide({ company: company('10') }, c).policy).toBe('rotation');
    expect(decide({ company: company('320') }, c).policy).toBe('balanced');
  });
});

describe('daily caps', () => {
  const capped = makeConfig({ owners: [{ id: '101', dailyCap: 2 }], balanced: { spreadPerOwner: 0 } });
  it('skips an owner at the cap', () => {
    const d = decide({ company: company('10'), recent: { searched: [...assignments('101', 2), ...assignments('102', 5), ...assignments('103', 5)] } }, capped);
    expect(d.owner?.id).not.toBe('101');
    expect(d.skipped).toEqual([
      { owner: { id: '101', name: 'Ana Ruiz', email: 'ana.ruiz@example.com' }, reason: 'capped', detail: '2 of 2 assignments today (daily cap)' },
    ]);
  });

  it('counts the day in the configured time zone', () => {
    // 02:00 UTC on the 25th is the 24th in Los Angeles: not "today" there at 15:00 UTC (07:00 PST).
    const early = [{ recordId: 'x1', ownerId: '101', routedAt: '2026-11-25T02:00:00Z' }, { recordId: 'x2', ownerId: '101', routedAt: '2026-11-25T02:30:00Z' }];
    const utc = decide({ company: company('10'), recent: { searched: early } }, capped);
    const la = decide({ company: company('10'), recent: { searched: early } }, makeConfig({ ...capped, caps: { timeZone: 'America/Los_Angeles' } }));
    expect(utc.skipped.map((s) => s.reason)).toEqual(['capped']);
    expect(la.skipped).toEqual([]);
  });

  const allCapped = (whenAllCapped: 'fallback_owner' | 'ignore_caps' | 'leave_unassigned', fallbackOwner = true) =>
    makeConfig({
      caps: { defaultDailyCap: 1, whenAllCapped },
      fallback: fallbackOwner ? { team: { name: 'Small Business' }, owner: { id: '900' } } : { team: { name: 'Small Business' } },
    });
  const busy = { searched: [...assignments('101', 1), ...assignments('102', 1), ...assignments('103', 2)] };

  test.each`
    whenAllCapped         | fallbackOwner | owners                   | policy              | capSkips
    ${'fallback_owner'}   | ${true}       | ${['900']}               | ${'fallback_owner'} | ${3}
    ${'fallback_owner'}   | ${false}      | ${[null]}                | ${'balanced'}       | ${3}
    ${'ignore_caps'}      | ${true}       | ${['101', '102', '103']} | ${'balanced'}       | ${0}
    ${'leave_unassigned'} | ${true}       | ${[null]}                | ${'balanced'}       | ${3}
  `('everyone capped, $whenAllCapped (fallback owner: $fallbackOwner) → one of $owners', ({ whenAllCapped, fallbackOwner, owners, policy, capSkips }) => {
    const d = decide({ recordId: '42', company: company('10'), recent: busy }, allCapped(whenAllCapped, fallbackOwner));
    expect(owners).toContain(d.owner?.id ?? null);
    expect(d.policy).toBe(policy);
    expect(d.skipped.filter((s) => s.reason === 'capped')).toHaveLength(capSkips);
    expect(d.fallback?.code ?? null).toBe(whenAllCapped === 'ignore_caps' ? null : 'all_capped');
  });
});

describe('availability (DECISIONS 22) and archived owners', () => {
  it('skips members of the away team', () => {
    const d = decide({ company: company('320') });
    expect(d.skipped).toContainEqual({
      owner: { id: '204', name: 'Gus Lind', email: 'gus.lind@example.com' },
      reason: 'unavailable',
      detail: 'member of the "Lead Ops – Away" team, so unavailable',
    });
    expect(d.choice?.loads.map((l) => l.ownerId)).toEqual(['201', '202', '203']);
  });

  it('matches the away team name without case or dash differences', () => {
    const d = decide({ company: company('320') }, makeConfig({ availability: { awayTeams: [{ name: 'lead ops - away' }] } }));
    expect(d.skipped.map((s) => s.owner.id)).toEqual(['204']);
  });

  it('skips owners marked unavailable in the configuration, with the note', () => {
    const d = decide({ company: company('320') }, makeConfig({ owners: [{ email: 'Dee.Nowak@example.com', unavailable: true, note: 'on leave until 12 Jan' }] }));
    expect(d.skipped).toContainEqual({
      owner: { id: '201', name: 'Dee Nowak', email: 'dee.nowak@example.com' },
      reason: 'unavailable',
      detail: 'marked unavailable in the routing configuration (on leave until 12 Jan)',
    });
    expect(d.owner?.id).not.toBe('201');
  });

  it('never picks an archived owner', () => {
    for (let i = 0; i < 30; i++) {
      const d = decide({ recordId: String(400 + i), company: company('800') });
      expect(d.owner?.id).not.toBe('302');
      expect(d.skipped).toContainEqual(expect.objectContaining({ reason: 'archived', owner: expect.objectContaining({ id: '302' }) }));
    }
  });

  it('goes to the fallback owner when nobody in the team is eligible', () => {
    const owners = [makeOwner('1', 'Solo', 'Away', [TEAMS.smb, TEAMS.away]), makeOwner('900', 'Lead', 'Queue', [])];
    const d = decide({ owners, company: company('10') }, makeConfig({ fallback: { owner: { id: '900' } } }));
    expect(d.fallback).toEqual({ code: 'no_eligible_owner', reason: 'no eligible owner in the "Small Business" team' });
    expect(d.owner?.id).toBe('900');
  });
});

describe('account matching', () => {
  const owned = { numberofemployees: '320', hubspot_owner_id: '301' };
  const withOwner = (n: string, owner: string) => ({ numberofemployees: n, hubspot_owner_id: owner });
  // Gus (204) is in Mid-Market and away: every Mid-Market decision skips him as unavailable.
  test.each`
    name                          | config                                                     | companyProps             | owner    | policy             | skips
    ${'on: company owner wins'}   | ${makeConfig()}                                            | ${owned}                 | ${'301'} | ${'account_match'} | ${[]}
    ${'off'}                      | ${makeConfig({ accountMatching: { enabled: false } })}     | ${owned}                 | ${'mm'}  | ${'balanced'}      | ${['204 unavailable']}
    ${'same team only'}           | ${makeConfig({ accountMatching: { sameTeamOnly: true } })} | ${owned}                 | ${'mm'}  | ${'balanced'}      | ${['301 not_in_team', '204 unavailable']}
    ${'same team only, in team'}  | ${makeConfig({ accountMatching: { sameTeamOnly: true } })} | ${withOwner('320', '202')} | ${'202'} | ${'account_match'} | ${[]}
    ${'company owner away'}       | ${makeConfig()}                                            | ${withOwner('320', '204')} | ${'mm'}  | ${'balanced'}      | ${['204 unavailable']}
    ${'company owner archived'}   | ${makeConfig()}                                            | ${withOwner('800', '302')} | ${'ent'} | ${'balanced'}      | ${['302 archived']}
    ${'company owner unknown'}    | ${makeConfig()}                                            | ${withOwner('320', '777')} | ${'mm'}  | ${'balanced'}      | ${['204 unavailable']}
    ${'company without owner'}    | ${makeConfig()}                                            | ${company('320')}        | ${'mm'}  | ${'balanced'}      | ${['204 unavailable']}
  `('$name', ({ config, companyProps, owner, policy, skips }) => {
    const d = decide({ company: companyProps }, config);
    expect(d.policy).toBe(policy);
    if (owner === 'mm') expect(['201', '202', '203']).toContain(d.owner?.id);
    else if (owner === 'ent') expect(['301', '303']).toContain(d.owner?.id);
    else expect(d.owner?.id).toBe(owner);
    expect(d.skipped.map((s) => `${s.owner.id} ${s.reason}`)).toEqual(skips);
  });

  it('keeps the tier and names the owner in the rule', () => {
    const d = decide({ company: owned });
    expect(d.tier?.id).toBe('mid_market');
    expect(d.team).toEqual({ id: '30', name: 'Enterprise' }); // Hal's own team: he is not in Mid-Market
    expect(d.rule).toBe('numberofemployees = 320 → Mid-Market; company owner → Hal Berg');
  });

  it('does not apply to company records', () => {
    const d = decide({ objectType: 'companies', record: { numberofemployees: '320' }, company: owned });
    expect(d.policy).toBe('balanced');
    expect(d.explanation.join(' ')).not.toContain('account match');
  });
});

describe('owned records and force', () => {
  const owned = { hubspot_owner_id: '202', [ROUTING_PROPERTY_NAMES.key]: '5001-abc' };
  it('does not reassign without force, and writes nothing', () => {
    const d = decide({ record: owned, company: company('10') });
    expect(d).toMatchObject({ alreadyAssigned: true, policy: 'keep_existing', changes: false, routingKey: null, episode: '5001-abc' });
    expect(d.owner).toEqual({ id: '202', name: 'Eli Haddad', email: 'eli.haddad@example.com' });
    expect(d.currentOwner).toEqual(d.owner);
    expect(d.tier?.id).toBe('small_business');
    expect(routingPropertiesToWrite(d, NOW)).toBeNull();
    expect(d.explanation.at(-1)).toBe('The record already has an owner, Eli Haddad; routing reassigns only with "force" and a reason.');
  });

  test.each([[undefined], [''], ['   ']])('rejects force without a reason (%p)', (reason) => {
    const r = decideRoute(makeInput({ record: owned, force: true, reason }), CONFIG);
    expect(r).toEqual({ ok: false, error: { code: 'REASON_REQUIRED', message: 'Reassigning needs a reason: say why the owner should change.' } });
  });

  it('reassigns with force and a reason, and says both', () => {
    const d = decide({ record: owned, company: company('10'), force: true, reason: 'Eli moved to Mid-Market' });
    expect(d.alreadyAssigned).toBe(false);
    expect(['101', '102', '103']).toContain(d.owner?.id);
    expect(d.changes).toBe(true);
    expect(d.explanation).toContain('Reassignment requested (current owner Eli Haddad): Eli moved to Mid-Market.');
    expect(routingPropertiesToWrite(d, NOW)).toMatchObject({ hubspot_owner_id: d.owner?.id, [ROUTING_PROPERTY_NAMES.key]: d.routingKey });
  });

  it('a second forced call (double click) after the first was applied changes nothing', () => {
    const first = decide({ record: owned, company: company('10'), force: true, reason: 'wrong segment' });
    const written = routingPropertiesToWrite(first, NOW) ?? {};
    // Search may already show the first write; the record's own row must not change its decision.
    const recent = { searched: [{ recordId: '5001', ownerId: first.owner?.id ?? '', routedAt: NOW }] };
    const second = decide({ record: { ...owned, ...written }, company: company('10'), force: true, reason: 'wrong segment', recent, now: NOW + 1500 });
    expect(second.owner).toEqual(first.owner);
    expect(second.changes).toBe(false);
    expect(second.routingKey).toBeNull();
    expect(routingPropertiesToWrite(second, NOW + 1500)).toBeNull();
  });
});

describe('determinism and the routing key', () => {
  const recent = { searched: [...assignments('201', 3), ...assignments('202', 1), ...assignments('203', 2)] };
  it('computes the same decision and key for the same input, 20 times over', () => {
    const decisions = Array.from({ length: 20 }, () => decide({ recent }));
    const keys = new Set(decisions.map((d) => d.routingKey));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^5001-[0-9a-z]{1,11}$/);
    decisions.forEach((d) => expect(d).toEqual(decisions[0]));
  });

  it('does not depend on the order of owners or search rows', () => {
    const a = decide({ recent });
    const b = decide({ recent: { searched: [...recent.searched].reverse() }, owners: [...OWNERS].reverse() });
    expect(b).toEqual(a);
  });

  it("ignores the record's own earlier assignment in its load", () => {
    const a = decide({ recent });
    const b = decide({ recent: { searched: [{ recordId: '5001', ownerId: '202', routedAt: NOW - 1000 }, ...recent.searched] } });
    expect(b).toEqual(a);
  });

  it('changes the key with the episode, the owner or the record', () => {
    const base = decide({ recent });
    expect(base.episode).toBe('none');
    const nextEpisode = decide({ recent, record: { [ROUTING_PROPERTY_NAMES.key]: 'earlier-key' } });
    expect(nextEpisode.episode).toBe('earlier-key');
    expect(nextEpisode.routingKey).not.toBe(base.routingKey);
    expect(decide({ recent, recordId: '5002' }).routingKey).not.toBe(base.routingKey);
    const otherOwner = decide({ recent: { searched: [...assignments('201', 9), ...assignments('203', 9), ...assignments('202', 0)] } }, makeConfig({ balanced: { spreadPerOwner: 0 } }));
    expect(otherOwner.owner?.id).toBe('202');
    expect(otherOwner.routingKey).not.toBe(base.routingKey);
  });

  it('spreads different records over the team by their hash', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const id = decide({ recordId: String(100000 + i * 13) }).owner?.id ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['201', '202', '203']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(70);
  });
});

describe('extra criteria on tiers', () => {
  const config = makeConfig({
    tiers: [
      {
        id: 'emea_mm',
        label: 'EMEA Mid-Market',
        team: { name: 'Enterprise' },
        minEmployees: 50,
        maxEmployees: 500,
        when: { all: [{ property: 'country', op: 'in', values: ['Germany', 'France'] }, { property: 'hs_lead_source', op: 'is_not', value: 'PARTNER' }] },
      },
      ...makeConfig().tiers,
    ],
  });
  test.each`
    record                                                   | tier            | note
    ${{ country: 'Germany', hs_lead_source: 'WEBINAR' }}     | ${'emea_mm'}    | ${null}
    ${{ country: 'Germany', hs_lead_source: 'PARTNER' }}     | ${'mid_market'} | ${'Tier EMEA Mid-Market not taken: hs_lead_source = "PARTNER".'}
    ${{ country: 'Canada', hs_lead_source: 'WEBINAR' }}      | ${'mid_market'} | ${'Tier EMEA Mid-Market not taken: country = "Canada".'}
    ${{ hs_lead_source: 'WEBINAR' }}                         | ${'mid_market'} | ${'Tier EMEA Mid-Market not taken: (country is missing) and (hs_lead_source = "WEBINAR") (data missing: country).'}
  `('$record → $tier', ({ record, tier, note }) => {
    const d = decide({ record, company: company('320') }, config);
    expect(d.tier?.id).toBe(tier);
    if (note) expect(d.explanation).toContain(note);
    if (tier === 'emea_mm') expect(d.rule).toBe('numberofemployees = 320 and (country = "Germany") and (hs_lead_source = "WEBINAR") → EMEA Mid-Market');
  });

  it('reads company criteria from the company record itself when routing a company', () => {
    const c = makeConfig({
      tiers: [
        { id: 'fin', label: 'Financial', team: { name: 'Enterprise' }, when: { source: 'company', property: 'industry', op: 'is', value: 'FINANCIAL_SERVICES' } },
        ...makeConfig().tiers,
      ],
    });
    const d = decide({ objectType: 'companies', record: { numberofemployees: '12', industry: 'FINANCIAL_SERVICES' }, company: null }, c);
    expect(d.tier?.id).toBe('fin');
  });
});

describe('planRoute: what the caller fetches', () => {
  it('asks for one search over the non-archived members of the tier team', () => {
    const p = planRoute({ ...makeInput({ company: company('800') }) }, CONFIG);
    expect(p.ok && p.value.search).toEqual({ objectType: 'contacts', ownerIds: ['301', '303'], since: NOW - 7 * DAY, limit: 200 });
    expect(p.ok && p.value.team).toEqual({ id: '30', name: 'Enterprise' });
  });

  test.each`
    name                    | input                                                                   | search
    ${'already assigned'}   | ${{ record: { hubspot_owner_id: '101' } }}                              | ${null}
    ${'account match'}      | ${{ company: { numberofemployees: '320', hubspot_owner_id: '301' } }}   | ${null}
    ${'mid-market contact'} | ${{ company: company('320') }}                                          | ${['201', '202', '203', '204']}
  `('$name → search $search', ({ input, search }) => {
    const p = planRoute(makeInput(input), CONFIG);
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.search?.ownerIds ?? null).toEqual(search);
  });

  it('covers the whole current day for caps even with a short window', () => {
    const p = planRoute(makeInput({ company: company('10') }), makeConfig({ balanced: { windowDays: 0.25 } }));
    expect(p.ok && p.value.search?.since).toBe(NOW - 26 * HOUR);
  });
});

describe('a bulk run with one LoadCounter per team (lead-ops route)', () => {
  test.each`
    policy        | caps
    ${'balanced'} | ${{}}
    ${'rotation'} | ${{}}
    ${'weighted'} | ${{ defaultDailyCap: 3, timeZone: 'America/Los_Angeles' }}
    ${'balanced'} | ${{ defaultDailyCap: 2, whenAllCapped: 'ignore_caps' }}
  `('decides as handing every decision the growing run does ($policy, caps $caps)', ({ policy, caps }) => {
    const config = makeConfig({ policy, caps });
    const searched = [...assignments('101', 4), ...assignments('102', 2), ...assignments('201', 3), ...assignments('5001', 1)];
    const counter = new LoadCounter({ searched, searchedTotal: 12 }, config);
    const run: RecentAssignment[] = [];
    const sizes = ['10', '320', '25', '800', '40', '60', null, '5'];
    for (let i = 0; i < 60; i++) {
      // A few records are routed twice (their first decision is in the run), and time moves past midnight.
      const base = makeInput({ recordId: String(5000 + (i % 23 === 22 ? 1 : i)), company: company(sizes[i % sizes.length] ?? null), now: NOW + i * 20 * 60_000 });
      const withList = decideRoute({ ...base, recent: { searched, searchedTotal: 12, run: [...run] } }, config);
      const withCounter = decideRoute({ ...base, recent: counter }, config);
      expect(withCounter).toEqual(withList);
      if (withList.ok && withList.value.owner && withList.value.changes) {
        const row = { recordId: withList.value.recordId, ownerId: withList.value.owner.id, routedAt: withList.value.decidedAt };
        run.push(row);
        counter.addRun(row);
      }
    }
    expect(run.length).toBeGreaterThan(20);
  });

  it('decides alike whether a team page is shared by many decisions or new to each (one balance per page)', () => {
    // One shared page: decisions of one team reuse its balance (loads, shares, words) while the counts are the same.
    // The Small Business tier (weighted here) and the fallback team (balanced) share a team with other labels.
    const config = makeConfig({
      tiers: [
        { id: 'small_business', label: 'Small Business', team: { name: 'Small Business' }, maxEmployees: 49, policy: 'weighted' },
        { id: 'mid_market', label: 'Mid-Market', team: { name: 'Mid-Market' }, minEmployees: 50 },
      ],
      owners: [{ id: '102', weight: 3 }, { id: '203', dailyCap: 0 }],
    });
    const searched = [...assignments('101', 4), ...assignments('102', 2), ...assignments('201', 3), ...assignments('5003', 1)];
    const sizes = ['10', null, '320', '25', 'lots', '60'];
    const inputs = Array.from({ length: 24 }, (_, i) => makeInput({ recordId: String(5000 + i), company: company(sizes[i % sizes.length] ?? null) }));
    const shared = inputs.map((base) => decideRoute({ ...base, recent: { searched, searchedTotal: 12 } }, config));
    const fresh = inputs.map((base) => decideRoute({ ...base, recent: { searched: [...searched], searchedTotal: 12 } }, config));
    expect(shared).toEqual(fresh);
    for (const d of shared) expect(d.ok && d.value.owner).toBeTruthy();
  });

  it('refuses a counter built for another window or time zone (a bug in the caller)', () => {
    const counter = new LoadCounter({ searched: [] }, makeConfig({ balanced: { windowDays: 3 } }));
    expect(() => decideRoute(makeInput({ recent: counter }), CONFIG)).toThrow(/another window or caps time zone/);
  });

  it('plans without counting: the plan is the same whatever the recent assignments', () => {
    const input = makeInput({ company: company('320') });
    const plan = planRoute(input, CONFIG);
    expect(planRoute({ ...input, recent: new LoadCounter({ searched: assignments('201', 5) }, CONFIG) } as RouteInput, CONFIG)).toEqual(plan);
    expect(plan.ok && plan.value.search?.ownerIds).toEqual(['201', '202', '203', '204']);
  });
});
