import { z } from 'zod';

/**
 * One structured log line per function call (and one per CLI run), written as JSON on a single line so it can be
 * found again in `hs project logs` output or any saved log file: `lead-ops usage` reads them back.
 * It never holds a token, a record's property values or a message that could contain them.
 */
export const ApiUsageSchema = z.object({
  /** HTTP requests sent to HubSpot, retries included. */
  calls: z.number().int().nonnegative(),
  /** Requests HubSpot answered with an error status (4xx, 5xx; 429 included). */
  errors: z.number().int().nonnegative(),
  rateLimited: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  timeouts: z.number().int().nonnegative().default(0),
  /** Last `X-HubSpot-RateLimit-Daily-Remaining` / `-Daily` seen (null when no answer carried them, e.g. search only). */
  dailyRemaining: z.number().int().nonnegative().nullable(),
  dailyLimit: z.number().int().positive().nullable(),
});
export type ApiUsage = z.infer<typeof ApiUsageSchema>;

export const UsageLineSchema = z.object({
  leadOps: z.enum(['call', 'run']),
  v: z.literal(1),
  at: z.string(),
  /** Function uid (`score_lead`) or CLI command (`sweep`, `rescore`). */
  fn: z.string().max(64),
  /** HubSpot's correlation id of the last request when there was one, else our own request id. */
  correlationId: z.string().max(100),
  ok: z.boolean(),
  code: z.string().max(40).nullable(),
  ms: z.number().nonnegative(),
  api: ApiUsageSchema,
});
export type UsageLine = z.infer<typeof UsageLineSchema>;

export const EMPTY_API_USAGE: ApiUsage = { calls: 0, errors: 0, rateLimited: 0, retries: 0, timeouts: 0, dailyRemaining: null, dailyLimit: null };

/** Serialises a usage line (one line, no newline inside). */
export const formatUsageLine = (line: UsageLine): string => JSON.stringify(line);

/**
 * Finds the usage line inside one line of any log output (HubSpot prefixes lines with timestamps and levels).
 * Returns null for lines that are not ours or are damaged.
 */
export function parseUsageLine(text: string): UsageLine | null {
  const start = text.indexOf('{"leadOps"');
  if (start < 0) return null;
  const end = text.lastIndexOf('}');
  if (end <= start) return null;
  try {
    const parsed = UsageLineSchema.safeParse(JSON.parse(text.slice(start, end + 1)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
