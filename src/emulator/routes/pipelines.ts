import { validationError } from '../http/errors';
import { bodyObject, queryBool, type HandlerResult, type RequestContext, type RouteSpec } from '../http/route';
import { pipelineReadScopes, pipelineWriteScopes } from '../http/scopes';
import { pipelineJson, stageJson } from '../schema/pipelines';
import type { ObjectType } from '../schema/object-types';
import type { Portal } from '../store/portal';
import { typeParam } from './objects';

/**
 * Pipelines v3 for deals and tickets (reference §7): pipelines and stages, create 201, read/update/replace 200,
 * delete 204. With `validateReferencesBeforeDelete=true`, deleting a pipeline or stage that records still use is a
 * 400 `PipelineError.STAGE_ID_IN_USE`.
 */

function pipelineType(p: Readonly<Record<string, string>>): ObjectType {
  const t = typeParam(p);
  if (t.id !== '0-3' && t.id !== '0-5') throw validationError(`Pipelines are not supported for ${t.name} here: use deals or tickets`);
  return t;
}

/** Records (ids) in a pipeline, or in one of its stages. */
function inUse(portal: Portal, t: ObjectType, pipelineId: string, stageId?: string): string[] {
  const [pipelineProp, stageProp] = t.id === '0-5' ? ['hs_pipeline', 'hs_pipeline_stage'] : ['pipeline', 'dealstage'];
  return portal
    .ordered(t.id)
    .filter((r) => !r.archived && r.properties[pipelineProp] === pipelineId && (stageId === undefined || r.properties[stageProp] === stageId))
    .map((r) => r.id);
}

const validate = (ctx: RequestContext) => queryBool(ctx.query, 'validateReferencesBeforeDelete') || queryBool(ctx.query, 'validateDealStageUsagesBeforeDelete');

function handlers() {
  const P = (ctx: RequestContext) => ({ t: pipelineType(ctx.params), id: ctx.params.pipelineId ?? '', stage: ctx.params.stageId ?? '' });
  return {
    list: (ctx: RequestContext): HandlerResult => ({ status: 200, body: { results: ctx.portal.pipelines.list(P(ctx).t.id).map(pipelineJson) } }),
    create: (ctx: RequestContext): HandlerResult => ({ status: 201, body: pipelineJson(ctx.portal.pipelines.create(P(ctx).t.id, bodyObject(ctx.body), ctx.portal.now())) }),
    get: (ctx: RequestContext): HandlerResult => ({ status: 200, body: pipelineJson(ctx.portal.pipelines.get(P(ctx).t.id, P(ctx).id)) }),
    update: (ctx: RequestContext): HandlerResult => ({ status: 200, body: pipelineJson(ctx.portal.pipelines.update(P(ctx).t.id, P(ctx).id, bodyObject(ctx.body), ctx.portal.now())) }),
    replace: (ctx: RequestContext): HandlerResult => ({ status: 200, body: pipelineJson(ctx.portal.pipelines.replace(P(ctx).t.id, P(ctx).id, bodyObject(ctx.body), ctx.portal.now())) }),
    remove: (ctx: RequestContext): HandlerResult => {
      const { t, id } = P(ctx);
      ctx.portal.pipelines.archive(t.id, id, ctx.portal.now(), validate(ctx) ? inUse(ctx.portal, t, id) : []);
      return { status: 204 };
    },
    stages: (ctx: RequestContext): HandlerResult => ({ status: 200, body: { results: ctx.portal.pipelines.get(P(ctx).t.id, P(ctx).id).stages.filter((s) => !s.archived).map(stageJson) } }),
    createStage: (ctx: RequestContext): HandlerResult => ({ status: 201, body: stageJson(ctx.portal.pipelines.createStage(P(ctx).t.id, P(ctx).id, bodyObject(ctx.body), ctx.portal.now())) }),
    getStage: (ctx: RequestContext): HandlerResult => ({ status: 200, body: stageJson(ctx.portal.pipelines.getStage(P(ctx).t.id, P(ctx).id, P(ctx).stage)) }),
    updateStage: (ctx: RequestContext): HandlerResult => ({
      status: 200,
      body: stageJson(ctx.portal.pipelines.updateStage(P(ctx).t.id, P(ctx).id, P(ctx).stage, bodyObject(ctx.body), ctx.portal.now())),
    }),
    replaceStage: (ctx: RequestContext): HandlerResult => ({
      status: 200,
      body: stageJson(ctx.portal.pipelines.updateStage(P(ctx).t.id, P(ctx).id, P(ctx).stage, bodyObject(ctx.body), ctx.portal.now(), true)),
    }),
    removeStage: (ctx: RequestContext): HandlerResult => {
      const { t, id, stage } = P(ctx);
      ctx.portal.pipelines.archiveStage(t.id, id, stage, ctx.portal.now(), validate(ctx) ? inUse(ctx.portal, t, id, stage) : []);
      return { status: 204 };
    },
  };
}

const h = handlers();
const read = (p: Readonly<Record<string, string>>) => [pipelineReadScopes(pipelineType(p))];
const write = (p: Readonly<Record<string, string>>) => [pipelineWriteScopes(pipelineType(p))];
const base = '/crm/v3/pipelines/:objectType';
const r = (method: RouteSpec['method'], url: string, operation: string, handler: RouteSpec['handler']): RouteSpec => ({
  method,
  url,
  operation,
  scopes: method === 'GET' ? read : write,
  body: method === 'GET' || method === 'DELETE' ? 'none' : 'required',
  isWrite: method !== 'GET',
  creates: method === 'POST',
  handler,
});

export const PIPELINE_ROUTES: readonly RouteSpec[] = [
  r('GET', base, 'pipelines.list', h.list),
  r('POST', base, 'pipelines.create', h.create),
  r('GET', `${base}/:pipelineId`, 'pipelines.get', h.get),
  r('PATCH', `${base}/:pipelineId`, 'pipelines.update', h.update),
  r('PUT', `${base}/:pipelineId`, 'pipelines.replace', h.replace),
  r('DELETE', `${base}/:pipelineId`, 'pipelines.archive', h.remove),
  r('GET', `${base}/:pipelineId/stages`, 'pipelines.stages.list', h.stages),
  r('POST', `${base}/:pipelineId/stages`, 'pipelines.stages.create', h.createStage),
  r('GET', `${base}/:pipelineId/stages/:stageId`, 'pipelines.stages.get', h.getStage),
  r('PATCH', `${base}/:pipelineId/stages/:stageId`, 'pipelines.stages.update', h.updateStage),
  r('PUT', `${base}/:pipelineId/stages/:stageId`, 'pipelines.stages.replace', h.replaceStage),
  r('DELETE', `${base}/:pipelineId/stages/:stageId`, 'pipelines.stages.archive', h.removeStage),
];
