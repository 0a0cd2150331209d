import type { LeadOpsConfig } from '../core/config/schema';
import { err, type Result } from '../core/result';
import { syncReadRequest, ticketSearchRequest } from '../core/status';
import type { CrmPort } from '../hubspot';
import type { WorkflowError } from './errors';
import { toRecordStatusView } from './views/status-view';
import type { RecordStatusView } from '../app/cards/shared/contracts';

/**
 * A record's support tickets with SLA state and its sync state per destination, in one answer (the Support & Sync
 * card). From the card it costs at most 4 HubSpot calls, run concurrently, the same for 5 or 500 tickets: one
 * tickets search over the record and its company (the card sends `associatedcompanyid`), the ticket pipelines, the
 * owners, and the record with the history of its synced properties. Without the company id from the card the record
 * is read first (one more round trip, same calls). A part that fails to load is reported in the answer, not fatal;
 * a record that does not exist is.
 */
export async function recordStatus(
  deps: { readonly crm: CrmPort; readonly config: LeadOpsConfig; readonly now: () => Date },
  input: { readonly objectType: 'contacts' | 'companies'; readonly objectId: string; readonly companyIdFromCard?: string | null | undefined },
): Promise<Result<RecordStatusView, WorkflowError>> {
  const { crm, config } = deps;
  const { objectType, objectId } = input;
  const now = deps.now();
  const read = syncReadRequest(objectType, config.sync.destinations);
  const recordPromise = crm.getRecord(objectType, objectId, {
    properties: [...read.properties, ...(objectType === 'contacts' ? ['associatedcompanyid'] : [])],
    propertiesWithHistory: read.propertiesWithHistory,
    // A contact's own tickets, to tell them from its company's ("via company").
    associations: objectType === 'contacts' ? ['tickets'] : [],
  });
  const pipelinesPromise = crm.getPipelines('tickets');
  const ownersPromise = crm.listOwners();
  let companyId: string | null = null;
  if (objectType === 'contacts') {
    if (input.companyIdFromCard !== undefined) companyId = input.companyIdFromCard;
    else {
      const record = await recordPromise;
      companyId = record.ok ? (record.value.properties.associatedcompanyid ?? null) : null;
    }
  }
  const ticketsPromise = crm.search('tickets', ticketSearchRequest(objectType, objectId, companyId, now, config.support));
  const [record, tickets, pipelines, owners] = await Promise.all([recordPromise, ticketsPromise, pipelinesPromise, ownersPromise]);
  if (!record.ok && record.error.code === 'NOT_FOUND') return err(record.error);
  return {
    ok: true,
    value: toRecordStatusView({
      objectType,
      objectId,
      now,
      config: { support: config.support, sync: config.sync },
      tickets: tickets.ok ? { ok: true, value: { results: tickets.value.records, total: tickets.value.total } } : tickets,
      pipelines,
      owners,
      record: record.ok ? { ok: true, value: { ...record.value, objectType } } : record,
    }),
  };
}
