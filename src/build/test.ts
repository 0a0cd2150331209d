/**
 * `npm test`: the whole gate, in the order a failure is cheapest to read.
 *   1. build      bundles the functions and the config schema (the bundles are git-ignored)
 *   2. typecheck  tsc over src/ and over the cards with their own tsconfig
 *   3. lint       eslint, who-may-import-whom (dependency-cruiser, src/build/dependency-cruiser.cjs), then
 *                 `hs project lint` (HubSpot's config, cards folder)
 *   4. jest       unit, emulator, function, card, sandbox and browser tests
 *   5. check      `lead-ops check` (HubSpot's parser, executor and card builder)
 * Ends with one plain line `N passed, N failed` (jest tests plus the other steps), which CI reads.
 *
 *   npm test                  everything
 *   npm test -- --only jest   one step (build always runs first unless --no-build)
 *   npm test -- <jest args>   arguments after `--jest` go to jest, e.g. `npm test -- --jest src/core`
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, WORK_DIR } from '../config/paths';

interface Step {
  readonly name: string;
  readonly cmd: string;
  readonly args: readonly string[];
}

const bin = (name: string): string => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
const jestReport = path.join(WORK_DIR, 'jest-report.json');

const argv = process.argv.slice(2);
const jestIdx = argv.indexOf('--jest');
const jestArgs = jestIdx >= 0 ? argv.slice(jestIdx + 1) : [];
const onlyIdx = argv.indexOf('--only');
const only = onlyIdx >= 0 ? argv[onlyIdx + 1] : undefined;
const noBuild = argv.includes('--no-build');

const steps: Step[] = [
  { name: 'build', cmd: bin('tsx'), args: ['src/build/build.ts'] },
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json'] },
  { name: 'typecheck-cards', cmd: bin('tsc'), args: ['-p', 'src/app/cards/tsconfig.json'] },
  { name: 'lint', cmd: bin('eslint'), args: ['-c', 'src/build/eslint.config.mjs', '.'] },
  { name: 'boundaries', cmd: bin('depcruise'), args: ['--config', 'src/build/dependency-cruiser.cjs', 'src', 'bench'] },
  { name: 'hs-project-lint', cmd: bin('hs'), args: ['project', 'lint'] },
  { name: 'jest', cmd: bin('jest'), args: ['--json', `--outputFile=${jestReport}`, ...(process.env.CI ? ['--ci'] : []), ...jestArgs] },
  { name: 'check', cmd: process.execPath, args: ['src/cli/bin.cjs', 'check'] },
];

const selected = steps.filter((s) => !only || s.name === only || s.name.startsWith(`${only}-`) || (s.name === 'build' && !noBuild));

let passed = 0;
let failed = 0;
const failures: string[] = [];
fs.mkdirSync(WORK_DIR, { recursive: true });

for (const step of selected) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${step.name}: ${path.basename(step.cmd)} ${step.args.join(' ')}\n`);
  if (step.name === 'jest') fs.rmSync(jestReport, { force: true });
  const run = spawnSync(step.cmd, step.args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.name === 'jest') {
    let counted = false;
    if (fs.existsSync(jestReport)) {
      const report = JSON.parse(fs.readFileSync(jestReport, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numRuntimeErrorTestSuites: number;
      };
      passed += report.numPassedTests;
      failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
      counted = true;
      if (report.numFailedTests + report.numRuntimeErrorTestSuites > 0 || run.status !== 0) failures.push(`jest (${seconds}s)`);
    }
    if (!counted) {
      failed += 1;
      failures.push(`jest did not report (${seconds}s)`);
    }
    continue;
  }
  if (run.status === 0) passed += 1;
  else {
    failed += 1;
    failures.push(`${step.name} (${seconds}s)`);
  }
  process.stdout.write(`${run.status === 0 ? '✔' : '✖'} ${step.name} ${seconds}s\n`);
  if (step.name === 'build' && run.status !== 0) break;
}

process.stdout.write(`\n${failures.length === 0 ? 'All steps passed.' : `Failed: ${failures.join(', ')}`}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
