/**
 * Wire contract between the app functions and the cards.
 *
 * This file imports nothing: cards import it as values and types, functions only with `import type`.
 * Every function answers an envelope: `{ ok: true, ...payload }` or `{ ok: false, error }`; it never throws.
 * Times are ISO-8601 strings (UTC); ids are strings, as HubSpot sends them.
 */

// ---------------------------------------------------------------------------------------------------------------
// Envelope and errors
// ---------------------------------------------------------------------------------------------------------------

/** Error codes on the wire. Grow this list; never rename a code (cards and logs match on them). */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'AUTH_REJECTED',
  'MISSING_SCOPES',
  'RATE_LIMITED',
  'DAILY_LIMIT',
  'HUBSPOT_UNAVAILABLE',
  'MIGRATION_IN_PROGRESS',
  'TIMEOUT',
  'CONFLICT',
  'CONFIG',
  'INTERNAL',
  /** The portal's own property rules refused a write (an admin's validation rule); the message names the rule. */
  'VALIDATION_REFUSED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  readonly code: ErrorCode;
  /** A sentence a rep or admin can act on. Never contains a token or a stack trace. */
  readonly message: string;
  /** True when the same call may succeed later without any change (429, 5xx, 477, timeouts). */
  readonly retryable: boolean;
  /** Seconds HubSpot asked us to wait, when it said so (477 `Retry-After`, 10-second window). */
  readonly retryAfterSeconds?: number;
  /** Scopes the app lacks, for MISSING_SCOPES. */
  readonly requiredScopes?: readonly string[];
  /** HubSpot's correlation id of the failing call, for support tickets. */
  readonly correlationId?: string;
  /** Validation problems of the input, for INVALID_INPUT: `path: message`. */
  readonly issues?: readonly string[];
}

export interface Failure {
  readonly ok: false;
  readonly error: WireError;
}

export type Envelope<P extends object> = ({ readonly ok: true } & P) | Failure;

export type ObjectTypeName = 'contacts' | 'companies';

// ---------------------------------------------------------------------------------------------------------------
// score_lead
// ---------------------------------------------------------------------------------------------------------------

export const SCORE_LEAD = 'score_lead' as const;

export interface ScoreLeadParams {
  readonly objectType: 'contacts';
  readonly objectId: string;
  /** Write the score back when it changed. Defaults to false: rendering never writes. */
  readonly write?: boolean;
}

export type Dimension = 'fit' | 'engagement';

export interface ReasonView {
  readonly ruleId: string;
  readonly dimension: Dimension;
  /** The rule in the admin's words, e.g. "Company has 200–999 employees" (additive). */
  readonly label?: string;
  /** The rule's group, e.g. "Company size" (additive). */
  readonly group?: string;
  /** Points this rule contributes after decay and caps (may be negative). */
  readonly points: number;
  /** Points the rule is worth before decay and caps. */
  readonly fullPoints: number;
  readonly outcome: 'matched' | 'not_matched' | 'unknown';
  /** One line a rep understands, e.g. "Company size 320 ≥ 200 employees: +15". */
  readonly reason: string;
  /** Properties the rule needed but the record does not have. */
  readonly missing: readonly string[];
  /**
   * Present when the rule matched and decays: the age of the event in whole days, the points decay took (negative
   * for a fading penalty) and the decay in words, e.g. "half-life 30 d" (`note` is additive).
   */
  readonly decay?: { readonly ageDays: number; readonly pointsLost: number; readonly note?: string };
  /** Present when a group cap (or floor) cut the points, e.g. `Web activity (cap 20)`; the total cap is in `notes`. */
  readonly cappedBy?: string;
}

export interface DimensionView {
  readonly score: number;
  /** A, B, C for fit; 1, 2, 3 for engagement. */
  readonly grade: string;
}

export interface ScoreSnapshot {
  /** `unscorable`: the record carries the unscorable label and no numbers or band. */
  readonly status: 'scored' | 'unscorable';
  /** Whole points; null when the record carries none (unscorable). */
  readonly total: number | null;
  readonly fit: number | null;
  readonly engagement: number | null;
  /** Null when the record carries none (unscorable). */
  readonly band: string | null;
  /** '' when the record carries none. */
  readonly label: string;
  /** '' when the record carries none. */
  readonly modelVersion: string;
  readonly scoredAt: string | null;
}

export interface ScoreView {
  readonly objectId: string;
  readonly modelVersion: string;
  /**
   * `unscorable` when the model's `scorable.requires` does not hold (e.g. no company size, industry or job title):
   * then `band` and the grades are '', `label` is the model's unscorable label, `unscorableReason` says why, and the
   * numbers are what the known rules add up to (for information only; nothing is written as a number).
   */
  readonly status: 'scored' | 'unscorable';
  readonly total: number;
  readonly fit: DimensionView;
  readonly engagement: DimensionView;
  /** Fit grade × engagement grade, e.g. "A1". */
  readonly band: string;
  /** Single label for lists and workflows, e.g. "Hot". */
  readonly label: string;
  readonly reasons: readonly ReasonView[];
  /** Properties no rule could read, across the model. */
  readonly missing: readonly string[];
  /** How much lower the total is because of decay (score without decay − score); negative when decay raised it. */
  readonly decayedPoints: number;
  /** Up to three rules that added the most points, most first (additive). */
  readonly topPositive?: readonly ReasonView[];
  /** Up to three rules that took the most points, most first (additive). */
  readonly topNegative?: readonly ReasonView[];
  /** "Decay lowered the score by 6 points (…)" when decay lowered it; null otherwise (additive). */
  readonly decayNote?: string | null;
  /** Lines about the whole score rather than one rule: the total cap, why it is not scored (additive). */
  readonly notes?: readonly string[];
  /** "Not scored: …" for unscorable contacts, else null (additive). */
  readonly unscorableReason?: string | null;
  /** What the record carries now (null when never scored). */
  readonly stored: ScoreSnapshot | null;
  /** Stored totals over time, oldest first, from HubSpot's property history. */
  readonly trend: readonly { readonly at: string; readonly total: number }[];
  /** True when the computed score differs from the stored one (whole points, band, label, model version). */
  readonly changed: boolean;
  /** True when this call wrote the score. */
  readonly written: boolean;
  readonly computedAt: string;
}

export type ScoreLeadResult = Envelope<{ readonly score: ScoreView }>;

// ---------------------------------------------------------------------------------------------------------------
// assign_owner
// ---------------------------------------------------------------------------------------------------------------

export const ASSIGN_OWNER = 'assign_owner' as const;

export interface AssignOwnerParams {
  readonly objectType: ObjectTypeName;
  readonly objectId: string;
  /** Decide without writing. Cards render with dryRun: true: rendering never writes. */
  readonly dryRun?: boolean;
  /** Reassign a record that already has an owner; needs `reason`. */
  readonly force?: boolean;
  readonly reason?: string;
}

export interface OwnerView {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
}

export interface SkippedOwnerView {
  readonly owner: OwnerView;
  readonly reason: 'archived' | 'unavailable' | 'capped' | 'not_in_team';
  readonly detail: string;
}

export interface RoutingHistoryEntry {
  readonly at: string;
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly tier: string | null;
  readonly rule: string | null;
  readonly source: 'lead_ops' | 'other';
}

export interface RoutingDecisionView {
  readonly objectType: ObjectTypeName;
  readonly objectId: string;
  /** Tier id and label, e.g. { id: "mid_market", label: "Mid-Market" }; null when a fallback decided. */
  readonly tier: { readonly id: string; readonly label: string } | null;
  /** Why the normal tiers did not decide, e.g. "company size missing". */
  readonly fallback: string | null;
  readonly employees: {
    readonly value: number | null;
    readonly raw: string | null;
    readonly source: 'company' | 'contact' | 'record' | 'none';
    readonly property: string | null;
  };
  readonly team: { readonly id: string; readonly name: string } | null;
  readonly owner: OwnerView | null;
  readonly policy: 'balanced' | 'weighted' | 'rotation' | 'account_match' | 'fallback_owner' | 'keep_existing';
  /** The rule that matched, in words: "numberofemployees = 320 → Mid-Market". */
  readonly rule: string;
  /** Every step of the decision, in order. */
  readonly explanation: readonly string[];
  readonly skipped: readonly SkippedOwnerView[];
  /** True when this call wrote the owner. */
  readonly applied: boolean;
  /** The owner the record had before this call. */
  readonly currentOwner: OwnerView | null;
  /** The HubSpot team of the current owner, when the owners call shows one (additive; cards show "no team" when absent). */
  readonly currentTeam?: { readonly id: string; readonly name: string } | null;
  /** Set when the record already has an owner and `force` was not given. */
  readonly alreadyAssigned: boolean;
  readonly routedAt: string | null;
  readonly routingKey: string | null;
  readonly history: readonly RoutingHistoryEntry[];
  /**
   * How the call ended (additive). ASSIGNED: this call wrote `owner`. UNCHANGED: the record already carried the
   * decision. OWNER_SET_MEANWHILE: someone else set the owner during the call; `owner` is theirs and nothing of ours
   * was written. ALREADY_ASSIGNED, WOULD_ASSIGN (dry run), NO_OWNER.
   */
  readonly outcome?: RoutingOutcome;
}

export type RoutingOutcome = 'ASSIGNED' | 'UNCHANGED' | 'ALREADY_ASSIGNED' | 'WOULD_ASSIGN' | 'NO_OWNER' | 'OWNER_SET_MEANWHILE';

export type AssignOwnerResult = Envelope<{ readonly decision: RoutingDecisionView }>;

// ---------------------------------------------------------------------------------------------------------------
// record_status and request_sync
// ---------------------------------------------------------------------------------------------------------------

export const RECORD_STATUS = 'record_status' as const;
export const REQUEST_SYNC = 'request_sync' as const;

export interface RecordStatusParams {
  readonly objectType: ObjectTypeName;
  readonly objectId: string;
}

export type SlaState = 'ok' | 'at_risk' | 'breached' | 'met' | 'missed' | 'none';

export interface TicketView {
  readonly id: string;
  readonly subject: string;
  readonly pipeline: string;
  readonly stage: string;
  readonly isClosed: boolean;
  readonly priority: string | null;
  readonly owner: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly ageHours: number;
  readonly sla: { readonly state: SlaState; readonly thresholdHours: number | null; readonly detail: string };
  /** `company` when the ticket is on the contact's primary company rather than on the record itself. */
  readonly via: 'record' | 'company';
  readonly externalId: string | null;
  readonly externalUrl: string | null;
}

export interface TicketSummaryView {
  readonly counts: { readonly open: number; readonly breached: number; readonly closedLast30Days: number };
  /** Newest first, at most the configured cap. */
  readonly items: readonly TicketView[];
  /** Tickets that matched but are not in `items`. */
  readonly more: number;
  /** True when the counts were computed from a capped page, not every matching ticket. */
  readonly countsArePartial: boolean;
  /** How many tickets the counts were computed from (the capped page), for "counts cover the newest N" (additive). */
  readonly countedTickets?: number;
  readonly total: number;
}

export type SyncState = 'in_sync' | 'pending' | 'out_of_date' | 'failed' | 'excluded' | 'never_synced';

export interface DestinationStatusView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly state: SyncState;
  /** One sentence for the rep: "Mailchimp rejected the address: it looks fake or invalid". */
  readonly summary: string;
  readonly lastSyncedAt: string | null;
  readonly error: { readonly plain: string; readonly raw: string } | null;
  readonly excludedReason: string | null;
  readonly resyncRequestedAt: string | null;
  readonly link: string | null;
}

export interface RecordStatusView {
  readonly objectType: ObjectTypeName;
  readonly objectId: string;
  /** null when the tickets could not be loaded; see `problems`. */
  readonly tickets: TicketSummaryView | null;
  /** null when the sync state could not be loaded; see `problems`. */
  readonly sync: readonly DestinationStatusView[] | null;
  /** What failed to load, for the partial state: "tickets" or "sync" with the error. */
  readonly problems: readonly { readonly part: 'tickets' | 'sync'; readonly error: WireError }[];
  /** Search results can lag a few seconds behind a change; the card says so. */
  readonly searchLagNote: string;
  readonly generatedAt: string;
}

export type RecordStatusResult = Envelope<{ readonly status: RecordStatusView }>;

export interface RequestSyncParams {
  readonly objectType: ObjectTypeName;
  readonly objectId: string;
  readonly destination: string;
}

export interface SyncRequestView {
  readonly destination: string;
  readonly requestedAt: string;
  /** False when nothing was written on the record (a request already pending, or the record already said it all). */
  readonly written: boolean;
  /**
   * What the click did (additive). `requested`: another tool syncs this destination; the request is marked for it.
   * The others: the project synced the record itself and this is the outcome (`pending`: the destination was slow or
   * limiting; the next sweep finishes it).
   */
  readonly outcome?: SyncRequestOutcome;
  /** One sentence about the outcome for the rep (additive). */
  readonly message?: string;
  /** True when the problem concerns every record of the destination, e.g. a rejected credential (additive). */
  readonly destinationProblem?: boolean;
  /** The destination's row as it reads now, for the card to show on the same click (additive). */
  readonly status?: DestinationStatusView;
}

export type SyncRequestOutcome = 'requested' | 'in_sync' | 'excluded' | 'failed' | 'pending';

export type RequestSyncResult = Envelope<{ readonly sync: SyncRequestView }>;

// ---------------------------------------------------------------------------------------------------------------
// propertiesToSend: what each card hands its function (read by HubSpot, free for the function)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Lead Score (contacts): the primary company id, so `score_lead` can read the company without an association call.
 * The contact's own score properties are not sent: the function needs their history, which only the API gives.
 */
export const LEAD_SCORE_PROPERTIES = ['associatedcompanyid'] as const;

/**
 * Routing properties the app writes on contacts and companies (tier, rule, time, key, note id), mirrored from
 * `src/core/routing/properties.ts`; a test fails when a name here is declared nowhere.
 */
export const ROUTING_RECORD_PROPERTIES = [
  'lead_ops_routing_tier',
  'lead_ops_routing_rule',
  'lead_ops_routed_at',
  'lead_ops_routing_key',
  'lead_ops_routing_note_id',
] as const;

/** Owner Routing on a contact: owner, primary company, the contact's own size range, and the routing properties. */
export const OWNER_ROUTING_CONTACT_PROPERTIES = [
  'hubspot_owner_id',
  'associatedcompanyid',
  'numemployees',
  ...ROUTING_RECORD_PROPERTIES,
] as const;

/** Owner Routing on a company: owner, company size, and the routing properties. */
export const OWNER_ROUTING_COMPANY_PROPERTIES = ['hubspot_owner_id', 'numberofemployees', ...ROUTING_RECORD_PROPERTIES] as const;

/** The Owner Routing card's `propertiesToSend` per object type. */
export const OWNER_ROUTING_PROPERTIES = {
  contacts: OWNER_ROUTING_CONTACT_PROPERTIES,
  companies: OWNER_ROUTING_COMPANY_PROPERTIES,
} as const satisfies Record<ObjectTypeName, readonly string[]>;

/** Support & Sync on a contact: the primary company id, whose tickets the card shows too. Companies send nothing. */
export const SUPPORT_SYNC_PROPERTIES = ['associatedcompanyid'] as const;
