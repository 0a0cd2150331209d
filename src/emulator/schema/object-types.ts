/**
 * The CRM object types the emulator serves, with what HubSpot attaches to each: type id, names accepted in
 * paths, default properties, free-text searchable properties, the created and last-modified properties and
 * scopes. Sources: HubSpot's object guides (using-object-apis, search-the-crm) and each object's spec `security`
 * (notes use the contacts scopes in HubSpot's notes spec; tickets use the legacy `tickets` scope; custom objects
 * the `crm.objects.custom.*` scopes of the custom objects spec).
 */
export interface ObjectType {
  readonly id: string;
  /** Plural API name, e.g. `contacts`; for a custom object its fully qualified name `p<portalId>_<name>`. */
  readonly name: string;
  readonly singular: string;
  /** Upper-case name used in some HubSpot messages, e.g. `CONTACT`. */
  readonly upper: string;
  readonly lastModifiedProperty: 'lastmodifieddate' | 'hs_lastmodifieddate';
  /** Notes and custom objects carry `hs_createdate`; the others `createdate`. */
  readonly createdProperty: 'createdate' | 'hs_createdate';
  /** A custom object defined through the schemas API. */
  readonly isCustom?: boolean;
  /** A custom object's required properties (its schema's `requiredProperties`), checked on create. */
  readonly requiredProperties?: readonly string[];
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
    createdProperty: 'createdate',
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
    createdProperty: 'createdate',
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
    createdProperty: 'createdate',
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
    createdProperty: 'createdate',
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
    createdProperty: 'hs_createdate',
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
  return [t.createdProperty, t.lastModifiedProperty, 'hs_object_id'];
}

/** A custom object type: HubSpot gives it the next `2-<n>` id and the name `p<portalId>_<name>`. */
export function customObjectType(
  id: string,
  fullyQualifiedName: string,
  singular: string,
  props: { searchable: readonly string[]; display: readonly string[]; required: readonly string[] },
): ObjectType {
  const { searchable, display, required } = props;
  return {
    requiredProperties: required,
    id,
    name: fullyQualifiedName,
    singular,
    upper: fullyQualifiedName.toUpperCase(),
    lastModifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'hs_createdate',
    isCustom: true,
    defaultProperties: [...new Set(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', ...display])],
    queryProperties: searchable,
    readScopes: ['crm.objects.custom.read'],
    writeScopes: ['crm.objects.custom.write'],
    firstId: 1,
  };
}

/**
 * The object types of one portal: HubSpot's standard ones plus the custom objects defined on it. Resolves path
 * segments like `objectTypeOf`, and custom objects by type id (`2-…`) or fully qualified name.
 */
export class ObjectTypeRegistry {
  private readonly custom = new Map<string, ObjectType>();

  of(segment: string): ObjectType | undefined {
    return objectTypeOf(segment) ?? this.custom.get(segment) ?? this.custom.get(segment.toLowerCase());
  }

  byId(id: string): ObjectType {
    const t = this.of(id);
    if (!t || t.id !== id) throw new Error(`unknown object type id ${id}`);
    return t;
  }

  add(t: ObjectType): void {
    this.custom.set(t.id, t);
    this.custom.set(t.name.toLowerCase(), t);
  }

  /** Replaces a custom type's definition (display and searchable properties changed). */
  replace(t: ObjectType): void {
    this.add(t);
  }

  customTypes(): ObjectType[] {
    return [...new Set(this.custom.values())];
  }
}
