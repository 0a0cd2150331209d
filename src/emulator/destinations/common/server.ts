import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { FaultQueue, type Fault } from './faults';

/**
 * The HTTP pipeline of the destination emulators (Mailchimp, Google Sheets, Zendesk), in the order real APIs
 * answer: authenticate (401), admit under the rate or concurrency limit (429), maybe a fault before the handler,
 * the handler, maybe a fault after it (the write applied, the answer lost or replaced), latency, answer and log.
 * Each emulator brings its own routes, error bodies and limits; this file knows none of them.
 */

/** The emulator's clock: drives rate-limit windows and token lifetimes. */
export interface Clock {
  now(): number;
}

export const REAL_CLOCK: Clock = { now: () => Date.now() };

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default `application/json; charset=utf-8` (when there is a body). */
  readonly contentType?: string;
}

/** Thrown by handlers for an error answer. */
export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

/** One entry of the request log: tests count calls per operation and look at what was sent. */
export interface RequestLogEntry {
  readonly seq: number;
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The request body as sent (writes), for assertions on what a client sends. */
  readonly body?: string;
  /** Status sent; 0 when no answer was sent (a held or dropped connection). */
  readonly status: number;
  readonly operation?: string;
  /** The fault applied, e.g. `429`, `503:after`, `lost`, `timeout`. */
  readonly fault?: string;
  /** Emulator-clock time of arrival. */
  readonly at: number;
}

export interface RequestContext {
  readonly method: string;
  readonly path: string;
  /** The raw URL path and query, undecoded (for APIs whose paths carry `:` and `!`). */
  readonly rawUrl: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: FastifyRequest['headers'];
  /** The body as text ('' when none). */
  readonly text: string;
  /** Who the request authenticated as (what `authenticate` returned). */
  readonly principal: string;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  /** The operation's name in the request log; a function when one route serves several operations. */
  readonly operation: string | ((ctx: RequestContext) => string);
  readonly handler: (ctx: RequestContext) => Reply;
}

/** A request being admitted: refused with a reply, or let in with headers to add and a release for when it ends. */
export type Admission = { readonly refuse: Reply } | { readonly headers?: Readonly<Record<string, string>>; readonly release?: () => void };

export interface DestinationServerOptions {
  readonly clock: Clock;
  /** Routes that need no credentials (a token endpoint) are listed here by URL. */
  readonly publicUrls?: readonly string[];
  /** The principal (e.g. the API key's account), or the 401 reply. */
  readonly authenticate: (req: FastifyRequest) => { readonly principal: string } | { readonly refuse: Reply };
  /** Rate and concurrency limits. */
  readonly admit?: (principal: string, ctx: RequestContext) => Admission;
  /** The emulator's body for an injected error status. */
  readonly faultBody: (status: number) => unknown;
  /** The content type of error bodies (Mailchimp: `application/problem+json`). */
  readonly errorContentType?: string;
  /** Real milliseconds added to every answer. */
  readonly latencyMs?: number;
  /** The body of the echo fault: an error that repeats the request's credentials. */
  readonly echoBody?: (status: number, req: FastifyRequest) => unknown;
}

/** What every destination emulator offers besides its own state: its address, faults, request log and close. */
export interface EmulatorHandle {
  /** `http://127.0.0.1:<port>`: the connector's base URL. */
  readonly url: string;
  readonly faults: FaultQueue;
  requestLog(): readonly RequestLogEntry[];
  clearRequestLog(): void;
  close(): Promise<void>;
}

export interface DestinationServer extends EmulatorHandle {
  readonly port: number;
}

/** The handle part of a running server, for an emulator's answer. */
export const handleOf = (server: DestinationServer): EmulatorHandle => ({
  url: server.url,
  faults: server.faults,
  requestLog: server.requestLog,
  clearRequestLog: server.clearRequestLog,
  close: server.close,
});

const JSON_TYPE = 'application/json; charset=utf-8';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function flatQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [k, v] of Object.entries(query)) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return out;
}

const faultLabel = (f: Fault): string =>
  f.kind === 'status' ? `${f.status}${f.when === 'after' ? ':after' : ''}` : f.kind === 'echo' ? `echo:${f.status}` : f.kind === 'latency' ? `latency:${f.ms}` : f.kind;

/** Starts a destination emulator on 127.0.0.1 (port 0 = a free one). */
export async function startDestinationServer(options: DestinationServerOptions, routes: readonly Route[], port = 0): Promise<DestinationServer> {
  const faults = new FaultQueue();
  const log: RequestLogEntry[] = [];
  let seq = 0;
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 16 * 1024 * 1024, routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 } });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const publicUrls = new Set(options.publicUrls ?? []);

  const run = async (route: Route, req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const at = options.clock.now();
    const rawUrl = req.raw.url ?? req.url;
    const path = rawUrl.split('?')[0] ?? rawUrl;
    const text = typeof req.body === 'string' ? req.body : '';
    let fault: Fault | undefined;
    let operation: string | undefined = typeof route.operation === 'string' ? route.operation : undefined;
    const record = (status: number) =>
      log.push({
        seq: ++seq,
        method: req.method,
        path,
        query: flatQuery(req.query),
        ...(text !== '' ? { body: text } : {}),
        status,
        ...(operation ? { operation } : {}),
        ...(fault ? { fault: faultLabel(fault) } : {}),
        at,
      });

    let out: Reply;
    let release: (() => void) | undefined;
    const isPublic = publicUrls.has(route.url);
    const auth = isPublic ? { principal: '' } : options.authenticate(req);
    const ctx: RequestContext = {
      method: req.method,
      path,
      rawUrl,
      params: (req.params ?? {}) as Record<string, string>,
      query: flatQuery(req.query),
      headers: req.headers,
      text,
      principal: 'principal' in auth ? auth.principal : '',
    };
    if (typeof route.operation === 'function') {
      try {
        operation = route.operation(ctx);
      } catch {
        operation = undefined;
      }
    }
    let extraHeaders: Readonly<Record<string, string>> = {};
    if ('refuse' in auth) out = auth.refuse;
    else {
      const admission = (isPublic ? undefined : options.admit?.(ctx.principal, ctx)) ?? {};
      if ('refuse' in admission) out = admission.refuse;
      else {
        release = admission.release;
        extraHeaders = admission.headers ?? {};
        fault = faults.take(req.method, path);
        if (fault?.kind === 'timeout') {
          // Hold the connection: never answer. The client's timeout ends it; close() destroys what is left.
          reply.hijack();
          req.raw.socket.once('close', () => {
            release?.();
            record(0);
          });
          return;
        }
        const errorReply = (status: number, body?: unknown, retryAfterSeconds?: number): Reply => ({
          status,
          body: body ?? options.faultBody(status),
          headers: retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {},
          ...(options.errorContentType ? { contentType: options.errorContentType } : {}),
        });
        if (fault?.kind === 'status' && fault.when !== 'after') out = errorReply(fault.status, fault.body, fault.retryAfterSeconds);
        else if (fault?.kind === 'echo') {
          out = errorReply(fault.status, options.echoBody?.(fault.status, req) ?? { error: `rejected ${String(req.headers.authorization ?? '')}` });
        } else {
          try {
            out = route.handler(ctx);
          } catch (e) {
            if (!(e instanceof HttpError)) throw e;
            out = { ...e.reply, ...(options.errorContentType && !e.reply.contentType ? { contentType: options.errorContentType } : {}) };
          }
          if (fault?.kind === 'lost') {
            // The write is applied; the answer never arrives.
            release?.();
            record(0);
            req.raw.socket.destroy();
            return;
          }
          if (fault?.kind === 'status') out = errorReply(fault.status, fault.body, fault.retryAfterSeconds);
        }
      }
    }
    const latency = (options.latencyMs ?? 0) + (fault?.kind === 'latency' ? fault.ms : 0);
    if (latency > 0) await sleep(latency);
    release?.();
    reply.code(out.status);
    for (const [k, v] of Object.entries({ ...extraHeaders, ...(out.headers ?? {}) })) reply.header(k, v);
    record(out.status);
    if (out.body === undefined) {
      await reply.send();
      return;
    }
    reply.header('content-type', out.contentType ?? JSON_TYPE);
    await reply.send(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
  };

  for (const route of routes) app.route({ method: route.method, url: route.url, handler: (req, reply) => run(route, req, reply) });
  app.setNotFoundHandler((req, reply) =>
    run({ method: 'GET', url: '*', operation: 'unknown', handler: () => ({ status: 404, body: options.faultBody(404), ...(options.errorContentType ? { contentType: options.errorContentType } : {}) }) }, req, reply),
  );
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    faults,
    requestLog: () => log,
    clearRequestLog: () => {
      log.length = 0;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
}
