import type { LimitClass } from './rate-window';

/**
 * Every HubSpot operation the client layer sends, in one table: its method, its path on the date-based API version,
 * the limit class it is paced in and whether it may be repeated blindly. Moving to another API version is a change of
 * `API_VERSION` and of the rows whose paths or answers HubSpot changed in that version; nothing else in the project
 * names a version.
 */

/** HubSpot's date-based API version every call uses (supported for 18 months from its release). */
export const API_VERSION = '2026-09';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface OperationSpec {
  readonly method: HttpMethod;
  /** The path, with `{name}` segments filled (URL-encoded) from the call's parameters. */
  readonly path: string;
  /** Which of our sliding windows the call is counted in (search and association batches have their own). */
  readonly limitClass: LimitClass;
  /** False for creates: never repeated after an answer that may have applied them. */
  readonly idempotent: boolean;
}

const OBJECTS = `/crm/objects/${API_VERSION}`;
const ASSOCIATIONS = `/crm/associations/${API_VERSION}`;
const PROPERTIES = `/crm/properties/${API_VERSION}`;
const PIPELINES = `/crm/pipelines/${API_VERSION}`;
const OWNERS = `/crm/owners/${API_VERSION}`;

/** An operation that may be repeated blindly: a read, or a write whose repeat changes nothing. */
const repeatable = (method: HttpMethod, path: string, limitClass: LimitClass = 'ten-secondly'): OperationSpec => ({ method, path, limitClass, idempotent: true });
/** A create of records: a repeat after a lost answer would make a second one. */
const create = (path: string): OperationSpec => ({ method: 'POST', path, limitClass: 'ten-secondly', idempotent: false });

/**
 * The table. Names follow HubSpot's API reference (`objects.batchUpdate`, `associations.list`). Idempotent writes
 * (updates, archives, upserts, property and group creates, whose repeat ends in a 409) are marked so: they are retried
 * after 5xx and timeouts like reads; creates of records are not (see `create-once.ts`).
 */
export const OPERATIONS = {
  'objects.get': repeatable('GET', `${OBJECTS}/{objectType}/{objectId}`),
  'objects.list': repeatable('GET', `${OBJECTS}/{objectType}`),
  'objects.create': create(`${OBJECTS}/{objectType}`),
  'objects.update': repeatable('PATCH', `${OBJECTS}/{objectType}/{objectId}`),
  'objects.archive': repeatable('DELETE', `${OBJECTS}/{objectType}/{objectId}`),
  'objects.batchRead': repeatable('POST', `${OBJECTS}/{objectType}/batch/read`),
  'objects.batchCreate': create(`${OBJECTS}/{objectType}/batch/create`),
  'objects.batchUpdate': repeatable('POST', `${OBJECTS}/{objectType}/batch/update`),
  'objects.batchUpsert': repeatable('POST', `${OBJECTS}/{objectType}/batch/upsert`),
  'objects.batchArchive': repeatable('POST', `${OBJECTS}/{objectType}/batch/archive`),
  'objects.search': repeatable('POST', `${OBJECTS}/{objectType}/search`, 'search'),
  'associations.list': repeatable('GET', `${OBJECTS}/{objectType}/{objectId}/associations/{toObjectType}`),
  'associations.createDefault': repeatable('PUT', `${OBJECTS}/{objectType}/{objectId}/associations/default/{toObjectType}/{toObjectId}`),
  'associations.batchRead': repeatable('POST', `${ASSOCIATIONS}/{fromObjectType}/{toObjectType}/batch/read`, 'association-batch'),
  'owners.list': repeatable('GET', OWNERS),
  'pipelines.list': repeatable('GET', `${PIPELINES}/{objectType}`),
  'properties.list': repeatable('GET', `${PROPERTIES}/{objectType}`),
  'properties.create': repeatable('POST', `${PROPERTIES}/{objectType}`),
  'properties.update': repeatable('PATCH', `${PROPERTIES}/{objectType}/{propertyName}`),
  'properties.groups.list': repeatable('GET', `${PROPERTIES}/{objectType}/groups`),
  'properties.groups.create': repeatable('POST', `${PROPERTIES}/{objectType}/groups`),
} as const satisfies Record<string, OperationSpec>;

export type OperationName = keyof typeof OPERATIONS;

/** Query values: arrays are sent as repeated parameters (`properties=a&properties=b`), as HubSpot's specs declare. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** What one call fills in: the path's `{name}` segments, the query string and the JSON body. */
export interface OperationCall {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
}

const SEGMENT = /\{(\w+)\}/g;

/**
 * The path and query string of a call. Throws for a path segment the call did not fill: that is a bug in the
 * caller, never something HubSpot said.
 */
export function requestTarget(spec: OperationSpec, call: OperationCall): string {
  const path = spec.path.replace(SEGMENT, (_, name: string) => {
    const value = call.params?.[name];
    if (value === undefined) throw new Error(`bug: ${spec.method} ${spec.path} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'object') for (const v of value) query.append(name, v);
    else query.append(name, String(value));
  }
  const qs = query.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

/**
 * The path as logs and usage events show it: object types filled in, record ids and names left as `{objectId}`,
 * so one operation on one type reads the same whatever record it touched.
 */
export function describedPath(spec: OperationSpec, call: OperationCall): string {
  return spec.path.replace(SEGMENT, (whole, name: string) => (name.endsWith('Type') ? (call.params?.[name] ?? whole) : whole));
}
