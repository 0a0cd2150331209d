import type { PropertyDefinition } from '../properties';

/**
 * The routing properties, on contacts and companies (group `lead_ops`). `assign_owner` writes them together with
 * `hubspot_owner_id` in one update, so HubSpot's property history shows them with the owner change at the same
 * timestamp: that is how the routing history tells our assignments from anyone else's.
 */
export const ROUTING_PROPERTY_NAMES = {
  /** The tier id ("mid_market"), or "fallback". */
  tier: 'lead_ops_routing_tier',
  /** The rule in words: "numberofemployees = 320 → Mid-Market". */
  rule: 'lead_ops_routing_rule',
  /** When the owner was set by routing. Also what the recent-assignments search filters and sorts on. */
  routedAt: 'lead_ops_routed_at',
  /** Record id + hash of the decision: marks the decision on the record and in its timeline note (DECISIONS 1). */
  key: 'lead_ops_routing_key',
  /**
   * The id of the routing note of the current decision. The next episode only has to read the bodies of notes
   * newer than it to find duplicates (`noteIdsToInspect`), which usually means none.
   */
  noteId: 'lead_ops_routing_note_id',
} as const;

const OBJECT_TYPES = ['contacts', 'companies'] as const;

const definitionsFor = (objectType: (typeof OBJECT_TYPES)[number]): PropertyDefinition[] => [
  {
    objectType,
    name: ROUTING_PROPERTY_NAMES.tier,
    label: 'Routing tier',
    description: 'The routing tier (by company size) Lead Ops used for the current owner, or "fallback". Set by the app.',
    type: 'string',
    fieldType: 'text',
    formField: false,
  },
  {
    objectType,
    name: ROUTING_PROPERTY_NAMES.rule,
    label: 'Routing rule',
    description: 'Why Lead Ops chose the current owner, in words, e.g. "numberofemployees = 320 → Mid-Market". Set by the app.',
    type: 'string',
    fieldType: 'textarea',
    formField: false,
  },
  {
    objectType,
    name: ROUTING_PROPERTY_NAMES.routedAt,
    label: 'Routed at',
    description: 'When Lead Ops last assigned the owner. Set by the app.',
    type: 'datetime',
    fieldType: 'date',
    formField: false,
  },
  {
    objectType,
    name: ROUTING_PROPERTY_NAMES.key,
    label: 'Routing key',
    description: 'Identifies the last Lead Ops routing decision (record id and decision hash); the timeline note carries the same key. Set by the app.',
    type: 'string',
    fieldType: 'text',
    formField: false,
  },
  {
    objectType,
    name: ROUTING_PROPERTY_NAMES.noteId,
    label: 'Routing note id',
    description: 'The timeline note that explains the last Lead Ops routing decision. Set by the app.',
    type: 'string',
    fieldType: 'text',
    formField: false,
  },
];

/** Every routing property `lead-ops setup` creates. */
export const ROUTING_PROPERTIES: readonly PropertyDefinition[] = OBJECT_TYPES.flatMap(definitionsFor);
