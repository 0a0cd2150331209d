import type { CrmError } from './errors';
import { err, ok, type Result } from '../core/result';
import type { CallFailure } from './client';

export interface CreateOnceResult<T> {
  readonly value: T;
  /** True when this call's create answered; false when an earlier, ambiguous attempt had in fact gone through. */
  readonly created: boolean;
  /** Creates sent (1 normally; more after ambiguous failures whose lookup found nothing). */
  readonly attempts: number;
}

export interface CreateOnceSpec<T> {
  /** Sends the create once (the client already repeats it after answers that certainly did not apply it). */
  readonly create: () => Promise<Result<T, CallFailure>>;
  /**
   * Looks for the thing an ambiguous create may have made, e.g. "a note with routing key K on this record",
   * through the record's association list and a batch read (never search: it lags). null = not there.
   */
  readonly findExisting: () => Promise<Result<T | null, CrmError>>;
  /** Creates sent at most (default 3). */
  readonly maxCreates?: number;
}

/**
 * Creates something at most once although HubSpot has no idempotency key, so that no record is made by two
 * successful requests.
 * After a 5xx or a timeout the write may have been applied: look it up; return it when found, create again only
 * when it is not. Any other failure is returned as is.
 *
 * Limit: a request that timed out may still be applied *after* the lookup (it is in flight at HubSpot). Callers
 * that must converge under that race (routing notes) list the record's items by key afterwards and archive
 * duplicates, keeping the lowest id.
 */
export async function createOnce<T>(spec: CreateOnceSpec<T>): Promise<Result<CreateOnceResult<T>, CrmError>> {
  const maxCreates = spec.maxCreates ?? 3;
  let lastError: CrmError | null = null;
  for (let attempts = 1; attempts <= maxCreates; attempts++) {
    const r = await spec.create();
    if (r.ok) return ok({ value: r.value, created: true, attempts });
    if (!r.error.ambiguous) return err(r.error.error);
    lastError = r.error.error;
    const found = await spec.findExisting();
    if (!found.ok) {
      // We cannot tell whether the create went through: say so rather than risk a duplicate.
      return err({ ...found.error, message: `${lastError.message} Checking whether it was applied failed too: ${found.error.message}` });
    }
    if (found.value !== null) return ok({ value: found.value, created: false, attempts });
  }
  if (lastError === null) throw new Error('createOnce: maxCreates must be at least 1');
  return err(lastError);
}
