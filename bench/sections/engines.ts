/**
 * Item 5: pure engine throughput on one core. The measurement runs in a fresh Node process
 * (`engines-worker.ts`), pinned to one CPU with `taskset` where it exists, so nothing else in the benchmark
 * (emulators, timers) shares its thread or heap.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ENGINE_TARGETS, type Targets } from '../lib/targets';

export interface EngineResult {
  /** Median pass. */
  readonly perSecond: number;
  readonly runsPerSecond: readonly number[];
  readonly inputs: number;
  readonly warmupPasses: number;
}

export interface EnginesResult {
  readonly scoring: EngineResult;
  readonly routing: EngineResult;
  /** Routing as `lead-ops route` runs it, this run's decisions added to every decision (DECISIONS 23). */
  readonly routingBulkRun: EngineResult;
  readonly pinnedToCpu: number | null;
}

const hasTaskset = (): boolean => spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

export async function measureEngines(options: { readonly contacts: number; readonly decisions: number; readonly runs: number; readonly bulkRunDecisions: number }): Promise<EnginesResult> {
  const worker = path.join(__dirname, 'engines-worker.ts');
  const args = ['--import', 'tsx', worker, JSON.stringify(options)];
  const pinned = hasTaskset() ? 0 : null;
  const [cmd, argv] = pinned === null ? [process.execPath, args] : ['taskset', ['-c', String(pinned), process.execPath, ...args]];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`engines worker exited ${code}: ${err.slice(0, 800)}`))));
  });
  const parsed = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Omit<EnginesResult, 'pinnedToCpu'>;
  return { ...parsed, pinnedToCpu: pinned };
}

export function checkEngines(r: EnginesResult, t: Targets): void {
  t.atLeast('engines.scoring_per_second', 'scoring engine: contacts/s with reasons, one core', r.scoring.perSecond, ENGINE_TARGETS.scoringPerSecond, 'docs/decisions.md');
  t.atLeast('engines.routing_per_second', 'routing engine: decisions/s, default configuration, one core', r.routing.perSecond, ENGINE_TARGETS.routingPerSecond, 'docs/decisions.md');
}
