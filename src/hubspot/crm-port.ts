import type { WireError } from '../app/cards/shared/contracts';
import { err, ok, type Result } from '../core/result';
import type { BatchFailure, BatchOutcome } from './batch';
import { createHubSpotClient, type HubSpotClient, type HubSpotClientOptions, type Usage } from './client';
import { createOnce } from './create-once';
import * as api from './crm-api';
import {
  RawOwnerSchema,
  RawPipelineSchema,
  RawRecordSchema,
  toCrmRecord,
  type AssociatedRef,
  type CrmRecord,
  type Owner,
  type Pipeline,
} from './records';
import { compareIds, type SearchRequest } from './search';

/**
 * The CRM operations the app functions and tools need, in domain shapes (plain data, ISO times, no SDK types).
 * Every method answers a `Result` and never throws for HTTP reasons; errors are `WireError`s the cards can show.
 * Each call goes through one `HubSpotClient`, so its retries, pacing, deadline and usage counters apply.
 *
 * Object types are HubSpot's plural names (`contacts`, `companies`, `tickets`, `deals`, `notes`) or type ids.
 */
export interface CrmPort {
  /**
   * One record: 1 call (GET). `associations` lists plural types to include (`['companies']`); for companies the
   * primary one is flagged. History is newest first. 404 → NOT_FOUND.
   * Edge: HubSpot caps the associations listed inline (paging is not followed); use `listAssociatedIds` for all.
   */
  getRecord(objectType: string, id: string, options?: RecordReadOptions): Promise<Result<CrmRecord, WireError>>;

  /**
   * Many records by id: 1 call per 100 ids (batch read). Unknown ids are in `failures` (NOT_FOUND), never
   * silently missing. No associations (batch read does not support them).
   */
  batchRead(objectType: string, ids: readonly string[], options?: Omit<RecordReadOptions, 'associations'>): Promise<Result<RecordsOutcome, WireError>>;

  /** PATCH one record's properties (`""` clears a value): 1 call, retried safely. Returns the record as written. */
  update(objectType: string, id: string, properties: Readonly<Record<string, string>>): Promise<Result<CrmRecord, WireError>>;

  /** Updates many records: 1 call per 100, each row's failure named in `failures`. */
  batchUpdate(objectType: string, inputs: readonly api.UpdateInput[]): Promise<Result<RecordsOutcome, WireError>>;

  /**
   * One search page: 1 call in the search window (5/s per account). `total` counts every match even when the page
   * is capped. Results lag writes by a few seconds. At most 200 per page, 5 groups × 6 filters, 18 in all.
   */
  search(objectType: string, request: SearchRequest): Promise<Result<{ readonly total: number; readonly records: CrmRecord[]; readonly after?: string }, WireError>>;

  /**
   * Every match, in hs_object_id order, past the 10,000-result cap (1 search call per 200 matches). Leave `sorts`
   * empty. Yields pages; stops after yielding an error.
   */
  searchAll(objectType: string, request: SearchRequest): AsyncGenerator<Result<readonly CrmRecord[], WireError>>;

  /** All owners with their teams (1 call per 100 owners); `includeArchived` adds the archived ones (more calls). */
  listOwners(options?: { readonly includeArchived?: boolean }): Promise<Result<Owner[], WireError>>;

  /** Pipelines with stages of `tickets` or `deals`: 1 call. Stage metadata values are strings. */
  getPipelines(objectType: 'tickets' | 'deals'): Promise<Result<Pipeline[], WireError>>;

  /**
   * Ids associated with one record (associations v4, no search lag): 1 call per 500. `primary` is true for the
   * primary company (type 1/2/5/26/…, label "Primary").
   */
  listAssociatedIds(objectType: string, id: string, toType: string): Promise<Result<AssociatedRef[], WireError>>;

  /**
   * Associated ids for many records (v4 batch read, 1 call per 1,000 records, outside the 10-second window per
   * HubSpot's spec). Every requested id is in the map (empty when it has none).
   */
  batchAssociatedIds(fromType: string, toType: string, ids: readonly string[]): Promise<Result<ReadonlyMap<string, AssociatedRef[]>, WireError>>;

  /**
   * Creates a note on a record at most once per `key` (DECISIONS 1): the body carries the key; after an ambiguous
   * failure the record's notes are listed (associations v4) and read (batch read) to find it. 1 call normally;
   * 3 more after a 5xx or timeout. `created: false` means a note with this key already existed.
   */
  createNote(input: NoteInput): Promise<Result<{ readonly noteId: string; readonly created: boolean }, WireError>>;

  /** Ids of the record's notes carrying `key`, lowest first (2 calls: v4 list + batch read). */
  findNotesByKey(objectType: string, objectId: string, key: string): Promise<Result<string[], WireError>>;

  /**
   * Converges concurrent `createNote`s: keeps the lowest-id note with `key`, archives the others (2–3 calls).
   * Returns the kept id (null when there is none) and the archived ones.
   */
  dedupeNotes(objectType: string, objectId: string, key: string): Promise<Result<{ readonly kept: string | null; readonly archived: string[] }, WireError>>;

  /** Archives (recycle bin) one record: 1 call. Already gone → NOT_FOUND. */
  archive(objectType: string, id: string): Promise<Result<void, WireError>>;

  /** Calls, 429s, retries, timeouts and daily headroom of this port's client so far (issue 9). */
  usage(): Usage;
}

export interface RecordReadOptions {
  readonly properties?: readonly string[];
  readonly propertiesWithHistory?: readonly string[];
  readonly associations?: readonly string[];
}

export interface RecordsOutcome {
  readonly records: CrmRecord[];
  /** Rows that failed, with their ids and why (207 partial results, chunks that failed as a whole). */
  readonly failures: BatchFailure[];
}

export interface NoteInput {
  /** The record the note is about (`contacts`, `companies`, `tickets`, `deals`). */
  readonly objectType: string;
  readonly objectId: string;
  /** Idempotency key (e.g. record id + hash of the decision); written into the body. */
  readonly key: string;
  /** Note text (HubSpot accepts simple HTML). */
  readonly body: string;
  /** When the note is dated (epoch ms); HubSpot requires `hs_timestamp`. */
  readonly timestamp: number;
}

/** note → record association type ids (reference §3). */
export const NOTE_ASSOCIATION_TYPE: Readonly<Record<string, number>> = { contacts: 202, companies: 190, deals: 214, tickets: 228 };

/** The text that marks a note as ours for `key`; `findNotesByKey` looks for exactly this. */
export const noteKeyMarker = (key: string): string => `[lead-ops key: ${key}]`;

/** Primary association type ids (contact/deal/ticket → company and back). */
const PRIMARY_TYPE_IDS = new Set([1, 2, 5, 6, 25, 26]);

const invalidAnswer = (what: string, detail: string): WireError => ({
  code: 'HUBSPOT_UNAVAILABLE',
  message: `HubSpot sent ${what} we could not read (${detail}).`,
  retryable: false,
});

function parseRecord(raw: unknown): Result<CrmRecord, WireError> {
  const parsed = RawRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(invalidAnswer('a record', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`));
  }
  return ok(toCrmRecord(parsed.data));
}

function parseRecords(raws: readonly unknown[]): Result<CrmRecord[], WireError> {
  const out: CrmRecord[] = [];
  for (const raw of raws) {
    const r = parseRecord(raw);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

function toOutcome(o: BatchOutcome<api.SdkRecord>): Result<RecordsOutcome, WireError> {
  const records = parseRecords(o.results);
  return records.ok ? ok({ records: records.value, failures: o.failures }) : records;
}

const toRef = (x: api.AssociatedObject): AssociatedRef => ({
  id: x.toObjectId,
  primary: x.associationTypes.some((t) => PRIMARY_TYPE_IDS.has(t.typeId) || t.label === 'Primary'),
  types: x.associationTypes.map((t) => String(t.typeId)),
});

/** Builds the port over an existing client (tests and tools share one client across ports). */
export function crmPortFor(client: HubSpotClient): CrmPort {
  async function findNotesByKey(objectType: string, objectId: string, key: string): Promise<Result<string[], WireError>> {
    const refs = await api.collect(api.listAssociations(client, objectType, objectId, 'notes'));
    if (!refs.ok) return refs;
    const ids = refs.value.map((r) => r.toObjectId);
    if (ids.length === 0) return ok([]);
    const read = await api.batchRead(client, 'notes', ids, { properties: ['hs_note_body'] });
    if (!read.ok) return read;
    // Notes archived between the two calls are NOT_FOUND rows: not ours to worry about.
    const marker = noteKeyMarker(key);
    return ok(read.value.results.filter((n) => (n.properties.hs_note_body ?? '').includes(marker)).map((n) => n.id).sort(compareIds));
  }

  return {
    async getRecord(objectType, id, o = {}) {
      const r = await api.getObject(client, objectType, id, o);
      return r.ok ? parseRecord(r.value) : r;
    },

    async batchRead(objectType, ids, o = {}) {
      const r = await api.batchRead(client, objectType, ids, o);
      return r.ok ? toOutcome(r.value) : r;
    },

    async update(objectType, id, properties) {
      const r = await api.updateObject(client, objectType, id, properties);
      return r.ok ? parseRecord(r.value) : r;
    },

    async batchUpdate(objectType, inputs) {
      const r = await api.batchUpdate(client, objectType, inputs);
      return r.ok ? toOutcome(r.value) : r;
    },

    async search(objectType, request) {
      const r = await api.search(client, objectType, request);
      if (!r.ok) return r;
      const records = parseRecords(r.value.results);
      if (!records.ok) return records;
      return ok({ total: r.value.total, records: records.value, ...(r.value.after ? { after: r.value.after } : {}) });
    },

    async *searchAll(objectType, request) {
      for await (const page of api.searchAll(client, objectType, request)) {
        if (!page.ok) {
          yield page;
          return;
        }
        const records = parseRecords(page.value);
        yield records;
        if (!records.ok) return;
      }
    },

    async listOwners(o = {}) {
      const walks = [api.collect(api.listOwners(client, { archived: false }))];
      if (o.includeArchived) walks.push(api.collect(api.listOwners(client, { archived: true })));
      const owners: Owner[] = [];
      for (const walk of walks) {
        const r = await walk;
        if (!r.ok) return r;
        for (const raw of r.value) {
          const p = RawOwnerSchema.safeParse(raw);
          if (!p.success) return err(invalidAnswer('an owner', p.error.issues[0]?.message ?? 'invalid'));
          owners.push({
            id: p.data.id,
            email: p.data.email ?? null,
            firstName: p.data.firstName ?? null,
            lastName: p.data.lastName ?? null,
            userId: p.data.userId ?? null,
            archived: p.data.archived,
            teams: (p.data.teams ?? []).map((t) => ({ id: t.id, name: t.name, primary: t.primary ?? false })),
          });
        }
      }
      return ok(owners);
    },

    async getPipelines(objectType) {
      const r = await api.getPipelines(client, objectType);
      if (!r.ok) return r;
      const out: Pipeline[] = [];
      for (const raw of r.value) {
        const p = RawPipelineSchema.safeParse(raw);
        if (!p.success) return err(invalidAnswer('a pipeline', p.error.issues[0]?.message ?? 'invalid'));
        if (p.data.archived) continue;
        out.push({
          id: p.data.id,
          label: p.data.label,
          displayOrder: p.data.displayOrder,
          stages: p.data.stages
            .filter((s) => !s.archived)
            .sort((a, b) => a.displayOrder - b.displayOrder)
            .map((s) => ({ id: s.id, label: s.label, displayOrder: s.displayOrder, metadata: s.metadata ?? {} })),
        });
      }
      return ok(out.sort((a, b) => a.displayOrder - b.displayOrder));
    },

    async listAssociatedIds(objectType, id, toType) {
      const r = await api.collect(api.listAssociations(client, objectType, id, toType));
      return r.ok ? ok(r.value.map(toRef)) : r;
    },

    async batchAssociatedIds(fromType, toType, ids) {
      const r = await api.batchReadAssociations(client, fromType, toType, ids);
      if (!r.ok) return r;
      const firstFailure = r.value.failures[0];
      if (firstFailure) return err(firstFailure.error);
      const out = new Map<string, AssociatedRef[]>();
      for (const [from, list] of r.value.byId) out.set(from, list.map(toRef));
      return ok(out);
    },

    async createNote(input) {
      const typeId = NOTE_ASSOCIATION_TYPE[input.objectType];
      if (typeId === undefined) return err({ code: 'INVALID_INPUT', message: `Notes cannot be attached to ${input.objectType} here.`, retryable: false });
      const marker = noteKeyMarker(input.key);
      const body = input.body.includes(marker) ? input.body : `${input.body}\n${marker}`;
      const r = await createOnce<string>({
        create: async () => {
          const c = await api.createObjectRaw(client, 'notes', {
            properties: { hs_note_body: body, hs_timestamp: String(input.timestamp) },
            associations: [{ toId: input.objectId, associationTypeId: typeId }],
          });
          return c.ok ? ok(c.value.id) : c;
        },
        findExisting: async () => {
          const found = await findNotesByKey(input.objectType, input.objectId, input.key);
          return found.ok ? ok(found.value[0] ?? null) : found;
        },
      });
      if (!r.ok) return r;
      return ok({ noteId: r.value.value, created: r.value.created });
    },

    findNotesByKey,

    async dedupeNotes(objectType, objectId, key) {
      const ids = await findNotesByKey(objectType, objectId, key);
      if (!ids.ok) return ids;
      const [kept, ...extra] = ids.value;
      if (extra.length === 0) return ok({ kept: kept ?? null, archived: [] });
      const r = await api.batchArchive(client, 'notes', extra);
      return r.ok ? ok({ kept: kept ?? null, archived: extra }) : r;
    },

    archive(objectType, id) {
      return api.archiveObject(client, objectType, id);
    },

    usage: () => client.usage(),
  };
}

/** Builds a client with `options` and the port over it. */
export function createCrmPort(options: HubSpotClientOptions): CrmPort & { readonly client: HubSpotClient } {
  const client = createHubSpotClient(options);
  return Object.assign(crmPortFor(client), { client });
}
