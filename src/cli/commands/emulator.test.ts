/** `lead-ops emulator`: option parsing, token precedence, and the process (one line, clean exit on SIGTERM). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_TOKEN } from '../../emulator/index';
import { parseEmulatorCli } from './emulator';

describe('parseEmulatorCli', () => {
  it('defaults to the demo portal, Professional limits, a free port and DEFAULT_TOKEN', () => {
    expect(parseEmulatorCli({}, {})).toEqual({ ok: true, options: { port: 0, seed: 'demo', token: DEFAULT_TOKEN, rateLimit: 'professional' } });
  });

  it.each([
    [{ token: 'flag' }, { PRIVATE_APP_ACCESS_TOKEN: 'env' }, 'flag'],
    [{}, { PRIVATE_APP_ACCESS_TOKEN: 'env' }, 'env'],
    [{}, { PRIVATE_APP_ACCESS_TOKEN: '  ' }, DEFAULT_TOKEN],
    [{}, {}, DEFAULT_TOKEN],
  ])('token precedence: %j with env %j gives %s', (opts, env, token) => {
    const r = parseEmulatorCli(opts, env);
    expect(r.ok && r.options.token).toBe(token);
  });

  it('passes every option through', () => {
    const r = parseEmulatorCli({ port: '4010', seed: 'empty', rateLimit: 'enterprise', faults: '502=0.1,seed=3', latency: '20', searchLag: '1500', contacts: '100000', seedValue: '9' }, {});
    expect(r).toEqual({
      ok: true,
      options: { port: 4010, seed: 'empty', token: DEFAULT_TOKEN, rateLimit: 'enterprise', faults: '502=0.1,seed=3', latencyMs: 20, searchLagMs: 1500, seedSize: { contacts: 100_000 }, seedValue: 9 },
    });
  });

  it.each([
    [{ port: '70000' }, '--port'],
    [{ port: 'abc' }, '--port'],
    [{ seed: 'full' }, '--seed'],
    [{ rateLimit: 'free' }, '--rate-limit'],
    [{ faults: '418=0.5' }, '--faults'],
    [{ latency: '-1' }, '--latency'],
    [{ contacts: '1.5' }, '--contacts'],
  ])('refuses %j naming %s', (opts, flag) => {
    const r = parseEmulatorCli(opts, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(flag);
  });
});

describe('the process', () => {
  it('prints exactly one line, serves with the token from the environment, and exits 0 on SIGTERM', async () => {
    const bin = path.join(__dirname, '../bin.cjs');
    const child = spawn(process.execPath, [bin, 'emulator', '--port', '0', '--seed', 'empty', '--rate-limit', 'off'], {
      env: { ...process.env, PRIVATE_APP_ACCESS_TOKEN: 'pat-na1-cli-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /^HubSpot emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
    });
    const ok = await fetch(`${url}/crm/v3/objects/contacts`, { headers: { authorization: 'Bearer pat-na1-cli-test' } });
    expect(ok.status).toBe(200);
    const refused = await fetch(`${url}/crm/v3/objects/contacts`, { headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } });
    expect(refused.status).toBe(401);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(stdout).toBe(`HubSpot emulator listening on ${url}\n`);
  });
});
