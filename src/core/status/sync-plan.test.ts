import { deriveSyncStatus } from './sync-status';
import { afterWrite, syncOutcomeWrite, syncRecordReadRequest, syncWorkFor, type SyncResult } from './sync-plan';
import { DAY, HOUR, MIN, NOW, ago, destination, hist, record, type SyncFixture } from './test-fixtures';
import type { HistoryEntry } from './records';

/** Mailchimp with its connector: judged without tolerance, as the project syncs it itself. */
const CONNECTED = destination({ connector: { type: 'mailchimp', listId: 'leadops01', mergeFields: { FNAME: 'firstname', LNAME: 'lastname' } } });
const EXTERNAL = destination();
const SYNCED_2H: SyncFixture = { status: 'synced', lastSyncedAt: ago(2 * HOUR), externalId: 'abc' };
const emailChangedAt = (at: string): Record<string, HistoryEntry[]> => ({ email: hist(['ada.l@example.com', at], ['ada@example.com', ago(5 * DAY)]) });

describe('syncWorkFor: what the sweep sends', () => {
  test.each<[string, SyncFixture, Record<string, HistoryEntry[]>, boolean, string]>([
    ['never synced', {}, {}, true, 'never_synced'],
    ['in sync, nothing changed', SYNCED_2H, {}, false, 'in_sync'],
    ['a synced property changed after the sync', SYNCED_2H, emailChangedAt(ago(HOUR)), true, 'changed'],
    ['a change 5 min after the sync (no tolerance with a connector)', SYNCED_2H, emailChangedAt(ago(2 * HOUR - 5 * MIN)), true, 'changed'],
    ['a rep asked after the last attempt', { ...SYNCED_2H, requestedAt: ago(MIN) }, {}, true, 'requested'],
    ['left pending by the last attempt', { status: 'pending', toolHistory: { status: hist(['pending', ago(HOUR)]) } }, {}, true, 'queued'],
    ['failed, nothing changed since', { status: 'failed', error: '400 bad', toolHistory: { status: hist(['failed', ago(HOUR)]) } }, {}, false, 'failed'],
    ['failed, then a synced property changed', { status: 'failed', error: '400', toolHistory: { status: hist(['failed', ago(2 * HOUR)]) } }, emailChangedAt(ago(HOUR)), true, 'changed'],
    ['excluded, nothing changed since', { status: 'excluded', excludedReason: 'no email address', toolHistory: { status: hist(['excluded', ago(HOUR)]) } }, {}, false, 'excluded'],
    ['excluded, then the address was set', { status: 'excluded', excludedReason: 'no email address', toolHistory: { status: hist(['excluded', ago(2 * HOUR)]) } }, emailChangedAt(ago(HOUR)), true, 'changed'],
  ])('%s -> push %s (%s)', (_name, sync, history, push, reason) => {
    const work = syncWorkFor(CONNECTED, record(sync, history), NOW);
    expect({ push: work.push, reason: work.reason }).toEqual({ push, reason });
  });

  it('judges exactly as the card does: the card says out of date when the sweep sends a change', () => {
    const r = record(SYNCED_2H, emailChangedAt(ago(2 * HOUR - 5 * MIN)));
    expect(deriveSyncStatus(CONNECTED, r, NOW).state).toBe('out_of_date');
    // Another tool keeps its tolerance: the same change is within it.
    expect(deriveSyncStatus(EXTERNAL, r, NOW).state).toBe('in_sync');
  });

  it('leaves a record of a type the destination does not sync', () => {
    expect(syncWorkFor(CONNECTED, record({}, {}, { objectType: 'companies' }), NOW)).toMatchObject({ push: false, reason: 'not_applicable' });
  });
});

describe('syncOutcomeWrite: the six properties, changes only', () => {
  const n = (s: string) => `lead_ops_sync_mailchimp_${s}`;
  const write = (sync: SyncFixture, result: SyncResult, history: Record<string, HistoryEntry[]> = {}, requestedAt: string | null = null) =>
    syncOutcomeWrite(CONNECTED, record(sync, history), result, NOW, requestedAt);

  it('in sync after a failure: status, sync time and id written; error and request cleared', () => {
    expect(write({ status: 'failed', error: '503', requestedAt: ago(MIN) }, { state: 'in_sync', externalId: 'abc' })).toEqual({
      [n('status')]: 'synced',
      [n('external_id')]: 'abc',
      [n('error')]: '',
      [n('requested_at')]: '',
      [n('last_synced_at')]: NOW.toISOString(),
    });
  });

  it('in sync and already in sync: nothing to write (a second run writes nothing)', () => {
    expect(write(SYNCED_2H, { state: 'in_sync', externalId: 'abc' })).toBeNull();
  });

  it('in sync after a change the destination already had: only the sync time moves, so the record reads in sync', () => {
    const history = emailChangedAt(ago(HOUR));
    const out = write(SYNCED_2H, { state: 'in_sync', externalId: 'abc' }, history);
    expect(out).toEqual({ [n('last_synced_at')]: NOW.toISOString() });
    expect(deriveSyncStatus(CONNECTED, afterWrite(record(SYNCED_2H, history), out, NOW), NOW).state).toBe('in_sync');
  });

  it('excluded: status and reason, the request cleared, the sync time kept', () => {
    expect(write({ ...SYNCED_2H, requestedAt: ago(MIN) }, { state: 'excluded', reason: 'unsubscribed in Mailchimp', externalId: 'abc' })).toEqual({
      [n('status')]: 'excluded',
      [n('excluded_reason')]: 'unsubscribed in Mailchimp',
      [n('requested_at')]: '',
    });
  });

  it('failed: the raw error, capped; written again only when it differs', () => {
    const out = write(SYNCED_2H, { state: 'failed', raw: `400 ${'x'.repeat(5000)}` });
    expect(out?.[n('status')]).toBe('failed');
    expect(out?.[n('error')]).toHaveLength(2000);
    expect(write({ status: 'failed', error: '400 bad field' }, { state: 'failed', raw: '400 bad field' })).toBeNull();
  });

  it('pending from a Retry sync keeps the request; from a sweep it writes the status only', () => {
    expect(write(SYNCED_2H, { state: 'pending', reason: 'rate limited' }, {}, NOW.toISOString())).toEqual({ [n('status')]: 'pending', [n('requested_at')]: NOW.toISOString() });
    expect(write(SYNCED_2H, { state: 'pending', reason: 'rate limited' })).toEqual({ [n('status')]: 'pending' });
  });

  it('the card reads the written record as the new state', () => {
    const before = record({ status: 'failed', error: '503' });
    const written = syncOutcomeWrite(CONNECTED, before, { state: 'excluded', reason: 'unsubscribed in Mailchimp', externalId: 'abc' }, NOW);
    const status = deriveSyncStatus(CONNECTED, afterWrite(before, written, NOW), NOW);
    expect(status.state).toBe('excluded');
    expect(status.summary).toBe('Not synced to Mailchimp: unsubscribed in Mailchimp');
  });
});

describe('syncRecordReadRequest', () => {
  it('reads what the connectors copy besides the card\'s read, and a contact\'s company for a help desk', () => {
    const zendesk = destination({
      id: 'zendesk',
      name: 'Zendesk',
      kind: 'help_desk',
      objectTypes: ['contacts'],
      syncedProperties: { contacts: ['email', 'firstname', 'lastname', 'phone'], companies: [] },
      connector: { type: 'zendesk', subdomain: 'acme' },
    });
    const r = syncRecordReadRequest('contacts', [CONNECTED, zendesk]);
    expect(r.properties).toEqual(expect.arrayContaining(['email', 'firstname', 'lastname', 'phone', 'lead_ops_sync_zendesk_status', 'lead_ops_sync_mailchimp_requested_at']));
    expect(r.propertiesWithHistory).toEqual(expect.arrayContaining(['email', 'lead_ops_sync_mailchimp_status']));
    expect(r.associations).toEqual(['companies']);
    expect(syncRecordReadRequest('contacts', [CONNECTED]).associations).toEqual([]);
  });
});
