import { parseInstant } from '../criteria/evaluate';

/**
 * What the status derivations read, in HubSpot's own shapes (already parsed at the edge by the client layer).
 * Property values are strings as HubSpot sends them; absent and `null` mean "no value".
 */

export type PropertyValues = Readonly<Record<string, string | null | undefined>>;

/** One entry of `propertiesWithHistory[name]` (HubSpot sends them newest first; we do not rely on the order). */
export interface HistoryEntry {
  readonly value: string | null;
  /** ISO-8601 (HubSpot's format) or epoch milliseconds. */
  readonly timestamp: string;
  readonly sourceType?: string;
}

/**
 * A contact or company read with `properties` and `propertiesWithHistory` (the sync state and synced properties).
 * The client layer's `CrmRecord` (src/hubspot/records.ts) fits as is, plus `objectType`.
 */
export interface StatusRecord {
  readonly objectType: 'contacts' | 'companies';
  readonly id: string;
  readonly properties: PropertyValues;
  /** HubSpot's `propertiesWithHistory`, per property. */
  readonly history?: Readonly<Record<string, readonly HistoryEntry[] | undefined>>;
  /** Associations read with the record (`associations=tickets`), keyed by plural object type; only ids are used. */
  readonly associations?: Readonly<Record<string, readonly { readonly id: string }[] | undefined>>;
}

/** A ticket as the search returns it. `createdAt`/`updatedAt` are the record-level fields, used when the properties lack them. */
export interface TicketRecord {
  readonly id: string;
  readonly properties: PropertyValues;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface PipelineStage {
  readonly id: string;
  readonly label: string;
  /** HubSpot stage metadata; ticket stages carry `ticketState: "OPEN" | "CLOSED"` (strings). */
  readonly metadata?: Readonly<Record<string, string | undefined>>;
}

export interface Pipeline {
  readonly id: string;
  readonly label: string;
  readonly stages: readonly PipelineStage[];
}

export interface Owner {
  readonly id: string;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly email?: string | null;
}

/** A property value trimmed, or null when empty. */
export function valueOf(properties: PropertyValues, name: string): string | null {
  const raw = properties[name];
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

/** An instant from a HubSpot datetime value (ISO-8601 or epoch ms), or null when empty or unreadable. */
export function instantOf(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : parseInstant(trimmed);
}

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Hours with one decimal, the way the card shows them ("4.5 h"); whole hours without a decimal. */
export function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} h`;
}

/** A duration in words for the one-line details: "45 min", "4.5 h", "3 days". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR_MS) return `${Math.round(abs / MINUTE_MS)} min`;
  if (abs < 2 * DAY_MS) return formatHours(abs / HOUR_MS);
  const days = Math.round((abs / DAY_MS) * 10) / 10;
  return `${Number.isInteger(days) ? days.toFixed(0) : days.toFixed(1)} days`;
}

export const toIso = (ms: number): string => new Date(ms).toISOString();
