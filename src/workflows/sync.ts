import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import { requestSyncWrite, syncRequestReadRequest } from '../core/status';
import type { CrmPort } from '../hubspot';
import { invalidInput, type WorkflowError } from './errors';

export interface SyncRequest {
  readonly destination: string;
  readonly requestedAt: string;
  /** False when a request was already pending and nothing was written. */
  readonly written: boolean;
}

/**
 * Marks a resync request for one destination on the record (`lead_ops_sync_<id>_requested_at`), so the sync tool
 * acts on it. Idempotent: while a request is outstanding nothing is written. At most 2 HubSpot calls (read, write);
 * an unknown destination is refused before any call.
 */
export async function requestSync(
  deps: { readonly crm: CrmPort; readonly config: LeadOpsConfig; readonly now: () => Date },
  input: { readonly objectType: 'contacts' | 'companies'; readonly objectId: string; readonly destination: string },
): Promise<Result<SyncRequest, WorkflowError>> {
  const { objectType, objectId, destination } = input;
  const destinations = deps.config.sync.destinations;
  const now = deps.now();
  const known = destinations.find((d) => d.id === destination);
  if (!known || !known.objectTypes.includes(objectType)) {
    // The core words the refusal (it names the valid destinations); it needs only the object type here.
    const refusal = requestSyncWrite(destination, destinations, { objectType, id: objectId, properties: {} }, now);
    if (!refusal.ok) return err(invalidInput(refusal.error.message));
  }
  const record = await deps.crm.getRecord(objectType, objectId, syncRequestReadRequest(destination));
  if (!record.ok) return record;
  const write = requestSyncWrite(destination, destinations, { ...record.value, objectType }, now);
  if (!write.ok) return err(invalidInput(write.error.message));
  if (write.value.properties) {
    const updated = await deps.crm.update(objectType, objectId, write.value.properties);
    if (!updated.ok) return updated;
  }
  return ok({ destination, requestedAt: write.value.requestedAt, written: write.value.properties !== null });
}
