import { ok, type Result } from '../core/result';
import { CONTACTS_PENDING_PROPERTY } from '../core/sweep-properties';
import { compareIds } from '../hubspot';
import { isFatal, type WorkflowError } from './errors';
import { AutomationRun, contactsOfCompanies, processRecords, readRecords, recordPropertiesToRead, type AutomationDeps, type RecordOutcome } from './automation';
import { changedSinceRequest } from './changed-since';
import { emptyRouteCounts, type RouteCode, type RoutedType } from './route';
import type { SyncAccess } from './sync';
import { syncSweep, type SyncSweepSummary } from './sync-sweep';

/**
 * `lead-ops sweep`, the scheduled way in. Finds the companies and contacts created or changed since a point in time
 * (`createdate ≥ since` OR last modified ≥ since), in id order past the search's 10,000-result cap, routes the
 * unowned companies, then scores the contacts and routes the unowned ones, then rescores the contacts of the changed
 * companies (a company's size or industry moves its contacts' scores without touching them).
 *
 * It keeps no state of its own: what is left to do is read from the records. A second run over the same window finds
 * the records again (our own writes moved their last-modified date) and writes nothing, because scores are written
 * only when they change and owned records are never reassigned. A run that was killed is finished by the next one,
 * and runs may overlap: both converge on one owner and one note per decision. Contacts of changed companies beyond
 * `companyContactsLimit` are remembered on their company (`CONTACTS_PENDING_PROPERTY`) and rescored by the next runs,
 * whether or not the company is still in their window.
 *
 * With `sync`, the destinations the project syncs itself (a connector) come last: the window's records, judged again
 * from the history of what each destination syncs, and what the records say is still to do (see `sync-sweep.ts`).
 */

export interface SweepOptions {
  /** Epoch ms: records created or modified at or after this. */
  readonly since: number;
  readonly dryRun: boolean;
  /** Which records: default both. */
  readonly objectTypes?: readonly RoutedType[];
  /** Contacts of changed companies rescored per run (default 10,000); the rest wait for the next runs. */
  readonly companyContactsLimit?: number;
  readonly signal?: AbortSignal;
  /** Stops after this many search pages, as a kill would (tests). */
  readonly stopAfterPages?: number;
  readonly onProgress?: (p: SweepProgress) => void;
  /**
   * The sync step (destinations with a connector), after scoring and routing: their credentials and how the
   * connectors run, and how many never-synced records to take up per destination besides the window.
   */
  readonly sync?: SyncAccess & { readonly backfill?: number };
}

export interface SweepProgress {
  readonly step: 'companies' | 'contacts' | 'company contacts';
  readonly done: number;
  readonly total: number;
}

/** What happened to the records of one type. Every record considered is in exactly one routing bucket or `rescoredOnly`. */
export interface SweepCounts {
  considered: number;
  /** Records found by the search, by how routing ended. */
  readonly routing: Record<RouteCode, number>;
  /** Contacts rescored because their company changed (not routed again). */
  rescoredOnly: number;
  scored: number;
  unscorable: number;
  scoreChanged: number;
  scoreWritten: number;
  /** Records with a failure (routing or score write); they are also counted in their routing bucket. */
  failed: number;
}

export interface SweepSummary {
  readonly since: string;
  readonly dryRun: boolean;
  readonly completed: boolean;
  readonly pages: number;
  readonly contacts: SweepCounts;
  readonly companies: SweepCounts;
  /** Contacts of changed companies left for the next runs, and how many companies they belong to. */
  readonly pendingContacts: number;
  readonly pendingCompanies: number;
  readonly failures: readonly { readonly objectType: RoutedType; readonly id: string; readonly message: string }[];
  /** The sync step; null when the sweep was not asked to sync or stopped before it. */
  readonly sync: SyncSweepSummary | null;
}

const PAGE = 200;

const zero = (): SweepCounts => ({ considered: 0, routing: emptyRouteCounts(), rescoredOnly: 0, scored: 0, unscorable: 0, scoreChanged: 0, scoreWritten: 0, failed: 0 });

function count(c: SweepCounts, outcomes: readonly RecordOutcome[], failures: SweepSummary['failures'][number][]): void {
  for (const o of outcomes) {
    c.considered++;
    if (o.route) c.routing[o.route.code]++;
    else c.rescoredOnly++;
    if (o.score) {
      if (o.score.result.status === 'scored') c.scored++;
      else c.unscorable++;
      if (o.score.changed) c.scoreChanged++;
      if (o.score.written) c.scoreWritten++;
    }
    if (o.error) {
      c.failed++;
      failures.push({ objectType: o.objectType, id: o.id, message: o.error.message });
    }
  }
}

export { changedSinceRequest } from './changed-since';

export async function runSweep(deps: AutomationDeps, options: SweepOptions): Promise<Result<SweepSummary, WorkflowError>> {
  const run = new AutomationRun(deps);
  const types = options.objectTypes ?? ['companies', 'contacts'];
  const counts: Record<RoutedType, SweepCounts> = { contacts: zero(), companies: zero() };
  const failures: SweepSummary['failures'][number][] = [];
  const seenContacts = new Set<string>();
  const changedCompanies = new Set<string>();
  let pages = 0;
  let stopped = false;
  const shouldStop = (): boolean => Boolean(options.signal?.aborted) || (options.stopAfterPages !== undefined && pages >= options.stopAfterPages);
  const summary = (pending: { contacts: number; companies: number }, sync: SyncSweepSummary | null = null): SweepSummary => ({
    since: new Date(options.since).toISOString(),
    dryRun: options.dryRun,
    completed: !stopped,
    pages,
    contacts: counts.contacts,
    companies: counts.companies,
    pendingContacts: pending.contacts,
    pendingCompanies: pending.companies,
    failures: failures.slice(0, 100),
    sync,
  });

  // Companies first: a contact whose company was just routed can then follow the company's owner (account matching).
  for (const objectType of (['companies', 'contacts'] as const).filter((t) => types.includes(t))) {
    if (shouldStop()) {
      stopped = true;
      break;
    }
    let done = 0;
    const request = changedSinceRequest(objectType, options.since, recordPropertiesToRead(objectType, deps.config, deps.model));
    for await (const page of deps.crm.searchAll(objectType, request, { pageSize: PAGE })) {
      if (!page.ok) return page;
      pages++;
      const records = page.value.records;
      const outcomes = await processRecords(run, objectType, records, { score: true, route: true, dryRun: options.dryRun });
      if (!outcomes.ok) {
        if (isFatal(outcomes.error)) return outcomes;
        // A page that failed as a whole is left for the next run; the rest of the sweep goes on.
        for (const r of records) failures.push({ objectType, id: r.id, message: outcomes.error.message });
        counts[objectType].considered += records.length;
        counts[objectType].routing.FAILED += records.length;
        counts[objectType].failed += records.length;
      } else count(counts[objectType], outcomes.value, failures);
      for (const r of records) (objectType === 'contacts' ? seenContacts : changedCompanies).add(r.id);
      done += records.length;
      options.onProgress?.({ step: objectType, done, total: Math.max(page.value.total, done) });
      if (shouldStop()) {
        stopped = true;
        break;
      }
    }
    if (stopped) break;
  }
  if (stopped) return ok(summary({ contacts: 0, companies: 0 }));
  let pending = { contacts: 0, companies: 0 };
  if (types.includes('contacts')) {
    const rescored = await rescoreCompanyContacts(run, changedCompanies, seenContacts, options, counts.contacts, failures);
    if (!rescored.ok) return rescored;
    pending = rescored.value;
  }
  if (!options.sync) return ok(summary(pending));
  // The window's records were found above; the sync step judges them again from their history.
  const changed = { ...(types.includes('contacts') ? { contacts: seenContacts } : {}), ...(types.includes('companies') ? { companies: changedCompanies } : {}) };
  const synced = await syncSweep(
    { crm: deps.crm, config: deps.config, now: deps.now, sync: options.sync },
    { since: options.since, dryRun: options.dryRun, changed, ...(options.sync.backfill !== undefined ? { backfill: options.sync.backfill } : {}), ...(options.signal ? { signal: options.signal } : {}) },
  );
  if (!synced.ok) return synced;
  return ok({ ...summary(pending, synced.value), completed: synced.value.completed });
}

/**
 * The contacts of changed companies, and of companies still waiting from earlier runs, rescored up to the limit.
 * A company whose contacts were not all reached carries the last contact id rescored; one that is done is cleared.
 */
async function rescoreCompanyContacts(
  run: AutomationRun,
  changed: ReadonlySet<string>,
  seenContacts: ReadonlySet<string>,
  options: SweepOptions,
  counts: SweepCounts,
  failures: SweepSummary['failures'][number][],
): Promise<Result<{ contacts: number; companies: number }, WorkflowError>> {
  const { crm } = run.deps;
  const limit = options.companyContactsLimit ?? 10_000;
  // Where each company's pass resumes: "0" from its first contact.
  const resumeAfter = new Map<string, string>([...changed].map((id) => [id, '0']));
  const waiting: string[] = [];
  const marked = new Set<string>();
  for await (const page of crm.searchAll('companies', { filterGroups: [{ filters: [{ propertyName: CONTACTS_PENDING_PROPERTY, operator: 'HAS_PROPERTY' }] }], properties: [CONTACTS_PENDING_PROPERTY] })) {
    if (!page.ok) return page;
    waiting.push(...page.value.records.map((r) => r.id));
  }
  if (waiting.length > 0) {
    // A company that changed after its marker was written starts its pass again; else it continues after the marker.
    const read = await crm.batchRead('companies', waiting, { properties: [CONTACTS_PENDING_PROPERTY, 'hs_lastmodifieddate'], propertiesWithHistory: [CONTACTS_PENDING_PROPERTY] });
    if (!read.ok) return read;
    for (const c of read.value.records) {
      const marker = c.properties[CONTACTS_PENDING_PROPERTY]?.trim() ?? '';
      if (marker === '') continue;
      marked.add(c.id);
      const markedAt = c.history[CONTACTS_PENDING_PROPERTY]?.[0]?.timestamp ?? null;
      const modifiedAt = c.properties.hs_lastmodifieddate ? Date.parse(c.properties.hs_lastmodifieddate) : NaN;
      const changedSince = markedAt !== null && Number.isFinite(modifiedAt) && modifiedAt > Date.parse(markedAt);
      resumeAfter.set(c.id, changedSince ? '0' : marker);
    }
  }
  const companies = [...resumeAfter.keys()].sort(compareIds);
  const contactsOf = await contactsOfCompanies(crm, companies);
  if (!contactsOf.ok) return contactsOf;

  let budget = Math.max(0, limit);
  const todo: string[] = [];
  const scheduled = new Set<string>();
  const markers: { id: string; properties: Record<string, string> }[] = [];
  let pendingContacts = 0;
  let pendingCompanies = 0;
  for (const companyId of companies) {
    const after = resumeAfter.get(companyId) ?? '0';
    const remaining = (contactsOf.value.get(companyId) ?? []).filter((id) => compareIds(id, after) > 0);
    // Walk the company's contacts in id order: those scored already in this run cost nothing, the others one unit
    // of the budget each; the walk stops where the budget does.
    let walked = 0;
    for (const id of remaining) {
      const free = seenContacts.has(id) || scheduled.has(id);
      if (!free && budget === 0) break;
      if (!free) {
        budget--;
        scheduled.add(id);
        todo.push(id);
      }
      walked++;
    }
    const left = remaining.length - walked;
    if (left === 0) {
      if (marked.has(companyId)) markers.push({ id: companyId, properties: { [CONTACTS_PENDING_PROPERTY]: '' } });
    } else {
      pendingContacts += left;
      pendingCompanies++;
      markers.push({ id: companyId, properties: { [CONTACTS_PENDING_PROPERTY]: remaining[walked - 1] ?? after } });
    }
  }

  for (let i = 0; i < todo.length; i += PAGE) {
    if (options.signal?.aborted) return ok({ contacts: pendingContacts + todo.length - i, companies: pendingCompanies });
    const read = await readRecords(run, 'contacts', todo.slice(i, i + PAGE));
    if (!read.ok) return read;
    const outcomes = await processRecords(run, 'contacts', read.value, { score: true, route: false, dryRun: options.dryRun });
    if (!outcomes.ok) return outcomes;
    count(counts, outcomes.value, failures);
    options.onProgress?.({ step: 'company contacts', done: Math.min(todo.length, i + PAGE), total: todo.length });
  }
  if (!options.dryRun && markers.length > 0) {
    const written = await crm.batchUpdate('companies', markers);
    if (!written.ok) return written;
  }
  return ok({ contacts: pendingContacts, companies: pendingCompanies });
}
