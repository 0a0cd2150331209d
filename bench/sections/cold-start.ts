/**
 * Function cold start, with an emulator that adds no latency. Each built entrypoint (`src/app/functions/*.js`, from
 * `npm run build`'s generator) is required in a fresh Node process, which then answers its first call as the card
 * makes it; the median over several processes is reported, with the parts (require, first call) and, for context, the
 * SDK's own require time and a warm second call. Absolute milliseconds swing with the machine's load, so each sample
 * round also times a reference function written as HubSpot's app-function guide shows it (`new hubspot.Client(...)`
 * and one call) and every function is reported as a ratio to it, measured at the same time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LEAD_SCORE_PROPERTIES, OWNER_ROUTING_PROPERTIES } from '../../src/app/cards/shared/contracts';
import { generateAll } from '../../src/build/generate';
import { APP_FUNCTIONS_DIR } from '../../src/config/paths';
import { DEMO, type RunningEmulator } from '../../src/emulator';
import { startTestPortal } from '../../src/testing/portal';
import { readPropertiesToSend } from '../lib/call-as-card';
import { median, round } from '../lib/stats';
import type { Targets } from '../lib/targets';

export const COLD_START_TARGET_MS = 150;
/** Require + first call of a function, at most this many times the reference function's. */
export const COLD_START_TARGET_RATIO = 1.5;

export interface ColdStartResult {
  /** Median ms to require the bundle (the SDK included). */
  readonly requireMs: number;
  /** Median ms from the end of the require to the first answer. */
  readonly firstCallMs: number;
  /** Median require + first call: the number the target applies to. */
  readonly totalMs: number;
  readonly warmCallMs: number;
  readonly samplesTotalMs: readonly number[];
  /** What the first call answered with (it must succeed, or the number means nothing). */
  readonly firstCallOk: boolean;
  /** `totalMs` over the reference function's median require + first call. */
  readonly ratio: number;
}

interface ChildOutput {
  readonly requireMs: number;
  readonly firstCallMs?: number;
  readonly totalMs?: number;
  readonly warmCallMs?: number;
  readonly ok?: boolean;
  readonly code?: string | null;
}

function runChild(input: unknown): Promise<ChildOutput> {
  const script = path.join(__dirname, '..', 'lib', 'cold-start-child.cjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (!line) return reject(new Error(`cold start child exited ${code}: ${err.slice(0, 500)}`));
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as ChildOutput);
    });
  });
}

/** Writes the function bundles from the current sources (what `npm run build` writes), so the numbers are fresh. */
async function buildBundles(): Promise<string[]> {
  const files = await generateAll();
  const bundles: string[] = [];
  for (const f of files) {
    if (!f.path.endsWith('.js')) continue;
    const current = fs.existsSync(f.path) ? fs.readFileSync(f.path, 'utf8') : null;
    if (current !== f.contents) fs.writeFileSync(f.path, f.contents);
    bundles.push(f.path);
  }
  return bundles.sort();
}

interface Call {
  readonly parameters: Record<string, unknown>;
  readonly propertiesToSend: Record<string, string | null>;
}

async function callFor(name: string, emu: RunningEmulator, sample: number): Promise<Call> {
  const contacts = emu.store.list('contacts').filter((c) => !c.archived && c.properties.associatedcompanyid);
  const contact = contacts[(sample * 13 + 5) % contacts.length]?.id ?? '';
  switch (name) {
    case 'score-lead':
      return {
        parameters: { objectType: 'contacts', objectId: contact },
        propertiesToSend: await readPropertiesToSend(emu, { objectType: 'contacts', objectId: contact, propertiesToSend: LEAD_SCORE_PROPERTIES }),
      };
    case 'assign-owner':
      // What the card does when it renders: a dry run with its propertiesToSend.
      return {
        parameters: { objectType: 'contacts', objectId: contact, dryRun: true },
        propertiesToSend: await readPropertiesToSend(emu, { objectType: 'contacts', objectId: contact, propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts }),
      };
    case 'record-status':
      return { parameters: { objectType: 'companies', objectId: DEMO.fewTicketsCompanyId }, propertiesToSend: {} };
    case 'request-sync':
      return { parameters: { objectType: 'contacts', objectId: contact, destination: 'mailchimp' }, propertiesToSend: {} };
    default:
      throw new Error(`no cold-start call for ${name}`);
  }
}

export async function measureColdStart(options: { readonly samples: number; readonly log: (line: string) => void }): Promise<{
  functions: Record<string, ColdStartResult>;
  sdkRequireMs: number;
  baselineMs: number;
}> {
  const bundles = await buildBundles();
  const portal = await startTestPortal({});
  try {
    const sdk = path.join(APP_FUNCTIONS_DIR, 'node_modules', '@hubspot', 'api-client');
    const sdkSamples: number[] = [];
    for (let i = 0; i < options.samples; i++) sdkSamples.push((await runChild({ sdk })).requireMs);
    // Sample rounds: the reference, then every function, so all of them see the same load.
    const baselineRuns: ChildOutput[] = [];
    const runs = new Map<string, ChildOutput[]>(bundles.map((file) => [path.basename(file, '.js'), []]));
    const contact = portal.emu.store.list('contacts').find((c) => !c.archived)?.id ?? '';
    for (let i = 0; i < options.samples; i++) {
      baselineRuns.push(await runChild({ baseline: sdk, objectId: contact, parameters: {}, propertiesToSend: {}, token: portal.emu.token, baseUrl: portal.emu.url }));
      for (const file of bundles) {
        const name = path.basename(file, '.js');
        const call = await callFor(name, portal.emu, i);
        runs.get(name)?.push(await runChild({ file, ...call, token: portal.emu.token, baseUrl: portal.emu.url }));
      }
    }
    if (!baselineRuns.every((r) => r.ok === true)) throw new Error(`the reference function failed: ${baselineRuns.map((r) => r.code).join(',')}`);
    const baselineMs = round(median(baselineRuns.map((r) => r.totalMs ?? NaN)));
    options.log(`  reference (new hubspot.Client + one call): require + first call ${baselineMs} ms`);
    const functions: Record<string, ColdStartResult> = {};
    for (const [name, list] of runs) {
      const pick = (k: 'requireMs' | 'firstCallMs' | 'totalMs' | 'warmCallMs') => round(median(list.map((r) => r[k] ?? NaN)));
      const f: ColdStartResult = {
        requireMs: pick('requireMs'),
        firstCallMs: pick('firstCallMs'),
        totalMs: pick('totalMs'),
        warmCallMs: pick('warmCallMs'),
        samplesTotalMs: list.map((r) => round(r.totalMs ?? NaN)),
        firstCallOk: list.every((r) => r.ok === true),
        ratio: Math.round((pick('totalMs') / baselineMs) * 100) / 100,
      };
      functions[name] = f;
      options.log(
        `  ${name}: require ${f.requireMs} ms + first call ${f.firstCallMs} ms = ${f.totalMs} ms, ${f.ratio}× the reference (warm call ${f.warmCallMs} ms)${f.firstCallOk ? '' : ` FIRST CALL FAILED: ${list.map((r) => r.code).join(',')}`}`,
      );
    }
    return { functions, sdkRequireMs: round(median(sdkSamples)), baselineMs };
  } finally {
    await portal.close();
  }
}

export function checkColdStart(r: { functions: Record<string, ColdStartResult> }, t: Targets): void {
  for (const [name, f] of Object.entries(r.functions)) {
    t.equal(`cold_start.${name}.first_call_ok`, `${name}: the first call succeeds`, f.firstCallOk, true, 'a time without an answer means nothing');
    t.atMost(`cold_start.${name}.total_ms`, `${name}: require + first call (ms)`, f.totalMs, COLD_START_TARGET_MS, 'absolute target');
    t.atMost(`cold_start.${name}.ratio`, `${name}: require + first call over the reference function's`, f.ratio, COLD_START_TARGET_RATIO, 'ratio to the reference function');
  }
}
