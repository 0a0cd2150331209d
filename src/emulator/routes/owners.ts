import { resourceNotFound, validationError } from '../http/errors';
import { isDateVersion, queryBool, queryLimit, queryOne, versioned, type HandlerResult, type RequestContext, type RouteSpec } from '../http/route';
import { OWNER_SCOPES } from '../http/scopes';
import { ownerJson } from '../schema/owners';

/**
 * Owners, v3 and 2026-09: `/crm/v3/owners` (the SDK calls `/crm/v3/owners/`; both route here) with `email`,
 * `after`, `limit` (default 100; the maximum is not in the spec, 500 here) and `archived` (true = only archived
 * owners, whose `userId` is null), and `/crm/v3/owners/{id}` with `idProperty=id|userId`.
 */
const OWNERS_MAX_LIMIT = 500;
const OWNERS_BASE = { v3: '/crm/v3/owners', '2026-09': '/crm/owners/2026-09' } as const;

function list(ctx: RequestContext): HandlerResult {
  const limit = queryLimit(ctx.query, 'limit', 100, OWNERS_MAX_LIMIT);
  const email = queryOne(ctx.query, 'email');
  const owners = ctx.portal.owners.list({ archived: queryBool(ctx.query, 'archived'), ...(email !== undefined ? { email } : {}) });
  const after = queryOne(ctx.query, 'after');
  const start = after === undefined ? 0 : owners.findIndex((o) => Number(o.id) >= Number(after));
  if (after !== undefined && !Number.isFinite(Number(after))) throw validationError(`after ${after} is not a paging cursor from a previous page`);
  const from = start < 0 ? owners.length : start;
  const page = owners.slice(from, from + limit);
  const next = owners[from + limit];
  return {
    status: 200,
    body: {
      results: page.map((o) => ownerJson(o, isDateVersion(ctx.version))),
      ...(next ? { paging: { next: { after: next.id, link: `${ctx.baseUrl}${ctx.path}?after=${next.id}&limit=${limit}` } } } : {}),
    },
  };
}

function getById(ctx: RequestContext): HandlerResult {
  const idProperty = queryOne(ctx.query, 'idProperty') ?? 'id';
  if (idProperty !== 'id' && idProperty !== 'userId') throw validationError(`idProperty must be id or userId, got ${idProperty}`);
  const id = ctx.params.ownerId ?? '';
  const owner = ctx.portal.owners.find(id, idProperty, queryBool(ctx.query, 'archived'));
  // HubSpot once answered a deleted owner with an HTML 404 (hubspot-api-nodejs#240); the html404 fault covers that.
  if (!owner) throw resourceNotFound(`Owner ${id} not found`);
  return { status: 200, body: ownerJson(owner, isDateVersion(ctx.version)) };
}

export const OWNER_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', paths: versioned(OWNERS_BASE), operation: 'owners.list', scopes: () => [OWNER_SCOPES], body: 'none', isWrite: false, handler: list },
  { method: 'GET', paths: versioned(OWNERS_BASE, '/:ownerId'), operation: 'owners.get', scopes: () => [OWNER_SCOPES], body: 'none', isWrite: false, handler: getById },
];
