import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { connectionFromEnv, createCrmPort, type CrmPort, type HubSpotConnection } from '../hubspot';
import { PROJECT_ROOT } from '../config/paths';

/**
 * How CLI commands reach HubSpot: `PRIVATE_APP_ACCESS_TOKEN` and `HUBSPOT_API_BASE_URL` from the environment, or
 * from the project's git-ignored `.env` for what the environment does not set. The token is never printed; the
 * portal (base URL) always is, and bulk writes to anything but this machine ask first.
 */
export function loadDotEnv(file = path.join(PROJECT_ROOT, '.env')): void {
  if (!fs.existsSync(file)) return;
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m || raw.trimStart().startsWith('#')) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (process.env[key] !== undefined) continue; // the real environment wins
    process.env[key] = value.replace(/^(['"])(.*)\1$/, '$2');
  }
}

export class CliError extends Error {}

export function connect(): HubSpotConnection {
  loadDotEnv();
  const c = connectionFromEnv(process.env);
  if (!c.ok) throw new CliError(`${c.error.message} Set them in the environment or in .env (see .env.example).`);
  return c.value;
}

export function describePortal(c: HubSpotConnection): string {
  return c.isLocal ? `${c.baseUrl} (local emulator)` : `${c.baseUrl} (a real HubSpot portal)`;
}

/**
 * Asks before writing to a real portal. `--yes` skips the question; without a terminal (CI, cron) and without
 * `--yes` the answer is no, so nothing is written by accident.
 */
export async function confirmWrites(c: HubSpotConnection, what: string, yes: boolean): Promise<void> {
  if (c.isLocal || yes) return;
  if (!process.stdin.isTTY) throw new CliError(`refusing to ${what} on ${c.baseUrl} without --yes (no terminal to ask)`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`About to ${what} on ${describePortal(c)}. Continue? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('stopped: nothing was written');
  } finally {
    rl.close();
  }
}

/** HubSpot for a CLI run: paced to stay under the portal's limits, and patient (the CLI may wait; a function may not). */
export function bulkPort(c: HubSpotConnection): CrmPort {
  return createCrmPort({ token: c.token, baseUrl: c.baseUrl, pacing: 'bulk' });
}
