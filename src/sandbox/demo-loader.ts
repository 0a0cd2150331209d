import type { LeadOpsConfig } from '../core/config/schema';
import { ok, type Result } from '../core/result';
import { compileModel } from '../core/scoring';
import { syncPropertyNames, type Destination } from '../core/status';
import type { CrmPort, CrmRecord } from '../hubspot';
import type { WorkflowError } from '../workflows/errors';
import { rescore } from '../workflows/score';
import { runSetup } from '../workflows/setup';

/**
 * Fills a demo portal with what a real one would have after some weeks of use, over the API only (the emulator
 * seeds only what HubSpot itself has):
 * `lead-ops setup`, then sync states of every kind for each destination (in sync, pending, out of date, failed with
 * the tools' real error messages, excluded, never synced), help-desk ids on tickets, and scores for every contact.
 * Used by the sandbox (`npm start`) and by tests. Deterministic for a given portal.
 */

export const DEMO_SYNC_STATES = ['in_sync', 'pending', 'out_of_date', 'failed', 'excluded', 'never_synced'] as const;
export type DemoSyncState = (typeof DEMO_SYNC_STATES)[number];

/** Raw errors as the tools report them (the card explains them in plain language). */
const RAW_ERRORS: Record<string, readonly string[]> = {
  email_platform: [
    'Member Exists: jane@example.com is already a list member. Use PUT to insert or update list members.',
    'Invalid Resource: jane@example has signed up to a lot of lists very recently; we\'re not allowing more signups for now. Please enter a real email address. (looks fake or invalid)',
    'Forgotten Email Not Subscribed: This contact was permanently deleted and cannot be re-imported.',
  ],
  spreadsheet: [
    "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'.",
    'The caller does not have permission (PERMISSION_DENIED): the sheet was unshared from the sync account.',
  ],
  help_desk: [
    '422 Unprocessable Entity: RecordInvalid - Email: jane@example.com is already being used by another user',
    'User is suspended: cannot update a suspended end user.',
  ],
  other: ['Timed out after 30 s waiting for the destination.'],
};

const EXCLUDED_REASONS: Record<string, string> = {
  email_platform: 'Unsubscribed from all marketing email',
  spreadsheet: 'Not in the "Active customers" view',
  help_desk: 'Internal test record',
  other: 'Excluded by a filter of the sync tool',
};

/** Which state record `index` shows for destination `destinationIndex`: the first records cycle through every state. */
export function demoSyncState(index: number, destinationIndex: number): DemoSyncState {
  if (index < 48) return DEMO_SYNC_STATES[(index + destinationIndex) % DEMO_SYNC_STATES.length] as DemoSyncState;
  return index % 9 === 0 ? 'never_synced' : 'in_sync';
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The sync properties that put a record of `objectType` in `state` for `destination` (the property contract). */
export function syncStateProperties(destination: Destination, objectType: 'contacts' | 'companies', recordId: string, state: DemoSyncState, now: number, variant: number): Record<string, string> {
  const n = syncPropertyNames(destination.id);
  const hour = 3_600_000;
  const externalId = destination.kind === 'help_desk' ? `${objectType === 'contacts' ? 'U' : 'O'}${recordId}` : `${destination.id}-${recordId}`;
  const errors = RAW_ERRORS[destination.kind] ?? RAW_ERRORS.other ?? [];
  switch (state) {
    case 'in_sync':
      return { [n.status]: 'synced', [n.lastSyncedAt]: iso(now - 20 * 60_000), [n.externalId]: externalId };
    case 'pending':
      // A rep asked for a resync after the last sync. The status is left as the tool last wrote it (not written
      // here): a status written now would count as the tool's answer to the request.
      return { [n.lastSyncedAt]: iso(now - 5 * hour), [n.requestedAt]: iso(now - 2 * 60_000), [n.externalId]: externalId };
    case 'out_of_date':
      // A synced property changes after this sync (see `outOfDateChange`).
      return { [n.status]: 'synced', [n.lastSyncedAt]: iso(now - 3 * 24 * hour), [n.externalId]: externalId };
    case 'failed':
      return { [n.status]: 'failed', [n.lastSyncedAt]: iso(now - 26 * hour), [n.error]: errors[variant % errors.length] ?? 'Unknown error', [n.externalId]: externalId };
    case 'excluded':
      return { [n.status]: 'excluded', [n.excludedReason]: EXCLUDED_REASONS[destination.kind] ?? 'Excluded' };
    case 'never_synced':
      return {};
  }
}

/** A change to a property the destination syncs, made after its last sync: what makes it "out of date". */
function outOfDateChange(destination: Destination, objectType: 'contacts' | 'companies', record: CrmRecord): Record<string, string> {
  const synced = destination.syncedProperties[objectType];
  if (synced.includes('jobtitle')) return { jobtitle: `${record.properties.jobtitle ?? 'Analyst'} (updated)` };
  if (synced.includes('phone')) return { phone: '+1 555 0100' };
  if (synced.includes('lastname')) return { lastname: `${record.properties.lastname ?? 'Doe'}-Smith` };
  if (synced.includes('name')) return { name: `${record.properties.name ?? 'Company'} Group` };
  return {};
}

/** The first `count` records by id. */
async function firstRecords(crm: CrmPort, objectType: string, count: number, properties: string[]): Promise<Result<CrmRecord[], WorkflowError>> {
  const out: CrmRecord[] = [];
  for await (const page of crm.searchAll(objectType, { properties })) {
    if (!page.ok) return page;
    out.push(...page.value.records);
    if (out.length >= count) break;
  }
  return ok(out.slice(0, count));
}

export interface DemoLoadReport {
  readonly properties: number;
  readonly syncStates: Readonly<Record<DemoSyncState, number>>;
  readonly ticketsWithHelpDeskId: number;
  readonly scored: number;
}

export async function loadDemoData(
  crm: CrmPort,
  config: LeadOpsConfig,
  options: { readonly now?: () => Date; readonly contacts?: number; readonly companies?: number; readonly score?: boolean } = {},
): Promise<Result<DemoLoadReport, WorkflowError>> {
  const now = options.now ?? (() => new Date());
  const setup = await runSetup(crm, config);
  const setupError = setup.errors[0];
  if (setupError) return { ok: false, error: setupError };
  const counts = Object.fromEntries(DEMO_SYNC_STATES.map((s) => [s, 0])) as Record<DemoSyncState, number>;

  for (const objectType of ['contacts', 'companies'] as const) {
    const destinations = config.sync.destinations.filter((d) => d.objectTypes.includes(objectType));
    if (destinations.length === 0) continue;
    const records = await firstRecords(crm, objectType, objectType === 'contacts' ? (options.contacts ?? 400) : (options.companies ?? 120), [
      'jobtitle',
      'lastname',
      'name',
    ]);
    if (!records.ok) return records;
    const at = now().getTime();
    const first: { id: string; properties: Record<string, string> }[] = [];
    const later: { id: string; properties: Record<string, string> }[] = [];
    records.value.forEach((record, index) => {
      const props: Record<string, string> = {};
      const change: Record<string, string> = {};
      destinations.forEach((d, di) => {
        const state = demoSyncState(index, di + (objectType === 'companies' ? 1 : 0));
        counts[state]++;
        Object.assign(props, syncStateProperties(d, objectType, record.id, state, at, index + di));
        if (state === 'out_of_date') Object.assign(change, outOfDateChange(d, objectType, record));
      });
      if (Object.keys(props).length > 0) first.push({ id: record.id, properties: props });
      if (Object.keys(change).length > 0) later.push({ id: record.id, properties: change });
    });
    for (const batch of [first, later]) {
      if (batch.length === 0) continue;
      const written = await crm.batchUpdate(objectType, batch);
      if (!written.ok) return written;
      const failure = written.value.failures[0];
      if (failure) return { ok: false, error: failure.error };
    }
  }

  const idProperty = config.support.helpDesk?.externalIdProperty;
  let ticketsWithHelpDeskId = 0;
  if (idProperty) {
    const tickets = await firstRecords(crm, 'tickets', 300, []);
    if (!tickets.ok) return tickets;
    const updates = tickets.value.filter((_, i) => i % 2 === 0).map((t) => ({ id: t.id, properties: { [idProperty]: String(40_000 + Number(t.id) % 100_000) } }));
    if (updates.length > 0) {
      const written = await crm.batchUpdate('tickets', updates);
      if (!written.ok) return written;
      ticketsWithHelpDeskId = updates.length - written.value.failures.length;
    }
  }

  let scored = 0;
  if (options.score !== false) {
    const r = await rescore({ crm, model: compileModel(config.scoring), now }, {});
    if (!r.ok) return r;
    scored = r.value.scored + r.value.unscorable;
  }
  return ok({ properties: setup.created + setup.existing, syncStates: counts, ticketsWithHelpDeskId, scored });
}
