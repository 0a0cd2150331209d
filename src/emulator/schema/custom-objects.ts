import { conflict, resourceNotFound, validationError } from '../http/errors';
import { customObjectType, type ObjectType } from './object-types';
import { propertyJson, type PropertyInput } from './property-registry';
import type { Portal } from '../store/portal';

/**
 * Custom object schemas (the schemas API, `/crm-object-schemas/2026-09/schemas`). Creating a schema registers a
 * new object type `2-<n>` named `p<portalId>_<name>`: its records live behind the objects endpoints like any
 * other, under the `crm.objects.custom.*` scopes, with HubSpot's system properties plus the schema's own.
 * The schema's `associatedObjects` become association definitions listed on the schema; records of a custom
 * object cannot be associated through the associations endpoints yet.
 */

export interface AssociationDefinition {
  readonly id: string;
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
  readonly name?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface CustomObjectSchema {
  readonly id: string;
  readonly objectTypeId: string;
  readonly name: string;
  readonly fullyQualifiedName: string;
  labels: { singular?: string; plural?: string };
  description?: string;
  primaryDisplayProperty?: string;
  secondaryDisplayProperties: string[];
  searchableProperties: string[];
  requiredProperties: string[];
  allowsSensitiveProperties: boolean;
  archived: boolean;
  readonly associations: AssociationDefinition[];
  readonly createdAt: number;
  updatedAt: number;
}

/** First schema id handed out: HubSpot's custom object ids are large numbers (`2-3508482`). */
const FIRST_SCHEMA_ID = 3_500_001;
const FIRST_ASSOCIATION_ID = 1000;
const NAME = /^[a-z][a-z0-9_]*$/i;

const iso = (ms: number) => new Date(ms).toISOString();
const strings = (v: unknown, field: string): string[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw validationError(`${field} must be an array of property names`);
  return v as string[];
};

export class CustomObjectStore {
  private readonly schemas = new Map<string, CustomObjectSchema>();
  private nextId = FIRST_SCHEMA_ID;
  private nextAssociationId = FIRST_ASSOCIATION_ID;

  constructor(private readonly portal: Portal) {}

  list(archived: boolean): CustomObjectSchema[] {
    return [...this.schemas.values()].filter((s) => s.archived === archived);
  }

  /** A live schema by object type id (`2-…`), fully qualified name or name. */
  get(segment: string): CustomObjectSchema {
    const needle = segment.toLowerCase();
    const s = [...this.schemas.values()].find((x) => !x.archived && (x.objectTypeId === segment || x.fullyQualifiedName.toLowerCase() === needle || x.name.toLowerCase() === needle));
    if (!s) throw resourceNotFound(`Unable to find object schema for ${segment}`);
    return s;
  }

  create(body: Record<string, unknown>): CustomObjectSchema {
    const name = body.name;
    if (typeof name !== 'string' || !NAME.test(name)) throw validationError('name is required: letters, digits and underscores, starting with a letter');
    const labels = (body.labels ?? {}) as { singular?: unknown; plural?: unknown };
    if (typeof labels.singular !== 'string' || typeof labels.plural !== 'string') throw validationError('labels.singular and labels.plural are required');
    if (!Array.isArray(body.properties) || body.properties.length === 0) throw validationError('properties must list at least one property');
    // Wording unverified; HubSpot answers a second schema of the same name with a conflict.
    if ([...this.schemas.values()].some((s) => !s.archived && s.name.toLowerCase() === name.toLowerCase())) throw conflict(`An object schema named ${name} already exists`);
    const props = body.properties as PropertyInput[];
    const names = props.map((p) => String(p.name ?? ''));
    const known = (list: string[], field: string) => {
      const unknown = list.filter((n) => !names.includes(n));
      if (unknown.length > 0) throw validationError(`${field} names properties the schema does not define: ${unknown.join(', ')}`);
      return list;
    };
    const requiredProperties = known(strings(body.requiredProperties, 'requiredProperties'), 'requiredProperties');
    const searchableProperties = known(strings(body.searchableProperties, 'searchableProperties'), 'searchableProperties');
    const secondaryDisplayProperties = known(strings(body.secondaryDisplayProperties, 'secondaryDisplayProperties'), 'secondaryDisplayProperties');
    const primaryDisplayProperty = typeof body.primaryDisplayProperty === 'string' ? known([body.primaryDisplayProperty], 'primaryDisplayProperty')[0] : undefined;
    const associatedTypes = strings(body.associatedObjects, 'associatedObjects').map((segment) => {
      const t = this.portal.types.of(segment);
      if (!t) throw validationError(`associatedObjects: unknown object type ${segment}`);
      return t;
    });

    const n = this.nextId++;
    const now = this.portal.now();
    const fullyQualifiedName = `p${this.portal.config.portalId}_${name}`;
    const schema: CustomObjectSchema = {
      id: String(n),
      objectTypeId: `2-${n}`,
      name,
      fullyQualifiedName,
      labels: { singular: labels.singular, plural: labels.plural },
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      ...(primaryDisplayProperty !== undefined ? { primaryDisplayProperty } : {}),
      secondaryDisplayProperties,
      searchableProperties,
      requiredProperties,
      allowsSensitiveProperties: body.allowsSensitiveProperties === true,
      archived: false,
      associations: [],
      createdAt: now,
      updatedAt: now,
    };
    const type = this.typeOf(schema);
    this.portal.addObjectType(type, `${labels.singular} information`);
    const group = this.portal.properties.listGroups(type.id)[0]?.name ?? '';
    for (const p of props) this.portal.properties.create(type.id, { groupName: group, ...p }, now);
    for (const to of associatedTypes) {
      schema.associations.push({ id: String(this.nextAssociationId++), fromObjectTypeId: schema.objectTypeId, toObjectTypeId: to.id, name: `${name}_to_${to.singular}`, createdAt: now, updatedAt: now });
    }
    this.schemas.set(schema.objectTypeId, schema);
    return schema;
  }

  /** PATCH: labels, description, display, searchable and required properties. Answers the type definition. */
  update(segment: string, body: Record<string, unknown>): CustomObjectSchema {
    const s = this.get(segment);
    const names = this.portal.properties.list(s.objectTypeId).map((d) => d.name);
    const known = (list: string[], field: string) => {
      const unknown = list.filter((n) => !names.includes(n));
      if (unknown.length > 0) throw validationError(`${field} names properties the object does not have: ${unknown.join(', ')}`);
      return list;
    };
    if (body.labels !== undefined) {
      const labels = body.labels as { singular?: unknown; plural?: unknown };
      if (typeof labels.singular === 'string') s.labels.singular = labels.singular;
      if (typeof labels.plural === 'string') s.labels.plural = labels.plural;
    }
    if (body.clearDescription === true) delete s.description;
    else if (typeof body.description === 'string') s.description = body.description;
    if (typeof body.primaryDisplayProperty === 'string') s.primaryDisplayProperty = known([body.primaryDisplayProperty], 'primaryDisplayProperty')[0];
    if (body.requiredProperties !== undefined) s.requiredProperties = known(strings(body.requiredProperties, 'requiredProperties'), 'requiredProperties');
    if (body.searchableProperties !== undefined) s.searchableProperties = known(strings(body.searchableProperties, 'searchableProperties'), 'searchableProperties');
    if (body.secondaryDisplayProperties !== undefined) s.secondaryDisplayProperties = known(strings(body.secondaryDisplayProperties, 'secondaryDisplayProperties'), 'secondaryDisplayProperties');
    if (typeof body.allowsSensitiveProperties === 'boolean') s.allowsSensitiveProperties = body.allowsSensitiveProperties;
    s.updatedAt = this.portal.now();
    this.portal.types.replace(this.typeOf(s));
    return s;
  }

  /** Archives a schema; HubSpot refuses while the object still has records (wording chosen). */
  archive(segment: string): void {
    const s = this.get(segment);
    const live = this.portal.ordered(s.objectTypeId).filter((r) => !r.archived).length;
    if (live > 0) throw validationError(`Object ${s.name} still has ${live} records; delete them before deleting its schema`);
    s.archived = true;
    s.updatedAt = this.portal.now();
  }

  private typeOf(s: CustomObjectSchema): ObjectType {
    return customObjectType(s.objectTypeId, s.fullyQualifiedName, s.labels.singular ?? s.name, {
      searchable: s.searchableProperties,
      display: [s.primaryDisplayProperty, ...s.secondaryDisplayProperties].filter((x): x is string => x !== undefined),
      required: s.requiredProperties,
    });
  }
}

/** The type definition part of a schema (what PATCH answers). */
export function objectTypeDefinitionJson(s: CustomObjectSchema, portalId: number): Record<string, unknown> {
  return {
    id: s.id,
    objectTypeId: s.objectTypeId,
    name: s.name,
    fullyQualifiedName: s.fullyQualifiedName,
    labels: s.labels,
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.primaryDisplayProperty !== undefined ? { primaryDisplayProperty: s.primaryDisplayProperty } : {}),
    secondaryDisplayProperties: s.secondaryDisplayProperties,
    searchableProperties: s.searchableProperties,
    requiredProperties: s.requiredProperties,
    allowsSensitiveProperties: s.allowsSensitiveProperties,
    archived: s.archived,
    portalId,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

/** A whole schema: the type definition, its properties and association definitions. */
export function objectSchemaJson(portal: Portal, s: CustomObjectSchema, include: { properties: boolean; associations: boolean }): Record<string, unknown> {
  const { portalId: _portalId, ...definition } = objectTypeDefinitionJson(s, portal.config.portalId);
  return {
    ...definition,
    properties: include.properties ? portal.properties.list(s.objectTypeId).map(propertyJson) : [],
    associations: include.associations
      ? s.associations.map((a) => ({ id: a.id, fromObjectTypeId: a.fromObjectTypeId, toObjectTypeId: a.toObjectTypeId, ...(a.name ? { name: a.name } : {}), createdAt: iso(a.createdAt), updatedAt: iso(a.updatedAt) }))
      : [],
  };
}
