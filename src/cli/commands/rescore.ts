import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { compileModel } from '../../core/scoring';
import { rescore, type RescoreSummary } from '../../workflows/score';
import { fileCheckpoints } from '../checkpoint-file';
import { loadConfigForCli } from '../config-file';
import { bulkPort, CliError, confirmWrites, connect, describePortal } from '../connection';
import { appendRunLog, usageLineFor } from '../run-log';
import { parseSince } from './usage';

function formatSummary(s: RescoreSummary, calls: number, rateLimited: number): string {
  const lines = [
    `${s.completed ? 'Done' : 'Stopped'}: ${s.scored + s.unscorable} contacts scored (${s.unscorable} could not be scored: missing data)`,
    `  changed ${s.changed}, unchanged ${s.unchanged}, ${s.dryRun ? 'written 0 (dry run)' : `written ${s.written}`}, failed ${s.failed}`,
    `  HubSpot calls ${calls} (${rateLimited} answered 429)${s.resumedAfter ? `, resumed after contact ${s.resumedAfter}` : ''}`,
  ];
  for (const f of s.failures.slice(0, 10)) lines.push(`  failed ${f.id}: ${f.message}`);
  const c = s.comparison;
  if (c) {
    lines.push('', `What if ${c.candidateVersion} replaced ${c.currentVersion}: ${c.bandChanged} of ${c.compared} contacts would change band, ${c.labelChanged} would change label.`);
    for (const m of c.labelMoves.slice(0, 8)) lines.push(`  ${m.from} → ${m.to}: ${m.count}`);
    for (const x of c.sample) {
      lines.push(`  contact ${x.id}: ${x.before.band || x.before.status} ${x.before.label} (${x.before.total}) → ${x.after.band || x.after.status} ${x.after.label} (${x.after.total})`);
      for (const r of x.reasons) lines.push(`      ${r}`);
    }
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('rescore')
    .description('rescore every contact (or those changed since a date) with batch reads and writes; resumable')
    .option('--since <when>', 'only contacts modified since 30m, 24h, 7d or a date')
    .option('--dry-run', 'score and report; write nothing')
    .option('--config <file>', 'with --dry-run: a candidate configuration to compare with the current one ("test before going live")')
    .option('--env <name>', 'configuration environment (e.g. prod)')
    .option('--checkpoint <file>', 'checkpoint file (default .lead-ops/rescore-<portal>.checkpoint.json)')
    .option('--restart', 'ignore a saved checkpoint and start from the first contact')
    .option('--json', 'print the summary as JSON')
    .option('-y, --yes', 'do not ask before writing to a real portal')
    .action(async (opts: { since?: string; dryRun?: boolean; config?: string; env?: string; checkpoint?: string; restart?: boolean; json?: boolean; yes?: boolean }) => {
      if (opts.config && !opts.dryRun) throw new CliError('--config compares a candidate model and needs --dry-run (deploy a new model with npm run deploy)');
      const config = loadConfigForCli(undefined, opts.env);
      const candidate = opts.config ? loadConfigForCli(opts.config, opts.env).scoring : undefined;
      const connection = connect();
      process.stderr.write(`Portal: ${describePortal(connection)}\n`);
      if (!opts.dryRun) await confirmWrites(connection, 'rescore contacts and write changed scores', Boolean(opts.yes));
      const crm = bulkPort(connection);
      const checkpoints = fileCheckpoints('rescore', connection.baseUrl, opts.checkpoint);
      if (opts.restart) checkpoints.clear();
      const started = Date.now();
      const bar = !opts.json && process.stderr.isTTY ? new SingleBar({ format: 'rescore |{bar}| {value}/{total} contacts, {changed} changed, {eta_formatted} left', hideCursor: true }, Presets.shades_classic) : null;
      let barStarted = false;
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const result = await rescore({ crm, model: compileModel(config.scoring), now: () => new Date() }, {
        dryRun: Boolean(opts.dryRun),
        ...(candidate ? { candidate } : {}),
        ...(opts.since ? { since: parseSince(opts.since, Date.now()) } : {}),
        checkpoints,
        signal: stop.signal,
        onProgress: (p) => {
          if (!bar) return;
          if (!barStarted) {
            bar.start(p.total, 0, { changed: 0 });
            barStarted = true;
          }
          bar.setTotal(p.total);
          bar.update(p.done, { changed: p.changed });
        },
      });
      bar?.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const usage = crm.usage();
      appendRunLog(usageLineFor('rescore', crm, started, result.ok, result.ok ? null : result.error.code));
      if (!result.ok) throw new CliError(`${result.error.message}${result.error.retryable ? ' (retryable: run the same command again to resume)' : ''}`);
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...result.value, apiCalls: usage.calls.total, rateLimited: usage.responses429 }, null, 2)}\n`);
      else process.stdout.write(`${formatSummary(result.value, usage.calls.total, usage.responses429)}\n`);
      if (!result.value.completed) process.stdout.write(`Stopped; run the same command again to resume (checkpoint ${checkpoints.file}).\n`);
      process.exitCode = result.value.failed > 0 || !result.value.completed ? 1 : 0;
    });
}
