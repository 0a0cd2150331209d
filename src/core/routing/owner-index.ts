import type { RoutingConfig, TeamRef } from './config-schema';
import {
  dailyCapOf,
  membersOf,
  ownerName,
  resolveTeam,
  unavailability,
  weightOf,
  type OwnerSummary,
  type ResolvedTeam,
  type RoutingOwner,
  type UnavailableReason,
} from './owners';

/** What routing needs to know about one owner under one configuration. */
export interface OwnerProfile {
  readonly owner: RoutingOwner;
  readonly name: string;
  readonly email: string | null;
  readonly unavailable: UnavailableReason | null;
  readonly dailyCap: number | null;
  readonly weight: number;
}

/**
 * One owners list read under one routing configuration: teams resolved, members sorted, every owner's name,
 * availability, cap and weight worked out once. The owners call happens once per function call or bulk run, while
 * routing asked the same questions of it for every decision (normalizing team names, scanning settings), twice
 * per decision counting `planRoute`. Answers are exactly those of `resolveTeam`, `membersOf`, `summarizeOwner`,
 * `unavailability`, `dailyCapOf` and `weightOf`.
 */
export interface OwnerIndex {
  /** Owners by id (the last one of an id wins, as `new Map(owners.map(...))`). */
  readonly byId: ReadonlyMap<string, RoutingOwner>;
  team(ref: TeamRef): ResolvedTeam | null;
  /** Team members in owner-id order. */
  members(teamId: string): readonly RoutingOwner[];
  /** Ids of the team's members that are not archived, in owner-id order (the recent-assignments search). */
  activeMemberIds(teamId: string): readonly string[];
  profile(owner: RoutingOwner): OwnerProfile;
  /** A fresh `summarizeOwner(owner)`. */
  summary(owner: RoutingOwner): OwnerSummary;
}

function buildIndex(owners: readonly RoutingOwner[], config: RoutingConfig): OwnerIndex {
  const byId = new Map(owners.map((o) => [o.id, o]));
  const teams = new Map<TeamRef, ResolvedTeam | null>();
  const members = new Map<string, readonly RoutingOwner[]>();
  const activeIds = new Map<string, readonly string[]>();
  const profiles = new Map<RoutingOwner, OwnerProfile>();
  const membersOfTeam = (teamId: string): readonly RoutingOwner[] => {
    let list = members.get(teamId);
    if (!list) {
      list = membersOf(teamId, owners);
      members.set(teamId, list);
    }
    return list;
  };
  const profile = (owner: RoutingOwner): OwnerProfile => {
    let p = profiles.get(owner);
    if (!p) {
      p = {
        owner,
        name: ownerName(owner),
        email: owner.email?.trim() ? owner.email.trim() : null,
        unavailable: unavailability(owner, config),
        dailyCap: dailyCapOf(owner, config),
        weight: weightOf(owner, config),
      };
      profiles.set(owner, p);
    }
    return p;
  };
  return {
    byId,
    team: (ref) => {
      if (!teams.has(ref)) teams.set(ref, resolveTeam(ref, owners));
      return teams.get(ref) ?? null;
    },
    members: membersOfTeam,
    activeMemberIds: (teamId) => {
      let ids = activeIds.get(teamId);
      if (!ids) {
        ids = membersOfTeam(teamId)
          .filter((m) => m.archived !== true)
          .map((m) => m.id);
        activeIds.set(teamId, ids);
      }
      return ids;
    },
    profile,
    summary: (owner) => {
      const p = profile(owner);
      return { id: owner.id, name: p.name, email: p.email };
    },
  };
}

const indexes = new WeakMap<readonly RoutingOwner[], WeakMap<RoutingConfig, OwnerIndex>>();

/**
 * The index of an owners list under a configuration, built on first use and remembered by the identity of both
 * (a bulk run passes the same owners array and configuration to every decision). Owners lists and configurations
 * are values here, as their readonly types say: a changed list must be a new array.
 */
export function ownerIndex(owners: readonly RoutingOwner[], config: RoutingConfig): OwnerIndex {
  let byConfig = indexes.get(owners);
  if (!byConfig) {
    byConfig = new WeakMap();
    indexes.set(owners, byConfig);
  }
  let index = byConfig.get(config);
  if (!index) {
    index = buildIndex(owners, config);
    byConfig.set(config, index);
  }
  return index;
}
