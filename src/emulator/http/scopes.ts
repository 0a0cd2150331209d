import type { ObjectType } from '../schema/object-types';

/**
 * Scopes of the endpoints whose HubSpot spec lists one union for every object type (properties, pipelines,
 * associations: "any one listed suffices"). The emulator narrows each union to the scopes that name the object
 * type in the path, so a token for contacts cannot read ticket pipelines. The narrowing is our reading of the specs
 * (unverified against a live portal). Objects and owners use their specs' scopes as written (object-types.ts).
 */

/** Scopes that grant access to records of a type, for association endpoints (read or write). */
export function associationScopes(t: ObjectType): string[] {
  if (t.isCustom) return ['crm.objects.custom.read', 'crm.objects.custom.write'];
  if (t.id === '0-5') return ['tickets'];
  if (t.id === '0-46') return ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.notes.read'];
  return [`crm.objects.${t.name}.read`, `crm.objects.${t.name}.write`];
}

/** Reading property definitions and groups of a type. */
export function propertyReadScopes(t: ObjectType): string[] {
  if (t.isCustom) return ['crm.schemas.custom.read', 'crm.objects.custom.read'];
  if (t.id === '0-5') return ['crm.schemas.tickets.read', 'tickets'];
  if (t.id === '0-46') return ['crm.schemas.notes.read', 'crm.objects.notes.read', 'crm.objects.contacts.read'];
  return [`crm.schemas.${t.name}.read`, `crm.objects.${t.name}.read`, `crm.objects.${t.name}.write`];
}

/**
 * Creating, changing and archiving property definitions and groups of a type: `crm.schemas.<type>.write`, which
 * `lead-ops setup` needs to create the project's own properties.
 */
export function propertyWriteScopes(t: ObjectType): string[] {
  if (t.isCustom) return ['crm.schemas.custom.write'];
  if (t.id === '0-5') return ['crm.schemas.tickets.write', 'tickets'];
  // The properties spec lists no notes schema write scope; notes records live under the contacts scopes.
  if (t.id === '0-46') return ['crm.schemas.contacts.write'];
  return [`crm.schemas.${t.name}.write`];
}

/** Reading pipelines (deals, tickets). */
export function pipelineReadScopes(t: ObjectType): string[] {
  if (t.id === '0-5') return ['tickets', 'crm.schemas.tickets.read'];
  return ['crm.objects.deals.read', 'crm.objects.deals.write', 'crm.schemas.deals.read'];
}

/** Changing pipelines and stages. */
export function pipelineWriteScopes(t: ObjectType): string[] {
  if (t.id === '0-5') return ['tickets', 'crm.schemas.tickets.write'];
  return ['crm.schemas.deals.write'];
}

/** Owners, v3 and 2026-09 (spec: `crm.objects.owners.read` or `automation`). */
export const OWNER_SCOPES = ['crm.objects.owners.read', 'automation'];

/** Reading custom object schemas (2026-09 schemas spec: any one of these). */
export const SCHEMA_READ_SCOPES = ['crm.schemas.custom.read', 'crm.objects.custom.read'];
/** Creating, changing and deleting custom object schemas. */
export const SCHEMA_WRITE_SCOPES = ['crm.schemas.custom.write'];

/**
 * Reading property validation rules: the spec lists a long union (any CRM read or schema scope); the emulator
 * narrows it to the scopes of the object type, like the properties API.
 */
export const validationReadScopes = (t: ObjectType): string[] => [...propertyReadScopes(t), ...t.readScopes, 'automation'];
/** Setting property validation rules: the schema write scope of the object type. */
export const validationWriteScopes = propertyWriteScopes;
