/**
 * `npm run bench`: measures the project against HubSpot's limits on the in-process emulator (issue 8) and writes
 * `bench/results.json` and `bench/RESULTS.md`. Exits 1 when a target is missed, naming each one.
 *
 *   npm run bench                       full run (a few minutes on 2 cores), writes bench/results.json + RESULTS.md
 *   npm run bench -- --quick            small sizes for development; writes .lead-ops/bench/results.quick.{json,md}
 *   npm run bench -- --only bulk,engines   some sections; writes .lead-ops/bench/results.partial.{json,md}
 *
 * Sections: engines, cold-start, operations, cards, robustness, bulk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, WORK_DIR } from '../src/config/paths';
import { machineInfo } from './lib/machine';
import { renderMarkdown, SCHEMA_VERSION, type BenchResults } from './lib/report';
import { round } from './lib/stats';
import { Targets } from './lib/targets';
import { checkBulk, measureBulk } from './sections/bulk';
import { measureCards } from './sections/cards';
import { checkColdStart, COLD_START_TARGET_MS, COLD_START_TARGET_RATIO, measureColdStart } from './sections/cold-start';
import { checkEngines, measureEngines } from './sections/engines';
import { APPLIED_BUDGET, checkOperations, LATENCY_MS, measureOperations } from './sections/operations';
import { checkRobustness, measureRobustness } from './sections/robustness';

const SECTIONS = ['engines', 'cold-start', 'operations', 'cards', 'robustness', 'bulk'] as const;
type Section = (typeof SECTIONS)[number];

/** Sizes per mode. The full run is the reference; quick keeps every section, smaller. */
const SIZES = {
  full: { reps: 5, bulkContacts: 50_000, engines: { contacts: 20_000, decisions: 5_000, runs: 7, bulkRunDecisions: 3_000 }, coldStartSamples: 7, robustnessPerFunction: 5_000 },
  quick: { reps: 2, bulkContacts: 5_000, engines: { contacts: 5_000, decisions: 1_000, runs: 3, bulkRunDecisions: 500 }, coldStartSamples: 2, robustnessPerFunction: 500 },
} as const;

function parse(): { quick: boolean; only: Section[] | null } {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(`usage: npm run bench [-- --quick] [-- --only ${SECTIONS.join(',')}]`);
    process.exit(0);
  }
  let only: Section[] | null = null;
  if (values.only) {
    const names = values.only.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
    if (unknown.length > 0) {
      console.error(`unknown section(s) ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`);
      process.exit(2);
    }
    only = names as Section[];
  }
  return { quick: values.quick, only };
}

async function main(): Promise<void> {
  const { quick, only } = parse();
  const mode = quick ? 'quick' : 'full';
  const size = SIZES[mode];
  const sections = SECTIONS.filter((s) => !only || only.includes(s));
  const started = performance.now();
  const machine = machineInfo();
  const targets = new Targets();
  const log = (line: string) => console.log(line);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const results: BenchResults = {
    schemaVersion: SCHEMA_VERSION,
    mode,
    generatedAt: new Date().toISOString(),
    durationSeconds: 0,
    command,
    machine,
    sections,
    targets: targets.checks,
    passed: false,
    failedTargets: [],
  };
  console.log(`${command}: ${mode} run of ${sections.join(', ')} on ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}, load ${machine.loadAverageStart}`);

  for (const section of sections) {
    const t0 = performance.now();
    console.log(`\n[${section}]`);
    switch (section) {
      case 'engines': {
        results.engines = await measureEngines(size.engines);
        const e = results.engines;
        log(`  scoring ${e.scoring.perSecond}/s, routing ${e.routing.perSecond}/s, routing with the run's decisions ${e.routingBulkRun.perSecond}/s`);
        checkEngines(e, targets);
        break;
      }
      case 'cold-start': {
        const c = await measureColdStart({ samples: size.coldStartSamples, log });
        results.coldStart = { ...c, targetMs: COLD_START_TARGET_MS, targetRatio: COLD_START_TARGET_RATIO };
        checkColdStart(c, targets);
        break;
      }
      case 'operations': {
        const ops = await measureOperations({ reps: size.reps, log });
        results.operations = ops;
        results.operationsBudget = {
          latencyMsPerCall: LATENCY_MS,
          appliedEnforced: APPLIED_BUDGET.enforced,
          appliedEnforcedSource: APPLIED_BUDGET.enforcedSource,
          appliedIssueTarget: APPLIED_BUDGET.issue,
          appliedMeetsIssueTarget: Object.fromEntries(
            Object.entries(ops)
              .filter(([k]) => k.startsWith('assign_owner.apply.'))
              .map(([k, o]) => [k, o.calls <= APPLIED_BUDGET.issue]),
          ),
        };
        checkOperations(ops, targets);
        break;
      }
      case 'cards':
        results.cards = await measureCards({ log });
        break;
      case 'robustness': {
        results.robustness = await measureRobustness({ perFunction: size.robustnessPerFunction });
        const b = results.robustness;
        log(`  ${b.calls} malformed calls: ${b.cleanInvalidInput} clean INVALID_INPUT, ${b.thrown} thrown, ${b.hubspotCalls} HubSpot calls`);
        checkRobustness(b, targets);
        break;
      }
      case 'bulk': {
        const b = await measureBulk({ contacts: size.bulkContacts, log });
        results.bulk = b.clean;
        results.bulkFaults = b.faults;
        checkBulk(b, targets);
        break;
      }
    }
    console.log(`  (${round((performance.now() - t0) / 1000)} s)`);
  }

  machine.loadAverageEnd = machineInfo().loadAverageStart;
  results.durationSeconds = round((performance.now() - started) / 1000);
  results.failedTargets = targets.failed.map((t) => t.id);
  results.passed = results.failedTargets.length === 0;

  const complete = !only && !quick;
  const dir = complete ? path.join(PROJECT_ROOT, 'bench') : path.join(WORK_DIR, 'bench');
  const base = complete ? 'results' : quick ? 'results.quick' : 'results.partial';
  fs.mkdirSync(dir, { recursive: true });
  const jsonFile = path.join(dir, `${base}.json`);
  const mdFile = path.join(dir, complete ? 'RESULTS.md' : `${base}.md`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(mdFile, renderMarkdown(results));
  console.log(`\nwrote ${path.relative(PROJECT_ROOT, jsonFile)} and ${path.relative(PROJECT_ROOT, mdFile)} (${results.durationSeconds} s)`);

  if (results.passed) {
    console.log(`all ${targets.checks.length} targets met`);
    return;
  }
  console.error(`\n${targets.failed.length} of ${targets.checks.length} targets missed:`);
  for (const t of targets.failed) console.error(`  ${t.id}: ${t.description}: measured ${String(t.measured)}, target ${t.limit} (${t.source})`);
  process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 2;
});
