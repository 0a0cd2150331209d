import type { Command } from 'commander';
import { formatUsageLine } from '../../core/usage/log-line';
import { compileModel } from '../../core/scoring';
import { runSweep, type SweepCounts, type SweepSummary } from '../../workflows/sweep';
import type { SyncSweepSummary } from '../../workflows/sync-sweep';
import { syncAccessFor } from '../destinations';
import { loadConfigForCli } from '../config-file';
import { bulkPort, CliError, confirmWrites, connect, describePortal } from '../connection';
import { appendRunLog, usageLineFor } from '../run-log';
import { parseSince } from './usage';

/**
 * `lead-ops sweep`: scores and routes the contacts and companies created or changed since `--since` (default 30m),
 * then syncs them to the destinations with a connector (credentials from the environment), for cron or a CI
 * schedule. Stateless: run it every 15 minutes with `--since 30m` (windows overlap, so a record
 * changed while a run was searching, or not yet visible to search, is found by the next one). `--json` prints one
 * line: the structured usage line `lead-ops usage` reads, plus the counts. Exit 0 when everything found was handled,
 * 1 when some records failed (the next run retries them) or on auth, scope and daily-limit errors (message on
 * stderr).
 */

const n = (x: number): string => x.toLocaleString('en-US');

/** One line per object type; the routing counts and the rescored-only count add up to the records considered. */
function line(name: 'companies' | 'contacts', c: SweepCounts, dryRun: boolean): string {
  const r = c.routing;
  const routing = [
    dryRun ? `${n(r.WOULD_ASSIGN)} would be assigned` : `${n(r.ASSIGNED)} assigned`,
    `${n(r.ALREADY_ASSIGNED)} already had an owner`,
    `${n(r.UNCHANGED)} already routed this way`,
    `${n(r.NO_OWNER)} without an eligible owner`,
    ...(r.OWNER_SET_MEANWHILE > 0 ? [`${n(r.OWNER_SET_MEANWHILE)} given an owner by someone else meanwhile`] : []),
    `${n(r.FAILED)} failed`,
  ];
  const rescored = name === 'contacts' && c.rescoredOnly > 0 ? `; ${n(c.rescoredOnly)} more rescored because their company changed` : '';
  const scores = name === 'contacts' ? `\n  ${''.padEnd(9)} scores: ${n(c.scored)} scored, ${n(c.unscorable)} not enough data, ${n(c.scoreChanged)} changed (${n(c.scoreWritten)} written)` : '';
  return `  ${name.padEnd(9)} ${n(c.considered)} considered: ${routing.join(', ')}${rescored}${scores}`;
}

/** One line per destination the project syncs, and its problem if it had one. */
function syncLines(sync: SyncSweepSummary, dryRun: boolean): string[] {
  return sync.destinations.map((d) => {
    const head = `  ${'sync'.padEnd(9)} ${d.name}: `;
    if (d.problem && d.sent === 0 && d.readBack === 0) return `${head}not synced: ${d.problem}`;
    const o = d.outcomes;
    const parts = [
      `${n(d.considered)} considered, ${n(d.sent)} ${dryRun ? 'would be sent' : `sent (${n(o.in_sync)} in sync, ${n(o.excluded)} excluded, ${n(o.failed)} failed, ${n(o.pending)} pending)`}`,
      ...(dryRun ? [] : [`${n(d.written)} record${d.written === 1 ? '' : 's'} written`]),
      ...(d.readBack > 0 ? [`${n(d.readBack)} excluded there since`] : []),
      ...(d.tickets ? [`tickets: ${n(d.tickets.considered)} without an id, ${n(d.tickets.created)} created, ${n(d.tickets.linked)} linked, ${n(d.tickets.failed)} failed, ${n(d.tickets.pending)} pending`] : []),
    ];
    return `${head}${parts.join('; ')}${d.problem ? `\n  ${''.padEnd(9)} ${d.problem}` : ''}`;
  });
}

export function formatSweep(s: SweepSummary, calls: number, rateLimited: number): string {
  return [
    `${s.completed ? 'Swept' : 'Stopped'}: records created or changed since ${s.since}${s.dryRun ? ' (dry run: nothing written)' : ''}`,
    line('companies', s.companies, s.dryRun),
    line('contacts', s.contacts, s.dryRun),
    ...(s.pendingContacts > 0 ? [`  ${n(s.pendingContacts)} contacts of ${n(s.pendingCompanies)} changed ${s.pendingCompanies === 1 ? 'company' : 'companies'} still to rescore: the next runs continue`] : []),
    ...(s.sync ? syncLines(s.sync, s.dryRun) : []),
    `  HubSpot calls ${n(calls)} (${n(rateLimited)} answered 429), ${s.pages} search pages`,
    ...s.failures.slice(0, 10).map((f) => `  failed ${f.objectType} ${f.id}: ${f.message}`),
    ...(s.sync?.failures ?? []).slice(0, 10).map((f) => `  failed ${f.objectType} ${f.id}${f.destinationId ? ` (${f.destinationId})` : ''}: ${f.message}`),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('sweep')
    .description('score and route contacts and companies created or changed recently (for cron or CI schedules)')
    .option('--since <when>', 'records created or modified since 30m, 2h, 1d or a date', '30m')
    .option('--dry-run', 'decide and report; write nothing')
    .option('--env <name>', 'configuration environment (e.g. prod)')
    .option('--json', 'print one JSON line: the usage line `lead-ops usage` reads, plus the counts')
    .option('-y, --yes', 'do not ask before writing to a real portal (needed without a terminal, e.g. in cron)')
    .option('--no-sync', 'score and route only; leave the destinations with a connector alone')
    .option('--backfill <n>', 'also send up to n records never synced to each destination (and help-desk tickets without an id)', '0')
    .action(async (opts: { since: string; dryRun?: boolean; env?: string; json?: boolean; yes?: boolean; sync: boolean; backfill: string }) => {
      let since: number;
      try {
        since = parseSince(opts.since, Date.now());
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      const config = loadConfigForCli(undefined, opts.env);
      const connection = connect();
      process.stderr.write(`Portal: ${describePortal(connection)}\n`);
      if (!opts.dryRun) await confirmWrites(connection, 'score, route and sync recently changed records', Boolean(opts.yes));
      const crm = bulkPort(connection);
      const started = Date.now();
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const backfill = Number(opts.backfill);
      if (!Number.isInteger(backfill) || backfill < 0) throw new CliError(`--backfill expects a whole number of records, got "${opts.backfill}"`);
      const sync = opts.sync ? syncAccessFor(connection, config.sync.destinations) : null;
      const result = await runSweep(
        { crm, config, model: compileModel(config.scoring), now: () => new Date() },
        { since, dryRun: Boolean(opts.dryRun), signal: stop.signal, ...(sync ? { sync: { ...sync, backfill } } : {}) },
      );
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const usageLine = usageLineFor('sweep', crm, started, result.ok, result.ok ? null : result.error.code);
      appendRunLog(usageLine);
      if (opts.json) {
        const counts = result.ok
          ? { since: result.value.since, dryRun: result.value.dryRun, completed: result.value.completed, pages: result.value.pages, contacts: result.value.contacts, companies: result.value.companies, pendingContacts: result.value.pendingContacts, pendingCompanies: result.value.pendingCompanies, failures: result.value.failures.slice(0, 20), sync: result.value.sync }
          : { error: result.error.code };
        // One line, `leadOps` first: `lead-ops usage` finds it in any saved output.
        process.stdout.write(`${formatUsageLine(usageLine).slice(0, -1)},"sweep":${JSON.stringify(counts)}}\n`);
      }
      if (!result.ok) throw new CliError(`${result.error.message}${result.error.retryable ? ' (retryable: the next run picks it up)' : ''}`);
      const usage = crm.usage();
      if (!opts.json) process.stdout.write(`${formatSweep(result.value, usage.calls.total, usage.responses429)}\n`);
      const syncProblems = (result.value.sync?.destinations ?? []).filter((d) => d.problem !== null).length + (result.value.sync?.failures.length ?? 0);
      const failed = result.value.contacts.failed + result.value.companies.failed + syncProblems;
      process.exitCode = failed > 0 || !result.value.completed ? 1 : 0;
    });
}
