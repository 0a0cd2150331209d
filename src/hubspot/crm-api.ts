import type { z } from 'zod';
import { err, ok, type Result } from '../core/result';
import { ASSOCIATION_BATCH_READ_LIMIT, chunk, foldBatchAnswer, mergeOutcomes, OBJECT_BATCH_LIMIT, type BatchFailure, type BatchOutcome } from './batch';
import type { CallFailure, HubSpotClient } from './client';
import { createOnce } from './create-once';
import { withSentValues, type CrmError, type WriteKind } from './errors';
import type { OperationCall, OperationName } from './operations';
import {
  AssociationBatchRowSchema,
  AssociationPageSchema,
  batchAnswerSchema,
  OwnerPageSchema,
  PipelineListSchema,
  PropertyGroupListSchema,
  PropertyListSchema,
  RawRecordSchema,
  RecordPageSchema,
  SearchPageSchema,
  WrittenRecordSchema,
  type RawRecord,
  type WrittenRecord,
} from './records';
import { validateSearch, type SearchRequest } from './search';

/**
 * HubSpot's operations over the client's policy: one function per operation of `operations.ts` we use, plus the
 * helpers that chunk, page and window. Every answer is parsed here with the schemas of `records.ts`; `crm-port.ts`
 * turns the parsed records into the domain shapes. Everything answers `Result`s; nothing throws for HTTP reasons.
 */

export type { RawRecord } from './records';

const invalidAnswer = (what: string, detail: string): CrmError => ({
  code: 'HUBSPOT_UNAVAILABLE',
  message: `HubSpot sent ${what} we could not read (${detail}).`,
  retryable: false,
});

/** Parses an answer with its schema: an answer that does not fit is an error naming the first problem. */
function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): Result<z.output<S>, CrmError> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return err(invalidAnswer(what, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`));
}

/** Sends one operation and parses its answer. */
async function send<S extends z.ZodType>(client: HubSpotClient, name: OperationName, request: OperationCall, schema: S, what: string): Promise<Result<z.output<S>, CrmError>> {
  const r = await client.call(name, request);
  return r.ok ? parse(schema, r.value, what) : r;
}

/** A write's error as a person reads it: a refusal by the portal's rules names the value we sent. */
const explained = <T>(r: Result<T, CrmError>, sent: Readonly<Record<string, string>>, kind: WriteKind): Result<T, CrmError> => (r.ok ? r : err(withSentValues(r.error, sent, kind)));

/** Failures of batch rows, refusals restated with the values each row sent. */
function explainRows(failures: readonly BatchFailure[], sentById: ReadonlyMap<string, Readonly<Record<string, string>>>, kind: WriteKind): BatchFailure[] {
  return failures.map((f) => (f.error.code === 'VALIDATION_RULE' ? { ...f, error: withSentValues(f.error, sentById.get(f.ids[0] ?? ''), kind) } : f));
}

const list = (values: readonly string[] | undefined): readonly string[] | undefined => (values && values.length > 0 ? values : undefined);

// ---------------------------------------------------------------------------------------------------------------
// Single records
// ---------------------------------------------------------------------------------------------------------------

export interface ReadOptions {
  readonly properties?: readonly string[];
  readonly propertiesWithHistory?: readonly string[];
  /** Plural object types to list associated ids of (`associations=`), e.g. `['companies']`. */
  readonly associations?: readonly string[];
  /** Read by a unique property instead of the id (e.g. `email`). */
  readonly idProperty?: string;
}

/** One record by id (`objects.get`). 404 → NOT_FOUND. */
export function getObject(client: HubSpotClient, objectType: string, id: string, o: ReadOptions = {}): Promise<Result<RawRecord, CrmError>> {
  return send(
    client,
    'objects.get',
    {
      params: { objectType, objectId: id },
      query: { properties: list(o.properties), propertiesWithHistory: list(o.propertiesWithHistory), associations: list(o.associations), idProperty: o.idProperty },
    },
    RawRecordSchema,
    'a record',
  );
}

/** Updates one record's properties (`objects.update`; idempotent: the same properties again change nothing). */
export async function updateObject(client: HubSpotClient, objectType: string, id: string, properties: Readonly<Record<string, string>>): Promise<Result<RawRecord, CrmError>> {
  const r = await send(client, 'objects.update', { params: { objectType, objectId: id }, body: { properties } }, RawRecordSchema, 'a record');
  return explained(r, properties, 'update');
}

/** Archives one record (`objects.archive`, to the recycle bin). Idempotent. */
export async function archiveObject(client: HubSpotClient, objectType: string, id: string): Promise<Result<void, CrmError>> {
  const r = await client.call('objects.archive', { params: { objectType, objectId: id } });
  return r.ok ? ok(undefined) : r;
}

export interface AssociationInput {
  readonly toId: string;
  readonly associationTypeId: number;
  readonly category?: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
}

export interface CreateInput {
  readonly properties: Readonly<Record<string, string>>;
  readonly associations?: readonly AssociationInput[];
}

/** The `associations` of a create input, as HubSpot's specs require it (an empty list when there are none). */
const associationsOf = (input: CreateInput) =>
  (input.associations ?? []).map((x) => ({
    to: { id: x.toId },
    types: [{ associationCategory: x.category ?? 'HUBSPOT_DEFINED', associationTypeId: x.associationTypeId }],
  }));

/**
 * Creates one record (`objects.create`) once, without any reconciliation: after a 5xx, a timeout or an answer we
 * cannot read, the answer is `ambiguous` (the record may exist). The port creates through `batchCreate`, which looks
 * for what an ambiguous create may have made.
 */
export async function createObjectRaw(client: HubSpotClient, objectType: string, input: CreateInput): Promise<Result<RawRecord, CallFailure>> {
  const r = await client.callDetailed('objects.create', { params: { objectType }, body: { properties: input.properties, associations: associationsOf(input) } });
  if (!r.ok) return err({ ...r.error, error: withSentValues(r.error.error, input.properties, 'new record') });
  const parsed = parse(RawRecordSchema, r.value, 'a record');
  // HubSpot answered success, so the record exists even though its answer cannot be read.
  return parsed.ok ? parsed : err({ error: parsed.error, ambiguous: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Batches (chunked to 100; rows of a 207 surfaced one by one)
// ---------------------------------------------------------------------------------------------------------------

/** Codes after which the remaining chunks are not even tried. */
const FATAL = new Set<CrmError['code']>(['AUTH_REJECTED', 'MISSING_SCOPES', 'DAILY_LIMIT']);

/**
 * Runs chunks one after the other. A chunk that fails as a whole lists all its keys as failed; a fatal error
 * (401, 403, daily limit) stops the job and is returned as `err`.
 */
async function runChunks<I, T>(
  items: readonly I[],
  size: number,
  keyOf: (item: I) => string,
  sendChunk: (chunkItems: I[]) => Promise<Result<BatchOutcome<T>, CrmError>>,
): Promise<Result<BatchOutcome<T>, CrmError>> {
  const outcomes: BatchOutcome<T>[] = [];
  for (const part of chunk(items, size)) {
    const r = await sendChunk(part);
    if (r.ok) {
      outcomes.push(r.value);
      continue;
    }
    if (FATAL.has(r.error.code)) return r;
    outcomes.push({ results: [], failures: [{ ids: part.map(keyOf), error: r.error }] });
  }
  return ok(mergeOutcomes(outcomes));
}

const RecordBatchSchema = batchAnswerSchema(RawRecordSchema);
const WrittenBatchSchema = batchAnswerSchema(WrittenRecordSchema);

/**
 * Many records by id (`objects.batchRead`), chunked to 100. Ids HubSpot does not know come back as failures
 * (NOT_FOUND), never silently missing. Batch read does not support associations.
 */
export function batchRead(
  client: HubSpotClient,
  objectType: string,
  ids: readonly string[],
  o: { properties?: readonly string[]; propertiesWithHistory?: readonly string[]; idProperty?: string } = {},
): Promise<Result<BatchOutcome<RawRecord>, CrmError>> {
  const unique = [...new Set(ids)];
  const idProperty = o.idProperty;
  // Rows are matched back by the id property, so it must come back with them.
  const properties = idProperty && !(o.properties ?? []).includes(idProperty) ? [...(o.properties ?? []), idProperty] : [...(o.properties ?? [])];
  return runChunks(unique, OBJECT_BATCH_LIMIT, (x) => x, async (part) => {
    const body = { inputs: part.map((id) => ({ id })), properties, propertiesWithHistory: [...(o.propertiesWithHistory ?? [])], ...(idProperty ? { idProperty } : {}) };
    const r = await send(client, 'objects.batchRead', { params: { objectType }, body }, RecordBatchSchema, 'a batch of records');
    if (!r.ok) return r;
    const keyOf = idProperty ? (rec: RawRecord) => rec.properties[idProperty] ?? undefined : (rec: RawRecord) => rec.id;
    return ok(foldBatchAnswer(part, r.value.results, r.value.errors ?? undefined, keyOf));
  });
}

export interface UpdateInput {
  readonly id: string;
  readonly properties: Readonly<Record<string, string>>;
}

/**
 * Each input of a batch write tagged with its position, so HubSpot answers a row it refuses on its own (a 207 row)
 * instead of refusing the whole call; the positions map back to the inputs' keys.
 */
function traced<I>(part: readonly I[], keyOf: (item: I) => string) {
  return { traceToKey: new Map(part.map((x, i) => [String(i), keyOf(x)])), trace: (i: number) => String(i) };
}

/**
 * Updates many records (`objects.batchUpdate`), chunked to 100. Idempotent, so retried after 5xx and timeouts.
 * Rows HubSpot refuses come back as failures with their ids; a refusal by the portal's property rules names the
 * value the row sent.
 */
export function batchUpdate(client: HubSpotClient, objectType: string, inputs: readonly UpdateInput[]): Promise<Result<BatchOutcome<RawRecord>, CrmError>> {
  return runChunks(inputs, OBJECT_BATCH_LIMIT, (x) => x.id, async (part) => {
    const { traceToKey, trace } = traced(part, (x) => x.id);
    const body = { inputs: part.map((x, i) => ({ id: x.id, properties: x.properties, objectWriteTraceId: trace(i) })) };
    const r = await send(client, 'objects.batchUpdate', { params: { objectType }, body }, RecordBatchSchema, 'a batch of records');
    if (!r.ok) return r;
    const folded = foldBatchAnswer(part.map((x) => x.id), r.value.results, r.value.errors ?? undefined, (rec) => rec.id, traceToKey);
    return ok({ results: folded.results, failures: explainRows(folded.failures, new Map(part.map((x) => [x.id, x.properties])), 'update') });
  });
}

export interface UpsertInput {
  /** The value of `idProperty` (e.g. the email). */
  readonly id: string;
  readonly idProperty: string;
  readonly properties: Readonly<Record<string, string>>;
}

/** Creates or updates many records by a unique property (`objects.batchUpsert`), chunked to 100; rows say whether they are `new`. */
export function batchUpsert(client: HubSpotClient, objectType: string, inputs: readonly UpsertInput[]): Promise<Result<BatchOutcome<WrittenRecord>, CrmError>> {
  return runChunks(inputs, OBJECT_BATCH_LIMIT, (x) => x.id, async (part) => {
    const { traceToKey, trace } = traced(part, (x) => x.id);
    const body = { inputs: part.map((x, i) => ({ id: x.id, idProperty: x.idProperty, properties: x.properties, objectWriteTraceId: trace(i) })) };
    const r = await send(client, 'objects.batchUpsert', { params: { objectType }, body }, WrittenBatchSchema, 'a batch of records');
    if (!r.ok) return r;
    const keyOf = (rec: WrittenRecord) => (rec.objectWriteTraceId != null ? traceToKey.get(rec.objectWriteTraceId) : undefined);
    const folded = foldBatchAnswer(part.map((x) => x.id), r.value.results, r.value.errors ?? undefined, keyOf, traceToKey);
    return ok({ results: folded.results, failures: explainRows(folded.failures, new Map(part.map((x) => [x.id, x.properties])), 'write') });
  });
}

/** Archives many records (`objects.batchArchive`), chunked to 100 (idempotent; ids already gone are no failure). */
export function batchArchive(client: HubSpotClient, objectType: string, ids: readonly string[]): Promise<Result<BatchOutcome<string>, CrmError>> {
  return runChunks([...new Set(ids)], OBJECT_BATCH_LIMIT, (x) => x, async (part) => {
    const r = await client.call('objects.batchArchive', { params: { objectType }, body: { inputs: part.map((id) => ({ id })) } });
    return r.ok ? ok({ results: part, failures: [] }) : r;
  });
}

/**
 * Creates many records (`objects.batchCreate`), chunked to 100, each input tagged with an `objectWriteTraceId` so
 * HubSpot reports failures row by row. Keys of results and failures are input positions (`"0"`, `"1"`, …).
 *
 * Never repeated blindly: 429/423/477 (not applied) are retried; after a 5xx or a timeout a chunk is repeated only
 * through `findExisting`, which gets the chunk's inputs and answers, per position, the record that already exists
 * (use association lists and batch reads, never search: it lags). Without `findExisting`, such a chunk is reported
 * as failed with "may or may not have been applied".
 */
export async function batchCreate(
  client: HubSpotClient,
  objectType: string,
  inputs: readonly CreateInput[],
  findExisting?: (inputs: readonly CreateInput[]) => Promise<Result<ReadonlyMap<number, RawRecord>, CrmError>>,
): Promise<Result<BatchOutcome<{ readonly index: number; readonly record: RawRecord; readonly created: boolean }>, CrmError>> {
  const indexed = inputs.map((input, index) => ({ input, index }));
  type Row = { readonly index: number; readonly record: RawRecord; readonly created: boolean };
  return runChunks(indexed, OBJECT_BATCH_LIMIT, (x) => String(x.index), async (part) => {
    const sendChunk = async (): Promise<Result<BatchOutcome<Row>, CallFailure>> => {
      const body = { inputs: part.map((x) => ({ properties: x.input.properties, associations: associationsOf(x.input), objectWriteTraceId: String(x.index) })) };
      const r = await client.callDetailed('objects.batchCreate', { params: { objectType }, body });
      if (!r.ok) return r;
      const answer = parse(WrittenBatchSchema, r.value, 'a batch of records');
      // HubSpot answered success, so records were made even though the answer cannot be read.
      return answer.ok ? ok(fold(answer.value)) : err({ error: answer.error, ambiguous: true });
    };
    const fold = (answer: z.output<typeof WrittenBatchSchema>): BatchOutcome<Row> => {
      const keys = part.map((x) => String(x.index));
      const traces = new Map(keys.map((k) => [k, k]));
      // HubSpot echoes objectWriteTraceId on each result; should an answer lack them, a complete answer without
      // errors is matched by position (HubSpot keeps the input order), anything else is reported as unmatched.
      const errors = answer.errors ?? [];
      const untraced = answer.results.every((rec) => rec.objectWriteTraceId == null);
      const byPosition = untraced && errors.length === 0 && answer.results.length === part.length;
      const keyOf = (rec: WrittenRecord): string | undefined => {
        if (rec.objectWriteTraceId != null) return rec.objectWriteTraceId;
        const i = answer.results.indexOf(rec);
        return byPosition && i >= 0 ? keys[i] : undefined;
      };
      const folded = foldBatchAnswer(keys, answer.results, errors, keyOf, traces);
      return {
        results: folded.results.flatMap((rec) => {
          const key = keyOf(rec);
          return key === undefined ? [] : [{ index: Number(key), record: rec, created: true }];
        }),
        failures: explainRows(folded.failures, new Map(part.map((x) => [String(x.index), x.input.properties])), 'new record'),
      };
    };
    if (!findExisting) {
      const r = await sendChunk();
      return r.ok ? r : err(r.error.error);
    }
    const r = await createOnce<BatchOutcome<Row>>({
      create: sendChunk,
      findExisting: async () => {
        const found = await findExisting(part.map((x) => x.input));
        if (!found.ok) return found;
        if (found.value.size === 0) return ok(null);
        const results: Row[] = [];
        const missing: string[] = [];
        part.forEach((x, i) => {
          const rec = found.value.get(i);
          if (rec) results.push({ index: x.index, record: rec, created: false });
          else missing.push(String(x.index));
        });
        const failures =
          missing.length > 0
            ? [{ ids: missing, error: { code: 'HUBSPOT_UNAVAILABLE' as const, message: 'The batch create may have been applied only in part; these rows were not found afterwards.', retryable: true } }]
            : [];
        return ok({ results, failures });
      },
    });
    return r.ok ? ok(r.value.value) : r;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Lists and paging
// ---------------------------------------------------------------------------------------------------------------

export interface Page<T> {
  readonly results: readonly T[];
  /** The cursor of the next page, absent on the last one. */
  readonly after?: string;
}

/**
 * Walks cursor pages: yields each page's results as `ok`, or one `err` and stops. A cursor that repeats ends the walk
 * with an error instead of looping forever.
 */
export async function* pages<T>(fetchPage: (after: string | undefined) => Promise<Result<Page<T>, CrmError>>): AsyncGenerator<Result<readonly T[], CrmError>> {
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const r = await fetchPage(after);
    if (!r.ok) {
      yield r;
      return;
    }
    yield ok(r.value.results);
    const next = r.value.after;
    if (!next) return;
    if (seen.has(next)) {
      yield err({ code: 'HUBSPOT_UNAVAILABLE', message: `HubSpot repeated the paging cursor "${next}"; stopped to avoid an endless loop.`, retryable: false });
      return;
    }
    seen.add(next);
    after = next;
  }
}

/** Drains a page walk into one array (or the first error). */
export async function collect<T>(walk: AsyncGenerator<Result<readonly T[], CrmError>>): Promise<Result<T[], CrmError>> {
  const all: T[] = [];
  for await (const page of walk) {
    if (!page.ok) return page;
    all.push(...page.value);
  }
  return ok(all);
}

const afterOf = (paging: { next?: { after?: string | null } | null } | null | undefined): { after?: string } => (paging?.next?.after ? { after: paging.next.after } : {});

/** Every record of a type (`objects.list`) page by page (limit ≤ 100; ≤ 50 with history, HubSpot's cap). */
export function listObjects(
  client: HubSpotClient,
  objectType: string,
  o: { properties?: readonly string[]; propertiesWithHistory?: readonly string[]; limit?: number } = {},
): AsyncGenerator<Result<readonly RawRecord[], CrmError>> {
  const limit = Math.min(o.limit ?? 100, o.propertiesWithHistory?.length ? 50 : 100);
  return pages(async (after) => {
    const query = { limit, after, properties: list(o.properties), propertiesWithHistory: list(o.propertiesWithHistory) };
    const r = await send(client, 'objects.list', { params: { objectType }, query }, RecordPageSchema, 'a page of records');
    return r.ok ? ok({ results: r.value.results, ...afterOf(r.value.paging) }) : r;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------------------------

export interface SearchPage {
  /** All matches of the query (capped views still report the full count). */
  readonly total: number;
  readonly results: readonly RawRecord[];
  /** Offset cursor of the next page; absent on the last. */
  readonly after?: string;
}

/**
 * One search page (`objects.search`). Counted in the search window (5/s per account), not the 10-second one.
 * Validated first against HubSpot's limits (5 groups, 6 filters per group, 18 in all, 200 per page, 10,000 results)
 * so a certain 400 costs no call. Search lags behind writes.
 */
export async function search(client: HubSpotClient, objectType: string, req: SearchRequest): Promise<Result<SearchPage, CrmError>> {
  const valid = validateSearch(req);
  if (!valid.ok) return valid;
  const r = await send(client, 'objects.search', { params: { objectType }, body: req }, SearchPageSchema, 'a search page');
  return r.ok ? ok({ total: r.value.total, results: r.value.results, ...afterOf(r.value.paging) }) : r;
}

// ---------------------------------------------------------------------------------------------------------------
// Associations
// ---------------------------------------------------------------------------------------------------------------

export interface AssociatedObject {
  readonly toObjectId: string;
  readonly associationTypes: readonly { readonly category: string; readonly typeId: number; readonly label?: string | null }[];
}

/** A record's associated records of one type (`associations.list`), every page (500 each). No search lag. */
export function listAssociations(client: HubSpotClient, fromType: string, id: string, toType: string): AsyncGenerator<Result<readonly AssociatedObject[], CrmError>> {
  return pages(async (after) => {
    const request = { params: { objectType: fromType, objectId: id, toObjectType: toType }, query: { after, limit: 500 } };
    const r = await send(client, 'associations.list', request, AssociationPageSchema, 'a page of associations');
    return r.ok ? ok({ results: r.value.results, ...afterOf(r.value.paging) }) : r;
  });
}

const AssociationBatchSchema = batchAnswerSchema(AssociationBatchRowSchema);

/**
 * The associated records of many records (`associations.batchRead`, ≤ 1,000 per call), following each record's own
 * `paging` until done. Counted in the association-batch window (exempt from the 10-second one in HubSpot's specs;
 * configurable). Records without associations map to []; ids HubSpot rejects are failures.
 */
export async function batchReadAssociations(
  client: HubSpotClient,
  fromType: string,
  toType: string,
  ids: readonly string[],
): Promise<Result<{ readonly byId: ReadonlyMap<string, AssociatedObject[]>; readonly failures: BatchFailure[] }, CrmError>> {
  const byId = new Map<string, AssociatedObject[]>();
  const unique = [...new Set(ids)];
  for (const id of unique) byId.set(id, []);
  const failures: BatchFailure[] = [];
  let pending: { id: string; after?: string }[] = unique.map((id) => ({ id }));
  while (pending.length > 0) {
    const nextRound: { id: string; after?: string }[] = [];
    for (const part of chunk(pending, ASSOCIATION_BATCH_READ_LIMIT)) {
      const body = { inputs: part.map((p) => (p.after ? { id: p.id, after: p.after } : { id: p.id })) };
      const r = await send(client, 'associations.batchRead', { params: { fromObjectType: fromType, toObjectType: toType }, body }, AssociationBatchSchema, 'a batch of associations');
      if (!r.ok) {
        if (FATAL.has(r.error.code)) return r;
        failures.push({ ids: part.map((p) => p.id), error: r.error });
        continue;
      }
      for (const row of r.value.results) {
        const from = row.from.id;
        const found = byId.get(from) ?? [];
        found.push(...row.to);
        byId.set(from, found);
        const after = row.paging?.next?.after;
        if (after) nextRound.push({ id: from, after });
      }
      // HubSpot answers 207 for ids without associations ("No associations found"): those are empty, not failures;
      // other row errors are surfaced.
      for (const e of r.value.errors ?? []) {
        const noAssociations = /NO_ASSOCIATIONS|no associations/i.test(`${e.category ?? ''} ${typeof e.subCategory === 'string' ? e.subCategory : ''} ${e.message ?? ''}`);
        if (noAssociations) continue;
        const failed = [...(e.context?.fromObjectId ?? []), ...(e.context?.ids ?? []), ...(e.id ? [e.id] : [])];
        failures.push({ ids: failed, error: { code: 'HUBSPOT_UNAVAILABLE', message: e.message ?? 'HubSpot could not read these associations.', retryable: true } });
      }
    }
    pending = nextRound;
  }
  return ok({ byId, failures });
}

/**
 * The default (unlabeled) association between two records (`associations.createDefault`); for contact→company
 * HubSpot may also set the primary one. Idempotent.
 */
export async function createDefaultAssociation(client: HubSpotClient, fromType: string, fromId: string, toType: string, toId: string): Promise<Result<void, CrmError>> {
  const r = await client.call('associations.createDefault', { params: { objectType: fromType, objectId: fromId, toObjectType: toType, toObjectId: toId } });
  return r.ok ? ok(undefined) : r;
}

// ---------------------------------------------------------------------------------------------------------------
// Owners, pipelines, properties
// ---------------------------------------------------------------------------------------------------------------

/** A raw owner, as parsed from HubSpot's answer. */
export type RawOwner = z.output<typeof OwnerPageSchema>['results'][number];

/** Owners (`owners.list`), every page (100 each): active owners or, with `archived`, only the archived ones. */
export function listOwners(client: HubSpotClient, o: { archived?: boolean } = {}): AsyncGenerator<Result<readonly RawOwner[], CrmError>> {
  return pages(async (after) => {
    const r = await send(client, 'owners.list', { query: { after, limit: 100, archived: o.archived ?? false } }, OwnerPageSchema, 'a page of owners');
    return r.ok ? ok({ results: r.value.results, ...afterOf(r.value.paging) }) : r;
  });
}

export type RawPipeline = z.output<typeof PipelineListSchema>['results'][number];

/** Every pipeline of `tickets` or `deals` with its stages (`pipelines.list`). */
export async function getPipelines(client: HubSpotClient, objectType: string): Promise<Result<readonly RawPipeline[], CrmError>> {
  const r = await send(client, 'pipelines.list', { params: { objectType } }, PipelineListSchema, 'the pipelines');
  return r.ok ? ok(r.value.results) : r;
}

/** A property to create (HubSpot accepts only some `type`/`fieldType` pairs). */
export interface PropertySpec {
  readonly name: string;
  readonly label: string;
  readonly type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  readonly fieldType: string;
  readonly groupName: string;
  readonly description?: string;
  readonly options?: readonly { readonly label: string; readonly value: string; readonly displayOrder?: number; readonly hidden?: boolean }[];
  readonly formField?: boolean;
  readonly hasUniqueValue?: boolean;
}

/** An existing property as the properties API lists it (the fields setup compares). */
export interface ExistingPropertyInfo {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly fieldType: string;
  readonly groupName: string;
  readonly options?: readonly { readonly label: string; readonly value: string; readonly displayOrder?: number; readonly hidden?: boolean }[];
}

const optionsOf = (options: NonNullable<PropertySpec['options']>) =>
  options.map((x, i) => ({ label: x.label, value: x.value, displayOrder: x.displayOrder ?? i, hidden: x.hidden ?? false }));

/** A type's property definitions (`properties.list`, no paging). */
export async function listProperties(client: HubSpotClient, objectType: string): Promise<Result<readonly ExistingPropertyInfo[], CrmError>> {
  const r = await send(client, 'properties.list', { params: { objectType } }, PropertyListSchema, 'the properties');
  if (!r.ok) return r;
  return ok(
    r.value.results.map((p) => ({
      name: p.name,
      label: p.label,
      type: p.type,
      fieldType: p.fieldType,
      groupName: p.groupName,
      ...(p.options ? { options: p.options.map((x) => ({ label: x.label, value: x.value, ...(x.displayOrder != null ? { displayOrder: x.displayOrder } : {}), ...(x.hidden != null ? { hidden: x.hidden } : {}) })) } : {}),
    })),
  );
}

/**
 * Creates a property (`properties.create`). A 409 means the property exists: `{ created: false }`. Safe to repeat (a
 * repeated create after a lost answer ends in that 409), so it is treated as idempotent.
 */
export async function createProperty(client: HubSpotClient, objectType: string, spec: PropertySpec): Promise<Result<{ readonly created: boolean }, CrmError>> {
  const body = {
    name: spec.name,
    label: spec.label,
    type: spec.type,
    fieldType: spec.fieldType,
    groupName: spec.groupName,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.options ? { options: optionsOf(spec.options) } : {}),
    ...(spec.formField !== undefined ? { formField: spec.formField } : {}),
    ...(spec.hasUniqueValue !== undefined ? { hasUniqueValue: spec.hasUniqueValue } : {}),
  };
  const r = await client.call('properties.create', { params: { objectType }, body });
  if (r.ok) return ok({ created: true });
  return r.error.code === 'CONFLICT' ? ok({ created: false }) : r;
}

/**
 * Replaces an enumeration's options (`properties.update`; HubSpot replaces the list): callers pass the existing
 * options plus the new ones, so nothing a portal relies on is removed. Idempotent.
 */
export async function updatePropertyOptions(client: HubSpotClient, objectType: string, name: string, options: NonNullable<PropertySpec['options']>): Promise<Result<void, CrmError>> {
  const r = await client.call('properties.update', { params: { objectType, propertyName: name }, body: { options: optionsOf(options) } });
  return r.ok ? ok(undefined) : r;
}

/** A type's property groups (`properties.groups.list`). */
export async function listPropertyGroups(client: HubSpotClient, objectType: string): Promise<Result<readonly { name: string; label: string }[], CrmError>> {
  const r = await send(client, 'properties.groups.list', { params: { objectType } }, PropertyGroupListSchema, 'the property groups');
  return r.ok ? ok(r.value.results.map((g) => ({ name: g.name, label: g.label }))) : r;
}

/** Creates a property group (`properties.groups.create`); 409 = exists (`created: false`). */
export async function createPropertyGroup(
  client: HubSpotClient,
  objectType: string,
  group: { readonly name: string; readonly label: string; readonly displayOrder?: number },
): Promise<Result<{ readonly created: boolean }, CrmError>> {
  const r = await client.call('properties.groups.create', { params: { objectType }, body: { name: group.name, label: group.label, displayOrder: group.displayOrder ?? -1 } });
  if (r.ok) return ok({ created: true });
  return r.error.code === 'CONFLICT' ? ok({ created: false }) : r;
}
