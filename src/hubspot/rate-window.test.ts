import { dailyHeadersOf, rateHeadersOf, SlidingWindow } from './rate-window';

const T0 = 1_000_000;
const TEN = { max: 10, intervalMs: 10_000 };

/** Sends `n` calls at `at`, completing each at `at`. */
const fill = (w: SlidingWindow, n: number, at: number) => {
  for (let i = 0; i < n; i++) w.complete(w.record(at), at);
};

describe('SlidingWindow: our own count', () => {
  test.each`
    sent  | fraction | target | wait
    ${0}  | ${1}     | ${10}  | ${0}
    ${9}  | ${1}     | ${10}  | ${0}
    ${10} | ${1}     | ${10}  | ${10_000}
    ${8}  | ${0.8}   | ${10}  | ${1_250}
    ${1}  | ${0.8}   | ${10}  | ${1_250}
    ${10} | ${0.8}   | ${10}  | ${10_000}
  `('$sent sent at t0, fraction $fraction -> target $target, wait $wait ms (a share spaces the sends)', ({ sent, fraction, target, wait }) => {
    const w = new SlidingWindow(TEN, fraction);
    fill(w, sent, T0);
    expect(w.target).toBe(target);
    expect(w.waitMs(T0)).toBe(wait);
  });

  it('keeps a bulk share of a small window: 4.75 searches a second at 95 %, never more than 5 in one second', () => {
    const w = new SlidingWindow({ max: 5, intervalMs: 1_000 }, 0.95);
    const sends: number[] = [];
    let t = T0;
    while (t < T0 + 60_000) {
      const wait = w.waitMs(t);
      if (wait > 0) t += wait;
      else {
        fill(w, 1, t);
        sends.push(t);
      }
    }
    expect(w.target).toBe(5);
    // A plain count of floor(5 × 0.95) = 4 a second would give 240 in a minute.
    expect(sends.length / 60).toBeGreaterThan(4.7);
    expect(sends.length / 60).toBeLessThan(4.85);
    const mostInOneSecond = Math.max(...sends.map((s0) => sends.filter((x) => x >= s0 && x < s0 + 1_000).length));
    expect(mostInOneSecond).toBeLessThanOrEqual(5);
  });

  it('is rolling: a slot frees exactly when the oldest call is interval old', () => {
    const w = new SlidingWindow(TEN, 1);
    for (let i = 0; i < 10; i++) fill(w, 1, T0 + i * 1000);
    expect(w.waitMs(T0 + 9_500)).toBe(500);
    expect(w.waitMs(T0 + 10_000)).toBe(0);
    expect(w.ours(T0 + 10_000)).toBe(9);
  });

  it('counts a call until interval after its answer arrived, not after it was sent', () => {
    const w = new SlidingWindow({ max: 1, intervalMs: 10_000 }, 1);
    const e = w.record(T0);
    w.complete(e, T0 + 3_000);
    expect(w.waitMs(T0 + 10_000)).toBe(3_000);
  });

  it('never frees an in-flight call', () => {
    const w = new SlidingWindow({ max: 1, intervalMs: 10_000 }, 1);
    w.record(T0);
    expect(w.waitMs(T0 + 60_000)).toBe(10_000);
  });

  it('needs several slots freed when over target', () => {
    const w = new SlidingWindow(TEN, 1);
    fill(w, 5, T0);
    fill(w, 5, T0 + 4_000);
    w.observe(T0 + 4_000, { max: 8, remaining: 0, intervalMs: 10_000 });
    // 10 ours in a window now said to hold 8: three of ours must expire (5 at T0+10s are enough).
    expect(w.waitMs(T0 + 4_000)).toBe(6_000);
  });
});

describe('SlidingWindow: what the headers say', () => {
  it('learns the limit from X-HubSpot-RateLimit-Max', () => {
    const w = new SlidingWindow({ max: 100, intervalMs: 10_000 }, 1);
    w.observe(T0, { max: 190, remaining: 190, intervalMs: 10_000 });
    expect(w.current).toEqual({ max: 190, intervalMs: 10_000 });
    expect(w.target).toBe(190);
  });

  it("counts others' calls (HubSpot's count minus ours) and spreads their expiry over the window", () => {
    const w = new SlidingWindow(TEN, 1);
    fill(w, 2, T0);
    w.observe(T0, { max: 10, remaining: 2 }); // HubSpot counts 8: 6 are someone else's
    expect(w.used(T0)).toBe(8);
    expect(w.waitMs(T0)).toBe(0);
    fill(w, 2, T0);
    expect(w.used(T0)).toBe(10);
    // the first of the others' six frees after 10 s / 6
    expect(w.waitMs(T0)).toBe(Math.ceil(10_000 / 6));
  });

  it('never estimates a negative external usage', () => {
    const w = new SlidingWindow(TEN, 1);
    fill(w, 5, T0);
    w.observe(T0, { max: 10, remaining: 9 });
    expect(w.used(T0)).toBe(5);
  });

  it('after a 429 with the window full, blocks every sender until our oldest call frees', () => {
    const w = new SlidingWindow(TEN, 1);
    for (let i = 0; i < 10; i++) fill(w, 1, T0 + i * 100);
    const wait = w.onRateLimited(T0 + 2_000, { max: 10, remaining: 0 });
    expect(wait).toBe(8_000);
    expect(w.waitMs(T0 + 5_000)).toBe(5_000);
  });

  it('after a 429 caused by others (none of ours in the window), waits for the first of theirs to expire', () => {
    const w = new SlidingWindow(TEN, 1);
    expect(w.onRateLimited(T0, { max: 10, remaining: 0 })).toBe(1_000);
  });

  it('a 429 whose headers show room left is not about this window', () => {
    const w = new SlidingWindow(TEN, 1);
    fill(w, 3, T0);
    expect(w.onRateLimited(T0, { max: 10, remaining: 7 })).toBeUndefined();
    expect(w.waitMs(T0)).toBe(0);
  });

  it('honours Retry-After on a 429 when it is longer', () => {
    const w = new SlidingWindow(TEN, 1);
    expect(w.onRateLimited(T0, { max: 10, remaining: 0 }, 4_000)).toBe(4_000);
    expect(w.waitMs(T0 + 1_000)).toBe(3_000);
  });

  it('reads the headers (lower-cased by the SDK)', () => {
    const h = {
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': '187',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-daily': '625000',
      'x-hubspot-ratelimit-daily-remaining': '624001',
    };
    expect(rateHeadersOf(h)).toEqual({ max: 190, remaining: 187, intervalMs: 10_000 });
    expect(dailyHeadersOf(h)).toEqual({ daily: 625_000, dailyRemaining: 624_001 });
    expect(rateHeadersOf({})).toEqual({});
    expect(dailyHeadersOf(undefined)).toEqual({});
  });
});
