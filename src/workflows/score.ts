import { createHash } from 'node:crypto';
import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import {
  createModelComparison,
  planScoreWrite,
  readStoredScore,
  scoreLead,
  SCORE_PROPERTY,
  SCORE_PROPERTY_NAMES,
  type CompiledModel,
  type ModelComparison,
  type ScoreResult,
  type StoredScore,
} from '../core/scoring';
import type { CrmPort, PropertyChange, SearchFilter } from '../hubspot';
import type { WorkflowError } from './errors';

/**
 * Scoring, the one routine behind every way a contact gets scored: the Lead Score card (`scoreContact`), a page of
 * contacts found by a sweep or a webhook (`scoreContacts`), and a whole-portal rescore (`rescore`). Each computes
 * the score with the core engine and writes only changes (whole points, band, label, model version): a rerun on the
 * same day writes nothing.
 */

type Props = Readonly<Record<string, string | null>>;

export interface ScoreDeps {
  readonly crm: CrmPort;
  readonly model: CompiledModel;
  readonly now: () => Date;
}

/** A contact as a search or a batch read returns it. */
export interface ContactRecord {
  readonly id: string;
  readonly properties: Props;
}

/** How one contact was scored. */
export interface ContactScore {
  readonly contactId: string;
  readonly result: ScoreResult;
  readonly stored: StoredScore | null;
  /** The score differs from what the record carries (whole points, band, label, model version). */
  readonly changed: boolean;
  /** This run wrote it. */
  readonly written: boolean;
  /** Why the write failed, when it did (the score itself was computed). */
  readonly error: WorkflowError | null;
}

/** The contact properties scoring reads: the model's, the stored score and the primary company id. */
export function contactPropertiesToRead(model: CompiledModel): string[] {
  return [...new Set([...model.properties.contact, ...SCORE_PROPERTY_NAMES, 'associatedcompanyid'])].sort();
}

/**
 * Companies read once per run: the contacts of one page share a few companies, and a company that no longer exists
 * scores (and routes) as "no company" without being read again.
 */
export class CompanyCache {
  private readonly known = new Map<string, Props | null>();

  constructor(private readonly properties: readonly string[]) {}

  /** The company a contact names in `associatedcompanyid`, if it is known and exists. */
  of(contact: Props): Props | null {
    const id = contact.associatedcompanyid?.trim() ?? '';
    return id === '' ? null : (this.known.get(id) ?? null);
  }

  /** Reads the companies of `contacts` not read yet (1 batch read per 100). */
  async load(crm: CrmPort, contacts: readonly { readonly properties: Props }[]): Promise<Result<void, WorkflowError>> {
    const ids = [...new Set(contacts.map((c) => c.properties.associatedcompanyid?.trim() ?? ''))].filter((id) => id !== '' && !this.known.has(id));
    if (ids.length === 0 || this.properties.length === 0) return ok(undefined);
    const read = await crm.batchRead('companies', ids, { properties: this.properties });
    if (!read.ok) return read;
    const failed = read.value.failures.find((f) => f.error.code !== 'NOT_FOUND');
    if (failed) return err(failed.error);
    for (const c of read.value.records) this.known.set(c.id, c.properties);
    for (const id of ids) if (!this.known.has(id)) this.known.set(id, null);
    return ok(undefined);
  }

  /** Remembers a company read another way (the card reads one company by id). */
  set(id: string, properties: Props | null): void {
    this.known.set(id, properties);
  }
}

/**
 * Scores contacts whose properties (see `contactPropertiesToRead`) and companies are at hand, and with `write`
 * writes the changed scores (1 call per 100 changed; one contact is one PATCH). A row HubSpot refuses is reported on
 * its contact; the others are written.
 */
export async function scoreContacts(
  deps: ScoreDeps,
  contacts: readonly ContactRecord[],
  companies: CompanyCache,
  options: { readonly write: boolean },
): Promise<Result<ContactScore[], WorkflowError>> {
  const now = deps.now();
  const scored = contacts.map((c) => {
    const result = scoreLead({ contact: c.properties, company: companies.of(c.properties), now }, deps.model);
    const stored = readStoredScore(c.properties);
    return { contact: c, result, stored, plan: planScoreWrite(result, stored, now) };
  });
  const updates = options.write ? scored.flatMap((s) => (s.plan.properties ? [{ id: s.contact.id, properties: s.plan.properties }] : [])) : [];
  const errors = new Map<string, WorkflowError>();
  const written = new Set<string>();
  if (updates.length > 0) {
    const done = await deps.crm.batchUpdate('contacts', updates);
    if (!done.ok) return done;
    for (const r of done.value.records) written.add(r.id);
    for (const f of done.value.failures) for (const id of f.ids) errors.set(id, f.error);
  }
  return ok(
    scored.map((s) => ({
      contactId: s.contact.id,
      result: s.result,
      stored: s.stored,
      changed: s.plan.changed,
      written: written.has(s.contact.id),
      error: errors.get(s.contact.id) ?? null,
    })),
  );
}

/** One contact scored for the card, with the history of its stored total for the trend. */
export interface CardScore extends ContactScore {
  readonly totalHistory: readonly PropertyChange[];
}

/**
 * Scores one contact for the Lead Score card: reads the contact (with the history of its total) and its primary
 * company, at most 2 reads, concurrently when the card sent the company id; writes at most once, only with `write`
 * and only when the score changed. A company that no longer exists scores as no company; any other failure to read
 * it stops the call, because a score without it would be wrong.
 */
export async function scoreContact(
  deps: ScoreDeps,
  input: { readonly contactId: string; readonly write: boolean; readonly companyIdFromCard?: string | null | undefined },
): Promise<Result<CardScore, WorkflowError>> {
  const companies = new CompanyCache(deps.model.properties.company);
  const readCompany = async (id: string | null | undefined): Promise<Result<void, WorkflowError>> => {
    const trimmed = id?.trim() ?? '';
    if (trimmed === '' || deps.model.properties.company.length === 0) return ok(undefined);
    const c = await deps.crm.getRecord('companies', trimmed, { properties: deps.model.properties.company });
    if (!c.ok && c.error.code !== 'NOT_FOUND') return c;
    companies.set(trimmed, c.ok ? c.value.properties : null);
    return ok(undefined);
  };
  const contactRead = deps.crm.getRecord('contacts', input.contactId, {
    properties: contactPropertiesToRead(deps.model),
    propertiesWithHistory: [SCORE_PROPERTY.total],
  });
  const companyRead =
    input.companyIdFromCard !== undefined
      ? readCompany(input.companyIdFromCard)
      : contactRead.then((c) => (c.ok ? readCompany(c.value.properties.associatedcompanyid) : ok(undefined)));
  const [contact, company] = await Promise.all([contactRead, companyRead]);
  if (!contact.ok) return contact;
  if (!company.ok) return company;
  // The contact's own company id wins over the card's: they differ only when it changed since the card rendered.
  const own = contact.value.properties.associatedcompanyid?.trim() ?? '';
  if (input.companyIdFromCard !== undefined && own !== (input.companyIdFromCard?.trim() ?? '')) {
    const again = await readCompany(own);
    if (!again.ok) return again;
  }
  const scored = await scoreContacts(deps, [contact.value], companies, { write: input.write });
  if (!scored.ok) return scored;
  const [one] = scored.value;
  if (!one) throw new Error('scoreContacts returned no result for one contact');
  if (one.error) return err(one.error);
  return ok({ ...one, totalHistory: contact.value.history[SCORE_PROPERTY.total] ?? [] });
}

// ---------------------------------------------------------------------------------------------------------------
// Whole-portal rescoring (`lead-ops rescore`)
// ---------------------------------------------------------------------------------------------------------------

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

const ZERO: RescoreCounts = { scored: 0, unscorable: 0, changed: 0, unchanged: 0, written: 0, failed: 0 };

export function rescoreJobId(model: CompiledModel, options: Pick<RescoreOptions, 'since' | 'dryRun' | 'candidate'>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: model.version, since: options.since ?? null, dry: Boolean(options.dryRun || options.candidate), cand: options.candidate?.version ?? null }));
  return h.digest('hex').slice(0, 16);
}

/**
 * Rescoring a whole portal (or the contacts changed since a date), page by page of 200: one search (outside the
 * 10-second window, 5 per second) returns the contacts with every property the model reads and the stored score,
 * in id order past the 10,000-result cap; one batch read of the companies not read yet; batch updates of the
 * changed scores. So at most 2 calls per 100 contacts count against the 10-second window when every score changed.
 * After each page the last contact id is saved: a run that stops resumes after it.
 */
export async function rescore(deps: ScoreDeps, options: RescoreOptions): Promise<Result<RescoreSummary, WorkflowError>> {
  const dryRun = Boolean(options.dryRun || options.candidate);
  const comparison = options.candidate ? createModelComparison(deps.model, options.candidate, { sampleSize: options.sampleSize ?? 10 }) : null;
  const job = rescoreJobId(deps.model, options);
  const saved = options.checkpoints?.load() ?? null;
  const resume = saved && saved.job === job ? saved : null;
  let counts: RescoreCounts = resume ? { ...resume.counts } : { ...ZERO };
  const failures: { id: string; message: string }[] = [];
  const companies = new CompanyCache(deps.model.properties.company);
  const filters: SearchFilter[] = options.since !== undefined ? [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(options.since) }] : [];
  let total = 0;
  let pages = 0;
  let done = resume ? counts.scored + counts.unscorable : 0;
  const summary = (completed: boolean): RescoreSummary => ({
    ...counts,
    total: Math.max(total, done),
    pages,
    resumedAfter: resume?.lastId ?? null,
    completed,
    dryRun,
    failures,
    comparison: comparison?.result() ?? null,
  });
  const stopped = () => Boolean(options.signal?.aborted) || (options.stopAfterPages !== undefined && pages >= options.stopAfterPages);

  const walk = deps.crm.searchAll(
    'contacts',
    { filterGroups: filters.length > 0 ? [{ filters }] : [], properties: contactPropertiesToRead(deps.model) },
    { afterId: resume?.lastId ?? null },
  );
  for await (const page of walk) {
    if (!page.ok) return page;
    pages++;
    if (pages === 1) total = page.value.total + done;
    const contacts = page.value.records;
    const loaded = await companies.load(deps.crm, contacts);
    if (!loaded.ok) return loaded;
    if (comparison) {
      const now = deps.now();
      for (const c of contacts) comparison.add({ id: c.id, contact: c.properties, company: companies.of(c.properties) }, now);
    }
    const scored = await scoreContacts(deps, contacts, companies, { write: !dryRun });
    if (!scored.ok) return scored;
    for (const s of scored.value) {
      if (s.error) failures.push({ id: s.contactId, message: s.error.message });
    }
    counts = {
      scored: counts.scored + scored.value.filter((s) => s.result.status === 'scored').length,
      unscorable: counts.unscorable + scored.value.filter((s) => s.result.status === 'unscorable').length,
      changed: counts.changed + scored.value.filter((s) => s.changed).length,
      unchanged: counts.unchanged + scored.value.filter((s) => !s.changed).length,
      written: counts.written + scored.value.filter((s) => s.written).length,
      failed: counts.failed + scored.value.filter((s) => s.error !== null).length,
    };
    done += contacts.length;
    if (page.value.lastId !== null) options.checkpoints?.save({ job, lastId: page.value.lastId, counts, savedAt: deps.now().toISOString() });
    options.onProgress?.({ ...counts, done, total: Math.max(total, done) });
    if (stopped()) return ok(summary(false));
  }
  options.checkpoints?.clear();
  return ok(summary(true));
}
