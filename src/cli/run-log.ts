import fs from 'node:fs';
import path from 'node:path';
import { WORK_DIR } from '../config/paths';
import { formatUsageLine, type UsageLine } from '../core/usage/log-line';
import { toApiUsage, type Usage } from '../hubspot';

/** Where CLI runs append their usage line (git-ignored); `lead-ops usage --file .lead-ops/runs.log` reads it. */
export const RUN_LOG = path.join(WORK_DIR, 'runs.log');

/** One structured usage line for a CLI run (the same shape functions log), appended to the run log. */
export function usageLineFor(command: string, port: { usage(): Usage }, started: number, ok: boolean, code: string | null): UsageLine {
  const usage = port.usage();
  return {
    leadOps: 'run',
    v: 1,
    at: new Date(started).toISOString(),
    fn: command,
    correlationId: usage.lastCorrelationId ?? `run-${started}`,
    ok,
    code,
    ms: Date.now() - started,
    api: toApiUsage(usage),
  };
}

export function appendRunLog(line: UsageLine, file = RUN_LOG): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, `${formatUsageLine(line)}\n`);
  } catch {
    // The run log is a convenience; a read-only disk must not fail the run.
  }
}
