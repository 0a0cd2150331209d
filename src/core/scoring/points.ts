/**
 * Whole points. Rule points are computed exactly (decay factors, proportional cap cuts) and rounded once, at the
 * end: each dimension to the nearest whole point (halves away from zero), then that whole is shared among its
 * groups, and each group's share among its rules, by the largest-remainder method. So the points shown on the
 * reasons add up exactly to the group, dimension and total scores, and a capped group never shows more than its cap.
 */

/** Removes floating-point dust (0.1 + 0.2) before rounding, so 7.4999999999 rounds like 7.5. */
export const clean = (x: number): number => (Number.isInteger(x) ? x : Math.round(x * 1e9) / 1e9);

/** Nearest whole number, halves away from zero: 2.5 → 3, -2.5 → -3. */
export function roundHalfAway(x: number): number {
  const c = clean(x);
  const r = Math.sign(c) * Math.floor(Math.abs(c) + 0.5);
  return r === 0 ? 0 : r; // no -0
}

/**
 * Whole numbers that add up to `target`, each the floor or ceiling of its exact value: the units left after flooring
 * go to the largest remainders, ties to the earlier entry. `target` is expected to be the rounded sum.
 */
export function apportion(values: readonly number[], target: number): number[] {
  return apportionInPlace([...values], target);
}

/** Which entries got a unit; reused by every call (apportioning is synchronous), grown when a group is larger. */
let given = new Uint8Array(64);

/** `apportion` writing into `values` itself (the engine owns its arrays; this keeps the hot loop allocation-free). */
export function apportionInPlace(values: number[], target: number): number[] {
  const n = values.length;
  let sum = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = clean(values[i] as number);
    values[i] = v;
    sum += v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  // Fast path: whole values that already add up (no decay, no cap cut) stay as they are.
  if (whole && sum === target) return values;
  // Remainders are kept in the fractional part until the units are handed out: v - floor(v).
  let floorSum = 0;
  for (let i = 0; i < n; i++) floorSum += Math.floor(values[i] as number);
  let k = target - floorSum;
  if (given.length < n) given = new Uint8Array(Math.max(n, given.length * 2));
  // A loop, not `fill`: the typed-array builtin is a runtime call, and n is a group's handful of rules.
  for (let i = 0; i < n; i++) given[i] = 0;
  // k is in [0, n] when target is the rounded sum; hand out one unit at a time to the largest remainder left.
  while (k > 0) {
    let best = -1;
    let bestRem = -1;
    for (let i = 0; i < n; i++) {
      if (given[i]) continue;
      const v = values[i] as number;
      const rem = v - Math.floor(v);
      if (rem > bestRem) {
        bestRem = rem;
        best = i;
      }
    }
    if (best < 0) break;
    given[best] = 1;
    k--;
  }
  for (let i = 0; i < n; i++) {
    const f = Math.floor(values[i] as number) + (given[i] ? 1 : 0);
    values[i] = f === 0 ? 0 : f;
  }
  // Only a target that is not the rounded sum gets here with units left: spread them over the entries in order.
  for (let i = 0; k !== 0; i = (i + 1) % n) {
    values[i] = (values[i] as number) + Math.sign(k);
    k -= Math.sign(k);
  }
  return values;
}

/** "+15", "-10", "+0". */
export const signed = (n: number): string => (n < 0 ? `-${Math.abs(n)}` : `+${n}`);
