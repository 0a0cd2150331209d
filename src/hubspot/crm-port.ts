import type { CrmError } from './errors';
import { err, ok, type Result } from '../core/result';
import type { BatchFailure, BatchOutcome } from './batch';
import { createHubSpotClient, type HubSpotClient, type HubSpotClientOptions, type Usage } from './client';
import * as api from './crm-api';
import { toCrmRecord, type AssociatedRef, type CrmRecord, type Owner, type Pipeline, type RawRecord } from './records';
import { keysetPageRequest, nextKeysetCursor, type SearchRequest } from './search';

/**
 * The CRM operations the workflows need, in domain shapes (plain data, ISO times, no wire types). This is the one way
 * into HubSpot for everything outside the client layer. Every method answers a `Result` and never throws for HTTP
 * reasons; errors are the client layer's `CrmError`. Each call goes through one `HubSpotClient`, so its retries,
 * pacing, deadline and usage counters apply.
 *
 * Object types are HubSpot's plural names (`contacts`, `companies`, `tickets`, `deals`, `notes`) or type ids.
 * Batch methods take any number of items and send them in chunks of HubSpot's batch size.
 */
export interface CrmPort {
  /**
   * One record: 1 call (GET). `associations` lists plural types to include (`['companies']`); for companies the
   * primary one is flagged; an association list HubSpot pages is followed to the end. History is newest first.
   * 404 → NOT_FOUND.
   */
  getRecord(objectType: string, id: string, options?: RecordReadOptions): Promise<Result<CrmRecord, CrmError>>;

  /**
   * Many records by id: 1 call per 100 ids (batch read). Unknown ids are in `failures` (NOT_FOUND), never
   * silently missing. No associations (batch read does not support them).
   */
  batchRead(objectType: string, ids: readonly string[], options?: Omit<RecordReadOptions, 'associations'>): Promise<Result<RecordsOutcome, CrmError>>;

  /**
   * Records with their properties and the ids of one associated type, read as cheaply as HubSpot allows: one GET
   * with inline associations for a single record, else a batch read plus one association batch read (outside
   * the 10-second window). Every requested id that exists is in `records`; unknown ids are failures (NOT_FOUND).
   */
  readWithAssociations(
    objectType: string,
    ids: readonly string[],
    toType: string,
    options: Omit<RecordReadOptions, 'associations'>,
  ): Promise<Result<{ readonly records: readonly (CrmRecord & { readonly associated: readonly string[] })[]; readonly failures: BatchFailure[] }, CrmError>>;

  /** PATCH one record's properties (`""` clears a value): 1 call, retried safely. Returns the record as written. */
  update(objectType: string, id: string, properties: Readonly<Record<string, string>>): Promise<Result<CrmRecord, CrmError>>;

  /**
   * Updates many records: 1 call per 100, each row's failure named in `failures`; a single row is sent as a PATCH
   * (the same one call, and HubSpot's answer for one record).
   */
  batchUpdate(objectType: string, inputs: readonly UpdateInput[]): Promise<Result<RecordsOutcome, CrmError>>;

  /**
   * Creates records, each at most once: 1 call per 100. After an answer that may have been applied (5xx, timeout),
   * a chunk is created again only for the rows `findExisting` does not find (it must not use search: search lags).
   * `created` maps each input position to its record; a row that failed is in `failures` under its position.
   */
  batchCreate(
    objectType: string,
    inputs: readonly CreateInput[],
    findExisting?: (inputs: readonly CreateInput[]) => Promise<Result<ReadonlyMap<number, CrmRecord>, CrmError>>,
  ): Promise<Result<{ readonly created: ReadonlyMap<number, CrmRecord>; readonly failures: BatchFailure[] }, CrmError>>;

  /**
   * One search page: 1 call in the search window (5/s per account). `total` counts every match even when the page
   * is capped. Results lag writes by a few seconds. At most 200 per page, 5 groups × 6 filters, 18 in all.
   */
  search(objectType: string, request: SearchRequest): Promise<Result<{ readonly total: number; readonly records: CrmRecord[]; readonly after?: string }, CrmError>>;

  /**
   * Every match of a search in `hs_object_id` order, past the 10,000-result cap (keyset paging: 1 search call per
   * 200 matches), starting after `afterId` (a resumed run). Leave `sorts` empty; each filter group may hold at most 5
   * filters of its own. The next page is asked for as soon as a page is handed out, so the search (which has its
   * own limit of 5 a second) runs while the caller works on the page. Stops after yielding an error.
   */
  searchAll(
    objectType: string,
    request: SearchRequest,
    options?: { readonly afterId?: string | null; readonly pageSize?: number },
  ): AsyncGenerator<Result<SearchAllPage, CrmError>>;

  /** All owners with their teams (1 call per 100 owners); `includeArchived` adds the archived ones (more calls). */
  listOwners(options?: { readonly includeArchived?: boolean }): Promise<Result<Owner[], CrmError>>;

  /** Pipelines with stages of `tickets` or `deals`: 1 call. Stage metadata values are strings. */
  getPipelines(objectType: 'tickets' | 'deals'): Promise<Result<Pipeline[], CrmError>>;

  /**
   * Associated ids for many records (association batch read, 1 call per 1,000 records, outside the 10-second window per
   * HubSpot's spec). Every requested id is in the map (empty when it has none).
   */
  batchAssociatedIds(fromType: string, toType: string, ids: readonly string[]): Promise<Result<ReadonlyMap<string, AssociatedRef[]>, CrmError>>;

  /** Archives (recycle bin) records: 1 call per 100; ids already gone are not failures. */
  batchArchive(objectType: string, ids: readonly string[]): Promise<Result<{ readonly failures: BatchFailure[] }, CrmError>>;

  /** The object type's property definitions (1 call). */
  listProperties(objectType: string): Promise<Result<readonly PropertyDefinition[], CrmError>>;
  /** Creates a property; `created: false` when one of that name exists (409). */
  createProperty(objectType: string, spec: PropertySpec): Promise<Result<{ readonly created: boolean }, CrmError>>;
  /** Replaces an enumeration's options (pass the existing ones too: HubSpot replaces the list). */
  updatePropertyOptions(objectType: string, name: string, options: PropertySpec['options'] & object): Promise<Result<void, CrmError>>;
  listPropertyGroups(objectType: string): Promise<Result<readonly { readonly name: string; readonly label: string }[], CrmError>>;
  createPropertyGroup(objectType: string, group: { readonly name: string; readonly label: string }): Promise<Result<{ readonly created: boolean }, CrmError>>;

  /** Calls, 429s, retries, timeouts and daily headroom of this port's client so far. */
  usage(): Usage;
}

/** An existing property as the properties API lists it. */
export type PropertyDefinition = api.ExistingPropertyInfo;
export type CreateInput = api.CreateInput;
export type PropertySpec = api.PropertySpec;
export type UpdateInput = api.UpdateInput;

/** One page of `searchAll`: its records, every match of the query (`total`, from the first page), the last id. */
export interface SearchAllPage {
  readonly records: readonly CrmRecord[];
  readonly total: number;
  /** The highest id of this page: where a resumed run continues. */
  readonly lastId: string | null;
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

/** note → record association type ids (HubSpot's defaults, the same in every portal). */
export const NOTE_ASSOCIATION_TYPE: Readonly<Record<string, number>> = { contacts: 202, companies: 190, deals: 214, tickets: 228 };

/** Errors of a single-row batch update that fail that row only, as they would inside a batch (the rest stop the run). */
const ROW_FAILURES = new Set<CrmError['code']>(['NOT_FOUND', 'BAD_REQUEST', 'VALIDATION_RULE']);

/** Primary association type ids (contact/deal/ticket → company and back). */
const PRIMARY_TYPE_IDS = new Set([1, 2, 5, 6, 25, 26]);

function toOutcome(o: BatchOutcome<RawRecord>): RecordsOutcome {
  return { records: o.results.map(toCrmRecord), failures: o.failures };
}

const toRef = (x: api.AssociatedObject): AssociatedRef => ({
  id: x.toObjectId,
  primary: x.associationTypes.some((t) => PRIMARY_TYPE_IDS.has(t.typeId) || t.label === 'Primary'),
  types: x.associationTypes.map((t) => String(t.typeId)),
});

/** Builds the port over an existing client (tests and tools share one client across ports). */
export function crmPortFor(client: HubSpotClient): CrmPort {
  const withAssociatedIds = (record: CrmRecord, ids: readonly string[]) => ({ ...record, associated: ids });

  return {
    async getRecord(objectType, id, o = {}) {
      const r = await api.getObject(client, objectType, id, o);
      if (!r.ok) return r;
      const record = toCrmRecord(r.value);
      // HubSpot lists a limited number of associations inline; a paged list is read to the end through the association list.
      const paged = (o.associations ?? []).filter((toType) => r.value.associations?.[toType]?.paging);
      if (paged.length === 0) return ok(record);
      const associations = { ...record.associations };
      for (const toType of paged) {
        const all = await api.collect(api.listAssociations(client, objectType, id, toType));
        if (!all.ok) return all;
        associations[toType] = all.value.map(toRef);
      }
      return ok({ ...record, associations });
    },

    async batchRead(objectType, ids, o = {}) {
      const r = await api.batchRead(client, objectType, ids, o);
      return r.ok ? ok(toOutcome(r.value)) : r;
    },

    async readWithAssociations(objectType, ids, toType, o) {
      const unique = [...new Set(ids)];
      const [only] = unique;
      if (unique.length === 1 && only !== undefined) {
        const one = await this.getRecord(objectType, only, { ...o, associations: [toType] });
        if (!one.ok) return one.error.code === 'NOT_FOUND' ? ok({ records: [], failures: [{ ids: [only], error: one.error }] }) : one;
        return ok({ records: [withAssociatedIds(one.value, (one.value.associations[toType] ?? []).map((a) => a.id))], failures: [] });
      }
      const [read, linked] = await Promise.all([this.batchRead(objectType, unique, o), this.batchAssociatedIds(objectType, toType, unique)]);
      if (!read.ok) return read;
      if (!linked.ok) return linked;
      return ok({ records: read.value.records.map((rec) => withAssociatedIds(rec, (linked.value.get(rec.id) ?? []).map((a) => a.id))), failures: read.value.failures });
    },

    async update(objectType, id, properties) {
      const r = await api.updateObject(client, objectType, id, properties);
      return r.ok ? ok(toCrmRecord(r.value)) : r;
    },

    async batchUpdate(objectType, inputs) {
      const [only] = inputs;
      if (inputs.length === 1 && only !== undefined) {
        const one = await this.update(objectType, only.id, only.properties);
        if (one.ok) return ok({ records: [one.value], failures: [] });
        return ROW_FAILURES.has(one.error.code) || one.error.retryable ? ok({ records: [], failures: [{ ids: [only.id], error: one.error }] }) : one;
      }
      const r = await api.batchUpdate(client, objectType, inputs);
      return r.ok ? ok(toOutcome(r.value)) : r;
    },

    async batchCreate(objectType, inputs, findExisting) {
      const find = findExisting
        ? async (chunkInputs: readonly api.CreateInput[]) => {
            const found = await findExisting(chunkInputs);
            if (!found.ok) return found;
            // The raw shape the batch helper hands back; history and associations are not needed of a found record.
            return ok(new Map([...found.value].map(([i, rec]) => [i, { id: rec.id, properties: { ...rec.properties }, createdAt: rec.createdAt, updatedAt: rec.updatedAt }])));
          }
        : undefined;
      const r = await api.batchCreate(client, objectType, inputs, find);
      if (!r.ok) return r;
      const created = new Map<number, CrmRecord>(r.value.results.map((row) => [row.index, toCrmRecord(row.record)]));
      return ok({ created, failures: r.value.failures });
    },

    async search(objectType, request) {
      const r = await api.search(client, objectType, request);
      if (!r.ok) return r;
      return ok({ total: r.value.total, records: r.value.results.map(toCrmRecord), ...(r.value.after ? { after: r.value.after } : {}) });
    },

    async *searchAll(objectType, request, o = {}) {
      const size = o.pageSize ?? 200;
      const fetchPage = async (after: string | null): Promise<Result<{ readonly total: number; readonly records: CrmRecord[] }, CrmError>> => {
        const body = keysetPageRequest(request, after, size);
        return body.ok ? this.search(objectType, body.value) : body;
      };
      let after = o.afterId ?? null;
      let total: number | null = null;
      let pending = fetchPage(after);
      for (;;) {
        const page = await pending;
        if (!page.ok) {
          yield page;
          return;
        }
        total ??= page.value.total;
        const next = nextKeysetCursor(page.value.records, size);
        if (next !== null && next === after) {
          yield err({ code: 'HUBSPOT_UNAVAILABLE', message: `HubSpot search did not advance past id ${next}; stopped (run again to continue).`, retryable: true });
          return;
        }
        if (next !== null) pending = fetchPage(next);
        const records = page.value.records;
        yield ok({ records, total, lastId: records[records.length - 1]?.id ?? after });
        if (next === null) return;
        after = next;
      }
    },

    async listOwners(o = {}) {
      const walks = [api.collect(api.listOwners(client, { archived: false }))];
      if (o.includeArchived) walks.push(api.collect(api.listOwners(client, { archived: true })));
      const owners: Owner[] = [];
      for (const walk of walks) {
        const r = await walk;
        if (!r.ok) return r;
        for (const o of r.value) {
          owners.push({
            id: o.id,
            email: o.email ?? null,
            firstName: o.firstName ?? null,
            lastName: o.lastName ?? null,
            userId: o.userId ?? null,
            archived: o.archived,
            teams: (o.teams ?? []).map((t) => ({ id: t.id, name: t.name, primary: t.primary ?? false })),
          });
        }
      }
      return ok(owners);
    },

    async getPipelines(objectType) {
      const r = await api.getPipelines(client, objectType);
      if (!r.ok) return r;
      const out: Pipeline[] = [];
      for (const p of r.value) {
        if (p.archived) continue;
        out.push({
          id: p.id,
          label: p.label,
          displayOrder: p.displayOrder,
          stages: p.stages
            .filter((st) => !st.archived)
            .sort((x, y) => x.displayOrder - y.displayOrder)
            .map((st) => ({ id: st.id, label: st.label, displayOrder: st.displayOrder, metadata: st.metadata ?? {} })),
        });
      }
      return ok(out.sort((x, y) => x.displayOrder - y.displayOrder));
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

    async batchArchive(objectType, ids) {
      const r = await api.batchArchive(client, objectType, ids);
      return r.ok ? ok({ failures: r.value.failures }) : r;
    },

    listProperties: (objectType) => api.listProperties(client, objectType),
    createProperty: (objectType, spec) => api.createProperty(client, objectType, spec),
    updatePropertyOptions: (objectType, name, options) => api.updatePropertyOptions(client, objectType, name, options),
    listPropertyGroups: (objectType) => api.listPropertyGroups(client, objectType),
    createPropertyGroup: (objectType, group) => api.createPropertyGroup(client, objectType, group),

    usage: () => client.usage(),
  };
}

/** Builds a client with `options` and the port over it. */
export function createCrmPort(options: HubSpotClientOptions): CrmPort & { readonly client: HubSpotClient } {
  const client = createHubSpotClient(options);
  return Object.assign(crmPortFor(client), { client });
}
