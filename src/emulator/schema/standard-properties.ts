import type { PropertyDefinition, PropertyGroup, PropertyOption, PropertyType } from '../types';

/**
 * HubSpot's built-in (hubspotDefined) properties the emulator knows, per object type, with HubSpot's internal
 * names, types and field types (checked against a real portal's property dump and the properties guide). Writes
 * through the objects API are validated against these. `readOnlyValue` marks what HubSpot computes itself
 * (analytics, counters, record id, last-modified); the project's own `lead_ops_*` properties are not here:
 * `lead-ops setup` creates them over HTTP (DECISIONS 19).
 */

interface Flags {
  ro?: boolean;
  calc?: boolean;
  unique?: boolean;
  external?: boolean;
  hidden?: boolean;
  description?: string;
  fieldType?: string;
  referencedObjectType?: string;
}

type Def = Omit<PropertyDefinition, 'createdAt' | 'updatedAt' | 'displayOrder'>;

function def(name: string, label: string, type: PropertyType, fieldType: string, groupName: string, f: Flags = {}, options: PropertyOption[] = []): Def {
  return {
    name,
    label,
    type,
    fieldType: f.fieldType ?? fieldType,
    groupName,
    description: f.description ?? '',
    options,
    hasUniqueValue: f.unique ?? false,
    hidden: f.hidden ?? false,
    formField: !(f.ro ?? false) && !(f.hidden ?? false),
    calculated: f.calc ?? false,
    externalOptions: f.external ?? false,
    hubspotDefined: true,
    readOnlyValue: f.ro ?? false,
    readOnlyDefinition: true,
    archivable: false,
    archived: false,
    ...(f.referencedObjectType ? { referencedObjectType: f.referencedObjectType } : {}),
  };
}

const opts = (...pairs: [label: string, value: string][]): PropertyOption[] =>
  pairs.map(([label, value], i) => ({ label, value, displayOrder: i, hidden: false }));
const same = (...values: string[]): PropertyOption[] => opts(...values.map((v): [string, string] => [v, v]));

const str = (name: string, label: string, group: string, f?: Flags): Def => def(name, label, 'string', 'text', group, f);
const num = (name: string, label: string, group: string, f?: Flags): Def => def(name, label, 'number', 'number', group, f);
const dt = (name: string, label: string, group: string, f?: Flags): Def => def(name, label, 'datetime', 'date', group, f);
const bool = (name: string, label: string, group: string, f?: Flags): Def =>
  def(name, label, 'bool', 'booleancheckbox', group, f, opts(['Yes', 'true'], ['No', 'false']));
const enm = (name: string, label: string, group: string, options: PropertyOption[], f?: Flags): Def =>
  def(name, label, 'enumeration', 'select', group, f, options);

export const LIFECYCLE_STAGES = opts(
  ['Subscriber', 'subscriber'],
  ['Lead', 'lead'],
  ['Marketing Qualified Lead', 'marketingqualifiedlead'],
  ['Sales Qualified Lead', 'salesqualifiedlead'],
  ['Opportunity', 'opportunity'],
  ['Customer', 'customer'],
  ['Evangelist', 'evangelist'],
  ['Other', 'other'],
);

/** The contact's own company-size property: an enumeration of ranges (DECISIONS 21). */
export const NUMEMPLOYEES_RANGES = ['1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+'] as const;

export const ANALYTICS_SOURCES = opts(
  ['Organic Search', 'ORGANIC_SEARCH'],
  ['Paid Search', 'PAID_SEARCH'],
  ['Email Marketing', 'EMAIL_MARKETING'],
  ['Organic Social', 'SOCIAL_MEDIA'],
  ['Referrals', 'REFERRALS'],
  ['Other Campaigns', 'OTHER_CAMPAIGNS'],
  ['Direct Traffic', 'DIRECT_TRAFFIC'],
  ['Offline Sources', 'OFFLINE'],
  ['Paid Social', 'PAID_SOCIAL'],
);

/** A subset of HubSpot's ~150 company industry options (LinkedIn-derived values). */
export const COMPANY_INDUSTRIES = opts(
  ['Accounting', 'ACCOUNTING'],
  ['Automotive', 'AUTOMOTIVE'],
  ['Banking', 'BANKING'],
  ['Biotechnology', 'BIOTECHNOLOGY'],
  ['Computer Software', 'COMPUTER_SOFTWARE'],
  ['Construction', 'CONSTRUCTION'],
  ['Consumer Goods', 'CONSUMER_GOODS'],
  ['Education Management', 'EDUCATION_MANAGEMENT'],
  ['Financial Services', 'FINANCIAL_SERVICES'],
  ['Food & Beverages', 'FOOD_BEVERAGES'],
  ['Hospital & Health Care', 'HOSPITAL_HEALTH_CARE'],
  ['Information Technology and Services', 'INFORMATION_TECHNOLOGY_AND_SERVICES'],
  ['Insurance', 'INSURANCE'],
  ['Internet', 'INTERNET'],
  ['Logistics and Supply Chain', 'LOGISTICS_AND_SUPPLY_CHAIN'],
  ['Machinery', 'MACHINERY'],
  ['Management Consulting', 'MANAGEMENT_CONSULTING'],
  ['Marketing and Advertising', 'MARKETING_AND_ADVERTISING'],
  ['Medical Devices', 'MEDICAL_DEVICES'],
  ['Nonprofit Organization Management', 'NONPROFIT_ORGANIZATION_MANAGEMENT'],
  ['Pharmaceuticals', 'PHARMACEUTICALS'],
  ['Real Estate', 'REAL_ESTATE'],
  ['Retail', 'RETAIL'],
  ['Telecommunications', 'TELECOMMUNICATIONS'],
);

const LEAD_STATUS = opts(
  ['New', 'NEW'],
  ['Open', 'OPEN'],
  ['In Progress', 'IN_PROGRESS'],
  ['Open Deal', 'OPEN_DEAL'],
  ['Unqualified', 'UNQUALIFIED'],
  ['Attempted to Contact', 'ATTEMPTED_TO_CONTACT'],
  ['Connected', 'CONNECTED'],
  ['Bad Timing', 'BAD_TIMING'],
);

const owner = (label: string, group: string): Def => enm('hubspot_owner_id', label, group, [], { external: true, referencedObjectType: 'OWNER' });

const system = (lastModified: 'lastmodifieddate' | 'hs_lastmodifieddate', group: string): Def[] => [
  dt('createdate', 'Create Date', group),
  dt(lastModified, 'Last Modified Date', group, { ro: true }),
  num('hs_object_id', 'Record ID', group, { ro: true }),
  str('hs_object_source', 'Record creation source', group, { ro: true, hidden: true }),
  str('hs_object_source_id', 'Record creation source ID', group, { ro: true, hidden: true }),
  dt('hubspot_owner_assigneddate', 'Owner assigned date', group, { ro: true }),
];

const CONTACT_PROPERTIES: Def[] = [
  str('email', 'Email', 'contactinformation', { unique: true }),
  str('firstname', 'First Name', 'contactinformation'),
  str('lastname', 'Last Name', 'contactinformation'),
  def('phone', 'Phone Number', 'string', 'phonenumber', 'contactinformation'),
  def('mobilephone', 'Mobile Phone Number', 'string', 'phonenumber', 'contactinformation'),
  def('fax', 'Fax Number', 'string', 'phonenumber', 'contactinformation'),
  str('company', 'Company Name', 'contactinformation'),
  str('website', 'Website URL', 'contactinformation'),
  str('jobtitle', 'Job Title', 'contactinformation'),
  str('industry', 'Industry', 'contactinformation'),
  str('annualrevenue', 'Annual Revenue', 'contactinformation'),
  enm('numemployees', 'Number of Employees', 'contactinformation', same(...NUMEMPLOYEES_RANGES)),
  str('address', 'Street Address', 'contactinformation'),
  str('city', 'City', 'contactinformation'),
  str('state', 'State/Region', 'contactinformation'),
  str('zip', 'Postal Code', 'contactinformation'),
  str('country', 'Country/Region', 'contactinformation'),
  def('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', 'contactinformation', {}, LIFECYCLE_STAGES),
  def('hs_lead_status', 'Lead Status', 'enumeration', 'radio', 'sales_properties', {}, LEAD_STATUS),
  enm('hs_seniority', 'Employment Seniority', 'contactinformation', opts(['VP', 'vp'], ['Director', 'director'], ['Entry', 'entry'], ['Executive', 'executive'], ['Manager', 'manager'], ['Owner', 'owner'], ['Partner', 'partner'], ['Senior', 'senior'])),
  owner('Contact owner', 'sales_properties'),
  num('associatedcompanyid', 'Primary Associated Company ID', 'contactinformation', { description: "HubSpot defined ID of a contact's primary associated company in HubSpot." }),
  def('hs_additional_emails', 'Additional email addresses', 'enumeration', 'checkbox', 'contactinformation', { ro: true, calc: true }),
  str('hs_email_domain', 'Email Domain', 'contactinformation', { ro: true, calc: true }),
  bool('hs_email_optout', 'Unsubscribed from all email', 'emailinformation'),
  num('hs_email_open', 'Marketing emails opened', 'emailinformation', { ro: true }),
  num('hs_email_click', 'Marketing emails clicked', 'emailinformation', { ro: true }),
  num('hs_email_delivered', 'Marketing emails delivered', 'emailinformation', { ro: true }),
  num('hs_email_bounce', 'Marketing emails bounced', 'emailinformation', { ro: true }),
  dt('hs_email_last_open_date', 'Last marketing email open date', 'emailinformation', { ro: true }),
  dt('hs_email_last_click_date', 'Last marketing email click date', 'emailinformation', { ro: true }),
  num('hs_analytics_num_page_views', 'Number of Pageviews', 'analyticsinformation', { ro: true }),
  num('hs_analytics_num_visits', 'Number of Sessions', 'analyticsinformation', { ro: true }),
  num('hs_analytics_num_event_completions', 'Number of event completions', 'analyticsinformation', { ro: true }),
  dt('hs_analytics_first_timestamp', 'Time First Seen', 'analyticsinformation', { ro: true }),
  dt('hs_analytics_last_visit_timestamp', 'Time of Last Session', 'analyticsinformation', { ro: true }),
  enm('hs_analytics_source', 'Original Traffic Source', 'analyticsinformation', ANALYTICS_SOURCES),
  enm('hs_latest_source', 'Latest Traffic Source', 'analyticsinformation', ANALYTICS_SOURCES, { ro: true }),
  num('num_conversion_events', 'Number of Form Submissions', 'conversioninformation', { ro: true, calc: true }),
  num('num_unique_conversion_events', 'Number of Unique Forms Submitted', 'conversioninformation', { ro: true, calc: true }),
  dt('first_conversion_date', 'First Conversion Date', 'conversioninformation', { ro: true, calc: true }),
  dt('recent_conversion_date', 'Recent Conversion Date', 'conversioninformation', { ro: true, calc: true }),
  str('recent_conversion_event_name', 'Recent Conversion', 'conversioninformation', { ro: true, calc: true }),
  dt('hs_last_sales_activity_timestamp', 'Last Engagement Date', 'sales_properties', { ro: true }),
  dt('hs_sales_email_last_replied', 'Recent Sales Email Replied Date', 'sales_properties', { ro: true }),
  dt('notes_last_contacted', 'Last Contacted', 'sales_properties', { ro: true }),
  dt('notes_last_updated', 'Last Activity Date', 'sales_properties', { ro: true }),
  num('num_contacted_notes', 'Number of times contacted', 'sales_properties', { ro: true }),
  num('num_notes', 'Number of Sales Activities', 'sales_properties', { ro: true }),
  ...system('lastmodifieddate', 'contactinformation'),
];

const COMPANY_PROPERTIES: Def[] = [
  str('name', 'Company name', 'companyinformation'),
  str('domain', 'Company Domain Name', 'companyinformation'),
  str('website', 'Website URL', 'companyinformation'),
  def('phone', 'Phone Number', 'string', 'phonenumber', 'companyinformation'),
  str('address', 'Street Address', 'companyinformation'),
  str('city', 'City', 'companyinformation'),
  str('state', 'State/Region', 'companyinformation'),
  str('zip', 'Postal Code', 'companyinformation'),
  str('country', 'Country/Region', 'companyinformation'),
  enm('industry', 'Industry', 'companyinformation', COMPANY_INDUSTRIES),
  num('numberofemployees', 'Number of Employees', 'companyinformation'),
  num('annualrevenue', 'Annual Revenue', 'companyinformation'),
  def('type', 'Type', 'enumeration', 'radio', 'companyinformation', {}, opts(['Prospect', 'PROSPECT'], ['Partner', 'PARTNER'], ['Reseller', 'RESELLER'], ['Vendor', 'VENDOR'], ['Other', 'OTHER'])),
  def('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', 'companyinformation', {}, LIFECYCLE_STAGES),
  def('hs_lead_status', 'Lead Status', 'enumeration', 'radio', 'sales_properties', {}, LEAD_STATUS),
  def('description', 'Description', 'string', 'textarea', 'companyinformation'),
  str('founded_year', 'Year Founded', 'companyinformation'),
  bool('is_public', 'Is Public', 'companyinformation'),
  str('timezone', 'Time Zone', 'companyinformation'),
  str('linkedin_company_page', 'LinkedIn Company Page', 'socialmediainformation'),
  owner('Company owner', 'sales_properties'),
  num('num_associated_contacts', 'Number of Associated Contacts', 'companyinformation', { ro: true, calc: true }),
  num('num_associated_deals', 'Number of Associated Deals', 'dealinformation', { ro: true, calc: true }),
  num('hs_analytics_num_page_views', 'Number of Pageviews', 'analyticsinformation', { ro: true }),
  dt('notes_last_contacted', 'Last Contacted', 'sales_properties', { ro: true }),
  dt('notes_last_updated', 'Last Activity Date', 'sales_properties', { ro: true }),
  dt('hs_last_sales_activity_timestamp', 'Last Engagement Date', 'sales_properties', { ro: true }),
  ...system('hs_lastmodifieddate', 'companyinformation'),
];

const DEAL_PROPERTIES: Def[] = [
  str('dealname', 'Deal Name', 'dealinformation'),
  num('amount', 'Amount', 'dealinformation'),
  dt('closedate', 'Close Date', 'dealinformation'),
  enm('pipeline', 'Pipeline', 'dealinformation', [], { external: true }),
  def('dealstage', 'Deal Stage', 'enumeration', 'radio', 'dealinformation', { external: true }),
  def('dealtype', 'Deal Type', 'enumeration', 'radio', 'dealinformation', {}, opts(['New Business', 'newbusiness'], ['Existing Business', 'existingbusiness'])),
  def('description', 'Deal Description', 'string', 'textarea', 'dealinformation'),
  enm('hs_priority', 'Priority', 'dealinformation', opts(['Low', 'low'], ['Medium', 'medium'], ['High', 'high'])),
  def('hs_is_closed', 'Is Deal Closed?', 'bool', 'calculation_equation', 'dealinformation', { ro: true, calc: true }, opts(['Yes', 'true'], ['No', 'false'])),
  def('hs_is_closed_won', 'Is Closed Won', 'bool', 'calculation_equation', 'dealinformation', { ro: true, calc: true }, opts(['Yes', 'true'], ['No', 'false'])),
  num('hs_deal_stage_probability', 'Deal probability', 'dealinformation'),
  owner('Deal owner', 'dealinformation'),
  ...system('hs_lastmodifieddate', 'dealinformation'),
];

const TICKET_PROPERTIES: Def[] = [
  str('subject', 'Ticket name', 'ticketinformation'),
  def('content', 'Ticket description', 'string', 'textarea', 'ticketinformation'),
  enm('hs_pipeline', 'Pipeline', 'ticketinformation', [], { external: true }),
  enm('hs_pipeline_stage', 'Ticket status', 'ticketinformation', [], { external: true }),
  enm('hs_ticket_priority', 'Priority', 'ticketinformation', opts(['Low', 'LOW'], ['Medium', 'MEDIUM'], ['High', 'HIGH'], ['Urgent', 'URGENT'])),
  def('hs_ticket_category', 'Category', 'enumeration', 'checkbox', 'ticketinformation', {}, opts(['Product issue', 'PRODUCT_ISSUE'], ['Billing issue', 'BILLING_ISSUE'], ['Feature request', 'FEATURE_REQUEST'], ['General inquiry', 'GENERAL_INQUIRY'])),
  enm('source_type', 'Source', 'ticketinformation', opts(['Chat', 'CHAT'], ['Email', 'EMAIL'], ['Form', 'FORM'], ['Phone', 'PHONE'])),
  num('hs_ticket_id', 'Ticket ID', 'ticketinformation', { ro: true, calc: true, fieldType: 'calculation_equation' }),
  dt('closed_date', 'Close date', 'ticketinformation'),
  dt('hs_last_closed_date', 'Last Closed Date', 'ticketinformation', { ro: true }),
  dt('hs_ticket_reopened_at', 'Ticket reopen date', 'ticketinformation', { ro: true }),
  num('time_to_close', 'Time to close', 'ticketinformation', { ro: true, fieldType: 'calculation_equation', description: 'The time between when the ticket was created and closed (milliseconds)' }),
  dt('first_agent_reply_date', 'First agent email response date', 'ticketinformation', { ro: true }),
  dt('last_reply_date', 'Last customer reply date', 'ticketinformation', { ro: true }),
  dt('hs_lastactivitydate', 'Last activity date', 'ticketinformation', { ro: true }),
  num('hs_primary_company_id', 'Primary Company ID', 'ticketinformation', { ro: true, calc: true }),
  owner('Ticket owner', 'ticketinformation'),
  ...system('hs_lastmodifieddate', 'ticketinformation'),
];

const NOTE_PROPERTIES: Def[] = [
  def('hs_note_body', 'Note body', 'string', 'html', 'engagement'),
  dt('hs_timestamp', 'Activity date', 'engagement'),
  str('hs_attachment_ids', 'Attachment IDs', 'engagement'),
  owner('Activity assigned to', 'engagement'),
  dt('hs_createdate', 'Object create date/time', 'engagement', { ro: true }),
  dt('hs_lastmodifieddate', 'Object last modified date/time', 'engagement', { ro: true }),
  num('hs_object_id', 'Record ID', 'engagement', { ro: true }),
  str('hs_object_source', 'Record creation source', 'engagement', { ro: true, hidden: true }),
];

export const STANDARD_PROPERTIES: Readonly<Record<string, readonly Def[]>> = {
  '0-1': CONTACT_PROPERTIES,
  '0-2': COMPANY_PROPERTIES,
  '0-3': DEAL_PROPERTIES,
  '0-5': TICKET_PROPERTIES,
  '0-46': NOTE_PROPERTIES,
};

const group = (name: string, label: string, displayOrder: number): PropertyGroup => ({ name, label, displayOrder, archived: false });

export const STANDARD_GROUPS: Readonly<Record<string, readonly PropertyGroup[]>> = {
  '0-1': [
    group('contactinformation', 'Contact information', 0),
    group('emailinformation', 'Email information', 1),
    group('analyticsinformation', 'Web analytics history', 2),
    group('conversioninformation', 'Conversion information', 3),
    group('sales_properties', 'Sales properties', 4),
  ],
  '0-2': [
    group('companyinformation', 'Company information', 0),
    group('analyticsinformation', 'Web analytics history', 1),
    group('sales_properties', 'Sales properties', 2),
    group('socialmediainformation', 'Social media information', 3),
    group('dealinformation', 'Deal information', 4),
  ],
  '0-3': [group('dealinformation', 'Deal information', 0)],
  '0-5': [group('ticketinformation', 'Ticket information', 0)],
  '0-46': [group('engagement', 'Engagement information', 0)],
};
