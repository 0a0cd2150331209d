import './runtime/zod-setup';
import { z } from 'zod';
import { ok } from '../core/result';
import { recordStatus } from '../workflows/status';
import { defineFunction } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

/**
 * `record_status`: the record's support tickets with SLA state and its sync state per destination, in one answer:
 * at most 4 HubSpot calls from the card, concurrently, the same for 5 or 500 tickets (see `workflows/status.ts`).
 */
export const main = defineFunction({
  name: 'record_status',
  input: z.strictObject({ objectType: OBJECT_TYPE, objectId: OBJECT_ID }),
  run: async ({ objectType, objectId }, { context, config, now, crm }) => {
    const sent = context.record;
    const companyIdFromCard = sent && Object.prototype.hasOwnProperty.call(sent, 'associatedcompanyid') ? sent.associatedcompanyid : undefined;
    const status = await recordStatus({ crm, config, now: () => now }, { objectType, objectId, companyIdFromCard });
    if (!status.ok) {
      const what = objectType === 'contacts' ? 'contact' : 'company';
      return status.error.code === 'NOT_FOUND' ? { ok: false, error: { ...status.error, message: `No ${what} with id ${objectId}.` } } : status;
    }
    return ok({ status: status.value });
  },
});
