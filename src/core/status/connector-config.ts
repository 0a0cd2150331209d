import { z } from 'zod';
import { PROPERTY_NAME } from './property-name';

/**
 * Settings of the connectors that copy records to the tools beside HubSpot: which audience, sheet or help desk, and
 * which HubSpot property lands in which field there. One object per destination, told apart by `type`; meant to sit
 * under a destination in `sync.destinations` as `"connector": { "type": "mailchimp", ... }`. Credentials are never
 * part of it: they are secrets (see each connector's index file for their names).
 */

// ---------------------------------------------------------------------------------------------------------------
// Mailchimp (Marketing API 3.0)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The status a person gets when the sync adds them to the audience. `pending` (the default) sends Mailchimp's
 * confirmation email first (double opt-in): the sync cannot know whether a HubSpot contact agreed to receive
 * marketing email, so it asks the person instead of subscribing them. An existing member's status is never sent.
 */
export const MAILCHIMP_STATUS_IF_NEW = ['pending', 'subscribed', 'transactional'] as const;

/** Mailchimp merge tags: up to 10 capital letters, digits and underscores (FNAME, LNAME, MMERGE5). */
const MERGE_TAG = /^[A-Z][A-Z0-9_]{0,9}$/;

/** A map from a destination's field names to HubSpot properties; a bad field name is reported with its own path. */
function fieldMap(key: RegExp, message: string) {
  return z.record(z.string(), PROPERTY_NAME).superRefine((map, ctx) => {
    for (const name of Object.keys(map)) if (!key.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: `${message}, got "${name}"` });
  });
}

export const MailchimpSettingsSchema = z.strictObject({
  type: z.literal('mailchimp'),
  /** The audience id (Audience → Settings → Audience name and defaults → Audience ID). */
  listId: z.string().regex(/^[a-z0-9]{1,32}$/i, 'expected the audience id Mailchimp shows under Audience name and defaults, e.g. "a1b2c3d4e5"'),
  /** The HubSpot property holding the address; a contact without a value is excluded ("no email address"). */
  emailProperty: PROPERTY_NAME.default('email'),
  statusIfNew: z.enum(MAILCHIMP_STATUS_IF_NEW).default('pending'),
  /** Merge tag → HubSpot property. Text and number merge fields; values are sent as HubSpot stores them. */
  mergeFields: fieldMap(MERGE_TAG, 'expected a merge tag: capital letters, digits and underscores, at most 10, e.g. "FNAME"').default({ FNAME: 'firstname', LNAME: 'lastname' }),
  /** Requests in flight at once. Mailchimp refuses more than 10 simultaneous connections per account. */
  concurrency: z.number().int().min(1).max(10).default(4),
});
export type MailchimpSettings = z.infer<typeof MailchimpSettingsSchema>;
export type MailchimpSettingsInput = z.input<typeof MailchimpSettingsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Google Sheets (Sheets API v4)
// ---------------------------------------------------------------------------------------------------------------

const SheetColumnSchema = z.union([PROPERTY_NAME, z.strictObject({ property: PROPERTY_NAME, header: z.string().min(1).max(100) })]);

export const SheetTabSchema = z.strictObject({
  /** The tab's name as shown at the bottom of the sheet. */
  sheet: z.string().min(1).max(100),
  /** The columns after the key column (column A holds the HubSpot record id), in order. */
  columns: z.array(SheetColumnSchema).min(1).max(200),
  /** Row 1 holds headers; the sync writes them when the tab is empty. */
  headerRow: z.boolean().default(true),
  /** The header of the key column. */
  keyHeader: z.string().min(1).max(100).default('HubSpot ID'),
});
export type SheetTab = z.infer<typeof SheetTabSchema>;

export const GoogleSheetsSettingsSchema = z.strictObject({
  type: z.literal('google_sheets'),
  /** The id in the sheet's address: docs.google.com/spreadsheets/d/<id>/edit. */
  spreadsheetId: z.string().regex(/^[A-Za-z0-9_-]{10,100}$/, 'expected the id from the sheet\'s address (docs.google.com/spreadsheets/d/<id>/edit)'),
  /** One tab per object type; an object type without a tab is not synced. */
  tabs: z
    .strictObject({ contacts: SheetTabSchema.optional(), companies: SheetTabSchema.optional() })
    .refine((t) => t.contacts !== undefined || t.companies !== undefined, 'configure a tab for contacts, companies or both'),
  /**
   * Write requests the sync allows itself per minute. Google allows 60 write requests per minute per user (the
   * service account) and 300 per project; each request carries many rows, so a batch costs one read and at most
   * two writes (an update of changed rows, an append of new ones).
   */
  writesPerMinute: z.number().int().min(1).max(60).default(60),
  /** Read requests per minute: Google's limit is also 60 per user. */
  readsPerMinute: z.number().int().min(1).max(60).default(60),
  /** Rows per write request; Google recommends payloads under 2 MB. */
  maxRowsPerRequest: z.number().int().min(1).max(5000).default(500),
});
export type GoogleSheetsSettings = z.infer<typeof GoogleSheetsSettingsSchema>;
export type GoogleSheetsSettingsInput = z.input<typeof GoogleSheetsSettingsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Zendesk (Support API v2)
// ---------------------------------------------------------------------------------------------------------------

/** Zendesk custom field keys (user_fields, organization_fields). */
const fieldKeys = () => fieldMap(/^[a-z0-9_]{1,100}$/, 'expected a Zendesk field key: lowercase letters, digits and underscores');

export const ZendeskSettingsSchema = z.strictObject({
  type: z.literal('zendesk'),
  /** `acme` for acme.zendesk.com. */
  subdomain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected the subdomain of <subdomain>.zendesk.com, e.g. "acme"'),
  /** Contacts become end users, keyed by `external_id` `hubspot-contact-<id>`. */
  users: z
    .strictObject({
      /** Joined with spaces into the user's name; the email address is used when all are empty. */
      nameProperties: z.array(PROPERTY_NAME).min(1).max(5).default(['firstname', 'lastname']),
      emailProperty: PROPERTY_NAME.default('email'),
      phoneProperty: PROPERTY_NAME.nullable().default('phone'),
      /** Zendesk user field key → HubSpot property. */
      userFields: fieldKeys().default({}),
    })
    .prefault({}),
  /** Companies become organizations, keyed by `external_id` `hubspot-company-<id>`. */
  organizations: z
    .strictObject({
      nameProperty: PROPERTY_NAME.default('name'),
      domainProperty: PROPERTY_NAME.nullable().default('domain'),
      organizationFields: fieldKeys().default({}),
    })
    .prefault({}),
  /** HubSpot tickets of these pipelines become Zendesk tickets once (`external_id` `hubspot-ticket-<id>`). */
  tickets: z
    .strictObject({
      /** Pipeline ids (`hs_pipeline`), e.g. "0" for HubSpot's default support pipeline. */
      pipelines: z.array(z.string().min(1).max(100)).min(1).max(20),
      subjectProperty: PROPERTY_NAME.default('subject'),
      descriptionProperty: PROPERTY_NAME.default('content'),
      priorityProperty: PROPERTY_NAME.default('hs_ticket_priority'),
      tags: z.array(z.string().regex(/^[a-z0-9_-]{1,80}$/)).max(20).default(['hubspot']),
    })
    .optional(),
  /** Requests the sync allows itself per minute; Zendesk plans allow 200 (Team) to 700 (Enterprise). */
  requestsPerMinute: z.number().int().min(1).max(2500).default(200),
  /** Requests in flight at once. */
  concurrency: z.number().int().min(1).max(10).default(3),
});
export type ZendeskSettings = z.infer<typeof ZendeskSettingsSchema>;
export type ZendeskSettingsInput = z.input<typeof ZendeskSettingsSchema>;

export const ConnectorSettingsSchema = z.discriminatedUnion('type', [MailchimpSettingsSchema, GoogleSheetsSettingsSchema, ZendeskSettingsSchema]);
export type ConnectorSettings = z.infer<typeof ConnectorSettingsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// A destination's connector
// ---------------------------------------------------------------------------------------------------------------

/**
 * `external`: another tool (a HubSpot workflow, Zapier, a sync app) writes the sync properties; the project only
 * reads them and `request_sync` only marks `_requested_at`. The same as leaving `connector` out.
 */
export const ExternalSettingsSchema = z.strictObject({ type: z.literal('external') });

/** What `sync.destinations[].connector` holds. */
export const DestinationConnectorSchema = z.discriminatedUnion('type', [MailchimpSettingsSchema, GoogleSheetsSettingsSchema, ZendeskSettingsSchema, ExternalSettingsSchema]);
export type DestinationConnector = z.infer<typeof DestinationConnectorSchema>;

/** The object types a connector can copy; HubSpot tickets only to a help desk. */
export type ConnectorObjectTypeName = 'contacts' | 'companies' | 'tickets';

/** The destination kind each connector is, so the plain-language hints for its errors apply. */
export const CONNECTOR_KIND = { mailchimp: 'email_platform', google_sheets: 'spreadsheet', zendesk: 'help_desk' } as const satisfies Record<ConnectorSettings['type'], string>;

/** The settings of a destination the project syncs itself; null when another tool does (`external` or none). */
export function connectorOf(destination: { readonly connector?: DestinationConnector | undefined }): ConnectorSettings | null {
  const c = destination.connector;
  return c === undefined || c.type === 'external' ? null : c;
}

/** The object types the connector copies with these settings. */
export function connectorObjectTypes(settings: ConnectorSettings): ConnectorObjectTypeName[] {
  switch (settings.type) {
    case 'mailchimp':
      return ['contacts'];
    case 'google_sheets':
      return (['contacts', 'companies'] as const).filter((t) => settings.tabs[t] !== undefined);
    case 'zendesk':
      return settings.tickets ? ['contacts', 'companies', 'tickets'] : ['contacts', 'companies'];
  }
}

const columnProperty = (c: SheetTab['columns'][number]): string => (typeof c === 'string' ? c : c.property);

/**
 * The HubSpot properties the connector copies from a record of this type (the values it compares and sends). For
 * tickets, the ticket's own properties; the requester comes from the ticket's first contact (`users` settings).
 */
export function connectorProperties(settings: ConnectorSettings, objectType: ConnectorObjectTypeName): string[] {
  const out = new Set<string>();
  switch (settings.type) {
    case 'mailchimp':
      if (objectType === 'contacts') [settings.emailProperty, ...Object.values(settings.mergeFields)].forEach((p) => out.add(p));
      break;
    case 'google_sheets': {
      const tab = objectType === 'tickets' ? undefined : settings.tabs[objectType];
      tab?.columns.forEach((c) => out.add(columnProperty(c)));
      break;
    }
    case 'zendesk': {
      if (objectType === 'contacts') {
        const u = settings.users;
        [...u.nameProperties, u.emailProperty, ...(u.phoneProperty ? [u.phoneProperty] : []), ...Object.values(u.userFields)].forEach((p) => out.add(p));
      } else if (objectType === 'companies') {
        const o = settings.organizations;
        [o.nameProperty, ...(o.domainProperty ? [o.domainProperty] : []), ...Object.values(o.organizationFields)].forEach((p) => out.add(p));
      } else if (settings.tickets) {
        const t = settings.tickets;
        ['hs_pipeline', t.subjectProperty, t.descriptionProperty, t.priorityProperty].forEach((p) => out.add(p));
      }
      break;
    }
  }
  return [...out].sort();
}

/** The contact properties a help desk needs for a ticket's requester. */
export function requesterProperties(settings: ConnectorSettings): string[] {
  return settings.type === 'zendesk' ? [...new Set([settings.users.emailProperty, ...settings.users.nameProperties])].sort() : [];
}

export interface ConnectorProblem {
  /** Relative to the destination. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * What does not fit between a destination and its connector: a kind that is not the connector's (the error hints
 * would not apply), an object type the connector cannot copy, and a copied property the destination does not list
 * in `syncedProperties` (a change to it would never make the record out of date, so the sweep would never send it).
 */
export function connectorProblems(
  settings: ConnectorSettings,
  destination: { readonly kind: string; readonly objectTypes: readonly ('contacts' | 'companies')[]; readonly syncedProperties: Readonly<Record<'contacts' | 'companies', readonly string[]>> },
): ConnectorProblem[] {
  const problems: ConnectorProblem[] = [];
  const kind = CONNECTOR_KIND[settings.type];
  if (destination.kind !== kind) problems.push({ path: ['kind'], message: `a ${settings.type} connector is a ${kind} destination; set "kind": "${kind}"` });
  const copied = connectorObjectTypes(settings);
  for (const t of destination.objectTypes) {
    if (!copied.includes(t)) {
      const fix = settings.type === 'google_sheets' ? `add a tab for ${t} under connector.tabs.${t}` : `remove "${t}" from objectTypes`;
      problems.push({ path: ['objectTypes'], message: `the ${settings.type} connector does not copy ${t}: ${fix}` });
      continue;
    }
    const listed = new Set(destination.syncedProperties[t]);
    const missing = connectorProperties(settings, t).filter((p) => !listed.has(p));
    if (missing.length > 0) {
      problems.push({
        path: ['syncedProperties', t],
        message: `the connector copies ${missing.map((p) => `"${p}"`).join(', ')}, which syncedProperties.${t} does not list; list every property it copies, so a change to one is synced`,
      });
    }
  }
  return problems;
}
