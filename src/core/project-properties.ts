import type { LeadOpsConfig } from './config/schema';
import { PROPERTY_GROUP, type PropertyDefinition, type PropertyObjectType } from './properties';
import { ROUTING_PROPERTIES } from './routing/properties';
import { scoringProperties } from './scoring/properties';
import { statusPropertyDefinitions } from './status/properties';
import { SWEEP_PROPERTIES } from './sweep-properties';

/**
 * Every property the project writes or reads of its own, for the configuration in force: what `lead-ops setup`
 * creates. Sorted by object type, then name, so plans and reports read the same every time.
 */
export function projectProperties(config: LeadOpsConfig): PropertyDefinition[] {
  const all = [...scoringProperties(config.scoring), ...ROUTING_PROPERTIES, ...statusPropertyDefinitions({ support: config.support, sync: config.sync }), ...SWEEP_PROPERTIES];
  const seen = new Map<string, PropertyDefinition>();
  for (const p of all) {
    const key = `${p.objectType}/${p.name}`;
    if (seen.has(key)) throw new Error(`property ${key} is declared twice`);
    seen.set(key, p);
  }
  return [...seen.values()].sort((a, b) => a.objectType.localeCompare(b.objectType) || a.name.localeCompare(b.name));
}

/** The object types that carry project properties (each needs the `lead_ops` group). */
export function propertyObjectTypes(properties: readonly PropertyDefinition[]): PropertyObjectType[] {
  return [...new Set(properties.map((p) => p.objectType))].sort();
}

export interface ExistingProperty {
  readonly name: string;
  readonly type: string;
  readonly fieldType: string;
  readonly groupName: string;
  readonly options?: readonly { readonly label: string; readonly value: string; readonly displayOrder?: number; readonly hidden?: boolean }[];
}

type PropertyOption = NonNullable<PropertyDefinition['options']>[number];

export type PropertyPlanStep =
  | { readonly kind: 'create'; readonly property: PropertyDefinition }
  | { readonly kind: 'exists'; readonly property: PropertyDefinition }
  /** A property of that name exists with another type: setup never changes it; the admin must decide. */
  | { readonly kind: 'conflict'; readonly property: PropertyDefinition; readonly existing: ExistingProperty }
  /**
   * An enumeration the project writes lacks options the configuration now uses (a new score label, a new tier):
   * setup adds them, keeping every existing option, or writes with the new value would fail with INVALID_OPTION.
   */
  | { readonly kind: 'add_options'; readonly property: PropertyDefinition; readonly existing: ExistingProperty; readonly missing: readonly PropertyOption[] };

/**
 * What setup must do for one object type, given what the portal has. Existing properties are never changed in type
 * or removed from: a type conflict is reported, because changing a property's type can lose data in the portal; an
 * enumeration only ever gains the options the configuration needs.
 */
export function planProperties(wanted: readonly PropertyDefinition[], existing: readonly ExistingProperty[]): PropertyPlanStep[] {
  const byName = new Map(existing.map((e) => [e.name, e]));
  return wanted.map((property) => {
    const found = byName.get(property.name);
    if (!found) return { kind: 'create', property };
    if (found.type !== property.type) return { kind: 'conflict', property, existing: found };
    if (property.type === 'enumeration') {
      const have = new Set((found.options ?? []).map((o) => o.value));
      const missing = (property.options ?? []).filter((o) => !have.has(o.value));
      if (missing.length > 0) return { kind: 'add_options', property, existing: found, missing };
    }
    return { kind: 'exists', property };
  });
}

export { PROPERTY_GROUP };
