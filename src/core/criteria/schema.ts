import { z } from 'zod';

/**
 * The criteria language shared by scoring rules and routing tiers: leaves that test one property, combined with
 * nested `all` (AND), `any` (OR) and `not` groups. An admin writes it in the configuration file as JSON.
 *
 *   { "any": [ { "property": "industry", "op": "in", "values": ["SOFTWARE", "FINANCE"] },
 *              { "all": [ { "source": "company", "property": "numberofemployees", "op": "gte", "value": 200 },
 *                         { "property": "country", "op": "eq", "value": "United States" } ] } ] }
 */

/** Where a leaf reads its property: the record itself (default) or its primary company. */
export const CRITERION_SOURCES = ['record', 'company'] as const;
export type CriterionSource = (typeof CRITERION_SOURCES)[number];

const PROPERTY_NAME = z
  .string()
  .regex(/^[a-z0-9_]+$/, 'a HubSpot internal property name: lowercase letters, digits and underscores (e.g. "numberofemployees")');

const base = {
  /** Where the property lives: the record (default) or its primary company. */
  source: z.enum(CRITERION_SOURCES).default('record'),
  property: PROPERTY_NAME,
  /** Optional words for the reason line instead of the property name, e.g. "Company size". */
  label: z.string().min(1).max(80).optional(),
};

const numberLeaf = z.strictObject({
  ...base,
  op: z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte']),
  value: z.number().finite(),
});
const betweenLeaf = z.strictObject({
  ...base,
  op: z.literal('between'),
  /** Inclusive bounds. */
  min: z.number().finite(),
  max: z.number().finite(),
});
const textLeaf = z.strictObject({
  ...base,
  op: z.enum(['is', 'is_not', 'contains', 'not_contains', 'starts_with', 'ends_with']),
  value: z.string().min(1).max(500),
});
const setLeaf = z.strictObject({
  ...base,
  /** `in` / `not_in` compare the whole value; `has_any` / `has_all` read `;`-separated multi-checkbox values. */
  op: z.enum(['in', 'not_in', 'has_any', 'has_all']),
  values: z.array(z.string().max(500)).min(1).max(500),
});
const presenceLeaf = z.strictObject({
  ...base,
  op: z.enum(['is_known', 'is_unknown']),
});
const boolLeaf = z.strictObject({
  ...base,
  op: z.enum(['is_true', 'is_false']),
});
const daysLeaf = z.strictObject({
  ...base,
  /** `within_last_days`: the date is at most N days before now. `more_than_days_ago`: more than N days before now. */
  op: z.enum(['within_last_days', 'more_than_days_ago']),
  days: z.number().positive().max(36500),
});
const dateLeaf = z.strictObject({
  ...base,
  op: z.enum(['before', 'after']),
  /** ISO-8601 date or date-time. */
  date: z.iso.date().or(z.iso.datetime({ offset: true })),
});

export const LeafSchema = z.union([numberLeaf, betweenLeaf, textLeaf, setLeaf, presenceLeaf, boolLeaf, daysLeaf, dateLeaf]);
export type Leaf = z.infer<typeof LeafSchema>;
export type LeafOp = Leaf['op'];

export type Criterion = Leaf | { all: Criterion[] } | { any: Criterion[] } | { not: Criterion };
export type CriterionInput = z.input<typeof LeafSchema> | { all: CriterionInput[] } | { any: CriterionInput[] } | { not: CriterionInput };

export const CriterionSchema: z.ZodType<Criterion, CriterionInput> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(CriterionSchema).min(1).max(50) }),
    z.strictObject({ any: z.array(CriterionSchema).min(1).max(50) }),
    z.strictObject({ not: CriterionSchema }),
    LeafSchema,
  ]),
);

export const isLeaf = (c: Criterion): c is Leaf => 'op' in c;
