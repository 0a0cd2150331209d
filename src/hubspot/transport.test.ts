import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeTransport, readAnswer } from './transport';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];
let closedEarly = 0;

/** Answers by path: `/json`, `/empty`, `/html404`, `/broken`, `/hold` (never answers). */
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/json') {
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'x-hubspot-correlation-id': 'cid-1' });
        res.end(JSON.stringify({ id: '1', echo: body === '' ? null : (JSON.parse(body) as unknown) }));
      } else if (path === '/empty') {
        res.writeHead(204);
        res.end();
      } else if (path === '/html404') {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html>Not found</html>');
      } else if (path === '/broken') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": ');
      } else {
        res.socket?.once('close', () => closedEarly++);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('nodeTransport', () => {
  it('sends the token as a bearer header and a body as JSON, and reads a JSON answer with lower-cased headers', async () => {
    const out = await nodeTransport({ method: 'POST', url: `${base}/json?properties=a&properties=b`, token: 'pat-test-transport', body: { inputs: [{ id: '1' }] } }, 2_000);
    expect(out).toEqual({ kind: 'answer', status: 200, headers: expect.objectContaining({ 'x-hubspot-correlation-id': 'cid-1' }) as unknown, body: { id: '1', echo: { inputs: [{ id: '1' }] } } });
    const req = seen[seen.length - 1];
    expect(req).toMatchObject({ method: 'POST', url: '/json?properties=a&properties=b' });
    expect(req?.headers).toMatchObject({ authorization: 'Bearer pat-test-transport', 'content-type': 'application/json', accept: 'application/json' });
  });

  it('sends no content type without a body, and reads an empty answer as no body', async () => {
    expect(await nodeTransport({ method: 'DELETE', url: `${base}/empty`, token: 't' }, 2_000)).toMatchObject({ kind: 'answer', status: 204, body: undefined });
    expect(seen[seen.length - 1]?.headers['content-type']).toBeUndefined();
  });

  it('keeps the status of an error that is not JSON, and calls a success it cannot read unparseable', async () => {
    expect(await nodeTransport({ method: 'GET', url: `${base}/html404`, token: 't' }, 2_000)).toMatchObject({ kind: 'answer', status: 404, body: '<html>Not found</html>' });
    expect(await nodeTransport({ method: 'GET', url: `${base}/broken`, token: 't' }, 2_000)).toMatchObject({ kind: 'unparseable', status: 200 });
  });

  it('aborts a request that outlives its timeout, so its connection does not linger', async () => {
    const before = closedEarly;
    const started = performance.now();
    expect(await nodeTransport({ method: 'GET', url: `${base}/hold`, token: 't' }, 100)).toEqual({ kind: 'timeout', afterMs: 100 });
    expect(performance.now() - started).toBeLessThan(1_000);
    for (let waited = 0; closedEarly === before && waited < 1_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closedEarly).toBe(before + 1);
  });

  it('reports a refused connection as a network failure, never throwing', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await nodeTransport({ method: 'GET', url: `http://127.0.0.1:${port}/x`, token: 't' }, 2_000)).toEqual({ kind: 'network' });
  });
});

describe('readAnswer', () => {
  test.each`
    status | contentType           | text            | kind             | body
    ${200} | ${'application/json'} | ${'{"a":1}'}    | ${'answer'}      | ${{ a: 1 }}
    ${200} | ${undefined}          | ${''}           | ${'answer'}      | ${undefined}
    ${200} | ${'text/html'}        | ${'<html>'}     | ${'unparseable'} | ${undefined}
    ${502} | ${'application/json'} | ${'not json'}   | ${'answer'}      | ${'not json'}
    ${503} | ${undefined}          | ${''}           | ${'answer'}      | ${undefined}
  `('$status $contentType "$text" → $kind', ({ status, contentType, text, kind, body }: { status: number; contentType?: string; text: string; kind: string; body: unknown }) => {
    const out = readAnswer(status, contentType ? { 'content-type': contentType } : {}, text);
    expect(out.kind).toBe(kind);
    if (out.kind === 'answer') expect(out.body).toEqual(body);
  });
});
