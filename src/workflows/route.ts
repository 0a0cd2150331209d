import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import {
  decideRoute,
  LoadCounter,
  normalizeTeamName,
  planRoute,
  readRoutingState,
  recentAssignmentsFromSearch,
  recentAssignmentsSearchBody,
  routingHistoryFrom,
  routingPropertiesToRead,
  summarizeDistribution,
  summarizeOwner,
  toRunAssignment,
  unknownOwner,
  ROUTING_PROPERTY_NAMES,
  type DistributionSummary,
  type OwnerSummary,
  type RecentAssignment,
  type RoutingDecision,
  type RoutingHistoryItem,
  type RoutingState,
} from '../core/routing';
import type { CrmPort, Owner, SearchFilter } from '../hubspot';
import { configError, isFatal, type WorkflowError } from './errors';
import { applyRouting, archiveLateDuplicates, type RoutingWriteOutcome } from './routing-write';
import { CompanyCache } from './score';

/**
 * Owner routing, the one routine behind every way a record gets an owner: the Owner Routing card
 * (`routeRecord`), a page of records from a sweep or a webhook (`routeRecords`), and `lead-ops route`
 * (`routeUnowned`). Each plans with the core (company size → tier → team), searches the team's recent assignments
 * once per run, decides, and applies through the one write routine (`routing-write.ts`).
 */

export type RoutedType = 'contacts' | 'companies';
type Props = Readonly<Record<string, string | null>>;

export interface RouteDeps {
  readonly crm: CrmPort;
  readonly config: LeadOpsConfig;
  readonly now: () => Date;
}

/**
 * What one routing run remembers: the owners (read once), each team's searched recent assignments, and the
 * decisions made so far, which the next decision counts although search does not show them yet (search lags).
 * A value the caller owns: one per card call, one per CLI run, sweep or webhook delivery.
 */
export class RoutingRun {
  private owners: Owner[] | null = null;
  private readonly teamLoad = new Map<string, LoadCounter>();
  private readonly made: RecentAssignment[] = [];
  readonly decisions: RoutingDecision[] = [];

  constructor(private readonly deps: RouteDeps) {}

  async ownersList(): Promise<Result<Owner[], WorkflowError>> {
    if (this.owners) return ok(this.owners);
    const owners = await this.deps.crm.listOwners();
    if (owners.ok) this.owners = owners.value;
    return owners;
  }

  /** Decides one record: at most one search of its team's recent assignments per run. */
  async decide(
    objectType: RoutedType,
    record: { readonly id: string; readonly properties: Props },
    company: Props | null,
    options: { readonly force?: boolean; readonly reason?: string | null; readonly now?: Date } = {},
  ): Promise<Result<RoutingDecision, WorkflowError>> {
    const owners = await this.ownersList();
    if (!owners.ok) return owners;
    const routing = this.deps.config.routing;
    const now = (options.now ?? this.deps.now()).getTime();
    const input = {
      objectType,
      recordId: record.id,
      record: record.properties,
      company: objectType === 'contacts' ? company : null,
      owners: owners.value,
      now,
      force: options.force ?? false,
      reason: options.reason ?? null,
    };
    const plan = planRoute(input, routing);
    if (!plan.ok) return err(plan.error.code === 'REASON_REQUIRED' ? { code: 'INVALID_INPUT', message: plan.error.message, retryable: false } : configError(plan.error.message));
    let recent: LoadCounter | undefined;
    const query = plan.value.search;
    if (query && !plan.value.alreadyAssigned) {
      const key = `${query.objectType}:${[...query.ownerIds].sort().join(',')}`;
      recent = this.teamLoad.get(key);
      if (!recent) {
        const found = await this.deps.crm.search(query.objectType, recentAssignmentsSearchBody(query));
        if (!found.ok) return found;
        recent = new LoadCounter({ searched: recentAssignmentsFromSearch(found.value.records), searchedTotal: found.value.total, run: this.made }, routing);
        this.teamLoad.set(key, recent);
      }
    }
    const decided = decideRoute({ ...input, ...(recent ? { recent } : {}) }, routing);
    if (!decided.ok) return err(configError(decided.error.message));
    const row = toRunAssignment(decided.value);
    if (row) {
      this.made.push(row);
      for (const load of this.teamLoad.values()) load.addRun(row);
    }
    this.decisions.push(decided.value);
    return ok(decided.value);
  }

  distribution(): DistributionSummary {
    return summarizeDistribution(this.decisions);
  }
}

/** True when applying the decision would change the record (an owner, and a routing key the record lacks). */
export const isToApply = (decision: RoutingDecision, stored: RoutingState): boolean =>
  !decision.alreadyAssigned && decision.owner !== null && decision.routingKey !== null && decision.routingKey !== stored.routingKey;

/**
 * How routing ended for a record, as a code a workflow or a summary can count: ASSIGNED (written now), UNCHANGED
 * (the record already carries this decision), ALREADY_ASSIGNED (it has an owner; never reassigned without force),
 * WOULD_ASSIGN (dry run), NO_OWNER (nobody eligible, or everyone capped and the record left unassigned),
 * OWNER_SET_MEANWHILE (someone else set the owner during the call; theirs stays), FAILED.
 */
export type RouteCode = 'ASSIGNED' | 'UNCHANGED' | 'ALREADY_ASSIGNED' | 'WOULD_ASSIGN' | 'NO_OWNER' | 'OWNER_SET_MEANWHILE' | 'FAILED';

export interface RecordRouting {
  readonly objectType: RoutedType;
  readonly id: string;
  readonly code: RouteCode;
  readonly decision: RoutingDecision;
  readonly stored: RoutingState;
  /** The owner the record has after this call (what HubSpot holds, not only what was decided). */
  readonly ownerId: string | null;
  /** True when an earlier or concurrent attempt's decision was written instead of this one. */
  readonly adopted: boolean;
  readonly error: WorkflowError | null;
}

function toRecordRouting(objectType: RoutedType, decision: RoutingDecision, stored: RoutingState, dryRun: boolean, outcome: RoutingWriteOutcome | undefined): RecordRouting {
  const base = { objectType, id: decision.recordId, decision, stored, adopted: false, error: null };
  if (decision.alreadyAssigned) return { ...base, code: 'ALREADY_ASSIGNED', ownerId: stored.ownerId };
  if (decision.owner === null) return { ...base, code: 'NO_OWNER', ownerId: stored.ownerId };
  if (!isToApply(decision, stored)) return { ...base, code: 'UNCHANGED', ownerId: stored.ownerId };
  if (dryRun) return { ...base, code: 'WOULD_ASSIGN', ownerId: stored.ownerId };
  switch (outcome?.kind) {
    case 'written':
      return { ...base, code: 'ASSIGNED', ownerId: outcome.ownerId, adopted: outcome.adopted };
    case 'unchanged':
      return { ...base, code: 'UNCHANGED', ownerId: outcome.ownerId, adopted: outcome.ownerId !== decision.owner.id };
    case 'owner_set_meanwhile':
      return { ...base, code: 'OWNER_SET_MEANWHILE', ownerId: outcome.ownerId };
    case 'failed':
      return { ...base, code: 'FAILED', ownerId: stored.ownerId, error: outcome.error };
    case undefined:
      return { ...base, code: 'FAILED', ownerId: stored.ownerId, error: { code: 'HUBSPOT_UNAVAILABLE', message: 'The routing was not written; run it again.', retryable: true } };
  }
}

/**
 * Routes records of one type whose properties (`routingPropertiesToRead`) are at hand, through `run`: decides each,
 * then applies the decisions that change a record in one batch (unless `dryRun`). Contacts' companies come from
 * `companies`. Errors that stop a run (auth, scopes, daily limit, configuration) come back as `err`; a record that
 * could not be written is reported on its row.
 */
export async function routeRecords(
  run: RoutingRun,
  deps: RouteDeps,
  objectType: RoutedType,
  records: readonly { readonly id: string; readonly properties: Props }[],
  companies: CompanyCache | null,
  options: { readonly dryRun: boolean },
): Promise<Result<RecordRouting[], WorkflowError>> {
  const now = deps.now();
  const decided: { decision: RoutingDecision; stored: RoutingState }[] = [];
  for (const r of records) {
    const d = await run.decide(objectType, r, objectType === 'contacts' ? (companies?.of(r.properties) ?? null) : null, { now });
    if (!d.ok) return d;
    decided.push({ decision: d.value, stored: readRoutingState(r.properties) });
  }
  const toApply = options.dryRun ? [] : decided.filter((x) => isToApply(x.decision, x.stored));
  const written = toApply.length > 0 ? await applyRouting(deps.crm, objectType, toApply, now) : ok(new Map<string, RoutingWriteOutcome>());
  if (!written.ok) return written;
  const cleanup = options.dryRun
    ? new Map<string, WorkflowError>()
    : await archiveLateDuplicates(deps.crm, objectType, decided.filter((x) => x.decision.alreadyAssigned).map((x) => ({ id: x.decision.recordId, stored: x.stored })), now);
  const rows = decided.map((x) => {
    const row = toRecordRouting(objectType, x.decision, x.stored, options.dryRun, written.value.get(x.decision.recordId));
    const error = cleanup.get(row.id);
    return error && row.error === null ? { ...row, error } : row;
  });
  const fatal = rows.find((r) => r.error && isFatal(r.error));
  return fatal?.error ? err(fatal.error) : ok(rows);
}

// ---------------------------------------------------------------------------------------------------------------
// The card: one record
// ---------------------------------------------------------------------------------------------------------------

export interface CardRouting extends RecordRouting {
  /** True when this call wrote the owner. */
  readonly applied: boolean;
  /** The record's owner changes, newest first (read only for a dry run, which is what the card renders). */
  readonly history: readonly RoutingHistoryItem[];
  /** The owner the record has after the call, with name and email (a person's, when one set it meanwhile). */
  readonly finalOwner: OwnerSummary | null;
  /** The HubSpot team of that owner: a routing team when the owner is in one, else their primary team. */
  readonly ownerTeam: { readonly id: string; readonly name: string } | null;
}

/**
 * Routes one record for the Owner Routing card. `sent` is the card's `propertiesToSend` (read by HubSpot, free for
 * the function); without them, or for a dry run (which also shows the routing history), the record is read. Calls:
 * a dry run reads the record with its history, the company, the owners and one search (≤ 4); an applied assignment
 * with the card's properties reads the company, the owners and the search, then writes through `applyRouting`.
 */
export async function routeRecord(
  deps: RouteDeps,
  input: {
    readonly objectType: RoutedType;
    readonly objectId: string;
    readonly sent: Props | null;
    readonly dryRun: boolean;
    readonly force: boolean;
    readonly reason: string | null;
  },
): Promise<Result<CardRouting, WorkflowError>> {
  const { objectType, objectId } = input;
  const toRead = routingPropertiesToRead(objectType, deps.config.routing);
  const run = new RoutingRun(deps);
  const owners = run.ownersList();
  const readCompany = async (id: string | null | undefined): Promise<Result<Props | null, WorkflowError>> => {
    const trimmed = id?.trim() ?? '';
    if (objectType !== 'contacts' || trimmed === '') return ok(null);
    const c = await deps.crm.getRecord('companies', trimmed, { properties: toRead.company });
    // A company that cannot be found routes like a contact without one; the decision says the size is missing.
    if (!c.ok) return c.error.code === 'NOT_FOUND' ? ok(null) : c;
    return ok(c.value.properties);
  };
  const sentCompany = input.sent && Object.prototype.hasOwnProperty.call(input.sent, 'associatedcompanyid') ? input.sent.associatedcompanyid : undefined;
  const earlyCompany = sentCompany !== undefined ? readCompany(sentCompany) : null;
  const complete = input.sent !== null && toRead.record.every((n) => Object.prototype.hasOwnProperty.call(input.sent, n));
  let properties: Props;
  let history: RoutingHistoryItem[] = [];
  const historyOf = ['hubspot_owner_id', ROUTING_PROPERTY_NAMES.key, ROUTING_PROPERTY_NAMES.tier, ROUTING_PROPERTY_NAMES.rule];
  let rawHistory: Parameters<typeof routingHistoryFrom>[0] | null = null;
  if (complete && !input.dryRun && input.sent) properties = input.sent;
  else {
    const r = await deps.crm.getRecord(objectType, objectId, { properties: toRead.record, ...(input.dryRun ? { propertiesWithHistory: historyOf } : {}) });
    if (!r.ok) return r;
    properties = r.value.properties;
    if (input.dryRun) rawHistory = r.value.history;
  }
  const [company, ownerList] = await Promise.all([earlyCompany ?? readCompany(properties.associatedcompanyid), owners]);
  if (!company.ok) return company;
  if (!ownerList.ok) return ownerList;
  const decided = await run.decide(objectType, { id: objectId, properties }, company.value, { force: input.force, reason: input.reason });
  if (!decided.ok) return decided;
  const decision = decided.value;
  const stored = readRoutingState(properties);
  let outcome: RoutingWriteOutcome | undefined;
  if (!input.dryRun && isToApply(decision, stored)) {
    const written = await applyRouting(deps.crm, objectType, [{ decision, stored }], deps.now());
    if (!written.ok) return written;
    outcome = written.value.get(objectId);
    if (outcome?.kind === 'failed') return err(outcome.error);
  }
  const row = toRecordRouting(objectType, decision, stored, input.dryRun, outcome);
  if (rawHistory) {
    const tierLabels = Object.fromEntries(deps.config.routing.tiers.map((t) => [t.id, t.label]));
    history = routingHistoryFrom(rawHistory, { owners: ownerList.value, tierLabels });
  }
  const owner = row.ownerId === null ? undefined : ownerList.value.find((o) => o.id === row.ownerId);
  return ok({
    ...row,
    applied: row.code === 'ASSIGNED',
    history,
    finalOwner: row.ownerId === null ? null : owner ? summarizeOwner(owner) : unknownOwner(row.ownerId),
    ownerTeam: teamOf(row.ownerId, ownerList.value, deps.config),
  });
}

/** The owner's team among the routing teams (else their primary team), with team names compared as the core does. */
function teamOf(ownerId: string | null, owners: readonly Owner[], config: LeadOpsConfig): { id: string; name: string } | null {
  const owner = ownerId ? owners.find((o) => o.id === ownerId) : undefined;
  if (!owner) return null;
  const routingTeams = config.routing.tiers.map((t) => t.team);
  const isRoutingTeam = (team: { id: string; name: string }) =>
    routingTeams.some((ref) => ('id' in ref ? String(ref.id) === team.id : normalizeTeamName(String(ref.name)) === normalizeTeamName(team.name)));
  const match = owner.teams.find(isRoutingTeam) ?? owner.teams.find((t) => t.primary) ?? null;
  return match ? { id: match.id, name: match.name } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// `lead-ops route`: the unowned records of a portal
// ---------------------------------------------------------------------------------------------------------------

export interface RouteUnownedOptions {
  readonly objectType: RoutedType;
  /** Only records modified since (epoch ms). */
  readonly since?: number;
  /** Include records that already have an owner (they are reported as already assigned, never changed). */
  readonly includeOwned?: boolean;
  readonly dryRun: boolean;
  /** Stop after this many records. */
  readonly limit?: number;
  readonly onProgress?: (p: { readonly done: number; readonly total: number; readonly applied: number }) => void;
  readonly signal?: AbortSignal;
}

export interface RouteRunSummary {
  readonly objectType: RoutedType;
  readonly dryRun: boolean;
  readonly considered: number;
  /** Per outcome code, how many records. */
  readonly counts: Readonly<Record<RouteCode, number>>;
  readonly failed: readonly { readonly id: string; readonly message: string }[];
  readonly distribution: DistributionSummary;
  readonly completed: boolean;
}

export const emptyRouteCounts = (): Record<RouteCode, number> => ({
  ASSIGNED: 0,
  UNCHANGED: 0,
  ALREADY_ASSIGNED: 0,
  WOULD_ASSIGN: 0,
  NO_OWNER: 0,
  OWNER_SET_MEANWHILE: 0,
  FAILED: 0,
});

/**
 * Routes the unowned contacts or companies of a portal (optionally only those changed since a date) with the same
 * engine and write as the card: one owners call, one search of recent assignments per team, company batch reads,
 * and one write batch per page of 200.
 */
export async function routeUnowned(deps: RouteDeps, options: RouteUnownedOptions): Promise<Result<RouteRunSummary, WorkflowError>> {
  const run = new RoutingRun(deps);
  const owners = await run.ownersList();
  if (!owners.ok) return owners;
  const toRead = routingPropertiesToRead(options.objectType, deps.config.routing);
  const companies = options.objectType === 'contacts' ? new CompanyCache(toRead.company) : null;
  const modified = options.objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
  const filters: SearchFilter[] = [
    ...(options.includeOwned ? [] : [{ propertyName: 'hubspot_owner_id', operator: 'NOT_HAS_PROPERTY' as const }]),
    ...(options.since !== undefined ? [{ propertyName: modified, operator: 'GTE' as const, value: String(options.since) }] : []),
  ];
  const counts = emptyRouteCounts();
  const failed: { id: string; message: string }[] = [];
  let done = 0;
  let total = 0;
  let stopped = false;
  for await (const page of deps.crm.searchAll(options.objectType, { filterGroups: filters.length > 0 ? [{ filters }] : [], properties: toRead.record })) {
    if (!page.ok) return page;
    total = options.limit !== undefined ? Math.min(options.limit, page.value.total) : page.value.total;
    const room = options.limit !== undefined ? options.limit - done : Infinity;
    const records = page.value.records.slice(0, Math.max(0, room));
    if (companies) {
      const loaded = await companies.load(deps.crm, records);
      if (!loaded.ok) return loaded;
    }
    const rows = await routeRecords(run, deps, options.objectType, records, companies, { dryRun: options.dryRun });
    if (!rows.ok) return rows;
    for (const r of rows.value) {
      counts[r.code]++;
      if (r.error) failed.push({ id: r.id, message: r.error.message });
    }
    done += records.length;
    options.onProgress?.({ done, total: Math.max(total, done), applied: counts.ASSIGNED });
    if (options.signal?.aborted) {
      stopped = true;
      break;
    }
    if (options.limit !== undefined && done >= options.limit) break;
  }
  return ok({ objectType: options.objectType, dryRun: options.dryRun, considered: done, counts, failed, distribution: run.distribution(), completed: !stopped });
}
