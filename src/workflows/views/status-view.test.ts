import type { RecordStatusView } from '../../app/cards/shared/contracts';
import type { WorkflowError } from '../errors';
import { err, ok } from '../../core/result';
import { SupportConfigSchema, SyncConfigSchema, type StatusConfig } from '../../core/status/config-schema';
import { SEARCH_LAG_NOTE, toRecordStatusView, type RecordStatusInput } from './status-view';
import { DAY, HOSTILE, HOUR, NOW, OWNERS, PIPELINES, ago, record, ticket } from '../../core/status/test-fixtures';

const CONFIG: StatusConfig = { support: SupportConfigSchema.parse({}), sync: SyncConfigSchema.parse({}) };
const RATE_LIMITED: WorkflowError = { code: 'RATE_LIMITED', message: 'HubSpot asked us to slow down; try again in a few seconds.', retryable: true, retryAfterSeconds: 10 };
const UNAVAILABLE: WorkflowError = { code: 'HUBSPOT_UNAVAILABLE', message: 'HubSpot did not answer (503).', retryable: true };

const TICKETS = [ticket({ id: '1', age: 5 * HOUR }), ticket({ id: '2', stage: '4', age: 3 * DAY, closedAgo: DAY })];

function input(over: Partial<RecordStatusInput> = {}): RecordStatusInput {
  return {
    objectType: 'contacts',
    objectId: '101',
    now: NOW,
    config: CONFIG,
    tickets: ok({ results: TICKETS, total: TICKETS.length }),
    pipelines: ok(PIPELINES),
    owners: ok(OWNERS),
    record: ok(record({ status: 'failed', error: 'Member Exists', lastSyncedAt: ago(DAY) })),
    ...over,
  };
}

const shape = (v: RecordStatusView) => ({
  tickets: v.tickets === null ? null : v.tickets.items.length,
  sync: v.sync === null ? null : v.sync.map((d) => d.id),
  problems: v.problems.map((p) => `${p.part}:${p.error.code}`),
});

describe('toRecordStatusView: whole, partial and failed', () => {
  test.each`
    name                                     | over                                                                                  | tickets | sync                                           | problems
    ${'everything loaded'}                   | ${{}}                                                                                 | ${2}    | ${['mailchimp', 'google_sheets', 'zendesk']}   | ${[]}
    ${'a company: only destinations for it'} | ${{ objectType: 'companies', record: ok(record({}, {}, { objectType: 'companies' })) }} | ${2}  | ${['google_sheets', 'zendesk']}                | ${[]}
    ${'tickets failed, sync loaded'}         | ${{ tickets: err(RATE_LIMITED) }}                                                     | ${null} | ${['mailchimp', 'google_sheets', 'zendesk']}   | ${['tickets:RATE_LIMITED']}
    ${'sync failed, tickets loaded'}         | ${{ record: err(UNAVAILABLE) }}                                                       | ${2}    | ${null}                                        | ${['sync:HUBSPOT_UNAVAILABLE']}
    ${'both failed'}                         | ${{ tickets: err(RATE_LIMITED), record: err(UNAVAILABLE) }}                           | ${null} | ${null}                                        | ${['tickets:RATE_LIMITED', 'sync:HUBSPOT_UNAVAILABLE']}
    ${'stages failed: tickets still shown'}  | ${{ pipelines: err(UNAVAILABLE) }}                                                    | ${2}    | ${['mailchimp', 'google_sheets', 'zendesk']}   | ${['tickets:HUBSPOT_UNAVAILABLE']}
    ${'owners failed: tickets still shown'}  | ${{ owners: err(RATE_LIMITED) }}                                                      | ${2}    | ${['mailchimp', 'google_sheets', 'zendesk']}   | ${['tickets:RATE_LIMITED']}
    ${'no destinations configured'}          | ${{ config: { ...CONFIG, sync: { destinations: [] } } }}                              | ${2}    | ${[]}                                          | ${[]}
  `('$name', ({ over, tickets, sync, problems }) => {
    expect(shape(toRecordStatusView(input(over)))).toEqual({ tickets, sync, problems });
  });

  it('says which part did not load, with the client layer\'s error as it is (code, message, retryability, wait)', () => {
    const v = toRecordStatusView(input({ tickets: err(RATE_LIMITED), record: err(UNAVAILABLE) }));
    expect(v.problems).toEqual([
      { part: 'tickets', error: RATE_LIMITED },
      { part: 'sync', error: UNAVAILABLE },
    ]);
  });

  it('without stage labels shows stage ids and judges closed by the close date', () => {
    const v = toRecordStatusView(input({ pipelines: err(UNAVAILABLE) }));
    expect(v.tickets?.items.map((t) => [t.id, t.stage, t.isClosed])).toEqual([
      ['1', 'Unknown stage 1', false],
      ['2', 'Unknown stage 4', true],
    ]);
    expect(v.problems[0]?.error.message).toMatch(/^Ticket stages could not be loaded/);
  });

  it('without owners shows owner ids', () => {
    const v = toRecordStatusView(input({ owners: err(RATE_LIMITED) }));
    expect(v.tickets?.items[0]?.owner).toBe('Owner 9001');
  });

  it('carries the search-lag note and the time it was made', () => {
    const v = toRecordStatusView(input());
    expect(v.searchLagNote).toBe(SEARCH_LAG_NOTE);
    expect(v.searchLagNote).toMatch(/lag a few seconds/);
    expect(v.generatedAt).toBe(NOW.toISOString());
    expect(v).toMatchObject({ objectType: 'contacts', objectId: '101' });
  });

  it('maps each destination to the wire view', () => {
    const v = toRecordStatusView(input());
    expect(v.sync?.[0]).toEqual({
      id: 'mailchimp',
      name: 'Mailchimp',
      kind: 'email_platform',
      state: 'failed',
      summary: expect.stringContaining('Mailchimp already has this email address'),
      lastSyncedAt: ago(DAY),
      error: { plain: expect.stringContaining('Mailchimp already has'), raw: 'Member Exists' },
      excludedReason: null,
      resyncRequestedAt: null,
      link: null,
    });
    // The other destinations have nothing on this record yet.
    expect(v.sync?.slice(1).map((d) => d.state)).toEqual(['never_synced', 'never_synced']);
  });

  it('maps the ticket summary to the wire view, counts included', () => {
    const v = toRecordStatusView(input({ tickets: ok({ results: TICKETS, total: 40 }) }));
    expect(v.tickets).toMatchObject({
      counts: { open: 1, breached: 1, closedLast30Days: 1 },
      more: 38,
      countsArePartial: true,
      countedTickets: 2,
      total: 40,
    });
    expect(v.tickets?.items[0]).toMatchObject({ id: '1', sla: { state: 'breached', thresholdHours: 4 }, via: 'record' });
  });

  it('marks tickets of the primary company when the record\'s own tickets are known', () => {
    const v = toRecordStatusView(input({ recordTicketIds: ['2'] }));
    expect(v.tickets?.items.map((t) => [t.id, t.via])).toEqual([
      ['1', 'company'],
      ['2', 'record'],
    ]);
  });

  it('takes the record\'s own tickets from its associations when it was read with them', () => {
    const withAssociations = { ...record({}), associations: { tickets: [{ id: '1' }] } };
    const v = toRecordStatusView(input({ record: ok(withAssociations) }));
    expect(v.tickets?.items.map((t) => [t.id, t.via])).toEqual([
      ['1', 'record'],
      ['2', 'company'],
    ]);
  });

  it('passes hostile strings through as data', () => {
    const v = toRecordStatusView(
      input({
        tickets: ok({ results: [ticket({ subject: HOSTILE.script })], total: 1 }),
        record: ok(record({ status: 'failed', error: HOSTILE.big })),
      }),
    );
    expect(v.tickets?.items[0]?.subject).toBe(HOSTILE.script);
    expect(v.sync?.[0]?.error?.raw).toBe(HOSTILE.big);
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });
});
