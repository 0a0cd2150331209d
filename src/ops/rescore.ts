import { createHash } from 'node:crypto';
import type { WireError } from '../app/cards/shared/contracts';
import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import {
  compileModel,
  createModelComparison,
  planScoreWrite,
  readStoredScore,
  scoreLead,
  SCORE_PROPERTY_NAMES,
  type CompiledModel,
  type ModelComparison,
} from '../core/scoring';
import { crmApi, type HubSpotClient } from '../hubspot';
import { keysetPageRequest, nextKeysetCursor, type SearchFilter } from '../hubspot/search';

/**
 * Rescoring a whole portal (`lead-ops rescore`). The plan, per page of up to 200 contacts:
 *   1. one search (outside the 10-second window, 5 per second) that returns the contacts with every property the
 *      model reads and the stored score, in `hs_object_id` order, past the 10,000-result cap (keyset paging);
 *   2. one batch read of the companies those contacts name in `associatedcompanyid` that this run has not read yet;
 *   3. batch updates of 100 for the contacts whose score changed (whole points, band, label, model version).
 * So at most 2 calls per 100 contacts count against the 10-second window (company read, update) when every score
 * changed. After each page the last contact id is saved: a run that stops resumes after it.
 */

export interface Checkpoint {
  /** Identifies the job: model, filter and mode. A checkpoint of another job is ignored. */
  readonly job: string;
  readonly lastId: string;
  readonly counts: RescoreCounts;
  readonly savedAt: string;
}

export interface CheckpointStore {
  load(): Checkpoint | null;
  save(c: Checkpoint): void;
  clear(): void;
}

export const memoryCheckpoints = (): CheckpointStore & { current: Checkpoint | null } => {
  const store = {
    current: null as Checkpoint | null,
    load: () => store.current,
    save: (c: Checkpoint) => void (store.current = c),
    clear: () => void (store.current = null),
  };
  return store;
};

export interface RescoreCounts {
  readonly scored: number;
  readonly unscorable: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly written: number;
  readonly failed: number;
}

export interface RescoreProgress extends RescoreCounts {
  readonly done: number;
  readonly total: number;
}

export interface RescoreOptions {
  /** Only contacts modified since (epoch ms): `lastmodifieddate ≥ since`. */
  readonly since?: number;
  /** Score and report; write nothing. */
  readonly dryRun?: boolean;
  /** "What if": compare the configured model with this candidate (implies dry run). */
  readonly candidate?: LeadOpsConfig['scoring'];
  readonly sampleSize?: number;
  readonly now: () => Date;
  readonly checkpoints?: CheckpointStore;
  readonly onProgress?: (p: RescoreProgress) => void;
  /** Stops after this many pages, as a kill would (tests of resuming). */
  readonly stopAfterPages?: number;
  readonly signal?: AbortSignal;
}

export interface RescoreSummary extends RescoreCounts {
  readonly total: number;
  readonly pages: number;
  readonly resumedAfter: string | null;
  readonly completed: boolean;
  readonly dryRun: boolean;
  readonly failures: readonly { readonly id: string; readonly message: string }[];
  readonly comparison: ModelComparison | null;
}

const PAGE = 200;
const ZERO: RescoreCounts = { scored: 0, unscorable: 0, changed: 0, unchanged: 0, written: 0, failed: 0 };

export function rescoreJobId(model: CompiledModel, options: Pick<RescoreOptions, 'since' | 'dryRun' | 'candidate'>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: model.version, since: options.since ?? null, dry: Boolean(options.dryRun || options.candidate), cand: options.candidate?.version ?? null }));
  return h.digest('hex').slice(0, 16);
}

export async function rescore(client: HubSpotClient, config: LeadOpsConfig, options: RescoreOptions): Promise<Result<RescoreSummary, WireError>> {
  const model = compileModel(config.scoring);
  const dryRun = Boolean(options.dryRun || options.candidate);
  const comparison = options.candidate ? createModelComparison(model, options.candidate, { sampleSize: options.sampleSize ?? 10 }) : null;
  const job = rescoreJobId(model, options);
  const saved = options.checkpoints?.load() ?? null;
  const resume = saved && saved.job === job ? saved : null;
  let counts: RescoreCounts = resume ? { ...resume.counts } : { ...ZERO };
  let lastId: string | null = resume ? resume.lastId : null;
  const failures: { id: string; message: string }[] = [];
  const companies = new Map<string, Readonly<Record<string, string | null>>>();
  const filters: SearchFilter[] = options.since !== undefined ? [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(options.since) }] : [];
  const properties = [...new Set([...model.properties.contact, ...SCORE_PROPERTY_NAMES, 'associatedcompanyid'])];
  let total = 0;
  let pages = 0;
  let done = resume ? counts.scored + counts.unscorable : 0;

  const fetchPage = (after: string | null) => {
    const body = keysetPageRequest({ filterGroups: filters.length > 0 ? [{ filters }] : [], properties, limit: PAGE }, after, PAGE);
    return body.ok ? crmApi.search(client, 'contacts', body.value) : Promise.resolve(body);
  };
  // The next page is asked for as soon as this one arrives (its cursor is this page's last id), so the search,
  // which has its own limit of 5 a second, runs while this page's companies are read and its scores written.
  let pending = fetchPage(lastId);
  for (;;) {
    if (options.signal?.aborted || (options.stopAfterPages !== undefined && pages >= options.stopAfterPages)) {
      return ok({ ...counts, total, pages, resumedAfter: resume?.lastId ?? null, completed: false, dryRun, failures, comparison: comparison?.result() ?? null });
    }
    const page = await pending;
    if (!page.ok) return page;
    pages++;
    if (pages === 1) total = page.value.total + done;
    const contacts = page.value.results;
    const upcoming = nextKeysetCursor(contacts, PAGE);
    if (upcoming !== null && !options.signal?.aborted && (options.stopAfterPages === undefined || pages < options.stopAfterPages)) {
      pending = fetchPage(upcoming);
    }

    const wanted = [...new Set(contacts.map((c) => c.properties.associatedcompanyid?.trim() ?? '').filter((id) => id !== '' && !companies.has(id)))];
    if (wanted.length > 0 && model.properties.company.length > 0) {
      const read = await crmApi.batchRead(client, 'companies', wanted, { properties: model.properties.company });
      if (!read.ok) return read;
      for (const c of read.value.results) companies.set(c.id, c.properties);
      // Companies that no longer exist score as "no company"; remember them so they are not read again.
      for (const id of wanted) if (!companies.has(id)) companies.set(id, {});
    }

    const now = options.now();
    const updates: { id: string; properties: Record<string, string> }[] = [];
    for (const c of contacts) {
      const companyId = c.properties.associatedcompanyid?.trim() ?? '';
      const company = companyId ? (companies.get(companyId) ?? null) : null;
      const companyProps = company && Object.keys(company).length > 0 ? company : null;
      if (comparison) comparison.add({ id: c.id, contact: c.properties, company: companyProps }, now);
      const result = scoreLead({ contact: c.properties, company: companyProps, now }, model);
      const plan = planScoreWrite(result, readStoredScore(c.properties), now);
      counts = {
        ...counts,
        scored: counts.scored + (result.status === 'scored' ? 1 : 0),
        unscorable: counts.unscorable + (result.status === 'unscorable' ? 1 : 0),
        changed: counts.changed + (plan.changed ? 1 : 0),
        unchanged: counts.unchanged + (plan.changed ? 0 : 1),
      };
      if (!dryRun && plan.properties) updates.push({ id: c.id, properties: plan.properties });
    }
    if (updates.length > 0) {
      const written = await crmApi.batchUpdate(client, 'contacts', updates);
      if (!written.ok) return written;
      const failedIds = new Set(written.value.failures.flatMap((f) => f.ids));
      for (const f of written.value.failures) for (const id of f.ids) failures.push({ id, message: f.error.message });
      counts = { ...counts, written: counts.written + updates.length - failedIds.size, failed: counts.failed + failedIds.size };
    }
    done += contacts.length;
    const next = upcoming;
    if (contacts.length > 0) {
      lastId = contacts[contacts.length - 1]?.id ?? lastId;
      options.checkpoints?.save({ job, lastId: lastId ?? '0', counts, savedAt: now.toISOString() });
    }
    options.onProgress?.({ ...counts, done, total: Math.max(total, done) });
    if (next === null) break;
    if (next === lastId && contacts.length === 0) return err({ code: 'HUBSPOT_UNAVAILABLE', message: 'search did not advance; stopped', retryable: true });
  }
  options.checkpoints?.clear();
  return ok({ ...counts, total: Math.max(total, done), pages, resumedAfter: resume?.lastId ?? null, completed: true, dryRun, failures, comparison: comparison?.result() ?? null });
}
