import { validationError } from '../http/errors';
import { bodyObject, queryBool, versioned, type HandlerResult, type RequestContext, type RouteSpec, type ScopeContext } from '../http/route';
import { pipelineReadScopes, pipelineWriteScopes } from '../http/scopes';
import { pipelineJson, stageJson } from '../schema/pipelines';
import type { ObjectType } from '../schema/object-types';
import type { Portal } from '../store/portal';
import { typeParam } from './objects';

/**
 * Pipelines for deals and tickets, v3 and 2026-09: pipelines and stages, create 201, read/update/replace 200,
 * delete 204. With `validateReferencesBeforeDelete=true`, deleting a pipeline or stage that records still use is a
 * 400 `PipelineError.STAGE_ID_IN_USE`.
 */

function pipelineType(ctx: ScopeContext): ObjectType {
  const t = typeParam(ctx);
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
  const P = (ctx: RequestContext) => ({ t: pipelineType(ctx), id: ctx.params.pipelineId ?? '', stage: ctx.params.stageId ?? '' });
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
const read = (ctx: ScopeContext) => [pipelineReadScopes(pipelineType(ctx))];
const write = (ctx: ScopeContext) => [pipelineWriteScopes(pipelineType(ctx))];
const PIPELINES_BASE = { v3: '/crm/v3/pipelines/:objectType', '2026-09': '/crm/pipelines/2026-09/:objectType' } as const;
const r = (method: RouteSpec['method'], suffix: string, operation: string, handler: RouteSpec['handler']): RouteSpec => ({
  method,
  paths: versioned(PIPELINES_BASE, suffix),
  operation,
  scopes: method === 'GET' ? read : write,
  body: method === 'GET' || method === 'DELETE' ? 'none' : 'required',
  isWrite: method !== 'GET',
  creates: method === 'POST',
  handler,
});

export const PIPELINE_ROUTES: readonly RouteSpec[] = [
  r('GET', '', 'pipelines.list', h.list),
  r('POST', '', 'pipelines.create', h.create),
  r('GET', '/:pipelineId', 'pipelines.get', h.get),
  r('PATCH', '/:pipelineId', 'pipelines.update', h.update),
  r('PUT', '/:pipelineId', 'pipelines.replace', h.replace),
  r('DELETE', '/:pipelineId', 'pipelines.archive', h.remove),
  r('GET', '/:pipelineId/stages', 'pipelines.stages.list', h.stages),
  r('POST', '/:pipelineId/stages', 'pipelines.stages.create', h.createStage),
  r('GET', '/:pipelineId/stages/:stageId', 'pipelines.stages.get', h.getStage),
  r('PATCH', '/:pipelineId/stages/:stageId', 'pipelines.stages.update', h.updateStage),
  r('PUT', '/:pipelineId/stages/:stageId', 'pipelines.stages.replace', h.replaceStage),
  r('DELETE', '/:pipelineId/stages/:stageId', 'pipelines.stages.archive', h.removeStage),
];
