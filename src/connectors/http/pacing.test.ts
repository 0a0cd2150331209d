import { mapWithLimit } from '../pool';
import { SlidingWindow } from './pacing';

describe('SlidingWindow', () => {
  it('lets max requests through per interval, then says how long until the oldest leaves', () => {
    const w = new SlidingWindow(2, 60_000);
    expect(w.waitMs(0)).toBe(0);
    w.record(0);
    w.record(10_000);
    expect(w.waitMs(20_000)).toBe(40_000);
    expect(w.waitMs(60_000)).toBe(0);
    w.record(60_000);
    expect(w.waitMs(61_000)).toBe(9_000);
  });
});

describe('mapWithLimit', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('starts nothing more once stopped', async () => {
    const started: number[] = [];
    let stop = false;
    const out = await mapWithLimit(
      [1, 2, 3, 4],
      1,
      async (n) => {
        started.push(n);
        if (n === 2) stop = true;
        return n;
      },
      () => stop,
    );
    expect(started).toEqual([1, 2]);
    expect(out).toEqual([1, 2, undefined, undefined]);
  });
});
