import type { Destination, SyncObjectType } from './config-schema';
import { connectorOf, connectorProperties } from './connector-config';
import { syncPropertyNames } from './properties';
import { toIso, type HistoryEntry, type StatusRecord } from './records';
import { deriveSyncStatus, readSyncProperties, syncReadRequest, syncedChangesSince, type SyncState } from './sync-status';

/**
 * The decisions of the project's own sync, for destinations with a connector: which records to send (judged exactly
 * as the card judges them), and what to write back on the record after a connector answered (the six sync
 * properties, changes only). Pure: the workflows read HubSpot, call the connectors and write.
 */

/** Why a record is sent now. */
export type SyncReason =
  /** A rep asked (Retry sync) and the request is still outstanding. */
  | 'requested'
  /** The last attempt left it `pending` (a rate limit, a timeout, no time left): retried every run. */
  | 'queued'
  /** Never sent. */
  | 'never_synced'
  /** A synced property changed after the last sync (or after a failure or an exclusion, which it may resolve). */
  | 'changed';

/** Why a record is left alone. */
export type SyncSkip = 'in_sync' | 'excluded' | 'failed' | 'not_applicable';

export type SyncWork = { readonly push: true; readonly reason: SyncReason; readonly state: SyncState } | { readonly push: false; readonly reason: SyncSkip; readonly state: SyncState };

/**
 * Whether the sweep sends the record to the destination. Pending records and outstanding requests go every run;
 * records never synced or out of date go; a failure or an exclusion waits for a change to a synced property after
 * it (an address added, a field fixed), or for a rep's Retry sync: sending the same values again would fail or be
 * excluded again. Transient failures are recorded as `pending`, so they are retried without waiting.
 */
export function syncWorkFor(destination: Destination, record: StatusRecord, now: Date): SyncWork {
  const status = deriveSyncStatus(destination, record, now);
  if (!status.applies) return { push: false, reason: 'not_applicable', state: status.state };
  switch (status.state) {
    case 'pending':
      return { push: true, reason: status.resyncRequested ? 'requested' : 'queued', state: status.state };
    case 'never_synced':
      return { push: true, reason: 'never_synced', state: status.state };
    case 'out_of_date':
      return { push: true, reason: 'changed', state: status.state };
    case 'in_sync':
      return { push: false, reason: 'in_sync', state: status.state };
    case 'failed':
    case 'excluded': {
      const since = readSyncProperties(destination, record).lastAttemptAt;
      const changed = since === null || syncedChangesSince(destination, record, since).length > 0;
      return changed ? { push: true, reason: 'changed', state: status.state } : { push: false, reason: status.state, state: status.state };
    }
  }
}

/** A connector's answer for one record, as the write needs it. */
export type SyncResult =
  | { readonly state: 'in_sync'; readonly externalId: string }
  | { readonly state: 'excluded'; readonly reason: string; readonly externalId: string | null }
  | { readonly state: 'failed'; readonly raw: string }
  | { readonly state: 'pending'; readonly reason: string };

/** HubSpot text properties hold 65,536 characters; a destination's error needs far less. */
export const MAX_ERROR_LENGTH = 2000;

const same = (a: string | null | undefined, b: string): boolean => (a ?? '').trim() === b.trim();

/**
 * The properties to write after a sync, changes only; null when the record already says it all (a second run
 * writes nothing). `syncedAt` is when the values sent were read: a change after it is out of date. `requestedAt`
 * is kept on a pending record (a rep's request is still open) and cleared once the record is settled.
 *
 *   in_sync  → status synced, last_synced_at (when the record was not already in sync), external id; error,
 *              exclusion and request cleared
 *   excluded → status excluded with the reason (and the destination's id when it has one); error and request cleared
 *   failed   → status failed with the raw error; exclusion and request cleared; the last sync time stays
 *   pending  → status pending; a request made now is recorded in `_requested_at`
 */
export function syncOutcomeWrite(destination: Destination, record: StatusRecord, result: SyncResult, syncedAt: Date, requestedAt: string | null = null): Record<string, string> | null {
  const n = syncPropertyNames(destination.id);
  const p = record.properties;
  const want: Record<string, string> = {};
  switch (result.state) {
    case 'in_sync':
      Object.assign(want, { [n.status]: 'synced', [n.externalId]: result.externalId, [n.error]: '', [n.excludedReason]: '', [n.requestedAt]: '' });
      break;
    case 'excluded':
      Object.assign(want, { [n.status]: 'excluded', [n.excludedReason]: result.reason, [n.error]: '', [n.requestedAt]: '' });
      if (result.externalId !== null) want[n.externalId] = result.externalId;
      break;
    case 'failed':
      Object.assign(want, { [n.status]: 'failed', [n.error]: result.raw.slice(0, MAX_ERROR_LENGTH), [n.excludedReason]: '', [n.requestedAt]: '' });
      break;
    case 'pending':
      want[n.status] = 'pending';
      if (requestedAt !== null && !same(p[n.requestedAt], requestedAt)) want[n.requestedAt] = requestedAt;
      break;
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(want)) if (!same(p[name], value)) out[name] = value;
  // A sync time on its own is news only when the record was not in sync: a confirmed copy after a change, or the
  // first success after a failure.
  if (result.state === 'in_sync' && (Object.keys(out).length > 0 || deriveSyncStatus(destination, record, syncedAt).state !== 'in_sync')) {
    out[n.lastSyncedAt] = syncedAt.toISOString();
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The record as it reads after `written` was applied at `at`: the properties merged and a history entry for each,
 * so the card's derivation sees the new state without reading the record again.
 */
export function afterWrite(record: StatusRecord, written: Readonly<Record<string, string>> | null, at: Date): StatusRecord {
  if (!written) return record;
  const history: Record<string, readonly HistoryEntry[] | undefined> = { ...(record.history ?? {}) };
  for (const [name, value] of Object.entries(written)) history[name] = [{ value, timestamp: toIso(at.getTime()) }, ...(record.history?.[name] ?? [])];
  return { ...record, properties: { ...record.properties, ...written }, history };
}

/**
 * What to read on a record to sync it to these destinations: the card's read (the sync properties, the history of
 * what they sync) plus every property a connector copies; a help desk also gets the contact's primary company.
 */
export function syncRecordReadRequest(
  objectType: SyncObjectType,
  destinations: readonly Destination[],
): { properties: string[]; propertiesWithHistory: string[]; associations: string[] } {
  const base = syncReadRequest(objectType, destinations);
  const properties = new Set(base.properties);
  let associations: string[] = [];
  for (const d of destinations) {
    const settings = connectorOf(d);
    if (!settings || !d.objectTypes.includes(objectType)) continue;
    connectorProperties(settings, objectType).forEach((p) => properties.add(p));
    if (settings.type === 'zendesk' && objectType === 'contacts') associations = ['companies'];
  }
  return { properties: [...properties].sort(), propertiesWithHistory: base.propertiesWithHistory, associations };
}
