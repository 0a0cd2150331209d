/**
 * A per-instance memo for slow-changing portal data (ticket pipelines, owner names). HubSpot keeps a function
 * instance warm between calls, so a card opened on several records in a row spends the pipelines call once.
 * A cold instance pays the call: budgets are counted cold (DECISIONS 2). Only successful answers are kept.
 */
const entries = new Map<string, { at: number; value: unknown }>();

export const PORTAL_CACHE_TTL_MS = 5 * 60_000;

export async function memo<T, E>(
  key: string,
  now: number,
  load: () => Promise<{ ok: true; value: T } | { ok: false; error: E }>,
): Promise<{ ok: true; value: T } | { ok: false; error: E }> {
  const hit = entries.get(key);
  if (hit && now - hit.at < PORTAL_CACHE_TTL_MS) return { ok: true, value: hit.value as T };
  const loaded = await load();
  if (loaded.ok) entries.set(key, { at: now, value: loaded.value });
  return loaded;
}

/** Tests start every case cold. */
export function clearMemo(): void {
  entries.clear();
}
