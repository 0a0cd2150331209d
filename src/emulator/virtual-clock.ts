/**
 * Clocks for tests. The emulator and the client layer each take a structural `{ now(), sleep() }`,
 * so one VirtualClock can drive both: a test that crosses rate-limit windows runs in virtual time.
 */
export interface TestClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Virtual time: `sleep(ms)` moves the clock forward to `now + ms` (never backwards) and resolves on the next
 * macrotask, so waiting for a 10-second window takes microseconds. Concurrent sleepers overlap, as real ones do:
 * two 10 s sleeps started together end at +10 s, not +20 s.
 */
export class VirtualClock implements TestClock {
  private current: number;
  constructor(start: number | string = '2026-11-25T09:00:00.000Z') {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    if (ms > 0) this.current += ms;
  }
  set(at: number): void {
    if (at > this.current) this.current = at;
  }
  sleep(ms: number): Promise<void> {
    const target = this.current + Math.max(0, ms);
    return new Promise((resolve) =>
      setImmediate(() => {
        this.set(target);
        resolve();
      }),
    );
  }
}

export const realClock: TestClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
