/**
 * The CRM object types the sandbox shows record pages for, with HubSpot's ids (`0-1` contacts, `0-2` companies,
 * `0-3` deals, `0-5` tickets). Shared by the server and the page (no Node, no DOM).
 */
export interface SandboxObjectType {
  readonly name: 'contacts' | 'companies' | 'deals' | 'tickets';
  readonly objectTypeId: '0-1' | '0-2' | '0-3' | '0-5';
  readonly singular: string;
  readonly plural: string;
  /** Properties shown in the record list and used for a record's title. */
  readonly listProperties: readonly string[];
}

export const OBJECT_TYPES: readonly SandboxObjectType[] = [
  {
    name: 'contacts',
    objectTypeId: '0-1',
    singular: 'Contact',
    plural: 'Contacts',
    listProperties: ['firstname', 'lastname', 'email', 'company', 'jobtitle', 'hubspot_owner_id', 'lead_ops_score'],
  },
  {
    name: 'companies',
    objectTypeId: '0-2',
    singular: 'Company',
    plural: 'Companies',
    listProperties: ['name', 'domain', 'numberofemployees', 'industry', 'city', 'hubspot_owner_id'],
  },
  {
    name: 'deals',
    objectTypeId: '0-3',
    singular: 'Deal',
    plural: 'Deals',
    listProperties: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'hubspot_owner_id'],
  },
  {
    name: 'tickets',
    objectTypeId: '0-5',
    singular: 'Ticket',
    plural: 'Tickets',
    listProperties: ['subject', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', 'hubspot_owner_id'],
  },
];

/** Accepts a name (`contacts`), a singular (`contact`) or an id (`0-1`), as hsmeta files and hooks may use any. */
export function objectTypeFromName(value: string): SandboxObjectType | undefined {
  const v = value.trim().toLowerCase();
  return OBJECT_TYPES.find((t) => t.name === v || t.objectTypeId === v || t.singular.toLowerCase() === v || `${t.singular.toLowerCase()}s` === v);
}

/**
 * The title HubSpot shows for a record: the contact's name (else email), the company's name (else domain), the
 * deal's name, the ticket's subject.
 */
export function recordTitle(type: SandboxObjectType['name'], properties: Readonly<Record<string, string | null | undefined>>, id: string): string {
  switch (type) {
    case 'contacts': {
      const name = [properties.firstname, properties.lastname].filter((p) => p && p.trim() !== '').join(' ');
      return name || properties.email || `Contact ${id}`;
    }
    case 'companies':
      return properties.name || properties.domain || `Company ${id}`;
    case 'deals':
      return properties.dealname || `Deal ${id}`;
    case 'tickets':
      return properties.subject || `Ticket ${id}`;
  }
}

/** The properties a record's title is made of (read with every record, so its title can be shown). */
export const TITLE_PROPERTIES: Readonly<Record<SandboxObjectType['name'], readonly string[]>> = {
  contacts: ['firstname', 'lastname', 'email'],
  companies: ['name', 'domain'],
  deals: ['dealname'],
  tickets: ['subject'],
};
