import { z } from 'zod';

/**
 * Schemas of HubSpot's answers, written by hand from the OpenAPI specs of the API version we call (`operations.ts`)
 * and kept to the fields we read. Each answer is parsed once, at the edge (`crm-api.ts`), so the rest of the project
 * never touches raw JSON, and an answer that drifts fails loudly there. Property values are strings; times are
 * ISO-8601 strings.
 */

const instant = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a date' });
    return z.NEVER;
  }
  return d.toISOString();
});

/** HubSpot ids are strings; older association answers sent some as JSON numbers, which are accepted too. */
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

/** One associated object (association list or batch read). */
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
// Envelopes: pages, batch answers, lists
// ---------------------------------------------------------------------------------------------------------------

/** `paging.next.after` of a page; absent on the last one. */
const PagingSchema = z.object({ next: z.object({ after: z.string().nullish() }).nullish() }).nullish();

/** One row error of a batch answer (`StandardError`): every field optional, as HubSpot's docs advise. */
export const RowErrorSchema = z.object({
  status: z.string().nullish(),
  category: z.string().nullish(),
  subCategory: z.unknown().optional(),
  message: z.string().nullish(),
  id: z.string().nullish(),
  context: z.record(z.string(), z.array(z.string())).nullish(),
  errors: z.array(z.unknown()).nullish(),
});

/** A batch answer (200, or 207 with `errors`). */
export const batchAnswerSchema = <T extends z.ZodType>(row: T) => z.object({ results: z.array(row), errors: z.array(RowErrorSchema).nullish() });

/** A record in a batch create or upsert answer: it echoes `objectWriteTraceId`; an upsert says whether it was `new`. */
export const WrittenRecordSchema = RawRecordSchema.extend({ objectWriteTraceId: z.string().nullish(), new: z.boolean().nullish() });
export type WrittenRecord = z.output<typeof WrittenRecordSchema>;

export const RecordPageSchema = z.object({ results: z.array(RawRecordSchema), paging: PagingSchema });
export const SearchPageSchema = z.object({ total: z.number().int().nonnegative(), results: z.array(RawRecordSchema), paging: PagingSchema });
export const AssociationPageSchema = z.object({ results: z.array(AssociatedObjectSchema), paging: PagingSchema });
/** One record's row of an association batch read. */
export const AssociationBatchRowSchema = z.object({ from: z.object({ id }), to: z.array(AssociatedObjectSchema), paging: PagingSchema });
export const OwnerPageSchema = z.object({ results: z.array(RawOwnerSchema), paging: PagingSchema });
export const PipelineListSchema = z.object({ results: z.array(RawPipelineSchema) });
export const PropertyListSchema = z.object({ results: z.array(RawPropertySchema) });
export const PropertyGroupListSchema = z.object({ results: z.array(RawPropertyGroupSchema) });

// ---------------------------------------------------------------------------------------------------------------
// Domain shapes the port hands out (plain data, ISO strings, no wire types)
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
  /** Labels of a record's inline associations (`contact_to_company`, …) or association type ids as strings. */
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
 * Whether an inline association label marks the primary one. HubSpot labels the primary company association with the
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
