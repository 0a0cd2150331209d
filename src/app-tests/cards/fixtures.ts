/**
 * Realistic view models as the functions answer them, and the wire error for each code. Factories take
 * overrides so a test states only what it is about (STYLE habit 12).
 */
import type {
  DestinationStatusView,
  ErrorCode,
  Failure,
  OwnerView,
  ReasonView,
  RecordStatusView,
  RoutingDecisionView,
  RoutingHistoryEntry,
  ScoreView,
  SkippedOwnerView,
  SyncRequestView,
  TicketSummaryView,
  TicketView,
  WireError,
} from '../../app/cards/shared/contracts';

export const NOW = '2026-11-25T10:00:00.000Z';
export const minutesBefore = (m: number, from = NOW): string => new Date(Date.parse(from) - m * 60_000).toISOString();

// ---------------------------------------------------------------------------------------------------------------
// score_lead
// ---------------------------------------------------------------------------------------------------------------

export function makeReason(overrides: Partial<ReasonView> = {}): ReasonView {
  return {
    ruleId: 'fit.company_size.mid',
    dimension: 'fit',
    points: 15,
    fullPoints: 15,
    outcome: 'matched',
    reason: 'Company size 320 is between 200 and 999 employees: +15',
    missing: [],
    ...overrides,
  };
}

/** A scored contact: 72 = fit 45 (A) + engagement 27 (2), band A2, label Warm, saved 30 minutes before NOW. */
export function makeScoreView(overrides: Partial<ScoreView> = {}): ScoreView {
  return {
    objectId: '101',
    modelVersion: 'b2b-default@2026-11-01',
    status: 'scored',
    total: 72,
    fit: { score: 45, grade: 'A' },
    engagement: { score: 27, grade: '2' },
    band: 'A2',
    label: 'Warm',
    reasons: [
      makeReason(),
      makeReason({ ruleId: 'fit.title.vp', points: 20, fullPoints: 20, reason: 'Job title contains "VP": +20' }),
      makeReason({ ruleId: 'fit.country', points: 10, fullPoints: 10, reason: 'Country is Germany: +10' }),
      makeReason({ ruleId: 'fit.industry.excluded', points: 0, fullPoints: -10, outcome: 'not_matched', reason: 'Industry is not Education: 0' }),
      makeReason({
        ruleId: 'eng.page_views',
        dimension: 'engagement',
        points: 12,
        fullPoints: 20,
        reason: '14 page views: +12 (decayed from +20)',
        decay: { ageDays: 21, pointsLost: 8 },
      }),
      makeReason({ ruleId: 'eng.email_clicks', dimension: 'engagement', points: 20, fullPoints: 20, reason: 'Clicked 3 emails in 30 days: +20' }),
      makeReason({ ruleId: 'eng.unsubscribed', dimension: 'engagement', points: -5, fullPoints: -5, reason: 'Unsubscribed from newsletters: −5' }),
      makeReason({ ruleId: 'fit.free_email', points: -10, fullPoints: -10, reason: 'Email uses a free provider (gmail.com): −10' }),
    ],
    missing: [],
    decayedPoints: 8,
    stored: {
      status: 'scored',
      total: 72,
      fit: 45,
      engagement: 27,
      band: 'A2',
      label: 'Warm',
      modelVersion: 'b2b-default@2026-11-01',
      scoredAt: minutesBefore(30),
    },
    trend: [
      { at: '2026-10-01T09:00:00.000Z', total: 40 },
      { at: '2026-11-01T09:00:00.000Z', total: 61 },
      { at: minutesBefore(30), total: 72 },
    ],
    changed: false,
    written: false,
    computedAt: NOW,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// assign_owner
// ---------------------------------------------------------------------------------------------------------------

export function makeOwner(overrides: Partial<OwnerView> = {}): OwnerView {
  return { id: '7001', name: 'Maya Patel', email: 'maya.patel@example.com', ...overrides };
}

export function makeSkipped(overrides: Partial<SkippedOwnerView> = {}): SkippedOwnerView {
  return {
    owner: makeOwner({ id: '7002', name: 'Tom Becker', email: 'tom.becker@example.com' }),
    reason: 'unavailable',
    detail: 'member of team "Lead Ops – Away"',
    ...overrides,
  };
}

export function makeHistoryEntry(overrides: Partial<RoutingHistoryEntry> = {}): RoutingHistoryEntry {
  return {
    at: '2026-11-20T14:05:00.000Z',
    ownerId: '7001',
    ownerName: 'Maya Patel',
    tier: 'Mid-Market',
    rule: 'numberofemployees = 320 → Mid-Market',
    source: 'lead_ops',
    ...overrides,
  };
}

/** A dry run for an unowned contact whose company has 320 employees: Mid-Market, Maya Patel would get it. */
export function makeDecision(overrides: Partial<RoutingDecisionView> = {}): RoutingDecisionView {
  return {
    objectType: 'contacts',
    objectId: '101',
    tier: { id: 'mid_market', label: 'Mid-Market' },
    fallback: null,
    employees: { value: 320, raw: '320', source: 'company', property: 'numberofemployees' },
    team: { id: '51', name: 'Mid-Market' },
    owner: makeOwner(),
    policy: 'balanced',
    rule: 'numberofemployees = 320 → Mid-Market',
    explanation: [
      'The primary company has numberofemployees = 320.',
      '320 is between 50 and 500: tier Mid-Market, team Mid-Market.',
      'Balanced policy: Maya Patel has the fewest assignments in 7 days (4).',
    ],
    skipped: [],
    applied: false,
    currentOwner: null,
    currentTeam: null,
    alreadyAssigned: false,
    routedAt: null,
    routingKey: null,
    history: [],
    ...overrides,
  };
}

/** A record that Lead Ops already routed to Maya Patel. */
export function makeAssignedDecision(overrides: Partial<RoutingDecisionView> = {}): RoutingDecisionView {
  return makeDecision({
    policy: 'keep_existing',
    currentOwner: makeOwner(),
    currentTeam: { id: '51', name: 'Mid-Market' },
    alreadyAssigned: true,
    routedAt: '2026-11-20T14:05:00.000Z',
    routingKey: '101:ab12cd',
    history: [
      makeHistoryEntry({ at: '2026-10-02T08:00:00.000Z', ownerId: '7009', ownerName: 'Sam Ortiz', tier: 'Small Business', rule: 'numberofemployees = 40 → Small Business' }),
      makeHistoryEntry(),
    ],
    ...overrides,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// record_status and request_sync
// ---------------------------------------------------------------------------------------------------------------

export function makeTicket(overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: '9001',
    subject: 'Cannot export invoices to CSV',
    pipeline: 'Support Pipeline',
    stage: 'Waiting on us',
    isClosed: false,
    priority: 'HIGH',
    owner: 'Maya Patel',
    createdAt: minutesBefore(6 * 60),
    updatedAt: minutesBefore(60),
    ageHours: 6,
    sla: { state: 'breached', thresholdHours: 4, detail: 'High priority open for more than 4 h' },
    via: 'record',
    externalId: 'ZD-4411',
    externalUrl: 'https://acme.zendesk.com/agent/tickets/4411',
    ...overrides,
  };
}

export function makeTicketSummary(overrides: Partial<TicketSummaryView> = {}): TicketSummaryView {
  return {
    counts: { open: 2, breached: 1, closedLast30Days: 3 },
    items: [
      makeTicket(),
      makeTicket({
        id: '9002',
        subject: 'SSO login loops back to sign-in page',
        stage: 'New',
        priority: 'MEDIUM',
        ageHours: 30,
        sla: { state: 'at_risk', thresholdHours: 48, detail: 'Medium priority: 18 h left' },
        via: 'company',
        externalId: null,
        externalUrl: null,
      }),
      makeTicket({
        id: '9003',
        subject: 'Question about annual billing',
        stage: 'Closed',
        isClosed: true,
        priority: 'LOW',
        ageHours: 24 * 9,
        sla: { state: 'met', thresholdHours: 72, detail: 'Closed within 72 h' },
        externalId: null,
        externalUrl: null,
      }),
    ],
    more: 0,
    countsArePartial: false,
    total: 3,
    ...overrides,
  };
}

export function makeDestination(overrides: Partial<DestinationStatusView> = {}): DestinationStatusView {
  return {
    id: 'mailchimp',
    name: 'Mailchimp',
    kind: 'email platform',
    state: 'in_sync',
    summary: 'In sync with the Newsletter audience.',
    lastSyncedAt: minutesBefore(45),
    error: null,
    excludedReason: null,
    resyncRequestedAt: null,
    link: 'https://us21.admin.mailchimp.com/lists/members/view?id=552',
    ...overrides,
  };
}

/** A failed destination: the help desk rejected the record. */
export function makeFailedDestination(overrides: Partial<DestinationStatusView> = {}): DestinationStatusView {
  return makeDestination({
    id: 'zendesk',
    name: 'Zendesk',
    kind: 'help desk',
    state: 'failed',
    summary: 'The last sync failed.',
    lastSyncedAt: minutesBefore(3 * 24 * 60),
    error: {
      plain: 'Zendesk rejected the email address: it looks invalid.',
      raw: '422 Unprocessable Entity: {"error":"RecordInvalid","details":{"email":[{"description":"Email is invalid"}]}}',
    },
    link: null,
    ...overrides,
  });
}

export function makeRecordStatus(overrides: Partial<RecordStatusView> = {}): RecordStatusView {
  return {
    objectType: 'contacts',
    objectId: '101',
    tickets: makeTicketSummary(),
    sync: [
      makeDestination(),
      makeFailedDestination(),
      makeDestination({
        id: 'sheet',
        name: 'Renewals sheet',
        kind: 'google sheet',
        state: 'excluded',
        summary: 'Not synced: excluded by rule.',
        lastSyncedAt: null,
        excludedReason: 'lifecycle stage is subscriber',
        link: null,
      }),
    ],
    problems: [],
    searchLagNote: 'Tickets changed in the last few seconds may not be listed yet (HubSpot search lags slightly).',
    generatedAt: NOW,
    ...overrides,
  };
}

export function makeSyncRequest(overrides: Partial<SyncRequestView> = {}): SyncRequestView {
  return { destination: 'zendesk', requestedAt: NOW, written: true, ...overrides };
}

// ---------------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------------

const ERROR_DEFAULTS: Record<ErrorCode, WireError> = {
  INVALID_INPUT: { code: 'INVALID_INPUT', message: 'objectId must be a string of digits.', retryable: false, issues: ['objectId: expected digits'] },
  NOT_FOUND: { code: 'NOT_FOUND', message: 'Contact 101 does not exist.', retryable: false },
  AUTH_REJECTED: { code: 'AUTH_REJECTED', message: 'HubSpot answered 401: the access token is invalid or expired.', retryable: false },
  MISSING_SCOPES: {
    code: 'MISSING_SCOPES',
    message: 'HubSpot answered 403: the app is missing scopes.',
    retryable: false,
    requiredScopes: ['crm.objects.contacts.write'],
  },
  RATE_LIMITED: { code: 'RATE_LIMITED', message: 'HubSpot answered 429 (TEN_SECONDLY_ROLLING).', retryable: true, retryAfterSeconds: 10 },
  DAILY_LIMIT: { code: 'DAILY_LIMIT', message: 'HubSpot answered 429 (DAILY).', retryable: false },
  HUBSPOT_UNAVAILABLE: { code: 'HUBSPOT_UNAVAILABLE', message: 'HubSpot answered 503.', retryable: true, retryAfterSeconds: 5 },
  MIGRATION_IN_PROGRESS: { code: 'MIGRATION_IN_PROGRESS', message: 'HubSpot answered 477.', retryable: true, retryAfterSeconds: 90 },
  TIMEOUT: { code: 'TIMEOUT', message: 'HubSpot did not answer within 4 s.', retryable: true },
  CONFLICT: { code: 'CONFLICT', message: 'The record changed during the update.', retryable: true },
  CONFIG: { code: 'CONFIG', message: 'routing.tiers[1].team: no HubSpot team named "Mid Market" (did you mean "Mid-Market"?).', retryable: false },
  INTERNAL: { code: 'INTERNAL', message: 'Unexpected error.', retryable: false, correlationId: 'c0ffee00-1234-4abc-9def-0123456789ab' },
  VALIDATION_REFUSED: {
    code: 'VALIDATION_REFUSED',
    message: `HubSpot refused the update: the portal's rule on Job Title requires at most 20 characters (value "Vice President of Revenue Operations").`,
    retryable: false,
  },
};

export function makeError(code: ErrorCode, overrides: Partial<WireError> = {}): WireError {
  return { ...ERROR_DEFAULTS[code], ...overrides };
}

export function failure(code: ErrorCode, overrides: Partial<WireError> = {}): Failure {
  return { ok: false, error: makeError(code, overrides) };
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile strings (issue 8): what a record may hold
// ---------------------------------------------------------------------------------------------------------------

export const HOSTILE = {
  html: '<b>bold</b><img src=x onerror=alert(1)>',
  script: '<script>alert("pwned")</script>',
  huge: 'A'.repeat(64 * 1024),
  emoji: '🔥🚀 Café – 東京 👩‍💻',
  rtl: 'مرحبا بالعالم שלום',
  rtlOverride: 'invoice\u202Egnp.exe',
  javascriptUrl: 'javascript:alert(document.cookie)',
} as const;
