import { classifyFailure, type AttemptFailure } from './errors';
import { BULK_RETRY_POLICY, decideRetry, fullJitter, FUNCTION_RETRY_POLICY, type RetryInput } from './retry-policy';

const NOW = 1_000_000;
const http = (status: number, body: unknown = {}, headers: Record<string, string> = {}): AttemptFailure => ({ kind: 'http', status, body, headers });
const half = () => 0.5;
const input = (failure: AttemptFailure, over: Partial<RetryInput> = {}): RetryInput => ({
  failure: classifyFailure(failure, NOW),
  attempt: 1,
  idempotent: true,
  now: NOW,
  deadline: undefined,
  policy: BULK_RETRY_POLICY,
  random: half,
  ...over,
});
const TEN = { policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.' };

describe('decideRetry', () => {
  test.each`
    name                               | failure                                          | idempotent | retry    | reason
    ${'401 stops'}                     | ${http(401)}                                     | ${true}    | ${false} | ${'final'}
    ${'403 stops'}                     | ${http(403, { category: 'MISSING_SCOPES' })}     | ${true}    | ${false} | ${'final'}
    ${'429 DAILY stops'}               | ${http(429, { policyName: 'DAILY' })}            | ${true}    | ${false} | ${'final'}
    ${'400 stops'}                     | ${http(400)}                                     | ${true}    | ${false} | ${'final'}
    ${'5xx retried when idempotent'}   | ${http(502)}                                     | ${true}    | ${true}  | ${undefined}
    ${'5xx never retried on a create'} | ${http(502)}                                     | ${false}   | ${false} | ${'ambiguous'}
    ${'timeout never on a create'}     | ${{ kind: 'timeout', afterMs: 1 }}               | ${false}   | ${false} | ${'ambiguous'}
    ${'network never on a create'}     | ${{ kind: 'network' }}                           | ${false}   | ${false} | ${'ambiguous'}
    ${'429 on a create is retried'}    | ${http(429, TEN)}                                | ${false}   | ${true}  | ${undefined}
    ${'477 on a create is retried'}    | ${http(477, {}, { 'retry-after': '2' })}         | ${false}   | ${true}  | ${undefined}
    ${'423 on a create is retried'}    | ${http(423)}                                     | ${false}   | ${true}  | ${undefined}
  `('$name', ({ failure, idempotent, retry, reason }) => {
    const d = decideRetry(input(failure, { idempotent }));
    expect(d.retry).toBe(retry);
    if (!d.retry) expect(d.reason).toBe(reason);
  });

  test.each`
    name                                         | failure                                       | windowWaitMs | wait
    ${'429 ten-secondly waits for the window'}   | ${http(429, TEN)}                             | ${7_300}     | ${7_300}
    ${'429 waits at least Retry-After'}          | ${http(429, TEN, { 'retry-after': '9' })}     | ${7_300}     | ${9_000}
    ${'429 secondly waits about a second'}       | ${http(429, { policyName: 'SECONDLY' })}      | ${undefined} | ${1_000}
    ${'477 waits Retry-After'}                   | ${http(477, {}, { 'retry-after': '30' })}     | ${undefined} | ${30_000}
    ${'423 waits 2 s'}                           | ${http(423)}                                  | ${undefined} | ${2_000}
    ${'5xx: full jitter, attempt 1'}             | ${http(503)}                                  | ${undefined} | ${250}
  `('$name', ({ failure, windowWaitMs, wait }) => {
    const d = decideRetry(input(failure, windowWaitMs === undefined ? {} : { windowWaitMs }));
    expect(d).toEqual({ retry: true, waitMs: wait });
  });

  it('never waits past the deadline: a 477 asking for an hour inside a function returns at once', () => {
    const d = decideRetry(input(http(477, {}, { 'retry-after': '3600' }), { deadline: NOW + 9_000, policy: FUNCTION_RETRY_POLICY }));
    expect(d).toEqual({ retry: false, reason: 'deadline', waitMs: 3_600_000 });
  });

  it('retries inside the deadline when the wait fits, keeping time for the next attempt', () => {
    const p = { ...FUNCTION_RETRY_POLICY, reserveMs: 300 };
    expect(decideRetry(input(http(429, TEN), { windowWaitMs: 2_000, deadline: NOW + 2_300, policy: p })).retry).toBe(true);
    expect(decideRetry(input(http(429, TEN), { windowWaitMs: 2_001, deadline: NOW + 2_300, policy: p })).retry).toBe(false);
  });

  it('without a deadline, still refuses a single wait longer than maxWaitMs', () => {
    const d = decideRetry(input(http(477, {}, { 'retry-after': '86400' })));
    expect(d).toEqual({ retry: false, reason: 'too-long', waitMs: 86_400_000 });
  });

  it('stops after maxAttempts in total', () => {
    expect(decideRetry(input(http(503), { attempt: BULK_RETRY_POLICY.maxAttempts - 1 })).retry).toBe(true);
    expect(decideRetry(input(http(503), { attempt: BULK_RETRY_POLICY.maxAttempts }))).toMatchObject({ retry: false, reason: 'attempts' });
  });
});

describe('fullJitter', () => {
  test.each`
    attempt | random   | expected
    ${1}    | ${0.999} | ${499}
    ${2}    | ${0.5}   | ${500}
    ${3}    | ${0.5}   | ${1000}
    ${10}   | ${0.5}   | ${15_000}
    ${10}   | ${0}     | ${0}
  `('attempt $attempt, random $random -> $expected ms (base 500, cap 30 s)', ({ attempt, random, expected }) => {
    expect(fullJitter(attempt, 500, 30_000, () => random)).toBe(expected);
  });
});
