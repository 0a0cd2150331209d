import type { SupportConfig } from './config-schema';
import { DAY_MS } from './records';

/** HubSpot CRM search limits (reference/hubspot-api.md §4): the body must stay inside them or HubSpot answers 400. */
export const SEARCH_LIMITS = { filterGroups: 5, filtersPerGroup: 6, filters: 18, pageSize: 200 } as const;

export type SearchOperator = 'EQ' | 'GTE' | 'NOT_HAS_PROPERTY';

export interface SearchFilter {
  readonly propertyName: string;
  readonly operator: SearchOperator;
  readonly value?: string;
}

/** The body of `POST /crm/v3/objects/tickets/search`. */
export interface TicketSearchBody {
  readonly filterGroups: readonly { readonly filters: readonly SearchFilter[] }[];
  readonly sorts: readonly { readonly propertyName: string; readonly direction: 'ASCENDING' | 'DESCENDING' }[];
  readonly properties: readonly string[];
  readonly limit: number;
}

/** The ticket properties the summary reads. */
export function ticketProperties(support: SupportConfig): string[] {
  const names = [
    'subject',
    'hs_pipeline',
    'hs_pipeline_stage',
    'hs_ticket_priority',
    'hubspot_owner_id',
    'createdate',
    'hs_lastmodifieddate',
    support.closedDateProperty,
  ];
  if (support.helpDesk) names.push(support.helpDesk.externalIdProperty);
  return [...new Set(names)];
}

/**
 * The one tickets search behind `record_status` (DECISIONS 3): tickets associated with the record, and for a contact
 * also those of its primary company, that are open (no close date) or closed within `recentlyClosedDays`; newest
 * first; one page of `maxTickets`. HubSpot's `total` then gives how many matched in all.
 *
 * Groups are ORed, filters inside a group ANDed: two groups per associated record ({associations.<type> = id, open}
 * and {associations.<type> = id, closed since the cutoff}), so at most 4 groups and 8 filters, inside HubSpot's
 * 5 groups / 6 per group / 18 in all. `associations.contact` and `associations.company` are HubSpot's pseudo
 * properties for "associated with". Dates are sent as epoch milliseconds, as HubSpot's examples do.
 */
export function ticketSearchRequest(
  objectType: 'contacts' | 'companies',
  objectId: string,
  companyId: string | null,
  now: Date,
  support: SupportConfig,
): TicketSearchBody {
  const cutoff = String(now.getTime() - support.recentlyClosedDays * DAY_MS);
  const targets: { propertyName: string; id: string }[] =
    objectType === 'companies'
      ? [{ propertyName: 'associations.company', id: objectId }]
      : [{ propertyName: 'associations.contact', id: objectId }];
  if (objectType === 'contacts' && companyId !== null && companyId.trim() !== '') {
    targets.push({ propertyName: 'associations.company', id: companyId.trim() });
  }
  const closed = support.closedDateProperty;
  const filterGroups = targets.flatMap(({ propertyName, id }) => [
    { filters: [{ propertyName, operator: 'EQ' as const, value: id }, { propertyName: closed, operator: 'NOT_HAS_PROPERTY' as const }] },
    { filters: [{ propertyName, operator: 'EQ' as const, value: id }, { propertyName: closed, operator: 'GTE' as const, value: cutoff }] },
  ]);
  return {
    filterGroups,
    sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
    properties: ticketProperties(support),
    limit: Math.min(support.maxTickets, SEARCH_LIMITS.pageSize),
  };
}

/** Problems of a search body against HubSpot's limits (empty when it fits); used by tests and the client layer. */
export function searchLimitProblems(body: Pick<TicketSearchBody, 'filterGroups' | 'sorts' | 'limit'>): string[] {
  const problems: string[] = [];
  if (body.filterGroups.length > SEARCH_LIMITS.filterGroups) problems.push(`${body.filterGroups.length} filter groups > ${SEARCH_LIMITS.filterGroups}`);
  body.filterGroups.forEach((g, i) => {
    if (g.filters.length > SEARCH_LIMITS.filtersPerGroup) problems.push(`group ${i}: ${g.filters.length} filters > ${SEARCH_LIMITS.filtersPerGroup}`);
  });
  const total = body.filterGroups.reduce((n, g) => n + g.filters.length, 0);
  if (total > SEARCH_LIMITS.filters) problems.push(`${total} filters > ${SEARCH_LIMITS.filters}`);
  if (body.sorts.length > 1) problems.push(`${body.sorts.length} sorts > 1`);
  if (body.limit < 1 || body.limit > SEARCH_LIMITS.pageSize) problems.push(`limit ${body.limit} outside 1..${SEARCH_LIMITS.pageSize}`);
  return problems;
}
