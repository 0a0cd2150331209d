import { classifyFailure, parseRetryAfter, redactError, ruleRefusalsOf, scopesOf, withSentValues, type AttemptFailure } from './errors';

const NOW = Date.parse('2026-11-25T09:00:00Z');
const CID = '5b1e6a3c-7d0f-4a57-9a3b-1f2e3d4c5b6a';
const http = (status: number, body: unknown = {}, headers: Record<string, string> = {}): AttemptFailure => ({
  kind: 'http',
  status,
  body,
  headers: { 'x-hubspot-correlation-id': CID, ...headers },
});

const TEN_SECONDLY = {
  status: 'error',
  message: 'You have reached your ten_secondly_rolling limit.',
  errorType: 'RATE_LIMIT',
  correlationId: CID,
  policyName: 'TEN_SECONDLY_ROLLING',
  groupName: 'publicapi:private-app-api-calls-ten-secondly:123',
};
const DAILY = { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY', requestId: 'r' };
const SECONDLY = { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', policyName: 'SECONDLY' };
const MISSING = {
  status: 'error',
  message: "This app hasn't been granted all required scopes to make this call.",
  correlationId: CID,
  errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }],
  category: 'MISSING_SCOPES',
};

describe('classifyFailure: each wire failure has its own code', () => {
  test.each`
    name                       | failure                                                    | code                       | retryable | notApplied
    ${'401'}                   | ${http(401, { category: 'INVALID_AUTHENTICATION' })}       | ${'AUTH_REJECTED'}         | ${false}  | ${true}
    ${'403 missing scopes'}    | ${http(403, MISSING)}                                      | ${'MISSING_SCOPES'}        | ${false}  | ${true}
    ${'403 other'}             | ${http(403, { message: 'Forbidden' })}                     | ${'AUTH_REJECTED'}         | ${false}  | ${true}
    ${'404'}                   | ${http(404, { category: 'OBJECT_NOT_FOUND', message: 'Object not found.  objectId are usually numeric.' })} | ${'NOT_FOUND'} | ${false} | ${true}
    ${'409'}                   | ${http(409, { category: 'CONFLICT', message: 'Contact already exists. Existing ID: 12' })} | ${'CONFLICT'} | ${false} | ${true}
    ${'400'}                   | ${http(400, { category: 'VALIDATION_ERROR', message: 'bad' })} | ${'BAD_REQUEST'}     | ${false}  | ${true}
    ${'414'}                   | ${http(414, '')}                                           | ${'BAD_REQUEST'}         | ${false}  | ${true}
    ${'423 locked'}            | ${http(423, { message: 'locked' })}                        | ${'HUBSPOT_UNAVAILABLE'}   | ${true}   | ${true}
    ${'429 ten-secondly'}      | ${http(429, TEN_SECONDLY)}                                 | ${'RATE_LIMITED'}          | ${true}   | ${true}
    ${'429 secondly (search)'} | ${http(429, SECONDLY)}                                     | ${'RATE_LIMITED'}          | ${true}   | ${true}
    ${'429 without policy'}    | ${http(429, { message: 'slow down' })}                     | ${'RATE_LIMITED'}          | ${true}   | ${true}
    ${'429 daily'}             | ${http(429, DAILY)}                                        | ${'DAILY_LIMIT'}           | ${false}  | ${true}
    ${'477'}                   | ${http(477, { message: 'migrating' }, { 'retry-after': '3600' })} | ${'MIGRATION_IN_PROGRESS'} | ${true} | ${true}
    ${'500'}                   | ${http(500)}                                               | ${'HUBSPOT_UNAVAILABLE'}   | ${true}   | ${false}
    ${'502'}                   | ${http(502)}                                               | ${'HUBSPOT_UNAVAILABLE'}   | ${true}   | ${false}
    ${'503'}                   | ${http(503)}                                               | ${'HUBSPOT_UNAVAILABLE'}   | ${true}   | ${false}
    ${'network'}               | ${{ kind: 'network' }}                                     | ${'HUBSPOT_UNAVAILABLE'}   | ${true}   | ${false}
    ${'unparseable'}           | ${{ kind: 'unparseable' }}                                 | ${'HUBSPOT_UNAVAILABLE'}   | ${true}   | ${false}
    ${'our timeout'}           | ${{ kind: 'timeout', afterMs: 8000 }}                      | ${'TIMEOUT'}               | ${true}   | ${false}
  `('$name -> $code (retryable $retryable, notApplied $notApplied)', ({ failure, code, retryable, notApplied }) => {
    const c = classifyFailure(failure, NOW);
    expect(c.error.code).toBe(code);
    expect(c.error.retryable).toBe(retryable);
    expect(c.notApplied).toBe(notApplied);
    expect(c.error.message.length).toBeGreaterThan(10);
  });

  it('says what to do about a rejected token', () => {
    expect(classifyFailure(http(401), NOW).error.message).toBe("HubSpot rejected the app's access token: reinstall the app or rotate the token.");
  });

  it('names the missing scopes, new and old field names', () => {
    const c = classifyFailure(http(403, MISSING), NOW);
    expect(c.error.requiredScopes).toEqual(['crm.objects.contacts.write']);
    expect(c.error.message).toContain('crm.objects.contacts.write');
    const old = classifyFailure(http(403, { category: 'MISSING_SCOPES', errors: [{ context: { requiredScopes: ['contacts', 'tickets'] } }] }), NOW);
    expect(old.error.requiredScopes).toEqual(['contacts', 'tickets']);
    expect(old.error.message).toContain('one of contacts, tickets');
  });

  it('carries the correlation id from the header, else from the body', () => {
    expect(classifyFailure(http(500), NOW).error.correlationId).toBe(CID);
    const c = classifyFailure({ kind: 'http', status: 429, body: TEN_SECONDLY, headers: {} }, NOW);
    expect(c.error.correlationId).toBe(CID);
  });

  it('reads Retry-After of a 477 into retryAfterSeconds and milliseconds', () => {
    const c = classifyFailure(http(477, {}, { 'retry-after': '3600' }), NOW);
    expect(c.retryAfterMs).toBe(3_600_000);
    expect(c.error.retryAfterSeconds).toBe(3600);
  });

  it('tells the 429 policies apart', () => {
    expect(classifyFailure(http(429, TEN_SECONDLY), NOW).policy).toBe('TEN_SECONDLY_ROLLING');
    expect(classifyFailure(http(429, SECONDLY), NOW).policy).toBe('SECONDLY');
    expect(classifyFailure(http(429, { message: 'You have reached your secondly limit.' }), NOW).policy).toBe('SECONDLY');
    expect(classifyFailure(http(429, DAILY), NOW).policy).toBe('DAILY');
    expect(classifyFailure(http(429, 'Too many'), NOW).policy).toBe('other');
  });

  it('uses the readable errors[] messages for a 400 whose message embeds JSON', () => {
    const body = {
      message: 'Property values were not valid: [{"isValid":false,"message":"Property \\"foo\\" does not exist"}]',
      errors: [{ message: 'Property "foo" does not exist', code: 'PROPERTY_DOESNT_EXIST' }],
      category: 'VALIDATION_ERROR',
    };
    const c = classifyFailure(http(400, body), NOW);
    expect(c.error.message).toBe('HubSpot rejected the request: Property "foo" does not exist');
    expect(c.error.issues).toEqual(['Property "foo" does not exist']);
  });
});

describe('parseRetryAfter', () => {
  test.each`
    value                               | expected
    ${undefined}                        | ${undefined}
    ${'3600'}                           | ${3_600_000}
    ${'1.5'}                            | ${1500}
    ${'Wed, 25 Nov 2026 09:00:30 GMT'}  | ${30_000}
    ${'soon'}                           | ${undefined}
  `('$value -> $expected ms', ({ value, expected }) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

/** A 400 of the portal's property rules, as HubSpot's envelope carries it (entries as the emulator words them). */
const ruleBody = (...errors: unknown[]) => ({
  status: 'error',
  message: 'Property values were not valid: [...]',
  correlationId: CID,
  category: 'VALIDATION_ERROR',
  errors,
});
const MAX_20 = {
  message: `Job Title (jobtitle) must be at most 20 characters by the portal's validation rule MAX_LENGTH; "Vice President of Revenue Operations" is not`,
  code: 'PROPERTY_VALIDATION_RULE_VIOLATION',
  context: { propertyName: ['jobtitle'], propertyLabel: ['Job Title'], ruleType: ['MAX_LENGTH'], rule: ['at most 20 characters'], ruleArguments: ['20'] },
};
const REQUIRED_WHEN = {
  message: "Close Date (closedate) is required when dealstage is closedwon by the portal's validation rules",
  code: 'REQUIRED_PROPERTY',
  context: { propertyName: ['closedate'], propertyLabel: ['Close Date'], ruleType: ['REQUIRED'], rule: ['required when dealstage is closedwon'] },
};

describe("refusals by the portal's property rules", () => {
  it('are VALIDATION_RULE, final, naming the property, its label and the rule', () => {
    const c = classifyFailure(http(400, ruleBody(MAX_20)), NOW);
    expect(c.error).toMatchObject({
      code: 'VALIDATION_RULE',
      retryable: false,
      correlationId: CID,
      rules: [{ propertyName: 'jobtitle', propertyLabel: 'Job Title', ruleType: 'MAX_LENGTH', rule: 'at most 20 characters' }],
    });
    expect(c.error.message).toBe("HubSpot refused the write: the portal's rule on Job Title requires at most 20 characters.");
    expect(c.notApplied).toBe(true);
  });

  it('quote the value the write sent, shortened, and say what kind of write it was', () => {
    const refused = classifyFailure(http(400, ruleBody(MAX_20)), NOW).error;
    expect(withSentValues(refused, { jobtitle: 'Vice President of Revenue Operations' }, 'update').message).toBe(
      `HubSpot refused the update: the portal's rule on Job Title requires at most 20 characters (value "Vice President of Revenue Operations").`,
    );
    expect(withSentValues(refused, { jobtitle: 'x'.repeat(500) }, 'new record').message).toBe(
      `HubSpot refused the new record: the portal's rule on Job Title requires at most 20 characters (value "${'x'.repeat(59)}…").`,
    );
    const other = { code: 'BAD_REQUEST' as const, message: 'no', retryable: false };
    expect(withSentValues(other, { jobtitle: 'x' }, 'update')).toBe(other);
  });

  it('say a required property would be empty, and list every rule a write broke', () => {
    const c = classifyFailure(http(400, ruleBody(MAX_20, REQUIRED_WHEN)), NOW);
    expect(withSentValues(c.error, { jobtitle: 'Chief Revenue Officer of EMEA', dealstage: 'closedwon' }, 'update').message).toBe(
      "HubSpot refused the update: the portal's rule on Job Title requires at most 20 characters (value \"Chief Revenue Officer of EMEA\"); " +
        "the portal's rule on Close Date makes it required when dealstage is closedwon, and it would be empty.",
    );
  });

  it('fall back to HubSpot\'s message when the entry has no rule in words, and are not mixed with our own mistakes', () => {
    expect(ruleRefusalsOf({ errors: [{ code: 'PROPERTY_VALIDATION_RULE_VIOLATION', message: 'Phone must be digits only', context: { propertyName: ['phone'] } }] })).toEqual([
      { propertyName: 'phone', propertyLabel: 'phone', ruleType: 'UNKNOWN', rule: 'Phone must be digits only' },
    ]);
    const mixed = ruleBody(MAX_20, { message: 'Property "foo" does not exist', code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['foo'] } });
    expect(classifyFailure(http(400, mixed), NOW).error.code).toBe('BAD_REQUEST');
    expect(ruleRefusalsOf({ errors: [] })).toBeNull();
  });
});

describe('scopesOf and redaction', () => {
  it('collects scopes from errors[] and top-level context without repeats', () => {
    expect(scopesOf({ errors: [{ context: { requiredGranularScopes: ['a', 'b'] } }, { context: { requiredScopes: ['b', 'c'] } }], context: { requiredScopes: ['d'] } })).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(scopesOf('nope')).toEqual([]);
  });
  it('removes a token from every text of an error', () => {
    const token = 'pat-test-00000000-0000-0000-0000-000000000000';
    const e = redactError({ code: 'BAD_REQUEST', message: `bad ${token}`, retryable: false, issues: [`x ${token}`] }, token);
    expect(JSON.stringify(e)).not.toContain(token);
    expect(e.message).toBe('bad [redacted]');
  });
});
