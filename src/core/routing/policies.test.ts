import { chooseByLoad, chooseByRotation, type Candidate } from './policies';

const c = (id: string, load: number, weight = 1): Candidate => ({ id, name: id, load, weight });
const shares = (cands: Candidate[], horizon: number) =>
  chooseByLoad(cands, 0, horizon).shares.map((s) => `${s.id}:${Number(s.share.toFixed(4))}`);

describe('chooseByLoad (water-filling)', () => {
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
