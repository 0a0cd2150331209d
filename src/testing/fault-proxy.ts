import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request: pass it on, or answer it itself without the emulator seeing it. */
export type ProxyAction = 'forward' | { readonly status: number; readonly body: unknown };

export interface ProxiedRequest {
  readonly method: string;
  /** Path and query, as the client sent them. */
  readonly url: string;
  readonly body: string;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: give this to the client instead of the emulator's URL. */
  readonly url: string;
  /** Decides each request in turn; the default forwards everything. Runs before the request reaches the emulator. */
  onRequest: (req: ProxiedRequest) => ProxyAction | Promise<ProxyAction>;
  close(): Promise<void>;
}

/**
 * A proxy between a client and the emulator for tests of races and interruptions: it can fail one chosen request
 * (an owner update after its note was created) or do something in the portal just before a request arrives (a rep
 * setting the owner while a call is between its read and its write), which the emulator's random faults cannot aim at.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const proxy: FaultProxy = {
    url: '',
    onRequest: () => 'forward',
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const action = await proxy.onRequest({ method: req.method ?? 'GET', url: req.url ?? '/', body });
        if (action !== 'forward') {
          res.writeHead(action.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(action.body));
          return;
        }
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers.set(k, v);
        const answer = await fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body !== '' ? { body } : {}) });
        const out: Record<string, string> = {};
        answer.headers.forEach((v, k) => {
          if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
        });
        res.writeHead(answer.status, out);
        res.end(Buffer.from(await answer.arrayBuffer()));
      })().catch(() => {
        res.writeHead(502);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return proxy;
}
