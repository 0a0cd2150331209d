import fc from 'fast-check';
import { chooseByRotation, loadShares, pickByPoint, type Candidate } from './policies';

const c = (id: string, load: number, weight = 1): Candidate => ({ id, name: id, load, weight });
/** The owner the record point picks, and the shares it was picked from. */
const chooseByLoad = (cands: readonly Candidate[], point: number, horizon: number) => {
  const s = loadShares(cands, horizon);
  return { id: pickByPoint(s, point), shares: s };
};
const shares = (cands: Candidate[], horizon: number) =>
  chooseByLoad(cands, 0, horizon).shares.map((s) => `${s.id}:${Number(s.share.toFixed(4))}`);

describe('loadShares and pickByPoint (water-filling)', () => {
  test.each`
    name                          | cands                                  | horizon | expected
    ${'all equal'}                | ${[c('a', 3), c('b', 3), c('c', 3)]}   | ${18}   | ${['a:0.3333', 'b:0.3333', 'c:0.3333']}
    ${'strict: single minimum'}   | ${[c('a', 3), c('b', 1), c('c', 2)]}   | ${0}    | ${['b:1']}
    ${'strict: tie'}              | ${[c('a', 1), c('b', 1), c('c', 2)]}   | ${0}    | ${['a:0.5', 'b:0.5']}
    ${'water reaches one level'}  | ${[c('a', 10), c('b', 0), c('c', 4)]}  | ${6}    | ${['b:0.8333', 'c:0.1667']}
    ${'water covers everyone'}    | ${[c('a', 5), c('b', 2), c('c', 2)]}   | ${18}   | ${['a:0.2222', 'b:0.3889', 'c:0.3889']}
    ${'weights, no history'}      | ${[c('a', 0, 1), c('b', 0, 3)]}        | ${8}    | ${['a:0.25', 'b:0.75']}
    ${'weights, a is behind'}     | ${[c('a', 0, 1), c('b', 9, 3)]}        | ${2}    | ${['a:1']}
    ${'weights, strict tie'}      | ${[c('a', 1, 1), c('b', 2, 2)]}        | ${0}    | ${['a:0.3333', 'b:0.6667']}
  `('$name', ({ cands, horizon, expected }) => {
    expect(shares(cands, horizon)).toEqual(expected);
  });

  test.each`
    point    | expected
    ${0}     | ${'b'}
    ${0.8}   | ${'b'}
    ${0.84}  | ${'c'}
    ${0.999} | ${'c'}
  `('the record point $point lands on $expected', ({ point, expected }) => {
    expect(chooseByLoad([c('a', 10), c('b', 0), c('c', 4)], point, 6).id).toBe(expected);
  });

  it('throws for an empty team (a caller bug)', () => {
    expect(() => chooseByLoad([], 0.5, 6)).toThrow('at least one candidate');
  });
});

describe('chooseByRotation', () => {
  const order = ['1', '2', '3', '4'];
  test.each`
    eligible                  | last    | expected
    ${['1', '2', '3', '4']}   | ${null} | ${'1'}
    ${['1', '2', '3', '4']}   | ${'1'}  | ${'2'}
    ${['1', '2', '3', '4']}   | ${'4'}  | ${'1'}
    ${['1', '3', '4']}        | ${'1'}  | ${'3'}
    ${['2']}                  | ${'2'}  | ${'2'}
    ${['1', '2']}             | ${'9'}  | ${'1'}
    ${[]}                     | ${'1'}  | ${null}
  `('eligible $eligible, last $last → $expected', ({ eligible, last, expected }) => {
    expect(chooseByRotation(order, new Set(eligible), last)).toBe(expected);
  });
});

describe('chooseByLoad against the water-filling as first written (Array#sort)', () => {
  // The previous implementation, kept as the oracle: the order of equal levels changes the floating-point sums, so
  // the owner picked must be the same to the last bit.
  function oracle(candidates: readonly Candidate[], point: number, horizon: number): { id: string; shares: { id: string; share: number }[] } {
    const level = (x: Candidate): number => x.load / x.weight;
    let amounts: number[];
    if (horizon <= 0) {
      const min = Math.min(...candidates.map(level));
      amounts = candidates.map((x) => (level(x) <= min + 1e-9 ? x.weight : 0));
    } else {
      const sorted = [...candidates].sort((a, b) => level(a) - level(b));
      let water = horizon;
      let weightSum = 0;
      let fill = level(sorted[0] as Candidate);
      for (let i = 0; i < sorted.length; i++) {
        weightSum += (sorted[i] as Candidate).weight;
        const next = i + 1 < sorted.length ? level(sorted[i + 1] as Candidate) : Infinity;
        const need = weightSum * (next - fill);
        if (need >= water) {
          fill += water / weightSum;
          water = 0;
          break;
        }
        water -= need;
        fill = next;
      }
      amounts = candidates.map((x) => Math.max(0, x.weight * (fill - level(x))));
    }
    const total = amounts.reduce((a, b) => a + b, 0);
    const shares = candidates.flatMap((x, i) => ((amounts[i] ?? 0) > 1e-9 ? [{ id: x.id, share: (amounts[i] ?? 0) / total }] : []));
    let cumulative = 0;
    for (const s of shares) {
      cumulative += s.share;
      if (point < cumulative) return { id: s.id, shares };
    }
    return { id: (shares[shares.length - 1] as { id: string }).id, shares };
  }

  it('picks the same owner with the same shares, ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ load: fc.integer({ min: 0, max: 12 }), weight: fc.constantFrom(1, 1, 2, 0.5, 3, 0.7) }), { minLength: 1, maxLength: 9 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.constantFrom(0, 1, 6, 18, 48, 7.5),
        (raw, point, horizon) => {
          const candidates = raw.map((x, i) => c(String(100 + i), x.load, x.weight));
          expect(chooseByLoad(candidates, point, horizon)).toEqual(oracle(candidates, point, horizon));
        },
      ),
      { numRuns: 5000, seed: 3 },
    );
  });
});
