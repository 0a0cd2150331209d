import './runtime/zod-setup';
import { randomUUID } from 'node:crypto';
import { EMPTY_API_USAGE, formatUsageLine } from '../core/usage/log-line';
import { createCrmPort, toApiUsage, type Clock, type CrmPort } from '../hubspot';
import { CLIENT_SECRET_KEY, ENDPOINT_FUNCTION_UID } from '../realtime/components';
import { handleEndpoint, type EndpointResponse } from '../realtime/endpoint';
import { readEndpointRequest } from '../realtime/request';
import { loadConfig, modelOf } from './runtime/config';
import { instancePortalCache } from './runtime/define-function';
import { readContext } from './runtime/context';

/**
 * `lead_ops_events`: the endpoint app function (opt-in build only) that webhook deliveries and the "Score and
 * route with Lead Ops" workflow action call. A thin shell: reads the request out of HubSpot's context, the client
 * secret from the `LEAD_OPS_CLIENT_SECRET` secret, the token as every function does, and hands over to
 * `realtime/endpoint.ts`. Answers `{ statusCode, headers, body }` (returned, and passed to a `sendResponse`
 * callback when the runtime gives one, as HubSpot's CMS endpoint runtime does). Logs one usage line per call.
 */

declare const __LEAD_OPS_ENDPOINT_URL__: string | undefined;
/** The public URL HubSpot signs, baked in at build from the profile variable LEAD_OPS_ENDPOINT_URL. */
const BAKED_URL: string | null = typeof __LEAD_OPS_ENDPOINT_URL__ === 'string' && __LEAD_OPS_ENDPOINT_URL__ !== '' ? __LEAD_OPS_ENDPOINT_URL__ : null;

const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export interface EndpointOverrides {
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly log?: (line: string) => void;
  /** The URL HubSpot signs (tests and the sandbox; production bakes it in). */
  readonly publicUrl?: string;
}

export function makeMain(overrides: EndpointOverrides = {}) {
  return async (context: unknown, sendResponse?: unknown): Promise<EndpointResponse> => {
    const clock = overrides.clock ?? systemClock;
    const env = overrides.env ?? process.env;
    const wallStarted = Date.now();
    let response: EndpointResponse;
    let crm: CrmPort | null = null;
    let code: string | null = null;
    try {
      const config = loadConfig();
      if (!config.ok) {
        response = { statusCode: 500, headers: { 'content-type': 'application/json' }, body: { ok: false, error: 'CONFIG' } };
        code = 'CONFIG';
      } else {
        const ctx = readContext(context, env);
        const secrets = (context && typeof context === 'object' && 'secrets' in context ? (context as { secrets?: Record<string, unknown> }).secrets : undefined) ?? {};
        const fromSecrets = secrets[CLIENT_SECRET_KEY];
        const secret = (env[CLIENT_SECRET_KEY] ?? (typeof fromSecrets === 'string' ? fromSecrets : '')).trim();
        const result = await handleEndpoint(readEndpointRequest(context), {
          config: config.value,
          model: modelOf(config.value),
          secret,
          publicUrl: overrides.publicUrl ?? (env.LEAD_OPS_ENDPOINT_URL?.trim() || BAKED_URL),
          clock,
          connect: (deadline) => {
            if (!ctx.token) return null;
            crm = createCrmPort({ token: ctx.token, baseUrl: ctx.baseUrl, clock, deadline, pacing: 'function' });
            return crm;
          },
          portalCache: { cache: instancePortalCache, portal: ctx.baseUrl },
        });
        response = result.response;
        code = result.report.code;
      }
    } catch (e) {
      response = { statusCode: 500, headers: { 'content-type': 'application/json' }, body: { ok: false, error: 'INTERNAL', message: e instanceof Error ? e.name : 'error' } };
      code = 'INTERNAL';
    }
    try {
      const usage = crm ? (crm as CrmPort).usage() : null;
      const line = formatUsageLine({
        leadOps: 'call',
        v: 1,
        at: new Date(wallStarted).toISOString(),
        fn: ENDPOINT_FUNCTION_UID,
        correlationId: usage?.lastCorrelationId ?? randomUUID(),
        ok: response.statusCode < 400,
        code: code ? code.slice(0, 40) : null,
        ms: Date.now() - wallStarted,
        api: usage ? toApiUsage(usage) : EMPTY_API_USAGE,
      });
      (overrides.log ?? ((l: string) => console.log(l)))(line);
    } catch {
      // Logging never changes the answer.
    }
    if (typeof sendResponse === 'function') (sendResponse as (r: EndpointResponse) => void)(response);
    return response;
  };
}


export const main = makeMain();
