import type { LimitClass } from '../types';
import type { Portal } from '../store/portal';
import { validationError } from './errors';

/** What a route handler sees. Handlers are synchronous: the portal lives in memory. */
export interface RequestContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  readonly portal: Portal;
  /** `http://127.0.0.1:<port>`, for `paging.next.link`. */
  readonly baseUrl: string;
  readonly path: string;
}

export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One endpoint: its path, rate-limit class, scopes and handler. */
export interface RouteSpec {
  readonly method: HttpMethod;
  readonly url: string;
  /** Names the operation in the request log, e.g. `objects.search`. */
  readonly operation: string;
  readonly limitClass?: LimitClass;
  /**
   * Scope requirements: every inner list must be met by at least one of its scopes (any one listed suffices, as
   * HubSpot's 403 says). Throws ApiError for an unknown object type in the path.
   */
  readonly scopes: (params: Readonly<Record<string, string>>) => readonly (readonly string[])[];
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
