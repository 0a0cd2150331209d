import fc from 'fast-check';
import { apportion, roundHalfAway, signed } from './points';

test.each`
  x              | whole
  ${2.5}         | ${3}
  ${-2.5}        | ${-3}
  ${2.4999}      | ${2}
  ${0.1 + 0.2}   | ${0}
  ${7.4999999999} | ${8}
  ${7.4999}       | ${7}
  ${-0.4}        | ${0}
`('roundHalfAway($x) = $whole (floating-point dust below 1e-9 is ignored)', ({ x, whole }) => {
  expect(Object.is(roundHalfAway(x), whole)).toBe(true);
});

test.each`
  values                 | target | whole
  ${[10, 5, -3]}         | ${12}  | ${[10, 5, -3]}
  ${[9.09, 5.45, 5.45]}  | ${20}  | ${[9, 6, 5]}
  ${[3.5, 3.5]}          | ${7}   | ${[4, 3]}
  ${[-2.5, -2.5]}        | ${-5}  | ${[-2, -3]}
  ${[6.6, 6.7, 6.7]}     | ${20}  | ${[6, 7, 7]}
  ${[0, 0.4, 0.4]}       | ${1}   | ${[0, 1, 0]}
  ${[]}                  | ${0}   | ${[]}
`('apportion($values, $target) = $whole', ({ values, target, whole }) => {
  expect(apportion(values, target)).toEqual(whole);
});

it('apportions to whole numbers that add up to the rounded sum, each the floor or ceiling of its value', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { maxLength: 12 }), (values) => {
      const target = roundHalfAway(values.reduce((a, b) => a + b, 0));
      const out = apportion(values, target);
      expect(out.reduce((a, b) => a + b, 0)).toBe(target);
      out.forEach((w, i) => {
        const v = values[i] as number;
        expect(Number.isInteger(w)).toBe(true);
        expect(w === Math.floor(v + 1e-9) || w === Math.ceil(v - 1e-9)).toBe(true);
      });
    }),
    { numRuns: 2000, seed: 7 },
  );
});

test.each([
  [15, '+15'],
  [0, '+0'],
  [-10, '-10'],
])('signed(%p) = %p', (n, text) => expect(signed(n)).toBe(text));
