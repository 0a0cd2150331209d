/**
 * Factories for routing tests (realistic, scrubbed): a small portal with three segment teams, an away team and a
 * queue owner, and a configuration built from the shipped defaults with overrides.
 */
import type { Properties } from '../criteria/evaluate';
import { RoutingConfigSchema, type RoutingConfig, type RoutingConfigInput } from './config-schema';
import type { RouteInput } from './decision';
import type { OwnerTeam, RoutingOwner } from './owners';
import type { RecentAssignment } from './recent-assignments';

export const NOW = Date.parse('2026-11-25T15:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const TEAMS = {
  smb: { id: '10', name: 'Small Business', primary: true },
  mm: { id: '20', name: 'Mid-Market', primary: true },
  ent: { id: '30', name: 'Enterprise', primary: true },
  away: { id: '90', name: 'Lead Ops – Away', primary: false },
} as const satisfies Record<string, OwnerTeam>;

export function makeOwner(id: string, first: string, last: string, teams: readonly OwnerTeam[], extra: Partial<RoutingOwner> = {}): RoutingOwner {
  return { id, firstName: first, lastName: last, email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`, archived: false, teams, ...extra };
}

/** The demo portal's owners, in a scrambled order (the owners API order must not matter). */
export const OWNERS: readonly RoutingOwner[] = [
  makeOwner('203', 'Fay', 'Moreau', [TEAMS.mm]),
  makeOwner('101', 'Ana', 'Ruiz', [TEAMS.smb]),
  makeOwner('102', 'Bo', 'Chen', [TEAMS.smb]),
  makeOwner('103', 'Cy', 'Okafor', [TEAMS.smb]),
  makeOwner('201', 'Dee', 'Nowak', [TEAMS.mm]),
  makeOwner('202', 'Eli', 'Haddad', [TEAMS.mm]),
  makeOwner('204', 'Gus', 'Lind', [TEAMS.mm, TEAMS.away]),
  makeOwner('301', 'Hal', 'Berg', [TEAMS.ent]),
  makeOwner('302', 'Ivy', 'Sato', [TEAMS.ent], { archived: true }),
  makeOwner('303', 'Jo', 'Kim', [TEAMS.ent]),
  makeOwner('900', 'Lead', 'Queue', [], { email: 'lead.queue@example.com' }),
];

/** The shipped defaults (three tiers 49/50/500/501, balanced, away team) plus a fallback owner. */
export const BASE_CONFIG: RoutingConfigInput = {
  tiers: [
    { id: 'small_business', label: 'Small Business', team: { name: 'Small Business' }, maxEmployees: 49 },
    { id: 'mid_market', label: 'Mid-Market', team: { name: 'Mid-Market' }, minEmployees: 50, maxEmployees: 500 },
    { id: 'enterprise', label: 'Enterprise', team: { name: 'Enterprise' }, minEmployees: 501 },
  ],
  fallback: { team: { name: 'Small Business' } },
  availability: { awayTeams: [{ name: 'Lead Ops – Away' }] },
};

export function makeConfig(overrides: Partial<RoutingConfigInput> = {}): RoutingConfig {
  return RoutingConfigSchema.parse({ ...BASE_CONFIG, ...overrides });
}

export function makeInput(overrides: Partial<RouteInput> & { record?: Properties } = {}): RouteInput {
  return {
    objectType: 'contacts',
    recordId: '5001',
    record: {},
    company: { numberofemployees: '320' },
    owners: OWNERS,
    recent: { searched: [] },
    now: NOW,
    ...overrides,
  };
}

/** `n` assignments to one owner, spaced an hour apart going back from `from`. */
export function assignments(ownerId: string, n: number, from = NOW - HOUR, idBase = 0): RecentAssignment[] {
  return Array.from({ length: n }, (_, i) => ({ recordId: `r${ownerId}-${idBase + i}`, ownerId, routedAt: new Date(from - i * 60_000).toISOString() }));
}
