import { requestSyncWrite, syncRequestReadRequest } from './request-sync';
import { deriveSyncStatus } from './sync-status';
import { DAY, HOUR, MIN, NOW, ago, defaultDestinations, hist, record, type SyncFixture } from './test-fixtures';

const DESTINATIONS = defaultDestinations(); // mailchimp (contacts), google_sheets and zendesk (contacts, companies)

describe('requestSyncWrite: writes a request unless one is pending', () => {
  test.each<[string, 'write' | 'nothing', SyncFixture]>([
    ['never synced, no request', 'write', {}],
    ['in sync, no request', 'write', { status: 'synced', lastSyncedAt: ago(HOUR) }],
    ['failed, no request', 'write', { status: 'failed', error: 'timeout', lastSyncedAt: ago(DAY) }],
    ['excluded, no request', 'write', { status: 'excluded', excludedReason: 'no email' }],
    ['an old request the tool has since handled', 'write', { status: 'synced', lastSyncedAt: ago(HOUR), requestedAt: ago(2 * HOUR) }],
    [
      'a request handled by a later failure',
      'write',
      { status: 'failed', error: 'x', lastSyncedAt: ago(DAY), requestedAt: ago(HOUR), toolHistory: { status: hist(['failed', ago(MIN)]) } },
    ],
    ['a request newer than the last sync', 'nothing', { status: 'synced', lastSyncedAt: ago(HOUR), requestedAt: ago(5 * MIN) }],
    ['a request on a never-synced record', 'nothing', { requestedAt: ago(5 * MIN) }],
    ['a request after a failure, not handled yet', 'nothing', { status: 'failed', error: 'x', lastSyncedAt: ago(DAY), requestedAt: ago(5 * MIN) }],
  ])('%s -> %s', (_name, expected, sync) => {
    const result = requestSyncWrite('mailchimp', DESTINATIONS, record(sync), NOW);
    if (!result.ok) throw new Error(result.error.message);
    if (expected === 'write') {
      expect(result.value).toEqual({
        destination: 'mailchimp',
        requestedAt: NOW.toISOString(),
        properties: { lead_ops_sync_mailchimp_requested_at: NOW.toISOString() },
      });
    } else {
      expect(result.value).toEqual({ destination: 'mailchimp', requestedAt: sync.requestedAt, properties: null });
    }
  });

  it('is idempotent: applying its write and asking again writes nothing and answers the same time', () => {
    const before = record({ status: 'synced', lastSyncedAt: ago(HOUR) });
    const first = requestSyncWrite('mailchimp', DESTINATIONS, before, NOW);
    if (!first.ok || !first.value.properties) throw new Error('expected a write');
    const after = { ...before, properties: { ...before.properties, ...first.value.properties } };
    const later = new Date(NOW.getTime() + 2_000);
    const second = requestSyncWrite('mailchimp', DESTINATIONS, after, later);
    expect(second).toEqual({ ok: true, value: { destination: 'mailchimp', requestedAt: NOW.toISOString(), properties: null } });
    expect(deriveSyncStatus(DESTINATIONS[0]!, after, later)).toMatchObject({ state: 'pending', resyncRequestedAt: NOW.toISOString() });
  });

  it('writes only the request property: never a status, error or sync time of the tool', () => {
    const r = requestSyncWrite('zendesk', DESTINATIONS, record({}, {}, { destinationId: 'zendesk', objectType: 'companies' }), NOW);
    expect(r.ok && r.value.properties && Object.keys(r.value.properties)).toEqual(['lead_ops_sync_zendesk_requested_at']);
  });
});

describe('requestSyncWrite: refusals', () => {
  test.each`
    destination         | objectType     | message
    ${'hubspot'}        | ${'contacts'}  | ${'Unknown sync destination "hubspot". Known destinations for contacts: "mailchimp", "google_sheets", "zendesk". Destinations are configured under sync.destinations in lead-ops.config.json.'}
    ${'Mailchimp'}      | ${'contacts'}  | ${'Unknown sync destination "Mailchimp". Known destinations for contacts: "mailchimp", "google_sheets", "zendesk". Destinations are configured under sync.destinations in lead-ops.config.json.'}
    ${'<script>x'}      | ${'companies'} | ${'Unknown sync destination "<script>x". Known destinations for companies: "google_sheets", "zendesk". Destinations are configured under sync.destinations in lead-ops.config.json.'}
    ${'mailchimp'}      | ${'companies'} | ${'Mailchimp does not sync companies (only contacts). Known destinations for companies: "google_sheets", "zendesk".'}
  `('$destination on $objectType is refused', ({ destination, objectType, message }) => {
    const r = requestSyncWrite(destination, DESTINATIONS, record({}, {}, { objectType }), NOW);
    expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
  });

  it('says when no destination is configured at all', () => {
    const r = requestSyncWrite('mailchimp', [], record(), NOW);
    expect(!r.ok && r.error.message).toBe(
      'Unknown sync destination "mailchimp". No destination syncs contacts. Destinations are configured under sync.destinations in lead-ops.config.json.',
    );
  });
});

describe('syncRequestReadRequest', () => {
  it('reads what the idempotency check needs: the request, the last sync and the history of the tool-written properties', () => {
    expect(syncRequestReadRequest('zendesk')).toEqual({
      properties: ['lead_ops_sync_zendesk_status', 'lead_ops_sync_zendesk_last_synced_at', 'lead_ops_sync_zendesk_requested_at'],
      propertiesWithHistory: ['lead_ops_sync_zendesk_status', 'lead_ops_sync_zendesk_error', 'lead_ops_sync_zendesk_excluded_reason'],
    });
  });
});
