import { deriveSyncStatus, syncReadRequest, type SyncState } from './sync-status';
import { DAY, HOSTILE, HOUR, MIN, NOW, ago, defaultDestinations, destination, hist, record, type SyncFixture } from './test-fixtures';
import type { HistoryEntry } from './records';

const MAILCHIMP = destination();
const SYNCED_2H: SyncFixture = { status: 'synced', lastSyncedAt: ago(2 * HOUR) };
const OLD_EMAIL = hist(['ada@example.com', ago(5 * DAY)]);
const emailChangedAt = (at: string): Record<string, HistoryEntry[]> => ({
  email: hist(['ada.l@example.com', at], ['ada@example.com', ago(5 * DAY)]),
});

describe('deriveSyncStatus: every state', () => {
  test.each<[string, SyncFixture, Record<string, HistoryEntry[]>, SyncState]>([
    ['nothing written by the tool -> never synced', {}, {}, 'never_synced'],
    ['empty strings everywhere -> never synced', { status: '', lastSyncedAt: '', error: '' }, {}, 'never_synced'],
    ['synced, synced properties unchanged since -> in sync', SYNCED_2H, { email: OLD_EMAIL }, 'in_sync'],
    ['synced, email changed an hour after the sync -> out of date', SYNCED_2H, emailChangedAt(ago(HOUR)), 'out_of_date'],
    ['synced, change 14 min after the sync (tolerance 15) -> in sync', SYNCED_2H, emailChangedAt(ago(2 * HOUR - 14 * MIN)), 'in_sync'],
    ['synced, change exactly 15 min after the sync -> in sync (boundary)', SYNCED_2H, emailChangedAt(ago(2 * HOUR - 15 * MIN)), 'in_sync'],
    ['synced, change 15 min + 1 ms after the sync -> out of date (boundary)', SYNCED_2H, emailChangedAt(ago(2 * HOUR - 15 * MIN - 1)), 'out_of_date'],
    ['synced, change before the sync -> in sync', SYNCED_2H, emailChangedAt(ago(3 * HOUR)), 'in_sync'],
    [
      'synced, value changed and changed back after the sync -> in sync',
      SYNCED_2H,
      { email: hist(['ada@example.com', ago(HOUR)], ['typo@example.com', ago(90 * MIN)], ['ada@example.com', ago(5 * DAY)]) },
      'in_sync',
    ],
    [
      'synced, property first set after the sync (empty before) -> out of date',
      SYNCED_2H,
      { firstname: hist(['Ada', ago(HOUR)]) },
      'out_of_date',
    ],
    [
      'synced, a property the destination does not sync changed -> in sync',
      SYNCED_2H,
      { jobtitle: hist(['CTO', ago(HOUR)], ['Engineer', ago(5 * DAY)]), email: OLD_EMAIL },
      'in_sync',
    ],
    ['status "SYNCED" in capitals is read the same -> in sync', { status: 'SYNCED', lastSyncedAt: ago(HOUR) }, {}, 'in_sync'],
    ['status synced without a time -> in sync (time unknown)', { status: 'synced' }, {}, 'in_sync'],
    ['a last sync time without a status -> judged by history', { lastSyncedAt: ago(2 * HOUR) }, emailChangedAt(ago(HOUR)), 'out_of_date'],
    ['status pending written by the tool -> pending', { status: 'pending', lastSyncedAt: ago(DAY) }, {}, 'pending'],
    ['status excluded -> excluded', { status: 'excluded', excludedReason: 'unsubscribed' }, {}, 'excluded'],
    ['status failed -> failed', { status: 'failed', error: 'Member Exists', lastSyncedAt: ago(DAY) }, {}, 'failed'],
    ['resync requested after the last sync -> pending', { ...SYNCED_2H, requestedAt: ago(10 * MIN) }, {}, 'pending'],
    ['resync requested before the last sync -> in sync (handled)', { ...SYNCED_2H, requestedAt: ago(3 * HOUR) }, {}, 'in_sync'],
    ['resync requested on a never-synced record -> pending', { requestedAt: ago(MIN) }, {}, 'pending'],
    [
      'requested after a failure, the tool failed again later -> failed (request handled)',
      {
        status: 'failed',
        error: 'timeout',
        lastSyncedAt: ago(DAY),
        requestedAt: ago(HOUR),
        toolHistory: { status: hist(['failed', ago(30 * MIN)], ['synced', ago(DAY)]) },
      },
      {},
      'failed',
    ],
    [
      'requested after a failure, not handled yet -> pending',
      { status: 'failed', error: 'timeout', lastSyncedAt: ago(DAY), requestedAt: ago(HOUR), toolHistory: { status: hist(['failed', ago(2 * HOUR)]) } },
      {},
      'pending',
    ],
    [
      'requested after an exclusion, handled by a later exclusion -> excluded',
      { status: 'excluded', excludedReason: 'no email', requestedAt: ago(HOUR), toolHistory: { excludedReason: hist(['no email', ago(MIN)]) } },
      {},
      'excluded',
    ],
  ])('%s', (_name, sync, history, expected) => {
    expect(deriveSyncStatus(MAILCHIMP, record(sync, history), NOW).state).toBe(expected);
  });
});

describe('deriveSyncStatus: our own writes are not news (DECISIONS 7)', () => {
  it('ignores lastmodifieddate even when it is newer than the last sync', () => {
    const r = record(SYNCED_2H, { email: OLD_EMAIL }, { properties: { lastmodifieddate: NOW.toISOString() } });
    expect(deriveSyncStatus(MAILCHIMP, r, NOW).state).toBe('in_sync');
  });

  it('never counts a lead_ops_* property, even when the destination lists it', () => {
    const d = destination({ syncedProperties: { contacts: ['email', 'lead_ops_score', 'lead_ops_band'], companies: [] } });
    const r = record(SYNCED_2H, {
      email: OLD_EMAIL,
      lead_ops_score: hist(['87', ago(MIN)], ['40', ago(5 * DAY)]),
      lead_ops_band: hist(['A1', ago(MIN)]),
    });
    const s = deriveSyncStatus(d, r, NOW);
    expect(s.state).toBe('in_sync');
    expect(s.changedSinceSync).toEqual([]);
  });

  it('does not ask for the history of lead_ops_* properties', () => {
    const d = destination({ syncedProperties: { contacts: ['email', 'lead_ops_score'], companies: [] } });
    expect(syncReadRequest('contacts', [d]).propertiesWithHistory).not.toContain('lead_ops_score');
  });
});

describe('deriveSyncStatus: details', () => {
  it('lists what changed after the sync, newest first, and says so in the summary', () => {
    const r = record(SYNCED_2H, {
      email: hist(['new@example.com', ago(30 * MIN)], ['ada@example.com', ago(DAY)]),
      lastname: hist(['Byron', ago(HOUR)], ['Lovelace', ago(DAY)]),
    });
    const s = deriveSyncStatus(MAILCHIMP, r, NOW);
    expect(s.changedSinceSync).toEqual([
      { property: 'email', at: ago(30 * MIN) },
      { property: 'lastname', at: ago(HOUR) },
    ]);
    expect(s.summary).toBe('Out of date in Mailchimp: email, lastname changed in HubSpot after the last sync.');
    expect(s.lastSyncedAt).toBe(ago(2 * HOUR));
  });

  it('reads epoch-millisecond timestamps as HubSpot may send them', () => {
    const synced = String(NOW.getTime() - 2 * HOUR);
    const r = record({ status: 'synced', lastSyncedAt: synced }, { email: [{ value: 'x@example.com', timestamp: String(NOW.getTime() - HOUR) }] });
    const s = deriveSyncStatus(MAILCHIMP, r, NOW);
    expect(s.state).toBe('out_of_date');
    expect(s.lastSyncedAt).toBe(ago(2 * HOUR));
  });

  it('reports when a resync was requested and how long it has waited', () => {
    const s = deriveSyncStatus(MAILCHIMP, record({ ...SYNCED_2H, requestedAt: ago(10 * MIN) }), NOW);
    expect(s).toMatchObject({ state: 'pending', resyncRequested: true, resyncRequestedAt: ago(10 * MIN) });
    expect(s.summary).toBe('Resync with Mailchimp requested 10 min ago; waiting for the sync tool to pick it up.');
  });

  it('keeps the last failure visible while a retry is pending', () => {
    const s = deriveSyncStatus(MAILCHIMP, record({ status: 'failed', error: 'Member Exists', requestedAt: ago(MIN) }), NOW);
    expect(s.state).toBe('pending');
    expect(s.error?.raw).toBe('Member Exists');
  });

  it('does not report a handled request as requested', () => {
    const s = deriveSyncStatus(MAILCHIMP, record({ ...SYNCED_2H, requestedAt: ago(3 * HOUR) }), NOW);
    expect(s.resyncRequested).toBe(false);
    expect(s.resyncRequestedAt).toBeNull();
  });

  test.each`
    reason            | expected                                         | summary
    ${'unsubscribed'} | ${'unsubscribed'}                                | ${'Not synced to Mailchimp: unsubscribed'}
    ${null}           | ${'no reason given'}                             | ${'Excluded from Mailchimp (the sync tool gave no reason).'}
    ${'   '}          | ${'no reason given'}                             | ${'Excluded from Mailchimp (the sync tool gave no reason).'}
  `('excluded with reason $reason', ({ reason, expected, summary }) => {
    const s = deriveSyncStatus(MAILCHIMP, record({ status: 'excluded', excludedReason: reason }), NOW);
    expect(s.excludedReason).toBe(expected);
    expect(s.summary).toBe(summary);
  });

  it('explains a failure in plain language and keeps the raw message', () => {
    const raw = 'Member Exists: ada@example.com is already a list member. Use PUT to insert or update list members.';
    const s = deriveSyncStatus(MAILCHIMP, record({ status: 'failed', error: raw }), NOW);
    expect(s.error).toEqual({
      plain: expect.stringContaining('Mailchimp already has this email address'),
      raw,
      ruleId: 'member_exists',
    });
    expect(s.summary).toBe(s.error?.plain);
  });

  it('says so when a failure carries no message', () => {
    const s = deriveSyncStatus(MAILCHIMP, record({ status: 'failed' }), NOW);
    expect(s.error).toEqual({ plain: 'The last sync to Mailchimp failed, but the sync tool stored no error message.', raw: '', ruleId: 'empty' });
  });

  it('marks a destination that does not sync the object type as not applying', () => {
    const s = deriveSyncStatus(MAILCHIMP, record({ status: 'synced' }, {}, { objectType: 'companies' }), NOW);
    expect(s).toMatchObject({ applies: false, state: 'excluded', excludedReason: 'Mailchimp syncs contacts only', link: null });
  });
});

describe('deriveSyncStatus: links', () => {
  const zendesk = defaultDestinations().find((d) => d.id === 'zendesk');
  if (!zendesk) throw new Error('the default destinations include zendesk');

  test.each`
    objectType     | externalId   | expected
    ${'contacts'}  | ${'381'}     | ${'https://acme.zendesk.com/agent/users/381'}
    ${'companies'} | ${'77'}      | ${'https://acme.zendesk.com/agent/organizations/77'}
    ${'contacts'}  | ${'a/b?c#d'} | ${'https://acme.zendesk.com/agent/users/a%2Fb%3Fc%23d'}
    ${'contacts'}  | ${null}      | ${null}
  `('$objectType with external id $externalId -> $expected', ({ objectType, externalId, expected }) => {
    const r = record({ status: 'synced', lastSyncedAt: ago(HOUR), externalId }, {}, { objectType, destinationId: 'zendesk' });
    expect(deriveSyncStatus(zendesk, r, NOW).link).toBe(expected);
  });

  it('fills {objectId} and {objectType} without an external id', () => {
    const d = destination({ linkTemplate: 'https://sync.example.com/{objectType}/{objectId}' });
    expect(deriveSyncStatus(d, record({}, {}, { id: '4242' }), NOW).link).toBe('https://sync.example.com/contacts/4242');
  });

  it('has no link without a template', () => {
    expect(deriveSyncStatus(MAILCHIMP, record({ externalId: 'abc' }), NOW).link).toBeNull();
  });
});

describe('deriveSyncStatus: hostile strings are plain data', () => {
  test.each(Object.entries(HOSTILE))('%s error and exclusion reason pass through unchanged', (_name, text) => {
    const failed = deriveSyncStatus(MAILCHIMP, record({ status: 'failed', error: text }), NOW);
    expect(failed.error?.raw).toBe(text);
    const excluded = deriveSyncStatus(MAILCHIMP, record({ status: 'excluded', excludedReason: text }), NOW);
    expect(excluded.excludedReason).toBe(text.trim());
  });

  it('a 64 KB "Member Exists" message still gets its hint', () => {
    expect(deriveSyncStatus(MAILCHIMP, record({ status: 'failed', error: HOSTILE.big }), NOW).error?.ruleId).toBe('member_exists');
  });
});

describe('syncReadRequest', () => {
  it('asks for every contract property and the history of the synced properties of the destinations that apply', () => {
    const req = syncReadRequest('companies', defaultDestinations());
    expect(req.properties).toContain('lead_ops_sync_zendesk_status');
    expect(req.properties).toContain('lead_ops_sync_google_sheets_requested_at');
    expect(req.properties.some((p) => p.includes('mailchimp'))).toBe(false);
    expect(req.propertiesWithHistory).toEqual(
      expect.arrayContaining(['name', 'domain', 'industry', 'lead_ops_sync_zendesk_status', 'lead_ops_sync_zendesk_error']),
    );
  });
});
