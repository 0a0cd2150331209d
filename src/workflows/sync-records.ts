import type { SyncObjectType } from '../core/status/config-schema';
import type { StatusRecord } from '../core/status/records';
import { syncPropertyNames } from '../core/status/properties';
import type { SyncResult } from '../core/status/sync-plan';
import type { AssociatedRecord, ConnectorObjectType, SyncOutcome, SyncRecord } from '../connectors/connector';
import type { CrmRecord } from '../hubspot';

/** Translations between HubSpot's records, the connectors' inputs and outcomes, and the core's sync decisions. */

/** The record as the core's status derivations read it. */
export const toStatusRecord = (objectType: SyncObjectType, r: CrmRecord): StatusRecord => ({
  objectType,
  id: r.id,
  properties: r.properties,
  history: r.history,
  associations: r.associations,
});

/** The record as a connector copies it: its properties, the id the destination gave it, its primary company. */
export function toSyncRecord(
  objectType: ConnectorObjectType,
  r: Pick<CrmRecord, 'id' | 'properties'> & { readonly associations?: CrmRecord['associations'] },
  destinationId: string | null,
  contacts?: readonly AssociatedRecord[],
): SyncRecord {
  const companies = [...(r.associations?.companies ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary)).map((a) => ({ id: a.id }));
  const externalId = destinationId === null ? null : (r.properties[syncPropertyNames(destinationId).externalId] ?? null);
  return {
    objectType,
    id: r.id,
    properties: r.properties,
    externalId,
    ...(companies.length > 0 || contacts ? { associations: { ...(companies.length > 0 ? { companies } : {}), ...(contacts ? { contacts } : {}) } } : {}),
  };
}

/**
 * A connector's outcome as the record should say it. A failure that a later attempt may get past (a rate limit, a
 * 5xx, a timeout) is recorded as `pending`, so the next sweep retries it; any other failure waits for a change or
 * a rep's Retry sync.
 */
export function resultOf(outcome: SyncOutcome): SyncResult {
  switch (outcome.state) {
    case 'in_sync':
      return { state: 'in_sync', externalId: outcome.externalId };
    case 'excluded':
      return { state: 'excluded', reason: outcome.reason, externalId: outcome.externalId };
    case 'failed':
      return outcome.retryable ? { state: 'pending', reason: outcome.error.plain } : { state: 'failed', raw: outcome.error.raw };
    case 'pending':
      return { state: 'pending', reason: outcome.reason };
  }
}

/** One sentence for the rep about an outcome. */
export function describeOutcome(outcome: SyncOutcome, name: string): string {
  switch (outcome.state) {
    case 'in_sync':
      return outcome.note ?? (outcome.written ? `Synced to ${name}.` : `${name} already had these values.`);
    case 'excluded':
      return `Not synced to ${name}: ${outcome.reason}`;
    case 'failed':
      return outcome.retryable ? `${outcome.error.plain} The next sync tries again.` : outcome.error.plain;
    case 'pending':
      return outcome.reason;
  }
}
