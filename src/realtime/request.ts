import type { EndpointRequest } from './endpoint';

/**
 * Reads the HTTP request out of whatever HubSpot hands an endpoint function. What production passes is not
 * published for 2026.03 app functions, and HubSpot's offline tools do not settle it (see the README, "Automation"):
 * - the app-function executor of `hs project dev` (ui-extensions-dev-server 2.1.2) has no HTTP route for endpoint
 *   functions at all: it calls `main(context)` with exactly `{ propertiesToSend, parameters, event, secrets }`
 *   (proved by `lead-ops-events.executor.test.ts`);
 * - HubSpot's runtime for CMS endpoint functions (serverless-dev-runtime 7.0.7, which mirrors production for
 *   `/hs/serverless/…`) passes `{ method, headers, body, params, endpoint, accountId, secrets, limits, contact }` with
 *   the body already parsed as JSON and only a fixed list of headers (no `X-HubSpot-Signature*`).
 * So this accepts, in order: a top-level request (`method`, `headers`, `rawBody` or `body`, `url` or `endpoint` +
 * `params`), and the same object under `parameters` (how the sandbox and tests hand a request to HubSpot's executor).
 * A parsed body is re-serialised with JSON.stringify (HubSpot sends compact JSON, so this usually reproduces the
 * bytes it signed; when it does not, the signature check fails and the call is refused: fail closed). Missing
 * signature headers likewise mean 401: if production strips them, the endpoint refuses every call and the sweep
 * remains the way in.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(raw)) return out;
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string') out[k.toLowerCase()] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k.toLowerCase()] = v[0];
    else if (typeof v === 'number') out[k.toLowerCase()] = String(v);
  }
  return out;
}

function queryOf(params: unknown): string {
  if (!isRecord(params)) return '';
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) if (typeof one === 'string') pairs.push(`${encodeURIComponent(k)}=${encodeURIComponent(one)}`);
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

function fromShape(o: Record<string, unknown>): EndpointRequest | null {
  if (typeof o.method !== 'string' && o.headers === undefined && o.body === undefined && o.rawBody === undefined) return null;
  const headers = headersOf(o.headers);
  const raw = typeof o.rawBody === 'string' ? o.rawBody : typeof o.body === 'string' ? o.body : o.body === undefined || o.body === null ? null : JSON.stringify(o.body);
  let uri: string | null = typeof o.url === 'string' && /^https?:\/\//.test(o.url) ? o.url : null;
  if (uri === null && typeof o.endpoint === 'string' && headers.host) uri = `https://${headers.host}${o.endpoint.startsWith('/') ? '' : '/'}${o.endpoint}${queryOf(o.params)}`;
  return { method: typeof o.method === 'string' ? o.method : 'POST', uri, headers, body: raw };
}

export function readEndpointRequest(context: unknown): EndpointRequest {
  if (isRecord(context)) {
    const top = fromShape(context);
    if (top) return top;
    if (isRecord(context.parameters)) {
      const nested = fromShape(context.parameters);
      if (nested) return nested;
    }
  }
  return { method: 'POST', uri: null, headers: {}, body: null };
}
