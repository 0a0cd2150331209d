import type { PropertyDefinition, PropertyGroup, PropertyOption, PropertyType } from '../types';
import { ApiError, conflict, resourceNotFound, validationError } from '../http/errors';
import { OBJECT_TYPES } from './object-types';
import { STANDARD_GROUPS, STANDARD_PROPERTIES } from './standard-properties';

/**
 * Property definitions and groups per object type (the properties API's state). Writes to records are validated
 * against these definitions, so a property created over HTTP by `lead-ops setup` becomes writable at once.
 */

/** Valid `type` → `fieldType` pairs (reference §7, properties guide). */
export const FIELD_TYPES: Readonly<Record<PropertyType, readonly string[]>> = {
  bool: ['booleancheckbox', 'calculation_equation'],
  enumeration: ['booleancheckbox', 'checkbox', 'radio', 'select', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  string: ['text', 'textarea', 'file', 'html', 'phonenumber', 'calculation_equation'],
  number: ['number', 'calculation_equation'],
  phone_number: ['phonenumber'],
};

/** HubSpot allows at most ten unique-value properties per object (reference §7). */
const MAX_UNIQUE_PROPERTIES = 10;
const NAME = /^[a-z][a-z0-9_]*$/;

export interface PropertyInput {
  name?: unknown;
  label?: unknown;
  type?: unknown;
  fieldType?: unknown;
  groupName?: unknown;
  description?: unknown;
  options?: unknown;
  displayOrder?: unknown;
  hasUniqueValue?: unknown;
  hidden?: unknown;
  formField?: unknown;
  calculationFormula?: unknown;
  referencedObjectType?: unknown;
  externalOptions?: unknown;
  showCurrencySymbol?: unknown;
}

interface TypeState {
  properties: Map<string, PropertyDefinition>;
  groups: Map<string, PropertyGroup>;
}

export class PropertyRegistry {
  private readonly byType = new Map<string, TypeState>();

  constructor() {
    for (const t of OBJECT_TYPES) {
      const properties = new Map<string, PropertyDefinition>();
      (STANDARD_PROPERTIES[t.id] ?? []).forEach((d, i) => properties.set(d.name, { ...d, displayOrder: i, createdAt: 0, updatedAt: 0 }));
      const groups = new Map<string, PropertyGroup>();
      for (const g of STANDARD_GROUPS[t.id] ?? []) groups.set(g.name, { ...g });
      this.byType.set(t.id, { properties, groups });
    }
  }

  /**
   * Starts the property state of a custom object type: HubSpot's system properties of every object (record id,
   * create and last-modified dates, source, owner) in one group named after the object.
   */
  addType(typeId: string, group: PropertyGroup, now: number): void {
    const sys = (name: string, label: string, type: PropertyType, fieldType: string, readOnlyValue: boolean): PropertyDefinition => ({
      name,
      label,
      type,
      fieldType,
      groupName: group.name,
      description: '',
      options: [],
      displayOrder: -1,
      hasUniqueValue: false,
      hidden: false,
      formField: !readOnlyValue,
      calculated: false,
      externalOptions: name === 'hubspot_owner_id',
      hubspotDefined: true,
      readOnlyValue,
      readOnlyDefinition: true,
      archivable: false,
      archived: false,
      createdAt: now,
      updatedAt: now,
      ...(name === 'hubspot_owner_id' ? { referencedObjectType: 'OWNER' } : {}),
    });
    const properties = new Map<string, PropertyDefinition>();
    for (const d of [
      sys('hs_object_id', 'Record ID', 'number', 'number', true),
      sys('hs_createdate', 'Object create date/time', 'datetime', 'date', true),
      sys('hs_lastmodifieddate', 'Object last modified date/time', 'datetime', 'date', true),
      sys('hs_object_source', 'Record creation source', 'string', 'text', true),
      sys('hubspot_owner_id', 'Owner', 'enumeration', 'select', false),
    ]) {
      properties.set(d.name, d);
    }
    this.byType.set(typeId, { properties, groups: new Map([[group.name, { ...group }]]) });
  }

  private state(typeId: string): TypeState {
    const s = this.byType.get(typeId);
    if (!s) throw new Error(`no property state for ${typeId}`);
    return s;
  }

  /** The live (non-archived) definition, or undefined. */
  get(typeId: string, name: string): PropertyDefinition | undefined {
    const d = this.state(typeId).properties.get(name);
    return d && !d.archived ? d : undefined;
  }

  getIncludingArchived(typeId: string, name: string): PropertyDefinition | undefined {
    return this.state(typeId).properties.get(name);
  }

  list(typeId: string, archived = false): PropertyDefinition[] {
    return [...this.state(typeId).properties.values()].filter((d) => d.archived === archived);
  }

  uniqueProperties(typeId: string): PropertyDefinition[] {
    return this.list(typeId).filter((d) => d.hasUniqueValue);
  }

  /** Adds a definition HubSpot creates by itself (e.g. `hs_date_entered_<stageId>` when a stage is created). */
  ensureSystem(typeId: string, d: Omit<PropertyDefinition, 'displayOrder' | 'createdAt' | 'updatedAt'>, now: number): void {
    const s = this.state(typeId);
    if (!s.properties.has(d.name)) s.properties.set(d.name, { ...d, displayOrder: s.properties.size, createdAt: now, updatedAt: now });
  }

  create(typeId: string, input: PropertyInput, now: number): PropertyDefinition {
    const s = this.state(typeId);
    const problems: string[] = [];
    for (const field of ['name', 'label', 'type', 'fieldType', 'groupName'] as const) {
      if (typeof input[field] !== 'string' || input[field] === '') problems.push(`${field} is required`);
    }
    if (problems.length > 0) throw validationError(`Invalid input: ${problems.join('; ')}`, problems.map((message) => ({ message, code: 'REQUIRED_FIELD' })));
    const name = String(input.name);
    if (!NAME.test(name)) {
      throw validationError(`Property name ${name} is invalid: names use lower-case letters, numbers and underscores and start with a letter.`, [
        { message: `Invalid property name ${name}`, code: 'INVALID_PROPERTY_NAME', context: { propertyName: [name] } },
      ]);
    }
    if (name.startsWith('hs_')) throw validationError(`Property name ${name} is reserved: the hs_ prefix belongs to HubSpot.`);
    const existing = s.properties.get(name);
    // Unverified wording; the category follows the reference (409 CONFLICT).
    if (existing && !existing.archived) throw conflict(`Property ${name} already exists`);
    const type = this.checkType(String(input.type));
    const fieldType = this.checkFieldType(type, String(input.fieldType));
    const groupName = String(input.groupName);
    if (!s.groups.has(groupName) || s.groups.get(groupName)?.archived) {
      throw validationError(`Property group ${groupName} does not exist.`, [{ message: `group ${groupName} does not exist`, code: 'INVALID_GROUP', context: { groupName: [groupName] } }]);
    }
    const hasUniqueValue = input.hasUniqueValue === true;
    if (hasUniqueValue && this.uniqueProperties(typeId).length >= MAX_UNIQUE_PROPERTIES) {
      throw validationError(`An object can have at most ${MAX_UNIQUE_PROPERTIES} unique value properties.`);
    }
    const d: PropertyDefinition = {
      name,
      label: String(input.label),
      type,
      fieldType,
      groupName,
      description: typeof input.description === 'string' ? input.description : '',
      options: type === 'enumeration' || type === 'bool' ? this.checkOptions(input.options, type) : [],
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
      hasUniqueValue,
      hidden: input.hidden === true,
      formField: input.formField === true,
      calculated: fieldType === 'calculation_equation',
      externalOptions: input.externalOptions === true,
      hubspotDefined: false,
      readOnlyValue: fieldType === 'calculation_equation',
      readOnlyDefinition: false,
      archivable: true,
      archived: false,
      createdAt: now,
      updatedAt: now,
      ...(typeof input.calculationFormula === 'string' ? { calculationFormula: input.calculationFormula } : {}),
      ...(typeof input.referencedObjectType === 'string' ? { referencedObjectType: input.referencedObjectType } : {}),
      ...(typeof input.showCurrencySymbol === 'boolean' ? { showCurrencySymbol: input.showCurrencySymbol } : {}),
    };
    s.properties.set(name, d);
    return d;
  }

  update(typeId: string, name: string, input: PropertyInput, now: number): PropertyDefinition {
    const d = this.get(typeId, name);
    if (!d) throw resourceNotFound(`Unable to find property ${name}`);
    if (d.readOnlyDefinition && (input.type !== undefined || input.fieldType !== undefined)) {
      throw validationError(`Property ${name} is a HubSpot-defined property; its type cannot be changed.`);
    }
    if (input.hasUniqueValue !== undefined && input.hasUniqueValue !== d.hasUniqueValue) {
      throw validationError('hasUniqueValue cannot be changed after a property is created.');
    }
    const type = input.type !== undefined ? this.checkType(String(input.type)) : d.type;
    const fieldType = input.fieldType !== undefined ? this.checkFieldType(type, String(input.fieldType)) : this.checkFieldType(type, d.fieldType);
    if (input.groupName !== undefined && !this.state(typeId).groups.has(String(input.groupName))) {
      throw validationError(`Property group ${String(input.groupName)} does not exist.`);
    }
    d.type = type;
    d.fieldType = fieldType;
    if (typeof input.label === 'string') d.label = input.label;
    if (typeof input.description === 'string') d.description = input.description;
    if (typeof input.groupName === 'string') d.groupName = input.groupName;
    if (typeof input.displayOrder === 'number') d.displayOrder = input.displayOrder;
    if (typeof input.hidden === 'boolean') d.hidden = input.hidden;
    if (typeof input.formField === 'boolean') d.formField = input.formField;
    if (typeof input.calculationFormula === 'string') d.calculationFormula = input.calculationFormula;
    if (input.options !== undefined) d.options = this.checkOptions(input.options, type);
    d.updatedAt = now;
    return d;
  }

  archive(typeId: string, name: string, now: number): void {
    const d = this.get(typeId, name);
    if (!d) throw resourceNotFound(`Unable to find property ${name}`);
    if (!d.archivable) throw validationError(`Property ${name} is a HubSpot-defined property and cannot be archived.`);
    d.archived = true;
    d.archivedAt = now;
    d.updatedAt = now;
  }

  /** Batch archive answers 204 even for missing or already-archived names (reference §7). */
  archiveQuietly(typeId: string, name: string, now: number): void {
    const d = this.get(typeId, name);
    if (d && d.archivable) {
      d.archived = true;
      d.archivedAt = now;
    }
  }

  listGroups(typeId: string): PropertyGroup[] {
    return [...this.state(typeId).groups.values()].filter((g) => !g.archived);
  }

  getGroup(typeId: string, name: string): PropertyGroup {
    const g = this.state(typeId).groups.get(name);
    if (!g || g.archived) throw resourceNotFound(`Unable to find property group ${name}`);
    return g;
  }

  createGroup(typeId: string, input: { name?: unknown; label?: unknown; displayOrder?: unknown }): PropertyGroup {
    if (typeof input.name !== 'string' || typeof input.label !== 'string' || input.name === '' || input.label === '') {
      throw validationError('Invalid input: name and label are required', [{ message: 'name and label are required', code: 'REQUIRED_FIELD' }]);
    }
    if (!NAME.test(input.name)) throw validationError(`Property group name ${input.name} is invalid.`);
    const groups = this.state(typeId).groups;
    const existing = groups.get(input.name);
    if (existing && !existing.archived) throw conflict(`Property group ${input.name} already exists`);
    const g: PropertyGroup = { name: input.name, label: input.label, displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1, archived: false };
    groups.set(g.name, g);
    return g;
  }

  updateGroup(typeId: string, name: string, input: { label?: unknown; displayOrder?: unknown }): PropertyGroup {
    const g = this.getGroup(typeId, name);
    if (typeof input.label === 'string') g.label = input.label;
    if (typeof input.displayOrder === 'number') g.displayOrder = input.displayOrder;
    return g;
  }

  archiveGroup(typeId: string, name: string): void {
    const g = this.getGroup(typeId, name);
    if (this.list(typeId).some((d) => d.groupName === name)) {
      throw validationError(`Property group ${name} still holds properties; move or archive them first.`);
    }
    g.archived = true;
  }

  private checkType(type: string): PropertyType {
    if (!(type in FIELD_TYPES)) {
      throw validationError(`Invalid property type ${type}: expected one of ${Object.keys(FIELD_TYPES).join(', ')}`, [
        { message: `invalid type ${type}`, code: 'INVALID_PROPERTY_TYPE' },
      ]);
    }
    return type as PropertyType;
  }

  private checkFieldType(type: PropertyType, fieldType: string): string {
    if (!FIELD_TYPES[type].includes(fieldType)) {
      throw validationError(`Invalid fieldType ${fieldType} for type ${type}: expected one of ${FIELD_TYPES[type].join(', ')}`, [
        { message: `fieldType ${fieldType} is not valid for type ${type}`, code: 'INVALID_FIELD_TYPE' },
      ]);
    }
    return fieldType;
  }

  private checkOptions(raw: unknown, type: PropertyType): PropertyOption[] {
    if (raw === undefined) return type === 'bool' ? [{ label: 'Yes', value: 'true', displayOrder: 0, hidden: false }, { label: 'No', value: 'false', displayOrder: 1, hidden: false }] : [];
    if (!Array.isArray(raw)) throw validationError('options must be an array of {label, value}');
    const seen = new Set<string>();
    return raw.map((o: unknown, i): PropertyOption => {
      const r = (o ?? {}) as Record<string, unknown>;
      if (typeof r.label !== 'string' || typeof r.value !== 'string' || r.value === '') {
        throw new ApiError(400, { message: `Option ${i} needs a label and a non-empty value`, category: 'VALIDATION_ERROR' });
      }
      if (seen.has(r.value)) throw validationError(`Duplicate option value ${r.value}`);
      seen.add(r.value);
      return {
        label: r.label,
        value: r.value,
        displayOrder: typeof r.displayOrder === 'number' ? r.displayOrder : i,
        hidden: r.hidden === true,
        ...(typeof r.description === 'string' ? { description: r.description } : {}),
      };
    });
  }
}

/** The properties API's JSON shape of a definition. */
export function propertyJson(d: PropertyDefinition): Record<string, unknown> {
  return {
    updatedAt: new Date(d.updatedAt).toISOString(),
    createdAt: new Date(d.createdAt).toISOString(),
    ...(d.archivedAt !== undefined ? { archivedAt: new Date(d.archivedAt).toISOString() } : {}),
    name: d.name,
    label: d.label,
    type: d.type,
    fieldType: d.fieldType,
    description: d.description,
    groupName: d.groupName,
    options: d.externalOptions ? [] : d.options,
    displayOrder: d.displayOrder,
    calculated: d.calculated,
    externalOptions: d.externalOptions,
    hasUniqueValue: d.hasUniqueValue,
    hidden: d.hidden,
    hubspotDefined: d.hubspotDefined,
    modificationMetadata: { archivable: d.archivable, readOnlyDefinition: d.readOnlyDefinition, readOnlyValue: d.readOnlyValue },
    formField: d.formField,
    archived: d.archived,
    ...(d.calculationFormula !== undefined ? { calculationFormula: d.calculationFormula } : {}),
    ...(d.referencedObjectType !== undefined ? { referencedObjectType: d.referencedObjectType } : {}),
    ...(d.showCurrencySymbol !== undefined ? { showCurrencySymbol: d.showCurrencySymbol } : {}),
  };
}
