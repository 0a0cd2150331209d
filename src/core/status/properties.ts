import type { PropertyDefinition, PropertyObjectType } from '../properties';
import type { Destination, StatusConfig, SyncObjectType } from './config-schema';

/**
 * The contract between any sync tool (a HubSpot workflow, Zapier, a sync app, a script) and this project: per
 * destination and object type, six properties in the `lead_ops` group. The tool writes the first five; only
 * `request_sync` writes `_requested_at`. The README's "Support and sync status" section documents the same table.
 *
 *   lead_ops_sync_<id>_status           synced | pending | failed | excluded   outcome of the tool's last attempt
 *   lead_ops_sync_<id>_last_synced_at   datetime   when the copy last matched HubSpot (a successful sync)
 *   lead_ops_sync_<id>_error            text       the destination's raw error of the last failed attempt
 *   lead_ops_sync_<id>_excluded_reason  text       why the tool does not sync this record
 *   lead_ops_sync_<id>_external_id      text       the record's id in the destination (for the link)
 *   lead_ops_sync_<id>_requested_at     datetime   a rep asked for a resync (written by request_sync)
 *
 * Names follow HubSpot's rules for internal names: lowercase letters, digits and underscores, at most 100
 * characters (the destination id is at most 40, so the longest name is 70).
 */

export const SYNC_STATUS_VALUES = ['synced', 'pending', 'failed', 'excluded'] as const;
export type SyncStatusValue = (typeof SYNC_STATUS_VALUES)[number];

export const SYNC_PROPERTY_PREFIX = 'lead_ops_sync_';
/** Every property this project writes starts with this; such properties never make a destination out of date. */
export const OWN_PROPERTY_PREFIX = 'lead_ops_';

export interface SyncPropertyNames {
  readonly status: string;
  readonly lastSyncedAt: string;
  readonly error: string;
  readonly excludedReason: string;
  readonly externalId: string;
  readonly requestedAt: string;
}

/** The six property names of one destination. */
export function syncPropertyNames(destinationId: string): SyncPropertyNames {
  const p = `${SYNC_PROPERTY_PREFIX}${destinationId}_`;
  return {
    status: `${p}status`,
    lastSyncedAt: `${p}last_synced_at`,
    error: `${p}error`,
    excludedReason: `${p}excluded_reason`,
    externalId: `${p}external_id`,
    requestedAt: `${p}requested_at`,
  };
}

/** True for the project's own output properties (DECISIONS 7: our own writes are not news). */
export const isOwnProperty = (name: string): boolean => name.startsWith(OWN_PROPERTY_PREFIX);

function syncDefinitions(d: Destination, objectType: SyncObjectType): PropertyDefinition[] {
  const n = syncPropertyNames(d.id);
  const base = { objectType, formField: false } as const;
  return [
    {
      ...base,
      name: n.status,
      label: `${d.name} sync status`,
      description: `Outcome of the last sync attempt to ${d.name}, written by the sync tool: synced, pending, failed or excluded. Read by Lead Ops (Support & Sync card).`,
      type: 'enumeration',
      fieldType: 'select',
      options: SYNC_STATUS_VALUES.map((value, displayOrder) => ({ label: value[0]?.toUpperCase() + value.slice(1), value, displayOrder })),
    },
    {
      ...base,
      name: n.lastSyncedAt,
      label: `${d.name} last synced at`,
      description: `When the copy in ${d.name} last matched HubSpot (the last successful sync), written by the sync tool.`,
      type: 'datetime',
      fieldType: 'date',
    },
    {
      ...base,
      name: n.error,
      label: `${d.name} sync error`,
      description: `The raw error ${d.name} returned on the last failed attempt, written by the sync tool; Lead Ops shows it with a plain-language explanation.`,
      type: 'string',
      fieldType: 'textarea',
    },
    {
      ...base,
      name: n.excludedReason,
      label: `${d.name} excluded reason`,
      description: `Why the sync tool does not copy this record to ${d.name} (e.g. "unsubscribed", "no email").`,
      type: 'string',
      fieldType: 'text',
    },
    {
      ...base,
      name: n.externalId,
      label: `${d.name} id`,
      description: `The record's id in ${d.name}, written by the sync tool; used for the link on the card.`,
      type: 'string',
      fieldType: 'text',
    },
    {
      ...base,
      name: n.requestedAt,
      label: `${d.name} resync requested at`,
      description: `When a rep asked for a resync to ${d.name} (Lead Ops "Retry sync"). The sync tool acts on records where it is newer than the last attempt.`,
      type: 'datetime',
      fieldType: 'date',
    },
  ];
}

/** The default ticket property for a help desk's ticket id, created by `lead-ops setup` when the config uses it. */
export const DEFAULT_HELP_DESK_ID_PROPERTY = 'lead_ops_helpdesk_ticket_id';

/**
 * Every property the status area needs in a portal, for `lead-ops setup`: the six sync properties per destination
 * and object type it syncs, and the help-desk id property on tickets when the configuration names one of ours
 * (a `lead_ops_*` name; a help desk integration's own property is left to that integration).
 */
export function statusPropertyDefinitions(config: StatusConfig): PropertyDefinition[] {
  const out: PropertyDefinition[] = [];
  for (const d of config.sync.destinations) for (const t of d.objectTypes) out.push(...syncDefinitions(d, t));
  const helpDesk = config.support.helpDesk;
  if (helpDesk && isOwnProperty(helpDesk.externalIdProperty)) {
    out.push({
      objectType: 'tickets' satisfies PropertyObjectType,
      name: helpDesk.externalIdProperty,
      label: `${helpDesk.name} ticket id`,
      description: `The ticket's id in ${helpDesk.name}, written by the help desk integration or a workflow; Lead Ops links to it.`,
      type: 'string',
      fieldType: 'text',
      formField: false,
    });
  }
  return out;
}
