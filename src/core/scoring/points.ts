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

const sumOf = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/**
 * Whole numbers that add up to `target`, each the floor or ceiling of its exact value: the units left after flooring
 * go to the largest remainders, ties to the earlier entry. `target` is expected to be the rounded sum.
 */
export function apportion(values: readonly number[], target: number): number[] {
  const exact = values.map(clean);
  // Whole values that already add up (no decay, no cap cut) stay as they are.
  if (exact.every(Number.isInteger) && sumOf(exact) === target) return exact;
  const whole = exact.map(Math.floor);
  let left = target - sumOf(whole);
  const remainders = exact.map((x, i) => x - (whole[i] as number));
  const byRemainder = exact.map((_, i) => i).sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
  for (const i of byRemainder) {
    if (left <= 0) break;
    whole[i] = (whole[i] as number) + 1;
    left--;
  }
  // Only a target that is not the rounded sum leaves units here: spread them over the entries in order.
  for (let i = 0; left !== 0; i = (i + 1) % whole.length) {
    whole[i] = (whole[i] as number) + Math.sign(left);
    left -= Math.sign(left);
  }
  return whole.map((x) => (x === 0 ? 0 : x)); // no -0
}

/** "+15", "-10", "+0". */
export const signed = (n: number): string => (n < 0 ? `-${Math.abs(n)}` : `+${n}`);
