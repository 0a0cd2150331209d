import { bodyObject, queryBool, queryOne, versioned, type HandlerResult, type RequestContext, type RouteSpec } from '../http/route';
import { SCHEMA_READ_SCOPES, SCHEMA_WRITE_SCOPES } from '../http/scopes';
import { objectSchemaJson, objectTypeDefinitionJson } from '../schema/custom-objects';

/**
 * Custom object schemas, v3 and 2026-09: list, create (201), get, update (PATCH 200, answers the type
 * definition) and delete (204). Reads take `crm.schemas.custom.read` (or `crm.objects.custom.read`); writes
 * `crm.schemas.custom.write`. Records of a custom object go through the objects endpoints.
 */

/** `includePropertyDefinitions` / `includeAssociationDefinitions`: true unless the query says false. */
const include = (ctx: RequestContext) => ({
  properties: queryOne(ctx.query, 'includePropertyDefinitions') !== 'false',
  associations: queryOne(ctx.query, 'includeAssociationDefinitions') !== 'false',
});

function list(ctx: RequestContext): HandlerResult {
  const schemas = ctx.portal.customObjects.list(queryBool(ctx.query, 'archived'));
  return { status: 200, body: { results: schemas.map((s) => objectSchemaJson(ctx.portal, s, include(ctx))) } };
}

function create(ctx: RequestContext): HandlerResult {
  const s = ctx.portal.customObjects.create(bodyObject(ctx.body));
  return { status: 201, body: objectSchemaJson(ctx.portal, s, { properties: true, associations: true }) };
}

function get(ctx: RequestContext): HandlerResult {
  return { status: 200, body: objectSchemaJson(ctx.portal, ctx.portal.customObjects.get(ctx.params.objectType ?? ''), include(ctx)) };
}

function update(ctx: RequestContext): HandlerResult {
  const s = ctx.portal.customObjects.update(ctx.params.objectType ?? '', bodyObject(ctx.body));
  return { status: 200, body: objectTypeDefinitionJson(s, ctx.portal.config.portalId) };
}

function archive(ctx: RequestContext): HandlerResult {
  ctx.portal.customObjects.archive(ctx.params.objectType ?? '');
  return { status: 204 };
}

const at = (suffix = '') => versioned({ v3: '/crm-object-schemas/v3/schemas', '2026-09': '/crm-object-schemas/2026-09/schemas' }, suffix);
const read = () => [SCHEMA_READ_SCOPES];
const write = () => [SCHEMA_WRITE_SCOPES];

export const SCHEMA_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', paths: at(), operation: 'schemas.list', scopes: read, body: 'none', isWrite: false, handler: list },
  { method: 'POST', paths: at(), operation: 'schemas.create', scopes: write, body: 'required', isWrite: true, creates: true, handler: create },
  { method: 'GET', paths: at('/:objectType'), operation: 'schemas.get', scopes: read, body: 'none', isWrite: false, handler: get },
  { method: 'PATCH', paths: at('/:objectType'), operation: 'schemas.update', scopes: write, body: 'required', isWrite: true, handler: update },
  { method: 'DELETE', paths: at('/:objectType'), operation: 'schemas.archive', scopes: write, body: 'none', isWrite: true, handler: archive },
];
