import {
  Accordion,
  Alert,
  EmptyState,
  Link,
  LoadingButton,
  LoadingSpinner,
  StatisticsItem,
  StatusTag,
  Table,
  TableRow,
  Tag,
  Text,
  Tooltip,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { SupportSyncCard } from '../../app/cards/SupportSyncCard';
import type { ObjectTypeName, RecordStatusView } from '../../app/cards/shared/contracts';
import {
  NOW,
  failure,
  makeDestination,
  makeError,
  makeFailedDestination,
  makeRecordStatus,
  makeSyncRequest,
  makeTicket,
  makeTicketSummary,
} from './fixtures';
import { allText, deferred, installServerless, settle, uninstallServerless, type FakeServerless } from './harness';

const answer = (overrides: Partial<RecordStatusView> = {}) => ({ ok: true, status: makeRecordStatus(overrides) });

async function renderReady(fake: FakeServerless, objectType: ObjectTypeName = 'contacts') {
  const r = createRenderer('crm.record.tab');
  r.render(<SupportSyncCard objectId="101" objectType={objectType} />);
  await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'status-loading')).toBeNull());
  expect(fake.calls.length).toBeGreaterThan(0);
  return r;
}

afterEach(uninstallServerless);

describe('Support & Sync card: rendering', () => {
  it.each([
    ['contacts', ['associatedcompanyid']],
    ['companies', []],
  ] as const)('calls record_status for %s and shows a spinner until it answers', async (objectType, props) => {
    const pending = deferred();
    const fake = installServerless(() => pending.promise);
    const r = createRenderer('crm.record.tab');
    r.render(<SupportSyncCard objectId="101" objectType={objectType} />);
    expect(r.findByTestId(LoadingSpinner, 'status-loading').props.label).toBe('Loading tickets and sync status…');
    await settle();
    expect(fake.calls).toEqual([{ uid: 'record_status', parameters: { objectType, objectId: '101' }, propertiesToSend: [...props] }]);
    pending.resolve(answer({ objectType }));
    await r.waitFor(() => expect(r.findByTestId(Table, 'tickets-table')).toBeTruthy());
  });

  it('shows the ticket counts and a table of recent tickets with stage, priority, age, SLA, source and link', async () => {
    const fake = installServerless(() => answer());
    const r = await renderReady(fake);
    expect(r.findByTestId(StatisticsItem, 'tickets-open').props).toMatchObject({ label: 'Open', number: 2 });
    expect(r.findByTestId(StatisticsItem, 'tickets-breached').props).toMatchObject({ label: 'SLA breached', number: 1 });
    expect(r.findByTestId(StatisticsItem, 'tickets-closed').props).toMatchObject({ label: 'Closed in 30 days', number: 3 });
    expect(r.findAll(TableRow, (n) => String(n.props.testId ?? '').startsWith('ticket-row-'))).toHaveLength(3);

    expect(r.findByTestId(Text, 'ticket-subject-0').text).toBe('Cannot export invoices to CSV');
    expect(r.findByTestId(Text, 'ticket-stage-0').text).toBe('Waiting on us');
    expect(r.findByTestId(Text, 'ticket-priority-0').text).toBe('HIGH');
    expect(r.findByTestId(Text, 'ticket-age-0').text).toBe('6 h');
    expect(r.findByTestId(Tag, 'ticket-sla-0').props.variant).toBe('error');
    expect(r.findByTestId(Tag, 'ticket-sla-0').text).toBe('SLA breached');
    const overlay = r.findByTestId(Tag, 'ticket-sla-0').props.overlay;
    expect(overlay).toBeDefined();
    expect(allText(overlay!.find(Tooltip))).toBe('High priority open for more than 4 h');
    expect(r.findByTestId(Link, 'ticket-link-0').props.href).toEqual({ url: 'https://acme.zendesk.com/agent/tickets/4411', external: true });
    expect(r.findByTestId(Link, 'ticket-link-0').text).toBe('ZD-4411');
    expect(r.maybeFindByTestId(Tag, 'ticket-via-0')).toBeNull();

    expect(r.findByTestId(Tag, 'ticket-via-1').text).toBe('via company');
    expect(r.findByTestId(Tag, 'ticket-sla-1')).toMatchObject({ text: 'SLA at risk', props: expect.objectContaining({ variant: 'warning' }) });
    expect(r.findByTestId(Text, 'ticket-age-1').text).toBe('30 h');
    expect(r.maybeFindByTestId(Link, 'ticket-link-1')).toBeNull();

    expect(r.findByTestId(Tag, 'ticket-sla-2')).toMatchObject({ text: 'SLA met', props: expect.objectContaining({ variant: 'success' }) });
    expect(r.findByTestId(Text, 'ticket-age-2').text).toBe('9 d');
    expect(r.maybeFindByTestId(Text, 'tickets-more')).toBeNull();
    expect(r.maybeFindByTestId(Text, 'tickets-partial-counts')).toBeNull();
    expect(r.findByTestId(Text, 'status-search-lag').text).toBe(
      'Tickets changed in the last few seconds may not be listed yet (HubSpot search lags slightly).',
    );
  });

  it('says the counts cover only the newest N and how many more tickets there are', async () => {
    const fake = installServerless(() =>
      answer({
        tickets: makeTicketSummary({
          counts: { open: 61, breached: 9, closedLast30Days: 30 },
          items: [makeTicket(), makeTicket({ id: '9010' })],
          more: 238,
          total: 240,
          countsArePartial: true,
          countedTickets: 100,
        }),
      }),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'tickets-partial-counts').text).toBe('Counts cover the newest 100 of 240 tickets.');
    expect(r.findByTestId(Text, 'tickets-more').text).toBe('238 more tickets not shown (newest 2 listed).');
  });

  it('shows an empty state when there are no tickets', async () => {
    const fake = installServerless(() =>
      answer({ tickets: makeTicketSummary({ counts: { open: 0, breached: 0, closedLast30Days: 0 }, items: [], more: 0, total: 0 }) }),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(EmptyState, 'tickets-empty').props.title).toBe('No tickets');
    expect(allText(r.findByTestId(EmptyState, 'tickets-empty'))).toBe('Neither this contact nor its company has support tickets.');
    expect(r.maybeFindByTestId(Table, 'tickets-table')).toBeNull();
    expect(r.findByTestId(Table, 'sync-table')).toBeTruthy();
  });

  it('shows a row per sync destination: status, last synced, plain error with the raw message, exclusion, link', async () => {
    const fake = installServerless(() => answer());
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'sync-name-0').text).toBe('Mailchimp');
    expect(r.findByTestId(StatusTag, 'sync-status-0')).toMatchObject({ text: 'In sync', props: expect.objectContaining({ variant: 'success' }) });
    expect(r.findByTestId(Text, 'sync-last-0').text).toBe('45 minutes ago');
    expect(r.findByTestId(Link, 'sync-link-0').props.href).toEqual({
      url: 'https://us21.admin.mailchimp.com/lists/members/view?id=552',
      external: true,
    });

    expect(r.findByTestId(StatusTag, 'sync-status-1')).toMatchObject({ text: 'Failed', props: expect.objectContaining({ variant: 'danger' }) });
    expect(r.findByTestId(Text, 'sync-last-1').text).toBe('3 days ago');
    expect(r.findByTestId(Text, 'sync-error-1').text).toBe('Zendesk rejected the email address: it looks invalid.');
    expect(r.findByTestId(Accordion, 'sync-raw-1').props.title).toBe('Raw message');
    expect(r.findByTestId(Text, 'sync-raw-text-1').text).toBe(
      '422 Unprocessable Entity: {"error":"RecordInvalid","details":{"email":[{"description":"Email is invalid"}]}}',
    );
    expect(r.findByTestId(LoadingButton, 'sync-retry-1').text).toBe('Retry sync');

    expect(r.findByTestId(StatusTag, 'sync-status-2').text).toBe('Excluded');
    expect(r.findByTestId(Text, 'sync-excluded-2').text).toBe('Excluded: lifecycle stage is subscriber');
    expect(r.findByTestId(Text, 'sync-last-2').text).toBe('Never');
    expect(r.maybeFindByTestId(LoadingButton, 'sync-retry-2')).toBeNull();
  });

  it('says a failure or an exclusion once when the summary already says it', async () => {
    const plain = 'Mailchimp rejected the address: it looks fake or invalid.';
    const fake = installServerless(() =>
      answer({
        sync: [
          makeDestination({ state: 'failed', summary: plain, error: { plain, raw: 'Invalid Resource: looks fake or invalid' } }),
          makeDestination({ id: 'sheets', state: 'excluded', summary: 'Not synced to Sheets: internal record', excludedReason: 'internal record' }),
        ],
      }),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'sync-summary-0').text).toBe(plain);
    expect(r.maybeFindByTestId(Text, 'sync-error-0')).toBeNull();
    expect(r.findByTestId(Text, 'sync-raw-text-0').text).toBe('Invalid Resource: looks fake or invalid');
    expect(r.maybeFindByTestId(Text, 'sync-excluded-1')).toBeNull();
  });

  it.each([
    ['in_sync', 'In sync', 'success'],
    ['pending', 'Pending', 'info'],
    ['out_of_date', 'Out of date', 'warning'],
    ['failed', 'Failed', 'danger'],
    ['excluded', 'Excluded', 'default'],
    ['never_synced', 'Never synced', 'default'],
  ] as const)('tags a %s destination "%s"', async (state, label, variant) => {
    const fake = installServerless(() => answer({ sync: [makeDestination({ state })] }));
    const r = await renderReady(fake);
    expect(r.findByTestId(StatusTag, 'sync-status-0')).toMatchObject({ text: label, props: expect.objectContaining({ variant }) });
  });

  it('shows when a resync was already requested', async () => {
    const fake = installServerless(() =>
      answer({ sync: [makeDestination({ state: 'pending', resyncRequestedAt: new Date(Date.parse(NOW) - 10 * 60_000).toISOString() })] }),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'sync-requested-0').text).toBe('Resync requested 10 minutes ago.');
  });

  it('shows an empty state when no destination is configured', async () => {
    const fake = installServerless(() => answer({ sync: [] }));
    const r = await renderReady(fake);
    expect(r.findByTestId(EmptyState, 'sync-empty').props.title).toBe('No sync destinations configured');
    expect(r.maybeFindByTestId(Table, 'sync-table')).toBeNull();
    expect(r.findByTestId(Table, 'tickets-table')).toBeTruthy();
  });

  it('shows the sync status when the tickets did not load, and says what did not', async () => {
    const fake = installServerless(() => answer({ tickets: null, problems: [{ part: 'tickets', error: makeError('RATE_LIMITED') }] }));
    const r = await renderReady(fake);
    expect(r.findByTestId(Alert, 'status-partial').props.title).toBe('Some of this did not load');
    expect(r.findByTestId(Text, 'status-partial-tickets').text).toBe(
      'Tickets did not load: HubSpot is busy, try again in 10 s. The rest is shown below.',
    );
    expect(r.findByTestId(Alert, 'tickets-error').props.title).toBe('Tickets did not load: HubSpot is busy');
    expect(r.maybeFindByTestId(Table, 'tickets-table')).toBeNull();
    expect(r.findByTestId(Table, 'sync-table')).toBeTruthy();
    expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Failed');
  });

  it('shows the tickets when the sync status did not load, and says what did not', async () => {
    const fake = installServerless(() => answer({ sync: null, problems: [{ part: 'sync', error: makeError('MISSING_SCOPES', { requiredScopes: ['crm.schemas.contacts.read'] }) }] }));
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'status-partial-sync').text).toBe(
      'Sync status did not load: The app lacks scope crm.schemas.contacts.read: a HubSpot super admin must reinstall the app so it is granted. The rest is shown below.',
    );
    expect(r.findByTestId(Alert, 'sync-error')).toBeTruthy();
    expect(r.findByTestId(Table, 'tickets-table')).toBeTruthy();
    expect(r.maybeFindByTestId(Table, 'sync-table')).toBeNull();
  });

  it('shows the error state when record_status fails', async () => {
    const fake = installServerless(() => failure('DAILY_LIMIT'));
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'status-error-message').text).toBe(
      "The app has used today's HubSpot API calls. The limit resets at midnight in the account's time zone: try again then.",
    );
    expect(r.maybeFind(Table)).toBeNull();
  });
});

describe('Support & Sync card: Retry sync', () => {
  it('calls request_sync for the destination, shows loading, then pending, alerts and refreshes', async () => {
    const request = deferred();
    const fake = installServerless((call) => (call.uid === 'request_sync' ? request.promise : answer()));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'sync-retry-1').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'sync-retry-1').props.loading).toBe(true));
    expect(fake.callsTo('request_sync')).toEqual([
      { uid: 'request_sync', parameters: { objectType: 'contacts', objectId: '101', destination: 'zendesk' }, propertiesToSend: [] },
    ]);
    request.resolve({ ok: true, sync: makeSyncRequest() });
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Pending'));
    expect(r.findByTestId(Text, 'sync-requested-1').text).toBe('Resync requested just now.');
    expect(r.findByTestId(LoadingButton, 'sync-retry-1')).toMatchObject({ text: 'Requested', props: expect.objectContaining({ disabled: true, loading: false }) });
    expect(r.mocks.actions.addAlert.calls).toEqual([
      [{ type: 'success', title: 'Resync requested', message: 'Zendesk will pick this record up on its next run.' }],
    ]);
    expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1);
    // The other rows are untouched.
    expect(r.findByTestId(StatusTag, 'sync-status-0').text).toBe('In sync');
    expect(r.findByTestId(LoadingButton, 'sync-retry-0').text).toBe('Retry sync');
  });

  it('says a resync was already pending when nothing was written, without refreshing', async () => {
    const fake = installServerless((call) =>
      call.uid === 'request_sync' ? { ok: true, sync: makeSyncRequest({ written: false, requestedAt: '2026-11-25T09:50:00.000Z' }) } : answer(),
    );
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'sync-retry-1').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Pending'));
    expect(r.findByTestId(Text, 'sync-requested-1').text).toBe('A resync was already requested 10 minutes ago.');
    expect(r.mocks.actions.addAlert.calls[0]?.[0]).toEqual({ type: 'info', title: 'Already requested', message: 'A resync for Zendesk was already pending.' });
    expect(r.mocks.actions.refreshObjectProperties.called).toBe(false);
  });

  it('shows the error in the row and alerts when the request fails', async () => {
    const fake = installServerless((call) =>
      call.uid === 'request_sync' ? failure('INVALID_INPUT', { message: 'Unknown destination "zendesk".', issues: ['destination: not configured'] }) : answer(),
    );
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'sync-retry-1').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'sync-retry-error-1')).toBeTruthy());
    const text = allText(r.findByTestId(Alert, 'sync-retry-error-1'));
    expect(text).toContain("The function refused this card's request.");
    expect(text).toContain('Unknown destination "zendesk".');
    expect(text).toContain('destination: not configured');
    expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Failed');
    expect(r.mocks.actions.addAlert.calls[0]?.[0]).toMatchObject({ type: 'danger', title: 'Retry sync failed for Zendesk' });
  });
});

describe('Support & Sync card: Retry sync when Lead Ops syncs the destination itself', () => {
  it('shows the new row on the same click: In sync, the sync time, no error, and a success toast', async () => {
    const fake = installServerless((call) =>
      call.uid === 'request_sync'
        ? {
            ok: true,
            sync: makeSyncRequest({
              outcome: 'in_sync',
              message: 'Synced to Zendesk.',
              status: makeFailedDestination({ state: 'in_sync', summary: 'In sync with Zendesk.', error: null, lastSyncedAt: NOW, link: 'https://acme.zendesk.com/agent/users/7' }),
            }),
          }
        : answer(),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Failed');
    r.findByTestId(LoadingButton, 'sync-retry-1').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('In sync'));
    expect(r.findByTestId(Text, 'sync-last-1').text).toBe('just now');
    expect(r.maybeFindByTestId(Accordion, 'sync-raw-1')).toBeNull();
    expect(r.findByTestId(Link, 'sync-link-1').props.href).toEqual({ url: 'https://acme.zendesk.com/agent/users/7', external: true });
    expect(r.findByTestId(LoadingButton, 'sync-retry-1')).toMatchObject({ text: 'Retry sync', props: expect.objectContaining({ disabled: false }) });
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', title: 'Synced to Zendesk', message: 'Synced to Zendesk.' }]]);
    expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('an exclusion found on the click replaces the row and hides Retry sync', async () => {
    const excluded = makeFailedDestination({ state: 'excluded', summary: 'Not synced to Zendesk: suspended in Zendesk', excludedReason: 'suspended in Zendesk', error: null });
    const fake = installServerless((call) => (call.uid === 'request_sync' ? { ok: true, sync: makeSyncRequest({ outcome: 'excluded', message: excluded.summary, status: excluded }) } : answer()));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'sync-retry-1').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Excluded'));
    expect(r.maybeFindByTestId(LoadingButton, 'sync-retry-1')).toBeNull();
    expect(r.mocks.actions.addAlert.calls[0]?.[0]).toEqual({ type: 'info', title: 'Not synced to Zendesk', message: 'Not synced to Zendesk: suspended in Zendesk' });
  });

  it('a problem of the whole destination (a refused key) stays on the row, naming the secret; the row is unchanged', async () => {
    const message = 'Zendesk refused the credentials in ZENDESK_EMAIL and ZENDESK_API_TOKEN. Replace the secret (`hs secret update <NAME>` for the app functions, the environment variable for the CLI), then retry.';
    const fake = installServerless((call) =>
      call.uid === 'request_sync' ? { ok: true, sync: makeSyncRequest({ outcome: 'failed', destinationProblem: true, written: false, message, status: makeFailedDestination() }) } : answer(),
    );
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'sync-retry-1').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'sync-problem-1')).toBeTruthy());
    expect(allText(r.findByTestId(Alert, 'sync-problem-1'))).toContain('ZENDESK_API_TOKEN');
    expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Failed');
    expect(r.mocks.actions.addAlert.calls[0]?.[0]).toMatchObject({ type: 'danger', title: 'Zendesk could not be synced' });
    expect(r.mocks.actions.refreshObjectProperties.called).toBe(false);
  });

  it('a destination too busy for the click: Pending, and the toast says the next sync finishes it', async () => {
    const pending = makeFailedDestination({ state: 'pending', summary: 'Zendesk has the record queued for its next sync.', error: null });
    const fake = installServerless((call) =>
      call.uid === 'request_sync' ? { ok: true, sync: makeSyncRequest({ outcome: 'pending', message: 'Zendesk is limiting how fast the sync may write (rate limit).', status: pending }) } : answer(),
    );
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'sync-retry-1').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Pending'));
    expect(r.mocks.actions.addAlert.calls[0]?.[0]).toEqual({ type: 'info', title: 'Zendesk sync queued', message: 'Zendesk is limiting how fast the sync may write (rate limit).' });
  });
});

describe('Support & Sync card: Refresh', () => {
  it('calls record_status again, keeps the old answer on screen while it runs, then shows the new one', async () => {
    const fake = installServerless(() => answer());
    const r = await renderReady(fake);
    const second = deferred();
    fake.respondWith(() => second.promise);
    r.findByTestId(LoadingButton, 'status-refresh').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'status-refresh').props.loading).toBe(true));
    expect(r.findByTestId(StatisticsItem, 'tickets-open').props.number).toBe(2);
    expect(r.maybeFindByTestId(LoadingSpinner, 'status-loading')).toBeNull();

    second.resolve(
      answer({
        tickets: makeTicketSummary({ counts: { open: 5, breached: 2, closedLast30Days: 3 } }),
        sync: [makeDestination(), makeFailedDestination({ state: 'in_sync', error: null })],
        generatedAt: '2026-11-25T10:05:00.000Z',
      }),
    );
    await r.waitFor(() => expect(r.findByTestId(StatisticsItem, 'tickets-open').props.number).toBe(5));
    expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('In sync');
    expect(r.findByTestId(LoadingButton, 'status-refresh').props.loading).toBe(false);
    expect(fake.callsTo('record_status')).toHaveLength(2);
  });

  it('drops a row’s “requested” state after a refresh, showing what the function says', async () => {
    const fake = installServerless((call) => (call.uid === 'request_sync' ? { ok: true, sync: makeSyncRequest() } : answer()));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'sync-retry-1').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('Pending'));
    fake.respondWith(() => answer({ sync: [makeDestination(), makeFailedDestination({ state: 'in_sync', error: null })], generatedAt: '2026-11-25T10:09:00.000Z' }));
    r.findByTestId(LoadingButton, 'status-refresh').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'sync-status-1').text).toBe('In sync'));
    expect(r.findByTestId(LoadingButton, 'sync-retry-1').text).toBe('Retry sync');
  });
});
