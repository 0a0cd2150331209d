import { templatePlaceholders, type Destination, type SyncObjectType } from './config-schema';
import { connectorOf } from './connector-config';
import { explainError } from './error-hints';
import { isOwnProperty, syncPropertyNames, type SyncPropertyNames } from './properties';
import { MINUTE_MS, formatDuration, instantOf, toIso, valueOf, type HistoryEntry, type StatusRecord } from './records';

/** The record's state in one destination. Same literals as `SyncState` in the cards' contract. */
export type SyncState = 'in_sync' | 'pending' | 'out_of_date' | 'failed' | 'excluded' | 'never_synced';

export interface SyncChange {
  readonly property: string;
  /** When HubSpot recorded the change (property history). */
  readonly at: string;
}

export interface SyncStatus {
  readonly destinationId: string;
  readonly name: string;
  readonly kind: Destination['kind'];
  readonly state: SyncState;
  /** One sentence for the rep. */
  readonly summary: string;
  /** The last successful sync (`_last_synced_at`). */
  readonly lastSyncedAt: string | null;
  /** The latest thing the sync tool wrote for this destination (a success, a failure or an exclusion). */
  readonly lastAttemptAt: string | null;
  /** The status value the tool wrote, as written (null when empty). */
  readonly rawStatus: string | null;
  readonly error: { readonly plain: string; readonly raw: string; readonly ruleId: string } | null;
  readonly excludedReason: string | null;
  /** True while a resync request is newer than the tool's last attempt. */
  readonly resyncRequested: boolean;
  /** The outstanding request's time; null when none is outstanding. */
  readonly resyncRequestedAt: string | null;
  readonly externalId: string | null;
  readonly link: string | null;
  /** Synced properties that changed after the last sync by more than the tolerance, newest first. */
  readonly changedSinceSync: readonly SyncChange[];
  /** False when the destination does not sync this object type (the view leaves it out). */
  readonly applies: boolean;
}

/** The properties to read on the record (`properties`, `propertiesWithHistory`) for these destinations. */
export function syncReadRequest(
  objectType: SyncObjectType,
  destinations: readonly Destination[],
): { properties: string[]; propertiesWithHistory: string[] } {
  const properties = new Set<string>();
  const history = new Set<string>();
  for (const d of destinations) {
    if (!d.objectTypes.includes(objectType)) continue;
    const n = syncPropertyNames(d.id);
    for (const name of Object.values(n)) properties.add(name);
    // History of what the tool writes tells when it last acted (a failure leaves `_last_synced_at` alone).
    for (const name of [n.status, n.error, n.excludedReason]) history.add(name);
    for (const name of d.syncedProperties[objectType]) if (!isOwnProperty(name)) history.add(name);
  }
  return { properties: [...properties].sort(), propertiesWithHistory: [...history].sort() };
}

function newestTimestamp(entries: readonly HistoryEntry[] | undefined): number | null {
  let newest: number | null = null;
  for (const e of entries ?? []) {
    const t = instantOf(e.timestamp);
    if (t !== null && (newest === null || t > newest)) newest = t;
  }
  return newest;
}

/**
 * The synced property's change after `since`, if its value now differs from its value at `since`. Judged from
 * HubSpot's property history (DECISIONS 7), never from `lastmodifieddate`, which our own writes also move.
 */
function changeAfter(record: StatusRecord, property: string, since: number): number | null {
  const entries = (record.history?.[property] ?? [])
    .map((e) => ({ value: e.value, t: instantOf(e.timestamp) }))
    .filter((e): e is { value: string | null; t: number } => e.t !== null)
    .sort((a, b) => b.t - a.t);
  const newest = entries[0];
  if (!newest || newest.t <= since) return null;
  const current = record.properties[property] ?? newest.value;
  const atSince = entries.find((e) => e.t <= since);
  // Without an entry at the sync time the old value is unknown (or was empty): count the change.
  const before = atSince ? atSince.value : null;
  const same = (before ?? '').trim() === (current ?? '').trim();
  return same ? null : newest.t;
}

/**
 * How long after a sync a change still counts as covered by it. With a connector the project syncs itself and
 * records the instant of the values it sent, so nothing is covered; another tool gets the configured tolerance.
 */
export function toleranceMs(destination: Destination): number {
  return connectorOf(destination) ? 0 : destination.toleranceMinutes * MINUTE_MS;
}

/**
 * The synced properties of the record's type that changed after `since` (epoch ms) to a value other than the one
 * they had then, newest first. `lead_ops_*` properties never count.
 */
export function syncedChangesSince(destination: Destination, record: StatusRecord, since: number): SyncChange[] {
  const changes: { property: string; t: number }[] = [];
  for (const property of destination.syncedProperties[record.objectType]) {
    if (isOwnProperty(property)) continue;
    const t = changeAfter(record, property, since);
    if (t !== null) changes.push({ property, t });
  }
  changes.sort((a, b) => b.t - a.t || a.property.localeCompare(b.property));
  return changes.map((c) => ({ property: c.property, at: toIso(c.t) }));
}

function linkFor(destination: Destination, objectType: SyncObjectType, objectId: string, externalId: string | null): string | null {
  const t = destination.linkTemplate;
  const template = typeof t === 'string' ? t : t?.[objectType];
  if (!template) return null;
  const values: Record<string, string | null> = { externalId, objectId, objectType };
  let out = template;
  for (const name of templatePlaceholders(template)) {
    const v = values[name];
    if (v === null || v === undefined) return null;
    out = out.split(`{${name}}`).join(encodeURIComponent(v));
  }
  return out;
}

function ago(now: Date, at: number | null): string {
  if (at === null) return '';
  const ms = now.getTime() - at;
  return ms < MINUTE_MS ? 'just now' : `${formatDuration(ms)} ago`;
}

interface SyncReadings {
  readonly n: SyncPropertyNames;
  readonly rawStatus: string | null;
  readonly lastSyncedAt: number | null;
  readonly lastAttemptAt: number | null;
  readonly requestedAt: number | null;
  readonly isRequestOutstanding: boolean;
}

/** What the record says about one destination, before any judgement. Shared with `requestSyncWrite`. */
export function readSyncProperties(destination: Pick<Destination, 'id'>, record: StatusRecord): SyncReadings {
  const n = syncPropertyNames(destination.id);
  const p = record.properties;
  const lastSyncedAt = instantOf(p[n.lastSyncedAt]);
  let lastAttemptAt = lastSyncedAt;
  for (const name of [n.status, n.error, n.excludedReason, n.lastSyncedAt]) {
    const t = newestTimestamp(record.history?.[name]);
    if (t !== null && (lastAttemptAt === null || t > lastAttemptAt)) lastAttemptAt = t;
  }
  const requestedAt = instantOf(p[n.requestedAt]);
  return {
    n,
    rawStatus: valueOf(p, n.status),
    lastSyncedAt,
    lastAttemptAt,
    requestedAt,
    // The tool clears `_requested_at` once it handled the request; a tool that does not is covered by comparing
    // with its last attempt.
    isRequestOutstanding: requestedAt !== null && (lastAttemptAt === null || requestedAt > lastAttemptAt),
  };
}

/**
 * The record's sync state in one destination, from the contract properties (see properties.ts) and the history of
 * the properties the destination syncs. Order of precedence:
 *   1. a resync request newer than the tool's last attempt → pending
 *   2. `_status` excluded → excluded; failed → failed (plain-language error + raw message); pending → pending
 *   3. a synced property changed after `_last_synced_at` by more than `toleranceMinutes` (its value now differs
 *      from the value at that time) → out of date; otherwise in sync. `lead_ops_*` properties never count.
 *   4. no status and no last sync → never synced
 * The state depends on the record alone; `now` only words how long a resync request has been waiting.
 */
export function deriveSyncStatus(destination: Destination, record: StatusRecord, now: Date): SyncStatus {
  const objectType = record.objectType;
  const r = readSyncProperties(destination, record);
  const p = record.properties;
  const externalId = valueOf(p, r.n.externalId);
  const rawError = p[r.n.error] ?? null;
  const excludedReason = valueOf(p, r.n.excludedReason);
  const status = r.rawStatus?.toLowerCase() ?? null;
  const base = {
    destinationId: destination.id,
    name: destination.name,
    kind: destination.kind,
    lastSyncedAt: r.lastSyncedAt === null ? null : toIso(r.lastSyncedAt),
    lastAttemptAt: r.lastAttemptAt === null ? null : toIso(r.lastAttemptAt),
    rawStatus: r.rawStatus,
    excludedReason: null,
    resyncRequested: r.isRequestOutstanding,
    resyncRequestedAt: r.isRequestOutstanding && r.requestedAt !== null ? toIso(r.requestedAt) : null,
    externalId,
    link: linkFor(destination, objectType, record.id, externalId),
    changedSinceSync: [],
    error: null,
    applies: true,
  } satisfies Partial<SyncStatus>;
  const name = destination.name;

  if (!destination.objectTypes.includes(objectType)) {
    return {
      ...base,
      link: null,
      resyncRequested: false,
      resyncRequestedAt: null,
      applies: false,
      state: 'excluded',
      excludedReason: `${name} syncs ${destination.objectTypes.join(' and ')} only`,
      summary: `${name} does not sync ${objectType}.`,
    };
  }

  const failure =
    status === 'failed'
      ? (() => {
          const raw = rawError ?? '';
          const hint = explainError(raw, destination);
          return { plain: hint.plain, raw, ruleId: hint.ruleId };
        })()
      : null;

  if (r.isRequestOutstanding) {
    return {
      ...base,
      state: 'pending',
      // Keep the last failure visible while the retry waits: the rep asked because of it.
      error: failure,
      excludedReason: status === 'excluded' ? (excludedReason ?? 'no reason given') : null,
      summary: `Resync with ${name} requested ${ago(now, r.requestedAt)}; waiting for the sync tool to pick it up.`,
    };
  }
  if (status === 'excluded') {
    return {
      ...base,
      state: 'excluded',
      excludedReason: excludedReason ?? 'no reason given',
      summary: excludedReason ? `Not synced to ${name}: ${excludedReason}` : `Excluded from ${name} (the sync tool gave no reason).`,
    };
  }
  if (failure) {
    return { ...base, state: 'failed', error: failure, summary: failure.plain };
  }
  if (status === 'pending') {
    return { ...base, state: 'pending', summary: `${name} has the record queued for its next sync.` };
  }
  if (r.lastSyncedAt === null) {
    if (status === 'synced') {
      return { ...base, state: 'in_sync', summary: `${name} reports the record in sync, but no sync time was stored.` };
    }
    return { ...base, state: 'never_synced', summary: `Never synced to ${name}.` };
  }

  const changes = syncedChangesSince(destination, record, r.lastSyncedAt + toleranceMs(destination));
  if (changes.length > 0) {
    const listed = changes.slice(0, 3).map((c) => c.property);
    const more = changes.length > 3 ? ` and ${changes.length - 3} more` : '';
    return {
      ...base,
      state: 'out_of_date',
      changedSinceSync: changes,
      summary: `Out of date in ${name}: ${listed.join(', ')}${more} changed in HubSpot after the last sync.`,
    };
  }
  return { ...base, state: 'in_sync', summary: `In sync with ${name}.` };
}
