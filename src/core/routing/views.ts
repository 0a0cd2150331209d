import type { DecisionPolicy, FallbackCode, RoutingDecision, SkipReason } from './decision';
import { compareIds } from './hash';
import type { OwnerSummary, ResolvedTeam } from './owners';
import type { RecentAssignment } from './recent-assignments';

/**
 * A decision as a row of "decisions made in this run" (DECISIONS 23): the next decision of a bulk run counts it
 * although search does not show it yet. Null when the decision assigns nobody new.
 */
export function toRunAssignment(decision: RoutingDecision): RecentAssignment | null {
  if (decision.owner === null || decision.alreadyAssigned || !decision.changes) return null;
  return { recordId: decision.recordId, ownerId: decision.owner.id, routedAt: decision.decidedAt };
}

export interface OwnerCount {
  readonly owner: OwnerSummary;
  readonly count: number;
  /** Of the team's assignments, 0..1. */
  readonly share: number;
}

export interface TeamDistribution {
  /** null: assignments outside a team (fallback owner, account match to an owner without a team). */
  readonly team: ResolvedTeam | null;
  readonly total: number;
  /** Owner-id order. */
  readonly owners: readonly OwnerCount[];
  /** Largest distance of an owner's count from the team's mean, in percent of the mean (0 for one owner). */
  readonly maxDeviationPct: number;
}

export interface DistributionSummary {
  readonly total: number;
  /** Decisions that would write a new owner (or a new tier/rule). */
  readonly assigned: number;
  readonly alreadyAssigned: number;
  /** An owner was chosen but the record already says exactly that. */
  readonly unchanged: number;
  /** No owner could be chosen. */
  readonly unassigned: number;
  readonly teams: readonly TeamDistribution[];
  readonly tiers: readonly { readonly tier: string; readonly count: number }[];
  readonly policies: readonly { readonly policy: DecisionPolicy; readonly count: number }[];
  readonly fallbacks: readonly { readonly code: FallbackCode; readonly count: number }[];
  /** Skip events by reason, and how many distinct owners they concern. */
  readonly skips: readonly { readonly reason: SkipReason; readonly events: number; readonly owners: number }[];
}

const tally = <K extends string>(keys: readonly K[]): { key: K; count: number }[] => {
  const m = new Map<K, number>();
  keys.forEach((k) => m.set(k, (m.get(k) ?? 0) + 1));
  return [...m.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
};

/** For `lead-ops route --dry-run`: where a batch of decisions would send records, per team and owner. */
export function summarizeDistribution(decisions: readonly RoutingDecision[]): DistributionSummary {
  const routed = decisions.filter((d) => !d.alreadyAssigned && d.owner !== null);
  const teams = new Map<string, { team: ResolvedTeam | null; owners: Map<string, { owner: OwnerSummary; count: number }> }>();
  for (const d of routed) {
    if (!d.owner) continue;
    const key = d.team?.id ?? '';
    const entry = teams.get(key) ?? { team: d.team, owners: new Map() };
    const o = entry.owners.get(d.owner.id) ?? { owner: d.owner, count: 0 };
    o.count++;
    entry.owners.set(d.owner.id, o);
    teams.set(key, entry);
  }
  const teamRows: TeamDistribution[] = [...teams.values()]
    .map(({ team, owners }) => {
      const rows = [...owners.values()].sort((a, b) => compareIds(a.owner.id, b.owner.id));
      const total = rows.reduce((s, r) => s + r.count, 0);
      const mean = total / rows.length;
      const maxDeviationPct = rows.length < 2 ? 0 : Math.max(...rows.map((r) => (Math.abs(r.count - mean) / mean) * 100));
      return { team, total, owners: rows.map((r) => ({ owner: r.owner, count: r.count, share: r.count / total })), maxDeviationPct };
    })
    .sort((a, b) => (a.team === null ? 1 : b.team === null ? -1 : a.team.name < b.team.name ? -1 : a.team.name > b.team.name ? 1 : 0));
  const skipEvents = decisions.flatMap((d) => d.skipped);
  const skipReasons = tally(skipEvents.map((s) => s.reason));
  return {
    total: decisions.length,
    assigned: routed.filter((d) => d.changes).length,
    alreadyAssigned: decisions.filter((d) => d.alreadyAssigned).length,
    unchanged: routed.filter((d) => !d.changes).length,
    unassigned: decisions.filter((d) => !d.alreadyAssigned && d.owner === null).length,
    teams: teamRows,
    tiers: tally(decisions.map((d) => d.tier?.label ?? 'fallback')).map(({ key, count }) => ({ tier: key, count })),
    policies: tally(decisions.map((d) => d.policy)).map(({ key, count }) => ({ policy: key, count })),
    fallbacks: tally(decisions.flatMap((d) => (d.fallback ? [d.fallback.code] : []))).map(({ key, count }) => ({ code: key, count })),
    skips: skipReasons.map(({ key, count }) => ({
      reason: key,
      events: count,
      owners: new Set(skipEvents.filter((s) => s.reason === key).map((s) => s.owner.id)).size,
    })),
  };
}

/** The summary as plain text lines for the terminal. */
export function formatDistribution(summary: DistributionSummary): string[] {
  const lines = [
    `${summary.total} records: ${summary.assigned} would be assigned, ${summary.alreadyAssigned} already have an owner, ` +
      `${summary.unchanged} unchanged, ${summary.unassigned} without an eligible owner`,
  ];
  for (const t of summary.teams) {
    lines.push(`${t.team ? `team ${t.team.name}` : 'no team (fallback or account owner)'}: ${t.total} (max deviation ${t.maxDeviationPct.toFixed(1)}%)`);
    for (const o of t.owners) lines.push(`  ${o.owner.name} <${o.owner.email ?? o.owner.id}>: ${o.count} (${(o.share * 100).toFixed(1)}%)`);
  }
  if (summary.tiers.length) lines.push(`tiers: ${summary.tiers.map((t) => `${t.tier} ${t.count}`).join(', ')}`);
  if (summary.policies.length) lines.push(`policies: ${summary.policies.map((p) => `${p.policy} ${p.count}`).join(', ')}`);
  if (summary.fallbacks.length) lines.push(`fallbacks: ${summary.fallbacks.map((f) => `${f.code} ${f.count}`).join(', ')}`);
  if (summary.skips.length) lines.push(`skips: ${summary.skips.map((s) => `${s.reason} ${s.events} (${s.owners} owner${s.owners === 1 ? '' : 's'})`).join(', ')}`);
  return lines;
}
