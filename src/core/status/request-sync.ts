import { err, ok, type Result } from '../result';
import type { Destination } from './config-schema';
import { syncPropertyNames } from './properties';
import { readSyncProperties } from './sync-status';
import { toIso, type StatusRecord } from './records';

export interface SyncRequestWrite {
  readonly destination: string;
  /** The outstanding request's time: the one written now, or the one already pending. */
  readonly requestedAt: string;
  /** The properties to PATCH on the record; null when a request is already pending (nothing to write). */
  readonly properties: Readonly<Record<string, string>> | null;
}

export interface SyncRequestRefusal {
  readonly code: 'INVALID_INPUT';
  readonly message: string;
}

/** What `request_sync` must read on the record to decide (a single GET; no search, so no lag). */
export function syncRequestReadRequest(destinationId: string): { properties: string[]; propertiesWithHistory: string[] } {
  const n = syncPropertyNames(destinationId);
  return {
    properties: [n.status, n.lastSyncedAt, n.requestedAt],
    propertiesWithHistory: [n.status, n.error, n.excludedReason],
  };
}

/**
 * The write that marks a resync request for one destination: `lead_ops_sync_<id>_requested_at = now`. A HubSpot
 * workflow or the sync tool acts on it and clears it. Idempotent: when a request is already outstanding (newer than
 * the tool's last attempt) nothing is written and the existing request time is returned, so double clicks and
 * retries converge on one request. Unknown destinations, and destinations that do not sync the record's object type,
 * are refused with a message naming the valid ones.
 */
export function requestSyncWrite(
  destinationId: string,
  destinations: readonly Destination[],
  record: StatusRecord,
  now: Date,
): Result<SyncRequestWrite, SyncRequestRefusal> {
  const destination = destinations.find((d) => d.id === destinationId);
  const forType = destinations.filter((d) => d.objectTypes.includes(record.objectType)).map((d) => `"${d.id}"`);
  const known = forType.length > 0 ? `Known destinations for ${record.objectType}: ${forType.join(', ')}.` : `No destination syncs ${record.objectType}.`;
  if (!destination) {
    return err({
      code: 'INVALID_INPUT',
      message: `Unknown sync destination ${JSON.stringify(destinationId)}. ${known} Destinations are configured under sync.destinations in lead-ops.config.json.`,
    });
  }
  if (!destination.objectTypes.includes(record.objectType)) {
    return err({
      code: 'INVALID_INPUT',
      message: `${destination.name} does not sync ${record.objectType} (only ${destination.objectTypes.join(' and ')}). ${known}`,
    });
  }
  const r = readSyncProperties(destination, record);
  if (r.isRequestOutstanding && r.requestedAt !== null) {
    return ok({ destination: destination.id, requestedAt: toIso(r.requestedAt), properties: null });
  }
  const requestedAt = now.toISOString();
  return ok({ destination: destination.id, requestedAt, properties: { [r.n.requestedAt]: requestedAt } });
}
