import type { LeadOpsConfig } from '../core/config/schema';
import { ok, type Result } from '../core/result';
import { connectorOf, connectorProperties, requesterProperties, syncPropertyNames, type Destination, type SyncObjectType, type ZendeskSettings } from '../core/status';
import { syncOutcomeWrite, syncRecordReadRequest, syncWorkFor } from '../core/status/sync-plan';
import type { AssociatedRecord, DestinationFailure, SyncConnector, SyncOutcome } from '../connectors/connector';
import { compareIds, type CrmPort, type CrmRecord, type SearchFilter } from '../hubspot';
import { changedSinceRequest } from './changed-since';
import { createConnector } from './destinations';
import type { WorkflowError } from './errors';
import type { SyncAccess } from './sync';
import { resultOf, toStatusRecord, toSyncRecord } from './sync-records';

/**
 * The sweep's sync step, for the destinations the project syncs itself (a `connector` in the configuration). It
 * keeps no state of its own: what is left to do is on the records (the six sync properties), so a run that was
 * stopped is finished by the next one, and a second run right after writes nothing, to HubSpot or to a destination.
 *
 * Per object type (companies first, so a contact's organization exists in a help desk) it considers:
 *   - the records created or changed in the window (`since`), judged from the history of the properties each
 *     destination syncs, exactly as the card judges "out of date" (our own writes are not news);
 *   - per destination, records left `pending` and records with an outstanding Retry sync, whatever their age;
 *   - with `backfill`, up to that many records never sent to the destination.
 * Records go in pages of 100: one batch read (with history), each destination's batch push (the connector paces
 * itself by the destination's limits), one batch update of what changed.
 *
 * Besides, a destination where people leave on their own (Mailchimp) is read for the unsubscribes and bounces of the
 * window, which come back as `excluded` with the reason; and HubSpot tickets of a help desk's pipelines without the
 * help desk's id (created or changed in the window, or with `backfill`) become help-desk tickets once, their id
 * written on the HubSpot ticket. A problem of a whole destination (a refused credential) is reported once and the
 * destination is left alone for the rest of the run; its records keep their state for the next run.
 */

export interface SyncSweepOptions {
  /** Epoch ms: the window's start. */
  readonly since: number;
  /** Decide and count; send and write nothing. */
  readonly dryRun: boolean;
  /** Records never sent to a destination (and help-desk tickets without an id) taken up per run besides the window. */
  readonly backfill?: number;
  readonly signal?: AbortSignal;
  /** Records the caller already found changed in the window (the sweep's own search): not searched again. */
  readonly changed?: Partial<Record<SyncObjectType, ReadonlySet<string>>>;
}

export type OutcomeCounts = Record<SyncOutcome['state'], number>;

export interface TicketSweep {
  /** HubSpot tickets without the help desk's id that were considered. */
  considered: number;
  /** Help-desk tickets this run created. */
  created: number;
  /** HubSpot tickets given the help desk's id. */
  linked: number;
  failed: number;
  pending: number;
}

export interface DestinationSweep {
  readonly id: string;
  readonly name: string;
  /** Records judged for the destination. */
  considered: number;
  /** Records handed to the destination (in a dry run: that would be). */
  sent: number;
  readonly outcomes: OutcomeCounts;
  /** Records written in HubSpot for this destination. */
  written: number;
  /** Exclusions read back from the destination and written on their records. */
  readBack: number;
  tickets: TicketSweep | null;
  /** The destination's own failure, once (a refused credential, a missing secret). */
  problem: string | null;
}

export interface SyncSweepSummary {
  readonly destinations: readonly DestinationSweep[];
  /** Records of any type written in HubSpot. */
  readonly hubspotWrites: number;
  readonly completed: boolean;
  readonly failures: readonly { readonly objectType: string; readonly id: string; readonly destinationId: string; readonly message: string }[];
}

export interface SyncSweepDeps {
  readonly crm: CrmPort;
  readonly config: LeadOpsConfig;
  readonly now: () => Date;
  readonly sync: SyncAccess;
}

const PAGE = 100;
/** HubSpot's IN filter takes at most 100 values. */
const IN_MAX = 100;

interface Target {
  readonly destination: Destination;
  readonly counts: DestinationSweep;
  connector: SyncConnector | null;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export async function syncSweep(deps: SyncSweepDeps, options: SyncSweepOptions): Promise<Result<SyncSweepSummary, WorkflowError>> {
  const run = new SyncRun(deps, options);
  const done = await run.all();
  return done.ok ? ok(run.summary()) : done;
}

class SyncRun {
  private readonly targets: Target[];
  private readonly failures: { objectType: string; id: string; destinationId: string; message: string }[] = [];
  private hubspotWrites = 0;
  private stopped = false;

  constructor(
    private readonly deps: SyncSweepDeps,
    private readonly options: SyncSweepOptions,
  ) {
    this.targets = deps.config.sync.destinations
      .filter((d) => connectorOf(d) !== null)
      .map((destination) => {
        const counts: DestinationSweep = {
          id: destination.id,
          name: destination.name,
          considered: 0,
          sent: 0,
          outcomes: { in_sync: 0, excluded: 0, failed: 0, pending: 0 },
          written: 0,
          readBack: 0,
          tickets: null,
          problem: null,
        };
        const connector = createConnector(destination, deps.sync.access, deps.sync.runtime);
        if (!connector.ok) counts.problem = connector.error.message;
        return { destination, counts, connector: connector.ok ? connector.value : null };
      });
  }

  summary(): SyncSweepSummary {
    return { destinations: this.targets.map((t) => t.counts), hubspotWrites: this.hubspotWrites, completed: !this.stopped, failures: this.failures.slice(0, 100) };
  }

  private get aborted(): boolean {
    if (this.options.signal?.aborted) this.stopped = true;
    return this.stopped;
  }

  /** The destination's failure: reported once, and nothing more is sent there in this run. */
  private fail(target: Target, failure: DestinationFailure): void {
    target.counts.problem ??= failure.message;
    if (!failure.retryable) target.connector = null;
  }

  async all(): Promise<Result<true, WorkflowError>> {
    for (const target of this.targets) {
      const readBack = await this.readBack(target);
      if (!readBack.ok) return readBack;
    }
    for (const objectType of ['companies', 'contacts'] as const) {
      if (this.aborted) return ok(true);
      const r = await this.records(objectType);
      if (!r.ok) return r;
    }
    for (const target of this.targets) {
      if (this.aborted) return ok(true);
      const r = await this.tickets(target);
      if (!r.ok) return r;
    }
    return ok(true);
  }

  /** Every id a search finds (keyset pages), at most `limit`. */
  private async ids(objectType: string, request: { filterGroups: { filters: SearchFilter[] }[] }, limit = Infinity): Promise<Result<string[], WorkflowError>> {
    const out: string[] = [];
    if (limit <= 0) return ok(out);
    for await (const page of this.deps.crm.searchAll(objectType, { ...request, properties: [] }, { pageSize: 200 })) {
      if (!page.ok) return page;
      out.push(...page.value.records.map((r) => r.id));
      if (out.length >= limit) return ok(out.slice(0, limit));
    }
    return ok(out);
  }

  // ---- contacts and companies ------------------------------------------------------------------------------------

  private async records(objectType: SyncObjectType): Promise<Result<true, WorkflowError>> {
    const targets = this.targets.filter((t) => t.destination.objectTypes.includes(objectType) && t.connector !== null);
    if (targets.length === 0) return ok(true);
    const found = new Set<string>();
    const known = this.options.changed?.[objectType];
    if (known) known.forEach((id) => found.add(id));
    else {
      const changed = await this.ids(objectType, changedSinceRequest(objectType, this.options.since, []));
      if (!changed.ok) return changed;
      changed.value.forEach((id) => found.add(id));
    }
    for (const t of targets) {
      const n = syncPropertyNames(t.destination.id);
      const outstanding = await this.ids(objectType, {
        filterGroups: [
          { filters: [{ propertyName: n.status, operator: 'EQ', value: 'pending' }] },
          { filters: [{ propertyName: n.requestedAt, operator: 'HAS_PROPERTY' }] },
        ],
      });
      if (!outstanding.ok) return outstanding;
      outstanding.value.forEach((id) => found.add(id));
      const backfill = await this.ids(objectType, { filterGroups: [{ filters: [{ propertyName: n.status, operator: 'NOT_HAS_PROPERTY' }] }] }, this.options.backfill ?? 0);
      if (!backfill.ok) return backfill;
      backfill.value.forEach((id) => found.add(id));
    }

    const read = syncRecordReadRequest(objectType, targets.map((t) => t.destination));
    for (const page of chunks([...found].sort(compareIds), PAGE)) {
      if (this.aborted) return ok(true);
      // The values sent are those read now: a change after this instant is out of date at the next run.
      const syncedAt = this.deps.now();
      const batch = await this.deps.crm.batchRead(objectType, page, { properties: read.properties, propertiesWithHistory: read.propertiesWithHistory });
      if (!batch.ok) return batch;
      let records: readonly CrmRecord[] = batch.value.records;
      if (read.associations.length > 0 && records.length > 0) {
        const linked = await this.deps.crm.batchAssociatedIds(objectType, 'companies', records.map((r) => r.id));
        if (!linked.ok) return linked;
        records = records.map((r) => ({ ...r, associations: { ...r.associations, companies: linked.value.get(r.id) ?? [] } }));
      }
      const writes = new Map<string, Record<string, string>>();
      for (const target of targets) {
        const connector = target.connector;
        if (!connector) continue;
        const d = target.destination;
        const due = records.filter((r) => syncWorkFor(d, toStatusRecord(objectType, r), syncedAt).push);
        target.counts.considered += records.length;
        target.counts.sent += due.length;
        if (due.length === 0 || this.options.dryRun) continue;
        const pushed = await connector.pushBatch(due.map((r) => toSyncRecord(objectType, r, d.id)));
        if (!pushed.ok) {
          target.counts.sent -= due.length;
          this.fail(target, pushed.error);
          continue;
        }
        pushed.value.forEach((outcome, i) => {
          const record = due[i] as CrmRecord;
          target.counts.outcomes[outcome.state]++;
          if (outcome.state === 'failed') this.failures.push({ objectType, id: record.id, destinationId: d.id, message: outcome.error.plain });
          const properties = syncOutcomeWrite(d, toStatusRecord(objectType, record), resultOf(outcome), syncedAt);
          if (!properties) return;
          target.counts.written++;
          writes.set(record.id, { ...writes.get(record.id), ...properties });
        });
      }
      const w = await this.write(objectType, writes);
      if (!w.ok) return w;
    }
    return ok(true);
  }

  private async write(objectType: string, writes: ReadonlyMap<string, Record<string, string>>): Promise<Result<true, WorkflowError>> {
    if (writes.size === 0 || this.options.dryRun) return ok(true);
    const r = await this.deps.crm.batchUpdate(objectType, [...writes].map(([id, properties]) => ({ id, properties })));
    if (!r.ok) return r;
    this.hubspotWrites += r.value.records.length;
    for (const f of r.value.failures) for (const id of f.ids) this.failures.push({ objectType, id, destinationId: '', message: f.error.message });
    return ok(true);
  }

  // ---- exclusions made in the destination ------------------------------------------------------------------------

  private async readBack(target: Target): Promise<Result<true, WorkflowError>> {
    const connector = target.connector;
    const d = target.destination;
    if (!connector?.exclusionsSince || !d.objectTypes.includes('contacts')) return ok(true);
    const excluded = await connector.exclusionsSince(this.options.since);
    if (!excluded.ok) {
      this.fail(target, excluded.error);
      return ok(true);
    }
    const reasons = new Map(excluded.value.map((e) => [e.externalId, e]));
    const n = syncPropertyNames(d.id);
    const read = syncRecordReadRequest('contacts', [d]);
    for (const hashes of chunks([...reasons.keys()], IN_MAX)) {
      const ids = await this.ids('contacts', { filterGroups: [{ filters: [{ propertyName: n.externalId, operator: 'IN', values: hashes }] }] });
      if (!ids.ok) return ids;
      for (const page of chunks(ids.value, PAGE)) {
        const syncedAt = this.deps.now();
        const batch = await this.deps.crm.batchRead('contacts', page, { properties: read.properties, propertiesWithHistory: read.propertiesWithHistory });
        if (!batch.ok) return batch;
        const writes = new Map<string, Record<string, string>>();
        for (const r of batch.value.records) {
          const exclusion = reasons.get((r.properties[n.externalId] ?? '').trim());
          if (!exclusion) continue;
          const properties = syncOutcomeWrite(d, toStatusRecord('contacts', r), { state: 'excluded', reason: exclusion.reason, externalId: exclusion.externalId }, syncedAt);
          if (properties) writes.set(r.id, properties);
        }
        target.counts.readBack += writes.size;
        target.counts.written += writes.size;
        const w = await this.write('contacts', writes);
        if (!w.ok) return w;
      }
    }
    return ok(true);
  }

  // ---- HubSpot tickets → help-desk tickets -----------------------------------------------------------------------

  private async tickets(target: Target): Promise<Result<true, WorkflowError>> {
    const settings = connectorOf(target.destination);
    const idProperty = this.deps.config.support.helpDesk?.externalIdProperty;
    if (settings?.type !== 'zendesk' || !settings.tickets || !idProperty || !target.connector) return ok(true);
    const counts: TicketSweep = { considered: 0, created: 0, linked: 0, failed: 0, pending: 0 };
    target.counts.tickets = counts;
    const unlinked: SearchFilter[] = [
      { propertyName: 'hs_pipeline', operator: 'IN', values: settings.tickets.pipelines },
      { propertyName: idProperty, operator: 'NOT_HAS_PROPERTY' },
    ];
    const changed = await this.ids('tickets', changedSinceRequest('tickets', this.options.since, [], unlinked));
    if (!changed.ok) return changed;
    const backfill = await this.ids('tickets', { filterGroups: [{ filters: unlinked }] }, this.options.backfill ?? 0);
    if (!backfill.ok) return backfill;
    const ids = [...new Set([...changed.value, ...backfill.value])].sort(compareIds);
    for (const page of chunks(ids, PAGE)) {
      if (this.aborted || !target.connector) return ok(true);
      const r = await this.ticketPage(target, target.connector, settings, idProperty, page, counts);
      if (!r.ok) return r;
    }
    return ok(true);
  }

  private async ticketPage(target: Target, connector: SyncConnector, settings: ZendeskSettings, idProperty: string, ids: readonly string[], counts: TicketSweep): Promise<Result<true, WorkflowError>> {
    const { crm } = this.deps;
    // Read again (search lags): a ticket linked a moment ago is not sent twice.
    const read = await crm.batchRead('tickets', ids, { properties: [...connectorProperties(settings, 'tickets'), idProperty] });
    if (!read.ok) return read;
    const tickets = read.value.records.filter((t) => (t.properties[idProperty] ?? '').trim() === '');
    counts.considered += tickets.length;
    if (tickets.length === 0 || this.options.dryRun) return ok(true);
    const requesters = await this.requesters(settings, tickets.map((t) => t.id));
    if (!requesters.ok) return requesters;
    const pushed = await connector.pushBatch(tickets.map((t) => toSyncRecord('tickets', t, null, requesters.value.get(t.id))));
    if (!pushed.ok) {
      this.fail(target, pushed.error);
      return ok(true);
    }
    const writes = new Map<string, Record<string, string>>();
    pushed.value.forEach((outcome, i) => {
      const ticket = tickets[i] as CrmRecord;
      if (outcome.state === 'in_sync') {
        if (outcome.written) counts.created++;
        writes.set(ticket.id, { [idProperty]: outcome.externalId });
      } else if (outcome.state === 'failed' && !outcome.retryable) {
        counts.failed++;
        this.failures.push({ objectType: 'tickets', id: ticket.id, destinationId: target.destination.id, message: outcome.error.plain });
      } else if (outcome.state !== 'excluded') counts.pending++;
    });
    counts.linked += writes.size;
    return this.write('tickets', writes);
  }

  /** Each ticket's first contact with the properties a help desk's requester needs (1 association read, 1 batch read per 100). */
  private async requesters(settings: ZendeskSettings, ticketIds: readonly string[]): Promise<Result<Map<string, AssociatedRecord[]>, WorkflowError>> {
    const { crm } = this.deps;
    const linked = await crm.batchAssociatedIds('tickets', 'contacts', ticketIds);
    if (!linked.ok) return linked;
    const first = new Map<string, string>();
    for (const id of ticketIds) {
      const refs = [...(linked.value.get(id) ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary) || compareIds(a.id, b.id));
      if (refs[0]) first.set(id, refs[0].id);
    }
    const contacts = new Map<string, CrmRecord>();
    if (first.size > 0) {
      const read = await crm.batchRead('contacts', [...new Set(first.values())], { properties: requesterProperties(settings) });
      if (!read.ok) return read;
      for (const c of read.value.records) contacts.set(c.id, c);
    }
    const out = new Map<string, AssociatedRecord[]>();
    for (const [ticketId, contactId] of first) {
      const c = contacts.get(contactId);
      if (c) out.set(ticketId, [{ id: c.id, properties: c.properties }]);
    }
    return ok(out);
  }
}
