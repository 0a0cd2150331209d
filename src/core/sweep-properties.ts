import type { PropertyDefinition } from './properties';

/**
 * What `lead-ops sweep` remembers between runs, on the records themselves (it keeps no state of its own). A changed
 * company moves its contacts' scores; a run rescores at most a set number of contacts of changed companies, and a
 * company whose contacts it could not all reach carries the id of the last contact it rescored, so the next run
 * continues after it, whether or not the company changed again.
 */
export const CONTACTS_PENDING_PROPERTY = 'lead_ops_contacts_pending_after';

export const SWEEP_PROPERTIES: readonly PropertyDefinition[] = [
  {
    objectType: 'companies',
    name: CONTACTS_PENDING_PROPERTY,
    label: 'Contacts waiting for a rescore',
    description:
      'Set by Lead Ops when this company changed and not all of its contacts could be rescored in one sweep: the id of the last contact rescored ("0" when none yet). The next sweep continues after it; empty when nothing is waiting.',
    type: 'string',
    fieldType: 'text',
    formField: false,
  },
];
