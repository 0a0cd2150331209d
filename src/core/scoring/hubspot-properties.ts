/**
 * HubSpot's own (default) contact and company properties that scoring models commonly read, with their types and
 * the words a rep understands. Names and types are HubSpot's internal ones (checked against property dumps of real
 * portals). The table serves three purposes:
 * - readable reasons: "Company size 320 ≥ 200" instead of "company.numberofemployees = 320";
 * - model cross-checks: a decay must read a date, `gte` needs a number, `numberofemployees` lives on companies;
 * - the list of names the emulator's demo portal seeds (see the README's Scoring section).
 *
 * Properties not in the table (custom ones) are allowed everywhere; they are simply not type-checked.
 */

export type HubSpotPropertyType = 'number' | 'string' | 'enumeration' | 'datetime' | 'date' | 'bool';

export interface KnownProperty {
  readonly type: HubSpotPropertyType;
  /** Words for reasons, e.g. "Company size". */
  readonly label: string;
}

/** Default contact properties (object type `contacts`). */
export const CONTACT_PROPERTIES: Readonly<Record<string, KnownProperty>> = {
  email: { type: 'string', label: 'Email' },
  hs_email_domain: { type: 'string', label: 'Email domain' },
  firstname: { type: 'string', label: 'First name' },
  lastname: { type: 'string', label: 'Last name' },
  jobtitle: { type: 'string', label: 'Job title' },
  company: { type: 'string', label: 'Company name' },
  country: { type: 'string', label: 'Country' },
  industry: { type: 'string', label: 'Industry (contact)' },
  // The contact's own size range from forms ("1-5", "5-25", "25-50", "50-100", "100-500", "500-1000", "1000+").
  numemployees: { type: 'enumeration', label: 'Company size (form)' },
  lifecyclestage: { type: 'enumeration', label: 'Lifecycle stage' },
  hs_lead_status: { type: 'enumeration', label: 'Lead status' },
  associatedcompanyid: { type: 'number', label: 'Primary company' },
  createdate: { type: 'datetime', label: 'Created' },
  lastmodifieddate: { type: 'datetime', label: 'Last modified' },
  // Web analytics (HubSpot tracking code).
  hs_analytics_num_page_views: { type: 'number', label: 'Page views' },
  hs_analytics_num_visits: { type: 'number', label: 'Visits' },
  hs_analytics_last_visit_timestamp: { type: 'datetime', label: 'Last visit' },
  hs_analytics_first_visit_timestamp: { type: 'datetime', label: 'First visit' },
  hs_analytics_source: { type: 'enumeration', label: 'Original source' },
  // Marketing email.
  hs_email_open: { type: 'number', label: 'Marketing emails opened' },
  hs_email_click: { type: 'number', label: 'Marketing emails clicked' },
  hs_email_delivered: { type: 'number', label: 'Marketing emails delivered' },
  hs_email_last_open_date: { type: 'datetime', label: 'Last marketing email open' },
  hs_email_last_click_date: { type: 'datetime', label: 'Last marketing email click' },
  hs_email_optout: { type: 'bool', label: 'Unsubscribed from all email' },
  hs_email_bad_address: { type: 'bool', label: 'Invalid email address' },
  // Forms (conversions).
  num_conversion_events: { type: 'number', label: 'Form submissions' },
  num_unique_conversion_events: { type: 'number', label: 'Unique forms submitted' },
  recent_conversion_date: { type: 'datetime', label: 'Last form submission' },
  recent_conversion_event_name: { type: 'string', label: 'Last form submitted' },
  first_conversion_date: { type: 'datetime', label: 'First form submission' },
  // Sales activity.
  hs_last_sales_activity_timestamp: { type: 'datetime', label: 'Last sales activity' },
  hs_sales_email_last_replied: { type: 'datetime', label: 'Last reply to a sales email' },
  engagements_last_meeting_booked: { type: 'datetime', label: 'Last meeting booked' },
  notes_last_contacted: { type: 'datetime', label: 'Last contacted' },
  notes_last_updated: { type: 'datetime', label: 'Last activity' },
  num_contacted_notes: { type: 'number', label: 'Times contacted' },
  num_associated_deals: { type: 'number', label: 'Associated deals' },
};

/** Default company properties (object type `companies`). */
export const COMPANY_PROPERTIES: Readonly<Record<string, KnownProperty>> = {
  name: { type: 'string', label: 'Company name' },
  domain: { type: 'string', label: 'Company domain' },
  numberofemployees: { type: 'number', label: 'Company size' },
  annualrevenue: { type: 'number', label: 'Annual revenue' },
  industry: { type: 'enumeration', label: 'Industry' },
  country: { type: 'string', label: 'Company country' },
  state: { type: 'string', label: 'Company state' },
  city: { type: 'string', label: 'Company city' },
  type: { type: 'enumeration', label: 'Company type' },
  lifecyclestage: { type: 'enumeration', label: 'Company lifecycle stage' },
  hs_is_target_account: { type: 'bool', label: 'Target account' },
  is_public: { type: 'bool', label: 'Public company' },
  num_associated_contacts: { type: 'number', label: 'Associated contacts' },
  hs_num_open_deals: { type: 'number', label: 'Open deals' },
  createdate: { type: 'datetime', label: 'Company created' },
  hs_lastmodifieddate: { type: 'datetime', label: 'Company last modified' },
  hs_analytics_last_visit_timestamp: { type: 'datetime', label: 'Company last visit' },
  hs_last_sales_activity_timestamp: { type: 'datetime', label: 'Company last sales activity' },
};

/** Labels HubSpot shows for the values of its fixed enumerations, so reasons read "Marketing Qualified Lead". */
export const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  lifecyclestage: {
    subscriber: 'Subscriber',
    lead: 'Lead',
    marketingqualifiedlead: 'Marketing Qualified Lead',
    salesqualifiedlead: 'Sales Qualified Lead',
    opportunity: 'Opportunity',
    customer: 'Customer',
    evangelist: 'Evangelist',
    other: 'Other',
  },
  hs_lead_status: {
    NEW: 'New',
    OPEN: 'Open',
    IN_PROGRESS: 'In Progress',
    OPEN_DEAL: 'Open Deal',
    UNQUALIFIED: 'Unqualified',
    ATTEMPTED_TO_CONTACT: 'Attempted to Contact',
    CONNECTED: 'Connected',
    BAD_TIMING: 'Bad Timing',
  },
};

/**
 * How a stored value reads in a reason: HubSpot's label for its fixed enumerations, words for UPPER_SNAKE codes
 * ("COMPUTER_SOFTWARE" → "Computer Software", as HubSpot's industry labels read), the value itself otherwise.
 */
export function displayValue(property: string, raw: string): string {
  const labels = Object.prototype.hasOwnProperty.call(VALUE_LABELS, property) ? VALUE_LABELS[property] : undefined;
  if (labels && Object.prototype.hasOwnProperty.call(labels, raw)) return labels[raw] as string;
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(raw)) {
    return raw
      .split('_')
      .map((w, i) => (i > 0 && (w === 'AND' || w === 'OR' || w === 'OF') ? w.toLowerCase() : w.charAt(0) + w.slice(1).toLowerCase()))
      .join(' ');
  }
  return raw;
}

export type PropertySource = 'record' | 'company';

/** The known definition of `property` on the contact (`record`) or its company, if HubSpot defines one. */
export function knownProperty(source: PropertySource, property: string): KnownProperty | undefined {
  const table = source === 'company' ? COMPANY_PROPERTIES : CONTACT_PROPERTIES;
  return Object.prototype.hasOwnProperty.call(table, property) ? table[property] : undefined;
}

export const isDateType = (t: HubSpotPropertyType): boolean => t === 'date' || t === 'datetime';

/** Prefix of the project's own properties; a rule that read them would score its own output. */
export const OWN_PROPERTY_PREFIX = 'lead_ops_';
