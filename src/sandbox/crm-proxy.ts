/**
 * What the sandbox reads from the emulator over HTTP on behalf of the page and of the cards' CRM hooks
 * (`useCrmProperties`, `useAssociations`, `useCrmSearch`), with the emulator's token added here so it never reaches
 * the browser. The calls are HubSpot's public API, the same a portal's host would make.
 */
import { z } from 'zod';
import { createCrmComponentData } from './crm-components';
import { HUBSPOT_PATHS } from './hubspot-paths';
import { BatchBody, createHubSpotReader, EmulatorCallError, ObjectBody, PropertyDef, SearchBody, type HubSpotReaderOptions } from './hubspot-reader';
import { displayValue, formatForHook, type FormattingOptions } from './property-display';
import { OBJECT_TYPES, objectTypeFromName, recordTitle, type SandboxObjectType } from './shared/object-types';
import type { AssociationsAnswer, HubSpotApiAnswer, PropertyValues, PropertyView, RecordAnswer, RecordListAnswer, SearchAnswer } from './shared/protocol';

export { EmulatorCallError };

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
const FetchFormatting = z.looseObject({
  date: z.looseObject({ format: z.string().optional(), relative: z.boolean().optional() }).optional(),
  dateTime: z.looseObject({ format: z.string().optional(), relative: z.boolean().optional() }).optional(),
  currency: z.looseObject({ addSymbol: z.boolean().optional() }).optional(),
});
/** A CRM hook's options: which properties to format, and how (the package's FetchHookOptions). */
export const FetchOptions = z.looseObject({ propertiesToFormat: z.union([z.literal('all'), z.array(z.string())]).optional(), formattingOptions: FetchFormatting.optional() }).nullish();
export type FetchOptions = z.infer<typeof FetchOptions>;
export const FormatRequest = z.looseObject({
  objectType: z.string().min(1),
  propertiesList: z.array(z.record(z.string(), z.string().nullable())).max(1000),
  formattingOptions: z.unknown().optional(),
});

export const HubSpotApiRequest = z.looseObject({
  path: z.string().regex(/^\/[^\s]*$/, 'expected an API path starting with "/"'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.record(z.string(), z.unknown()).optional(),
});

const DEFAULT_PAGE = 10;

export type CrmProxyOptions = HubSpotReaderOptions;

export function createCrmProxy(options: CrmProxyOptions) {
  const reader = createHubSpotReader(options);
  const { call, ok, propertyDefinitions, owners } = reader;

  function typeOf(name: string): SandboxObjectType {
    const t = objectTypeFromName(name);
    if (!t) throw new EmulatorCallError(`unknown object type "${name}" (the sandbox shows ${OBJECT_TYPES.map((o) => o.name).join(', ')})`, 400);
    return t;
  }

  /** Formats the properties a hook asked to (`propertiesToFormat`), as HubSpot's hooks answer them. */
  async function formatted(objectType: string, list: PropertyValues[], options: FetchOptions, all = false): Promise<PropertyValues[]> {
    const which = all ? 'all' : options?.propertiesToFormat;
    if (!which || (Array.isArray(which) && which.length === 0)) return list;
    const type = objectTypeFromName(objectType)?.name ?? objectType;
    const [defs, owners, pipelines] = await Promise.all([
      propertyDefinitions(type).catch(() => []),
      reader.owners().catch((): ReadonlyMap<string, string> => new Map()),
      type === 'deals' || type === 'tickets' ? reader.pipelines(type).catch(() => []) : Promise.resolve([]),
    ]);
    const byName = new Map(defs.map((d) => [d.name, d]));
    const fo: FormattingOptions = options?.formattingOptions ?? {};
    return list.map((values) =>
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k, which === 'all' || which.includes(k) ? formatForHook(byName.get(k), v, { owners, pipelines }, fo) : v])),
    );
  }

  return {
    /** The data of HubSpot's CRM data components (crm-components.ts). */
    components: createCrmComponentData(reader),

    /** `formatCrmProperties`: each entry's values as HubSpot formats them. */
    format: async (request: z.infer<typeof FormatRequest>): Promise<PropertyValues[]> =>
      formatted(request.objectType, request.propertiesList, { formattingOptions: FetchFormatting.parse(request.formattingOptions ?? {}) }, true),

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
      const page = await ok(SearchBody, 'POST', HUBSPOT_PATHS.search(t.name), body);
      return {
        objectType: t.name,
        total: page.total,
        results: page.results.map((r) => ({ id: r.id, title: recordTitle(t.name, r.properties, r.id), properties: r.properties })),
        after: page.paging?.next?.after ?? null,
      };
    },

    /**
     * A record with every defined property (labels, and values as HubSpot shows them: property-display.ts). When the
     * properties API cannot be read, the record's list properties are shown by name instead.
     */
    async getRecord(objectType: string, objectId: string): Promise<RecordAnswer> {
      const t = typeOf(objectType);
      const defs = await propertyDefinitions(t.name).catch(() => null);
      const names = defs ? defs.map((d) => d.name) : [...t.listProperties, 'createdate', 'lastmodifieddate', 'hs_object_id'];
      const rec = await ok(ObjectBody, 'GET', `${HUBSPOT_PATHS.object(t.name, objectId)}?properties=${names.map(encodeURIComponent).join(',')}`);
      const context = {
        owners: await owners().catch((): ReadonlyMap<string, string> => new Map()),
        pipelines: t.name === 'deals' || t.name === 'tickets' ? await reader.pipelines(t.name).catch(() => []) : [],
      };
      const known = defs ?? names.map((name) => PropertyDef.parse({ name, label: name }));
      const properties: PropertyView[] = known
        .filter((d) => !d.hidden)
        .map((d) => {
          const value = rec.properties[d.name] ?? null;
          const shown = displayValue(defs ? d : undefined, value, context);
          return { name: d.name, label: d.label || d.name, value, display: shown === '' || shown === value ? null : shown, groupName: d.groupName, type: d.type };
        })
        .sort((a, b) => (a.name.startsWith('lead_ops_') === b.name.startsWith('lead_ops_') ? a.label.localeCompare(b.label) : a.name.startsWith('lead_ops_') ? -1 : 1));
      return { objectType: t.name, objectTypeId: t.objectTypeId, id: rec.id, title: recordTitle(t.name, rec.properties, rec.id), properties };
    },

    /** `useCrmProperties` / `fetchCrmObjectProperties`: the named properties of the current record; `*` = all. */
    async recordProperties(objectType: string, objectId: string, names: readonly string[] | '*', options: FetchOptions = null): Promise<PropertyValues> {
      const t = typeOf(objectType);
      const wanted = names === '*' ? (await propertyDefinitions(t.name)).map((d) => d.name) : [...names];
      if (wanted.length === 0) return {};
      const rec = await ok(ObjectBody, 'GET', `${HUBSPOT_PATHS.object(t.name, objectId)}?properties=${wanted.map(encodeURIComponent).join(',')}`);
      const out: PropertyValues = {};
      for (const n of wanted) out[n] = rec.properties[n] ?? null;
      const [shown] = await formatted(t.name, [out], options);
      return shown ?? out;
    },

    /** `useAssociations`: the current record's associations, then one batch read for the page's properties. */
    async associations(objectType: string, objectId: string, request: z.infer<typeof AssociationsRequest>, options: FetchOptions = null): Promise<AssociationsAnswer> {
      const from = typeOf(objectType);
      const to = objectTypeFromName(request.toObjectType)?.name ?? request.toObjectType;
      const all = await reader.associationsOf(from.name, objectId, to);
      const offset = request.offset ?? 0;
      const pageLength = request.pageLength ?? DEFAULT_PAGE;
      const slice = all.slice(offset, offset + pageLength);
      const props = request.properties ?? [];
      const byId = new Map<string, PropertyValues>();
      if (slice.length > 0 && props.length > 0) {
        const batch = await ok(BatchBody, 'POST', HUBSPOT_PATHS.batchRead(to), { inputs: slice.map((a) => ({ id: a.id })), properties: props });
        for (const r of batch.results) byId.set(r.id, r.properties);
      }
      const shown = await formatted(
        to,
        slice.map((a) => Object.fromEntries(props.map((p) => [p, byId.get(a.id)?.[p] ?? null]))),
        options,
      );
      return {
        results: slice.map((a, i) => ({ toObjectId: Number(a.id), associationTypes: a.types.map((t) => ({ ...t })), properties: shown[i] ?? {} })),
        hasMore: offset + pageLength < all.length,
        nextOffset: offset + slice.length,
      };
    },

    /** `useCrmSearch`: one search request. */
    async search(request: z.infer<typeof SearchRequest>, options: FetchOptions = null): Promise<SearchAnswer> {
      const type = objectTypeFromName(request.objectType)?.name ?? request.objectType;
      const page = await ok(SearchBody, 'POST', HUBSPOT_PATHS.search(type), {
        ...(request.query ? { query: request.query } : {}),
        ...(request.filterGroups ? { filterGroups: request.filterGroups } : {}),
        ...(request.sorts ? { sorts: request.sorts } : {}),
        ...(request.properties ? { properties: request.properties } : {}),
        limit: request.pageLength ?? DEFAULT_PAGE,
        ...(request.after ? { after: request.after } : {}),
      });
      const shown = await formatted(type, page.results.map((r) => r.properties), options);
      return {
        results: page.results.map((r, i) => ({ objectId: Number(r.id), properties: shown[i] ?? r.properties })),
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
