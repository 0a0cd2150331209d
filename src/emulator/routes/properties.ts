import { ApiError, standardError, validationError } from '../http/errors';
import { bodyObject, isDateVersion, queryBool, queryList, versioned, type HandlerResult, type RequestContext, type RouteSpec, type ScopeContext } from '../http/route';
import { propertyReadScopes, propertyWriteScopes } from '../http/scopes';
import { propertyJson, type PropertyInput } from '../schema/property-registry';
import type { PropertyDefinition } from '../types';
import { typeParam } from './objects';

/**
 * Properties and property groups, v3 and 2026-09: list/read/create (201)/update/archive (204), batch
 * read/create/archive (batch create answers 201 on v3, 200 on 2026-09, as each version's spec says), groups CRUD. 409 on a duplicate name; `type`/`fieldType` pairs validated; options on
 * enumerations. Owner, pipeline and stage properties have `externalOptions` and list no options.
 */
const iso = (ms: number) => new Date(ms).toISOString();

function list(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const only = new Set(queryList(ctx.query, 'properties'));
  const defs = ctx.portal.properties.list(t.id, queryBool(ctx.query, 'archived')).filter((d) => only.size === 0 || only.has(d.name));
  return { status: 200, body: { results: defs.map(propertyJson) } };
}

function get(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const name = ctx.params.propertyName ?? '';
  const archived = queryBool(ctx.query, 'archived');
  const d = ctx.portal.properties.getIncludingArchived(t.id, name);
  if (!d || d.archived !== archived) throw new ApiError(404, { message: `Unable to find property ${name}`, category: 'OBJECT_NOT_FOUND', context: { propertyName: [name] } });
  return { status: 200, body: propertyJson(d) };
}

function create(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  return { status: 201, body: propertyJson(ctx.portal.properties.create(t.id, bodyObject(ctx.body) as PropertyInput, ctx.portal.now())) };
}

function update(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  return { status: 200, body: propertyJson(ctx.portal.properties.update(t.id, ctx.params.propertyName ?? '', bodyObject(ctx.body) as PropertyInput, ctx.portal.now())) };
}

function archive(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  ctx.portal.properties.archive(t.id, ctx.params.propertyName ?? '', ctx.portal.now());
  return { status: 204 };
}

function inputs(body: unknown): unknown[] {
  const b = bodyObject(body);
  if (!Array.isArray(b.inputs)) throw validationError('Invalid input JSON: inputs must be an array');
  return b.inputs as unknown[];
}

function envelope(ctx: RequestContext, results: unknown[], errors: unknown[]) {
  const now = iso(ctx.portal.now());
  return { status: 'COMPLETE', results, ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}), startedAt: now, completedAt: now };
}

function batchRead(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const archived = bodyObject(ctx.body).archived === true;
  const results: PropertyDefinition[] = [];
  const missing: string[] = [];
  for (const i of inputs(ctx.body)) {
    const name = String((i as { name?: unknown } | null)?.name ?? '');
    const d = ctx.portal.properties.getIncludingArchived(t.id, name);
    if (d && d.archived === archived) results.push(d);
    else missing.push(name);
  }
  const errors = missing.length > 0 ? [standardError('OBJECT_NOT_FOUND', `Unable to find properties: ${missing.join(', ')}`, { propertyName: missing })] : [];
  return { status: errors.length > 0 ? 207 : 200, body: envelope(ctx, results.map(propertyJson), errors) };
}

function batchCreate(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const i of inputs(ctx.body)) {
    try {
      results.push(propertyJson(ctx.portal.properties.create(t.id, (i ?? {}) as PropertyInput, ctx.portal.now())));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const name = String((i as { name?: unknown } | null)?.name ?? '');
      errors.push(standardError(e.body.category ?? 'VALIDATION_ERROR', e.body.message, { propertyName: [name] }));
    }
  }
  return { status: errors.length > 0 ? 207 : isDateVersion(ctx.version) ? 200 : 201, body: envelope(ctx, results, errors) };
}

function batchArchive(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  for (const i of inputs(ctx.body)) ctx.portal.properties.archiveQuietly(t.id, String((i as { name?: unknown } | null)?.name ?? ''), ctx.portal.now());
  return { status: 204 };
}

const groupJson = (g: { name: string; label: string; displayOrder: number; archived: boolean }) => ({ name: g.name, label: g.label, displayOrder: g.displayOrder, archived: g.archived });

function listGroups(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  return { status: 200, body: { results: ctx.portal.properties.listGroups(t.id).map(groupJson) } };
}

const read = (ctx: ScopeContext) => [propertyReadScopes(typeParam(ctx))];
const write = (ctx: ScopeContext) => [propertyWriteScopes(typeParam(ctx))];
const PROPERTIES_BASE = { v3: '/crm/v3/properties/:objectType', '2026-09': '/crm/properties/2026-09/:objectType' } as const;
const at = (suffix = '') => versioned(PROPERTIES_BASE, suffix);

export const PROPERTY_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', paths: at(), operation: 'properties.list', scopes: read, body: 'none', isWrite: false, handler: list },
  { method: 'POST', paths: at(), operation: 'properties.create', scopes: write, body: 'required', isWrite: true, creates: true, handler: create },
  { method: 'POST', paths: at('/batch/read'), operation: 'properties.batchRead', scopes: read, body: 'required', isWrite: false, handler: batchRead },
  { method: 'POST', paths: at('/batch/create'), operation: 'properties.batchCreate', scopes: write, body: 'required', isWrite: true, creates: true, handler: batchCreate },
  { method: 'POST', paths: at('/batch/archive'), operation: 'properties.batchArchive', scopes: write, body: 'required', isWrite: true, handler: batchArchive },
  { method: 'GET', paths: at('/groups'), operation: 'properties.groups.list', scopes: read, body: 'none', isWrite: false, handler: listGroups },
  {
    method: 'POST',
    paths: at('/groups'),
    operation: 'properties.groups.create',
    scopes: write,
    body: 'required',
    isWrite: true,
    creates: true,
    handler: (ctx) => ({ status: 201, body: groupJson(ctx.portal.properties.createGroup(typeParam(ctx).id, bodyObject(ctx.body))) }),
  },
  {
    method: 'GET',
    paths: at('/groups/:groupName'),
    operation: 'properties.groups.get',
    scopes: read,
    body: 'none',
    isWrite: false,
    handler: (ctx) => ({ status: 200, body: groupJson(ctx.portal.properties.getGroup(typeParam(ctx).id, ctx.params.groupName ?? '')) }),
  },
  {
    method: 'PATCH',
    paths: at('/groups/:groupName'),
    operation: 'properties.groups.update',
    scopes: write,
    body: 'required',
    isWrite: true,
    handler: (ctx) => ({ status: 200, body: groupJson(ctx.portal.properties.updateGroup(typeParam(ctx).id, ctx.params.groupName ?? '', bodyObject(ctx.body))) }),
  },
  {
    method: 'DELETE',
    paths: at('/groups/:groupName'),
    operation: 'properties.groups.archive',
    scopes: write,
    body: 'none',
    isWrite: true,
    handler: (ctx) => {
      ctx.portal.properties.archiveGroup(typeParam(ctx).id, ctx.params.groupName ?? '');
      return { status: 204 };
    },
  },
  { method: 'GET', paths: at('/:propertyName'), operation: 'properties.get', scopes: read, body: 'none', isWrite: false, handler: get },
  { method: 'PATCH', paths: at('/:propertyName'), operation: 'properties.update', scopes: write, body: 'required', isWrite: true, handler: update },
  { method: 'DELETE', paths: at('/:propertyName'), operation: 'properties.archive', scopes: write, body: 'none', isWrite: true, handler: archive },
];
