import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EMPTY_API_USAGE, formatUsageLine, type UsageLine } from '../../core/usage/log-line';
import { PROJECT_ROOT } from '../../config/paths';
import { parseSince, readUsageLines } from './usage';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function syntheticLog(requests: number, errors: number): string {
  const lines: string[] = [];
  for (let i = 0; i < requests; i++) {
    const l: UsageLine = {
      leadOps: 'call',
      v: 1,
      at: new Date(NOW - (requests - i) * 1000).toISOString(),
      fn: i % 2 ? 'score_lead' : 'record_status',
      correlationId: `corr-${i}`,
      ok: i >= errors,
      code: i < errors ? 'HUBSPOT_UNAVAILABLE' : null,
      ms: 80,
      api: { ...EMPTY_API_USAGE, calls: 1, errors: i < errors ? 1 : 0, dailyRemaining: 600_000 - i, dailyLimit: 625_000 },
    };
    // HubSpot's log viewer prefixes its own fields; unrelated lines are mixed in.
    lines.push(`2026-11-25 INFO [function] ${formatUsageLine(l)}`, 'some other log line');
  }
  return lines.join('\n');
}

describe('lead-ops usage', () => {
  test.each`
    value                     | expected
    ${'30m'}                  | ${NOW - 30 * 60_000}
    ${'24h'}                  | ${NOW - 24 * 3_600_000}
    ${'7d'}                   | ${NOW - 7 * 86_400_000}
    ${'2026-11-01T00:00:00Z'} | ${Date.parse('2026-11-01T00:00:00Z')}
  `('parseSince($value)', ({ value, expected }) => expect(parseSince(value, NOW)).toBe(expected));

  it('refuses a nonsense --since', () => expect(() => parseSince('yesterday-ish', NOW)).toThrow('--since'));

  it('reads only our lines, and only newer than --since', () => {
    const log = syntheticLog(10, 0);
    expect(readUsageLines([log])).toHaveLength(10);
    expect(readUsageLines([log], NOW - 5000)).toHaveLength(5);
  });

  it('flags a synthetic log with a 6 % error rate and exits 1', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'usage-')), 'logs.txt');
    fs.writeFileSync(file, syntheticLog(100, 6));
    const run = spawnSync(process.execPath, ['src/cli/bin.cjs', 'usage', '--file', file], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(run.stdout).toContain('error rate       6.0 %');
    expect(run.stdout).toContain("FLAG: error rate 6.0 % of HubSpot requests is above HubSpot's 5 % budget");
    expect(run.status).toBe(1);
  });

  it('passes a healthy log with exit 0', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'usage-')), 'logs.txt');
    fs.writeFileSync(file, syntheticLog(100, 2));
    const run = spawnSync(process.execPath, ['src/cli/bin.cjs', 'usage', '--file', file], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(run.stdout).toContain('OK: no flags');
    expect(run.status).toBe(0);
  });
});
