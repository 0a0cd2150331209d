import { z } from 'zod';
import { CriterionSchema } from '../criteria/schema';

/**
 * The `routing` key of src/config/lead-ops.config.json: which team a record goes to by company size (tiers, in
 * order, with optional extra criteria), and how an owner is chosen inside the team (policy, weights, daily caps,
 * availability, account matching). Every key has a default except `tiers`, so a small file stays small; the
 * shipped file spells the defaults out so an admin sees them.
 *
 * Configuration changes need a build and an upload (`npm run build`, `hs project upload`): app functions cannot
 * read files or profile variables at run time.
 */

const PROPERTY_NAME = z
  .string()
  .regex(/^[a-z0-9_]+$/, 'use a HubSpot internal property name: lowercase letters, digits and underscores (e.g. "numberofemployees")');

const HUBSPOT_ID = z.string().regex(/^\d{1,20}$/, 'use the numeric HubSpot id as a string, e.g. "12345"');

/** A HubSpot team, by its name (as in Settings → Users & Teams) or by its id. Names match without case. */
export const TeamRefSchema = z.union([
  z.strictObject({ name: z.string().trim().min(1, 'give the team name as HubSpot shows it').max(200) }),
  z.strictObject({ id: HUBSPOT_ID }),
]);
export type TeamRef = z.infer<typeof TeamRefSchema>;

/** A HubSpot owner, by owner id (not user id) or by email. */
export const OwnerRefSchema = z.union([
  z.strictObject({ id: HUBSPOT_ID }),
  z.strictObject({ email: z.email('use the owner\'s email address as HubSpot shows it') }),
]);
export type OwnerRef = z.infer<typeof OwnerRefSchema>;

export const ROUTING_POLICIES = ['balanced', 'weighted', 'rotation'] as const;
/**
 * - `balanced` (default): the fewest recent assignments wins, spread by the record-id hash among the owners that
 *   are behind (so search lag does not pile a burst on one owner).
 * - `weighted`: like balanced, but recent assignments are divided by each owner's `weight` (2 = twice the share).
 * - `rotation`: strict round robin in owner-id order, starting after the owner of the most recent assignment.
 */
export const PolicySchema = z.enum(ROUTING_POLICIES);
export type RoutingPolicy = z.infer<typeof PolicySchema>;

/** Tier ids that the engine reserves for its own property values. */
export const RESERVED_TIER_IDS = ['fallback'] as const;

export const TierSchema = z
  .strictObject({
    /** Stable id, written to the record's routing tier property; lowercase snake case. */
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'use lowercase letters, digits and underscores, starting with a letter (e.g. "mid_market")')
      .refine((id) => !(RESERVED_TIER_IDS as readonly string[]).includes(id), 'this id is reserved for fallback decisions: pick another id'),
    /** What reps read, e.g. "Mid-Market". */
    label: z.string().trim().min(1).max(80),
    /** The HubSpot team whose members receive this tier's records. */
    team: TeamRefSchema,
    /** Inclusive lower bound of the company size; absent = no lower bound. */
    minEmployees: z.int().min(0).max(100_000_000).optional(),
    /** Inclusive upper bound of the company size; absent = no upper bound. */
    maxEmployees: z.int().min(0).max(100_000_000).optional(),
    /** Extra conditions (country, industry, lead source, product interest, score band…) in the criteria language. */
    when: CriterionSchema.optional(),
    /** Overrides the global policy for this tier's team. */
    policy: PolicySchema.optional(),
  })
  .superRefine((tier, ctx) => {
    if (tier.minEmployees !== undefined && tier.maxEmployees !== undefined && tier.minEmployees > tier.maxEmployees) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxEmployees'],
        message: `maxEmployees (${tier.maxEmployees}) is below minEmployees (${tier.minEmployees}); swap them or correct one bound`,
      });
    }
  });
export type Tier = z.infer<typeof TierSchema>;

export const OwnerSettingsSchema = z
  .strictObject({
    id: HUBSPOT_ID.optional(),
    email: z.email('use the owner\'s email address as HubSpot shows it').optional(),
    /** Share under the `weighted` policy, relative to the others (default 1). */
    weight: z.number().positive('a weight must be above 0; mark the owner unavailable instead').max(1000).optional(),
    /** Most records this owner receives per day (overrides `caps.defaultDailyCap`). */
    dailyCap: z.int().min(0).max(100_000).optional(),
    /** Skip this owner (holiday, leave, not taking leads). */
    unavailable: z.boolean().optional(),
    /** Why, for the explanation: "on leave until 12 Jan". */
    note: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((o, ctx) => {
    if ((o.id === undefined) === (o.email === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'name the owner by "id" or by "email" (exactly one of them)' });
    }
  });
export type OwnerSettings = z.infer<typeof OwnerSettingsSchema>;

const isTimeZone = (tz: string): boolean => {
  // UTC needs no look-up; asking Intl costs a function's cold start about 10 ms (ICU loads its time-zone data).
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const RoutingConfigSchema = z
  .strictObject({
    /** Where the company size comes from and how HubSpot's range values ("25-50", "1000+") map to tiers. */
    companySize: z
      .strictObject({
        /** Number property on companies: read on a contact's primary company and on company records. */
        companyProperty: PROPERTY_NAME.default('numberofemployees'),
        /** The contact's own size property; HubSpot's `numemployees` holds ranges like "25-50" and "1000+". */
        contactProperty: PROPERTY_NAME.default('numemployees'),
        /**
         * When a contact's own property is read: only when it has no primary company (default), or also when the
         * primary company has no size.
         */
        useContactProperty: z.enum(['when_no_company', 'when_company_size_missing']).default('when_no_company'),
        /**
         * A range inside one tier maps to that tier. A range across a tier boundary ("25-50" with tiers split at
         * 49/50) maps by its lower bound (default), its upper bound, or goes to the fallback. The decision says so.
         */
        rangeAcrossTiers: z.enum(['lower_bound', 'upper_bound', 'fallback']).default('lower_bound'),
      })
      .prefault({}),
    /** Tiers in order; the first whose size bounds and `when` match wins. */
    tiers: z.array(TierSchema).min(1, 'add at least one tier').max(50),
    /** Where a record goes when its size is missing or malformed, no tier matches, or a team has no eligible owner. */
    fallback: z
      .strictObject({
        /** Team that receives records no tier could take (chosen by the global policy). */
        team: TeamRefSchema.optional(),
        /** Last resort: used when there is no fallback team, or no eligible owner in the team that should get it. */
        owner: OwnerRefSchema.optional(),
      })
      .refine((f) => f.team !== undefined || f.owner !== undefined, 'give a fallback "team", an "owner", or both'),
    /** Default policy for every tier's team (a tier may override it). */
    policy: PolicySchema.default('balanced'),
    balanced: z
      .strictObject({
        /** Recent = routed within this many days (also bounds how long an owner back from leave is "behind"). */
        windowDays: z.number().positive().max(90).default(7),
        /**
         * Search results lag behind writes, so a burst of decisions sees the same counts. Each decision spreads over
         * `spreadPerOwner` × (eligible owners) upcoming assignments: it picks among the owners below that water
         * level, in proportion to how far below they are, by the record-id hash. 0 = always the least loaded.
         */
        spreadPerOwner: z.number().min(0).max(100).default(6),
        /** Page size of the one search of recent assignments (HubSpot allows at most 200). */
        searchLimit: z.int().min(1).max(200).default(200),
      })
      .prefault({}),
    /** Per-owner settings (weights, caps, availability), by owner id or email. */
    owners: z.array(OwnerSettingsSchema).max(1000).default([]),
    caps: z
      .strictObject({
        /** Daily cap for owners without their own `dailyCap`; null = no cap. */
        defaultDailyCap: z.int().min(0).max(100_000).nullable().default(null),
        /** IANA time zone in which a "day" starts, e.g. "Europe/Berlin". */
        timeZone: z
          .string()
          .default('UTC')
          .refine(isTimeZone, 'use an IANA time zone name such as "UTC" or "America/New_York"'),
        /**
         * When every eligible owner of the team is at their cap: the fallback owner (default; no owner when none is
         * configured), ignore the caps and use the policy, or leave the record unassigned.
         */
        whenAllCapped: z.enum(['fallback_owner', 'ignore_caps', 'leave_unassigned']).default('fallback_owner'),
      })
      .prefault({}),
    /**
     * HubSpot's API shows no out-of-office state (DECISIONS 22): an owner is unavailable while a member of one of
     * these HubSpot teams (read from the owners call), or when `owners[].unavailable` says so.
     */
    availability: z
      .strictObject({
        awayTeams: z.array(TeamRefSchema).max(20).default([]),
      })
      .prefault({}),
    /**
     * A contact whose primary company has an active, available owner goes to that owner. Daily caps do not apply
     * to it: account continuity wins over load (and checking a cap would cost a search for that owner).
     */
    accountMatching: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Only when the company owner is a member of the team the record would go to; otherwise route normally. */
        sameTeamOnly: z.boolean().default(false),
      })
      .prefault({}),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Map<string, number>();
    cfg.tiers.forEach((tier, i) => {
      const first = seen.get(tier.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'id'],
          message: `tier id "${tier.id}" is already used by tiers[${first}]; give each tier its own id`,
        });
      } else seen.set(tier.id, i);
    });
    const owners = new Map<string, number>();
    cfg.owners.forEach((o, i) => {
      const key = o.id !== undefined ? `id:${o.id}` : `email:${(o.email ?? '').toLowerCase()}`;
      const first = owners.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['owners', i],
          message: `this owner is already configured in owners[${first}]; merge the two entries`,
        });
      } else owners.set(key, i);
    });
  });

export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;
export type RoutingConfigInput = z.input<typeof RoutingConfigSchema>;
