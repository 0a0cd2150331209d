/**
 * Faults on demand, deterministic for a seed. Spec: comma-separated `key=value`, e.g.
 * `429=0.05,502=0.02,503after=0.01,477=0.01,timeout=0.01,seed=42`.
 *
 * Probability keys (each request draws once; the keys are tried in the order written):
 * - `429` (TEN_SECONDLY_ROLLING body; search answers get the SECONDLY body), `423`, `477` (with `Retry-After`).
 * - `500` `502` `503` `504`, `timeout` (the connection is held and never answered), `emptyNNN` (a 5xx with no
 *   body and no Content-Type). Each takes a timing suffix: `before` (nothing applied) or `after` (the request was
 *   fully applied, then the answer is lost: DECISIONS 6). Without a suffix the `timing` setting decides.
 * - `html404`: a `text/html` 404 page, as HubSpot's edge has sent.
 * - `drift`: a 201 answered as 200 after the write (the status drift of hubspot-api-nodejs#656).
 * Settings: `seed=N` (default 1), `timing=before|after|split` (default `split`: half before, half after),
 * `retryafter429=S` (send `Retry-After: S` on injected 429s; default none, as HubSpot does not document one),
 * `retryafter477=S` (seconds; default 1), `on=all|write|read` (which requests may fail; default all).
 */

export type FaultTiming = 'before' | 'after';

export interface FaultOutcome {
  /** `status` = a JSON error body; `empty` = no body; `html404`; `timeout` = hold; `drift` = 201 → 200. */
  readonly kind: 'status' | 'empty' | 'html404' | 'timeout' | 'drift';
  readonly status: number;
  readonly timing: FaultTiming;
  /** For the request log, e.g. `502:after`, `timeout:before`, `429`, `drift`. */
  readonly label: string;
}

interface FaultEntry {
  readonly kind: FaultOutcome['kind'];
  readonly status: number;
  readonly probability: number;
  readonly timing: FaultTiming | 'default';
}

export interface FaultConfig {
  readonly entries: readonly FaultEntry[];
  readonly seed: number;
  readonly timing: FaultTiming | 'split';
  readonly retryAfter429?: number;
  readonly retryAfter477: number;
  readonly on: 'all' | 'write' | 'read';
}

const KEY = /^(empty)?(\d{3}|timeout)(before|after)?$/;
const PLAIN_STATUSES = new Set([423, 429, 477, 500, 502, 503, 504]);
const TIMED_STATUSES = new Set([500, 502, 503, 504]);

/** Parses a fault spec; throws an Error naming the bad part (the CLI prints it and exits 2). */
export function parseFaultSpec(spec: string): FaultConfig {
  const entries: FaultEntry[] = [];
  let seed = 1;
  let timing: FaultConfig['timing'] = 'split';
  let retryAfter429: number | undefined;
  let retryAfter477 = 1;
  let on: FaultConfig['on'] = 'all';
  for (const part of spec.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    if (eq < 0) throw new Error(`fault "${part}" needs a value (key=value)`);
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    const n = Number(value);
    const number = () => {
      if (value === '' || !Number.isFinite(n) || n < 0) throw new Error(`fault "${part}": ${value} is not a non-negative number`);
      return n;
    };
    if (key === 'seed') seed = Math.floor(number());
    else if (key === 'timing') {
      if (value !== 'before' && value !== 'after' && value !== 'split') throw new Error(`fault "${part}": timing is before, after or split`);
      timing = value;
    } else if (key === 'retryafter429') retryAfter429 = number();
    else if (key === 'retryafter477') retryAfter477 = number();
    else if (key === 'on') {
      if (value !== 'all' && value !== 'write' && value !== 'read') throw new Error(`fault "${part}": on is all, write or read`);
      on = value;
    } else {
      const probability = number();
      if (probability > 1) throw new Error(`fault "${part}": a probability is at most 1`);
      if (key === 'html404') entries.push({ kind: 'html404', status: 404, probability, timing: 'before' });
      else if (key === 'drift') entries.push({ kind: 'drift', status: 200, probability, timing: 'after' });
      else {
        const m = KEY.exec(key);
        if (!m) throw new Error(`unknown fault "${key}"`);
        const [, empty, what, when] = m;
        const timed = (when as FaultTiming | undefined) ?? 'default';
        if (what === 'timeout') {
          if (empty) throw new Error(`unknown fault "${key}"`);
          entries.push({ kind: 'timeout', status: 0, probability, timing: timed });
          continue;
        }
        const status = Number(what);
        if (empty) {
          if (status < 500 || status > 599) throw new Error(`fault "${key}": empty bodies are for 5xx statuses`);
          entries.push({ kind: 'empty', status, probability, timing: timed });
        } else {
          if (!PLAIN_STATUSES.has(status)) throw new Error(`fault "${key}": supported statuses are ${[...PLAIN_STATUSES].join(', ')}`);
          if (when && !TIMED_STATUSES.has(status)) throw new Error(`fault "${key}": only 5xx faults take before/after`);
          entries.push({ kind: 'status', status, probability, timing: TIMED_STATUSES.has(status) ? timed : 'before' });
        }
      }
    }
  }
  const total = entries.reduce((s, e) => s + e.probability, 0);
  if (total > 1 + 1e-9) throw new Error(`fault probabilities add up to ${total}, more than 1`);
  return { entries, seed, timing, ...(retryAfter429 !== undefined ? { retryAfter429 } : {}), retryAfter477, on };
}

/** mulberry32: a small, fast, seedable PRNG; the same seed gives the same fault sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private config: FaultConfig | null = null;
  private random: () => number = mulberry32(1);

  constructor(spec: string | null | undefined) {
    this.set(spec ?? null);
  }

  /** Replaces the spec (null or "" = no faults) and restarts the random sequence from its seed. */
  set(spec: string | null): void {
    this.config = spec ? parseFaultSpec(spec) : null;
    this.random = mulberry32(this.config?.seed ?? 1);
  }

  get settings(): FaultConfig | null {
    return this.config;
  }

  /** Draws the fault for one request (or none). `createsWith201` limits `drift` to requests answered 201. */
  roll(request: { isWrite: boolean; createsWith201: boolean }): FaultOutcome | undefined {
    const c = this.config;
    if (!c || c.entries.length === 0) return undefined;
    if ((c.on === 'write' && !request.isWrite) || (c.on === 'read' && request.isWrite)) return undefined;
    const u = this.random();
    let acc = 0;
    for (const e of c.entries) {
      acc += e.probability;
      if (u >= acc) continue;
      if (e.kind === 'drift' && !request.createsWith201) return undefined;
      let timing: FaultTiming = e.timing === 'default' ? (c.timing === 'split' ? (this.random() < 0.5 ? 'before' : 'after') : c.timing) : e.timing;
      if (e.kind === 'drift') timing = 'after';
      const base = e.kind === 'timeout' ? 'timeout' : e.kind === 'empty' ? `empty${e.status}` : e.kind === 'html404' ? 'html404' : e.kind === 'drift' ? 'drift' : String(e.status);
      const timed = e.kind === 'timeout' || e.kind === 'empty' || TIMED_STATUSES.has(e.status);
      return { kind: e.kind, status: e.status, timing, label: timed && e.kind !== 'drift' ? `${base}:${timing}` : base };
    }
    return undefined;
  }
}
