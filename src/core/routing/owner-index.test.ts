import { ownerIndex } from './owner-index';
import { dailyCapOf, membersOf, resolveTeam, summarizeOwner, unavailability, weightOf, type RoutingOwner } from './owners';
import { makeConfig, makeOwner, OWNERS, TEAMS } from './test-fixtures';

const config = makeConfig({
  owners: [
    { id: '102', weight: 2, dailyCap: 5 },
    { email: 'DEE.NOWAK@example.com', unavailable: true, note: 'parental leave' },
  ],
  caps: { defaultDailyCap: 9 },
});

describe('ownerIndex', () => {
  const index = ownerIndex(OWNERS, config);

  test.each([{ name: 'Small Business' }, { name: 'mid-market' }, { id: '30' }, { name: 'Lead Ops - Away' }, { name: 'Nobody' }, { id: '999' }])(
    'resolves team %p as resolveTeam does',
    (ref) => {
      expect(index.team(ref)).toEqual(resolveTeam(ref, OWNERS));
    },
  );

  test.each(['10', '20', '30', '90', '999'])('lists the members of team %s in owner-id order, as membersOf does', (teamId) => {
    expect(index.members(teamId)).toEqual(membersOf(teamId, OWNERS));
    expect(index.activeMemberIds(teamId)).toEqual(membersOf(teamId, OWNERS).filter((m) => m.archived !== true).map((m) => m.id));
  });

  it.each(OWNERS.map((o) => [o.id, o] as const))('knows owner %s as the per-owner functions do', (_id, owner) => {
    const p = index.profile(owner);
    expect(index.summary(owner)).toEqual(summarizeOwner(owner));
    expect({ name: p.name, email: p.email }).toEqual({ name: summarizeOwner(owner).name, email: summarizeOwner(owner).email });
    expect(p.unavailable).toEqual(unavailability(owner, config));
    expect(p.dailyCap).toBe(dailyCapOf(owner, config));
    expect(p.weight).toBe(weightOf(owner, config));
  });

  it('is built once per owners list and configuration, and never shared between lists or configurations', () => {
    expect(ownerIndex(OWNERS, config)).toBe(index);
    const copy: RoutingOwner[] = [...OWNERS];
    expect(ownerIndex(copy, config)).not.toBe(index);
    expect(ownerIndex(OWNERS, makeConfig())).not.toBe(index);
    expect(ownerIndex(OWNERS, makeConfig()).profile(OWNERS[4] as RoutingOwner).unavailable).toBeNull();
  });

  it('hands out a fresh summary each time', () => {
    const owner = OWNERS[1] as RoutingOwner;
    expect(index.summary(owner)).not.toBe(index.summary(owner));
  });

  it('keeps the last owner of a repeated id, as a Map of the list does', () => {
    const twice = [makeOwner('7', 'First', 'One', [TEAMS.smb]), makeOwner('7', 'Second', 'One', [TEAMS.smb])];
    expect(ownerIndex(twice, config).byId.get('7')?.firstName).toBe('Second');
  });
});
