import type { SearchFilter } from '../hubspot';

/** The property HubSpot moves on every change of a record of this type (contacts name it differently). */
export const lastModifiedProperty = (objectType: string): string => (objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate');

/**
 * The records created or changed since `since` (keyset pages of 200), optionally narrowed by more filters (each
 * group holds them too). Our own writes move the last-modified date as well: callers judge what really changed.
 */
export function changedSinceRequest(objectType: string, since: number, properties: readonly string[], and: readonly SearchFilter[] = []) {
  return {
    filterGroups: [
      { filters: [...and, { propertyName: 'createdate', operator: 'GTE' as const, value: String(since) }] },
      { filters: [...and, { propertyName: lastModifiedProperty(objectType), operator: 'GTE' as const, value: String(since) }] },
    ],
    properties,
  };
}
