import type { DestinationKind } from './config-schema';
import { ERROR_HINT_RULES, explainError } from './error-hints';
import { HOSTILE } from './test-fixtures';

const dest = (kind: DestinationKind, name = 'Dest') => ({ name, kind });

describe('explainError: the built-in rule table', () => {
  test.each`
    kind                | raw                                                                                                                            | rule
    ${'email_platform'} | ${'Member Exists: ada@example.com is already a list member. Use PUT to insert or update list members.'}                         | ${'member_exists'}
    ${'email_platform'} | ${'Invalid Resource: ada@exampel.con looks fake or invalid, please enter a real email address.'}                                | ${'fake_or_invalid'}
    ${'email_platform'} | ${'Forgotten Email Not Subscribed: ada@example.com was permanently deleted and cannot be re-imported.'}                         | ${'compliance_state'}
    ${'email_platform'} | ${'Member In Compliance State: ada@example.com is in a compliance state due to unsubscribe, bounce, or compliance review.'}      | ${'compliance_state'}
    ${'spreadsheet'}    | ${"Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'"} | ${'sheet_quota'}
    ${'spreadsheet'}    | ${'{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}'}                                                                      | ${'sheet_quota'}
    ${'spreadsheet'}    | ${'The caller does not have permission'}                                                                                       | ${'sheet_permission'}
    ${'spreadsheet'}    | ${'{"error":{"code":403,"status":"PERMISSION_DENIED"}}'}                                                                       | ${'sheet_permission'}
    ${'spreadsheet'}    | ${'Requested entity was not found.'}                                                                                           | ${'sheet_not_found'}
    ${'help_desk'}      | ${'422 Unprocessable Entity: {"error":"RecordInvalid","details":{"email":[{"description":"Email: is already being used by another user"}]}}'} | ${'helpdesk_invalid'}
    ${'help_desk'}      | ${'429 Too Many Requests (Retry-After: 60)'}                                                                                   | ${'rate_limited'}
    ${'help_desk'}      | ${'User 381 is suspended and cannot be updated'}                                                                               | ${'helpdesk_suspended'}
    ${'help_desk'}      | ${'Request timed out after 30000 ms'}                                                                                          | ${'timeout'}
    ${'other'}          | ${'connect ETIMEDOUT 10.0.0.1:443'}                                                                                            | ${'timeout'}
    ${'email_platform'} | ${'504 Gateway Timeout'}                                                                                                       | ${'timeout'}
    ${'other'}          | ${'401 Unauthorized: invalid API key'}                                                                                         | ${'auth'}
    ${'other'}          | ${'Something nobody has seen before'}                                                                                          | ${'fallback'}
    ${'email_platform'} | ${'400 Invalid Resource: Your merge fields were invalid. FNAME: Please enter a value'}                                         | ${'merge_field_invalid'}
    ${'email_platform'} | ${'400 Invalid Resource: Merge field COLOUR does not exist'}                                                                    | ${'merge_field_invalid'}
    ${'spreadsheet'}    | ${'400 INVALID_ARGUMENT: Your input contains more than the maximum of 50000 characters in a single cell.'}                     | ${'sheet_cell_too_long'}
    ${'help_desk'}      | ${'422 RecordInvalid: Record validation errors. name: Name: has already been taken'}                                           | ${'helpdesk_name_taken'}
    ${'spreadsheet'}    | ${'401 UNAUTHENTICATED: Request had invalid authentication credentials.'}                                                      | ${'auth'}
    ${'help_desk'}      | ${"Couldn't authenticate you"}                                                                                                 | ${'auth'}
    ${'email_platform'} | ${'401 API Key Invalid: Your API key may be invalid, or you have attempted to access the wrong datacenter.'}                   | ${'auth'}
    ${'help_desk'}      | ${'403 Forbidden: You do not have access to this page.'}                                                                       | ${'forbidden'}
    ${'email_platform'} | ${'503 Service Unavailable'}                                                                                                   | ${'unavailable'}
    ${'spreadsheet'}    | ${'500 INTERNAL: Internal error encountered.'}                                                                                 | ${'unavailable'}
  `('$kind: "$raw" -> $rule', ({ kind, raw, rule }) => {
    expect(explainError(raw, dest(kind)).ruleId).toBe(rule);
  });

  test.each`
    kind             | raw                                  | rule
    ${'spreadsheet'} | ${'Member Exists'}                   | ${'fallback'}
    ${'help_desk'}   | ${'looks fake or invalid'}           | ${'fallback'}
    ${'spreadsheet'} | ${'row 14290 rejected: bad value'}   | ${'fallback'}
    ${'other'}       | ${'suspended'}                       | ${'fallback'}
  `('rules stay with their kind and numbers match whole: $kind "$raw" -> $rule', ({ kind, raw, rule }) => {
    expect(explainError(raw, dest(kind)).ruleId).toBe(rule);
  });

  test.each`
    raw        | rule
    ${null}    | ${'empty'}
    ${''}      | ${'empty'}
    ${'   \n'} | ${'empty'}
  `('no message ($raw) -> $rule', ({ raw, rule }) => {
    expect(explainError(raw, dest('other')).ruleId).toBe(rule);
  });

  it('puts the destination name into the sentence', () => {
    expect(explainError('Member Exists', dest('email_platform', 'Mailchimp')).plain).toBe(
      'Mailchimp already has this email address in the audience; the sync tried to add it again instead of updating it. Check for a duplicate or a changed email address.',
    );
  });

  it('has a sentence for every rule, and every sentence names the destination', () => {
    for (const rule of ERROR_HINT_RULES) expect(rule.plain).toContain('{name}');
  });
});

describe('explainError: configured hints', () => {
  const mailchimp = {
    name: 'Mailchimp',
    kind: 'email_platform' as const,
    errorHints: [
      { contains: ['merge fields were invalid'], plain: '{name}: a merge field is invalid.' },
      { contains: ['MEMBER EXISTS', 'already a member'], plain: 'Custom: {name} has a duplicate.' },
    ],
  };

  test.each`
    raw                                        | rule               | plain
    ${'Your merge fields were invalid.'}       | ${'config:0'}      | ${'Mailchimp: a merge field is invalid.'}
    ${'Member Exists'}                         | ${'config:1'}      | ${'Custom: Mailchimp has a duplicate.'}
    ${'x is already a member of the list'}     | ${'config:1'}      | ${'Custom: Mailchimp has a duplicate.'}
    ${'looks fake or invalid'}                 | ${'fake_or_invalid'} | ${expect.stringContaining('looks fake or invalid')}
  `('"$raw" -> $rule (configured hints first, case-insensitive, then the built-ins)', ({ raw, rule, plain }) => {
    const e = explainError(raw, mailchimp);
    expect(e.ruleId).toBe(rule);
    expect(e.plain).toEqual(plain);
  });
});

describe('explainError: hostile input', () => {
  test.each(Object.entries(HOSTILE))('the sentence for a %s message never quotes it (the raw message stays separate)', (_name, raw) => {
    const { plain } = explainError(raw, dest('email_platform'));
    expect(plain).not.toContain(raw);
    expect(plain).not.toMatch(/<script|onerror/);
  });

  it('matches a hint at the end of a 64 KB message', () => {
    expect(explainError(`${'x'.repeat(64 * 1024)} looks fake or invalid`, dest('email_platform')).ruleId).toBe('fake_or_invalid');
  });
});
