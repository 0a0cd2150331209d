import { ApiError, standardError, validationError } from '../http/errors';
import { bodyObject, isDateVersion, queryLimit, queryOne, versioned, type ApiVersion, type HandlerResult, type RequestContext, type RouteSpec, type ScopeContext } from '../http/route';
import { associationScopes } from '../http/scopes';
import { associationTypeById, associationTypeJson, defaultTypeBetween, typesBetween, type AssociationType } from '../associations/association-types';
import type { ObjectType } from '../schema/object-types';
import type { Portal } from '../store/portal';
import { typeParam } from './objects';

/**
 * Associations, v4 and 2026-09. Single-pair endpoints (GET list, PUT default 200, PUT labelled 201, DELETE 204)
 * count against the 10-second window; the batch endpoints carry the spec's ten-secondly exemption and have their
 * own limit class. Where the versions differ, each answers its own spec: v4 sends record ids as JSON numbers (as
 * the docs' examples do), `label: null` for unlabeled types, 201 for batch create and 204 for batch archives;
 * 2026-09 sends ids as strings, leaves the label of an unlabeled type out, and answers batch create and both
 * batch archives 200, the archives with an empty batch body.
 */

const PAGE_DEFAULT = 500;
const BATCH_READ_LIMIT = 1000;
const BATCH_WRITE_LIMIT = 2000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Opaque paging cursors (HubSpot's are opaque strings): base64url of the offset. */
const cursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function offsetOf(after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  const decoded = Buffer.from(after, 'base64url').toString();
  const n = decoded.startsWith('o:') ? Number(decoded.slice(2)) : NaN;
  if (!Number.isInteger(n) || n < 0) throw validationError(`after ${after} is not a paging cursor from a previous page`);
  return n;
}

function pairScopes(ctx: ScopeContext, from: string, to: string) {
  return [associationScopes(typeParam(ctx, from)), associationScopes(typeParam(ctx, to))];
}

/** A record id in an answer: a JSON number on v4, a string on 2026-09. */
const idOut = (version: ApiVersion, id: string): string | number => (isDateVersion(version) ? id : Number(id));

/** An association type in an answer; 2026-09 types `label` as an optional string, so an unlabeled type has none. */
function typeOut(version: ApiVersion, t: AssociationType) {
  const json = associationTypeJson(t);
  return json.label === null && isDateVersion(version) ? { category: json.category, typeId: json.typeId } : json;
}

/** Live associations from a record to a type, as `{toObjectId, associationTypes}` rows. */
function rows(portal: Portal, version: ApiVersion, from: ObjectType, fromId: string, to: ObjectType) {
  return portal.associations
    .list(from.id, fromId, to.id)
    .filter((e) => portal.live(to.id, e.toId))
    .map((e) => ({
      toObjectId: idOut(version, e.toId),
      associationTypes: [...e.types]
        .sort((a, b) => a - b)
        .map((id) => associationTypeById(id))
        .filter((t): t is AssociationType => t !== undefined)
        .map((t) => typeOut(version, t)),
    }));
}

function parseSpecs(raw: unknown, from: ObjectType, to: ObjectType, where: string): AssociationType[] {
  if (!Array.isArray(raw) || raw.length === 0) throw validationError(`${where}: expected a non-empty array of {associationCategory, associationTypeId}`);
  return raw.map((s: unknown) => {
    const spec = (s ?? {}) as { associationCategory?: unknown; associationTypeId?: unknown };
    const t = associationTypeById(Number(spec.associationTypeId));
    if (!t || t.from !== from.id || t.to !== to.id || spec.associationCategory !== 'HUBSPOT_DEFINED') {
      throw validationError(`${where}: ${String(spec.associationCategory)} ${String(spec.associationTypeId)} is not an association type from ${from.singular} to ${to.singular}`, [
        { message: 'invalid association type', code: 'INVALID_ASSOCIATION_TYPE' },
      ]);
    }
    return t;
  });
}

function requireLive(portal: Portal, t: ObjectType, id: string): void {
  if (!portal.live(t.id, id)) {
    // The exact body for a missing record in an association write is unverified.
    throw validationError(`${t.singular} ${id} does not exist or is archived`, [{ message: `${id} is not a valid ${t.singular} id`, code: 'INVALID_OBJECT_ID', context: { id: [id] } }]);
  }
}

/** The types a default association creates: the unlabeled type, and the primary when configured and missing. */
function defaultTypes(portal: Portal, from: ObjectType, fromId: string, to: ObjectType): AssociationType[] {
  const d = defaultTypeBetween(from.id, to.id);
  if (!d) throw validationError(`There is no default association between ${from.name} and ${to.name}`);
  const types = [d];
  const primary = typesBetween(from.id, to.id).find((t) => t.unique);
  if (portal.config.defaultAssociationSetsPrimary && primary && portal.associations.uniqueTarget(from.id, fromId, to.id) === undefined) types.push(primary);
  return types;
}

function defaultResults(from: ObjectType, fromId: string, to: ObjectType, toId: string, types: AssociationType[]) {
  return types.flatMap((t) => [
    { from: { id: fromId }, to: { id: toId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: t.id } },
    { from: { id: toId }, to: { id: fromId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: t.inverse } },
  ]);
}

function labelsJson(portal: Portal, version: ApiVersion, from: ObjectType, fromId: string, to: ObjectType, toId: string) {
  const e = portal.associations.get(from.id, fromId, to.id, toId);
  const labels = [...(e?.types ?? [])]
    .map((id) => associationTypeById(id)?.label)
    .filter((l): l is string => typeof l === 'string');
  return { fromObjectTypeId: from.id, fromObjectId: idOut(version, fromId), toObjectTypeId: to.id, toObjectId: idOut(version, toId), labels };
}

function envelope(portal: Portal, results: unknown[], errors: unknown[]) {
  const now = iso(portal.now());
  return { status: 'COMPLETE', results, ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}), startedAt: now, completedAt: now };
}

function batchInputs(body: unknown, max: number): Record<string, unknown>[] {
  const b = bodyObject(body);
  if (!Array.isArray(b.inputs)) throw validationError('Invalid input JSON: inputs must be an array');
  if (b.inputs.length > max) throw validationError(`Batch input limit exceeded: at most ${max} inputs per request, got ${b.inputs.length}`);
  return b.inputs.map((i: unknown) => (typeof i === 'object' && i !== null ? (i as Record<string, unknown>) : {}));
}

const idIn = (v: unknown): string => {
  const o = (v ?? {}) as { id?: unknown };
  return o.id === undefined || o.id === null ? '' : String(o.id);
};

function list(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx);
  const to = typeParam(ctx, 'toObjectType');
  const limit = queryLimit(ctx.query, 'limit', PAGE_DEFAULT, PAGE_DEFAULT);
  const offset = offsetOf(queryOne(ctx.query, 'after'));
  const all = rows(ctx.portal, ctx.version, from, ctx.params.objectId ?? '', to);
  const page = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? cursor(offset + limit) : undefined;
  return {
    status: 200,
    body: { results: page, ...(next ? { paging: { next: { after: next, link: `${ctx.baseUrl}${ctx.path}?after=${next}&limit=${limit}` } } } : {}) },
  };
}

function putDefault(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx);
  const to = typeParam(ctx, 'toObjectType');
  const fromId = ctx.params.objectId ?? '';
  const toId = ctx.params.toObjectId ?? '';
  requireLive(ctx.portal, from, fromId);
  requireLive(ctx.portal, to, toId);
  const types = defaultTypes(ctx.portal, from, fromId, to);
  ctx.portal.associate(from.id, fromId, to.id, toId, types);
  return { status: 200, body: envelope(ctx.portal, defaultResults(from, fromId, to, toId, types), []) };
}

function putLabelled(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx);
  const to = typeParam(ctx, 'toObjectType');
  const fromId = ctx.params.objectId ?? '';
  const toId = ctx.params.toObjectId ?? '';
  const types = parseSpecs(ctx.body, from, to, 'body');
  requireLive(ctx.portal, from, fromId);
  requireLive(ctx.portal, to, toId);
  // A labelled PUT replaces the labels on the pair; the unlabeled type always stays with a label.
  const d = defaultTypeBetween(from.id, to.id);
  const all = d && !types.includes(d) ? [d, ...types] : types;
  const existing = ctx.portal.associations.get(from.id, fromId, to.id, toId);
  const drop = [...(existing?.types ?? [])].map((id) => associationTypeById(id)).filter((t): t is AssociationType => t !== undefined && !all.includes(t));
  if (drop.length > 0) ctx.portal.associations.removeTypes(from.id, fromId, to.id, toId, drop);
  ctx.portal.associate(from.id, fromId, to.id, toId, all);
  return { status: 201, body: labelsJson(ctx.portal, ctx.version, from, fromId, to, toId) };
}

function remove(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx);
  const to = typeParam(ctx, 'toObjectType');
  ctx.portal.associations.removePair(from.id, ctx.params.objectId ?? '', to.id, ctx.params.toObjectId ?? '');
  return { status: 204 };
}

function batchRead(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx, 'fromObjectType');
  const to = typeParam(ctx, 'toObjectType');
  const results: unknown[] = [];
  const errors: unknown[] = [];
  for (const input of batchInputs(ctx.body, BATCH_READ_LIMIT)) {
    const id = input.id === undefined ? '' : String(input.id);
    const offset = offsetOf(typeof input.after === 'string' ? input.after : undefined);
    const all = ctx.portal.live(from.id, id) ? rows(ctx.portal, ctx.version, from, id, to) : [];
    if (all.length === 0) {
      // HubSpot reports inputs without associations as per-row errors of a 207 (wording unverified). The 2026-09
      // spec types a row's subCategory as an object, so there the row has none: its message says what happened.
      const subCategory = isDateVersion(ctx.version) ? {} : { subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND' };
      errors.push(standardError('OBJECT_NOT_FOUND', `No associations found: no ${to.name} are associated with ${from.singular} ${id}.`, { fromObjectId: [id] }, subCategory));
      continue;
    }
    const page = all.slice(offset, offset + PAGE_DEFAULT);
    const next = offset + PAGE_DEFAULT < all.length ? cursor(offset + PAGE_DEFAULT) : undefined;
    results.push({ from: { id }, to: page, ...(next ? { paging: { next: { after: next } } } : {}) });
  }
  return { status: errors.length > 0 ? 207 : 200, body: envelope(ctx.portal, results, errors) };
}

function batchCreate(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx, 'fromObjectType');
  const to = typeParam(ctx, 'toObjectType');
  const results: unknown[] = [];
  const errors: unknown[] = [];
  batchInputs(ctx.body, BATCH_WRITE_LIMIT).forEach((input, n) => {
    const fromId = idIn(input.from);
    const toId = idIn(input.to);
    try {
      const types = parseSpecs(input.types, from, to, `inputs[${n}].types`);
      requireLive(ctx.portal, from, fromId);
      requireLive(ctx.portal, to, toId);
      const d = defaultTypeBetween(from.id, to.id);
      ctx.portal.associate(from.id, fromId, to.id, toId, d && !types.includes(d) ? [d, ...types] : types);
      results.push(labelsJson(ctx.portal, ctx.version, from, fromId, to, toId));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push(standardError(e.body.category ?? 'VALIDATION_ERROR', e.body.message, { fromObjectId: [fromId], toObjectId: [toId] }));
    }
  });
  return { status: errors.length > 0 ? 207 : isDateVersion(ctx.version) ? 200 : 201, body: envelope(ctx.portal, results, errors) };
}

function batchDefault(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx, 'fromObjectType');
  const to = typeParam(ctx, 'toObjectType');
  const results: unknown[] = [];
  const errors: unknown[] = [];
  batchInputs(ctx.body, BATCH_WRITE_LIMIT).forEach((input) => {
    const fromId = idIn(input.from);
    const toId = idIn(input.to);
    try {
      requireLive(ctx.portal, from, fromId);
      requireLive(ctx.portal, to, toId);
      const types = defaultTypes(ctx.portal, from, fromId, to);
      ctx.portal.associate(from.id, fromId, to.id, toId, types);
      results.push(...defaultResults(from, fromId, to, toId, types));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push(standardError(e.body.category ?? 'VALIDATION_ERROR', e.body.message, { fromObjectId: [fromId], toObjectId: [toId] }));
    }
  });
  // The SDK expects 200 here; per-row failures still answer 200 with errors (the spec lists no 207).
  return { status: 200, body: envelope(ctx.portal, results, errors) };
}

function batchArchive(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx, 'fromObjectType');
  const to = typeParam(ctx, 'toObjectType');
  for (const input of batchInputs(ctx.body, BATCH_WRITE_LIMIT)) {
    const fromId = idIn(input.from);
    const targets = Array.isArray(input.to) ? input.to : [];
    for (const t of targets) ctx.portal.associations.removePair(from.id, fromId, to.id, idIn(t));
  }
  return archived(ctx);
}

/** A batch archive's answer: 204 on v4, 200 with an empty batch body on 2026-09. */
function archived(ctx: RequestContext): HandlerResult {
  return isDateVersion(ctx.version) ? { status: 200, body: envelope(ctx.portal, [], []) } : { status: 204 };
}

function batchArchiveLabels(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx, 'fromObjectType');
  const to = typeParam(ctx, 'toObjectType');
  batchInputs(ctx.body, BATCH_WRITE_LIMIT).forEach((input, n) => {
    const types = parseSpecs(input.types, from, to, `inputs[${n}].types`);
    ctx.portal.associations.removeTypes(from.id, idIn(input.from), to.id, idIn(input.to), types);
  });
  return archived(ctx);
}

function labels(ctx: RequestContext): HandlerResult {
  const from = typeParam(ctx, 'fromObjectType');
  const to = typeParam(ctx, 'toObjectType');
  return { status: 200, body: { results: typesBetween(from.id, to.id).map((t) => typeOut(ctx.version, t)) } };
}

const single = (ctx: ScopeContext) => pairScopes(ctx, 'objectType', 'toObjectType');
const batch = (ctx: ScopeContext) => pairScopes(ctx, 'fromObjectType', 'toObjectType');
const record = (suffix: string) => versioned({ v4: '/crm/v4/objects/:objectType/:objectId/associations', '2026-09': '/crm/objects/2026-09/:objectType/:objectId/associations' }, suffix);
const pair = (suffix: string) => versioned({ v4: '/crm/v4/associations/:fromObjectType/:toObjectType', '2026-09': '/crm/associations/2026-09/:fromObjectType/:toObjectType' }, suffix);

export const ASSOCIATION_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', paths: record('/:toObjectType'), operation: 'associations.list', scopes: single, body: 'none', isWrite: false, handler: list },
  { method: 'PUT', paths: record('/default/:toObjectType/:toObjectId'), operation: 'associations.createDefault', scopes: single, body: 'none', isWrite: true, handler: putDefault },
  { method: 'PUT', paths: record('/:toObjectType/:toObjectId'), operation: 'associations.create', scopes: single, body: 'required', isWrite: true, creates: true, handler: putLabelled },
  { method: 'DELETE', paths: record('/:toObjectType/:toObjectId'), operation: 'associations.archive', scopes: single, body: 'none', isWrite: true, handler: remove },
  { method: 'POST', paths: pair('/batch/read'), operation: 'associations.batchRead', limitClass: 'association_batch', scopes: batch, body: 'required', isWrite: false, handler: batchRead },
  { method: 'POST', paths: pair('/batch/create'), operation: 'associations.batchCreate', limitClass: 'association_batch', scopes: batch, body: 'required', isWrite: true, creates: true, handler: batchCreate },
  { method: 'POST', paths: pair('/batch/associate/default'), operation: 'associations.batchCreateDefault', limitClass: 'association_batch', scopes: batch, body: 'required', isWrite: true, handler: batchDefault },
  { method: 'POST', paths: pair('/batch/archive'), operation: 'associations.batchArchive', limitClass: 'association_batch', scopes: batch, body: 'required', isWrite: true, handler: batchArchive },
  { method: 'POST', paths: pair('/batch/labels/archive'), operation: 'associations.batchArchiveLabels', limitClass: 'association_batch', scopes: batch, body: 'required', isWrite: true, handler: batchArchiveLabels },
  { method: 'GET', paths: pair('/labels'), operation: 'associations.labels', scopes: batch, body: 'none', isWrite: false, handler: labels },
];
