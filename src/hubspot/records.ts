import { z } from 'zod';

/**
 * Schemas of the raw records we read, as `@hubspot/api-client` hands them over (its models turn `createdAt`,
 * `updatedAt` and history timestamps into `Date`s; property values stay strings). Parsing once here means the rest
 * of the project never touches an SDK model, and a HubSpot answer that drifts fails loudly at the edge.
 */

const instant = z.union([z.date(), z.string(), z.number()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a date' });
    return z.NEVER;
  }
  return d.toISOString();
});

/** HubSpot ids are strings; associations v4 sends `toObjectId` as a JSON number (reference §1). */
const id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform((v) => String(v));

export const HistoryEntrySchema = z.object({
  value: z.string(),
  timestamp: instant,
  sourceType: z.string(),
  sourceId: z.string().nullish(),
  sourceLabel: z.string().nullish(),
  updatedByUserId: z.number().nullish(),
});

export const AssociatedIdSchema = z.object({ id, type: z.string() });

export const RawRecordSchema = z.object({
  id,
  properties: z.record(z.string(), z.string().nullable()),
  propertiesWithHistory: z.record(z.string(), z.array(HistoryEntrySchema)).nullish(),
  associations: z
    .record(z.string(), z.object({ results: z.array(AssociatedIdSchema), paging: z.unknown().optional() }))
    .nullish(),
  createdAt: instant,
  updatedAt: instant,
  archived: z.boolean().nullish(),
});
export type RawRecord = z.output<typeof RawRecordSchema>;

export const AssociationTypeSchema = z.object({
  category: z.string(),
  typeId: z.number().int(),
  label: z.string().nullish(),
});

/** One associated object from associations v4 (list or batch read). */
export const AssociatedObjectSchema = z.object({ toObjectId: id, associationTypes: z.array(AssociationTypeSchema) });

export const TeamSchema = z.object({ id, name: z.string(), primary: z.boolean().nullish() });

export const RawOwnerSchema = z.object({
  id,
  email: z.string().nullish(),
  type: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  userId: z.number().nullish(),
  userIdIncludingInactive: z.number().nullish(),
  archived: z.boolean(),
  teams: z.array(TeamSchema).nullish(),
  createdAt: instant,
  updatedAt: instant,
});

export const StageSchema = z.object({
  id,
  label: z.string(),
  displayOrder: z.number(),
  metadata: z.record(z.string(), z.string()).nullish(),
  archived: z.boolean().nullish(),
});

export const RawPipelineSchema = z.object({
  id,
  label: z.string(),
  displayOrder: z.number(),
  stages: z.array(StageSchema),
  archived: z.boolean().nullish(),
});

export const RawPropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  description: z.string().nullish(),
  options: z.array(z.object({ label: z.string(), value: z.string(), displayOrder: z.number().nullish(), hidden: z.boolean().nullish() })).nullish(),
  hasUniqueValue: z.boolean().nullish(),
  hubspotDefined: z.boolean().nullish(),
  archived: z.boolean().nullish(),
});

export const RawPropertyGroupSchema = z.object({ name: z.string(), label: z.string(), displayOrder: z.number().nullish(), archived: z.boolean().nullish() });

// ---------------------------------------------------------------------------------------------------------------
// Domain shapes the port hands out (plain data, ISO strings, no SDK types)
// ---------------------------------------------------------------------------------------------------------------

/** One value a property had, newest first in `CrmRecord.history`. */
export interface PropertyChange {
  readonly value: string;
  /** ISO-8601 UTC. */
  readonly timestamp: string;
  /** `CRM_UI`, `API`, `INTEGRATION`, `WORKFLOW`, … */
  readonly sourceType: string;
  readonly sourceId: string | null;
}

/** An associated record: its id, whether it is the primary one (companies only), and the association types. */
export interface AssociatedRef {
  readonly id: string;
  readonly primary: boolean;
  /** v3 labels (`contact_to_company`, …) or v4 type ids as strings. */
  readonly types: readonly string[];
}

export interface CrmRecord {
  readonly id: string;
  /** Values as HubSpot stores them: strings; null or absent when empty. */
  readonly properties: Readonly<Record<string, string | null>>;
  /** Per property asked for with history, newest first. */
  readonly history: Readonly<Record<string, readonly PropertyChange[]>>;
  /** Per association asked for, keyed by the plural object type (`companies`, `tickets`, …). */
  readonly associations: Readonly<Record<string, readonly AssociatedRef[]>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly primary: boolean;
}

export interface Owner {
  /** The owner id (what `hubspot_owner_id` holds), not the user id. */
  readonly id: string;
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  /** Null for archived (deactivated) owners. */
  readonly userId: number | null;
  readonly archived: boolean;
  readonly teams: readonly Team[];
}

export interface PipelineStage {
  readonly id: string;
  readonly label: string;
  readonly displayOrder: number;
  /** Ticket stages: `ticketState` OPEN/CLOSED; deal stages: `isClosed`, `probability`. Strings, as HubSpot sends. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface Pipeline {
  readonly id: string;
  readonly label: string;
  readonly displayOrder: number;
  readonly stages: readonly PipelineStage[];
}

const singular = (plural: string): string => (plural.endsWith('ies') ? `${plural.slice(0, -3)}y` : plural.replace(/s$/, ''));

/**
 * Whether a v3 association label marks the primary one. HubSpot labels the primary company association with the
 * bare `<from>_to_company` and the others `<from>_to_company_unlabeled`; only company associations have a primary.
 */
export function isPrimaryLabel(label: string, toPlural: string): boolean {
  return toPlural === 'companies' && /_to_company$/.test(label);
}

/** Turns a parsed raw record into the domain shape (associations deduplicated per id, primary flagged). */
export function toCrmRecord(raw: RawRecord): CrmRecord {
  const history: Record<string, PropertyChange[]> = {};
  for (const [name, entries] of Object.entries(raw.propertiesWithHistory ?? {})) {
    history[name] = entries
      .map((e) => ({ value: e.value, timestamp: e.timestamp, sourceType: e.sourceType, sourceId: e.sourceId ?? null }))
      .sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0));
  }
  const associations: Record<string, AssociatedRef[]> = {};
  for (const [toPlural, group] of Object.entries(raw.associations ?? {})) {
    const byId = new Map<string, { primary: boolean; types: string[] }>();
    for (const r of group.results) {
      const seen = byId.get(r.id) ?? { primary: false, types: [] };
      seen.types.push(r.type);
      if (isPrimaryLabel(r.type, toPlural)) seen.primary = true;
      byId.set(r.id, seen);
    }
    associations[toPlural] = [...byId.entries()].map(([refId, v]) => ({ id: refId, primary: v.primary, types: v.types }));
  }
  return { id: raw.id, properties: raw.properties, history, associations, createdAt: raw.createdAt, updatedAt: raw.updatedAt };
}

export { singular as singularObjectType };
