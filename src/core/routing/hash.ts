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
export const hashText = (text: string): string => hash53(text).toString(36);

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
