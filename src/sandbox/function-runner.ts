/**
 * Runs the project's app functions for the sandbox exactly as `hs project dev` does: through HubSpot's own
 * app-function executor (`loadExecutor`), which `require`s the built entrypoint, fetches `propertiesToSend` from the
 * API origin with the app token, calls `main(context)` and round-trips the answer through JSON.
 *
 * Two guarantees on top of the executor:
 * - The executor loads a `.env` into `process.env` for every call. It is pointed at a scratch folder that this module
 *   writes, holding the emulator's URL and a fake token (and the destination emulators' URLs and credentials), so a developer's real `src/app/functions/.env` can never
 *   reach the sandbox (DECISIONS 10). Extra secrets may come from `src/sandbox/.env` (git-ignored); the token and
 *   the API URL in it are ignored.
 * - The executor swaps `process.env` for the length of a call and restores it afterwards, so two overlapping calls
 *   would see each other's environment. Calls are therefore run one at a time, in arrival order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadExecutor, type ExecutorFunction } from '../build/hubspot-tooling';
import { SerialQueue } from './serial-queue';

/** The variables the sandbox always forces, whatever any `.env` or the shell says. */
export const FORCED_ENV_KEYS = ['PRIVATE_APP_ACCESS_TOKEN', 'HUBSPOT_API_BASE_URL'] as const;

export interface FunctionRunnerOptions {
  readonly functions: readonly ExecutorFunction[];
  /** The emulator's origin (http://127.0.0.1:<port>). */
  readonly apiOrigin: string;
  /** The emulator's (fake) token; handed to the functions as PRIVATE_APP_ACCESS_TOKEN. */
  readonly token: string;
  /**
   * More variables the sandbox forces, as HubSpot's executor hands a function its secrets: the destination
   * emulators' credentials and URLs. Like the token, nothing in a `.env` can override them.
   */
  readonly forcedEnv?: Readonly<Record<string, string>>;
  /** Scratch folder for the generated `.env`; created if missing. */
  readonly envDir: string;
  /** Optional extra secrets (KEY=value lines), e.g. src/sandbox/.env. Missing file = none. */
  readonly secretsFile?: string;
  readonly timeoutMs?: number;
  readonly accountId?: number;
  /** Receives the executor's own log lines (warnings about missing secrets, uncaught errors). */
  readonly log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

/** The record a card sits on; turned into the executor's `objectQuery` for `propertiesToSend`. */
export interface RecordRef {
  readonly objectId: string;
  readonly objectTypeId: string;
}

export interface FunctionCall {
  readonly uid: string;
  readonly parameters?: unknown;
  readonly propertiesToSend?: readonly string[];
  readonly record?: RecordRef;
}

/** HubSpot's local service answers 200 `{ logId, response }` or 400 `{ status: 'error', ... }`; this mirrors it. */
export type FunctionOutcome =
  | { readonly ok: true; readonly response: unknown }
  | {
      readonly ok: false;
      readonly httpStatus: 400 | 500;
      readonly body: { readonly status: 'error'; readonly message: string; readonly reason: string; readonly category: string };
    };

export interface FunctionRunner {
  run(call: FunctionCall): Promise<FunctionOutcome>;
  readonly uids: readonly string[];
}

const ENV_LINE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

/** Reads KEY=value lines (no interpolation); quotes around a value are removed. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = ENV_LINE.exec(line);
    if (!m || m[1] === undefined || m[2] === undefined) continue;
    let value = m[2];
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
    out[m[1]] = value;
  }
  return out;
}

/** One `KEY=value` line that dotenv (the executor's parser) reads back as exactly `value`. */
function envLine(key: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`sandbox secret ${key} contains a line break, which a .env file cannot hold`);
  if (/^[\w.:/@+=,%-]*$/.test(value)) return `${key}=${value}`;
  // Single quotes are literal for dotenv; double quotes would expand \n.
  if (!value.includes("'")) return `${key}='${value}'`;
  if (!value.includes('"') && !value.includes('\\')) return `${key}="${value}"`;
  throw new Error(`sandbox secret ${key} mixes both kinds of quotes, which a .env file cannot hold`);
}

/**
 * Writes the scratch `.env` the executor will load: the forced token and URL last, so nothing can override them.
 * Returns its path.
 */
export function writeSandboxEnv(envDir: string, forced: { token: string; apiOrigin: string; env?: Readonly<Record<string, string>> }, secretsFile?: string): string {
  fs.mkdirSync(envDir, { recursive: true });
  // The executor tries `.env.<NODE_ENV>.local`, `.env.local`, `.env.<NODE_ENV>` before `.env`: none may exist here.
  for (const f of fs.readdirSync(envDir)) if (f.startsWith('.env')) fs.rmSync(path.join(envDir, f), { force: true });
  const extra = secretsFile && fs.existsSync(secretsFile) ? parseEnvFile(fs.readFileSync(secretsFile, 'utf8')) : {};
  const lines = ['# Written by the sandbox at start-up (src/sandbox/function-runner.ts). Do not edit.'];
  const forcedEnv = forced.env ?? {};
  for (const [k, v] of Object.entries(extra)) {
    if ((FORCED_ENV_KEYS as readonly string[]).includes(k) || k in forcedEnv) continue;
    lines.push(envLine(k, v));
  }
  for (const [k, v] of Object.entries(forcedEnv)) lines.push(envLine(k, v));
  lines.push(envLine('PRIVATE_APP_ACCESS_TOKEN', forced.token), envLine('HUBSPOT_API_BASE_URL', forced.apiOrigin));
  const file = path.join(envDir, '.env');
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}

/** Removes every occurrence of the token from a message (executor errors may quote a failing request). */
export function scrubToken(message: string, token: string): string {
  return token ? message.split(token).join('[token]') : message;
}

function describeExecutionError(e: unknown): { reason: string; message: string } {
  if (e && typeof e === 'object' && 'reason' in e && typeof (e as { reason: unknown }).reason === 'string') {
    const reason = (e as { reason: string }).reason;
    const cause = (e as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : cause === undefined ? '' : String(cause);
    return { reason, message: `App function failed (${reason})${detail ? `: ${detail}` : ''}` };
  }
  return { reason: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export async function createFunctionRunner(options: FunctionRunnerOptions): Promise<FunctionRunner> {
  writeSandboxEnv(options.envDir, { token: options.token, apiOrigin: options.apiOrigin, ...(options.forcedEnv ? { env: options.forcedEnv } : {}) }, options.secretsFile);
  const log = options.log ?? (() => undefined);
  // The destinations' credentials are scrubbed from the executor's log lines like the token.
  const secrets = [options.token, ...Object.values(options.forcedEnv ?? {}).filter((v) => !/^https?:\/\//.test(v))];
  const scrub = (message: string) => secrets.reduce((m, secret) => scrubToken(m, secret), message);
  const format = (args: unknown[]) => scrub(args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  const execute = await loadExecutor(options.functions, {
    apiOrigin: options.apiOrigin,
    envDir: options.envDir,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
    logger: {
      debug: (...a: unknown[]) => log('debug', format(a)),
      info: (...a: unknown[]) => log('info', format(a)),
      warn: (...a: unknown[]) => log('warn', format(a)),
      error: (...a: unknown[]) => log('error', format(a)),
    },
  });
  const queue = new SerialQueue();
  const uids = options.functions.map((f) => f.uid);

  const run = (call: FunctionCall): Promise<FunctionOutcome> =>
    queue.run(async (): Promise<FunctionOutcome> => {
      if (!uids.includes(call.uid)) {
        return {
          ok: false,
          httpStatus: 400,
          body: { status: 'error', reason: 'FUNCTION_NOT_FOUND', category: 'VALIDATION_ERROR', message: `App function "${call.uid}" was not found. Available functions: [${uids.join(', ')}]` },
        };
      }
      // As the CRM host does: the current record and the names the card asked for become the objectQuery, and the
      // executor reads those properties with the app token before calling main().
      const objectQuery = call.record
        ? {
            objectId: Number(call.record.objectId),
            objectTypeId: call.record.objectTypeId,
            objectPropertyNames: [...(call.propertiesToSend ?? [])],
          }
        : undefined;
      try {
        const response = await execute(call.uid, { parameters: call.parameters ?? {}, ...(objectQuery ? { objectQuery } : {}) });
        return { ok: true, response };
      } catch (e) {
        const { reason, message } = describeExecutionError(e);
        return {
          ok: false,
          httpStatus: reason === 'INTERNAL' ? 500 : 400,
          body: { status: 'error', reason, category: 'VALIDATION_ERROR', message: scrub(message) },
        };
      }
    });

  return { run, uids };
}
