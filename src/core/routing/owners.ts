import type { OwnerRef, OwnerSettings, RoutingConfig, TeamRef } from './config-schema';
import { compareIds } from './hash';
import { truncate } from './text';

/** Longest owner name shown; the owners API does not bound names. */
const MAX_NAME = 200;

/** A team as HubSpot embeds it in each owner (`teams[]` of the owners API). */
export interface OwnerTeam {
  readonly id: string;
  readonly name: string;
  readonly primary?: boolean | null;
}

/**
 * An owner as the owners API (v3) returns it, read structurally: `name` may be given directly or built from
 * `firstName`/`lastName`. Archived owners have `archived: true`.
 */
export interface RoutingOwner {
  readonly id: string;
  readonly email?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly name?: string | null;
  readonly archived?: boolean | null;
  readonly teams?: readonly OwnerTeam[] | null;
}

/** An owner as decisions and views show it. */
export interface OwnerSummary {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
}

export interface ResolvedTeam {
  readonly id: string;
  readonly name: string;
}

/** "Ana Ruiz", else the email, else "Owner 123" (at most 200 characters). */
export function ownerName(owner: RoutingOwner): string {
  return truncate(fullName(owner), MAX_NAME);
}

function fullName(owner: RoutingOwner): string {
  const direct = owner.name?.trim();
  if (direct) return direct;
  const full = [owner.firstName, owner.lastName]
    .map((p) => p?.trim() ?? '')
    .filter((p) => p !== '')
    .join(' ');
  if (full !== '') return full;
  const email = owner.email?.trim();
  return email ? email : `Owner ${owner.id}`;
}

export const summarizeOwner = (owner: RoutingOwner): OwnerSummary => ({
  id: owner.id,
  name: ownerName(owner),
  email: owner.email?.trim() ? owner.email.trim() : null,
});

/** An owner id we could not find among the owners: still shown, by id. */
export const unknownOwner = (id: string): OwnerSummary => ({ id, name: `Owner ${id}`, email: null });

/** Team names compare without case, extra spaces or dash variants ("Lead Ops – Away" = "lead ops - away"). */
export const normalizeTeamName = (name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** A test for the teams `ref` names: by id, or by name as `normalizeTeamName` reads names. */
function teamTest(ref: TeamRef): (team: OwnerTeam) => boolean {
  if ('id' in ref) return (team) => team.id === ref.id;
  const name = normalizeTeamName(ref.name);
  return (team) => normalizeTeamName(team.name) === name;
}

/**
 * Finds a configured team among the teams the owners belong to. HubSpot has no teams endpoint in the CRM API;
 * a team with no owner in it cannot receive records anyway, so "not found" and "empty" are the same answer.
 * Two teams with one name: the lowest id wins, deterministically.
 */
export function resolveTeam(ref: TeamRef, owners: readonly RoutingOwner[]): ResolvedTeam | null {
  const isNamed = teamTest(ref);
  let found: OwnerTeam | null = null;
  for (const owner of owners) {
    for (const team of owner.teams ?? []) {
      if (isNamed(team) && (found === null || compareIds(team.id, found.id) < 0)) found = team;
    }
  }
  return found ? { id: found.id, name: found.name } : null;
}

export const describeTeamRef = (ref: TeamRef): string => ('id' in ref ? `team id ${ref.id}` : `team "${ref.name}"`);

export const isMemberOf = (owner: RoutingOwner, teamId: string): boolean => (owner.teams ?? []).some((t) => t.id === teamId);

/** Team members in a stable order (owner id), whatever order the owners API used. */
export function membersOf(teamId: string, owners: readonly RoutingOwner[]): RoutingOwner[] {
  return owners.filter((o) => isMemberOf(o, teamId)).sort((a, b) => compareIds(a.id, b.id));
}

export function findOwner(ref: OwnerRef, owners: readonly RoutingOwner[]): RoutingOwner | null {
  if ('id' in ref) return owners.find((o) => o.id === ref.id) ?? null;
  const email = ref.email.toLowerCase();
  return owners.find((o) => (o.email ?? '').trim().toLowerCase() === email) ?? null;
}

/** The configured settings of one owner (by id first, then by email). */
export function settingsOf(owner: RoutingOwner, config: RoutingConfig): OwnerSettings | undefined {
  const byId = config.owners.find((s) => s.id !== undefined && s.id === owner.id);
  if (byId) return byId;
  const email = owner.email?.trim().toLowerCase();
  if (!email) return undefined;
  return config.owners.find((s) => s.email !== undefined && s.email.toLowerCase() === email);
}

export type UnavailableReason = { readonly kind: 'away_team'; readonly team: string } | { readonly kind: 'config'; readonly note: string | null };

/**
 * HubSpot's API shows no out-of-office state. An owner is unavailable while a member of a configured "away" team
 * (read from the same owners call), or when the configuration marks them unavailable.
 */
export function unavailability(owner: RoutingOwner, config: RoutingConfig): UnavailableReason | null {
  for (const ref of config.availability.awayTeams) {
    const team = (owner.teams ?? []).find(teamTest(ref));
    if (team) return { kind: 'away_team', team: team.name };
  }
  const settings = settingsOf(owner, config);
  if (settings?.unavailable === true) return { kind: 'config', note: settings.note ?? null };
  return null;
}

export const describeUnavailable = (why: UnavailableReason): string =>
  why.kind === 'away_team'
    ? `member of the "${why.team}" team, so unavailable`
    : `marked unavailable in the routing configuration${why.note ? ` (${why.note})` : ''}`;

/** Weight under the `weighted` policy (default 1). */
export const weightOf = (owner: RoutingOwner, config: RoutingConfig): number => settingsOf(owner, config)?.weight ?? 1;

/** Daily cap, or null for none. */
export function dailyCapOf(owner: RoutingOwner, config: RoutingConfig): number | null {
  const own = settingsOf(owner, config)?.dailyCap;
  return own ?? config.caps.defaultDailyCap;
}
