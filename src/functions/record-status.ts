import './runtime/zod-setup';
import { z } from 'zod';
import { syncReadRequest, ticketSearchRequest, toRecordStatusView } from '../core/status';
import { memo } from './runtime/cache';
import { defineFunction, failure } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

/**
 * `record_status`: the record's support tickets with SLA state and its sync state per destination, in one answer.
 * From the card it costs at most 4 HubSpot calls, run concurrently, the same for 5 or 500 tickets (DECISIONS 2, 3):
 * one tickets search over the record and its company (the card sends `associatedcompanyid`), the ticket pipelines,
 * the owners, and the record with the history of its synced properties. Without the company id from the card the
 * record is read first (one more round trip, same calls). A part that fails to load is reported, not fatal.
 */
export const main = defineFunction({
  name: 'record_status',
  input: z.strictObject({ objectType: OBJECT_TYPE, objectId: OBJECT_ID }),
  run: async ({ objectType, objectId }, { context, config, now, crm }) => {
    const read = syncReadRequest(objectType, config.sync.destinations);
    const recordPromise = crm.getRecord(objectType, objectId, {
      properties: [...read.properties, ...(objectType === 'contacts' ? ['associatedcompanyid'] : [])],
      propertiesWithHistory: read.propertiesWithHistory,
      // A contact's own tickets, to tell them from its company's ("via company").
      associations: objectType === 'contacts' ? ['tickets'] : [],
    });
    const cacheKey = context.baseUrl;
    const pipelinesPromise = memo(`pipelines:tickets:${cacheKey}`, now.getTime(), () => crm.getPipelines('tickets'));
    const ownersPromise = memo(`owners:${cacheKey}`, now.getTime(), () => crm.listOwners());

    let companyId: string | null = null;
    const sent = context.record;
    if (objectType === 'contacts') {
      if (sent && Object.prototype.hasOwnProperty.call(sent, 'associatedcompanyid')) companyId = sent.associatedcompanyid ?? null;
      else {
        const record = await recordPromise;
        companyId = record.ok ? (record.value.properties.associatedcompanyid ?? null) : null;
      }
    }
    const ticketsPromise = crm.search('tickets', ticketSearchRequest(objectType, objectId, companyId, now, config.support));

    const [record, tickets, pipelines, owners] = await Promise.all([recordPromise, ticketsPromise, pipelinesPromise, ownersPromise]);
    if (!record.ok && record.error.code === 'NOT_FOUND') {
      return failure({ ...record.error, message: `No ${objectType === 'contacts' ? 'contact' : 'company'} with id ${objectId}.` });
    }
    const status = toRecordStatusView({
      objectType,
      objectId,
      now,
      config: { support: config.support, sync: config.sync },
      tickets: tickets.ok ? { ok: true, value: { results: tickets.value.records, total: tickets.value.total } } : tickets,
      pipelines,
      owners,
      record: record.ok ? { ok: true, value: { ...record.value, objectType } } : record,
    });
    return { ok: true, status };
  },
});
