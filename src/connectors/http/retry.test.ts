import { decideRetry, FUNCTION_RETRY_POLICY, retryAfterMs, type RetryInput } from './retry';
import type { Attempt } from './transport';

const NOW = Date.parse('2026-11-25T09:00:00Z');
const headers = (retryAfter?: string) => new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter });
const answer = (status: number, retryAfter?: string): Attempt => ({ kind: 'answer', status, headers: headers(retryAfter), text: '' });
const input = (attempt: Attempt, over: Partial<RetryInput> = {}): RetryInput => ({
  attempt,
  number: 1,
  idempotent: true,
  now: NOW,
  deadline: NOW + 9_000,
  policy: FUNCTION_RETRY_POLICY,
  random: () => 0.5,
  ...over,
});

describe('retryAfterMs', () => {
  test.each`
    value                              | ms
    ${null}                            | ${null}
    ${''}                              | ${null}
    ${'3'}                             | ${3_000}
    ${'0.5'}                           | ${500}
    ${'Wed, 25 Nov 2026 09:00:30 GMT'} | ${30_000}
    ${'Wed, 25 Nov 2026 08:00:00 GMT'} | ${0}
    ${'soon'}                          | ${null}
  `('$value -> $ms', ({ value, ms }) => {
    expect(retryAfterMs(value, NOW)).toBe(ms);
  });
});

describe('decideRetry', () => {
  test.each`
    case                                      | attempt                                          | idempotent | expected
    ${'200 is final'}                         | ${answer(200)}                                   | ${true}    | ${{ retry: false, reason: 'final' }}
    ${'400 is final'}                         | ${answer(400)}                                   | ${true}    | ${{ retry: false, reason: 'final' }}
    ${'429 waits Retry-After'}                | ${answer(429, '3')}                              | ${false}   | ${{ retry: true, waitMs: 3_000 }}
    ${'429 without it backs off'}             | ${answer(429)}                                   | ${false}   | ${{ retry: true, waitMs: 125 }}
    ${'503 on a read is retried'}             | ${answer(503)}                                   | ${true}    | ${{ retry: true, waitMs: 125 }}
    ${'503 on a create is ambiguous'}         | ${answer(503)}                                   | ${false}   | ${{ retry: false, reason: 'ambiguous' }}
    ${'a timeout on a create is ambiguous'}   | ${{ kind: 'timeout', afterMs: 8000 }}            | ${false}   | ${{ retry: false, reason: 'ambiguous' }}
    ${'a broken connection on a read'}        | ${{ kind: 'network', message: 'other side closed' }} | ${true} | ${{ retry: true, waitMs: 125 }}
    ${'a 429 asking past the deadline'}       | ${answer(429, '30')}                             | ${true}    | ${{ retry: false, reason: 'deadline', waitMs: 30_000 }}
  `('$case', ({ attempt, idempotent, expected }) => {
    expect(decideRetry(input(attempt, { idempotent }))).toMatchObject(expected);
  });

  it('stops after the last attempt, with the wait it would have needed (half of the 2 s cap at random 0.5)', () => {
    expect(decideRetry(input(answer(503), { number: FUNCTION_RETRY_POLICY.maxAttempts }))).toEqual({ retry: false, reason: 'attempts', waitMs: 1_000 });
  });

  it('without a deadline, a wait longer than the policy allows is too long', () => {
    expect(decideRetry(input(answer(429, '3600'), { deadline: undefined }))).toEqual({ retry: false, reason: 'too-long', waitMs: 3_600_000 });
  });

  it('keeps the time an attempt needs before the deadline', () => {
    expect(decideRetry(input(answer(429, '8'), { deadline: NOW + 8_100 }))).toMatchObject({ retry: false, reason: 'deadline' });
    expect(decideRetry(input(answer(429, '8'), { deadline: NOW + 8_400 }))).toMatchObject({ retry: true });
  });
});
