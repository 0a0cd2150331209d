/**
 * Small, stable, pure hashes for routing. Core code cannot use `node:crypto`, and nothing here needs to be secret:
 * the hashes only have to be the same on every machine and every run, so that concurrent calls for one record
 * compute the same decision and the same routing key.
 */

/**
 * cyrb53 (public domain, by bryc): a fast 53-bit string hash with good avalanche. Returns an integer in
 * [0, 2^53). Not cryptographic; collisions matter only between the few decisions of one record.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The hash as a short lowercase base-36 string (at most 11 characters). */
export const hashText = (text: string): string => base36(hash53(text));

/** cyrb53 fed piece by piece: the same value as `hash53` of the pieces joined. */
class Cyrb53 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  add(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /**
   * Adds `JSON.stringify(text)` for a string: checks for characters JSON would escape while hashing, in one pass
   * (the routing key hashes a dozen strings per decision). The state is written back only at the end, so an
   * escaped string starts over from the state before it, hashed as `JSON.stringify` writes it (rare).
   */
  addJsonString(text: string): void {
    let h1 = Math.imul(this.h1 ^ QUOTE, 2654435761);
    let h2 = Math.imul(this.h2 ^ QUOTE, 1597334677);
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (isEscapedInJson(ch)) {
        this.add(JSON.stringify(text));
        return;
      }
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = Math.imul(h1 ^ QUOTE, 2654435761);
    this.h2 = Math.imul(h2 ^ QUOTE, 1597334677);
  }

  value(): number {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

/** The code unit of `"`. */
const QUOTE = 0x22;

/**
 * Whether `JSON.stringify` may write the code unit `c` other than as it is (quote, backslash, control, surrogate;
 * a paired surrogate is written as it is, but taking `JSON.stringify` for it too is just as exact).
 */
const isEscapedInJson = (c: number): boolean => c < 0x20 || c === QUOTE || c === 0x5c || (c >= 0xd800 && c <= 0xdfff);

/**
 * `hashText(JSON.stringify(items))` for an array of strings and nulls, without building the JSON text (the routing
 * key hashes one such array per decision, and building it was a tenth of a decision). A string JSON would escape
 * is hashed as `JSON.stringify` writes it; any other string is hashed between quotes as it is.
 */
export function hashJsonArray(items: readonly (string | null)[]): string {
  const h = new Cyrb53();
  h.add('[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) h.add(',');
    const item = items[i] ?? null;
    if (item === null) h.add('null');
    else h.addJsonString(item);
  }
  h.add(']');
  return base36(h.value());
}

const DIGITS36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `n.toString(36)` for a whole number in [0, 2^53), digit by digit. Same text (a test compares them): V8's radix
 * conversion of a double costs about 0.9 µs, a tenth of a whole routing decision. Every step is exact, and uses no
 * `%` (on a double above 2^31 it is a call to C `fmod`, about 2% of a decision in profiles): `n / 36` is below 2^48,
 * where a double's rounding error (at most 2^-6) is smaller than the distance of a non-whole quotient to the next
 * whole number (at least 1/36), so `Math.floor` gives the true quotient, and `q * 36` and `n - q * 36` are exact.
 */
export function base36(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return n.toString(36);
  let out = '';
  do {
    const q = Math.floor(n / 36);
    out = DIGITS36.charAt(n - q * 36) + out;
    n = q;
  } while (n > 0);
  return out;
}

/**
 * A number in [0, 1) derived from the record alone: the tie-break of every owner choice. The same record always
 * lands on the same point, so 20 concurrent calls pick the same owner; different records spread evenly.
 */
export function recordPoint(objectType: string, recordId: string): number {
  return hash53(`${objectType}:${recordId}`) / 2 ** 53;
}

/**
 * Orders HubSpot ids: numeric ids by value (without losing precision on long ids), anything else after them by
 * code units. Locale-free, so the order is the same everywhere.
 */
export function compareIds(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
