import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { formatDistribution } from '../../core/routing';
import { routeUnowned, type RouteRunSummary } from '../../workflows/route';
import { loadConfigForCli } from '../config-file';
import { bulkPort, CliError, confirmWrites, connect, describePortal } from '../connection';
import { appendRunLog, usageLineFor } from '../run-log';
import { parseSince } from './usage';

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What a route run did, record by record: every record considered is in exactly one of the counts. */
export function formatRouteSummary(s: RouteRunSummary): string {
  const c = s.counts;
  const what = s.objectType === 'contacts' ? ['contact', 'contacts'] : ['company', 'companies'];
  const parts = [
    s.dryRun ? `${c.WOULD_ASSIGN} would be assigned` : `${c.ASSIGNED} assigned`,
    `${c.UNCHANGED} already routed this way`,
    `${c.ALREADY_ASSIGNED} already had an owner`,
    `${c.NO_OWNER} without an eligible owner`,
    ...(c.OWNER_SET_MEANWHILE > 0 ? [`${c.OWNER_SET_MEANWHILE} given an owner by someone else meanwhile`] : []),
    `${c.FAILED} failed`,
  ];
  const head = s.dryRun ? 'Dry run (nothing written)' : s.completed ? 'Routed' : 'Stopped';
  return `${head}: ${plural(s.considered, what[0] ?? '', what[1] ?? '')} considered: ${parts.join(', ')}`;
}

export function register(program: Command): void {
  program
    .command('route')
    .description('route unowned contacts or companies by company size; --dry-run prints the distribution per team and owner')
    .option('--dry-run', 'decide and report; write nothing (test rules before going live)')
    .option('--object <type>', 'contacts or companies', 'contacts')
    .option('--since <when>', 'only records modified since 30m, 24h, 7d or a date')
    .option('--include-owned', 'also consider records that have an owner (reported, never reassigned)')
    .option('--limit <n>', 'stop after n records', (v) => Number.parseInt(v, 10))
    .option('--config <file>', 'configuration file to route with (e.g. a candidate, with --dry-run)')
    .option('--env <name>', 'configuration environment (e.g. prod)')
    .option('--json', 'print the summary as JSON')
    .option('-y, --yes', 'do not ask before writing to a real portal')
    .action(async (opts: { dryRun?: boolean; object: string; since?: string; includeOwned?: boolean; limit?: number; config?: string; env?: string; json?: boolean; yes?: boolean }) => {
      if (opts.object !== 'contacts' && opts.object !== 'companies') throw new CliError('--object must be contacts or companies');
      if (opts.limit !== undefined && !(opts.limit > 0)) throw new CliError('--limit must be a positive number');
      const config = loadConfigForCli(opts.config, opts.env);
      const connection = connect();
      process.stderr.write(`Portal: ${describePortal(connection)}\n`);
      if (!opts.dryRun) await confirmWrites(connection, `assign owners to unowned ${opts.object}`, Boolean(opts.yes));
      const crm = bulkPort(connection);
      const started = Date.now();
      const bar = !opts.json && process.stderr.isTTY ? new SingleBar({ format: 'route |{bar}| {value}/{total} records', hideCursor: true }, Presets.shades_classic) : null;
      let barStarted = false;
      const result = await routeUnowned({ crm, config, now: () => new Date() }, {
        objectType: opts.object,
        dryRun: Boolean(opts.dryRun),
        ...(opts.since ? { since: parseSince(opts.since, Date.now()) } : {}),
        ...(opts.includeOwned ? { includeOwned: true } : {}),
        ...(opts.limit ? { limit: opts.limit } : {}),
        onProgress: (p) => {
          if (!bar) return;
          if (!barStarted) {
            bar.start(p.total, 0);
            barStarted = true;
          }
          bar.setTotal(p.total);
          bar.update(p.done);
        },
      });
      bar?.stop();
      appendRunLog(usageLineFor('route', crm, started, result.ok, result.ok ? null : result.error.code));
      if (!result.ok) throw new CliError(result.error.message);
      const s = result.value;
      const usage = crm.usage();
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...s, apiCalls: usage.calls.total }, null, 2)}\n`);
      else {
        process.stdout.write(`${formatRouteSummary(s)}, ${usage.calls.total} HubSpot calls\n`);
        for (const line of formatDistribution(s.distribution)) process.stdout.write(`${line}\n`);
        for (const f of s.failed.slice(0, 10)) process.stdout.write(`failed ${f.id}: ${f.message}\n`);
      }
      process.exitCode = s.failed.length > 0 ? 1 : 0;
    });
}
