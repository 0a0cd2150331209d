import { versioned, type RequestContext, type HandlerResult, type RouteSpec } from '../http/route';
import { recordJson } from '../store/render';
import { parseSearchRequest, runSearch } from '../search/search';
import { OBJECTS_BASE, typeParam } from './objects';

/**
 * `POST /crm/v3/objects/{type}/search` and `/crm/objects/2026-09/{type}/search`: its own rate-limit class (5/s per account, outside the 10-second window,
 * no rate-limit headers). Answers `{total, results, paging?: {next: {after}}}` with `after` an offset string.
 */
function search(ctx: RequestContext): HandlerResult {
  const t = typeParam(ctx);
  const req = parseSearchRequest(ctx.portal, t, ctx.body);
  const now = ctx.portal.now();
  const page = runSearch(ctx.portal, t, req, now);
  return {
    status: 200,
    body: {
      total: page.total,
      results: page.results.map((r) => recordJson(ctx.portal, r.record, { properties: req.properties, snapshot: r.view })),
      ...(page.nextAfter !== undefined ? { paging: { next: { after: String(page.nextAfter) } } } : {}),
    },
  };
}

export const SEARCH_ROUTES: readonly RouteSpec[] = [
  {
    method: 'POST',
    paths: versioned(OBJECTS_BASE, '/search'),
    operation: 'objects.search',
    limitClass: 'search',
    scopes: (ctx) => [typeParam(ctx).readScopes],
    body: 'optional',
    isWrite: false,
    handler: search,
  },
];
