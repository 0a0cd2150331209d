import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDeployArgs } from './deploy';
import { PROJECT_ROOT } from '../config/paths';

describe('parseDeployArgs', () => {
  test.each`
    argv                                   | profile   | yes      | dryRun
    ${['--profile', 'prod']}               | ${'prod'} | ${false} | ${false}
    ${['--profile=dev', '--yes']}          | ${'dev'}  | ${true}  | ${false}
    ${['--dry-run']}                       | ${null}   | ${false} | ${true}
  `('$argv', ({ argv, profile, yes, dryRun }) => {
    expect(parseDeployArgs(argv)).toEqual({ profile, yes, dryRun });
  });
});

describe('npm run deploy without an authenticated HubSpot CLI', () => {
  it('builds and checks, then stops with a clear message before any upload', () => {
    // The dev set equals the base configuration, so the bundles this writes are byte-identical to the base ones
    // that other tests read at the same time.
    const config = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'src/config/lead-ops.config.json'), 'utf8')) as {
      environments?: Record<string, unknown>;
    };
    expect(config.environments?.dev).toEqual({});
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-ops-nohome-'));
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/build/deploy.ts', '--profile', 'dev'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, HOME: home, USERPROFILE: home },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${run.stdout}\n${run.stderr}`;
    expect(run.status).toBe(1);
    expect(out).toContain('1/4 build');
    expect(out).toContain('check passed');
    expect(out).toContain('the HubSpot CLI is not authenticated');
    expect(out).toContain('Nothing was uploaded.');
    expect(out).not.toContain('4/4 upload');
  });
});
