/**
 * Every HubSpot API path the sandbox itself calls (for the record page, the cards' CRM hooks and HubSpot's CRM data
 * components), in one place. They use the date-based version 2026-09: HubSpot ends support for the v4 paths in
 * March 2027 and for v1–v3 in September 2027, and asks integrations to move straight to a date-based version.
 * The paths are those of HubSpot's 2026-09 OpenAPI specs (objects, associations, properties, pipelines, owners).
 */
export const API_VERSION = '2026-09';

const seg = (s: string | number): string => encodeURIComponent(String(s));

export const HUBSPOT_PATHS = {
  /** GET one record (`?properties=a,b`), PATCH its properties. */
  object: (objectType: string, objectId: string | number) => `/crm/objects/${API_VERSION}/${seg(objectType)}/${seg(objectId)}`,
  /** POST the CRM search. */
  search: (objectType: string) => `/crm/objects/${API_VERSION}/${seg(objectType)}/search`,
  /** POST a batch read of records by id. */
  batchRead: (objectType: string) => `/crm/objects/${API_VERSION}/${seg(objectType)}/batch/read`,
  /** GET a record's associations to one object type, with their labels (paged with `after`). */
  recordAssociations: (objectType: string, objectId: string | number, toObjectType: string) =>
    `/crm/objects/${API_VERSION}/${seg(objectType)}/${seg(objectId)}/associations/${seg(toObjectType)}`,
  /** POST a batch read of associations (with labels) from records of one type to another. */
  associationsBatchRead: (fromObjectType: string, toObjectType: string) => `/crm/associations/${API_VERSION}/${seg(fromObjectType)}/${seg(toObjectType)}/batch/read`,
  /** GET the association types (labels) between two object types. */
  associationLabels: (fromObjectType: string, toObjectType: string) => `/crm/associations/${API_VERSION}/${seg(fromObjectType)}/${seg(toObjectType)}/labels`,
  /** GET every property definition of an object type. */
  properties: (objectType: string) => `/crm/properties/${API_VERSION}/${seg(objectType)}`,
  /** GET the pipelines (with stages) of an object type. */
  pipelines: (objectType: string) => `/crm/pipelines/${API_VERSION}/${seg(objectType)}`,
  /** GET owners (paged with `after`). */
  owners: () => `/crm/owners/${API_VERSION}`,
} as const;
