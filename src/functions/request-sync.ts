import './runtime/zod-setup';
import { z } from 'zod';
import type { SyncRequestView } from '../app/cards/shared/contracts';
import { DESTINATION_ID_PATTERN, requestSyncWrite, syncRequestReadRequest } from '../core/status';
import { defineFunction, failure } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

/**
 * `request_sync`: marks a resync request for one destination on the record (`lead_ops_sync_<id>_requested_at`),
 * so a HubSpot workflow or the sync tool acts on it. Idempotent: while a request is outstanding nothing is written.
 * At most 2 HubSpot calls (read, write); an unknown destination is refused before any call.
 */
export const main = defineFunction({
  name: 'request_sync',
  input: z.strictObject({
    objectType: OBJECT_TYPE,
    objectId: OBJECT_ID,
    destination: z.string().regex(DESTINATION_ID_PATTERN, 'expected a destination id from the configuration, e.g. "mailchimp"'),
  }),
  run: async ({ objectType, objectId, destination }, { config, now, crm }) => {
    const destinations = config.sync.destinations;
    const known = destinations.find((d) => d.id === destination);
    if (!known || !known.objectTypes.includes(objectType)) {
      // The core words the refusal (it names the valid destinations); it needs only the object type here.
      const refusal = requestSyncWrite(destination, destinations, { objectType, id: objectId, properties: {} }, now);
      if (!refusal.ok) return failure({ code: 'INVALID_INPUT', message: refusal.error.message, retryable: false });
    }
    const read = syncRequestReadRequest(destination);
    const record = await crm.getRecord(objectType, objectId, read);
    if (!record.ok) return record;
    const write = requestSyncWrite(destination, destinations, { ...record.value, objectType }, now);
    if (!write.ok) return failure({ code: 'INVALID_INPUT', message: write.error.message, retryable: false });
    if (write.value.properties) {
      const updated = await crm.update(objectType, objectId, write.value.properties);
      if (!updated.ok) return updated;
    }
    const sync: SyncRequestView = { destination, requestedAt: write.value.requestedAt, written: write.value.properties !== null };
    return { ok: true, sync };
  },
});
