import { decideRoute } from './decide-route';
import type { RoutingConfig } from './config-schema';
import type { RoutingOwner } from './owners';
import type { RecentAssignment } from './recent-assignments';

/**
 * A pure model of many routing decisions under search lag, used by the tests and by anyone tuning
 * `balanced.spreadPerOwner`. Each decision is a separate call (as from separate function invocations): its
 * search sees every earlier assignment except the newest `lag` ones, newest first, cut at `pageSize` rows.
 * With `withRunDecisions`, each call also gets the earlier decisions of the run (DECISIONS 23), as the CLI does.
 */
export interface BalanceSimulation {
  readonly config: RoutingConfig;
  readonly owners: readonly RoutingOwner[];
  /** Company properties that land in the team under test. */
  readonly company: Readonly<Record<string, string>>;
  readonly decisions: number;
  /** How many of the newest assignments search does not show yet. */
  readonly lag: number;
  /** Rows the one search returns (200 = one page; larger = the caller pages). */
  readonly pageSize: number;
  readonly withRunDecisions?: boolean;
  /** Record ids, one per decision (default: increasing ids with irregular gaps, like a real portal's). */
  readonly recordIds?: readonly string[];
  readonly start: number;
  /** Milliseconds between decisions. */
  readonly stepMs?: number;
}

export interface BalanceResult {
  /** Assignments per owner id. */
  readonly counts: Readonly<Record<string, number>>;
  /** Largest distance of an owner's count from the mean of the owners that received any, in % of that mean. */
  readonly maxDeviationPct: number;
}

/** Increasing ids with gaps of 1 to 3 (deterministic). */
export function irregularIds(n: number, seed = 1): string[] {
  const out: string[] = [];
  let x = 10_000 + seed * 7919;
  let r = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < n; i++) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    x += 1 + ((r >>> 8) % 3);
    out.push(String(x));
  }
  return out;
}

export function simulateBalance(sim: BalanceSimulation, eligibleOwnerIds: readonly string[]): BalanceResult {
  const ids = sim.recordIds ?? irregularIds(sim.decisions);
  const step = sim.stepMs ?? 1000;
  const done: RecentAssignment[] = [];
  for (let i = 0; i < sim.decisions; i++) {
    const now = sim.start + i * step;
    const visible = done.slice(0, Math.max(0, done.length - sim.lag));
    const page = visible.slice(-sim.pageSize).reverse();
    const decided = decideRoute(
      {
        objectType: 'contacts',
        recordId: ids[i] ?? String(i),
        record: {},
        company: sim.company,
        owners: sim.owners,
        recent: { searched: page, searchedTotal: visible.length, run: sim.withRunDecisions ? done : [] },
        now,
      },
      sim.config,
    );
    if (!decided.ok || decided.value.owner === null) throw new Error(`decision ${i} assigned nobody`);
    done.push({ recordId: decided.value.recordId, ownerId: decided.value.owner.id, routedAt: now });
  }
  const counts: Record<string, number> = {};
  for (const id of eligibleOwnerIds) counts[id] = 0;
  for (const a of done) counts[a.ownerId] = (counts[a.ownerId] ?? 0) + 1;
  const values = eligibleOwnerIds.map((id) => counts[id] ?? 0);
  const mean = sim.decisions / eligibleOwnerIds.length;
  const maxDeviationPct = Math.max(...values.map((v) => (Math.abs(v - mean) / mean) * 100));
  return { counts, maxDeviationPct };
}
