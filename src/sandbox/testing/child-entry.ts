/**
 * Runs in a child Node process (with tsx) started by `forkTsChild`: loads the handler module named on the command
 * line and answers `{ id, method, args }` messages over the IPC channel. The sandbox's HubSpot tools are ESM-only
 * packages loaded with dynamic `import()`, which Jest's CommonJS runtime cannot load; in a plain Node process they run
 * exactly as under `npm start`.
 */
import { pathToFileURL } from 'node:url';

type Handler = (...args: unknown[]) => unknown;

interface Request {
  readonly id: number;
  readonly method: string;
  readonly args: unknown[];
}

async function main(): Promise<void> {
  const modulePath = process.argv[2];
  if (!modulePath || !process.send) throw new Error('child-entry needs a handler module and an IPC channel');
  const mod = (await import(pathToFileURL(modulePath).href)) as { handlers?: Record<string, Handler>; default?: { handlers?: Record<string, Handler> } };
  const handlers = mod.handlers ?? mod.default?.handlers;
  if (!handlers) throw new Error(`${modulePath} exports no handlers`);
  const send = (message: unknown) => process.send?.(message);
  process.on('message', (raw: Request) => {
    const handler = handlers[raw.method];
    if (!handler) {
      send({ id: raw.id, ok: false, error: `no handler ${raw.method}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(...raw.args))
      .then(
        (value) => send({ id: raw.id, ok: true, value: value === undefined ? null : value }),
        (e: unknown) => send({ id: raw.id, ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }),
      );
  });
  // The parent went away (a test was killed): do not linger.
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
