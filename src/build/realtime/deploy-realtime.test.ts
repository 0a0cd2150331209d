import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { wantsRealtime } from '../deploy';
import { PROJECT_ROOT } from '../../config/paths';

it('--realtime is an explicit opt-in', () => {
  expect(wantsRealtime(['--profile', 'prod', '--realtime'])).toBe(true);
  expect(wantsRealtime(['--profile', 'prod'])).toBe(false);
});

it('npm run deploy -- --realtime refuses to upload without the endpoint URL in the profile, before any upload', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-ops-nohome-'));
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/build/deploy.ts', '--profile', 'dev', '--realtime'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HOME: home, USERPROFILE: home },
    encoding: 'utf8',
    timeout: 180_000,
  });
  const out = `${run.stdout}\n${run.stderr}`;
  expect(run.status).toBe(1);
  expect(out).toContain('1/4 build');
  expect(out).toContain('LEAD_OPS_ENDPOINT_URL');
  expect(out).toContain('lead-ops check failed; nothing was uploaded');
  expect(out).not.toContain('4/4 upload');
}, 200_000);
