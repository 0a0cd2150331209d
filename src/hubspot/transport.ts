/**
 * How the client layer puts one request on the wire: Node's own `http`/`https`, nothing else. One attempt, no retry,
 * no pacing: the client around it owns those (`client.ts`).
 *
 * Why not `@hubspot/api-client`: its generic `apiRequest` sends any path with the same auth and base URL, but it
 * wraps every request, when it is sent, in the SDK's process-wide decorator registry (`ApiDecoratorService`), which
 * holds the retry and limiter settings of whichever `new Client(...)` ran last in the process. Any other SDK client
 * in the same function instance or CLI run (a library, another integration) would put our requests through its
 * Bottleneck queue: three of our requests took 4 s behind another client's `limiterOptions`. A request held in that
 * queue counts as sent in our windows and, when our timeout fires, as "may have been applied" although it never left.
 * `apiRequest` also takes no abort signal, so a request we gave up on kept its socket.
 *
 * Why not `fetch`: on Node 20 the first `fetch` loads undici, about 40 ms of a cold function instance, where
 * `http.request` costs about 10 ms. Node's global agents keep connections alive between the calls of a warm instance.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly token: string;
  /** Sent as JSON when defined. */
  readonly body?: unknown;
}

export type HttpOutcome =
  /**
   * HubSpot answered. `body` is the parsed JSON, undefined when there was none, or the raw text of an error answer
   * that is not JSON (HubSpot has sent HTML 404s).
   */
  | { readonly kind: 'answer'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: unknown }
  /** A success answer we cannot read (not JSON): the request was probably applied, its result is unknown. */
  | { readonly kind: 'unparseable'; readonly status: number; readonly headers: Readonly<Record<string, string>> }
  /** The connection failed before or while answering: the request may or may not have reached HubSpot. */
  | { readonly kind: 'network' }
  /** Our timeout fired first; the request was aborted and its outcome is unknown. */
  | { readonly kind: 'timeout'; readonly afterMs: number };

/** Sends one request and answers within `timeoutMs` of wall-clock time, never rejecting. */
export type Transport = (request: HttpRequest, timeoutMs: number) => Promise<HttpOutcome>;

const USER_AGENT = 'hubspot-lead-ops';

function headersOf(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Reads an answer's body: JSON when it says so (or is empty), else the text of an error, else unparseable. */
export function readAnswer(status: number, headers: Readonly<Record<string, string>>, text: string): HttpOutcome {
  const isSuccess = status >= 200 && status < 300;
  if (text.trim() === '') return { kind: 'answer', status, headers, body: undefined };
  if (/json/i.test(headers['content-type'] ?? '')) {
    try {
      return { kind: 'answer', status, headers, body: JSON.parse(text) as unknown };
    } catch {
      // Broken JSON: a success we cannot read, or an error we still know the status of.
    }
  }
  return isSuccess ? { kind: 'unparseable', status, headers } : { kind: 'answer', status, headers, body: text };
}

/** The transport over Node's `http`/`https` modules (global keep-alive agents). */
export const nodeTransport: Transport = (request, timeoutMs) =>
  new Promise<HttpOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${request.token}`,
      'user-agent': USER_AGENT,
    };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const target = new URL(request.url);
    const send = target.protocol === 'https:' ? https.request : http.request;
    const req = send(target, { method: request.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => settle(readAnswer(res.statusCode ?? 0, headersOf(res), Buffer.concat(chunks).toString('utf8'))));
      res.on('error', () => settle({ kind: 'network' }));
      res.on('aborted', () => settle({ kind: 'network' }));
    });
    const timer = setTimeout(() => {
      settle({ kind: 'timeout', afterMs: timeoutMs });
      req.destroy();
    }, Math.max(1, timeoutMs));
    timer.unref();
    req.on('error', () => settle({ kind: 'network' }));
    req.end(payload);
  });
