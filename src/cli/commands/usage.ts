import type { Command } from 'commander';
import fs from 'node:fs';
import { analyzeUsage, type UsageReport } from '../../core/usage/analyze';
import { parseUsageLine, type UsageLine } from '../../core/usage/log-line';

/**
 * `lead-ops usage`: reads the structured lines the functions (and CLI runs) log, from saved files or stdin
 * (e.g. `npx hs project logs --function score_lead --limit 500 > logs.txt`), and reports calls, the error rate and
 * the daily headroom. Exits 1 when a flag is raised (error rate > 5 % of HubSpot requests, or < 10 % of the daily
 * allowance left), so a scheduler can alert on it.
 */

export function readUsageLines(texts: readonly string[], since?: number): UsageLine[] {
  const out: UsageLine[] = [];
  for (const text of texts) {
    for (const raw of text.split(/\r?\n/)) {
      const line = parseUsageLine(raw);
      if (line && (since === undefined || Date.parse(line.at) >= since)) out.push(line);
    }
  }
  return out;
}

/** "24h", "30m", "7d" or an ISO date → epoch ms. */
export function parseSince(value: string, now: number): number {
  const rel = /^(\d+)\s*([mhd])$/.exec(value.trim());
  if (rel) {
    const n = Number(rel[1]);
    const unit = rel[2] === 'm' ? 60_000 : rel[2] === 'h' ? 3_600_000 : 86_400_000;
    return now - n * unit;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`--since: expected 30m, 24h, 7d or a date, got "${value}"`);
  return t;
}

export function formatReport(r: UsageReport): string {
  const lines: string[] = [];
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  lines.push(`Lead Ops usage: ${r.lines} log lines${r.from ? ` from ${r.from} to ${r.to}` : ''}`);
  lines.push(`  invocations      ${r.invocations} (${r.failedInvocations} failed)`);
  for (const [fn, v] of Object.entries(r.byFunction)) {
    lines.push(`    ${fn.padEnd(16)} ${String(v.invocations).padStart(6)} calls, ${String(v.failed).padStart(4)} failed, ${String(v.apiCalls).padStart(7)} API requests, avg ${v.avgMs} ms`);
  }
  if (Object.keys(r.failuresByCode).length > 0) {
    lines.push(`  failures by code ${Object.entries(r.failuresByCode).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  }
  lines.push(`  HubSpot requests ${r.apiCalls} (${r.apiErrors} errors, ${r.rateLimited} answered 429, ${r.retries} retries)`);
  lines.push(`  error rate       ${pct(r.errorRate)} (HubSpot's budget: 5 %)`);
  lines.push(
    `  daily headroom   ${r.dailyHeadroom === null ? 'unknown (no answer carried the daily headers)' : `${r.dailyRemaining} of ${r.dailyLimit} left (${pct(r.dailyHeadroom)})`}`,
  );
  lines.push(r.flags.length === 0 ? 'OK: no flags' : r.flags.map((f) => `FLAG: ${f}`).join('\n'));
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('usage')
    .description('report calls, error rate and daily headroom from function logs (files or stdin)')
    .option('-f, --file <path...>', 'log files (default: stdin)')
    .option('--since <when>', 'only lines newer than 30m, 24h, 7d or a date')
    .option('--json', 'print the report as JSON')
    .action((opts: { file?: string[]; since?: string; json?: boolean }) => {
      let texts: string[];
      if (opts.file && opts.file.length > 0) {
        texts = opts.file.map((f) => {
          if (!fs.existsSync(f)) throw new Error(`no such log file: ${f}`);
          return fs.readFileSync(f, 'utf8');
        });
      } else if (!process.stdin.isTTY) {
        texts = [fs.readFileSync(0, 'utf8')];
      } else {
        process.stderr.write('lead-ops usage: give --file <log> or pipe logs in, e.g. `npx hs project logs --function score_lead | npx lead-ops usage`\n');
        process.exitCode = 2;
        return;
      }
      const since = opts.since ? parseSince(opts.since, Date.now()) : undefined;
      const report = analyzeUsage(readUsageLines(texts, since));
      process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
      process.exitCode = report.flags.length > 0 ? 1 : 0;
    });
}
