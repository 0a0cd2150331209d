/**
 * Factories for the status tests: realistic, scrubbed HubSpot shapes (STYLE habit 12). Test-only; nothing in the
 * product imports this file.
 */
import { DestinationSchema, SupportConfigSchema, SyncConfigSchema, type Destination, type DestinationInput, type SupportConfig } from './config-schema';
import { syncPropertyNames } from './properties';
import type { HistoryEntry, Owner, Pipeline, StatusRecord, TicketRecord } from './records';

export const NOW = new Date('2026-11-25T12:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** An ISO time `ms` before NOW (negative: after). */
export const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();

export const destination = (overrides: Partial<DestinationInput> = {}): Destination =>
  DestinationSchema.parse({
    id: 'mailchimp',
    name: 'Mailchimp',
    kind: 'email_platform',
    objectTypes: ['contacts'],
    syncedProperties: { contacts: ['email', 'firstname', 'lastname'], companies: [] },
    toleranceMinutes: 15,
    ...overrides,
  });

export const defaultDestinations = (): Destination[] => SyncConfigSchema.parse({}).destinations;

export const support = (overrides: Record<string, unknown> = {}): SupportConfig => SupportConfigSchema.parse({ ...overrides });

/** A history list, newest first as HubSpot sends it: [value, isoTimestamp][]. */
export const hist = (...entries: [string | null, string, string?][]): HistoryEntry[] =>
  entries.map(([value, timestamp, sourceType]) => ({ value, timestamp, sourceType: sourceType ?? 'CRM_UI' }));

export interface SyncFixture {
  status?: string | null;
  lastSyncedAt?: string | null;
  error?: string | null;
  excludedReason?: string | null;
  externalId?: string | null;
  requestedAt?: string | null;
  /** History of the tool-written properties (status/error/excluded reason), keyed by the short name. */
  toolHistory?: Partial<Record<'status' | 'error' | 'excludedReason', HistoryEntry[]>>;
}

/**
 * A contact (or company) carrying one destination's sync properties and the history of some synced properties.
 */
export function record(
  sync: SyncFixture = {},
  history: Record<string, HistoryEntry[]> = {},
  options: { objectType?: 'contacts' | 'companies'; id?: string; destinationId?: string; properties?: Record<string, string | null> } = {},
): StatusRecord {
  const n = syncPropertyNames(options.destinationId ?? 'mailchimp');
  const properties: Record<string, string | null> = {
    email: 'ada@example.com',
    firstname: 'Ada',
    lastname: 'Lovelace',
    lastmodifieddate: NOW.toISOString(),
    ...options.properties,
  };
  const set = (name: string, v: string | null | undefined): void => {
    if (v !== undefined) properties[name] = v;
  };
  set(n.status, sync.status);
  set(n.lastSyncedAt, sync.lastSyncedAt);
  set(n.error, sync.error);
  set(n.excludedReason, sync.excludedReason);
  set(n.externalId, sync.externalId);
  set(n.requestedAt, sync.requestedAt);
  // The current value of each property with history is its newest entry.
  for (const [name, entries] of Object.entries(history)) if (entries[0] && !(name in (options.properties ?? {}))) properties[name] = entries[0].value;
  const allHistory: Record<string, HistoryEntry[]> = { ...history };
  for (const [k, entries] of Object.entries(sync.toolHistory ?? {})) allHistory[n[k as keyof typeof n]] = entries ?? [];
  return { objectType: options.objectType ?? 'contacts', id: options.id ?? '101', properties, history: allHistory };
}

export const PIPELINES: Pipeline[] = [
  {
    id: '0',
    label: 'Support Pipeline',
    stages: [
      { id: '1', label: 'New', metadata: { ticketState: 'OPEN' } },
      { id: '2', label: 'Waiting on contact', metadata: { ticketState: 'OPEN' } },
      { id: '3', label: 'Waiting on us', metadata: { ticketState: 'OPEN' } },
      { id: '4', label: 'Closed', metadata: { ticketState: 'CLOSED' } },
    ],
  },
  {
    id: '77',
    label: 'Onboarding',
    stages: [
      { id: '771', label: 'Kick-off', metadata: { ticketState: 'OPEN' } },
      { id: '772', label: 'Done', metadata: { ticketState: 'CLOSED' } },
    ],
  },
];

export const OWNERS: Owner[] = [
  { id: '9001', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' },
  { id: '9002', firstName: null, lastName: null, email: 'queue@example.com' },
  { id: '9003', firstName: '', lastName: '', email: null },
];

let seq = 5000;
export interface TicketFixture {
  id?: string;
  subject?: string | null;
  stage?: string | null;
  pipeline?: string | null;
  priority?: string | null;
  owner?: string | null;
  /** Age at NOW in ms. */
  age?: number;
  /** Time the close date lies before NOW, in ms; null = no close date. */
  closedAgo?: number | null;
  modifiedAgo?: number;
  extra?: Record<string, string | null>;
}

export function ticket(f: TicketFixture = {}): TicketRecord {
  const id = f.id ?? String(seq++);
  const created = ago(f.age ?? HOUR);
  const properties: Record<string, string | null> = {
    subject: f.subject === undefined ? `Ticket ${id}` : f.subject,
    hs_pipeline: f.pipeline === undefined ? '0' : f.pipeline,
    hs_pipeline_stage: f.stage === undefined ? '1' : f.stage,
    hs_ticket_priority: f.priority === undefined ? 'HIGH' : f.priority,
    hubspot_owner_id: f.owner === undefined ? '9001' : f.owner,
    createdate: created,
    hs_lastmodifieddate: ago(f.modifiedAgo ?? 0),
    closed_date: f.closedAgo === undefined || f.closedAgo === null ? null : ago(f.closedAgo),
    ...f.extra,
  };
  return { id, properties, createdAt: created, updatedAt: ago(f.modifiedAgo ?? 0) };
}

/** Strings a hostile or careless sync tool could store; they must come out exactly as they went in. */
export const HOSTILE = {
  html: '<b>bold</b> & <i>"quoted"</i>',
  script: '<script>alert("x")</script><img src=x onerror=alert(1)>',
  emoji: '🔥 Ticket 💥 with emoji 👩🏽‍💻 and ZWJ',
  big: `Member Exists ${'x'.repeat(64 * 1024)}`,
} as const;
