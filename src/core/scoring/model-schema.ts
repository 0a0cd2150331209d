import { z } from 'zod';
import { CRITERION_SOURCES, CriterionSchema, isLeaf, type Criterion, type Leaf } from '../criteria/schema';
import { isDateType, knownProperty, OWN_PROPERTY_PREFIX, type PropertySource } from './hubspot-properties';

/**
 * The scoring model: the `scoring` key of src/config/lead-ops.config.json, written by a RevOps admin.
 *
 *   version      written on every score, so a record says which model scored it
 *   fit          who the lead is (contact and primary-company properties); fit never decays
 *   engagement   what the lead did (visits, emails, forms, sales activity); rules may decay with the event's age
 *   total        optional cap (and floor) on fit + engagement
 *   grades       fit A/B/C and engagement 1/2/3 thresholds; band = fit grade × engagement grade ("A1")
 *   labels       one label per band ("Hot", "Warm", ...), for lists and workflows
 *   scorable     what a contact needs to be scored at all; otherwise it is labelled "unscorable", never a silent 0
 *
 * Each dimension is made of groups (with an optional cap and floor), each group of rules
 * `{ id, label, points, when, decay? }`; `when` is the shared criteria language (src/core/criteria).
 * Cross-checks that a schema cannot express (unique ids, ordered thresholds, every band labelled, decay on dates,
 * operators that fit the property's type) are reported with the path and the fix.
 */

export const FIT_GRADES = ['A', 'B', 'C'] as const;
export const ENGAGEMENT_GRADES = ['1', '2', '3'] as const;
export type FitGrade = (typeof FIT_GRADES)[number];
export type EngagementGrade = (typeof ENGAGEMENT_GRADES)[number];
export type Band = `${FitGrade}${EngagementGrade}`;
export const BANDS = FIT_GRADES.flatMap((f) => ENGAGEMENT_GRADES.map((e) => `${f}${e}` as Band)) as readonly Band[];
export const DIMENSIONS = ['fit', 'engagement'] as const;
export type DimensionName = (typeof DIMENSIONS)[number];

const ID = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'an id: lowercase letters, digits and underscores, starting with a letter (e.g. "company_size_mid")');

const PROPERTY_NAME = z
  .string()
  .regex(/^[a-z0-9_]+$/, 'a HubSpot internal property name: lowercase letters, digits and underscores (e.g. "hs_analytics_last_visit_timestamp")');

/** Label names become enumeration option values of `lead_ops_score_label`: short, plain words. */
const LABEL_NAME = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9 -]{0,29}$/, 'a label: up to 30 letters, digits, spaces or hyphens, starting with a letter (e.g. "Hot")');

const WHOLE_POINTS = z.int('points are whole numbers (e.g. 10 or -5)').min(-1000).max(1000);

const decayBase = {
  source: z.enum(CRITERION_SOURCES).default('record').describe('Where the date lives: the contact (default) or its primary company.'),
  property: PROPERTY_NAME.describe('The date or datetime property holding when the event happened, e.g. "hs_analytics_last_visit_timestamp".'),
  floor: z
    .number('floor is a share of the points between 0 and 1 (0.2 keeps 20 %)')
    .min(0, 'floor is a share of the points between 0 and 1 (0.2 keeps 20 %)')
    .lt(1, 'floor is a share of the points below 1 (0.2 keeps 20 %); 1 would mean no decay: remove "decay" instead')
    .default(0)
    .describe('Share of the points that never fades, however old the event (0 to below 1; default 0).'),
};

export const DecaySchema = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('linear'),
      ...decayBase,
      days: z.int('days is a whole number of days').min(1).max(3650).describe('Days for the points to fall in a straight line to the floor.'),
    }),
    z.strictObject({
      mode: z.literal('half_life'),
      ...decayBase,
      halfLifeDays: z.number().positive().max(3650).describe('Days after which half the points are left (then a quarter, ...).'),
    }),
  ])
  .describe('Points fade with the age of the event in whole days (UTC calendar days): linear or half-life, down to the floor.');
export type Decay = z.infer<typeof DecaySchema>;

export const RuleSchema = z.strictObject({
  id: ID.describe('Unique across the model; stable, since reasons and comparisons name it.'),
  label: z.string().min(1).max(80).describe('What the rule rewards, in a rep\'s words, e.g. "Company has 200–999 employees".'),
  points: WHOLE_POINTS.refine((p) => p !== 0, 'a rule worth 0 points does nothing: give it points or remove it').describe(
    'Points when the rule matches; negative points subtract.',
  ),
  when: CriterionSchema.describe('When the rule matches: a property test, or all/any/not groups of them.'),
  decay: DecaySchema.optional(),
  ifMissing: z
    .enum(['unknown', 'not_matched'])
    .default('unknown')
    .describe(
      'When a property the rule tests is missing: "unknown" (default; the rule shows as unknown and the property as missing) or "not_matched" (missing means the event never happened, e.g. no meeting date = no meeting).',
    ),
  description: z.string().max(500).optional().describe('Why the rule exists (for admins; not shown to reps).'),
});
export type ScoringRule = z.infer<typeof RuleSchema>;

export const GroupSchema = z.strictObject({
  id: ID,
  label: z.string().min(1).max(80),
  cap: z.int().min(1).max(100000).optional().describe('Most points the group can add, whatever its rules add up to.'),
  floor: z.int().min(-100000).max(-1).optional().describe('Most points the group can subtract (a negative number).'),
  rules: z.array(RuleSchema).min(1).max(100),
});
export type ScoringGroup = z.infer<typeof GroupSchema>;

export const DimensionSchema = z.strictObject({
  groups: z.array(GroupSchema).min(1).max(50),
});

export const ScoringModelSchema = z
  .strictObject({
    version: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a version: up to 64 letters, digits, dots, hyphens or underscores (e.g. "b2b-2026.11")')
      .describe('Written on every score. Change it whenever the model changes, so records say which model scored them.'),
    description: z.string().max(500).optional(),
    fit: DimensionSchema.describe('Who the lead is: contact and primary-company properties. Fit does not decay.'),
    engagement: DimensionSchema.describe('What the lead did: visits, emails, forms, sales activity. Rules may decay.'),
    total: z
      .strictObject({
        cap: z.int().min(1).optional().describe('Highest total score.'),
        floor: z.int().max(0).optional().describe('Lowest total score (0 or negative).'),
      })
      .optional(),
    grades: z
      .strictObject({
        fit: z
          .strictObject({
            A: z.int().describe('Lowest fit score graded A.'),
            B: z.int().describe('Lowest fit score graded B; below it is C.'),
          })
          .describe('Fit grade thresholds (whole points).'),
        engagement: z
          .strictObject({
            '1': z.int().describe('Lowest engagement score graded 1.'),
            '2': z.int().describe('Lowest engagement score graded 2; below it is 3.'),
          })
          .describe('Engagement grade thresholds (whole points).'),
      })
      .describe('Band = fit grade × engagement grade, A1 (best) to C3.'),
    labels: z
      .array(
        z.strictObject({
          name: LABEL_NAME,
          bands: z.array(z.enum(BANDS)).min(1).max(9),
          description: z.string().max(200).optional(),
        }),
      )
      .min(1)
      .max(9)
      .describe('One label per band, for lists and workflows; every band A1–C3 in exactly one label, best label first.'),
    scorable: z
      .strictObject({
        requires: CriterionSchema.describe('A contact is scored only when this holds; otherwise it is "unscorable" and the record says why.'),
        label: LABEL_NAME.describe('The label written on unscorable contacts, e.g. "Needs data".'),
      })
      .describe('What a contact needs before a score means anything; missing data is explicit, never a silent 0.'),
  })
  .superRefine(crossCheck);

export type ScoringModel = z.infer<typeof ScoringModelSchema>;
export type ScoringModelInput = z.input<typeof ScoringModelSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Cross-checks
// ---------------------------------------------------------------------------------------------------------------

type Path = (string | number)[];
type Ctx = z.core.$RefinementCtx<z.output<z.ZodObject>>;

const NUMBER_OPS = new Set(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between']);
const DATE_OPS = new Set(['within_last_days', 'more_than_days_ago', 'before', 'after']);
const BOOL_OPS = new Set(['is_true', 'is_false']);

function issue(ctx: Ctx, path: Path, message: string, fix: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { fix } });
}

const fmtPath = (path: Path): string => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/** Every leaf of a criterion with its path below `base`. */
export function leavesOf(criterion: Criterion, base: Path): { leaf: Leaf; path: Path }[] {
  if (isLeaf(criterion)) return [{ leaf: criterion, path: base }];
  if ('not' in criterion) return leavesOf(criterion.not, [...base, 'not']);
  const key = 'all' in criterion ? 'all' : 'any';
  const parts = 'all' in criterion ? criterion.all : criterion.any;
  return parts.flatMap((c, i) => leavesOf(c, [...base, key, i]));
}

interface ModelShape {
  fit: { groups: ScoringGroup[] };
  engagement: { groups: ScoringGroup[] };
  grades: { fit: { A: number; B: number }; engagement: { '1': number; '2': number } };
  labels: { name: string; bands: Band[] }[];
  scorable: { requires: Criterion; label: string };
}

function crossCheck(model: ModelShape, ctx: Ctx): void {
  const groupIds = new Map<string, string>();
  const ruleIds = new Map<string, string>();
  // Date properties the model itself treats as dates (in a date test): a custom date property is accepted for decay.
  const usedAsDate = new Set<string>();
  const allLeaves: { leaf: Leaf; path: Path }[] = [];

  for (const dim of DIMENSIONS) {
    model[dim].groups.forEach((group, gi) => {
      const gPath: Path = [dim, 'groups', gi];
      const seenGroup = groupIds.get(group.id);
      if (seenGroup) issue(ctx, [...gPath, 'id'], `group id "${group.id}" is already used at ${seenGroup}`, 'give each group its own id');
      else groupIds.set(group.id, fmtPath(gPath));
      group.rules.forEach((rule, ri) => {
        const rPath: Path = [...gPath, 'rules', ri];
        const seenRule = ruleIds.get(rule.id);
        if (seenRule) issue(ctx, [...rPath, 'id'], `rule id "${rule.id}" is already used at ${seenRule}`, 'give each rule its own id (reasons and comparisons name rules by id)');
        else ruleIds.set(rule.id, fmtPath(rPath));
        for (const l of leavesOf(rule.when, [...rPath, 'when'])) {
          allLeaves.push(l);
          if (DATE_OPS.has(l.leaf.op)) usedAsDate.add(`${l.leaf.source}.${l.leaf.property}`);
        }
        if (rule.decay && dim === 'fit') {
          issue(ctx, [...rPath, 'decay'], 'fit rules do not decay: who the lead is does not fade with time', 'remove "decay", or move the rule to engagement');
        }
      });
    });
  }
  for (const l of leavesOf(model.scorable.requires, ['scorable', 'requires'])) allLeaves.push(l);

  for (const { leaf, path } of allLeaves) checkLeaf(leaf, path, ctx);

  for (const dim of DIMENSIONS) {
    model[dim].groups.forEach((group, gi) =>
      group.rules.forEach((rule, ri) => {
        if (rule.decay) checkDecay(rule.decay, [dim, 'groups', gi, 'rules', ri, 'decay'], usedAsDate, ctx);
      }),
    );
  }

  const { fit, engagement } = model.grades;
  if (fit.A <= fit.B) issue(ctx, ['grades', 'fit', 'A'], `fit threshold A (${fit.A}) must be above B (${fit.B})`, 'make A higher than B, e.g. A 40 and B 20');
  if (engagement['1'] <= engagement['2']) {
    issue(ctx, ['grades', 'engagement', '1'], `engagement threshold 1 (${engagement['1']}) must be above 2 (${engagement['2']})`, 'make 1 higher than 2, e.g. 1 at 30 and 2 at 10');
  }
  const fitRange = rangeOf(model.fit.groups);
  const engRange = rangeOf(model.engagement.groups);
  if (fit.A > fitRange.max) {
    issue(ctx, ['grades', 'fit', 'A'], `no contact can reach fit A (${fit.A}): fit scores at most ${fitRange.max}`, `lower A to ${fitRange.max} or less, or add fit points`);
  }
  if (engagement['1'] > engRange.max) {
    issue(ctx, ['grades', 'engagement', '1'], `no contact can reach engagement 1 (${engagement['1']}): engagement scores at most ${engRange.max}`, `lower it to ${engRange.max} or less, or add engagement points`);
  }

  const bandOwner = new Map<Band, string>();
  const names = new Map<string, number>();
  model.labels.forEach((label, li) => {
    const key = label.name.toLowerCase();
    if (names.has(key)) issue(ctx, ['labels', li, 'name'], `label "${label.name}" is already used by labels[${names.get(key)}]`, 'give each label its own name');
    else names.set(key, li);
    label.bands.forEach((band, bi) => {
      const owner = bandOwner.get(band);
      if (owner) issue(ctx, ['labels', li, 'bands', bi], `band ${band} is already in label "${owner}"`, 'put each band in exactly one label');
      else bandOwner.set(band, label.name);
    });
  });
  const unlabelled = BANDS.filter((b) => !bandOwner.has(b));
  if (unlabelled.length > 0) {
    issue(ctx, ['labels'], `band${unlabelled.length > 1 ? 's' : ''} ${unlabelled.join(', ')} ${unlabelled.length > 1 ? 'have' : 'has'} no label`, 'add every band A1–C3 to exactly one label\'s "bands"');
  }
  if (names.has(model.scorable.label.toLowerCase())) {
    issue(ctx, ['scorable', 'label'], `"${model.scorable.label}" is also a band label`, 'use a label of its own for unscorable contacts, e.g. "Needs data"');
  }
}

function checkLeaf(leaf: Leaf, path: Path, ctx: Ctx): void {
  const source: PropertySource = leaf.source;
  if (leaf.property.startsWith(OWN_PROPERTY_PREFIX)) {
    issue(ctx, [...path, 'property'], `"${leaf.property}" is written by Lead Ops itself; a rule reading it would score its own output`, 'read HubSpot or your own CRM properties instead');
    return;
  }
  const known = knownProperty(source, leaf.property);
  if (!known) {
    const other: PropertySource = source === 'company' ? 'record' : 'company';
    if (knownProperty(other, leaf.property)) {
      const where = other === 'company' ? 'companies' : 'contacts';
      issue(ctx, [...path, 'property'], `"${leaf.property}" is a property of ${where}, not of ${source === 'company' ? 'companies' : 'contacts'}`, `set "source": "${other}"`);
    }
    return;
  }
  if (NUMBER_OPS.has(leaf.op) && known.type !== 'number') {
    issue(ctx, [...path, 'op'], `"${leaf.op}" compares numbers but "${leaf.property}" is a ${known.type} property`, hintFor(known.type));
  } else if (DATE_OPS.has(leaf.op) && !isDateType(known.type)) {
    issue(ctx, [...path, 'op'], `"${leaf.op}" compares dates but "${leaf.property}" is a ${known.type} property`, hintFor(known.type));
  } else if (BOOL_OPS.has(leaf.op) && known.type !== 'bool') {
    issue(ctx, [...path, 'op'], `"${leaf.op}" reads true/false but "${leaf.property}" is a ${known.type} property`, hintFor(known.type));
  }
}

function hintFor(type: string): string {
  switch (type) {
    case 'number':
      return 'use eq, neq, lt, lte, gt, gte or between';
    case 'date':
    case 'datetime':
      return 'use within_last_days, more_than_days_ago, before or after';
    case 'bool':
      return 'use is_true or is_false';
    default:
      return 'use is, is_not, contains, in, not_in, is_known or is_unknown';
  }
}

function checkDecay(decay: Decay, path: Path, usedAsDate: ReadonlySet<string>, ctx: Ctx): void {
  const known = knownProperty(decay.source, decay.property);
  const isDate = known ? isDateType(known.type) : usedAsDate.has(`${decay.source}.${decay.property}`);
  if (isDate) return;
  const what = known ? `a ${known.type} property` : 'not known to be a date (custom properties count as dates once a rule tests them with within_last_days, more_than_days_ago, before or after)';
  issue(
    ctx,
    [...path, 'property'],
    `decay reads the age of an event from a date, but "${decay.property}" is ${what}`,
    'use the date of the event, e.g. "hs_analytics_last_visit_timestamp", "hs_email_last_click_date" or "recent_conversion_date"',
  );
}

/** Lowest and highest score the groups can produce (caps and floors included). */
export function rangeOf(groups: readonly ScoringGroup[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const g of groups) {
    const pos = g.rules.reduce((s, r) => s + Math.max(0, r.points), 0);
    const neg = g.rules.reduce((s, r) => s + Math.min(0, r.points), 0);
    max += g.cap === undefined ? pos : Math.min(g.cap, pos);
    min += g.floor === undefined ? neg : Math.max(g.floor, neg);
  }
  return { min, max };
}
