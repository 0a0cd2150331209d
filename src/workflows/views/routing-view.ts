import type { RoutingDecisionView } from '../../app/cards/shared/contracts';
import type { RoutingDecision, RoutingHistoryItem, RoutingState } from '../../core/routing';

/**
 * The card's view of a decision. `applied` says whether this call wrote it; when it did not, the time and key
 * shown are the ones the record carries (`stored`).
 */
export function toDecisionView(
  decision: RoutingDecision,
  options: { readonly applied: boolean; readonly stored?: RoutingState | null; readonly history?: readonly RoutingHistoryItem[] },
): RoutingDecisionView {
  const stored = options.stored ?? null;
  return {
    objectType: decision.objectType,
    objectId: decision.recordId,
    tier: decision.tier,
    fallback: decision.fallback?.reason ?? null,
    employees: {
      value: decision.employees.value,
      raw: decision.employees.raw,
      source: decision.employees.source,
      property: decision.employees.property,
    },
    team: decision.team,
    owner: decision.owner,
    policy: decision.policy,
    rule: decision.rule,
    explanation: decision.explanation,
    skipped: decision.skipped.map((s) => ({ owner: s.owner, reason: s.reason, detail: s.detail })),
    applied: options.applied,
    currentOwner: decision.currentOwner,
    alreadyAssigned: decision.alreadyAssigned,
    routedAt: options.applied ? decision.decidedAt : (stored?.routedAt ?? null),
    routingKey: options.applied ? decision.routingKey : (stored?.routingKey ?? null),
    history: options.history ?? [],
  };
}
