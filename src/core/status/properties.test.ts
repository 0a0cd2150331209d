import { SupportConfigSchema, SyncConfigSchema, type StatusConfig } from './config-schema';
import { SYNC_STATUS_VALUES, isOwnProperty, statusPropertyDefinitions, syncPropertyNames } from './properties';
import { destination } from './test-fixtures';

const config = (over: Partial<StatusConfig> = {}): StatusConfig => ({
  support: SupportConfigSchema.parse({ helpDesk: { name: 'Zendesk', externalIdProperty: 'lead_ops_helpdesk_ticket_id' } }),
  sync: SyncConfigSchema.parse({}),
  ...over,
});

/** type → fieldType pairs HubSpot accepts (reference/hubspot-api.md §7). */
const VALID_FIELD_TYPES: Record<string, string[]> = {
  string: ['text', 'textarea'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  datetime: ['date'],
  date: ['date'],
  number: ['number'],
  bool: ['booleancheckbox'],
};

describe('syncPropertyNames', () => {
  it('names the six contract properties of a destination', () => {
    expect(syncPropertyNames('mailchimp')).toEqual({
      status: 'lead_ops_sync_mailchimp_status',
      lastSyncedAt: 'lead_ops_sync_mailchimp_last_synced_at',
      error: 'lead_ops_sync_mailchimp_error',
      excludedReason: 'lead_ops_sync_mailchimp_excluded_reason',
      externalId: 'lead_ops_sync_mailchimp_external_id',
      requestedAt: 'lead_ops_sync_mailchimp_requested_at',
    });
  });

  test.each`
    id
    ${'a'}
    ${'mailchimp'}
    ${`d${'x'.repeat(39)}`}
  `('names for id "$id" are valid HubSpot internal names of at most 100 characters', ({ id }) => {
    for (const name of Object.values(syncPropertyNames(id))) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(name.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('statusPropertyDefinitions', () => {
  const defs = statusPropertyDefinitions(config());

  it('declares six properties per destination and object type it syncs, plus the help-desk ticket id', () => {
    // mailchimp: contacts; google_sheets and zendesk: contacts and companies → 5 pairs × 6, + 1 ticket property.
    expect(defs).toHaveLength(5 * 6 + 1);
    expect(defs.filter((d) => d.objectType === 'companies').map((d) => d.name)).not.toContain('lead_ops_sync_mailchimp_status');
    expect(defs.filter((d) => d.objectType === 'tickets').map((d) => d.name)).toEqual(['lead_ops_helpdesk_ticket_id']);
  });

  it('every property is ours, unique per object type, out of forms, with a valid type/fieldType pair', () => {
    const seen = new Set<string>();
    for (const d of defs) {
      expect(isOwnProperty(d.name)).toBe(true);
      expect(seen.has(`${d.objectType}:${d.name}`)).toBe(false);
      seen.add(`${d.objectType}:${d.name}`);
      expect(d.formField).toBe(false);
      expect(VALID_FIELD_TYPES[d.type]).toContain(d.fieldType);
      expect(d.label.length).toBeGreaterThan(0);
      expect(d.description.length).toBeGreaterThan(0);
    }
  });

  it('the status is an enumeration of synced, pending, failed, excluded', () => {
    const status = defs.find((d) => d.name === 'lead_ops_sync_zendesk_status');
    expect(status?.type).toBe('enumeration');
    expect(status?.options?.map((o) => o.value)).toEqual([...SYNC_STATUS_VALUES]);
    expect(SYNC_STATUS_VALUES).toEqual(['synced', 'pending', 'failed', 'excluded']);
  });

  test.each`
    suffix               | type
    ${'last_synced_at'}  | ${'datetime'}
    ${'requested_at'}    | ${'datetime'}
    ${'error'}           | ${'string'}
    ${'excluded_reason'} | ${'string'}
    ${'external_id'}     | ${'string'}
  `('_$suffix is a $type', ({ suffix, type }) => {
    expect(defs.find((d) => d.name === `lead_ops_sync_google_sheets_${suffix}`)?.type).toBe(type);
  });

  it('leaves a help desk integration\'s own ticket property to that integration', () => {
    const external = config({ support: SupportConfigSchema.parse({ helpDesk: { name: 'Zendesk', externalIdProperty: 'zendesk_ticket_id' } }) });
    expect(statusPropertyDefinitions(external).some((d) => d.objectType === 'tickets')).toBe(false);
  });

  it('follows the configured destinations', () => {
    const only = config({ sync: { destinations: [destination({ id: 'brevo', name: 'Brevo' })] } });
    expect(statusPropertyDefinitions(only).filter((d) => d.objectType !== 'tickets').map((d) => d.name)).toEqual(
      Object.values(syncPropertyNames('brevo')),
    );
  });
});
