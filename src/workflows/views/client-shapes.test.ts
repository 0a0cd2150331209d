/**
 * The client layer's shapes (src/hubspot/records.ts) go into the status core as they are, so `record_status` needs
 * no mapping code: a type error here means one side changed. (Tests may import across layers; the core may not.)
 */
import type { CrmRecord, Owner, Pipeline } from '../../hubspot/records';
import { SupportConfigSchema, SyncConfigSchema } from '../../core/status/config-schema';
import { NOW, ago, HOUR } from '../../core/status/test-fixtures';
import { toRecordStatusView } from './status-view';

const contact: CrmRecord = {
  id: '101',
  properties: { lead_ops_sync_mailchimp_status: 'synced', lead_ops_sync_mailchimp_last_synced_at: ago(2 * HOUR), email: 'new@example.com' },
  history: { email: [{ value: 'new@example.com', timestamp: ago(HOUR), sourceType: 'CRM_UI', sourceId: 'userId:1' }] },
  associations: { tickets: [{ id: '7', primary: false, types: ['contact_to_ticket'] }] },
  createdAt: ago(100 * HOUR),
  updatedAt: ago(HOUR),
};
const ticket: CrmRecord = {
  id: '7',
  properties: { subject: 'Login fails', hs_pipeline: '0', hs_pipeline_stage: '1', hs_ticket_priority: 'HIGH', hubspot_owner_id: '9', createdate: ago(5 * HOUR) },
  history: {},
  associations: {},
  createdAt: ago(5 * HOUR),
  updatedAt: ago(HOUR),
};
const pipelines: Pipeline[] = [{ id: '0', label: 'Support Pipeline', displayOrder: 0, stages: [{ id: '1', label: 'New', displayOrder: 0, metadata: { ticketState: 'OPEN' } }] }];
const owners: Owner[] = [{ id: '9', email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', userId: 1, archived: false, teams: [] }];

it('takes CrmRecord, Pipeline and Owner from the client layer unchanged', () => {
  const view = toRecordStatusView({
    objectType: 'contacts',
    objectId: '101',
    now: NOW,
    config: { support: SupportConfigSchema.parse({}), sync: SyncConfigSchema.parse({}) },
    tickets: { ok: true, value: { results: [ticket], total: 1 } },
    pipelines: { ok: true, value: pipelines },
    owners: { ok: true, value: owners },
    record: { ok: true, value: { ...contact, objectType: 'contacts' } },
  });
  expect(view.tickets?.items[0]).toMatchObject({ subject: 'Login fails', stage: 'New', owner: 'Grace Hopper', via: 'record', sla: { state: 'breached' } });
  expect(view.sync?.[0]).toMatchObject({ id: 'mailchimp', state: 'out_of_date' });
});
