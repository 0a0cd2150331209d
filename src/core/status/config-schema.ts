import { z } from 'zod';
import { DestinationConnectorSchema, connectorOf, connectorProblems } from './connector-config';
import { PROPERTY_NAME } from './property-name';

/**
 * The `support` and `sync` keys of src/config/lead-ops.config.json: SLA targets for the tickets shown on a record,
 * and the tools the team syncs records to (an email platform, a sheet, a help desk). Both are strict: an unknown key
 * is an error that names its path, so a typo never silently falls back to a default.
 */

/** HubSpot's ticket priorities (`hs_ticket_priority`), as the enumeration stores them. */
export const TICKET_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Object types a destination can sync (the cards sit on these). */
export const SYNC_OBJECT_TYPES = ['contacts', 'companies'] as const;
export type SyncObjectType = (typeof SYNC_OBJECT_TYPES)[number];

export const DESTINATION_KINDS = ['email_platform', 'spreadsheet', 'help_desk', 'other'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/**
 * A destination id becomes part of HubSpot property names (`lead_ops_sync_<id>_status`), so it follows HubSpot's
 * internal-name rules; 40 characters keep the longest name (`…_excluded_reason`) at 70, under HubSpot's 100.
 * `request_sync` validates its `destination` parameter with the same pattern.
 */
export const DESTINATION_ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** A HubSpot internal property name (also used by the connector settings). */
export { PROPERTY_NAME };

const HOURS = z.number().positive('expected a number of hours above 0').max(24 * 365, 'at most a year (8760 hours)');

/** Placeholders a link template may use, per template. */
const TICKET_LINK_PLACEHOLDERS = ['id'] as const;
const DESTINATION_LINK_PLACEHOLDERS = ['externalId', 'objectId', 'objectType'] as const;

/** `{name}` placeholders in a template, in order. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
}

function linkTemplate(allowed: readonly string[], example: string) {
  return z
    .string()
    .max(2000)
    .superRefine((value, ctx) => {
      if (!/^https:\/\/[^\s/{}]+/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `expected an https:// link, e.g. "${example}"` });
        return;
      }
      const unknown = templatePlaceholders(value).filter((p) => !allowed.includes(p));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}; use ${allowed.map((p) => `{${p}}`).join(', ')}`,
        });
      }
    });
}

// ---------------------------------------------------------------------------------------------------------------
// support
// ---------------------------------------------------------------------------------------------------------------

export const HelpDeskSchema = z.strictObject({
  /** Shown beside the external id, e.g. "Zendesk". */
  name: z.string().min(1).max(60),
  /** The ticket property holding the help desk's own ticket id; the help desk integration (or any tool) fills it. */
  externalIdProperty: PROPERTY_NAME,
  /** Link to the ticket in the help desk; `{id}` is replaced by the URL-encoded external id. */
  linkTemplate: linkTemplate(TICKET_LINK_PLACEHOLDERS, 'https://acme.zendesk.com/agent/tickets/{id}').optional(),
});
export type HelpDeskConfig = z.infer<typeof HelpDeskSchema>;

export const DEFAULT_SLA_HOURS: Readonly<Record<TicketPriority, number>> = { URGENT: 1, HIGH: 4, MEDIUM: 24, LOW: 72 };

export const SupportConfigSchema = z.strictObject({
  /**
   * Time-to-close target per priority, in hours. An open ticket older than its target is breached; a closed one
   * closed within it met the target. A priority left out has no SLA (state `none`).
   */
  slaHours: z
    .strictObject({ LOW: HOURS.optional(), MEDIUM: HOURS.optional(), HIGH: HOURS.optional(), URGENT: HOURS.optional() })
    .default({ ...DEFAULT_SLA_HOURS }),
  /** An open ticket is "at risk" once it has used this fraction of its target (0.75 = the last quarter). */
  atRiskFraction: z.number().gt(0, 'expected a fraction above 0, e.g. 0.75').lt(1, 'expected a fraction below 1, e.g. 0.75').default(0.75),
  /** Pipeline stages whose `metadata.ticketState` is one of these count as closed (HubSpot uses OPEN / CLOSED). */
  closedTicketStates: z.array(z.string().min(1).max(40)).min(1).max(10).default(['CLOSED']),
  /**
   * The ticket property HubSpot sets when a ticket enters a closed stage. The tickets search uses it to find open
   * (no value) and recently closed (value within the window) tickets in one request; SLA met/missed uses it too.
   */
  closedDateProperty: PROPERTY_NAME.default('closed_date'),
  /** Tickets shown on the card (newest first); the search asks for exactly this many. HubSpot's page max is 200. */
  maxTickets: z.number().int().min(1).max(100).default(10),
  /** Closed tickets are shown and counted for this many days after they closed. */
  recentlyClosedDays: z.number().int().min(1).max(365).default(30),
  /** The help desk whose ticket id is stored on HubSpot tickets; omit when there is none. */
  helpDesk: HelpDeskSchema.optional(),
});
export type SupportConfig = z.infer<typeof SupportConfigSchema>;

// ---------------------------------------------------------------------------------------------------------------
// sync
// ---------------------------------------------------------------------------------------------------------------

export const ErrorHintSchema = z.strictObject({
  /** Case-insensitive fragments of the destination's raw error; the hint applies when any of them occurs. */
  contains: z.array(z.string().min(1).max(200)).min(1).max(20),
  /** The sentence a rep sees instead of the raw message (the raw message stays available). */
  plain: z.string().min(1).max(300),
});
export type ErrorHint = z.infer<typeof ErrorHintSchema>;

const LINK_TEMPLATE_EXAMPLE = 'https://acme.zendesk.com/agent/users/{externalId}';
const destinationLink = linkTemplate(DESTINATION_LINK_PLACEHOLDERS, LINK_TEMPLATE_EXAMPLE);

export const DestinationSchema = z
  .strictObject({
    /** Stable id; part of the record's property names (`lead_ops_sync_<id>_status`). Never rename it once live. */
    id: z.string().regex(DESTINATION_ID_PATTERN, 'expected lowercase letters, digits and underscores, starting with a letter, at most 40 characters (e.g. "mailchimp")'),
    name: z.string().min(1).max(60),
    kind: z.enum(DESTINATION_KINDS),
    /** Which records the destination holds a copy of. */
    objectTypes: z.array(z.enum(SYNC_OBJECT_TYPES)).min(1).max(2),
    /**
     * The HubSpot properties the destination copies, per object type. A change to one of them after the last sync
     * (by more than the tolerance) makes the record "out of date". The project's own `lead_ops_*` properties never
     * count (DECISIONS 7), even when listed.
     */
    syncedProperties: z
      .strictObject({
        contacts: z.array(PROPERTY_NAME).max(200).default([]),
        companies: z.array(PROPERTY_NAME).max(200).default([]),
      })
      .default({ contacts: [], companies: [] }),
    /**
     * How long after a sync the destination may still be behind before a change shows "out of date" (another tool
     * may sync in the background). Not used with a `connector`: the project syncs itself and records the instant of
     * the values it sent, so any later change is out of date until the next sync.
     */
    toleranceMinutes: z.number().min(0).max(60 * 24 * 30).default(15),
    /**
     * Link to the record in the destination: one template, or one per object type. Placeholders: `{externalId}`
     * (from `lead_ops_sync_<id>_external_id`, URL-encoded), `{objectId}`, `{objectType}`.
     */
    linkTemplate: z
      .union([destinationLink, z.strictObject({ contacts: destinationLink.optional(), companies: destinationLink.optional() })])
      .optional(),
    /** Plain-language hints for this destination's errors; checked before the built-in ones. */
    errorHints: z.array(ErrorHintSchema).max(50).optional(),
    /**
     * How the records get there: `{ "type": "mailchimp" | "google_sheets" | "zendesk", ... }` and the project syncs
     * them itself (`request_sync`, `lead-ops sweep`); `{ "type": "external" }` or no `connector` and another tool
     * does, reporting on the six sync properties.
     */
    connector: DestinationConnectorSchema.optional(),
  })
  .superRefine((d, ctx) => {
    const settings = connectorOf(d);
    if (settings) for (const p of connectorProblems(settings, d)) ctx.addIssue({ code: 'custom', path: [...p.path], message: p.message });
    const seen = new Set<string>();
    d.objectTypes.forEach((t, i) => {
      if (seen.has(t)) ctx.addIssue({ code: 'custom', path: ['objectTypes', i], message: `"${t}" is listed twice; list each object type once` });
      seen.add(t);
      if (d.syncedProperties[t].length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['syncedProperties', t],
          message: `the destination syncs ${t} but lists no properties for them; list the ${t} properties it copies (e.g. "email") or remove "${t}" from objectTypes`,
        });
      }
    });
  });
export type DestinationInput = z.input<typeof DestinationSchema>;
export type Destination = z.infer<typeof DestinationSchema>;

/** The destinations a new project starts with (also written out in lead-ops.config.json). */
export const DEFAULT_DESTINATIONS: readonly DestinationInput[] = [
  {
    id: 'mailchimp',
    name: 'Mailchimp',
    kind: 'email_platform',
    objectTypes: ['contacts'],
    syncedProperties: { contacts: ['email', 'firstname', 'lastname', 'company', 'lifecyclestage'], companies: [] },
    toleranceMinutes: 15,
  },
  {
    id: 'google_sheets',
    name: 'Google Sheets',
    kind: 'spreadsheet',
    objectTypes: ['contacts', 'companies'],
    syncedProperties: {
      contacts: ['email', 'firstname', 'lastname', 'jobtitle', 'phone', 'lifecyclestage', 'hubspot_owner_id'],
      companies: ['name', 'domain', 'industry', 'numberofemployees', 'hubspot_owner_id'],
    },
    toleranceMinutes: 60,
  },
  {
    id: 'zendesk',
    name: 'Zendesk',
    kind: 'help_desk',
    objectTypes: ['contacts', 'companies'],
    syncedProperties: { contacts: ['email', 'firstname', 'lastname', 'phone'], companies: ['name', 'domain'] },
    toleranceMinutes: 30,
    linkTemplate: {
      contacts: 'https://acme.zendesk.com/agent/users/{externalId}',
      companies: 'https://acme.zendesk.com/agent/organizations/{externalId}',
    },
  },
];

export const SyncConfigSchema = z
  .strictObject({
    /** The tools that hold copies of contacts and companies. An empty list hides the sync part of the card. */
    destinations: z.array(DestinationSchema).max(20).default(() => DEFAULT_DESTINATIONS.map((d) => DestinationSchema.parse(d))),
  })
  .superRefine((s, ctx) => {
    const seen = new Map<string, number>();
    s.destinations.forEach((d, i) => {
      const first = seen.get(d.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', i, 'id'],
          message: `duplicate destination id "${d.id}" (also destinations[${first}]); give each destination its own id`,
        });
      } else seen.set(d.id, i);
    });
  });
export type SyncConfig = z.infer<typeof SyncConfigSchema>;

/** The two keys this area owns, as the derivations take them. */
export interface StatusConfig {
  readonly support: SupportConfig;
  readonly sync: SyncConfig;
}
