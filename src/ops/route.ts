import type { WireError } from '../app/cards/shared/contracts';
import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import {
  decideRoute,
  LoadCounter,
  planRoute,
  readRoutingState,
  recentAssignmentsFromSearch,
  recentAssignmentsSearchBody,
  routingPropertiesToRead,
  summarizeDistribution,
  toRunAssignment,
  type DistributionSummary,
  type RecentAssignment,
  type RoutingDecision,
} from '../core/routing';
import { crmApi, crmPortFor, type HubSpotClient } from '../hubspot';
import { keysetPageRequest, nextKeysetCursor, type SearchFilter } from '../hubspot/search';
import { applyRoutingDecision } from '../services/apply-routing';

/**
 * Routing many records at once (`lead-ops route`): the unowned contacts or companies (optionally only those
 * changed since a date), decided with the same engine as `assign_owner`. One owners call, one search of recent
 * assignments per team (then this run's own decisions are added, because search lags: DECISIONS 23), company
 * batch reads, and, unless it is a dry run, the same convergent write as the card's button for each record.
 */

export interface RouteRunOptions {
  readonly objectType: 'contacts' | 'companies';
  /** Only records modified since (epoch ms). */
  readonly since?: number;
  /** Include records that already have an owner (they are reported as already assigned, never changed). */
  readonly includeOwned?: boolean;
  readonly dryRun: boolean;
  readonly now: () => Date;
  /** Stop after this many records. */
  readonly limit?: number;
  readonly onProgress?: (p: { readonly done: number; readonly total: number; readonly applied: number }) => void;
  readonly signal?: AbortSignal;
}

export interface RouteRunSummary {
  readonly objectType: 'contacts' | 'companies';
  readonly dryRun: boolean;
  readonly considered: number;
  readonly applied: number;
  readonly failed: readonly { readonly id: string; readonly message: string }[];
  readonly distribution: DistributionSummary;
  readonly completed: boolean;
}

const PAGE = 200;

export async function routeMany(client: HubSpotClient, config: LeadOpsConfig, options: RouteRunOptions): Promise<Result<RouteRunSummary, WireError>> {
  const port = crmPortFor(client);
  const owners = await port.listOwners();
  if (!owners.ok) return owners;
  const toRead = routingPropertiesToRead(options.objectType, config.routing);
  const modified = options.objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
  const filters: SearchFilter[] = [
    ...(options.includeOwned ? [] : [{ propertyName: 'hubspot_owner_id', operator: 'NOT_HAS_PROPERTY' as const }]),
    ...(options.since !== undefined ? [{ propertyName: modified, operator: 'GTE' as const, value: String(options.since) }] : []),
  ];
  // One load counter per team search: the page is counted once and each decision of the run is added to every
  // counter as it is made, instead of handing each decision the whole growing list (quadratic in the run).
  const teamLoad = new Map<string, LoadCounter>();
  const run: RecentAssignment[] = [];
  const decisions: RoutingDecision[] = [];
  const failed: { id: string; message: string }[] = [];
  const companies = new Map<string, Readonly<Record<string, string | null>>>();
  let applied = 0;
  let done = 0;
  let total = 0;
  let lastId: string | null = null;

  for (let page = 0; ; page++) {
    if (options.signal?.aborted) break;
    const body = keysetPageRequest({ filterGroups: filters.length > 0 ? [{ filters }] : [], properties: toRead.record, limit: PAGE }, lastId, PAGE);
    if (!body.ok) return body;
    const found = await crmApi.search(client, options.objectType, body.value);
    if (!found.ok) return found;
    if (page === 0) total = options.limit !== undefined ? Math.min(options.limit, found.value.total) : found.value.total;
    const records = found.value.results;

    if (options.objectType === 'contacts' && toRead.company.length > 0) {
      const ids = [...new Set(records.map((r) => r.properties.associatedcompanyid?.trim() ?? '').filter((id) => id !== '' && !companies.has(id)))];
      if (ids.length > 0) {
        const read = await crmApi.batchRead(client, 'companies', ids, { properties: toRead.company });
        if (!read.ok) return read;
        for (const c of read.value.results) companies.set(c.id, c.properties);
        for (const id of ids) if (!companies.has(id)) companies.set(id, {});
      }
    }

    for (const r of records) {
      if (options.signal?.aborted || (options.limit !== undefined && done >= options.limit)) break;
      const now = options.now();
      const companyId = r.properties.associatedcompanyid?.trim() ?? '';
      const company = companyId ? companies.get(companyId) : undefined;
      const input = {
        objectType: options.objectType,
        recordId: r.id,
        record: r.properties,
        company: company && Object.keys(company).length > 0 ? company : null,
        owners: owners.value,
        now: now.getTime(),
      };
      const plan = planRoute(input, config.routing);
      if (!plan.ok) return err({ code: 'CONFIG', message: plan.error.message, retryable: false });
      let recent: LoadCounter | undefined;
      const query = plan.value.search;
      if (query) {
        const key = `${query.objectType}:${[...query.ownerIds].sort().join(',')}`;
        recent = teamLoad.get(key);
        if (!recent) {
          const s = await crmApi.search(client, query.objectType, recentAssignmentsSearchBody(query));
          if (!s.ok) return s;
          // A team searched late in the run starts with the run's decisions so far (DECISIONS 23).
          recent = new LoadCounter({ searched: recentAssignmentsFromSearch(s.value.results), searchedTotal: s.value.total, run }, config.routing);
          teamLoad.set(key, recent);
        }
      }
      const decided = decideRoute({ ...input, ...(recent ? { recent } : {}) }, config.routing);
      if (!decided.ok) return err({ code: 'CONFIG', message: decided.error.message, retryable: false });
      const decision = decided.value;
      decisions.push(decision);
      const row = toRunAssignment(decision);
      if (row) {
        run.push(row);
        for (const load of teamLoad.values()) load.addRun(row);
      }
      if (!options.dryRun && row) {
        const result = await applyRoutingDecision(port, decision, readRoutingState(r.properties), now);
        if (!result.ok) {
          if (result.error.code === 'DAILY_LIMIT' || result.error.code === 'AUTH_REJECTED' || result.error.code === 'MISSING_SCOPES') return result;
          failed.push({ id: r.id, message: result.error.message });
        } else if (result.value.written) applied++;
      }
      done++;
      options.onProgress?.({ done, total: Math.max(total, done), applied });
    }
    if (options.limit !== undefined && done >= options.limit) break;
    const next = nextKeysetCursor(records, PAGE);
    if (next === null) break;
    lastId = next;
  }
  return ok({
    objectType: options.objectType,
    dryRun: options.dryRun,
    considered: done,
    applied,
    failed,
    distribution: summarizeDistribution(decisions),
    completed: !options.signal?.aborted,
  });
}
