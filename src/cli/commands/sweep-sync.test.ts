/** `lead-ops sweep` as a process, with the sync step: credentials and destination URLs from the environment. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/paths';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createCrmPort } from '../../hubspot';
import { startTestDestinations, type TestDestinations } from '../../testing/destinations';
import { TEST_CONFIG } from '../../testing/portal';
import { runSetup } from '../../workflows/setup';

const BIN = path.join(PROJECT_ROOT, 'src/cli/bin.cjs');

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Only what the test hands over: no variable of the shell running the tests may reach the sync.
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    execFile(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, env: { ...base, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('lead-ops sweep syncs (CLI)', () => {
  let emu: RunningEmulator;
  let dest: TestDestinations;
  let hubspot: Record<string, string>;
  let since = new Date().toISOString();
  beforeAll(async () => {
    [emu, dest] = await Promise.all([startEmulator({ seed: 'demo', seedSize: { contacts: 40 } }), startTestDestinations()]);
    expect((await runSetup(createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' }), TEST_CONFIG)).failed).toBe(0);
    hubspot = { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url };
  });
  afterAll(async () => {
    await Promise.all([emu.close(), dest.close()]);
  });

  it('sends a new contact to the three destinations, prints one line each, and never prints a secret', async () => {
    since = new Date(Date.now() - 1000).toISOString();
    const res = await fetch(`${emu.url}/crm/v3/objects/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { email: 'ada.cli@example.com', firstname: 'Ada', lastname: 'Lovelace' } }),
    });
    const id = ((await res.json()) as { id: string }).id;
    const r = await run(['sweep', '--since', since], { ...hubspot, ...dest.env });
    expect(r.stdout).toMatch(/sync +Mailchimp: \d+ considered, 1 sent \(1 in sync/);
    expect(r.stdout).toMatch(/sync +Google Sheets: \d+ considered, 1 sent \(1 in sync/);
    expect(r.stdout).toMatch(/sync +Zendesk: \d+ considered, 1 sent \(1 in sync.*; tickets: (\d+) without an id, \1 created, \1 linked/);
    const copies = dest.copiesOf({ objectType: 'contacts', id, email: 'ada.cli@example.com' });
    expect(copies.mailchimp?.status).toBe('pending');
    // Routed before it was synced: the sheet has the new owner too.
    expect(copies.googleSheets?.values).toEqual([id, 'ada.cli@example.com', 'Ada', 'Lovelace', '', '', '', expect.stringMatching(/^\d+$/)]);
    const out = `${r.stdout}${r.stderr}`;
    for (const v of Object.values(dest.env).filter((x) => !x.startsWith('http'))) expect(out).not.toContain(v);
    expect(r.code).toBe(0);
  });

  it('a revoked key: one line naming the secret, exit 1', async () => {
    const r = await run(['sweep', '--since', since], { ...hubspot, ...dest.env, MAILCHIMP_API_KEY: 'ffffffffffffffffffffffffffffffff-us21' });
    expect(r.stdout.match(/MAILCHIMP_API_KEY/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/Mailchimp: not synced: Mailchimp refused the credentials in MAILCHIMP_API_KEY/);
    expect(r.code).toBe(1);
  });

  it('against the local emulator, never to a real destination: without local destination URLs the sync is skipped', async () => {
    const { MAILCHIMP_API_URL: _u, ...env } = dest.env;
    const r = await run(['sweep', '--since', since], { ...hubspot, ...env });
    expect(r.stderr).toContain('Sync skipped: HubSpot is the local emulator, and MAILCHIMP_API_URL does not point at a local destination emulator.');
    expect(r.stdout).not.toMatch(/^ +sync /m);
  });
});
