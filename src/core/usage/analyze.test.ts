import { analyzeUsage } from './analyze';
import { EMPTY_API_USAGE, formatUsageLine, parseUsageLine, type UsageLine } from './log-line';

let seq = 0;
const line = (over: Omit<Partial<UsageLine>, 'api'> & { api?: Partial<UsageLine['api']> } = {}): UsageLine => {
  seq += 1;
  return {
    leadOps: 'call',
    v: 1,
    at: new Date(Date.UTC(2026, 10, 25, 10, 0, seq)).toISOString(),
    fn: 'score_lead',
    correlationId: `c-${seq}`,
    ok: true,
    code: null,
    ms: 100,
    ...over,
    api: { ...EMPTY_API_USAGE, calls: 3, ...over.api },
  };
};

describe('parseUsageLine', () => {
  it('finds our line inside hs project logs output', () => {
    const l = line();
    expect(parseUsageLine(`2026-11-25T10:00:00Z INFO ${formatUsageLine(l)}`)).toEqual(l);
  });
  test.each(['', 'plain text', '{"leadOps":"call"', '{"leadOps":"call","v":2}', '{"other":1}'])('ignores %j', (text) => {
    expect(parseUsageLine(text)).toBeNull();
  });
});

describe('analyzeUsage', () => {
  it('flags an error rate above 5 % (6 % here)', () => {
    // 50 calls of 2 requests = 100 requests, 6 of them errors.
    const lines = Array.from({ length: 50 }, (_, i) => line({ api: { calls: 2, errors: i < 6 ? 1 : 0 } }));
    const r = analyzeUsage(lines);
    expect(r.apiCalls).toBe(100);
    expect(r.errorRate).toBeCloseTo(0.06);
    expect(r.flags.some((f) => f.includes('error rate 6.0 %'))).toBe(true);
  });

  it('does not flag exactly 5 %', () => {
    const lines = Array.from({ length: 20 }, (_, i) => line({ api: { calls: 1, errors: i === 0 ? 1 : 0 } }));
    expect(analyzeUsage(lines).flags).toEqual([]);
  });

  test.each`
    remaining  | limit      | flagged
    ${62_499}  | ${625_000} | ${true}
    ${62_500}  | ${625_000} | ${false}
    ${600_000} | ${625_000} | ${false}
  `('daily remaining $remaining of $limit -> flagged $flagged', ({ remaining, limit, flagged }) => {
    const r = analyzeUsage([line({ api: { dailyRemaining: 1000, dailyLimit: 625_000 } }), line({ api: { dailyRemaining: remaining, dailyLimit: limit } })]);
    expect(r.dailyRemaining).toBe(remaining);
    expect(r.flags.some((f) => f.startsWith('daily API allowance'))).toBe(flagged);
  });

  it('counts failures by code and per function', () => {
    const r = analyzeUsage([
      line({ fn: 'assign_owner', ok: false, code: 'RATE_LIMITED', api: { rateLimited: 2, retries: 2 } }),
      line({ fn: 'assign_owner' }),
      line({ fn: 'record_status', ok: false, code: 'AUTH_REJECTED' }),
    ]);
    expect(r.failuresByCode).toEqual({ RATE_LIMITED: 1, AUTH_REJECTED: 1 });
    expect(r.byFunction.assign_owner).toMatchObject({ invocations: 2, failed: 1, apiCalls: 6 });
    expect(r.rateLimited).toBe(2);
    expect(r.retries).toBe(2);
  });

  it('reports an empty log without flags', () => {
    expect(analyzeUsage([])).toMatchObject({ lines: 0, apiCalls: 0, errorRate: 0, flags: [], dailyHeadroom: null });
  });
});
