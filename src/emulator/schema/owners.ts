import type { Owner } from '../types';

/**
 * Owners v3 (reference §7). Teams have no CRM v3 endpoint: membership comes embedded in each owner's `teams[]`
 * (`{id, name, primary}`). Archived owners keep their id, lose `userId` (null) and keep `userIdIncludingInactive`.
 */
export class OwnerStore {
  private readonly owners: Owner[] = [];

  add(owner: Owner): Owner {
    this.owners.push(owner);
    this.owners.sort((a, b) => Number(a.id) - Number(b.id));
    return owner;
  }

  all(): readonly Owner[] {
    return this.owners;
  }

  /** Owner ids valid for `hubspot_owner_id` writes: active owners only (HubSpot refuses deactivated users). */
  isAssignable(id: string): boolean {
    return this.owners.some((o) => o.id === id && !o.archived);
  }

  list(filter: { archived: boolean; email?: string }): Owner[] {
    const email = filter.email?.toLowerCase();
    return this.owners.filter((o) => o.archived === filter.archived && (email === undefined || o.email.toLowerCase() === email));
  }

  /** Deactivates a user, as an admin does in HubSpot's settings: the owner is archived and loses its user id. */
  archive(id: string, at: number): void {
    const o = this.owners.find((x) => x.id === id);
    if (!o) throw new Error(`no owner ${id}`);
    o.archived = true;
    o.userId = null;
    o.updatedAt = at;
  }

  /** Adds an owner to a team (HubSpot's team settings), e.g. the team the app reads as "away". */
  joinTeam(id: string, team: { readonly id: string; readonly name: string }, at: number): void {
    const o = this.owners.find((x) => x.id === id);
    if (!o) throw new Error(`no owner ${id}`);
    if (!o.teams.some((t) => t.id === team.id)) o.teams.push({ id: team.id, name: team.name, primary: false });
    o.updatedAt = at;
  }

  find(id: string, idProperty: 'id' | 'userId', archived: boolean): Owner | undefined {
    return this.owners.find((o) => o.archived === archived && (idProperty === 'id' ? o.id === id : String(o.userIdIncludingInactive) === id));
  }
}

/**
 * An owner as the owners API answers it. Archived owners have no user id: v3 answers `userId: null` (as live
 * responses show); the 2026-09 spec types `userId` as an optional integer, so there it is left out.
 */
export function ownerJson(o: Owner, omitNullUserId = false): Record<string, unknown> {
  const userId = o.archived ? null : o.userId;
  return {
    id: o.id,
    email: o.email,
    type: o.type,
    firstName: o.firstName,
    lastName: o.lastName,
    ...(userId === null && omitNullUserId ? {} : { userId }),
    userIdIncludingInactive: o.userIdIncludingInactive,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
    archived: o.archived,
    teams: o.teams,
  };
}
