import type { Command } from 'commander';
import { DEFAULT_TOKEN, parseFaultSpec, startEmulator, type EmulatorOptions } from '../../emulator/index';

/**
 * `lead-ops emulator`: the local HubSpot CRM API emulator on 127.0.0.1. Prints exactly one line,
 * `HubSpot emulator listening on http://127.0.0.1:<port>`, then serves until SIGINT or SIGTERM and exits 0.
 * Token precedence: `--token`, else `PRIVATE_APP_ACCESS_TOKEN` from the environment, else DEFAULT_TOKEN.
 */

export interface EmulatorCliOptions {
  port?: string;
  seed?: string;
  token?: string;
  rateLimit?: string;
  faults?: string;
  latency?: string;
  searchLag?: string;
  contacts?: string;
  seedValue?: string;
}

export type Parsed = { ok: true; options: EmulatorOptions } | { ok: false; message: string };

function nonNegativeInt(name: string, raw: string | undefined, max = Number.MAX_SAFE_INTEGER): number | string | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) return `${name} must be an integer from 0 to ${max}, got "${raw}"`;
  return n;
}

/** Turns the command line and environment into emulator options; pure, so it is tested without a process. */
export function parseEmulatorCli(opts: EmulatorCliOptions, env: Readonly<Record<string, string | undefined>>): Parsed {
  const port = nonNegativeInt('--port', opts.port, 65_535);
  const latency = nonNegativeInt('--latency', opts.latency);
  const searchLag = nonNegativeInt('--search-lag', opts.searchLag);
  const contacts = nonNegativeInt('--contacts', opts.contacts, 1_000_000);
  const seedValue = nonNegativeInt('--seed-value', opts.seedValue);
  for (const v of [port, latency, searchLag, contacts, seedValue]) if (typeof v === 'string') return { ok: false, message: v };
  const seed = opts.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'empty') return { ok: false, message: `--seed must be demo or empty, got "${seed}"` };
  const rateLimit = opts.rateLimit ?? 'professional';
  if (rateLimit !== 'professional' && rateLimit !== 'enterprise' && rateLimit !== 'off') {
    return { ok: false, message: `--rate-limit must be professional, enterprise or off, got "${rateLimit}"` };
  }
  if (opts.faults !== undefined) {
    try {
      parseFaultSpec(opts.faults);
    } catch (e) {
      return { ok: false, message: `--faults: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const envToken = env.PRIVATE_APP_ACCESS_TOKEN?.trim();
  const token = opts.token ?? (envToken ? envToken : DEFAULT_TOKEN);
  return {
    ok: true,
    options: {
      port: typeof port === 'number' ? port : 0,
      seed,
      token,
      rateLimit,
      ...(opts.faults !== undefined ? { faults: opts.faults } : {}),
      ...(typeof latency === 'number' ? { latencyMs: latency } : {}),
      ...(typeof searchLag === 'number' ? { searchLagMs: searchLag } : {}),
      ...(typeof contacts === 'number' ? { seedSize: { contacts } } : {}),
      ...(typeof seedValue === 'number' ? { seedValue } : {}),
    },
  };
}

export function register(program: Command): void {
  program
    .command('emulator')
    .description('run the local HubSpot CRM API emulator on 127.0.0.1 until interrupted')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--seed <demo|empty>', 'demo portal or HubSpot built-ins only', 'demo')
    .option('--token <token>', 'accepted bearer token (default: $PRIVATE_APP_ACCESS_TOKEN, else the README default)')
    .option('--rate-limit <tier>', 'professional, enterprise or off', 'professional')
    .option('--faults <spec>', 'inject faults, e.g. "429=0.05,502=0.02,503after=0.01,477=0.01,timeout=0.01,seed=42"')
    .option('--latency <ms>', 'real milliseconds added to every response')
    .option('--search-lag <ms>', 'milliseconds before a write shows in search')
    .option('--contacts <n>', 'number of demo contacts (default 1000)')
    .option('--seed-value <n>', 'demo generator seed (default 1)')
    .action(async (opts: EmulatorCliOptions) => {
      const parsed = parseEmulatorCli(opts, process.env);
      if (!parsed.ok) {
        process.stderr.write(`lead-ops emulator: ${parsed.message}\n`);
        process.exitCode = 2;
        return;
      }
      const emulator = await startEmulator(parsed.options);
      process.stdout.write(`HubSpot emulator listening on ${emulator.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void emulator.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.exitCode = 0;
    });
}
