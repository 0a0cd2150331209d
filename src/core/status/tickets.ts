import type { SupportConfig } from './config-schema';
import { DAY_MS, HOUR_MS, instantOf, toIso, valueOf, type Owner, type Pipeline, type TicketRecord } from './records';
import { deriveSla, type SlaResult } from './sla';

/** One ticket as the card shows it. Same shape as `TicketView` in the cards' contract. */
export interface TicketItem {
  readonly id: string;
  readonly subject: string;
  readonly pipeline: string;
  readonly stage: string;
  readonly isClosed: boolean;
  readonly priority: string | null;
  readonly owner: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Hours since the ticket was created (open or closed), one decimal. */
  readonly ageHours: number;
  readonly sla: SlaResult;
  readonly via: 'record' | 'company';
  readonly externalId: string | null;
  readonly externalUrl: string | null;
}

/** Same shape as `TicketSummaryView` in the cards' contract. */
export interface TicketSummary {
  readonly counts: { readonly open: number; readonly breached: number; readonly closedLast30Days: number };
  readonly items: readonly TicketItem[];
  readonly more: number;
  readonly countsArePartial: boolean;
  /** How many tickets the counts cover (the page HubSpot returned, without repeats). */
  readonly countedTickets: number;
  readonly total: number;
}

export interface TicketSummaryOptions {
  /** HubSpot's `total` for the search: how many tickets matched, of which `tickets` is the first page. */
  readonly total: number;
  /** The record the card is on; for companies every ticket is on the record itself. Default contacts. */
  readonly objectType?: 'contacts' | 'companies';
  /**
   * Ids of the tickets associated with the record itself (e.g. from reading the record with
   * `associations=tickets`). The others came from the contact's primary company. Omitted: every ticket counts as
   * on the record, since the search answer does not say which filter group matched.
   */
  readonly recordTicketIds?: readonly string[] | null;
}

function ownerName(id: string | null, owners: readonly Owner[]): string | null {
  if (id === null) return null;
  const o = owners.find((x) => x.id === id);
  if (!o) return `Owner ${id}`;
  const name = [o.firstName, o.lastName].map((s) => (s ?? '').trim()).filter((s) => s !== '').join(' ');
  if (name !== '') return name;
  const email = (o.email ?? '').trim();
  return email !== '' ? email : `Owner ${id}`;
}

const compareIds = (a: string, b: string): number => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

interface Classified {
  readonly item: TicketItem;
  readonly createdMs: number;
  readonly closedMs: number | null;
}

/**
 * The ticket summary for a record: counts (open, breached, closed within `recentlyClosedDays`), the newest
 * `maxTickets` tickets with stage labels, owner names and SLA state, and how many more matched. A ticket is closed
 * when its pipeline stage's `metadata.ticketState` is one of `closedTicketStates` (with an unknown stage, when it
 * has a close date). When HubSpot's `total` is larger than the page, the counts cover only the page and
 * `countsArePartial` says so.
 */
export function deriveTicketSummary(
  tickets: readonly TicketRecord[],
  pipelines: readonly Pipeline[],
  owners: readonly Owner[],
  now: Date,
  support: SupportConfig,
  options: TicketSummaryOptions,
): TicketSummary {
  const nowMs = now.getTime();
  const closedStates = support.closedTicketStates.map((s) => s.toUpperCase());
  const recordIds = options.recordTicketIds ? new Set(options.recordTicketIds) : null;
  const objectType = options.objectType ?? 'contacts';
  const helpDesk = support.helpDesk;

  // A ticket can only appear once (a repeated id would be counted twice).
  const unique = [...new Map(tickets.map((t) => [t.id, t] as const)).values()];
  const classified: Classified[] = unique.map((t) => {
    const p = t.properties;
    const createdMs = instantOf(p.createdate) ?? instantOf(t.createdAt) ?? nowMs;
    const updatedMs = instantOf(p.hs_lastmodifieddate) ?? instantOf(t.updatedAt) ?? createdMs;
    const pipelineId = valueOf(p, 'hs_pipeline');
    const stageId = valueOf(p, 'hs_pipeline_stage');
    const pipeline = pipelines.find((x) => x.id === pipelineId) ?? (pipelineId === null && pipelines.length === 1 ? pipelines[0] : undefined);
    const stage = stageId === null ? undefined : (pipeline?.stages ?? pipelines.flatMap((x) => x.stages)).find((s) => s.id === stageId);
    const closeDateMs = instantOf(p[support.closedDateProperty]);
    const isClosed = stage ? closedStates.includes((stage.metadata?.ticketState ?? '').toUpperCase()) : closeDateMs !== null;
    const closedMs = isClosed ? (closeDateMs ?? updatedMs) : null;
    const priority = valueOf(p, 'hs_ticket_priority');
    const sla = deriveSla(
      { priority, isClosed, createdAt: createdMs, closedAt: closedMs, closedAtEstimated: isClosed && closeDateMs === null },
      now,
      support,
    );
    const externalId = helpDesk ? valueOf(p, helpDesk.externalIdProperty) : null;
    const externalUrl =
      externalId !== null && helpDesk?.linkTemplate ? helpDesk.linkTemplate.split('{id}').join(encodeURIComponent(externalId)) : null;
    const subject = valueOf(p, 'subject');
    const item: TicketItem = {
      id: t.id,
      // The subject is data: never trimmed, escaped or shortened beyond dropping an all-blank value.
      subject: subject === null ? '(no subject)' : (p.subject ?? ''),
      pipeline: pipeline?.label ?? (pipelineId === null ? 'No pipeline' : `Unknown pipeline ${pipelineId}`),
      stage: stage?.label ?? (stageId === null ? 'No stage' : `Unknown stage ${stageId}`),
      isClosed,
      priority,
      owner: ownerName(valueOf(p, 'hubspot_owner_id'), owners),
      createdAt: toIso(createdMs),
      updatedAt: toIso(updatedMs),
      ageHours: Math.round((Math.max(0, nowMs - createdMs) / HOUR_MS) * 10) / 10,
      sla,
      via: objectType === 'companies' || recordIds === null || recordIds.has(t.id) ? 'record' : 'company',
      externalId,
      externalUrl,
    };
    return { item, createdMs, closedMs };
  });

  const windowStart = nowMs - support.recentlyClosedDays * DAY_MS;
  const counts = {
    open: classified.filter((c) => !c.item.isClosed).length,
    breached: classified.filter((c) => !c.item.isClosed && c.item.sla.state === 'breached').length,
    closedLast30Days: classified.filter((c) => c.item.isClosed && c.closedMs !== null && c.closedMs >= windowStart).length,
  };
  const sorted = [...classified].sort((a, b) => b.createdMs - a.createdMs || compareIds(b.item.id, a.item.id));
  const items = sorted.slice(0, support.maxTickets).map((c) => c.item);
  const total = Math.max(options.total, unique.length);
  return { counts, items, more: total - items.length, countsArePartial: total > unique.length, countedTickets: unique.length, total };
}
