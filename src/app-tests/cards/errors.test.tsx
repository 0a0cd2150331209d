/**
 * Issue 9: every card turns a function's error into an actionable message; 401, 403, 429 and 477 each have
 * their own; busy errors offer Try again; no stack trace and no token ever reaches the screen.
 */
import { Button, ErrorState, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import type { ReactElement } from 'react';
import { describeError } from '../../app/cards/components/FunctionError';
import { LeadScoreCard } from '../../app/cards/LeadScoreCard';
import { OwnerRoutingCard } from '../../app/cards/OwnerRoutingCard';
import { SupportSyncCard } from '../../app/cards/SupportSyncCard';
import { ERROR_CODES, type ErrorCode } from '../../app/cards/shared/contracts';
import { failure, makeDecision, makeError, makeRecordStatus, makeScoreView } from './fixtures';
import { allText, installServerless, uninstallServerless } from './harness';

afterEach(uninstallServerless);

describe('describeError: one message per code', () => {
  it.each<[ErrorCode, Record<string, unknown>, string, boolean]>([
    ['AUTH_REJECTED', {}, "The app's access token was rejected: reinstall the app.", false],
    ['MISSING_SCOPES', {}, 'The app lacks scope crm.objects.contacts.write: a HubSpot super admin must reinstall the app so it is granted.', false],
    [
      'MISSING_SCOPES',
      { requiredScopes: ['tickets', 'crm.objects.owners.read'] },
      'The app lacks scopes tickets, crm.objects.owners.read: a HubSpot super admin must reinstall the app so it is granted.',
      false,
    ],
    ['MISSING_SCOPES', { requiredScopes: [] }, 'The app lacks a scope it needs: a HubSpot super admin must reinstall it with the scopes it asks for.', false],
    ['RATE_LIMITED', {}, 'HubSpot is busy, try again in 10 s.', true],
    ['HUBSPOT_UNAVAILABLE', {}, 'HubSpot is busy, try again in 5 s.', true],
    ['MIGRATION_IN_PROGRESS', {}, 'HubSpot is busy, try again in 90 s.', true],
    ['MIGRATION_IN_PROGRESS', { retryAfterSeconds: 3600 }, 'HubSpot is busy, try again in 60 min.', true],
    ['TIMEOUT', {}, 'HubSpot is busy, try again in a few seconds.', true],
    ['DAILY_LIMIT', {}, "The app has used today's HubSpot API calls. The limit resets at midnight in the account's time zone: try again then.", false],
    ['CONFIG', {}, 'Lead Ops is misconfigured: an admin must fix the configuration file and upload the project again.', false],
    ['INVALID_INPUT', {}, "The function refused this card's request.", false],
    ['NOT_FOUND', {}, 'HubSpot has no such record any more (deleted or merged): reload the page.', false],
    ['CONFLICT', {}, 'Someone changed this record at the same moment: try again.', true],
    ['INTERNAL', {}, 'Lead Ops hit an unexpected problem. Try again; if it keeps failing, give your admin the reference below.', false],
    [
      'VALIDATION_REFUSED',
      {},
      `HubSpot refused the update: the portal's rule on Job Title requires at most 20 characters (value "Vice President of Revenue Operations").`,
      false,
    ],
    ['VALIDATION_REFUSED', { message: '' }, "HubSpot refused the change: one of this account's property rules does not allow it.", false],
  ])('%s %j → %s', (code, overrides, message, retry) => {
    const d = describeError(makeError(code, overrides));
    expect(d.message).toBe(message);
    expect(d.retry).toBe(retry);
  });

  it("keeps the function's own message, validation issues and the correlation id as details", () => {
    expect(describeError(makeError('CONFIG')).details).toContain(
      'routing.tiers[1].team: no HubSpot team named "Mid Market" (did you mean "Mid-Market"?).',
    );
    expect(describeError(makeError('INVALID_INPUT')).details).toContain('objectId: expected digits');
    expect(describeError(makeError('INTERNAL')).details).toContain('Reference for support: c0ffee00-1234-4abc-9def-0123456789ab');
  });

  it('says why HubSpot is busy, differently for 429, 5xx, 477 and timeouts', () => {
    const why = (code: ErrorCode) => describeError(makeError(code)).details.find((d) => d.startsWith('Why:'));
    expect(new Set((['RATE_LIMITED', 'HUBSPOT_UNAVAILABLE', 'MIGRATION_IN_PROGRESS', 'TIMEOUT'] as const).map(why)).size).toBe(4);
  });

  it('handles every code on the wire, and one added after this card was built', () => {
    for (const code of ERROR_CODES) expect(describeError(makeError(code)).message.length).toBeGreaterThan(10);
    const future = describeError({ code: 'SOMETHING_NEW' as ErrorCode, message: 'New failure.', retryable: true });
    expect(future).toMatchObject({ title: 'Something went wrong', retry: true, details: ['New failure.'] });
  });
});

type CardCase = readonly [string, () => ReactElement, 'crm.record.sidebar' | 'crm.record.tab', string, unknown];
const CARDS: readonly CardCase[] = [
  ['Lead Score', () => <LeadScoreCard objectId="101" />, 'crm.record.sidebar', 'score-error', { ok: true, score: makeScoreView() }],
  ['Owner Routing', () => <OwnerRoutingCard objectId="101" objectType="contacts" />, 'crm.record.sidebar', 'routing-error', { ok: true, decision: makeDecision() }],
  ['Support & Sync', () => <SupportSyncCard objectId="101" objectType="companies" />, 'crm.record.tab', 'status-error', { ok: true, status: makeRecordStatus() }],
];

/** What each card must say for the HTTP failures issue 9 names, each distinct from the others. */
const BY_STATUS: readonly [string, ErrorCode, string, boolean][] = [
  ['401', 'AUTH_REJECTED', "The app's access token was rejected: reinstall the app.", false],
  ['403', 'MISSING_SCOPES', 'The app lacks scope crm.objects.contacts.write', false],
  ['429', 'RATE_LIMITED', 'HubSpot is busy, try again in 10 s.', true],
  ['477', 'MIGRATION_IN_PROGRESS', 'HubSpot is busy, try again in 90 s.', true],
];

describe.each(CARDS)('%s card: error states', (_name, card, location, testId, success) => {
  it.each(BY_STATUS)('HTTP %s (%s) shows its own message', async (_status, code, message, retry) => {
    const fake = installServerless(() => failure(code));
    const r = createRenderer(location);
    r.render(card());
    await r.waitFor(() => expect(r.findByTestId(ErrorState, testId)).toBeTruthy());
    expect(r.findByTestId(Text, `${testId}-message`).text).toContain(message);
    expect(r.findByTestId(ErrorState, testId).props.type).toBe(code === 'AUTH_REJECTED' || code === 'MISSING_SCOPES' ? 'lock' : 'support');
    expect(r.maybeFindByTestId(Button, `${testId}-retry`) !== null).toBe(retry);
    expect(fake.calls).toHaveLength(1);
  });

  it('gives the four HTTP failures four different texts', async () => {
    const texts: string[] = [];
    for (const [, code] of BY_STATUS) {
      installServerless(() => failure(code));
      const r = createRenderer(location);
      r.render(card());
      await r.waitFor(() => expect(r.findByTestId(ErrorState, testId)).toBeTruthy());
      texts.push(allText(r.findByTestId(ErrorState, testId)));
      await uninstallServerless();
    }
    expect(new Set(texts).size).toBe(4);
  });

  it('shows a write refused by a property rule in its own words, not as "HubSpot is busy", and offers no retry', async () => {
    installServerless(() => failure('VALIDATION_REFUSED'));
    const r = createRenderer(location);
    r.render(card());
    await r.waitFor(() => expect(r.findByTestId(ErrorState, testId)).toBeTruthy());
    expect(r.findByTestId(Text, `${testId}-message`).text).toBe(
      `HubSpot refused the update: the portal's rule on Job Title requires at most 20 characters (value "Vice President of Revenue Operations").`,
    );
    expect(r.findByTestId(ErrorState, testId).props.title).toContain('Refused by a property rule');
    expect(allText(r.findByTestId(ErrorState, testId))).not.toMatch(/busy/i);
    expect(r.maybeFindByTestId(Button, `${testId}-retry`)).toBeNull();
  });

  it('retries a busy error with Try again and then shows the data', async () => {
    const fake = installServerless(() => (fake.calls.length === 1 ? failure('RATE_LIMITED') : success));
    const r = createRenderer(location);
    r.render(card());
    await r.waitFor(() => expect(r.findByTestId(Button, `${testId}-retry`)).toBeTruthy());
    r.findByTestId(Button, `${testId}-retry`).trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(ErrorState, testId)).toBeNull());
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]).toEqual(fake.calls[0]);
    expect(r.maybeFind(ErrorState)).toBeNull();
  });

  it('never shows a stack trace or a token, whatever the function sent', async () => {
    installServerless(() =>
      failure('INTERNAL', {
        message:
          'Error: request failed with Authorization: Bearer pat-test-00000000-0000-0000-0000-000000000000 (hapikey=abc123)\n    at callApi (/var/task/score-lead.js:1:2345)\n    at process.processTicksAndRejections (node:internal)',
        correlationId: 'c0ffee00-1234-4abc-9def-0123456789ab',
      }),
    );
    const r = createRenderer(location);
    r.render(card());
    await r.waitFor(() => expect(r.findByTestId(ErrorState, testId)).toBeTruthy());
    const everything = `${allText(r.getRootNode())} ${r.getRootNode().toString()}`;
    expect(everything).toContain('request failed');
    for (const leak of ['pat-na1', '11111111-2222', 'Bearer pat', 'abc123', '/var/task', 'processTicksAndRejections', '    at ']) {
      expect(everything).not.toContain(leak);
    }
  });

  it('turns a call the host rejected into a busy error, and one of the wrong shape into an internal error', async () => {
    installServerless(() => {
      throw new Error('Network down');
    });
    let r = createRenderer(location);
    r.render(card());
    await r.waitFor(() => expect(r.findByTestId(ErrorState, testId)).toBeTruthy());
    expect(allText(r.findByTestId(ErrorState, testId))).toContain('The app function could not be reached: Network down.');
    expect(r.findByTestId(Button, `${testId}-retry`)).toBeTruthy();
    await uninstallServerless();

    for (const wrong of [undefined, 'ok', { logId: 'x', response: success }, { ok: true }, { ok: false, error: 'boom' }]) {
      installServerless(() => wrong);
      r = createRenderer(location);
      r.render(card());
      await r.waitFor(() => expect(r.findByTestId(ErrorState, testId)).toBeTruthy());
      expect(r.findByTestId(ErrorState, testId).props.title).toContain('Something went wrong');
      await uninstallServerless();
    }
  });
});
