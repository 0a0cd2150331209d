import type { SupportConfig, TicketPriority } from './config-schema';
import { HOUR_MS, formatDuration, formatHours } from './records';

/** Same literals as `SlaState` in the cards' contract. */
export type SlaState = 'ok' | 'at_risk' | 'breached' | 'met' | 'missed' | 'none';

export interface SlaResult {
  readonly state: SlaState;
  readonly thresholdHours: number | null;
  /** One line for the rep, e.g. "Open 5 h: over the 4 h HIGH target by 1 h." */
  readonly detail: string;
}

export interface SlaInput {
  /** `hs_ticket_priority` as stored (null when empty). */
  readonly priority: string | null;
  readonly isClosed: boolean;
  readonly createdAt: number;
  /** When it closed; for a closed ticket without a close date, the caller passes an estimate and says so. */
  readonly closedAt: number | null;
  readonly closedAtEstimated?: boolean;
}

/** The configured target for a priority (priorities are matched case-insensitively), or null. */
export function slaHoursFor(priority: string | null, support: Pick<SupportConfig, 'slaHours'>): number | null {
  if (priority === null) return null;
  const key = priority.trim().toUpperCase();
  const hours = (support.slaHours as Partial<Record<string, number>>)[key as TicketPriority];
  return typeof hours === 'number' ? hours : null;
}

/**
 * SLA state of one ticket against the time-to-close target of its priority:
 *   open:   elapsed > target → breached; elapsed ≥ atRiskFraction × target → at risk; otherwise ok
 *   closed: time to close ≤ target → met; otherwise missed
 *   no priority, or no target for it → none
 */
export function deriveSla(input: SlaInput, now: Date, support: Pick<SupportConfig, 'slaHours' | 'atRiskFraction'>): SlaResult {
  if (input.priority === null) return { state: 'none', thresholdHours: null, detail: 'No priority set, so no SLA target.' };
  const hours = slaHoursFor(input.priority, support);
  if (hours === null) return { state: 'none', thresholdHours: null, detail: `No SLA target for priority ${input.priority}.` };
  const target = hours * HOUR_MS;
  const label = `${formatHours(hours)} ${input.priority.trim().toUpperCase()} target`;

  if (input.isClosed) {
    const closedAt = input.closedAt ?? now.getTime();
    const took = Math.max(0, closedAt - input.createdAt);
    const estimate = input.closedAtEstimated ? ' (no close date; last change used)' : '';
    if (took <= target) {
      return { state: 'met', thresholdHours: hours, detail: `Closed in ${formatDuration(took)}, within the ${label}${estimate}.` };
    }
    return { state: 'missed', thresholdHours: hours, detail: `Closed in ${formatDuration(took)}: over the ${label} by ${formatDuration(took - target)}${estimate}.` };
  }

  const elapsed = Math.max(0, now.getTime() - input.createdAt);
  if (elapsed > target) {
    return { state: 'breached', thresholdHours: hours, detail: `Open ${formatDuration(elapsed)}: over the ${label} by ${formatDuration(elapsed - target)}.` };
  }
  const left = `${formatDuration(target - elapsed)} left`;
  if (elapsed >= support.atRiskFraction * target) {
    return { state: 'at_risk', thresholdHours: hours, detail: `Open ${formatDuration(elapsed)} of the ${label}; ${left}.` };
  }
  return { state: 'ok', thresholdHours: hours, detail: `Open ${formatDuration(elapsed)} of the ${label}; ${left}.` };
}
