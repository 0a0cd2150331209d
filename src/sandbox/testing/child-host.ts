/**
 * Test helper: forks a Node child with tsx that serves the handlers of one module over IPC (see child-entry.ts).
 * Tests use it to run the sandbox's HubSpot tooling outside Jest's module system.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/paths';

export interface TsChild {
  call<T>(method: string, ...args: unknown[]): Promise<T>;
  /** Everything the child wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

interface Reply {
  readonly id?: number;
  readonly ready?: boolean;
  readonly ok?: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

export function forkTsChild(handlerModule: string, env: NodeJS.ProcessEnv = process.env): Promise<TsChild> {
  const child: ChildProcess = fork(path.join(__dirname, 'child-entry.ts'), [handlerModule], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;

  return new Promise<TsChild>((resolveReady, rejectReady) => {
    child.on('message', (m: Reply) => {
      if (m.ready) {
        resolveReady(api);
        return;
      }
      const p = m.id === undefined ? undefined : pending.get(m.id);
      if (!p || m.id === undefined) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error ?? 'the child failed'));
    });
    child.on('exit', (code) => {
      exited = true;
      const error = new Error(`the child process exited (${String(code)}):\n${out}`);
      rejectReady(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
    const api: TsChild = {
      call: <T>(method: string, ...args: unknown[]) =>
        new Promise<T>((resolve, reject) => {
          if (exited) {
            reject(new Error(`the child process has exited:\n${out}`));
            return;
          }
          const id = nextId++;
          pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          child.send({ id, method, args });
        }),
      output: () => out,
      close: () =>
        new Promise<void>((resolve) => {
          if (exited) {
            resolve();
            return;
          }
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  });
}
