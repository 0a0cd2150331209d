import type { Properties } from '../criteria/evaluate';
import { parseInstant } from '../criteria/evaluate';
import type { RoutingDecision } from './decision';
import type { RoutingOwner } from './owners';
import { ownerName } from './owners';
import { ROUTING_PROPERTY_NAMES } from './properties';
import { truncate } from './text';


/** What a record says about its routing now. */
export interface RoutingState {
  readonly ownerId: string | null;
  readonly tier: string | null;
  readonly rule: string | null;
  /** ISO-8601, null when never routed or unreadable. */
  readonly routedAt: string | null;
  readonly routingKey: string | null;
  /** The routing note of the last decision, when the caller recorded it. */
  readonly noteId: string | null;
}

const value = (props: Properties, name: string): string | null => {
  const v = Object.prototype.hasOwnProperty.call(props, name) ? props[name] : undefined;
  if (v === undefined || v === null) return null;
  const t = v.trim();
  return t === '' ? null : t;
};

const toIso = (raw: string | null): string | null => {
  if (raw === null) return null;
  const t = parseInstant(raw);
  return t === null ? null : new Date(t).toISOString();
};

export function readRoutingState(properties: Properties): RoutingState {
  return {
    ownerId: value(properties, 'hubspot_owner_id'),
    tier: value(properties, ROUTING_PROPERTY_NAMES.tier),
    rule: value(properties, ROUTING_PROPERTY_NAMES.rule),
    routedAt: toIso(value(properties, ROUTING_PROPERTY_NAMES.routedAt)),
    routingKey: value(properties, ROUTING_PROPERTY_NAMES.key),
    noteId: value(properties, ROUTING_PROPERTY_NAMES.noteId),
  };
}

/** Longest rule text written to the record (the note carries the full explanation). */
export const MAX_RULE_LENGTH = 1000;

/**
 * The one update that applies a decision: owner, tier, rule, time and key together, so their history entries
 * share a timestamp. Null when there is nothing to write (already assigned, no owner, or no change: writes are
 * changes only, DECISIONS 5, so a rerun never rewrites the time on its own). `noteId`: the routing note, when the
 * caller created it before this update (see `noteIdsToInspect`).
 */
export function routingPropertiesToWrite(decision: RoutingDecision, now: number, noteId?: string): Record<string, string> | null {
  if (!decision.changes || decision.owner === null || decision.routingKey === null) return null;
  return {
    hubspot_owner_id: decision.owner.id,
    [ROUTING_PROPERTY_NAMES.tier]: decision.tierValue,
    [ROUTING_PROPERTY_NAMES.rule]: truncate(decision.rule, MAX_RULE_LENGTH),
    [ROUTING_PROPERTY_NAMES.routedAt]: new Date(now).toISOString(),
    [ROUTING_PROPERTY_NAMES.key]: decision.routingKey,
    ...(noteId === undefined ? {} : { [ROUTING_PROPERTY_NAMES.noteId]: noteId }),
  };
}

/** One owner change of a record, for the card's routing history: ours (`lead_ops`) or anybody else's (`other`). */
export interface RoutingHistoryItem {
  /** ISO time of the change. */
  readonly at: string;
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  /** The tier label (or id) of our routing; null for other changes. */
  readonly tier: string | null;
  readonly rule: string | null;
  readonly source: 'lead_ops' | 'other';
}

/** One entry of HubSpot's `propertiesWithHistory` (newest first in HubSpot's answers; any order accepted here). */
export interface PropertyHistoryEntry {
  readonly value: string | null;
  readonly timestamp: string;
  readonly sourceType?: string | null;
  readonly sourceId?: string | null;
}

export type PropertiesWithHistory = Readonly<Record<string, readonly PropertyHistoryEntry[] | undefined>>;

/** Owner changes and routing writes of one update share a timestamp; allow a little slack for other writers. */
export const SAME_WRITE_MS = 1000;

/**
 * The card's routing history from `propertiesWithHistory` of `hubspot_owner_id` and the routing properties,
 * newest first. An owner change with a routing-key write at the same time is ours (`lead_ops`); any other owner
 * change (a rep, a workflow, an import) is `other`. Tier ids are shown as labels when `tierLabels` knows them.
 */
export function routingHistoryFrom(
  history: PropertiesWithHistory,
  options: { readonly owners?: readonly RoutingOwner[]; readonly tierLabels?: Readonly<Record<string, string>> } = {},
): RoutingHistoryItem[] {
  const parse = (entries: readonly PropertyHistoryEntry[] | undefined) =>
    (entries ?? [])
      .map((e) => ({ value: e.value?.trim() ? e.value.trim() : null, at: parseInstant(e.timestamp.trim()) }))
      .filter((e): e is { value: string | null; at: number } => e.at !== null);
  const ownerChanges = parse(history.hubspot_owner_id).sort((a, b) => b.at - a.at);
  const keys = parse(history[ROUTING_PROPERTY_NAMES.key]);
  const tiers = parse(history[ROUTING_PROPERTY_NAMES.tier]);
  const rules = parse(history[ROUTING_PROPERTY_NAMES.rule]);
  const near = (list: { value: string | null; at: number }[], at: number) =>
    list
      .filter((e) => Math.abs(e.at - at) <= SAME_WRITE_MS)
      .sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0] ?? null;
  const names = new Map((options.owners ?? []).map((o) => [o.id, ownerName(o)]));
  return ownerChanges.map((change) => {
    const isOurs = near(keys, change.at)?.value != null;
    const tier = isOurs ? (near(tiers, change.at)?.value ?? null) : null;
    return {
      at: new Date(change.at).toISOString(),
      ownerId: change.value,
      ownerName: change.value === null ? null : (names.get(change.value) ?? null),
      tier: tier === null ? null : (options.tierLabels?.[tier] ?? tier),
      rule: isOurs ? (near(rules, change.at)?.value ?? null) : null,
      source: isOurs ? 'lead_ops' : 'other',
    };
  });
}
