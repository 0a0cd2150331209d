/**
 * What the sandbox reads from the emulator over HTTP on behalf of the page and of the cards' CRM hooks
 * (`useCrmProperties`, `useAssociations`, `useCrmSearch`), with the emulator's token added here so it never reaches
 * the browser. The calls are HubSpot's public API, the same a portal's host would make.
 */
import { z } from 'zod';
import { OBJECT_TYPES, objectTypeFromName, recordTitle, type SandboxObjectType } from './shared/object-types';
import type { AssociationsAnswer, HubSpotApiAnswer, PropertyValues, PropertyView, RecordAnswer, RecordListAnswer, SearchAnswer } from './shared/protocol';

export class EmulatorCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'EmulatorCallError';
  }
}

const ErrorBody = z.looseObject({ message: z.string().optional(), category: z.string().optional() });
const ObjectBody = z.looseObject({ id: z.string(), properties: z.record(z.string(), z.string().nullable()).default({}) });
const SearchBody = z.looseObject({
  total: z.number().default(0),
  results: z.array(ObjectBody).default([]),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});
const BatchBody = z.looseObject({ results: z.array(ObjectBody).default([]) });
const PropertyDef = z.looseObject({
  name: z.string(),
  label: z.string().default(''),
  type: z.string().default('string'),
  groupName: z.string().default(''),
  hidden: z.boolean().default(false),
  options: z.array(z.looseObject({ label: z.string(), value: z.string() })).default([]),
});
const PropertiesBody = z.looseObject({ results: z.array(PropertyDef).default([]) });
const OwnersBody = z.looseObject({
  results: z.array(z.looseObject({ id: z.string(), firstName: z.string().nullish(), lastName: z.string().nullish(), email: z.string().nullish() })).default([]),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});
const AssocBody = z.looseObject({
  results: z
    .array(
      z.looseObject({
        toObjectId: z.union([z.number(), z.string()]),
        associationTypes: z.array(z.looseObject({ category: z.string(), typeId: z.number(), label: z.string().nullable().optional() })).default([]),
      }),
    )
    .default([]),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});

/** Requests from cards: shapes from hooks.synced.d.ts, checked here since they crossed from a worker. */
export const SearchRequest = z.looseObject({
  objectType: z.string().min(1),
  properties: z.array(z.string()).optional(),
  query: z.string().optional(),
  filterGroups: z.array(z.unknown()).optional(),
  sorts: z.array(z.unknown()).optional(),
  pageLength: z.number().int().min(1).max(200).optional(),
  after: z.string().optional(),
});
export const AssociationsRequest = z.looseObject({
  toObjectType: z.string().min(1),
  properties: z.array(z.string()).optional(),
  pageLength: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
});
export const HubSpotApiRequest = z.looseObject({
  path: z.string().regex(/^\/[^\s]*$/, 'expected an API path starting with "/"'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.record(z.string(), z.unknown()).optional(),
});

const CACHE_MS = 15_000;
const DEFAULT_PAGE = 10;

export interface CrmProxyOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Injectable for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

export function createCrmProxy(options: CrmProxyOptions) {
  const doFetch = options.fetch ?? fetch;
  const cache = new Map<string, { at: number; value: unknown }>();

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Record<string, string>; json: unknown }> {
    const res = await doFetch(`${options.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = text;
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { status: res.status, headers, json };
  }

  async function ok<T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> {
    const res = await call(method, path, body);
    if (res.status < 200 || res.status >= 300) {
      const err = ErrorBody.safeParse(res.json);
      throw new EmulatorCallError(`${method} ${path} answered ${res.status}${err.success && err.data.message ? `: ${err.data.message}` : ''}`, res.status);
    }
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) throw new EmulatorCallError(`${method} ${path} answered an unexpected body: ${parsed.error.message}`, 502);
    return parsed.data;
  }

  async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as T;
    const value = await load();
    cache.set(key, { at: Date.now(), value });
    return value;
  }

  const propertyDefinitions = (type: SandboxObjectType['name']) =>
    cached(`props:${type}`, async () => (await ok(PropertiesBody, 'GET', `/crm/v3/properties/${type}`)).results);

  const owners = () =>
    cached('owners', async () => {
      const map = new Map<string, string>();
      let after: string | undefined;
      do {
        const page = await ok(OwnersBody, 'GET', `/crm/v3/owners?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
        for (const o of page.results) map.set(o.id, [o.firstName, o.lastName].filter(Boolean).join(' ') || o.email || `Owner ${o.id}`);
        after = page.paging?.next?.after;
      } while (after);
      return map;
    });

  function typeOf(name: string): SandboxObjectType {
    const t = objectTypeFromName(name);
    if (!t) throw new EmulatorCallError(`unknown object type "${name}" (the sandbox shows ${OBJECT_TYPES.map((o) => o.name).join(', ')})`, 400);
    return t;
  }

  return {
    /** The record list: the emulator's CRM search, with the free-text `query` when given. */
    async listRecords(objectType: string, query: string, after: string | null): Promise<RecordListAnswer> {
      const t = typeOf(objectType);
      const body = {
        ...(query ? { query } : {}),
        properties: [...t.listProperties],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        limit: 25,
        ...(after ? { after } : {}),
      };
      const page = await ok(SearchBody, 'POST', `/crm/v3/objects/${t.name}/search`, body);
      return {
        objectType: t.name,
        total: page.total,
        results: page.results.map((r) => ({ id: r.id, title: recordTitle(t.name, r.properties, r.id), properties: r.properties })),
        after: page.paging?.next?.after ?? null,
      };
    },

    /**
     * A record with every defined property (labels, owner names and option labels resolved for display). When the
     * properties API cannot be read, the record's list properties are shown by name instead.
     */
    async getRecord(objectType: string, objectId: string): Promise<RecordAnswer> {
      const t = typeOf(objectType);
      const defs = await propertyDefinitions(t.name).catch(() => null);
      const names = defs ? defs.map((d) => d.name) : [...t.listProperties, 'createdate', 'lastmodifieddate', 'hs_object_id'];
      const rec = await ok(ObjectBody, 'GET', `/crm/v3/objects/${t.name}/${encodeURIComponent(objectId)}?properties=${names.map(encodeURIComponent).join(',')}`);
      const ownerNames = await owners().catch(() => new Map<string, string>());
      const known = defs ?? names.map((name) => ({ name, label: name, type: 'string', groupName: '', hidden: false, options: [] }));
      const properties: PropertyView[] = known
        .filter((d) => !d.hidden)
        .map((d) => {
          const value = rec.properties[d.name] ?? null;
          let display: string | null = null;
          if (value !== null && d.name.endsWith('owner_id')) display = ownerNames.get(value) ?? null;
          else if (value !== null && d.options.length > 0) {
            const labels = value.split(';').map((v) => d.options.find((o) => o.value === v)?.label ?? v);
            display = labels.join(', ');
          }
          return { name: d.name, label: d.label || d.name, value, display, groupName: d.groupName, type: d.type };
        })
        .sort((a, b) => (a.name.startsWith('lead_ops_') === b.name.startsWith('lead_ops_') ? a.label.localeCompare(b.label) : a.name.startsWith('lead_ops_') ? -1 : 1));
      return { objectType: t.name, objectTypeId: t.objectTypeId, id: rec.id, title: recordTitle(t.name, rec.properties, rec.id), properties };
    },

    /** `useCrmProperties` / `fetchCrmObjectProperties`: the named properties of the current record; `*` = all. */
    async recordProperties(objectType: string, objectId: string, names: readonly string[] | '*'): Promise<PropertyValues> {
      const t = typeOf(objectType);
      const wanted = names === '*' ? (await propertyDefinitions(t.name)).map((d) => d.name) : [...names];
      if (wanted.length === 0) return {};
      const rec = await ok(ObjectBody, 'GET', `/crm/v3/objects/${t.name}/${encodeURIComponent(objectId)}?properties=${wanted.map(encodeURIComponent).join(',')}`);
      const out: PropertyValues = {};
      for (const n of wanted) out[n] = rec.properties[n] ?? null;
      return out;
    },

    /** `useAssociations`: associations v4 of the current record, then one batch read for the page's properties. */
    async associations(objectType: string, objectId: string, request: z.infer<typeof AssociationsRequest>): Promise<AssociationsAnswer> {
      const from = typeOf(objectType);
      const to = objectTypeFromName(request.toObjectType)?.name ?? request.toObjectType;
      const all: z.infer<typeof AssocBody>['results'] = [];
      let after: string | undefined;
      do {
        const page = await ok(AssocBody, 'GET', `/crm/v4/objects/${from.name}/${encodeURIComponent(objectId)}/associations/${encodeURIComponent(to)}?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
        all.push(...page.results);
        after = page.paging?.next?.after;
      } while (after);
      const offset = request.offset ?? 0;
      const pageLength = request.pageLength ?? DEFAULT_PAGE;
      const slice = all.slice(offset, offset + pageLength);
      const props = request.properties ?? [];
      const byId = new Map<string, PropertyValues>();
      if (slice.length > 0 && props.length > 0) {
        const batch = await ok(BatchBody, 'POST', `/crm/v3/objects/${encodeURIComponent(to)}/batch/read`, { inputs: slice.map((a) => ({ id: String(a.toObjectId) })), properties: props });
        for (const r of batch.results) byId.set(r.id, r.properties);
      }
      return {
        results: slice.map((a) => {
          const values = byId.get(String(a.toObjectId)) ?? {};
          const properties: PropertyValues = {};
          for (const p of props) properties[p] = values[p] ?? null;
          return {
            toObjectId: Number(a.toObjectId),
            associationTypes: a.associationTypes.map((t) => ({ category: t.category, typeId: t.typeId, label: t.label ?? '' })),
            properties,
          };
        }),
        hasMore: offset + pageLength < all.length,
        nextOffset: offset + slice.length,
      };
    },

    /** `useCrmSearch`: one search request. */
    async search(request: z.infer<typeof SearchRequest>): Promise<SearchAnswer> {
      const type = objectTypeFromName(request.objectType)?.name ?? request.objectType;
      const page = await ok(SearchBody, 'POST', `/crm/v3/objects/${encodeURIComponent(type)}/search`, {
        ...(request.query ? { query: request.query } : {}),
        ...(request.filterGroups ? { filterGroups: request.filterGroups } : {}),
        ...(request.sorts ? { sorts: request.sorts } : {}),
        ...(request.properties ? { properties: request.properties } : {}),
        limit: request.pageLength ?? DEFAULT_PAGE,
        ...(request.after ? { after: request.after } : {}),
      });
      return {
        results: page.results.map((r) => ({ objectId: Number(r.id), properties: r.properties })),
        total: page.total,
        hasMore: page.paging?.next?.after !== undefined,
        ...(page.paging?.next?.after ? { after: page.paging.next.after } : {}),
      };
    },

    /** The experimental `fetchHubSpotApi`: any public API path, answered as the emulator answers it. */
    async hubspotApi(request: z.infer<typeof HubSpotApiRequest>): Promise<HubSpotApiAnswer> {
      const res = await call(request.method, request.path, request.body);
      return { status: res.status, headers: res.headers, body: res.json };
    },
  };
}

export type CrmProxy = ReturnType<typeof createCrmProxy>;
