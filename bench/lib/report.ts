/**
 * The shape of `bench/results.json` (documented in the README's Benchmarks section; keys are stable so results
 * compare across commits) and its Markdown rendering, `bench/RESULTS.md`.
 */
import type { BulkFaultResult, BulkResult } from '../sections/bulk';
import type { CardBundle } from '../sections/cards';
import type { ColdStartResult } from '../sections/cold-start';
import type { EnginesResult } from '../sections/engines';
import type { OperationResult } from '../sections/operations';
import type { RobustnessResult } from '../sections/robustness';
import type { MachineInfo } from './machine';
import type { TargetCheck } from './targets';

export const SCHEMA_VERSION = 1;

export interface BenchResults {
  readonly schemaVersion: number;
  readonly mode: 'full' | 'quick';
  readonly generatedAt: string;
  durationSeconds: number;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly sections: readonly string[];
  operations?: Record<string, OperationResult>;
  operationsBudget?: {
    readonly latencyMsPerCall: number;
    readonly appliedEnforced: number;
    readonly appliedEnforcedSource: string;
    readonly appliedIssueTarget: number;
    readonly appliedMeetsIssueTarget: Readonly<Record<string, boolean>>;
  };
  bulk?: BulkResult;
  bulkFaults?: BulkFaultResult;
  engines?: EnginesResult;
  coldStart?: { readonly functions: Record<string, ColdStartResult>; readonly sdkRequireMs: number; readonly baselineMs?: number; readonly targetMs: number; readonly targetRatio?: number };
  cards?: Record<string, CardBundle>;
  robustness?: RobustnessResult;
  targets: readonly TargetCheck[];
  passed: boolean;
  failedTargets: readonly string[];
}

const esc = (s: string): string => s.replace(/\|/g, '\\|');
const num = (n: number): string => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 }));
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map((c) => esc(typeof c === 'number' ? num(c) : c)).join(' | ')} |`)].join('\n');

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push(
    `Written by \`${r.command}\` on ${r.generatedAt} (${r.mode} run, ${num(r.durationSeconds)} s). Every number comes from the in-process HubSpot emulator; keys of \`bench/results.json\` are described in the README (Benchmarks).`,
    '',
  );
  out.push(
    table(
      ['machine', ''],
      [
        ['CPU', m.cpuModel],
        ['cores', m.cores],
        ['Node', m.node],
        ['platform', m.platform],
        ['memory', `${m.memoryGb} GB`],
        ['load average (1 min) at start / end', `${m.loadAverageStart} / ${m.loadAverageEnd}`],
        ['commit', `${m.commit ?? 'unknown'}${m.dirty ? ' (with uncommitted changes)' : ''}`],
      ],
    ),
    '',
  );
  out.push(`## Targets: ${r.passed ? 'all met' : `${r.failedTargets.length} missed`}`, '');
  out.push(table(['target', 'measured', 'limit', 'met', 'source'], r.targets.map((t) => [t.description, String(t.measured), t.limit, t.pass ? 'yes' : '**no**', t.source])), '');

  if (r.operations && r.operationsBudget) {
    const b = r.operationsBudget;
    out.push('## HubSpot calls and latency per operation', '');
    out.push(
      `Counted as from the card (DECISIONS 2): the card's \`propertiesToSend\` are read by HubSpot outside the function. Cold instance. Latency with the emulator adding ${b.latencyMsPerCall} ms to every call (median); round trips = the longest chain of calls that did not overlap. \`assign_owner\` applied is held to ≤ ${b.appliedEnforced} (${b.appliedEnforcedSource}); issue 8's ≤ ${b.appliedIssueTarget} is ${Object.entries(b.appliedMeetsIssueTarget)
        .map(([k, v]) => `${v ? 'met' : 'not met'} for ${k}`)
        .join(', ')}.`,
      '',
    );
    out.push(
      table(
        ['operation', 'calls', 'reads', 'writes', 'latency ms', 'round trips', 'fewest possible', 'requests'],
        Object.entries(r.operations).map(([k, o]) => [k, o.calls, o.reads, o.writes, o.latencyMs, o.roundTrips, o.minRoundTrips, o.requests.join('; ')]),
      ),
      '',
    );
  }

  if (r.bulk) {
    const b = r.bulk;
    out.push('## Bulk rescoring (Professional limits, real time)', '');
    out.push(`Plan: ${b.plan.description}. Outside the 10-second window: ${b.plan.outsideWindow}.`, '');
    out.push(
      table(
        ['', ''],
        [
          ['contacts (every score changed)', `${num(b.contacts)} (${num(b.summary.changed)} changed, ${num(b.summary.written)} written)`],
          ['time', `${num(b.seconds)} s`],
          ['contacts per second', b.contactsPerSecond],
          ['plan: calls per 100 contacts in the 10-second window', `${b.plan.tenSecondlyCallsPer100} (${Object.entries(b.plan.tenSecondlyByOperationPer100).map(([k, v]) => `${k} ${v}`).join(', ')})`],
          ['plan: calls per 100 contacts outside it', `search ${b.plan.searchCallsPer100}, association batch ${b.plan.associationBatchCallsPer100}`],
          ['ceiling (190 per 10 s ÷ calls per 100)', `${num(b.ceilingContactsPerSecond)} contacts/s`],
          ['ratio to the ceiling', `${num(b.ratioToCeiling)} (target ≥ 0.85)`],
          ['what search alone allows (5/s × page size)', `${num(b.searchCeilingContactsPerSecond)} contacts/s; measured ${b.searchesPerSecond} searches/s`],
          ['calls', `${num(b.calls.total)} (${num(b.calls.tenSecondly)} in the 10-second window, ${num(b.calls.search)} search, ${num(b.calls.associationBatch)} association batch)`],
          ['429s', `${num(b.responses429)} (${num(b.share429 * 100)} % of calls)`],
          ['client waits (pacing and backoff)', `${num(b.clientWaitSeconds)} s`],
        ],
      ),
      '',
    );
  }
  if (r.bulkFaults) {
    const f = r.bulkFaults;
    out.push(`## Bulk rescoring with faults \`${f.faults}\``, '');
    out.push(
      table(
        ['', ''],
        [
          ['completed', `${f.summary.completed} (${num(f.summary.scored + f.summary.unscorable)} of ${num(f.contacts)})`],
          ['time', `${num(f.seconds)} s (${num(f.contactsPerSecond)} contacts/s)`],
          ['faults injected', Object.entries(f.injected).map(([k, v]) => `${k} ${v}`).join(', ')],
          ['of which on score writes (batch updates)', Object.entries(f.injectedOnWrites).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'],
          ['retries', f.retries],
          ['score writes per contact (property history)', `min ${f.scoreWritesPerContact.min}, max ${f.scoreWritesPerContact.max}; none: ${f.scoreWritesPerContact.notWritten}, twice or more: ${f.scoreWritesPerContact.writtenMoreThanOnce}`],
          ['contacts whose final score is not the intended one', f.wrongFinalState],
          ['records created', f.recordsCreated],
          ['applied exactly once', String(f.appliedExactlyOnce)],
          ['calls', `${num(f.calls.total)}; 429s ${num(f.responses429)}`],
        ],
      ),
      '',
    );
  }
  if (r.engines) {
    const e = r.engines;
    out.push(`## Pure engines (one core${e.pinnedToCpu === null ? ', not pinned' : `, pinned to CPU ${e.pinnedToCpu}`})`, '');
    out.push(
      table(
        ['engine', 'per second (median)', 'passes', 'inputs per pass'],
        [
          ['scoring: contacts with reasons', e.scoring.perSecond, e.scoring.runsPerSecond.map(num).join(', '), e.scoring.inputs],
          ['routing: decisions (one search page of 200 recent assignments per team)', e.routing.perSecond, e.routing.runsPerSecond.map(num).join(', '), e.routing.inputs],
          ['routing as `lead-ops route` runs it (this run’s decisions added)', e.routingBulkRun.perSecond, e.routingBulkRun.runsPerSecond.map(num).join(', '), e.routingBulkRun.inputs],
        ],
      ),
      '',
    );
  }
  if (r.coldStart) {
    const c = r.coldStart;
    out.push(`## Function cold start (fresh Node process, no emulator latency; target ≤ ${c.targetMs} ms${c.targetRatio ? ` and ≤ ${c.targetRatio}× the reference function` : ''})`, '');
    out.push(
      table(
        ['entrypoint', 'require ms', 'first call ms', 'require + first call ms', '× reference', 'warm call ms', 'samples (total ms)'],
        Object.entries(c.functions).map(([k, f]) => [`${k}.js`, f.requireMs, f.firstCallMs, f.totalMs, f.ratio ?? '', f.warmCallMs, f.samplesTotalMs.map(num).join(', ')]),
      ),
      '',
      ...(c.baselineMs !== undefined
        ? [`Reference function (\`new hubspot.Client(...)\` and one call, as HubSpot's app-function guide writes it), timed in the same rounds: ${num(c.baselineMs)} ms.`, '']
        : []),
      `For scale: requiring \`@hubspot/api-client\` alone takes ${num(c.sdkRequireMs)} ms.`,
      '',
    );
  }
  if (r.cards) {
    out.push("## Card bundles (HubSpot's builder, minified)", '');
    out.push(table(['card', 'entrypoint', 'bytes', 'gzipped'], Object.values(r.cards).map((c) => [c.uid, c.entrypoint, c.bytes, c.gzipBytes])), '');
  }
  if (r.robustness) {
    const b = r.robustness;
    out.push('## Malformed parameters', '');
    out.push(
      `${num(b.calls)} generated malformed parameter objects over the four functions: ${num(b.cleanInvalidInput)} clean INVALID_INPUT answers, ${b.thrown} thrown, ${b.hubspotCalls} HubSpot calls, prototype polluted: ${b.prototypePolluted}; ${num(b.refusalsPerSecond)} refusals per second.${b.problems.length > 0 ? ` Problems: ${b.problems.join(' / ')}` : ''}`,
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
