import type { DestinationStatusView, SyncRequestOutcome } from '../app/cards/shared/contracts';
import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import { connectorOf, type Destination } from '../core/status';
import { requestSyncWrite, syncRequestReadRequest } from '../core/status/request-sync';
import { afterWrite, syncOutcomeWrite, syncRecordReadRequest } from '../core/status/sync-plan';
import { deriveSyncStatus } from '../core/status/sync-status';
import type { StatusRecord } from '../core/status/records';
import type { CrmPort } from '../hubspot';
import { createConnector, type ConnectorRuntime, type DestinationAccess } from './destinations';
import { invalidInput, type WorkflowError } from './errors';
import { describeOutcome, resultOf, toStatusRecord, toSyncRecord } from './sync-records';
import { toDestinationStatusView } from './views/status-view';

export interface SyncRequest {
  readonly destination: string;
  /** When the rep asked (the outstanding request's time when one was already pending). */
  readonly requestedAt: string;
  /** False when nothing was written on the record. */
  readonly written: boolean;
  readonly outcome: SyncRequestOutcome;
  readonly message: string;
  /** True when the problem concerns every record of the destination (a rejected or missing credential). */
  readonly destinationProblem: boolean;
  /** The destination's row as the card shows it now. */
  readonly status: DestinationStatusView;
}

/** What syncing a record needs besides HubSpot: the destinations' credentials and how the connector may run. */
export interface SyncAccess {
  readonly access: DestinationAccess;
  readonly runtime: ConnectorRuntime;
}

export interface SyncDeps {
  readonly crm: CrmPort;
  readonly config: LeadOpsConfig;
  readonly now: () => Date;
  /** Needed for destinations with a connector; without it they are answered as a configuration problem. */
  readonly sync?: SyncAccess;
}

/**
 * "Retry sync" for one record and one destination, at most 2 HubSpot calls (read the record, write the outcome):
 *
 * - a destination another tool syncs (`external`, or no connector): marks the request
 *   (`lead_ops_sync_<id>_requested_at`) for that tool; while a request is outstanding nothing is written;
 * - a destination with a connector: sends the record now, within the caller's deadline, and writes the outcome on
 *   the six sync properties (changes only). A destination too slow or limiting for the deadline leaves the record
 *   `pending` with the request recorded, and the next sweep finishes it. A problem of the whole destination (a
 *   rejected or missing credential) writes nothing and says which secret to fix.
 *
 * Either way the answer carries the destination's row as it reads now. An unknown destination is refused before
 * any call.
 */
export async function requestSync(
  deps: SyncDeps,
  input: { readonly objectType: 'contacts' | 'companies'; readonly objectId: string; readonly destination: string },
): Promise<Result<SyncRequest, WorkflowError>> {
  const { objectType, objectId, destination: destinationId } = input;
  const destinations = deps.config.sync.destinations;
  const now = deps.now();
  const destination = destinations.find((d) => d.id === destinationId);
  if (!destination || !destination.objectTypes.includes(objectType)) {
    // The core words the refusal (it names the valid destinations); it needs only the object type here.
    const refusal = requestSyncWrite(destinationId, destinations, { objectType, id: objectId, properties: {} }, now);
    if (!refusal.ok) return err(invalidInput(refusal.error.message));
  }
  if (destination && connectorOf(destination)) return syncNow(deps, destination, objectType, objectId, now);

  const record = await deps.crm.getRecord(objectType, objectId, syncRequestReadRequest(destinationId));
  if (!record.ok) return record;
  const before = toStatusRecord(objectType, record.value);
  const write = requestSyncWrite(destinationId, destinations, before, now);
  if (!write.ok) return err(invalidInput(write.error.message));
  if (write.value.properties) {
    const updated = await deps.crm.update(objectType, objectId, write.value.properties);
    if (!updated.ok) return updated;
  }
  const d = destination as Destination;
  const written = write.value.properties !== null;
  return ok({
    destination: destinationId,
    requestedAt: write.value.requestedAt,
    written,
    outcome: 'requested',
    message: written ? `${d.name} will pick this record up on its next run.` : `A resync for ${d.name} was already pending.`,
    destinationProblem: false,
    status: viewOf(d, afterWrite(before, write.value.properties, now), now),
  });
}

const viewOf = (d: Destination, record: StatusRecord, now: Date): DestinationStatusView => toDestinationStatusView(deriveSyncStatus(d, record, now));

async function syncNow(deps: SyncDeps, destination: Destination, objectType: 'contacts' | 'companies', objectId: string, now: Date): Promise<Result<SyncRequest, WorkflowError>> {
  const requestedAt = now.toISOString();
  const read = syncRecordReadRequest(objectType, [destination]);
  const record = await deps.crm.getRecord(objectType, objectId, read);
  if (!record.ok) return record;
  const before = toStatusRecord(objectType, record.value);
  const answer = (o: { outcome: SyncRequestOutcome; message: string; written: Readonly<Record<string, string>> | null; destinationProblem?: boolean }): SyncRequest => ({
    destination: destination.id,
    requestedAt,
    written: o.written !== null,
    outcome: o.outcome,
    message: o.message,
    destinationProblem: o.destinationProblem ?? false,
    status: viewOf(destination, afterWrite(before, o.written, now), now),
  });

  const connector = deps.sync ? createConnector(destination, deps.sync.access, deps.sync.runtime) : null;
  if (!connector || !connector.ok) {
    const message = connector ? connector.error.message : `${destination.name} is set up to be synced by Lead Ops, but this caller has no access to it.`;
    return ok(answer({ outcome: 'failed', message, written: null, destinationProblem: true }));
  }
  const pushed = await connector.value.push(toSyncRecord(objectType, record.value, destination.id));
  if (!pushed.ok) return ok(answer({ outcome: 'failed', message: pushed.error.message, written: null, destinationProblem: true }));
  const outcome = pushed.value;
  const result = resultOf(outcome);
  const properties = syncOutcomeWrite(destination, before, result, now, result.state === 'pending' ? requestedAt : null);
  if (properties) {
    const updated = await deps.crm.update(objectType, objectId, properties);
    if (!updated.ok) return updated;
  }
  return ok(answer({ outcome: result.state, message: describeOutcome(outcome, destination.name), written: properties }));
}
