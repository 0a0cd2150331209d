import type { z } from 'zod';
import { refusedByRules, ruleRefusalsOf, type CrmError, type CrmErrorCode } from './errors';
import type { RowErrorSchema } from './records';

/** HubSpot's batch limits: 100 inputs for object batches, 1,000 for association batch reads. */
export const OBJECT_BATCH_LIMIT = 100;
export const ASSOCIATION_BATCH_READ_LIMIT = 1000;

/** Splits `items` into consecutive chunks of at most `size` (size ≥ 1). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The ids (or, for creates, the input indexes as strings) that one failure concerns, and why. */
export interface BatchFailure {
  /** Record ids for read/update/upsert/archive; input positions (`"0"`, `"1"`, …) for creates. */
  readonly ids: readonly string[];
  readonly error: CrmError;
}

/** Result of a batch helper: what succeeded and, explicitly, everything that did not (never silently dropped). */
export interface BatchOutcome<T> {
  readonly results: T[];
  readonly failures: BatchFailure[];
}

/** One row error of a 207 (`StandardError`), as parsed by `RowErrorSchema`: every field optional. */
export type RowError = z.output<typeof RowErrorSchema>;

const CATEGORY_CODES: Readonly<Record<string, CrmErrorCode>> = {
  OBJECT_NOT_FOUND: 'NOT_FOUND',
  VALIDATION_ERROR: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  MISSING_SCOPES: 'MISSING_SCOPES',
  INVALID_AUTHENTICATION: 'AUTH_REJECTED',
  RATE_LIMITS: 'RATE_LIMITED',
};

/**
 * Maps a 207 row error to a CrmError: a row the portal's property rules refused is VALIDATION_RULE naming them.
 * Unknown categories are HubSpot's problem, worth one more try later.
 */
export function rowErrorToWire(row: RowError): CrmError {
  const refusals = ruleRefusalsOf(row);
  if (refusals) return refusedByRules(refusals);
  const code = (row.category && CATEGORY_CODES[row.category]) || 'HUBSPOT_UNAVAILABLE';
  const message = row.message && row.message.trim() !== '' ? row.message : `HubSpot reported ${row.category ?? 'an error'} for this row.`;
  return { code, message, retryable: code === 'HUBSPOT_UNAVAILABLE' || code === 'RATE_LIMITED' };
}

/**
 * The ids a row error concerns: `context.ids` (batch read/update), `id`, or — for creates sent with
 * `objectWriteTraceId` — `context.objectWriteTraceId` mapped back through `traceToKey`.
 */
export function idsOfRowError(row: RowError, traceToKey?: ReadonlyMap<string, string>): string[] {
  const ids = new Set<string>();
  for (const id of row.context?.ids ?? []) ids.add(id);
  if (row.id) ids.add(row.id);
  if (traceToKey) {
    for (const trace of row.context?.objectWriteTraceId ?? []) {
      const key = traceToKey.get(trace);
      if (key !== undefined) ids.add(key);
    }
  }
  return [...ids];
}

/**
 * Folds one batch answer (200 or 207) into explicit successes and failures.
 * - each row error becomes a failure naming its ids;
 * - a row error without an id is kept with `ids: []` (so it is never lost);
 * - every requested key that is neither in `results` nor named by an error becomes a failure "no result", so a
 *   short answer cannot hide a dropped row.
 *
 * @param requested keys sent (record ids; for creates, the input positions)
 * @param results   rows HubSpot returned
 * @param keyOf     the key of a returned row (its id; for creates, its position from `objectWriteTraceId`)
 */
export function foldBatchAnswer<T>(
  requested: readonly string[],
  results: readonly T[],
  errors: readonly RowError[] | undefined,
  keyOf: (row: T) => string | undefined,
  traceToKey?: ReadonlyMap<string, string>,
): BatchOutcome<T> {
  const failures: BatchFailure[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    const k = keyOf(r);
    if (k !== undefined) seen.add(k);
  }
  let unattributed = false;
  for (const row of errors ?? []) {
    const ids = idsOfRowError(row, traceToKey);
    ids.forEach((id) => seen.add(id));
    if (ids.length === 0) unattributed = true;
    failures.push({ ids, error: rowErrorToWire(row) });
  }
  // When some error named no id, the unmatched keys are probably its rows: say so rather than guess.
  const missing = requested.filter((k) => !seen.has(k));
  if (missing.length > 0) {
    failures.push({
      ids: missing,
      error: {
        code: 'HUBSPOT_UNAVAILABLE',
        message: unattributed
          ? 'HubSpot reported errors without naming the rows; these rows got no result.'
          : 'HubSpot returned no result for these rows.',
        retryable: true,
      },
    });
  }
  return { results: [...results], failures };
}

/** Concatenates outcomes (of consecutive chunks). */
export function mergeOutcomes<T>(outcomes: readonly BatchOutcome<T>[]): BatchOutcome<T> {
  return { results: outcomes.flatMap((o) => o.results), failures: outcomes.flatMap((o) => o.failures) };
}
