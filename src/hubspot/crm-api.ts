import type { CrmError } from './errors';
import { err, ok, type Result } from '../core/result';
import { ASSOCIATION_BATCH_READ_LIMIT, chunk, foldBatchAnswer, mergeOutcomes, OBJECT_BATCH_LIMIT, type BatchOutcome, type RowError } from './batch';
import type { CallFailure, HubSpotClient, HttpInfoLike, Operation } from './client';
import { createOnce, type CreateOnceResult } from './create-once';
import type { LimitClass } from './rate-window';
import { keysetPageRequest, nextKeysetCursor, validateSearch, type SearchRequest } from './search';

/**
 * Typed HubSpot operations over the client's policy: one function per endpoint we use, plus the helpers that
 * chunk, page and window. Everything answers `Result`s; nothing throws for HTTP reasons.
 *
 * The SDK's own request and response models are used as they come (typed objects; `Date`s for timestamps).
 * `crm-port.ts` turns them into the domain shapes of `records.ts`.
 */

/** A record as the SDK returns it. */
export interface SdkRecord {
  readonly id: string;
  readonly properties: { [key: string]: string | null };
  readonly propertiesWithHistory?: { [key: string]: readonly { value: string; timestamp: Date; sourceType: string; sourceId?: string }[] };
  readonly associations?: { [key: string]: { results: readonly { id: string; type: string }[] } };
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly archived?: boolean;
}

interface SdkBatchAnswer<T> {
  readonly results: T[];
  readonly errors?: readonly RowError[];
}

const op = (name: string, method: Operation['method'], path: string, limitClass: LimitClass, idempotent = true): Operation => ({
  name,
  method,
  path,
  limitClass,
  idempotent,
});

// The SDK types filter operators, property types and association categories as TypeScript enums whose values are
// exactly HubSpot's strings; our own string unions carry the same values. This is the one place that says so.
function sdkShape<T>(value: unknown): T {
  return value as T;
}

// ---------------------------------------------------------------------------------------------------------------
// Single records
// ---------------------------------------------------------------------------------------------------------------

export interface ReadOptions {
  readonly properties?: readonly string[];
  readonly propertiesWithHistory?: readonly string[];
  /** Plural object types to list associations to (v3 `associations=`), e.g. `['companies']`. */
  readonly associations?: readonly string[];
  /** Read by a unique property instead of the id (e.g. `email`). */
  readonly idProperty?: string;
}

/** GET `/crm/v3/objects/{type}/{id}`. 404 → NOT_FOUND. */
export function getObject(client: HubSpotClient, objectType: string, id: string, o: ReadOptions = {}): Promise<Result<SdkRecord, CrmError>> {
  return client.call(op('objects.getById', 'GET', `/crm/v3/objects/${objectType}/{id}`, 'ten-secondly'), (a) =>
    a.objects.basicApi.getByIdWithHttpInfo(
      objectType,
      id,
      o.properties ? [...o.properties] : undefined,
      o.propertiesWithHistory ? [...o.propertiesWithHistory] : undefined,
      o.associations ? [...o.associations] : undefined,
      undefined,
      o.idProperty,
    ),
  );
}

/** PATCH `/crm/v3/objects/{type}/{id}` (idempotent: the same properties again change nothing). */
export function updateObject(client: HubSpotClient, objectType: string, id: string, properties: Readonly<Record<string, string>>): Promise<Result<SdkRecord, CrmError>> {
  return client.call(op('objects.update', 'PATCH', `/crm/v3/objects/${objectType}/{id}`, 'ten-secondly'), (a) =>
    a.objects.basicApi.updateWithHttpInfo(objectType, id, { properties: { ...properties } }),
  );
}

/** DELETE `/crm/v3/objects/{type}/{id}` (to the recycle bin). Idempotent; a 404 means it is already gone. */
export function archiveObject(client: HubSpotClient, objectType: string, id: string): Promise<Result<void, CrmError>> {
  return client.call(op('objects.archive', 'DELETE', `/crm/v3/objects/${objectType}/{id}`, 'ten-secondly'), (a) =>
    a.objects.basicApi.archiveWithHttpInfo(objectType, id),
  );
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

const sdkAssociations = (list: readonly AssociationInput[] | undefined) =>
  sdkShape<[]>(
    (list ?? []).map((x) => ({
      to: { id: x.toId },
      types: [{ associationCategory: x.category ?? 'HUBSPOT_DEFINED', associationTypeId: x.associationTypeId }],
    })),
  );

/**
 * POST `/crm/v3/objects/{type}` once, without any reconciliation: after a 5xx or a timeout the answer is
 * `ambiguous` (the record may exist). Prefer `createObjectOnce`.
 */
export function createObjectRaw(client: HubSpotClient, objectType: string, input: CreateInput): Promise<Result<SdkRecord, CallFailure>> {
  return client.callDetailed(op('objects.create', 'POST', `/crm/v3/objects/${objectType}`, 'ten-secondly', false), (a) =>
    a.objects.basicApi.createWithHttpInfo(objectType, { properties: { ...input.properties }, associations: sdkAssociations(input.associations) }),
  );
}

/**
 * Creates a record at most once: on an ambiguous failure asks `findExisting` (which must not use search: search
 * lags) and creates again only when it finds nothing. See `createOnce`.
 */
export function createObjectOnce(
  client: HubSpotClient,
  objectType: string,
  input: CreateInput,
  findExisting: () => Promise<Result<SdkRecord | null, CrmError>>,
): Promise<Result<CreateOnceResult<SdkRecord>, CrmError>> {
  return createOnce({ create: () => createObjectRaw(client, objectType, input), findExisting });
}

// ---------------------------------------------------------------------------------------------------------------
// Batches (chunked to 100; 207s surfaced row by row)
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
  send: (chunkItems: I[]) => Promise<Result<BatchOutcome<T>, CrmError>>,
): Promise<Result<BatchOutcome<T>, CrmError>> {
  const outcomes: BatchOutcome<T>[] = [];
  for (const part of chunk(items, size)) {
    const r = await send(part);
    if (r.ok) {
      outcomes.push(r.value);
      continue;
    }
    if (FATAL.has(r.error.code)) return r;
    outcomes.push({ results: [], failures: [{ ids: part.map(keyOf), error: r.error }] });
  }
  return ok(mergeOutcomes(outcomes));
}

/**
 * POST `/crm/v3/objects/{type}/batch/read`, chunked to 100. Ids HubSpot does not know come back as failures
 * (NOT_FOUND), never silently missing. Batch read does not support associations (reference §2).
 */
export function batchRead(
  client: HubSpotClient,
  objectType: string,
  ids: readonly string[],
  o: { properties?: readonly string[]; propertiesWithHistory?: readonly string[]; idProperty?: string } = {},
): Promise<Result<BatchOutcome<SdkRecord>, CrmError>> {
  const unique = [...new Set(ids)];
  return runChunks(unique, OBJECT_BATCH_LIMIT, (x) => x, async (part) => {
    const r = await client.call(op('objects.batchRead', 'POST', `/crm/v3/objects/${objectType}/batch/read`, 'ten-secondly'), (a) =>
      a.objects.batchApi.readWithHttpInfo(objectType, {
        inputs: part.map((id) => ({ id })),
        // Rows are matched back by the id property, so it must come back with them.
        properties: o.idProperty && !(o.properties ?? []).includes(o.idProperty) ? [...(o.properties ?? []), o.idProperty] : [...(o.properties ?? [])],
        propertiesWithHistory: [...(o.propertiesWithHistory ?? [])],
        ...(o.idProperty ? { idProperty: o.idProperty } : {}),
      }) as Promise<HttpInfoLike<SdkBatchAnswer<SdkRecord>>>,
    );
    if (!r.ok) return r;
    const keyOf = o.idProperty ? (rec: SdkRecord) => rec.properties[o.idProperty as string] ?? undefined : (rec: SdkRecord) => rec.id;
    return ok(foldBatchAnswer(part, r.value.results, r.value.errors, keyOf));
  });
}

export interface UpdateInput {
  readonly id: string;
  readonly properties: Readonly<Record<string, string>>;
}

/**
 * POST `/crm/v3/objects/{type}/batch/update`, chunked to 100. Idempotent, so retried after 5xx and timeouts.
 * Rows HubSpot rejects (207) come back as failures with their ids.
 */
export function batchUpdate(client: HubSpotClient, objectType: string, inputs: readonly UpdateInput[]): Promise<Result<BatchOutcome<SdkRecord>, CrmError>> {
  return runChunks(inputs, OBJECT_BATCH_LIMIT, (x) => x.id, async (part) => {
    const r = await client.call(op('objects.batchUpdate', 'POST', `/crm/v3/objects/${objectType}/batch/update`, 'ten-secondly'), (a) =>
      a.objects.batchApi.updateWithHttpInfo(objectType, { inputs: part.map((x) => ({ id: x.id, properties: { ...x.properties } })) }) as Promise<
        HttpInfoLike<SdkBatchAnswer<SdkRecord>>
      >,
    );
    if (!r.ok) return r;
    return ok(foldBatchAnswer(part.map((x) => x.id), r.value.results, r.value.errors, (rec) => rec.id));
  });
}

export interface UpsertInput {
  /** The value of `idProperty` (e.g. the email). */
  readonly id: string;
  readonly idProperty: string;
  readonly properties: Readonly<Record<string, string>>;
}

/** POST `/crm/v3/objects/{type}/batch/upsert`, chunked to 100. Results carry `new` (created or updated). */
export function batchUpsert(
  client: HubSpotClient,
  objectType: string,
  inputs: readonly UpsertInput[],
): Promise<Result<BatchOutcome<SdkRecord & { readonly new?: boolean }>, CrmError>> {
  return runChunks(inputs, OBJECT_BATCH_LIMIT, (x) => x.id, async (part) => {
    const r = await client.call(op('objects.batchUpsert', 'POST', `/crm/v3/objects/${objectType}/batch/upsert`, 'ten-secondly'), (a) =>
      a.objects.batchApi.upsertWithHttpInfo(objectType, {
        inputs: part.map((x) => ({ id: x.id, idProperty: x.idProperty, properties: { ...x.properties } })),
      }) as Promise<HttpInfoLike<SdkBatchAnswer<SdkRecord & { new?: boolean }>>>,
    );
    if (!r.ok) return r;
    const byValue = new Map(part.map((x) => [x.id.toLowerCase(), x.id]));
    const keyOf = (rec: SdkRecord) => {
      const prop = part[0]?.idProperty;
      const v = prop ? rec.properties[prop] : undefined;
      return v ? (byValue.get(v.toLowerCase()) ?? v) : undefined;
    };
    return ok(foldBatchAnswer(part.map((x) => x.id), r.value.results, r.value.errors, keyOf));
  });
}

/** POST `/crm/v3/objects/{type}/batch/archive`, chunked to 100 (204; idempotent). */
export function batchArchive(client: HubSpotClient, objectType: string, ids: readonly string[]): Promise<Result<BatchOutcome<string>, CrmError>> {
  return runChunks([...new Set(ids)], OBJECT_BATCH_LIMIT, (x) => x, async (part) => {
    const r = await client.call(op('objects.batchArchive', 'POST', `/crm/v3/objects/${objectType}/batch/archive`, 'ten-secondly'), (a) =>
      a.objects.batchApi.archiveWithHttpInfo(objectType, { inputs: part.map((id) => ({ id })) }),
    );
    return r.ok ? ok({ results: part, failures: [] }) : r;
  });
}

/**
 * POST `/crm/v3/objects/{type}/batch/create`, chunked to 100, each input tagged with an `objectWriteTraceId` so
 * HubSpot reports failures row by row. Keys of results and failures are input positions (`"0"`, `"1"`, …).
 *
 * Never repeated blindly: 429/423/477 (not applied) are retried; after a 5xx or a timeout a chunk is repeated only
 * through `findExisting`, which gets the chunk's inputs and answers, per position, the record that already exists
 * (use associations v4 + batch read, never search). Without `findExisting`, such a chunk is reported as failed
 * with "may or may not have been applied".
 */
export async function batchCreate(
  client: HubSpotClient,
  objectType: string,
  inputs: readonly CreateInput[],
  findExisting?: (inputs: readonly CreateInput[]) => Promise<Result<ReadonlyMap<number, SdkRecord>, CrmError>>,
): Promise<Result<BatchOutcome<{ readonly index: number; readonly record: SdkRecord; readonly created: boolean }>, CrmError>> {
  const indexed = inputs.map((input, index) => ({ input, index }));
  type Row = { readonly index: number; readonly record: SdkRecord; readonly created: boolean };
  return runChunks(indexed, OBJECT_BATCH_LIMIT, (x) => String(x.index), async (part) => {
    const send = () =>
      client.callDetailed(op('objects.batchCreate', 'POST', `/crm/v3/objects/${objectType}/batch/create`, 'ten-secondly', false), (a) =>
        a.objects.batchApi.createWithHttpInfo(objectType, {
          inputs: part.map((x) => ({
            properties: { ...x.input.properties },
            associations: sdkAssociations(x.input.associations),
            objectWriteTraceId: String(x.index),
          })),
        }) as Promise<HttpInfoLike<SdkBatchAnswer<SdkRecord & { objectWriteTraceId?: string }>>>,
      );
    const fold = (answer: SdkBatchAnswer<SdkRecord & { objectWriteTraceId?: string }>): BatchOutcome<Row> => {
      const traces = new Map(part.map((x) => [String(x.index), String(x.index)]));
      // HubSpot echoes objectWriteTraceId on each result; should an answer lack them, a complete answer without
      // errors is matched by position (HubSpot keeps the input order), anything else is reported as unmatched.
      const untraced = answer.results.every((rec) => rec.objectWriteTraceId === undefined);
      const byPosition = untraced && (answer.errors ?? []).length === 0 && answer.results.length === part.length;
      const keyOf = (rec: SdkRecord & { objectWriteTraceId?: string }): string | undefined => {
        if (rec.objectWriteTraceId !== undefined) return rec.objectWriteTraceId;
        const i = answer.results.indexOf(rec);
        return byPosition && i >= 0 ? String(part[i]?.index) : undefined;
      };
      const folded = foldBatchAnswer(part.map((x) => String(x.index)), answer.results, answer.errors, keyOf, traces);
      return {
        results: folded.results.flatMap((rec) => {
          const key = keyOf(rec);
          return key === undefined ? [] : [{ index: Number(key), record: rec, created: true }];
        }),
        failures: folded.failures,
      };
    };
    if (!findExisting) {
      const r = await send();
      return r.ok ? ok(fold(r.value)) : err(r.error.error);
    }
    const r = await createOnce<BatchOutcome<Row>>({
      create: async () => {
        const attempt = await send();
        return attempt.ok ? ok(fold(attempt.value)) : attempt;
      },
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
 * Walks cursor pages: yields each page's results as `ok`, or one `err` and stops. Unlike the SDK's `getAll`,
 * a cursor that repeats ends the walk with an error instead of looping forever (reference §8).
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

const afterOf = (paging: { next?: { after?: string } } | undefined): { after?: string } => (paging?.next?.after ? { after: paging.next.after } : {});

/** GET `/crm/v3/objects/{type}` page by page (limit ≤ 100; ≤ 50 with history, HubSpot's cap). */
export function listObjects(
  client: HubSpotClient,
  objectType: string,
  o: { properties?: readonly string[]; propertiesWithHistory?: readonly string[]; limit?: number } = {},
): AsyncGenerator<Result<readonly SdkRecord[], CrmError>> {
  const limit = Math.min(o.limit ?? 100, o.propertiesWithHistory?.length ? 50 : 100);
  return pages(async (after) => {
    const r = await client.call(op('objects.getPage', 'GET', `/crm/v3/objects/${objectType}`, 'ten-secondly'), (a) =>
      a.objects.basicApi.getPageWithHttpInfo(
        objectType,
        limit,
        after,
        o.properties ? [...o.properties] : undefined,
        o.propertiesWithHistory ? [...o.propertiesWithHistory] : undefined,
      ),
    );
    return r.ok ? ok({ results: r.value.results, ...afterOf(r.value.paging) }) : r;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------------------------

export interface SearchPage {
  /** All matches of the query (capped views still report the full count). */
  readonly total: number;
  readonly results: readonly SdkRecord[];
  /** Offset cursor of the next page; absent on the last. */
  readonly after?: string;
}

/**
 * POST `/crm/v3/objects/{type}/search`, one page. Counted in the search window (5/s per account), not the
 * 10-second one. Validated first against HubSpot's limits (5 groups, 6 filters per group, 18 in all, 200 per page,
 * 10,000 results) so a certain 400 costs no call. Search lags behind writes.
 */
export async function search(client: HubSpotClient, objectType: string, req: SearchRequest): Promise<Result<SearchPage, CrmError>> {
  const valid = validateSearch(req);
  if (!valid.ok) return valid;
  const r = await client.call(op('objects.search', 'POST', `/crm/v3/objects/${objectType}/search`, 'search'), (a) =>
    a.objects.searchApi.doSearchWithHttpInfo(objectType, sdkShape(req)),
  );
  return r.ok ? ok({ total: r.value.total, results: r.value.results, ...afterOf(r.value.paging) }) : r;
}

/**
 * Every match of a search, in `hs_object_id` order, page by page (200 each), past the 10,000-result cap: each page
 * asks for `hs_object_id > last id seen` instead of an offset. `sorts` must be empty (or hs_object_id ascending).
 * Each group gets one more filter, so a group may hold at most 5 of its own.
 */
export function searchAll(client: HubSpotClient, objectType: string, req: SearchRequest, pageSize = 200): AsyncGenerator<Result<readonly SdkRecord[], CrmError>> {
  return (async function* () {
    let lastId: string | null = null;
    for (;;) {
      const body = keysetPageRequest(req, lastId, pageSize);
      if (!body.ok) {
        yield body;
        return;
      }
      const page = await search(client, objectType, body.value);
      if (!page.ok) {
        yield page;
        return;
      }
      yield ok(page.value.results);
      const next = nextKeysetCursor(page.value.results, body.value.limit ?? pageSize);
      if (next === null) return;
      if (lastId !== null && next === lastId) {
        yield err({ code: 'HUBSPOT_UNAVAILABLE', message: 'HubSpot search did not advance past hs_object_id ' + next + '; stopped.', retryable: false });
        return;
      }
      lastId = next;
    }
  })();
}

// ---------------------------------------------------------------------------------------------------------------
// Associations v4
// ---------------------------------------------------------------------------------------------------------------

export interface AssociatedObject {
  readonly toObjectId: string;
  readonly associationTypes: readonly { readonly category: string; readonly typeId: number; readonly label?: string | null }[];
}

/** GET `/crm/v4/objects/{type}/{id}/associations/{toType}`, every page (500 each). No search lag. */
export function listAssociations(client: HubSpotClient, fromType: string, id: string, toType: string): AsyncGenerator<Result<readonly AssociatedObject[], CrmError>> {
  return pages(async (after) => {
    const r = await client.call(op('associations.getPage', 'GET', `/crm/v4/objects/${fromType}/{id}/associations/${toType}`, 'ten-secondly'), (a) =>
      a.associationsV4.basicApi.getPageWithHttpInfo(fromType, id, toType, after, 500),
    );
    if (!r.ok) return r;
    return ok({
      results: r.value.results.map((x) => ({ toObjectId: String(x.toObjectId), associationTypes: x.associationTypes })),
      ...afterOf(r.value.paging),
    });
  });
}

/**
 * POST `/crm/v4/associations/{from}/{to}/batch/read` for many records (≤ 1,000 per call), following each
 * record's own `paging` until done. Counted in the association-batch window (exempt from the 10-second one per
 * HubSpot's spec; configurable). Records without associations map to []; ids HubSpot rejects are failures.
 */
export async function batchReadAssociations(
  client: HubSpotClient,
  fromType: string,
  toType: string,
  ids: readonly string[],
): Promise<Result<{ readonly byId: ReadonlyMap<string, AssociatedObject[]>; readonly failures: BatchOutcome<never>['failures'] }, CrmError>> {
  const byId = new Map<string, AssociatedObject[]>();
  const unique = [...new Set(ids)];
  for (const id of unique) byId.set(id, []);
  const failures: BatchOutcome<never>['failures'] = [];
  let pending: { id: string; after?: string }[] = unique.map((id) => ({ id }));
  while (pending.length > 0) {
    const nextRound: { id: string; after?: string }[] = [];
    for (const part of chunk(pending, ASSOCIATION_BATCH_READ_LIMIT)) {
      const r = await client.call(op('associations.batchRead', 'POST', `/crm/v4/associations/${fromType}/${toType}/batch/read`, 'association-batch'), (a) =>
        a.associationsV4.batchApi.getPageWithHttpInfo(fromType, toType, { inputs: part.map((p) => (p.after ? { id: p.id, after: p.after } : { id: p.id })) }) as Promise<
          HttpInfoLike<SdkBatchAnswer<{ _from: { id: string }; to: { toObjectId: string | number; associationTypes: AssociatedObject['associationTypes'] }[]; paging?: { next?: { after?: string } } }>>
        >,
      );
      if (!r.ok) {
        if (FATAL.has(r.error.code)) return r;
        failures.push({ ids: part.map((p) => p.id), error: r.error });
        continue;
      }
      const seen = new Set<string>();
      for (const row of r.value.results) {
        const from = String(row._from.id);
        seen.add(from);
        const list = byId.get(from) ?? [];
        for (const t of row.to) list.push({ toObjectId: String(t.toObjectId), associationTypes: t.associationTypes });
        byId.set(from, list);
        const after = row.paging?.next?.after;
        if (after) nextRound.push({ id: from, after });
      }
      // HubSpot answers 207 for ids without associations (NO_ASSOCIATIONS_FOUND-like rows): those are empty, not
      // failures; other row errors are surfaced.
      for (const e of r.value.errors ?? []) {
        const ids = [...(e.context?.fromObjectId ?? []), ...(e.context?.ids ?? []), ...(e.id ? [e.id] : [])];
        const noAssoc = /NO_ASSOCIATIONS|no associations/i.test(`${e.category ?? ''} ${String(e.subCategory ?? '')} ${e.message ?? ''}`);
        ids.forEach((x) => seen.add(x));
        if (!noAssoc) failures.push({ ids, error: { code: 'HUBSPOT_UNAVAILABLE', message: e.message ?? 'HubSpot could not read these associations.', retryable: true } });
      }
    }
    pending = nextRound;
  }
  return ok({ byId, failures });
}

/**
 * PUT `/crm/v4/objects/{from}/{id}/associations/default/{to}/{toId}`: the default (unlabeled) association; for
 * contact→company HubSpot may also set the primary one. Idempotent.
 */
export function createDefaultAssociation(client: HubSpotClient, fromType: string, fromId: string, toType: string, toId: string): Promise<Result<void, CrmError>> {
  return client
    .call(op('associations.createDefault', 'PUT', `/crm/v4/objects/${fromType}/{id}/associations/default/${toType}/{toId}`, 'ten-secondly'), (a) =>
      a.associationsV4.basicApi.createDefaultWithHttpInfo(fromType, fromId, toType, toId),
    )
    .then((r) => (r.ok ? ok(undefined) : r));
}

// ---------------------------------------------------------------------------------------------------------------
// Owners, pipelines, properties
// ---------------------------------------------------------------------------------------------------------------

/** A raw owner as the SDK returns it. */
export interface SdkOwner {
  readonly id: string;
  readonly email?: string;
  readonly type: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly userId?: number;
  readonly userIdIncludingInactive?: number;
  readonly archived: boolean;
  readonly teams?: readonly { id: string; name: string; primary?: boolean }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** GET `/crm/v3/owners/` every page (100 each), active owners or, with `archived`, only the archived ones. */
export function listOwners(client: HubSpotClient, o: { archived?: boolean } = {}): AsyncGenerator<Result<readonly SdkOwner[], CrmError>> {
  return pages(async (after) => {
    const r = await client.call(op('owners.getPage', 'GET', '/crm/v3/owners/', 'ten-secondly'), (a) => a.owners.getPageWithHttpInfo(undefined, after, 100, o.archived ?? false));
    return r.ok ? ok({ results: r.value.results, ...afterOf(r.value.paging) }) : r;
  });
}

/** GET `/crm/v3/pipelines/{type}` (tickets, deals): every pipeline with its stages. */
export function getPipelines(client: HubSpotClient, objectType: string): Promise<Result<readonly { id: string; label: string; displayOrder: number; archived?: boolean; stages: { id: string; label: string; displayOrder: number; metadata?: { [k: string]: string }; archived?: boolean }[] }[], CrmError>> {
  return client
    .call(op('pipelines.getAll', 'GET', `/crm/v3/pipelines/${objectType}`, 'ten-secondly'), (a) => a.pipelines.getAllWithHttpInfo(objectType))
    .then((r) => (r.ok ? ok(r.value.results) : r));
}

/** A property to create (reference §7: valid type/fieldType pairs). */
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

/** GET `/crm/v3/properties/{type}` (no paging). */
export function listProperties(client: HubSpotClient, objectType: string): Promise<Result<readonly ExistingPropertyInfo[], CrmError>> {
  return client
    .call(op('properties.getAll', 'GET', `/crm/v3/properties/${objectType}`, 'ten-secondly'), (a) => a.properties.getAllWithHttpInfo(objectType))
    .then((r) => (r.ok ? ok(r.value.results) : r));
}

/**
 * POST `/crm/v3/properties/{type}`. A 409 means the property exists: `{ created: false }`. Safe to repeat (a
 * repeated create after a lost answer ends in that 409), so it is treated as idempotent.
 */
export async function createProperty(client: HubSpotClient, objectType: string, spec: PropertySpec): Promise<Result<{ readonly created: boolean }, CrmError>> {
  const r = await client.call(op('properties.create', 'POST', `/crm/v3/properties/${objectType}`, 'ten-secondly'), (a) =>
    a.properties.createWithHttpInfo(
      objectType,
      sdkShape({
        name: spec.name,
        label: spec.label,
        type: spec.type,
        fieldType: spec.fieldType,
        groupName: spec.groupName,
        ...(spec.description !== undefined ? { description: spec.description } : {}),
        ...(spec.options ? { options: spec.options.map((x, i) => ({ label: x.label, value: x.value, displayOrder: x.displayOrder ?? i, hidden: x.hidden ?? false })) } : {}),
        ...(spec.formField !== undefined ? { formField: spec.formField } : {}),
        ...(spec.hasUniqueValue !== undefined ? { hasUniqueValue: spec.hasUniqueValue } : {}),
      }),
    ),
  );
  if (r.ok) return ok({ created: true });
  return r.error.code === 'CONFLICT' ? ok({ created: false }) : r;
}

/**
 * PATCH `/crm/v3/properties/{type}/{name}` with the full list of options (HubSpot replaces the list): callers pass
 * the existing options plus the new ones, so nothing a portal relies on is removed. Idempotent.
 */
export function updatePropertyOptions(
  client: HubSpotClient,
  objectType: string,
  name: string,
  options: readonly { readonly label: string; readonly value: string; readonly displayOrder?: number; readonly hidden?: boolean }[],
): Promise<Result<void, CrmError>> {
  return client
    .call(op('properties.update', 'PATCH', `/crm/v3/properties/${objectType}/{name}`, 'ten-secondly'), (a) =>
      a.properties.updateWithHttpInfo(objectType, name, {
        options: options.map((o, i) => ({ label: o.label, value: o.value, displayOrder: o.displayOrder ?? i, hidden: o.hidden ?? false })),
      }),
    )
    .then((r) => (r.ok ? ok(undefined) : r));
}

/** GET `/crm/v3/properties/{type}/groups`. */
export function listPropertyGroups(client: HubSpotClient, objectType: string): Promise<Result<readonly { name: string; label: string; displayOrder: number }[], CrmError>> {
  return client
    .call(op('propertyGroups.getAll', 'GET', `/crm/v3/properties/${objectType}/groups`, 'ten-secondly'), (a) => a.propertyGroups.getAllWithHttpInfo(objectType))
    .then((r) => (r.ok ? ok(r.value.results) : r));
}

/** POST `/crm/v3/properties/{type}/groups`; 409 = exists (`created: false`). */
export async function createPropertyGroup(
  client: HubSpotClient,
  objectType: string,
  group: { readonly name: string; readonly label: string; readonly displayOrder?: number },
): Promise<Result<{ readonly created: boolean }, CrmError>> {
  const r = await client.call(op('propertyGroups.create', 'POST', `/crm/v3/properties/${objectType}/groups`, 'ten-secondly'), (a) =>
    a.propertyGroups.createWithHttpInfo(objectType, { name: group.name, label: group.label, displayOrder: group.displayOrder ?? -1 }),
  );
  if (r.ok) return ok({ created: true });
  return r.error.code === 'CONFLICT' ? ok({ created: false }) : r;
}
