import type { DestinationStatusView, RecordStatusView, TicketSummaryView, WireError } from '../../app/cards/shared/contracts';
import type { WorkflowError } from '../errors';
import { toWireError } from './wire-error';
import type { Result } from '../../core/result';
import type { StatusConfig } from '../../core/status/config-schema';
import type { Owner, Pipeline, StatusRecord, TicketRecord } from '../../core/status/records';
import { deriveSyncStatus, type SyncStatus } from '../../core/status/sync-status';
import { deriveTicketSummary, type TicketSummary } from '../../core/status/tickets';

/** Search is eventually consistent: the card says so rather than hiding it (docs/decisions.md). */
export const SEARCH_LAG_NOTE =
  'Tickets come from HubSpot search, which can lag a few seconds behind changes: a ticket created or updated just now may not show yet. Refresh in a moment.';

/** One HubSpot read: its value, or the error the client layer mapped it to. */
export type Loaded<T> = Result<T, WorkflowError>;

/** Everything `record_status` read, each part loaded (or not) on its own; the four reads run concurrently. */
export interface RecordStatusInput {
  readonly objectType: 'contacts' | 'companies';
  readonly objectId: string;
  readonly now: Date;
  readonly config: StatusConfig;
  /** The tickets search: the first page and HubSpot's `total`. */
  readonly tickets: Loaded<{ readonly results: readonly TicketRecord[]; readonly total: number }>;
  readonly pipelines: Loaded<readonly Pipeline[]>;
  readonly owners: Loaded<readonly Owner[]>;
  /** The record with the sync properties and the history of the synced ones (see `syncReadRequest`). */
  readonly record: Loaded<StatusRecord>;
  /**
   * Ids of tickets associated with the record itself (see `TicketSummaryOptions.recordTicketIds`). Defaults to the
   * record's `associations.tickets` when it was read with them.
   */
  readonly recordTicketIds?: readonly string[] | null;
}

export function toTicketSummaryView(summary: TicketSummary): TicketSummaryView {
  // Built as a value first: `countedTickets` is an additive contract field, so this compiles with or without it.
  const view = {
    counts: { ...summary.counts },
    items: summary.items.map((t) => ({
      id: t.id,
      subject: t.subject,
      pipeline: t.pipeline,
      stage: t.stage,
      isClosed: t.isClosed,
      priority: t.priority,
      owner: t.owner,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      ageHours: t.ageHours,
      sla: { state: t.sla.state, thresholdHours: t.sla.thresholdHours, detail: t.sla.detail },
      via: t.via,
      externalId: t.externalId,
      externalUrl: t.externalUrl,
    })),
    more: summary.more,
    countsArePartial: summary.countsArePartial,
    countedTickets: summary.countedTickets,
    total: summary.total,
  };
  return view;
}

export function toDestinationStatusView(s: SyncStatus): DestinationStatusView {
  return {
    id: s.destinationId,
    name: s.name,
    kind: s.kind,
    state: s.state,
    summary: s.summary,
    lastSyncedAt: s.lastSyncedAt,
    error: s.error ? { plain: s.error.plain, raw: s.error.raw } : null,
    excludedReason: s.excludedReason,
    resyncRequestedAt: s.resyncRequestedAt,
    link: s.link,
  };
}

function recordTicketIdsOf(input: RecordStatusInput): readonly string[] | null {
  if (input.recordTicketIds !== undefined && input.recordTicketIds !== null) return input.recordTicketIds;
  const tickets = input.record.ok ? input.record.value.associations?.tickets : undefined;
  return tickets ? tickets.map((t) => t.id) : null;
}

/** A detail failed while the part still shows: the message says what is missing, then why. */
const degraded = (error: WorkflowError, what: string): WireError => ({ ...toWireError(error), message: `${what} ${error.message}` });

/**
 * The card's view of a record's support and sync status. Each part stands on its own: tickets without the sync
 * state (the record read failed) and the sync state without tickets (the search failed) are both answers, with
 * `problems` saying what did not load. Stage labels and owner names are extras: when their read failed the tickets
 * still show (stages by id, open/closed from the close date, owners by id) and a `tickets` problem says so.
 */
export function toRecordStatusView(input: RecordStatusInput): RecordStatusView {
  const { config, now } = input;
  const problems: { part: 'tickets' | 'sync'; error: WireError }[] = [];

  let tickets: TicketSummaryView | null = null;
  if (input.tickets.ok) {
    if (!input.pipelines.ok) {
      problems.push({
        part: 'tickets',
        error: degraded(input.pipelines.error, 'Ticket stages could not be loaded, so stages show their ids and open/closed comes from the close date.'),
      });
    }
    if (!input.owners.ok) {
      problems.push({ part: 'tickets', error: degraded(input.owners.error, 'Ticket owners could not be loaded, so owners show their ids.') });
    }
    const summary = deriveTicketSummary(
      input.tickets.value.results,
      input.pipelines.ok ? input.pipelines.value : [],
      input.owners.ok ? input.owners.value : [],
      now,
      config.support,
      { total: input.tickets.value.total, objectType: input.objectType, recordTicketIds: recordTicketIdsOf(input) },
    );
    tickets = toTicketSummaryView(summary);
  } else {
    problems.push({ part: 'tickets', error: toWireError(input.tickets.error) });
  }

  let sync: DestinationStatusView[] | null = null;
  if (input.record.ok) {
    const record = input.record.value;
    sync = config.sync.destinations
      .filter((d) => d.objectTypes.includes(input.objectType))
      .map((d) => toDestinationStatusView(deriveSyncStatus(d, { ...record, objectType: input.objectType }, now)));
  } else {
    problems.push({ part: 'sync', error: toWireError(input.record.error) });
  }

  return {
    objectType: input.objectType,
    objectId: input.objectId,
    tickets,
    sync,
    problems,
    searchLagNote: SEARCH_LAG_NOTE,
    generatedAt: now.toISOString(),
  };
}
