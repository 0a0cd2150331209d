import type { SearchSnapshot, StoredRecord } from '../types';
import { alwaysReturned } from '../schema/object-types';
import { associationTypeById } from '../associations/association-types';
import type { Portal } from './portal';

/**
 * Renders records as HubSpot's `SimplePublicObject(WithAssociations)`: `{id, properties, propertiesWithHistory?,
 * createdAt, updatedAt, archived, archivedAt?, associations?, url}`. Property values are strings; requested
 * properties without a value are `null` (or omitted: `emptyProperties: 'omit'`); unknown requested names are
 * ignored; `createdate`, the last-modified property and `hs_object_id` always come back.
 */
export interface RenderOptions {
  /** Requested properties; undefined or empty = the object's default properties. */
  readonly properties?: readonly string[];
  readonly propertiesWithHistory?: readonly string[];
  /** Association names requested with `?associations=` (plural, singular or type id). */
  readonly associations?: readonly string[];
  /** Render what search sees instead of the current state. */
  readonly snapshot?: SearchSnapshot;
  /** Write responses: these properties come back with their current value, "" when cleared. */
  readonly written?: readonly string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function recordJson(portal: Portal, rec: StoredRecord, opts: RenderOptions = {}): Record<string, unknown> {
  const t = portal.types.byId(rec.objectTypeId);
  const props = opts.snapshot?.properties ?? rec.properties;
  const requested = opts.properties && opts.properties.length > 0 ? opts.properties : t.defaultProperties;
  const withHistory = (opts.propertiesWithHistory ?? []).filter((n) => portal.properties.getIncludingArchived(t.id, n));
  const names = new Set<string>();
  for (const n of requested) if (portal.properties.getIncludingArchived(t.id, n)) names.add(n);
  for (const n of withHistory) names.add(n);
  for (const n of alwaysReturned(t)) names.add(n);
  const properties: Record<string, string | null> = {};
  for (const n of [...names].sort()) {
    const v = props[n];
    if (v !== undefined) properties[n] = v;
    else if (portal.config.emptyProperties === 'null') properties[n] = null;
  }
  for (const n of opts.written ?? []) properties[n] = props[n] ?? '';
  const out: Record<string, unknown> = { id: rec.id, properties };
  if (withHistory.length > 0) {
    const h: Record<string, unknown[]> = {};
    for (const n of withHistory) {
      h[n] = portal.historyOf(rec, n).map((e) => ({
        value: e.value,
        timestamp: iso(e.timestamp),
        sourceType: e.sourceType,
        ...(e.sourceId !== undefined ? { sourceId: e.sourceId } : {}),
        ...(e.sourceLabel !== undefined ? { sourceLabel: e.sourceLabel } : {}),
        ...(e.updatedByUserId !== undefined ? { updatedByUserId: e.updatedByUserId } : {}),
      }));
    }
    out.propertiesWithHistory = h;
  }
  out.createdAt = iso(rec.createdAt);
  out.updatedAt = iso(opts.snapshot?.updatedAt ?? rec.updatedAt);
  out.archived = rec.archived;
  if (rec.archivedAt !== undefined) out.archivedAt = iso(rec.archivedAt);
  if (opts.associations && opts.associations.length > 0) {
    const assoc: Record<string, unknown> = {};
    for (const name of opts.associations) {
      const toType = portal.types.of(name);
      if (!toType || toType.id === t.id) continue; // unknown association types are silently ignored (spec)
      const results: { id: string; type: string }[] = [];
      for (const e of portal.associations.list(t.id, rec.id, toType.id)) {
        if (!portal.live(toType.id, e.toId)) continue;
        for (const typeId of [...e.types].sort((a, b) => a - b)) {
          const at = associationTypeById(typeId);
          if (at) results.push({ id: e.toId, type: at.name });
        }
      }
      if (results.length > 0) assoc[name] = { results };
    }
    if (Object.keys(assoc).length > 0) out.associations = assoc;
  }
  out.url = `https://app.hubspot.com/contacts/${portal.config.portalId}/record/${t.id}/${rec.id}`;
  return out;
}
