/**
 * The CRM object types the emulator serves, with what HubSpot attaches to each: type id, names accepted in
 * paths, default properties, free-text searchable properties, the last-modified property and scopes.
 * Sources: reference/hubspot-api.md §1–§4; scopes from each object's v3 spec `security` (notes use the contacts
 * scopes in HubSpot's notes spec; tickets use the legacy `tickets` scope).
 */
export interface ObjectType {
  readonly id: string;
  /** Plural API name, e.g. `contacts`. */
  readonly name: string;
  readonly singular: string;
  /** Upper-case name used in some HubSpot messages, e.g. `CONTACT`. */
  readonly upper: string;
  readonly lastModifiedProperty: 'lastmodifieddate' | 'hs_lastmodifieddate';
  /** Returned when a read names no `properties` (search-the-crm and using-object-apis docs). */
  readonly defaultProperties: readonly string[];
  /** Searched by the search API's `query` (search-the-crm docs). */
  readonly queryProperties: readonly string[];
  readonly readScopes: readonly string[];
  readonly writeScopes: readonly string[];
  /** First id handed out: distinct ranges per type make a contact id used as a company id fail loudly. */
  readonly firstId: number;
}

export const OBJECT_TYPES: readonly ObjectType[] = [
  {
    id: '0-1',
    name: 'contacts',
    singular: 'contact',
    upper: 'CONTACT',
    lastModifiedProperty: 'lastmodifieddate',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    queryProperties: ['firstname', 'lastname', 'email', 'phone', 'hs_additional_emails', 'fax', 'mobilephone', 'company'],
    readScopes: ['crm.objects.contacts.read'],
    writeScopes: ['crm.objects.contacts.write'],
    firstId: 1001,
  },
  {
    id: '0-2',
    name: 'companies',
    singular: 'company',
    upper: 'COMPANY',
    lastModifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    queryProperties: ['website', 'phone', 'name', 'domain'],
    readScopes: ['crm.objects.companies.read'],
    writeScopes: ['crm.objects.companies.write'],
    firstId: 5_000_001,
  },
  {
    id: '0-3',
    name: 'deals',
    singular: 'deal',
    upper: 'DEAL',
    lastModifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
    queryProperties: ['dealname', 'pipeline', 'dealstage', 'description', 'dealtype'],
    readScopes: ['crm.objects.deals.read'],
    writeScopes: ['crm.objects.deals.write'],
    firstId: 7_000_001,
  },
  {
    id: '0-5',
    name: 'tickets',
    singular: 'ticket',
    upper: 'TICKET',
    lastModifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: [
      'content',
      'createdate',
      'hs_lastmodifieddate',
      'hs_object_id',
      'hs_pipeline',
      'hs_pipeline_stage',
      'hs_ticket_category',
      'hs_ticket_priority',
      'subject',
    ],
    queryProperties: ['subject', 'content', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_id'],
    readScopes: ['tickets'],
    writeScopes: ['tickets'],
    firstId: 9_000_001,
  },
  {
    id: '0-46',
    name: 'notes',
    singular: 'note',
    upper: 'NOTE',
    lastModifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    queryProperties: ['hs_note_body'],
    readScopes: ['crm.objects.contacts.read'],
    writeScopes: ['crm.objects.contacts.write'],
    firstId: 20_000_001,
  },
];

const BY_ALIAS = new Map<string, ObjectType>();
for (const t of OBJECT_TYPES) {
  for (const alias of [t.id, t.name, t.singular, t.upper.toLowerCase()]) BY_ALIAS.set(alias, t);
}

/**
 * Resolves a path segment (`contacts`, `contact`, `0-1`; case-insensitive names) to an object type. HubSpot's
 * objects API takes plural names and type ids; associations v4 also takes singular names.
 */
export function objectTypeOf(segment: string): ObjectType | undefined {
  return BY_ALIAS.get(segment) ?? BY_ALIAS.get(segment.toLowerCase());
}

export function objectTypeById(id: string): ObjectType {
  const t = OBJECT_TYPES.find((o) => o.id === id);
  if (!t) throw new Error(`unknown object type id ${id}`);
  return t;
}

/** The properties every read returns besides those asked for (HubSpot always sends these three). */
export function alwaysReturned(t: ObjectType): readonly string[] {
  return t.id === '0-46' ? ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'] : ['createdate', t.lastModifiedProperty, 'hs_object_id'];
}
