/**
 * The sandbox's HTTP client for the emulator: calls with the emulator's token (added here, so it never reaches the
 * browser), checks each answer against a schema, and caches what rarely changes (property definitions, owners,
 * pipelines, association labels) for a few seconds. Paths come from hubspot-paths.ts.
 */
import { z } from 'zod';
import { HUBSPOT_PATHS } from './hubspot-paths';

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
export const ObjectBody = z.looseObject({ id: z.string(), properties: z.record(z.string(), z.string().nullable()).default({}) });
export const SearchBody = z.looseObject({
  total: z.number().default(0),
  results: z.array(ObjectBody).default([]),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});
export const BatchBody = z.looseObject({ results: z.array(ObjectBody).default([]) });
export const PropertyDef = z.looseObject({
  name: z.string(),
  label: z.string().default(''),
  type: z.string().default('string'),
  fieldType: z.string().default('text'),
  groupName: z.string().default(''),
  hidden: z.boolean().default(false),
  showCurrencySymbol: z.boolean().optional(),
  modificationMetadata: z.looseObject({ readOnlyValue: z.boolean().optional() }).optional(),
  options: z.array(z.looseObject({ label: z.string(), value: z.string(), displayOrder: z.number().optional(), hidden: z.boolean().optional() })).default([]),
});
export type PropertyDefinition = z.infer<typeof PropertyDef>;
const PropertiesBody = z.looseObject({ results: z.array(PropertyDef).default([]) });
const OwnersBody = z.looseObject({
  results: z.array(z.looseObject({ id: z.string(), firstName: z.string().nullish(), lastName: z.string().nullish(), email: z.string().nullish() })).default([]),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});
const AssociationType = z.looseObject({ category: z.string(), typeId: z.number(), label: z.string().nullable().optional() });
const AssocBody = z.looseObject({
  results: z.array(z.looseObject({ toObjectId: z.union([z.number(), z.string()]), associationTypes: z.array(AssociationType).default([]) })).default([]),
  paging: z.looseObject({ next: z.looseObject({ after: z.string() }).optional() }).optional(),
});
const LabelsBody = z.looseObject({ results: z.array(AssociationType).default([]) });
const PipelinesBody = z.looseObject({
  results: z
    .array(
      z.looseObject({
        id: z.string(),
        label: z.string().default(''),
        displayOrder: z.number().default(0),
        stages: z.array(z.looseObject({ id: z.string(), label: z.string().default(''), displayOrder: z.number().default(0), metadata: z.record(z.string(), z.string()).default({}) })).default([]),
      }),
    )
    .default([]),
});
export type Pipeline = z.infer<typeof PipelinesBody>['results'][number];

/** One associated record: its id, the association's types and their labels (none for an unlabeled one). */
export interface AssociatedId {
  readonly id: string;
  readonly labels: readonly string[];
  readonly types: readonly { readonly category: string; readonly typeId: number; readonly label: string }[];
}

export interface HubSpotReaderOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Injectable for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

const CACHE_MS = 15_000;

export function createHubSpotReader(options: HubSpotReaderOptions) {
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

  /** The parsed answer of a call that must succeed (2xx; 207 counts, its errors are the caller's to read). */
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

  return {
    call,
    ok,
    cached,

    /** Every property definition of a type (object type name or id). */
    propertyDefinitions: (objectType: string): Promise<PropertyDefinition[]> =>
      cached(`props:${objectType}`, async () => (await ok(PropertiesBody, 'GET', HUBSPOT_PATHS.properties(objectType))).results),

    /** Owner id -> display name (first and last name, else email). */
    owners: (): Promise<ReadonlyMap<string, string>> =>
      cached('owners', async () => {
        const map = new Map<string, string>();
        let after: string | undefined;
        do {
          const page = await ok(OwnersBody, 'GET', `${HUBSPOT_PATHS.owners()}?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
          for (const o of page.results) map.set(o.id, [o.firstName, o.lastName].filter(Boolean).join(' ') || o.email || `Owner ${o.id}`);
          after = page.paging?.next?.after;
        } while (after);
        return map;
      }),

    pipelines: (objectType: string): Promise<Pipeline[]> => cached(`pipelines:${objectType}`, async () => (await ok(PipelinesBody, 'GET', HUBSPOT_PATHS.pipelines(objectType))).results),

    /** The labelled association types from one object type to another. */
    associationLabels: (fromObjectType: string, toObjectType: string): Promise<string[]> =>
      cached(`labels:${fromObjectType}:${toObjectType}`, async () => {
        const body = await ok(LabelsBody, 'GET', HUBSPOT_PATHS.associationLabels(fromObjectType, toObjectType));
        return [...new Set(body.results.map((t) => t.label).filter((l): l is string => typeof l === 'string' && l !== ''))];
      }),

    /** Every record of `toObjectType` associated with a record, with the association's labels, in id order. */
    async associationsOf(objectType: string, objectId: string, toObjectType: string): Promise<AssociatedId[]> {
      const out: AssociatedId[] = [];
      let after: string | undefined;
      do {
        const page = await ok(AssocBody, 'GET', `${HUBSPOT_PATHS.recordAssociations(objectType, objectId, toObjectType)}?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
        for (const a of page.results) {
          const types = a.associationTypes.map((t) => ({ category: t.category, typeId: t.typeId, label: t.label ?? '' }));
          out.push({ id: String(a.toObjectId), labels: types.map((t) => t.label).filter((l) => l !== ''), types });
        }
        after = page.paging?.next?.after;
      } while (after);
      return out;
    },
  };
}

export type HubSpotReader = ReturnType<typeof createHubSpotReader>;
