import type { WireError } from '../app/cards/shared/contracts';
import type { LeadOpsConfig } from '../core/config/schema';
import { err, ok, type Result } from '../core/result';
import { parseInstant } from '../core/criteria/evaluate';
import {
  compareIds,
  decideRoute,
  noteIdsToInspect,
  parseRoutingNote,
  planRoute,
  readRoutingState,
  recentAssignmentsFromSearch,
  recentAssignmentsSearchBody,
  resolveDuplicateNotes,
  routingNoteBody,
  routingPropertiesFromNote,
  routingPropertiesToRead,
  routingPropertiesToWrite,
  ROUTING_PROPERTY_NAMES,
  toRunAssignment,
  type RecentAssignment,
  type RoutingDecision,
  type RoutingState,
} from '../core/routing';
import { compileModel, planScoreWrite, readStoredScore, scoreLead, SCORE_PROPERTY_NAMES, type CompiledModel } from '../core/scoring';
import { crmApi, crmPortFor, noteKeyMarker, NOTE_ASSOCIATION_TYPE, type HubSpotClient, type Owner } from '../hubspot';

/**
 * One engine for every automatic way in (the sweep, webhook deliveries, the workflow action): given records of one
 * object type with their properties, it scores the contacts (writing changes only, DECISIONS 5) and routes the
 * unowned records with the same convergent write as the card's button (DECISIONS 1), in batches:
 *
 *   1. companies of the contacts: one batch read per 100 not read yet in this run;
 *   2. owners: one call per run; recent assignments: one search per team per run (then this run's own decisions are
 *      added, because search lags: DECISIONS 23);
 *   3. routing notes: one batch create per 100 decisions (each note carries its routing key; after a 5xx or a
 *      timeout the chunk is looked up by key through associations v4 before anything is sent again);
 *   4. one v4 association batch read (records → notes, outside the 10-second window) finds concurrent duplicates of
 *      each episode; only notes newer than the record's previous routing note and older than ours are read (usually
 *      none); duplicates are archived keeping the lowest id, whose decision is the one written;
 *   5. one batch update per 100 records with the score and routing properties together.
 *
 * So routing 100 records costs about 3 calls in the 10-second window (company read, note create, update) instead of
 * 3 per record. Everything converges: a run killed at any point, a chunk answered 5xx after it was applied, or two
 * runs on the same records at once end with one owner and one note per decision, because the next run (or the
 * other one) finds the notes through associations v4 and keeps the lowest.
 */

export type EvalObjectType = 'contacts' | 'companies';
type Props = Readonly<Record<string, string | null>>;

export interface EvalRecord {
  readonly id: string;
  readonly properties: Props;
}

/** What a run remembers between batches (a sweep's pages, or one delivery). Never persisted. */
export interface EngineContext {
  readonly client: HubSpotClient;
  readonly config: LeadOpsConfig;
  readonly model: CompiledModel;
  readonly now: () => Date;
  owners: Owner[] | null;
  readonly companies: Map<string, Props>;
  readonly teamRecent: Map<string, { readonly searched: readonly RecentAssignment[]; readonly total: number }>;
  readonly run: RecentAssignment[];
}

export function createEngineContext(client: HubSpotClient, config: LeadOpsConfig, now: () => Date, options: { model?: CompiledModel; owners?: Owner[] } = {}): EngineContext {
  return {
    client,
    config,
    model: options.model ?? compileModel(config.scoring),
    now,
    owners: options.owners ?? null,
    companies: new Map(),
    teamRecent: new Map(),
    run: [],
  };
}

/** The properties a record must carry for `evaluateRecords` (search `properties`, batch read `properties`). */
export function propertiesToRead(objectType: EvalObjectType, config: LeadOpsConfig, model: CompiledModel): string[] {
  const routing = routingPropertiesToRead(objectType, config.routing);
  const names = new Set<string>([...routing.record, objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate', 'createdate']);
  if (objectType === 'contacts') {
    for (const p of model.properties.contact) names.add(p);
    for (const p of SCORE_PROPERTY_NAMES) names.add(p);
    names.add('associatedcompanyid');
  }
  return [...names].sort();
}

/** Properties of a contact's company that scoring and routing read. */
export function companyPropertiesToRead(config: LeadOpsConfig, model: CompiledModel): string[] {
  return [...new Set([...model.properties.company, ...routingPropertiesToRead('contacts', config.routing).company])].sort();
}

export interface EvaluateOptions {
  readonly score: boolean;
  readonly route: boolean;
  /** Decide and report; write nothing. */
  readonly dryRun: boolean;
}

/**
 * How routing ended for a record, as a code a workflow can branch on: ASSIGNED (this call wrote the owner),
 * ALREADY_ASSIGNED (it has an owner; never reassigned here), UNCHANGED (the same decision is already on the record),
 * WOULD_ASSIGN (dry run), NO_OWNER (no eligible owner, or everyone capped and left unassigned), FAILED.
 */
export type RouteCode = 'ASSIGNED' | 'ALREADY_ASSIGNED' | 'UNCHANGED' | 'WOULD_ASSIGN' | 'NO_OWNER' | 'FAILED';

export interface RecordOutcome {
  readonly objectType: EvalObjectType;
  readonly id: string;
  readonly score: {
    readonly status: 'scored' | 'unscorable';
    readonly total: number;
    readonly band: string | null;
    readonly label: string;
    readonly changed: boolean;
    readonly written: boolean;
  } | null;
  readonly route: {
    readonly code: RouteCode;
    readonly ownerId: string | null;
    readonly ownerName: string | null;
    readonly tier: string | null;
    readonly team: string | null;
    readonly rule: string;
    /** True when a concurrent call's note won and its decision was written instead of ours. */
    readonly reapplied: boolean;
  } | null;
  readonly error: WireError | null;
}

const FATAL = new Set<WireError['code']>(['AUTH_REJECTED', 'MISSING_SCOPES', 'DAILY_LIMIT', 'CONFIG']);

/** True for errors that stop a whole run (bad token, missing scope, daily allowance gone). */
export const isFatal = (e: WireError): boolean => FATAL.has(e.code);

async function loadCompanies(ctx: EngineContext, records: readonly EvalRecord[]): Promise<Result<void, WireError>> {
  const wanted = companyPropertiesToRead(ctx.config, ctx.model);
  const ids = [...new Set(records.map((r) => r.properties.associatedcompanyid?.trim() ?? '').filter((id) => id !== '' && !ctx.companies.has(id)))];
  if (ids.length === 0 || wanted.length === 0) return ok(undefined);
  const read = await crmApi.batchRead(ctx.client, 'companies', ids, { properties: wanted });
  if (!read.ok) return read;
  const failed = read.value.failures.filter((f) => f.error.code !== 'NOT_FOUND');
  if (failed[0]) return err(failed[0].error);
  for (const c of read.value.results) ctx.companies.set(c.id, c.properties);
  // Companies that no longer exist score and route as "no company"; remember them so they are not read again.
  for (const id of ids) if (!ctx.companies.has(id)) ctx.companies.set(id, {});
  return ok(undefined);
}

function companyOf(ctx: EngineContext, record: EvalRecord): Props | null {
  const id = record.properties.associatedcompanyid?.trim() ?? '';
  const c = id ? ctx.companies.get(id) : undefined;
  return c && Object.keys(c).length > 0 ? c : null;
}

async function ownersOf(ctx: EngineContext): Promise<Result<Owner[], WireError>> {
  if (ctx.owners) return ok(ctx.owners);
  const owners = await crmPortFor(ctx.client).listOwners();
  if (owners.ok) ctx.owners = owners.value;
  return owners;
}

interface Decided {
  readonly record: EvalRecord;
  readonly decision: RoutingDecision;
  readonly stored: RoutingState;
}

async function decide(ctx: EngineContext, objectType: EvalObjectType, records: readonly EvalRecord[], now: Date): Promise<Result<Decided[], WireError>> {
  const owners = await ownersOf(ctx);
  if (!owners.ok) return owners;
  const out: Decided[] = [];
  for (const r of records) {
    const input = {
      objectType,
      recordId: r.id,
      record: r.properties,
      company: objectType === 'contacts' ? companyOf(ctx, r) : null,
      owners: owners.value,
      now: now.getTime(),
    };
    const plan = planRoute(input, ctx.config.routing);
    if (!plan.ok) return err({ code: 'CONFIG', message: plan.error.message, retryable: false });
    let recent;
    const query = plan.value.search;
    if (query && !plan.value.alreadyAssigned) {
      const key = `${query.objectType}:${[...query.ownerIds].sort().join(',')}`;
      let rows = ctx.teamRecent.get(key);
      if (!rows) {
        const s = await crmApi.search(ctx.client, query.objectType, recentAssignmentsSearchBody(query));
        if (!s.ok) return s;
        rows = { searched: recentAssignmentsFromSearch(s.value.results), total: s.value.total };
        ctx.teamRecent.set(key, rows);
      }
      recent = { searched: rows.searched, searchedTotal: rows.total, run: ctx.run };
    }
    const decided = decideRoute({ ...input, ...(recent ? { recent } : {}) }, ctx.config.routing);
    if (!decided.ok) return err({ code: 'CONFIG', message: decided.error.message, retryable: false });
    const row = toRunAssignment(decided.value);
    if (row) ctx.run.push(row);
    out.push({ record: r, decision: decided.value, stored: readRoutingState(r.properties) });
  }
  return ok(out);
}

const noteBody = (d: RoutingDecision): string => `${routingNoteBody(d)}\n${noteKeyMarker(d.routingKey ?? '')}`;

/**
 * The batched convergent write of many routing decisions of one object type. Returns, per record id, the routing
 * properties to write (with the kept note's id), or why this record could not be written now.
 */
export async function writeRoutingDecisions(
  client: HubSpotClient,
  objectType: EvalObjectType,
  items: readonly { readonly decision: RoutingDecision; readonly stored: RoutingState }[],
  now: Date,
): Promise<Result<Map<string, { properties: Record<string, string>; reapplied: boolean } | { error: WireError }>, WireError>> {
  const out = new Map<string, { properties: Record<string, string>; reapplied: boolean } | { error: WireError }>();
  const typeId = NOTE_ASSOCIATION_TYPE[objectType];
  if (typeId === undefined || items.length === 0) return ok(out);

  // An earlier attempt of the same episode may have left its note without the record update (the call was cut
  // short, HubSpot redelivers minutes or hours later). Such a note is adopted, never doubled: list the records'
  // notes newer than their last routing note first (one v4 batch read, usually finding none to read).
  const adopted = await adoptOrphanNotes(client, objectType, items, now);
  if (!adopted.ok) return adopted;
  for (const [id, v] of adopted.value.settled) out.set(id, v);
  const remaining = items.filter((it) => !adopted.value.settled.has(it.decision.recordId));
  if (remaining.length === 0) return ok(out);
  const created0 = await createAndResolve(client, objectType, remaining, now, typeId);
  if (!created0.ok) return created0;
  for (const [id, v] of created0.value) out.set(id, v);
  return ok(out);
}

/**
 * Notes of each record newer than its last routing note, read once: routing notes of the decision's episode
 * (left by an earlier, interrupted attempt, however long ago) are adopted: the lowest id is kept and its decision
 * written, the others archived. Records without such a note are left to `createAndResolve`.
 */
async function adoptOrphanNotes(
  client: HubSpotClient,
  objectType: EvalObjectType,
  items: readonly { readonly decision: RoutingDecision; readonly stored: RoutingState }[],
  now: Date,
): Promise<Result<{ settled: Map<string, { properties: Record<string, string>; reapplied: boolean }> }, WireError>> {
  const settled = new Map<string, { properties: Record<string, string>; reapplied: boolean }>();
  const listed = await crmApi.batchReadAssociations(client, objectType, 'notes', items.map((it) => it.decision.recordId));
  if (!listed.ok) return listed;
  const newer = new Map<string, string[]>();
  for (const it of items) {
    const ids = (listed.value.byId.get(it.decision.recordId) ?? []).map((a) => a.toObjectId).filter((n) => it.stored.noteId === null || compareIds(n, it.stored.noteId) > 0);
    if (ids.length > 0) newer.set(it.decision.recordId, ids);
  }
  const toRead = [...new Set([...newer.values()].flat())];
  if (toRead.length === 0) return ok({ settled });
  const read = await crmApi.batchRead(client, 'notes', toRead, { properties: ['hs_note_body'] });
  if (!read.ok) return read;
  // A note we could not read might be this episode's: deciding without it could make a second note.
  const unread = read.value.failures.find((f) => f.error.code !== 'NOT_FOUND');
  if (unread) return err(unread.error);
  const parsed = new Map(read.value.results.map((n) => [n.id, parseRoutingNote(n.properties.hs_note_body)]));
  const archive: string[] = [];
  for (const it of items) {
    const since = it.stored.routedAt ? (parseInstant(it.stored.routedAt) ?? 0) : 0;
    const orphans = (newer.get(it.decision.recordId) ?? [])
      .map((id) => ({ id, note: parsed.get(id) ?? null }))
      .filter((n): n is { id: string; note: NonNullable<ReturnType<typeof parseRoutingNote>> } => n.note !== null && n.note.episode === it.decision.episode && (parseInstant(n.note.at) ?? 0) >= since)
      .sort((a, b) => compareIds(a.id, b.id));
    const [keep, ...rest] = orphans;
    if (!keep) continue;
    archive.push(...rest.map((r) => r.id));
    const mine = keep.note.key === it.decision.routingKey;
    const base = routingPropertiesToWrite(it.decision, now.getTime(), keep.id);
    settled.set(it.decision.recordId, {
      properties: mine && base ? base : { ...routingPropertiesFromNote(keep.note), [ROUTING_PROPERTY_NAMES.noteId]: keep.id },
      reapplied: !mine,
    });
  }
  if (archive.length > 0) {
    const archived = await crmApi.batchArchive(client, 'notes', archive);
    if (!archived.ok) return archived;
  }
  return ok({ settled });
}

/** Creates the notes of decisions that have none yet, then resolves concurrent duplicates (lowest id wins). */
async function createAndResolve(
  client: HubSpotClient,
  objectType: EvalObjectType,
  items: readonly { readonly decision: RoutingDecision; readonly stored: RoutingState }[],
  now: Date,
  typeId: number,
): Promise<Result<Map<string, { properties: Record<string, string>; reapplied: boolean } | { error: WireError }>, WireError>> {
  const out = new Map<string, { properties: Record<string, string>; reapplied: boolean } | { error: WireError }>();
  const inputs = items.map(({ decision }) => ({
    properties: { hs_note_body: noteBody(decision), hs_timestamp: String(now.getTime()) },
    associations: [{ toId: decision.recordId, associationTypeId: typeId }],
  }));

  // After an ambiguous failure, the chunk's notes are looked up by key on their records (associations v4, no search
  // lag): a note found is used, never created again.
  const findExisting = async (chunk: readonly crmApi.CreateInput[]) => {
    const recordIds = chunk.map((c) => c.associations?.[0]?.toId ?? '');
    const listed = await crmApi.batchReadAssociations(client, objectType, 'notes', recordIds);
    if (!listed.ok) return listed;
    const noteIds = [...new Set([...listed.value.byId.values()].flat().map((a) => a.toObjectId))];
    const found = new Map<number, crmApi.SdkRecord>();
    if (noteIds.length === 0) return ok(found);
    const notes = await crmApi.batchRead(client, 'notes', noteIds, { properties: ['hs_note_body'] });
    if (!notes.ok) return notes;
    const unread = notes.value.failures.find((f) => f.error.code !== 'NOT_FOUND');
    if (unread) return err(unread.error);
    chunk.forEach((input, i) => {
      const marker = noteKeyMarker(items.find((it) => it.decision.recordId === recordIds[i])?.decision.routingKey ?? '\u0000');
      const own = new Set((listed.value.byId.get(recordIds[i] ?? '') ?? []).map((a) => a.toObjectId));
      const match = notes.value.results
        .filter((n) => own.has(n.id) && (n.properties.hs_note_body ?? '').includes(marker))
        .sort((a, b) => (a.id.length - b.id.length) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
      if (match) found.set(i, match);
    });
    return ok(found);
  };

  const created = await crmApi.batchCreate(client, 'notes', inputs, findExisting);
  if (!created.ok) return created;
  for (const f of created.value.failures) {
    for (const index of f.ids) {
      const it = items[Number(index)];
      if (it) out.set(it.decision.recordId, { error: f.error });
    }
  }
  const ownNote = new Map<string, string>();
  for (const row of created.value.results) {
    const it = items[row.index];
    if (it) ownNote.set(it.decision.recordId, row.record.id);
  }
  if (ownNote.size === 0) return ok(out);

  // Concurrent calls of the same episode each made a note: list every record's notes in one call.
  const listed = await crmApi.batchReadAssociations(client, objectType, 'notes', [...ownNote.keys()]);
  if (!listed.ok) return listed;
  const listFailed = new Set(listed.value.failures.flatMap((f) => f.ids));
  const candidatesOf = new Map<string, string[]>();
  for (const it of items) {
    const id = it.decision.recordId;
    const own = ownNote.get(id);
    if (!own) continue;
    if (listFailed.has(id)) {
      out.set(id, { error: listed.value.failures.find((f) => f.ids.includes(id))?.error ?? { code: 'HUBSPOT_UNAVAILABLE', message: 'Could not list the record\'s notes.', retryable: true } });
      continue;
    }
    const ids = (listed.value.byId.get(id) ?? []).map((a) => a.toObjectId);
    const candidates = noteIdsToInspect(ids, own, it.stored.noteId);
    if (candidates.length > 0) candidatesOf.set(id, candidates);
  }
  const bodies = new Map<string, string | null>();
  const toRead = [...new Set([...candidatesOf.entries()].flatMap(([id, c]) => [...c, ownNote.get(id) ?? '']))].filter((x) => x !== '');
  if (toRead.length > 0) {
    const read = await crmApi.batchRead(client, 'notes', toRead, { properties: ['hs_note_body'] });
    if (!read.ok) return read;
    for (const n of read.value.results) bodies.set(n.id, n.properties.hs_note_body ?? null);
    // Records whose candidate notes could not be read are not written now (a lower duplicate may hide there); the
    // next attempt adopts or archives what is there.
    for (const f of read.value.failures) {
      if (f.error.code === 'NOT_FOUND') continue;
      for (const [id, c] of candidatesOf) if (c.some((n) => f.ids.includes(n)) || f.ids.includes(ownNote.get(id) ?? '')) out.set(id, { error: f.error });
    }
  }
  const archive: string[] = [];
  const pending = new Map<string, { properties: Record<string, string>; reapplied: boolean }>();
  for (const it of items) {
    const id = it.decision.recordId;
    const own = ownNote.get(id);
    if (!own || out.has(id)) continue;
    const base = routingPropertiesToWrite(it.decision, now.getTime(), own);
    if (!base) continue;
    const candidates = candidatesOf.get(id);
    if (!candidates) {
      pending.set(id, { properties: base, reapplied: false });
      continue;
    }
    const resolution = resolveDuplicateNotes(
      [...candidates, own].filter((n) => bodies.has(n)).map((n) => ({ id: n, body: bodies.get(n) })),
      it.decision.routingKey ?? '',
    );
    archive.push(...resolution.archiveIds);
    if (resolution.winner && resolution.keepId) {
      pending.set(id, {
        properties: resolution.mustReapply
          ? { ...routingPropertiesFromNote(resolution.winner), [ROUTING_PROPERTY_NAMES.noteId]: resolution.keepId }
          : { ...base, [ROUTING_PROPERTY_NAMES.noteId]: resolution.keepId },
        reapplied: resolution.mustReapply,
      });
    } else pending.set(id, { properties: base, reapplied: false });
  }
  if (archive.length > 0) {
    const archived = await crmApi.batchArchive(client, 'notes', archive);
    if (!archived.ok) return archived;
    const failedIds = new Set(archived.value.failures.flatMap((f) => f.ids));
    // A duplicate that could not be archived leaves its record unwritten: the next run resolves it again.
    for (const it of items) {
      const id = it.decision.recordId;
      const c = candidatesOf.get(id) ?? [];
      const own = ownNote.get(id);
      if ([...c, own].some((n) => n !== undefined && failedIds.has(n))) {
        pending.delete(id);
        out.set(id, { error: archived.value.failures[0]?.error ?? { code: 'HUBSPOT_UNAVAILABLE', message: 'A duplicate note could not be archived.', retryable: true } });
      }
    }
  }
  for (const [id, p] of pending) out.set(id, p);
  return ok(out);
}

/** Records routed this recently get their duplicate notes checked when seen again (see `archiveLateDuplicates`). */
export const DUPLICATE_CHECK_WINDOW_MS = 24 * 3_600_000;

/**
 * Clean-up for a race lost late: two calls of one episode each made a note; the one with the higher id must archive
 * its own, and when that archive failed (rate limit, deadline) while the other call wrote the record, the record is
 * owned and nobody routes it again. So records routed in the last day that are seen again (a redelivery, the next
 * sweep) have their notes listed (one v4 batch read, outside the 10-second window); routing notes newer than the
 * record's routing note and of the same episode are archived. Notes newer than the routing note are rare, so this
 * usually reads no note body at all.
 */
async function archiveLateDuplicates(
  client: HubSpotClient,
  objectType: EvalObjectType,
  records: readonly { readonly id: string; readonly noteId: string }[],
): Promise<Map<string, WireError>> {
  const failed = new Map<string, WireError>();
  if (records.length === 0) return failed;
  const listed = await crmApi.batchReadAssociations(client, objectType, 'notes', records.map((r) => r.id));
  if (!listed.ok) {
    for (const r of records) failed.set(r.id, listed.error);
    return failed;
  }
  const newer = new Map<string, string[]>();
  for (const r of records) {
    const ids = (listed.value.byId.get(r.id) ?? []).map((a) => a.toObjectId).filter((n) => compareIds(n, r.noteId) > 0);
    if (ids.length > 0) newer.set(r.id, ids);
  }
  if (newer.size === 0) return failed;
  const toRead = [...new Set([...newer.entries()].flatMap(([id, ids]) => [records.find((r) => r.id === id)?.noteId ?? '', ...ids]))].filter((x) => x !== '');
  const read = await crmApi.batchRead(client, 'notes', toRead, { properties: ['hs_note_body'] });
  if (!read.ok) {
    for (const id of newer.keys()) failed.set(id, read.error);
    return failed;
  }
  const parsed = new Map(read.value.results.map((n) => [n.id, parseRoutingNote(n.properties.hs_note_body)]));
  const archive = new Map<string, string[]>();
  for (const [id, ids] of newer) {
    const kept = parsed.get(records.find((r) => r.id === id)?.noteId ?? '');
    if (!kept) continue;
    const dupes = ids.filter((n) => parsed.get(n)?.episode === kept.episode);
    if (dupes.length > 0) archive.set(id, dupes);
  }
  const all = [...archive.values()].flat();
  if (all.length === 0) return failed;
  const done = await crmApi.batchArchive(client, 'notes', all);
  if (!done.ok) for (const id of archive.keys()) failed.set(id, done.error);
  else for (const f of done.value.failures) for (const [id, ids] of archive) if (ids.some((n) => f.ids.includes(n))) failed.set(id, f.error);
  return failed;
}

/**
 * Scores and routes records of one object type (their properties as `propertiesToRead` lists). Fatal errors (auth,
 * scopes, daily limit, configuration) and failures before anything was written come back as `err`; per-record
 * failures after that are in the outcomes. Nothing is ever half-written per record: a record's score and routing
 * go in one update row, after its note exists.
 */
export async function evaluateRecords(
  ctx: EngineContext,
  objectType: EvalObjectType,
  records: readonly EvalRecord[],
  options: EvaluateOptions,
): Promise<Result<RecordOutcome[], WireError>> {
  if (records.length === 0) return ok([]);
  const now = ctx.now();
  if (objectType === 'contacts') {
    const companies = await loadCompanies(ctx, records);
    if (!companies.ok) return companies;
  }

  const scoreUpdates = new Map<string, Record<string, string>>();
  const scores = new Map<string, NonNullable<RecordOutcome['score']>>();
  if (options.score && objectType === 'contacts') {
    for (const r of records) {
      const result = scoreLead({ contact: r.properties, company: companyOf(ctx, r), now }, ctx.model);
      const plan = planScoreWrite(result, readStoredScore(r.properties), now);
      if (plan.properties && !options.dryRun) scoreUpdates.set(r.id, plan.properties);
      scores.set(r.id, { status: result.status, total: result.total, band: result.band, label: result.label, changed: plan.changed, written: false });
    }
  }

  const decisions = new Map<string, Decided>();
  if (options.route) {
    const decided = await decide(ctx, objectType, records, now);
    if (!decided.ok) return decided;
    for (const d of decided.value) decisions.set(d.record.id, d);
  }
  const toApply = [...decisions.values()].filter(
    (d) => !d.decision.alreadyAssigned && d.decision.routingKey !== null && d.decision.routingKey !== d.stored.routingKey && d.decision.owner !== null,
  );
  const routingWrites =
    options.dryRun || toApply.length === 0
      ? ok(new Map<string, { properties: Record<string, string>; reapplied: boolean } | { error: WireError }>())
      : await writeRoutingDecisions(ctx.client, objectType, toApply, now);
  if (!routingWrites.ok) return routingWrites;

  const errors = new Map<string, WireError>();
  if (!options.dryRun) {
    const recent = [...decisions.values()]
      .filter((d) => d.decision.alreadyAssigned && d.stored.noteId !== null && d.stored.routedAt !== null && now.getTime() - (parseInstant(d.stored.routedAt) ?? 0) < DUPLICATE_CHECK_WINDOW_MS)
      .map((d) => ({ id: d.record.id, noteId: d.stored.noteId ?? '' }));
    for (const [id, e] of await archiveLateDuplicates(ctx.client, objectType, recent)) errors.set(id, e);
  }

  const updates: { id: string; properties: Record<string, string> }[] = [];
  for (const r of records) {
    const routed = routingWrites.value.get(r.id);
    if (routed && 'error' in routed) errors.set(r.id, routed.error);
    const props = { ...(scoreUpdates.get(r.id) ?? {}), ...(routed && 'properties' in routed ? routed.properties : {}) };
    if (Object.keys(props).length > 0) updates.push({ id: r.id, properties: props });
  }
  const written = new Set<string>();
  if (updates.length > 0) {
    const done = await crmApi.batchUpdate(ctx.client, objectType, updates);
    if (!done.ok) return done;
    for (const rec of done.value.results) written.add(rec.id);
    for (const f of done.value.failures) for (const id of f.ids) errors.set(id, f.error);
  }

  return ok(
    records.map((r): RecordOutcome => {
      const s = scores.get(r.id);
      const d = decisions.get(r.id);
      const routed = routingWrites.value.get(r.id);
      const error = errors.get(r.id) ?? null;
      let route: RecordOutcome['route'] = null;
      if (d) {
        const applying = toApply.includes(d);
        const ok2 = written.has(r.id) && routed !== undefined && 'properties' in routed;
        const code: RouteCode = d.decision.alreadyAssigned
          ? 'ALREADY_ASSIGNED'
          : d.decision.owner === null
            ? 'NO_OWNER'
            : !applying
              ? 'UNCHANGED'
              : options.dryRun
                ? 'WOULD_ASSIGN'
                : ok2
                  ? 'ASSIGNED'
                  : 'FAILED';
        const reapplied = routed !== undefined && 'properties' in routed && routed.reapplied;
        const finalOwner = reapplied && routed && 'properties' in routed ? (routed.properties.hubspot_owner_id ?? null) : d.decision.alreadyAssigned ? (d.stored.ownerId ?? null) : (d.decision.owner?.id ?? null);
        route = {
          code,
          ownerId: finalOwner,
          ownerName: reapplied ? null : d.decision.alreadyAssigned ? (d.decision.currentOwner?.name ?? null) : (d.decision.owner?.name ?? null),
          tier: d.decision.alreadyAssigned ? d.stored.tier : d.decision.tierValue,
          team: d.decision.team?.name ?? null,
          rule: d.decision.rule,
          reapplied,
        };
      }
      return {
        objectType,
        id: r.id,
        score: s ? { ...s, written: written.has(r.id) && scoreUpdates.has(r.id) } : null,
        route,
        error,
      };
    }),
  );
}

/** Reads records by id with what `evaluateRecords` needs (1 call per 100). Unknown ids are left out. */
export async function readRecords(ctx: EngineContext, objectType: EvalObjectType, ids: readonly string[]): Promise<Result<EvalRecord[], WireError>> {
  if (ids.length === 0) return ok([]);
  const read = await crmApi.batchRead(ctx.client, objectType, ids, { properties: propertiesToRead(objectType, ctx.config, ctx.model) });
  if (!read.ok) return read;
  const failed = read.value.failures.filter((f) => f.error.code !== 'NOT_FOUND');
  if (failed[0]) return err(failed[0].error);
  return ok(read.value.results.map((r) => ({ id: r.id, properties: r.properties })));
}

/** Contacts of companies (v4 association batch read, outside the 10-second window), at most `limit`, lowest ids first. */
export async function contactsOfCompanies(ctx: EngineContext, companyIds: readonly string[], limit: number): Promise<Result<{ ids: string[]; more: number }, WireError>> {
  if (companyIds.length === 0 || limit <= 0) return ok({ ids: [], more: 0 });
  const listed = await crmApi.batchReadAssociations(ctx.client, 'companies', 'contacts', companyIds);
  if (!listed.ok) return listed;
  const all = [...new Set([...listed.value.byId.values()].flat().map((a) => a.toObjectId))].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return ok({ ids: all.slice(0, limit), more: Math.max(0, all.length - limit) });
}
