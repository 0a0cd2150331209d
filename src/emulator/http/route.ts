import type { LimitClass } from '../types';
import type { Portal } from '../store/portal';
import { validationError } from './errors';

/**
 * The API versions the emulator serves. HubSpot's numbered versions (`v3` objects, properties, pipelines and
 * owners; `v4` associations) lose support in 2027; `2026-09` is the date-based version the project moves to.
 * `emulator` marks the emulator's own admin endpoints, which are no HubSpot API. Each route names its path per
 * version, so one handler serves every version of an operation.
 */
export type ApiVersion = 'v3' | 'v4' | '2026-09' | 'emulator';

/** Numbered versions (`v1`…`v4`), as opposed to date-based ones (`2026-09`). */
export function isNumberedVersion(version: string | undefined): boolean {
  return version !== undefined && /^v\d+$/.test(version);
}

/**
 * The version a path names: `v3` in `/crm/v3/objects/…`, `2026-09` in `/crm/objects/2026-09/…` or
 * `/crm-object-schemas/2026-09/…`; undefined for paths that name none (the emulator's own admin endpoints).
 */
export function apiVersionOf(path: string): string | undefined {
  return /\/(v\d+|\d{4}-\d{2}(?:-beta)?)(?=\/|$)/.exec(path)?.[1];
}

/** What a route handler sees. Handlers are synchronous: the portal lives in memory. */
export interface RequestContext {
  /** The version of the path the request came in on: handlers answer that version's shapes and status codes. */
  readonly version: ApiVersion;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  readonly portal: Portal;
  /** `http://127.0.0.1:<port>`, for `paging.next.link`. */
  readonly baseUrl: string;
  readonly path: string;
}

/** What a route's scope rule sees: the path parameters, and the portal to resolve (custom) object types. */
export type ScopeContext = Pick<RequestContext, 'params' | 'portal'>;

/** Answers the date-based shapes and rules (2026-09) rather than the numbered versions' (v3, v4). */
export const isDateVersion = (version: ApiVersion): boolean => !isNumberedVersion(version);

/** An operation's paths: the same suffix under each version's base, e.g. `{ v3: '/crm/v3/objects', '2026-09': … }`. */
export function versioned(bases: Readonly<Partial<Record<ApiVersion, string>>>, suffix = ''): Partial<Record<ApiVersion, string>> {
  return Object.fromEntries(Object.entries(bases).map(([v, base]) => [v, `${base}${suffix}`]));
}

export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One operation: its path in each version that has it, rate-limit class, scopes and handler. */
export interface RouteSpec {
  readonly method: HttpMethod;
  /** The operation's path per version (fastify syntax, `:param`); it is served on each. */
  readonly paths: Readonly<Partial<Record<ApiVersion, string>>>;
  /** Names the operation in the request log, e.g. `objects.search`. */
  readonly operation: string;
  readonly limitClass?: LimitClass;
  /**
   * Scope requirements: every inner list must be met by at least one of its scopes (any one listed suffices, as
   * HubSpot's 403 says). Throws ApiError for an unknown object type in the path.
   */
  readonly scopes: (ctx: ScopeContext) => readonly (readonly string[])[];
  /** `required`: a JSON body must be sent; `optional`: parsed when sent; `none`: ignored. */
  readonly body: 'required' | 'optional' | 'none';
  /** Writes are what `on=write` faults hit; reads (GET, search, batch read) are not writes. */
  readonly isWrite: boolean;
  /** The success status may be 201 (creates): eligible for the 200-instead-of-201 drift fault. */
  readonly creates?: boolean;
  readonly handler: (ctx: RequestContext) => HandlerResult;
}

/** Query values: the SDK explodes arrays (`?properties=a&properties=b`), the docs use commas. Accept both. */
export function queryList(query: RequestContext['query'], name: string): string[] {
  const raw = query[name];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

export function queryOne(query: RequestContext['query'], name: string): string | undefined {
  const raw = query[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v === undefined || v === '' ? undefined : v;
}

export function queryBool(query: RequestContext['query'], name: string): boolean {
  return queryOne(query, name)?.toLowerCase() === 'true';
}

/** An integer query parameter with a default and a maximum (above it: 400 VALIDATION_ERROR). */
export function queryLimit(query: RequestContext['query'], name: string, dflt: number, max: number): number {
  const raw = queryOne(query, name);
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw validationError(`${name} must be a positive integer, got ${raw}`);
  if (n > max) throw validationError(`${name} must be at most ${max}, got ${n}`);
  return n;
}

/** The body as a plain object (400 otherwise). */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validationError('Invalid input JSON: expected an object');
  return body as Record<string, unknown>;
}
