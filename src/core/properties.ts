/**
 * The project's own HubSpot properties, declared once in code. `lead-ops setup` creates what is missing in a
 * portal (one property group, clear labels and descriptions); functions and tools read the names from here.
 * Each area declares its own (scoring/properties.ts, routing/properties.ts, status/properties.ts).
 */

export const PROPERTY_GROUP = { name: 'lead_ops', label: 'Lead Ops' } as const;

export type PropertyObjectType = 'contacts' | 'companies' | 'tickets';

/** A property as the properties API (v3) creates it. Valid type/fieldType pairs per reference/hubspot-api.md §7. */
export interface PropertyDefinition {
  readonly objectType: PropertyObjectType;
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  readonly fieldType: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox';
  readonly options?: readonly { readonly label: string; readonly value: string; readonly displayOrder: number }[];
  /** Written by the app only; shown read-only in forms is not enforceable, so keep them out of forms. */
  readonly formField?: false;
}
