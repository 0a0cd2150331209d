import type { WireError } from '../app/cards/shared/contracts';
import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import { crmApi, type HubSpotClient } from '../hubspot';
import { keysetPageRequest, nextKeysetCursor } from '../hubspot/search';
import {
  contactsOfCompanies,
  createEngineContext,
  evaluateRecords,
  isFatal,
  propertiesToRead,
  readRecords,
  type EngineContext,
  type EvalObjectType,
  type RecordOutcome,
} from '../realtime/engine';

/**
 * `lead-ops sweep`: the scheduled way in. Finds the companies and contacts created or changed since a point in time
 * (`createdate ≥ since` OR `lastmodifieddate ≥ since`; `hs_lastmodifieddate` for companies), in `hs_object_id` order
 * past the search's 10,000-result cap (keyset paging), routes the unowned companies, then scores the contacts and
 * routes the unowned ones, then rescores the contacts of the changed companies (a company's size or industry moves
 * its contacts' scores without touching them). Everything goes through the batched engine (`realtime/engine.ts`).
 *
 * It keeps no state between runs: what is left to do is read from the records. A second run over the same window
 * finds the records again (our own writes moved their last-modified date: DECISIONS 7) and writes nothing, because
 * scores are written only when they change and owned records are never reassigned. So a run that was killed is
 * finished by the next one, and runs may overlap in time: both converge on one owner and one note per decision.
 */

export interface SweepOptions {
  /** Epoch ms: records created or modified at or after this. */
  readonly since: number;
  readonly dryRun: boolean;
  readonly now: () => Date;
  /** Which records: default both. */
  readonly objectTypes?: readonly EvalObjectType[];
  /** Rescore the contacts of changed companies (default true), at most this many per run (default 10,000). */
  readonly companyContactsLimit?: number;
  readonly signal?: AbortSignal;
  /** Stops after this many search pages, as a kill would (tests). */
  readonly stopAfterPages?: number;
  readonly onProgress?: (p: SweepProgress) => void;
}

export interface SweepProgress {
  readonly objectType: EvalObjectType;
  readonly done: number;
  readonly total: number;
}

export interface SweepCounts {
  /** Records looked at (found by the search, or contacts of changed companies). */
  considered: number;
  scored: number;
  unscorable: number;
  scoreChanged: number;
  scoreWritten: number;
  assigned: number;
  wouldAssign: number;
  alreadyAssigned: number;
  unchanged: number;
  noOwner: number;
  failed: number;
}

export interface SweepSummary {
  readonly since: string;
  readonly dryRun: boolean;
  readonly completed: boolean;
  readonly pages: number;
  readonly contacts: SweepCounts;
  readonly companies: SweepCounts;
  /** Contacts of changed companies beyond the limit, left to the next run. */
  readonly companyContactsDeferred: number;
  readonly failures: readonly { readonly objectType: EvalObjectType; readonly id: string; readonly message: string }[];
}

const PAGE = 200;

const zero = (): SweepCounts => ({ considered: 0, scored: 0, unscorable: 0, scoreChanged: 0, scoreWritten: 0, assigned: 0, wouldAssign: 0, alreadyAssigned: 0, unchanged: 0, noOwner: 0, failed: 0 });

function count(c: SweepCounts, outcomes: readonly RecordOutcome[], failures: SweepSummary['failures'][number][]): void {
  for (const o of outcomes) {
    c.considered++;
    if (o.score) {
      if (o.score.status === 'scored') c.scored++;
      else c.unscorable++;
      if (o.score.changed) c.scoreChanged++;
      if (o.score.written) c.scoreWritten++;
    }
    switch (o.route?.code) {
      case 'ASSIGNED':
        c.assigned++;
        break;
      case 'WOULD_ASSIGN':
        c.wouldAssign++;
        break;
      case 'ALREADY_ASSIGNED':
        c.alreadyAssigned++;
        break;
      case 'UNCHANGED':
        c.unchanged++;
        break;
      case 'NO_OWNER':
        c.noOwner++;
        break;
      default:
        break;
    }
    if (o.error || o.route?.code === 'FAILED') {
      c.failed++;
      failures.push({ objectType: o.objectType, id: o.id, message: o.error?.message ?? 'not written' });
    }
  }
}

/** The search for one page of records changed since `since`, after `lastId`. */
export function sweepSearchBody(objectType: EvalObjectType, since: number, properties: readonly string[], lastId: string | null) {
  const modified = objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
  return keysetPageRequest(
    {
      filterGroups: [
        { filters: [{ propertyName: 'createdate', operator: 'GTE', value: String(since) }] },
        { filters: [{ propertyName: modified, operator: 'GTE', value: String(since) }] },
      ],
      properties,
    },
    lastId,
    PAGE,
  );
}

export async function runSweep(client: HubSpotClient, config: LeadOpsConfig, options: SweepOptions): Promise<Result<SweepSummary, WireError>> {
  const ctx: EngineContext = createEngineContext(client, config, options.now);
  const types = options.objectTypes ?? ['companies', 'contacts'];
  const counts: Record<EvalObjectType, SweepCounts> = { contacts: zero(), companies: zero() };
  const failures: SweepSummary['failures'][number][] = [];
  const seenContacts = new Set<string>();
  const changedCompanies: string[] = [];
  let pages = 0;
  let stopped = false;
  const shouldStop = (): boolean => Boolean(options.signal?.aborted) || (options.stopAfterPages !== undefined && pages >= options.stopAfterPages);
  const evalOptions = { score: true, route: true, dryRun: options.dryRun };

  // Companies first: a contact whose company was just routed can then follow the company's owner (account matching).
  for (const objectType of (['companies', 'contacts'] as const).filter((t) => types.includes(t))) {
    const properties = propertiesToRead(objectType, config, ctx.model);
    let lastId: string | null = null;
    let done = 0;
    let total = 0;
    for (;;) {
      if (shouldStop()) {
        stopped = true;
        break;
      }
      const body = sweepSearchBody(objectType, options.since, properties, lastId);
      if (!body.ok) return body;
      const page = await crmApi.search(client, objectType, body.value);
      if (!page.ok) return page;
      pages++;
      if (lastId === null) total = page.value.total;
      const records = page.value.results.map((r) => ({ id: r.id, properties: r.properties }));
      const outcomes = await evaluateRecords(ctx, objectType, records, evalOptions);
      if (!outcomes.ok) {
        if (isFatal(outcomes.error)) return outcomes;
        // A page that failed as a whole is left for the next run; the rest of the sweep goes on.
        for (const r of records) failures.push({ objectType, id: r.id, message: outcomes.error.message });
        counts[objectType].failed += records.length;
        counts[objectType].considered += records.length;
      } else count(counts[objectType], outcomes.value, failures);
      for (const r of records) {
        if (objectType === 'contacts') seenContacts.add(r.id);
        else changedCompanies.push(r.id);
      }
      done += records.length;
      options.onProgress?.({ objectType, done, total: Math.max(total, done) });
      const next = nextKeysetCursor(page.value.results, PAGE);
      if (next === null) break;
      if (next === lastId) return err({ code: 'HUBSPOT_UNAVAILABLE', message: 'HubSpot search did not advance; stopped (run again to continue).', retryable: true });
      lastId = next;
    }
    if (stopped) break;
  }

  let deferred = 0;
  const limit = options.companyContactsLimit ?? 10_000;
  if (!stopped && types.includes('contacts') && changedCompanies.length > 0 && limit > 0) {
    const listed = await contactsOfCompanies(ctx, changedCompanies, limit + seenContacts.size);
    if (!listed.ok) return listed;
    const ids = listed.value.ids.filter((id) => !seenContacts.has(id));
    deferred = Math.max(0, ids.length - limit) + listed.value.more;
    const todo = ids.slice(0, limit);
    for (let i = 0; i < todo.length; i += PAGE) {
      if (shouldStop()) {
        stopped = true;
        break;
      }
      const read = await readRecords(ctx, 'contacts', todo.slice(i, i + PAGE));
      if (!read.ok) return read;
      const outcomes = await evaluateRecords(ctx, 'contacts', read.value, { score: true, route: false, dryRun: options.dryRun });
      if (!outcomes.ok) {
        if (isFatal(outcomes.error)) return outcomes;
        counts.contacts.failed += read.value.length;
        continue;
      }
      count(counts.contacts, outcomes.value, failures);
    }
  }

  return ok({
    since: new Date(options.since).toISOString(),
    dryRun: options.dryRun,
    completed: !stopped,
    pages,
    contacts: counts.contacts,
    companies: counts.companies,
    companyContactsDeferred: deferred,
    failures: failures.slice(0, 100),
  });
}
