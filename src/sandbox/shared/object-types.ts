/**
 * The CRM object types the sandbox shows, with HubSpot's ids (`0-1` contacts, `0-2` companies). Shared by the server
 * and the page (no Node, no DOM).
 */
export interface SandboxObjectType {
  readonly name: 'contacts' | 'companies';
  readonly objectTypeId: '0-1' | '0-2';
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
];

/** Accepts a name (`contacts`), a singular (`contact`) or an id (`0-1`), as hsmeta files and hooks may use any. */
export function objectTypeFromName(value: string): SandboxObjectType | undefined {
  const v = value.trim().toLowerCase();
  return OBJECT_TYPES.find((t) => t.name === v || t.objectTypeId === v || t.singular.toLowerCase() === v || `${t.singular.toLowerCase()}s` === v);
}

/** The title HubSpot shows for a record: the contact's name (else email) or the company's name (else domain). */
export function recordTitle(type: SandboxObjectType['name'], properties: Readonly<Record<string, string | null | undefined>>, id: string): string {
  if (type === 'contacts') {
    const name = [properties.firstname, properties.lastname].filter((p) => p && p.trim() !== '').join(' ');
    return name || properties.email || `Contact ${id}`;
  }
  return properties.name || properties.domain || `Company ${id}`;
}
