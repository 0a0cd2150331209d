import type { Properties } from '../criteria/evaluate';
import type { SizeSource } from './company-size';
import type { RoutingPolicy } from './config-schema';
import type { OwnerSummary, ResolvedTeam, RoutingOwner } from './owners';
import type { LoadCounter, RecentAssignmentsInput } from './recent-assignments';

export type RoutedObjectType = 'contacts' | 'companies';

/** Everything `decideRoute` needs; the caller gathers it with one owners call, one search and the company read. */
export interface RouteInput {
  readonly objectType: RoutedObjectType;
  readonly recordId: string;
  /** The record's properties: size, `hubspot_owner_id`, the routing properties, and whatever tier criteria read. */
  readonly record: Properties;
  /** The primary company's properties (contacts); null when there is none. Ignored for companies. */
  readonly company: Properties | null;
  /** The owners as the owners API returns them (active ones; archived ones too if the caller has them). */
  readonly owners: readonly RoutingOwner[];
  /**
   * The team's recent assignments (see `planRoute` for the search) plus this run's decisions. Omit when
   * `planRoute` asked for no search; when a team must be balanced without it, counts are taken as zero and the
   * decision says so. A bulk run passes one `LoadCounter` per team instead, adding each decision to it, so no
   * decision re-reads the page or the run so far (the decisions are the same).
   */
  readonly recent?: RecentAssignmentsInput | LoadCounter;
  /** Epoch milliseconds. */
  readonly now: number;
  /** Reassign a record that already has an owner. Needs `reason`. */
  readonly force?: boolean;
  readonly reason?: string | null;
}

export type RouteErrorCode = 'REASON_REQUIRED' | 'INVALID_INPUT';

export interface RouteError {
  readonly code: RouteErrorCode;
  readonly message: string;
}

export type FallbackCode =
  | 'size_missing'
  | 'size_malformed'
  | 'range_across_tiers'
  | 'no_tier'
  | 'team_not_found'
  | 'no_eligible_owner'
  | 'all_capped';

export type DecisionPolicy = RoutingPolicy | 'account_match' | 'fallback_owner' | 'keep_existing';

export type SkipReason = 'archived' | 'unavailable' | 'capped' | 'not_in_team';

export interface SkippedOwner {
  readonly owner: OwnerSummary;
  readonly reason: SkipReason;
  readonly detail: string;
}

export interface EmployeesReading {
  /** The count the tier was chosen by (a range's bound when read by one); null when missing or malformed. */
  readonly value: number | null;
  /** The stored value, trimmed (capped at 200 characters). */
  readonly raw: string | null;
  readonly source: SizeSource;
  readonly property: string | null;
  /** Present when the value was a range ("25-50" → 25..50; "1000+" → 1000..null). */
  readonly range: { readonly min: number; readonly max: number | null } | null;
  /** How the tier was read: a count, a range inside one tier, or a range across tiers by one of its bounds. */
  readonly readAs: 'count' | 'range_inside' | 'lower_bound' | 'upper_bound' | null;
}

/** How the owner was picked inside the team, for the explanation and the dry-run report. */
export interface ChoiceDetail {
  /** The record's point in [0, 1) (stable hash of the record id). */
  readonly point: number;
  /** Recent load per team member considered, in owner-id order. */
  readonly loads: readonly { readonly ownerId: string; readonly load: number; readonly today: number; readonly weight: number }[];
  /** Shares of the owners the record could go to (balanced/weighted). */
  readonly shares: readonly { readonly ownerId: string; readonly share: number }[];
  /** Rotation: the owner of the most recent assignment. */
  readonly after: string | null;
  /** True when the counts were cut at the search page and cover only the newest assignments. */
  readonly partialCounts: boolean;
}

/**
 * One routing decision. Pure data: `decideRoute` never writes. `routingKey` is null when applying it would change
 * nothing (already assigned, no owner, or the same owner, tier and rule as stored).
 */
export interface RoutingDecision {
  readonly objectType: RoutedObjectType;
  readonly recordId: string;
  /** ISO time of `now`. */
  readonly decidedAt: string;
  readonly tier: { readonly id: string; readonly label: string } | null;
  /** Why the normal path did not decide, e.g. "company size missing". */
  readonly fallback: { readonly code: FallbackCode; readonly reason: string } | null;
  readonly employees: EmployeesReading;
  readonly team: ResolvedTeam | null;
  readonly owner: OwnerSummary | null;
  readonly policy: DecisionPolicy;
  /** The rule in words: "numberofemployees = 320 → Mid-Market". */
  readonly rule: string;
  /** Every step, in order, in words a rep understands. */
  readonly explanation: readonly string[];
  readonly skipped: readonly SkippedOwner[];
  readonly choice: ChoiceDetail | null;
  /** The owner the record has now. */
  readonly currentOwner: OwnerSummary | null;
  /** The record has an owner and `force` was not given: nothing changes. */
  readonly alreadyAssigned: boolean;
  readonly force: boolean;
  readonly reason: string | null;
  /** Applying would change the owner, the tier or the rule (writes are changes only, DECISIONS 5). */
  readonly changes: boolean;
  /** The routing key the record carried before this decision ("none" if never routed): all calls of one episode agree. */
  readonly episode: string;
  /** Record id + hash of the decision; null when there is nothing to write. */
  readonly routingKey: string | null;
  /** Value for the routing tier property: the tier id, or "fallback". */
  readonly tierValue: string;
  /**
   * Every owner this record could validly go to now (active, available, in the team, under the cap), `owner`
   * included; empty when nobody could. A routing note left by an earlier attempt is honoured only for these owners.
   */
  readonly eligibleOwnerIds: readonly string[];
}
