import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LimitClass, RequestLogEntry } from '../types';
import type { Portal } from '../store/portal';
import type { RateLimiter } from '../limits/rate-limiter';
import type { FaultInjector, FaultOutcome } from '../faults/faults';
import { ApiError, errorJson, missingScopes, unauthorized, validationError, type ErrorBody } from './errors';
import { apiVersionOf, type ApiVersion, type HandlerResult, type RouteSpec } from './route';

/**
 * The HTTP pipeline every endpoint runs through, in HubSpot's order: authenticate (401), check scopes (403),
 * apply the rate limits (429), parse the JSON body (415/400), maybe inject a fault before the handler, run it, maybe
 * replace its answer after it ran, then add `x-hubspot-correlation-id` and the rate-limit headers, wait the
 * configured latency, answer and log. Authentication runs before the body is read: a request without a valid token
 * is answered 401 at once, however large a body it announces.
 */

export interface ServerState {
  readonly portal: Portal;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  /** token → its scopes (null = every scope). */
  readonly tokens: ReadonlyMap<string, ReadonlySet<string> | null>;
  readonly log: RequestLogEntry[];
  /** Keep at most this many log entries, dropping the oldest (undefined = keep all). */
  readonly logLimit?: number;
  readonly latencyMs: number;
  baseUrl: string;
  seq: number;
}

export const JSON_TYPE = 'application/json;charset=utf-8';

const SEARCH_LIMIT_MESSAGE = 'You have reached your secondly limit.';

/** 429 bodies (reference §5): no `category`; `errorType` RATE_LIMIT and a `policyName` the SDK keys its retries on. */
function rateLimitBody(policy: 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY', portalId: number): ErrorBody {
  if (policy === 'DAILY') {
    return { message: 'You have reached your daily limit.', extra: { errorType: 'RATE_LIMIT', policyName: 'DAILY', requestId: randomUUID(), groupName: `publicapi:private-app-api-calls-daily:${portalId}` } };
  }
  if (policy === 'SECONDLY') {
    // Whether search 429s still say SECONDLY is unverified; the SDK recognises exactly this message.
    return { message: SEARCH_LIMIT_MESSAGE, extra: { errorType: 'RATE_LIMIT', policyName: 'SECONDLY', groupName: `publicapi:search-api-calls-secondly:${portalId}` } };
  }
  return {
    message: 'You have reached your ten_secondly_rolling limit.',
    extra: { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', groupName: `publicapi:private-app-api-calls-ten-secondly:${portalId}` },
  };
}

/** Bodies of injected faults. 423 and 477 wording is unverified (docs describe the cases, not the bodies). */
function faultBody(status: number): ErrorBody {
  if (status === 423) return { message: 'The record is locked by a concurrent update. Wait at least 2 seconds and retry.', category: 'LOCKED' };
  if (status === 477) return { message: 'This account is being migrated to another data center. Retry after the time in the Retry-After header.', category: 'MIGRATION_IN_PROGRESS' };
  if (status === 503) return { message: 'Service Unavailable', category: 'SERVICE_UNAVAILABLE' };
  if (status === 504) return { message: 'Gateway Timeout', category: 'GATEWAY_TIMEOUT' };
  if (status === 502) return { message: 'Bad Gateway', category: 'BAD_GATEWAY' };
  return { message: 'internal error', category: 'INTERNAL_ERROR' };
}

const HTML_404 = '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n';

interface Outgoing {
  status: number;
  headers: Record<string, string>;
  /** Serialized body; undefined = no body. */
  payload?: string;
  contentType?: string;
}

function fromError(e: ApiError, correlationId: string): Outgoing {
  return { status: e.status, headers: { ...e.headers }, payload: JSON.stringify(errorJson(e.body, correlationId)), contentType: JSON_TYPE };
}

function fromResult(r: HandlerResult): Outgoing {
  return r.body === undefined ? { status: r.status, headers: {} } : { status: r.status, headers: {}, payload: JSON.stringify(r.body), contentType: JSON_TYPE };
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m?.[1]?.trim();
}

/** Parses the raw body: JSON content type required (415 otherwise), malformed JSON is a 400. */
function parseBody(req: FastifyRequest, mode: RouteSpec['body']): unknown {
  if (mode === 'none') return undefined;
  const raw = typeof req.body === 'string' ? req.body : undefined;
  if (raw === undefined || raw.trim() === '') {
    if (mode === 'required') throw validationError('Invalid input JSON on line 1, column 1: No content to map due to end-of-input');
    return undefined;
  }
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    // HubSpot's answer to a non-JSON body is a 415; its exact body is unverified.
    throw new ApiError(415, { message: `HTTP 415 Unsupported Media Type: expected application/json, got ${type || 'no Content-Type'}`, category: 'VALIDATION_ERROR' });
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw validationError(`Invalid input JSON on line 1, column 1: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function hasScopes(granted: ReadonlySet<string> | null, required: readonly (readonly string[])[]): readonly string[] | undefined {
  if (granted === null) return undefined;
  return required.find((anyOf) => anyOf.length > 0 && !anyOf.some((s) => granted.has(s)));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function buildServer(state: ServerState, routes: readonly RouteSpec[]): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 64 * 1024 * 1024, routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 } });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  /** What a matched route carries in its fastify config: the operation and the version of the path it matched. */
  interface Matched {
    spec: RouteSpec;
    version: ApiVersion;
  }
  const matchedOf = (req: FastifyRequest): Matched | undefined => {
    const config = req.routeOptions.config as Partial<Matched> | undefined;
    return config?.spec && config.version ? { spec: config.spec, version: config.version } : undefined;
  };
  const isAuthenticated = (req: FastifyRequest): boolean => {
    const token = bearer(req);
    return token !== undefined && state.tokens.has(token);
  };

  const run = async (matched: Matched | undefined, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const spec = matched?.spec;
    const started = performance.now();
    const correlationId = randomUUID();
    const at = state.portal.now();
    const url = req.raw.url ?? req.url;
    const path = url.split('?')[0] ?? url;
    const query = (req.query ?? {}) as Record<string, string | string[]>;
    const params = (req.params ?? {}) as Record<string, string>;
    let limitClass: LimitClass = spec?.limitClass ?? 'ten_secondly';
    let fault: FaultOutcome | undefined;
    let out: Outgoing;
    const token = bearer(req);
    const apiVersion = matched ? (matched.version === 'emulator' ? undefined : matched.version) : apiVersionOf(path);
    const log = (status: number) => {
      state.log.push({
        seq: ++state.seq,
        method: req.method,
        path,
        ...(apiVersion !== undefined ? { apiVersion } : {}),
        query,
        status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        at,
        limitClass,
        ...(spec ? { operation: spec.operation } : {}),
        ...(fault ? { fault: fault.label } : {}),
        correlationId,
      });
      if (state.logLimit !== undefined && state.log.length > state.logLimit) state.log.splice(0, state.log.length - state.logLimit);
    };

    let handlerResult: Outgoing | undefined;
    try {
      const granted = token === undefined ? undefined : state.tokens.get(token);
      if (token === undefined || granted === undefined) {
        limitClass = 'unauthenticated';
        throw unauthorized();
      }
      const withHeaders = (e: ApiError): ApiError => {
        Object.assign(e.headers, state.limiter.peekHeaders(token, limitClass));
        return e;
      };
      // Unknown path: HubSpot's body for it is unverified; a JSON 404 keeps clients parsing.
      if (!spec || !matched) throw withHeaders(new ApiError(404, { message: `Unable to route ${req.method} request for ${path}`, category: 'OBJECT_NOT_FOUND' }));
      let missing: readonly string[] | undefined;
      try {
        missing = hasScopes(granted, spec.scopes({ params, portal: state.portal }));
      } catch (e) {
        throw e instanceof ApiError ? withHeaders(e) : e;
      }
      if (missing) throw withHeaders(missingScopes(missing));
      // The emulator's own admin endpoints are no HubSpot API: they spend none of the token's allowance.
      const verdict = matched.version === 'emulator' ? { ok: true as const, headers: {} } : state.limiter.check(token, limitClass);
      if (!verdict.ok) {
        throw new ApiError(429, rateLimitBody(verdict.policy, state.portal.config.portalId), verdict.headers);
      }
      const rateHeaders = verdict.headers;
      try {
        const body = parseBody(req, spec.body);
        fault = state.faults.roll({ isWrite: spec.isWrite, createsWith201: spec.creates === true });
        if (fault && fault.timing === 'before' && fault.kind !== 'drift') {
          out = faultResponse(fault, limitClass, correlationId);
        } else {
          try {
            handlerResult = fromResult(spec.handler({ version: matched.version, params, query, body, portal: state.portal, baseUrl: state.baseUrl, path }));
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            handlerResult = fromError(e, correlationId);
          }
          out = handlerResult;
          if (fault?.kind === 'drift') {
            if (out.status === 201) out = { ...out, status: 200 };
          } else if (fault) {
            out = faultResponse(fault, limitClass, correlationId);
          }
        }
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        out = fromError(e, correlationId);
      }
      Object.assign(out.headers, rateHeaders);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      out = fromError(e, correlationId);
    }

    if (fault?.kind === 'timeout') {
      // Hold the connection: never answer. The client's own timeout ends it; close() destroys what is left.
      reply.hijack();
      req.raw.socket.once('close', () => log(0));
      return;
    }
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    reply.code(out.status);
    reply.header('x-hubspot-correlation-id', correlationId);
    for (const [k, v] of Object.entries(out.headers)) reply.header(k, v);
    log(out.status);
    if (out.payload === undefined) {
      reply.removeHeader('content-type');
      await reply.send();
      return;
    }
    reply.header('content-type', out.contentType ?? JSON_TYPE);
    await reply.send(out.payload);
  };

  const faultResponse = (f: FaultOutcome, limitClass: LimitClass, correlationId: string): Outgoing => {
    const settings = state.faults.settings;
    if (f.kind === 'html404') return { status: 404, headers: {}, payload: HTML_404, contentType: 'text/html;charset=utf-8' };
    if (f.kind === 'empty') return { status: f.status, headers: {} };
    if (f.status === 429) {
      const body = rateLimitBody(limitClass === 'search' ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING', state.portal.config.portalId);
      const headers: Record<string, string> = settings?.retryAfter429 !== undefined ? { 'Retry-After': String(settings.retryAfter429) } : {};
      return fromError(new ApiError(429, body, headers), correlationId);
    }
    const headers: Record<string, string> = f.status === 477 ? { 'Retry-After': String(settings?.retryAfter477 ?? 1) } : {};
    return fromError(new ApiError(f.status, faultBody(f.status), headers), correlationId);
  };

  // Before fastify reads the body: an unauthenticated request never gets to upload what it announces.
  app.addHook('onRequest', async (req, reply) => {
    if (isAuthenticated(req)) return;
    await run(matchedOf(req), req, reply);
    return reply;
  });
  for (const spec of routes) {
    for (const [version, url] of Object.entries(spec.paths) as [ApiVersion, string][]) {
      const config: Matched = { spec, version };
      app.route({ method: spec.method, url, config, handler: (req, reply) => run(config, req, reply) });
    }
  }
  app.setNotFoundHandler((req, reply) => run(undefined, req, reply));
  app.setErrorHandler((err: unknown, _req, reply) => {
    // A bug in the emulator, not a HubSpot behaviour: answer 500 with the envelope so the client sees JSON.
    const correlationId = randomUUID();
    const message = err instanceof Error ? err.message : String(err);
    void reply
      .code(500)
      .header('content-type', JSON_TYPE)
      .header('x-hubspot-correlation-id', correlationId)
      .send(JSON.stringify(errorJson({ message: `emulator error: ${message}`, category: 'INTERNAL_ERROR' }, correlationId)));
  });
  return app;
}
