import type { StoredRecord } from '../types';
import { ApiError, objectNotFound, standardError, unknownObjectType, validationError } from '../http/errors';
import { bodyObject, isDateVersion, queryBool, queryLimit, queryList, queryOne, versioned, type HandlerResult, type RequestContext, type RouteSpec, type ScopeContext } from '../http/route';
import type { ObjectType } from '../schema/object-types';
import { recordJson } from '../store/render';
import type { Portal, WritePlan } from '../store/portal';

/**
 * CRM objects, v3 and 2026-09 (one handler each, both versions): get, list, create (201), update (PATCH 200),
 * archive (204) and the batch endpoints (read/create/update/upsert/archive; at most 100 inputs; 207 for partial
 * results). On 2026-09 paths every write also meets the portal admin's property rules. The 2026-09 specs list no
 * 207 for the batch endpoints (their 2026-03 and 2026-09-beta siblings and HubSpot's error-handling guide do), so
 * a partial result still answers 207 there, with the same batch body.
 */

export const BATCH_LIMIT = 100;
/** With `propertiesWithHistory` the page maximum drops to 50 (reference §2; exact message unverified). */
export const HISTORY_PAGE_MAX = 50;

/** The object type a path parameter names (plural name, type id, or a custom object's id or qualified name). */
export function typeParam(ctx: ScopeContext, name = 'objectType'): ObjectType {
  const segment = ctx.params[name] ?? '';
  const t = ctx.portal.types.of(segment);
  if (!t) throw unknownObjectType(segment);
  return t;
}

const readScopes = (ctx: ScopeContext) => [typeParam(ctx).readScopes];
const writeScopes = (ctx: ScopeContext) => [typeParam(ctx).writeScopes];
/** The write checks of a request's version: 2026-09 enforces the portal's property rules. */
const checks = (ctx: RequestContext) => ({ enforceRules: isDateVersion(ctx.version) });
const iso = (ms: number) => new Date(ms).toISOString();

function batchEnvelope(portal: Portal, results: unknown[], errors: unknown[]): Record<string, unknown> {
  const now = iso(portal.now());
  return {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    startedAt: now,
    completedAt: now,
  };
}

/** Batch inputs: an array of at most 100 objects. */
function batchInputs(body: unknown): Record<string, unknown>[] {
  const b = bodyObject(body);
  if (!Array.isArray(b.inputs)) throw validationError('Invalid input JSON: inputs must be an array');
  if (b.inputs.length > BATCH_LIMIT) {
    // Exact wording unverified.
    throw validationError(`Batch input limit exceeded: at most ${BATCH_LIMIT} inputs per request, got ${b.inputs.length}`, [
      { message: `inputs must contain at most ${BATCH_LIMIT} items`, code: 'TOO_MANY_INPUTS', in: 'inputs' },
    ]);
  }
  return b.inputs.map((i: unknown, n) => {
    if (typeof i !== 'object' || i === null || Array.isArray(i)) throw validationError(`Invalid input JSON: inputs[${n}] must be an object`);
    return i as Record<string, unknown>;
  });
}

const idOf = (input: Record<string, unknown>): string => (input.id === undefined || input.id === null ? '' : String(input.id));

/** "Duplicate IDs found in batch input: [..]. IDs must be unique" (HubSpot's batch wording). */
function rejectDuplicateIds(ids: string[]): void {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const id of ids) (seen.has(id) ? dups : seen).add(id);
  if (dups.size > 0) throw validationError(`Duplicate IDs found in batch input: [${[...dups].join(', ')}]. IDs must be unique`);
}

/**
 * Per-row results of a batch write are only possible when every input carries a distinct objectWriteTraceId
 * (docs: error-handling); otherwise one bad input fails the whole call.
 */
function traceIds(inputs: Record<string, unknown>[]): string[] | undefined {
  const ids = inputs.map((i) => (typeof i.objectWriteTraceId === 'string' && i.objectWriteTraceId !== '' ? i.objectWriteTraceId : undefined));
  if (ids.some((i) => i === undefined)) return undefined;
  const defined = ids as string[];
  return new Set(defined).size === defined.length ? defined : undefined;
}

function rowError(e: ApiError, trace: string | undefined, id?: string): Record<string, unknown> {
  const context: Record<string, string[]> = { ...(e.body.context ?? {}) };
  if (trace) context.objectWriteTraceId = [trace];
  if (id) context.ids = [id];
  return standardError(e.body.category ?? 'VALIDATION_ERROR', e.body.message, context, { ...(e.body.errors ? { errors: e.body.errors } : {}) });
}

function renderWritten(portal: Portal, rec: StoredRecord, written: string[], trace?: string): Record<string, unknown> {
  const json = recordJson(portal, rec, { properties: Object.keys(rec.properties), written });
  return trace ? { ...json, objectWriteTraceId: trace } : json;
}

function list(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const withHistory = queryList(ctx.query, 'propertiesWithHistory');
  const max = withHistory.length > 0 ? HISTORY_PAGE_MAX : 100;
  const limit = queryLimit(ctx.query, 'limit', 10, max);
  const archived = queryBool(ctx.query, 'archived');
  const after = queryOne(ctx.query, 'after');
  const start = after === undefined ? 0 : Number(after);
  if (!Number.isFinite(start)) throw validationError(`after must be a paging cursor from a previous page, got ${after}`);
  const records = ctx.portal.ordered(t.id);
  // Binary search the first record with id >= after (ids ascend in creation order).
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Number(records[mid]?.id) < start) lo = mid + 1;
    else hi = mid;
  }
  const page: StoredRecord[] = [];
  let next: StoredRecord | undefined;
  for (let i = lo; i < records.length; i++) {
    const r = records[i];
    if (!r || r.archived !== archived) continue;
    if (page.length === limit) {
      next = r;
      break;
    }
    page.push(r);
  }
  const render = { properties: queryList(ctx.query, 'properties'), propertiesWithHistory: withHistory, associations: queryList(ctx.query, 'associations') };
  const body: Record<string, unknown> = { results: page.map((r) => recordJson(ctx.portal, r, render)) };
  if (next) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(ctx.query)) {
      if (k === 'after' || v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
    }
    q.set('after', next.id);
    body.paging = { next: { after: next.id, link: `${ctx.baseUrl}${ctx.path}?${q.toString()}` } };
  }
  return { status: 200, body };
}

function getById(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const id = ctx.params.objectId ?? '';
  const rec = ctx.portal.findBy(t.id, queryOne(ctx.query, 'idProperty'), id, queryBool(ctx.query, 'archived'));
  if (!rec) throw objectNotFound(id);
  return {
    status: 200,
    body: recordJson(ctx.portal, rec, {
      properties: queryList(ctx.query, 'properties'),
      propertiesWithHistory: queryList(ctx.query, 'propertiesWithHistory'),
      associations: queryList(ctx.query, 'associations'),
    }),
  };
}

function create(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const b = bodyObject(ctx.body);
  const plan = ctx.portal.prepare(t.id, b.properties, undefined, b.associations, checks(ctx));
  const rec = ctx.portal.create(t.id, plan);
  return { status: 201, body: renderWritten(ctx.portal, rec, []) };
}

function update(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const id = ctx.params.objectId ?? '';
  const rec = ctx.portal.findBy(t.id, queryOne(ctx.query, 'idProperty'), id);
  if (!rec) throw objectNotFound(id);
  const b = bodyObject(ctx.body);
  const plan = ctx.portal.prepare(t.id, b.properties, rec, undefined, checks(ctx));
  ctx.portal.update(rec, plan);
  return { status: 200, body: renderWritten(ctx.portal, rec, Object.keys(plan.values)) };
}

function archive(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  // Archiving an unknown or already archived id answers 204 like a success (the spec documents only 204).
  const rec = ctx.portal.live(t.id, ctx.params.objectId ?? '');
  if (rec) ctx.portal.archive(rec);
  return { status: 204 };
}

function batchRead(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const b = bodyObject(ctx.body);
  const inputs = batchInputs(ctx.body);
  const idProperty = typeof b.idProperty === 'string' && b.idProperty !== '' ? b.idProperty : undefined;
  const archived = queryBool(ctx.query, 'archived');
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const render = { properties: strings(b.properties), propertiesWithHistory: strings(b.propertiesWithHistory) };
  const results: unknown[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const id = idOf(input);
    const rec = ctx.portal.findBy(t.id, idProperty, id, archived);
    if (!rec) {
      missing.push(id);
      continue;
    }
    if (seen.has(rec.id)) continue;
    seen.add(rec.id);
    results.push(recordJson(ctx.portal, rec, render));
  }
  const errors =
    missing.length > 0
      ? [standardError('OBJECT_NOT_FOUND', `Could not get some ${t.upper} objects, they may be deleted or not exist. Check that ids are valid.`, { ids: missing })]
      : [];
  return { status: errors.length > 0 ? 207 : 200, body: batchEnvelope(ctx.portal, results, errors) };
}

function batchCreate(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const inputs = batchInputs(ctx.body);
  const traces = traceIds(inputs);
  const emails = new Map<string, number>();
  const prepareRow = (input: Record<string, unknown>, n: number): WritePlan => {
    const plan = ctx.portal.prepare(t.id, input.properties, undefined, input.associations, checks(ctx));
    const email = t.id === '0-1' ? plan.values.email : undefined;
    if (email) {
      if (emails.has(email)) throw validationError(`Duplicate email in batch inputs ${emails.get(email)} and ${n}: ${email}`);
      emails.set(email, n);
    }
    return plan;
  };
  if (!traces) {
    // All or nothing: the first invalid input fails the call (a duplicate email: one 409 naming the first conflict).
    const plans = inputs.map(prepareRow);
    const results = plans.map((plan) => renderWritten(ctx.portal, ctx.portal.create(t.id, plan), []));
    return { status: 201, body: batchEnvelope(ctx.portal, results, []) };
  }
  const results: unknown[] = [];
  const errors: unknown[] = [];
  inputs.forEach((input, n) => {
    try {
      const plan = prepareRow(input, n);
      results.push(renderWritten(ctx.portal, ctx.portal.create(t.id, plan), [], traces[n]));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push(rowError(e, traces[n]));
    }
  });
  return { status: errors.length > 0 ? 207 : 201, body: batchEnvelope(ctx.portal, results, errors) };
}

function batchUpdate(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const inputs = batchInputs(ctx.body);
  const traces = traceIds(inputs);
  rejectDuplicateIds(inputs.map(idOf));
  const rows = inputs.map((input) => {
    const idProperty = typeof input.idProperty === 'string' && input.idProperty !== '' ? input.idProperty : undefined;
    return { input, id: idOf(input), rec: ctx.portal.findBy(t.id, idProperty, idOf(input)) };
  });
  const results: unknown[] = [];
  const errors: unknown[] = [];
  const notFound = (id: string, trace?: string) =>
    standardError('OBJECT_NOT_FOUND', `Could not find ${t.upper} with id ${id}`, { ids: [id], ...(trace ? { objectWriteTraceId: [trace] } : {}) });
  if (!traces) {
    const plans = rows.map((r) => (r.rec ? ctx.portal.prepare(t.id, r.input.properties, r.rec, undefined, checks(ctx)) : undefined));
    rows.forEach((r, n) => {
      const plan = plans[n];
      if (!r.rec || !plan) {
        errors.push(notFound(r.id));
        return;
      }
      ctx.portal.update(r.rec, plan);
      results.push(renderWritten(ctx.portal, r.rec, Object.keys(plan.values)));
    });
  } else {
    rows.forEach((r, n) => {
      if (!r.rec) {
        errors.push(notFound(r.id, traces[n]));
        return;
      }
      try {
        const plan = ctx.portal.prepare(t.id, r.input.properties, r.rec, undefined, checks(ctx));
        ctx.portal.update(r.rec, plan);
        results.push(renderWritten(ctx.portal, r.rec, Object.keys(plan.values), traces[n]));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(rowError(e, traces[n], r.id));
      }
    });
  }
  return { status: errors.length > 0 ? 207 : 200, body: batchEnvelope(ctx.portal, results, errors) };
}

function batchUpsert(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const inputs = batchInputs(ctx.body);
  const traces = traceIds(inputs);
  rejectDuplicateIds(inputs.map((i) => idOf(i).toLowerCase()));
  const rows = inputs.map((input, n) => {
    const idProperty = typeof input.idProperty === 'string' && input.idProperty !== '' ? input.idProperty : undefined;
    if (!idProperty || idProperty === 'hs_object_id') {
      throw validationError(`inputs[${n}]: upsert needs idProperty naming a unique value property (e.g. email)`);
    }
    const id = idOf(input);
    const rec = ctx.portal.findBy(t.id, idProperty, id);
    const props = { ...((input.properties ?? {}) as Record<string, unknown>) };
    if (!rec) props[idProperty] = id;
    return { input, rec, props, trace: traces?.[n] };
  });
  const apply = (row: (typeof rows)[number], plan: WritePlan) => {
    if (row.rec) {
      ctx.portal.update(row.rec, plan);
      return { ...renderWritten(ctx.portal, row.rec, Object.keys(plan.values), row.trace), new: false };
    }
    return { ...renderWritten(ctx.portal, ctx.portal.create(t.id, plan), [], row.trace), new: true };
  };
  const results: unknown[] = [];
  const errors: unknown[] = [];
  if (!traces) {
    const plans = rows.map((r) => ctx.portal.prepare(t.id, r.props, r.rec, undefined, checks(ctx)));
    rows.forEach((r, n) => {
      const plan = plans[n];
      if (plan) results.push(apply(r, plan));
    });
  } else {
    for (const r of rows) {
      try {
        results.push(apply(r, ctx.portal.prepare(t.id, r.props, r.rec, undefined, checks(ctx))));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(rowError(e, r.trace));
      }
    }
  }
  return { status: errors.length > 0 ? 207 : 200, body: batchEnvelope(ctx.portal, results, errors) };
}

function batchArchive(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  for (const input of batchInputs(ctx.body)) {
    const rec = ctx.portal.live(t.id, idOf(input));
    if (rec) ctx.portal.archive(rec);
  }
  return { status: 204 };
}

/**
 * Merge (contacts, companies, deals, tickets): the record to merge is archived and its associations move to the
 * primary; the primary's values win, empty ones are filled from the merged record.
 */
function merge(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const b = bodyObject(ctx.body);
  const primaryId = String(b.primaryObjectId ?? '');
  const otherId = String(b.objectIdToMerge ?? '');
  if (!primaryId || !otherId) throw validationError('primaryObjectId and objectIdToMerge are required');
  if (primaryId === otherId) throw validationError('A record cannot be merged with itself');
  const primary = ctx.portal.live(t.id, primaryId);
  const other = ctx.portal.live(t.id, otherId);
  if (!primary) throw objectNotFound(primaryId);
  if (!other) throw objectNotFound(otherId);
  const fill: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(other.properties)) {
    const def = ctx.portal.properties.get(t.id, name);
    if (def && !def.readOnlyValue && !def.hasUniqueValue && name !== 'createdate' && primary.properties[name] === undefined) fill[name] = value;
  }
  ctx.portal.update(primary, ctx.portal.prepare(t.id, fill, primary));
  ctx.portal.mergeAssociations(t.id, otherId, primaryId);
  ctx.portal.archive(other);
  return { status: 200, body: renderWritten(ctx.portal, primary, []) };
}

const route = (r: Omit<RouteSpec, 'body' | 'isWrite'> & Partial<Pick<RouteSpec, 'body' | 'isWrite'>>): RouteSpec => ({
  body: r.method === 'GET' || r.method === 'DELETE' ? 'none' : 'required',
  isWrite: r.method !== 'GET',
  ...r,
});

/** Where the objects API lives in each version. */
export const OBJECTS_BASE = { v3: '/crm/v3/objects/:objectType', '2026-09': '/crm/objects/2026-09/:objectType' } as const;
const at = (suffix = '') => versioned(OBJECTS_BASE, suffix);

export const OBJECT_ROUTES: readonly RouteSpec[] = [
  route({ method: 'GET', paths: at(), operation: 'objects.list', scopes: readScopes, handler: list }),
  route({ method: 'POST', paths: at(), operation: 'objects.create', scopes: writeScopes, creates: true, handler: create }),
  route({ method: 'GET', paths: at('/:objectId'), operation: 'objects.get', scopes: readScopes, handler: getById }),
  route({ method: 'PATCH', paths: at('/:objectId'), operation: 'objects.update', scopes: writeScopes, handler: update }),
  route({ method: 'DELETE', paths: at('/:objectId'), operation: 'objects.archive', scopes: writeScopes, handler: archive }),
  route({ method: 'POST', paths: at('/batch/read'), operation: 'objects.batchRead', scopes: readScopes, isWrite: false, handler: batchRead }),
  route({ method: 'POST', paths: at('/batch/create'), operation: 'objects.batchCreate', scopes: writeScopes, creates: true, handler: batchCreate }),
  route({ method: 'POST', paths: at('/batch/update'), operation: 'objects.batchUpdate', scopes: writeScopes, handler: batchUpdate }),
  route({ method: 'POST', paths: at('/batch/upsert'), operation: 'objects.batchUpsert', scopes: writeScopes, handler: batchUpsert }),
  route({ method: 'POST', paths: at('/batch/archive'), operation: 'objects.batchArchive', scopes: writeScopes, handler: batchArchive }),
  route({
    method: 'POST',
    paths: at('/merge'),
    operation: 'objects.merge',
    scopes: (ctx) => {
      if (typeParam(ctx).id === '0-46') throw new ApiError(404, { message: 'Notes cannot be merged', category: 'OBJECT_NOT_FOUND' });
      return writeScopes(ctx);
    },
    handler: merge,
  }),
];
