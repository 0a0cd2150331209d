/** `lead-ops sweep` as a process: the JSON line `lead-ops usage` reads, exit codes, and auth and scope errors. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/paths';
import { parseUsageLine } from '../../core/usage/log-line';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createCrmPort } from '../../hubspot';
import { runSetup } from '../../workflows/setup';
import { TEST_CONFIG } from '../../testing/portal';

const BIN = path.join(PROJECT_ROOT, 'src/cli/bin.cjs');

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('lead-ops sweep (CLI)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({
      seed: 'demo',
      seedSize: { contacts: 150, companies: 40 },
      tokens: [{ token: 'pat-local-no-contacts-write', scopes: ['crm.objects.contacts.read', 'crm.objects.companies.read', 'crm.objects.owners.read'] }],
    });
    expect((await runSetup(createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' }), TEST_CONFIG)).failed).toBe(0);
  });
  afterAll(() => emu.close());

  it('a token without a write scope exits non-zero naming the scope (before anything is routed)', async () => {
    const r = await run(['sweep', '--since', '3650d'], { PRIVATE_APP_ACCESS_TOKEN: 'pat-local-no-contacts-write', HUBSPOT_API_BASE_URL: emu.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/crm\.objects\.(contacts|companies)\.write|scope/);
  });

  it('--json prints one usage line with the counts, which lead-ops usage reads', async () => {
    const r = await run(['sweep', '--since', '3650d', '--json'], { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url });
    expect(r.stderr).toContain('(local emulator)');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const usage = parseUsageLine(lines[0] ?? '');
    expect(usage).toMatchObject({ leadOps: 'run', fn: 'sweep', ok: true });
    expect(usage?.api.calls).toBeGreaterThan(3);
    const parsed = JSON.parse(lines[0] ?? '{}') as { sweep: { contacts: { routing: { ASSIGNED: number }; considered: number } } };
    expect(parsed.sweep.contacts.considered).toBeGreaterThanOrEqual(150);
    expect(parsed.sweep.contacts.routing.ASSIGNED).toBeGreaterThan(0);
    expect(lines[0]).not.toContain(emu.token);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-usage-'));
    fs.writeFileSync(path.join(dir, 'sweep.log'), r.stdout);
    const report = await run(['usage', '--file', path.join(dir, 'sweep.log'), '--json'], {});
    expect(JSON.parse(report.stdout)).toMatchObject({ invocations: 1, byFunction: { sweep: { invocations: 1 } } });

    // Right after, nothing is left to write.
    const again = await run(['sweep', '--since', '3650d', '--json'], { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url });
    const second = JSON.parse(again.stdout.trim()) as { sweep: { contacts: { routing: { ASSIGNED: number }; scoreWritten: number }; companies: { routing: { ASSIGNED: number } } } };
    expect(second.sweep.contacts.routing.ASSIGNED + second.sweep.contacts.scoreWritten + second.sweep.companies.routing.ASSIGNED).toBe(0);
  });

  it('a bad token exits non-zero with the auth message (and still logs a failed run line with --json)', async () => {
    const r = await run(['sweep', '--json'], { PRIVATE_APP_ACCESS_TOKEN: 'pat-local-wrong', HUBSPOT_API_BASE_URL: emu.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lead-ops: .*(token|authenticat)/i);
    expect(parseUsageLine(r.stdout.trim())).toMatchObject({ fn: 'sweep', ok: false, code: 'AUTH_REJECTED' });
    expect(`${r.stdout}${r.stderr}`).not.toContain('pat-local-wrong');
  });

});
