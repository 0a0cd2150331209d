import type { UsageLine } from './log-line';

/** HubSpot's error budget: error responses should stay under 5 % of requests (reference/hubspot-api.md §6). */
export const ERROR_RATE_LIMIT = 0.05;
/** Warn when less than this share of the daily allowance is left. */
export const DAILY_HEADROOM_WARNING = 0.1;

export interface UsageReport {
  readonly lines: number;
  readonly from: string | null;
  readonly to: string | null;
  /** Function calls (and CLI runs) seen, and how many of them answered with an error envelope. */
  readonly invocations: number;
  readonly failedInvocations: number;
  readonly failuresByCode: Readonly<Record<string, number>>;
  readonly byFunction: Readonly<Record<string, { invocations: number; failed: number; apiCalls: number; avgMs: number }>>;
  /** HubSpot API requests and error responses, summed over the lines. */
  readonly apiCalls: number;
  readonly apiErrors: number;
  readonly rateLimited: number;
  readonly retries: number;
  /** apiErrors / apiCalls (0 when no calls). */
  readonly errorRate: number;
  /** The newest daily figures seen. */
  readonly dailyRemaining: number | null;
  readonly dailyLimit: number | null;
  readonly dailyHeadroom: number | null;
  readonly flags: readonly string[];
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** Aggregates usage lines into a report and raises the two alarms of issue 9. Pure. */
export function analyzeUsage(lines: readonly UsageLine[]): UsageReport {
  const sorted = [...lines].sort((a, b) => a.at.localeCompare(b.at));
  const byFunction: Record<string, { invocations: number; failed: number; apiCalls: number; totalMs: number }> = {};
  const failuresByCode: Record<string, number> = {};
  let apiCalls = 0;
  let apiErrors = 0;
  let rateLimited = 0;
  let retries = 0;
  let failed = 0;
  let dailyRemaining: number | null = null;
  let dailyLimit: number | null = null;
  for (const line of sorted) {
    const f = (byFunction[line.fn] ??= { invocations: 0, failed: 0, apiCalls: 0, totalMs: 0 });
    f.invocations += 1;
    f.apiCalls += line.api.calls;
    f.totalMs += line.ms;
    if (!line.ok) {
      f.failed += 1;
      failed += 1;
      const code = line.code ?? 'UNKNOWN';
      failuresByCode[code] = (failuresByCode[code] ?? 0) + 1;
    }
    apiCalls += line.api.calls;
    apiErrors += line.api.errors;
    rateLimited += line.api.rateLimited;
    retries += line.api.retries;
    if (line.api.dailyRemaining !== null) dailyRemaining = line.api.dailyRemaining;
    if (line.api.dailyLimit !== null) dailyLimit = line.api.dailyLimit;
  }
  const errorRate = apiCalls === 0 ? 0 : apiErrors / apiCalls;
  const dailyHeadroom = dailyRemaining !== null && dailyLimit ? dailyRemaining / dailyLimit : null;
  const flags: string[] = [];
  if (errorRate > ERROR_RATE_LIMIT) {
    flags.push(`error rate ${pct(errorRate)} of HubSpot requests is above HubSpot's 5 % budget (${apiErrors} of ${apiCalls})`);
  }
  if (dailyHeadroom !== null && dailyHeadroom < DAILY_HEADROOM_WARNING) {
    flags.push(`daily API allowance nearly used: ${dailyRemaining} of ${dailyLimit} left (${pct(dailyHeadroom)})`);
  }
  const summary: UsageReport['byFunction'] = Object.fromEntries(
    Object.entries(byFunction)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([fn, v]) => [fn, { invocations: v.invocations, failed: v.failed, apiCalls: v.apiCalls, avgMs: Math.round(v.totalMs / v.invocations) }]),
  );
  return {
    lines: sorted.length,
    from: sorted[0]?.at ?? null,
    to: sorted[sorted.length - 1]?.at ?? null,
    invocations: sorted.length,
    failedInvocations: failed,
    failuresByCode,
    byFunction: summary,
    apiCalls,
    apiErrors,
    rateLimited,
    retries,
    errorRate,
    dailyRemaining,
    dailyLimit,
    dailyHeadroom,
    flags,
  };
}
