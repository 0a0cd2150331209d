/**
 * Item 6: function cold start (DECISIONS 26: emulator without latency). Each built entrypoint
 * (`src/app/functions/*.js`, from `npm run build`'s generator) is required in a fresh Node process, which then
 * answers its first call as the card makes it; the median over several processes is reported, with the parts
 * (require, first call) and, for context, the SDK's own require time and a warm second call.
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
}> {
  const bundles = await buildBundles();
  const portal = await startTestPortal({});
  try {
    const sdk = path.join(APP_FUNCTIONS_DIR, 'node_modules', '@hubspot', 'api-client');
    const sdkSamples: number[] = [];
    for (let i = 0; i < options.samples; i++) sdkSamples.push((await runChild({ sdk })).requireMs);
    const functions: Record<string, ColdStartResult> = {};
    for (const file of bundles) {
      const name = path.basename(file, '.js');
      const runs: ChildOutput[] = [];
      for (let i = 0; i < options.samples; i++) {
        const call = await callFor(name, portal.emu, i);
        runs.push(await runChild({ file, ...call, token: portal.emu.token, baseUrl: portal.emu.url }));
      }
      const pick = (k: 'requireMs' | 'firstCallMs' | 'totalMs' | 'warmCallMs') => round(median(runs.map((r) => r[k] ?? NaN)));
      functions[name] = {
        requireMs: pick('requireMs'),
        firstCallMs: pick('firstCallMs'),
        totalMs: pick('totalMs'),
        warmCallMs: pick('warmCallMs'),
        samplesTotalMs: runs.map((r) => round(r.totalMs ?? NaN)),
        firstCallOk: runs.every((r) => r.ok === true),
      };
      const f = functions[name];
      options.log(`  ${name}: require ${f?.requireMs} ms + first call ${f?.firstCallMs} ms = ${f?.totalMs} ms (warm call ${f?.warmCallMs} ms)${f?.firstCallOk ? '' : ` FIRST CALL FAILED: ${runs.map((r) => r.code).join(',')}`}`);
    }
    return { functions, sdkRequireMs: round(median(sdkSamples)) };
  } finally {
    await portal.close();
  }
}

export function checkColdStart(r: { functions: Record<string, ColdStartResult> }, t: Targets): void {
  for (const [name, f] of Object.entries(r.functions)) {
    t.equal(`cold_start.${name}.first_call_ok`, `${name}: the first call succeeds`, f.firstCallOk, true, 'issue 8');
    t.atMost(`cold_start.${name}.total_ms`, `${name}: require + first call (ms)`, f.totalMs, COLD_START_TARGET_MS, 'issue 8, DECISIONS 26');
  }
}
