import fc from 'fast-check';
import { base36, compareIds, hash53, hashJsonArray, hashText, recordPoint } from './hash';

describe('hash53', () => {
  // Pinned values: the hash must be the same on every machine and in every release, or keys of one episode
  // computed by different versions would disagree.
  test.each`
    text             | expected
    ${''}            | ${3338908027751811}
    ${'a'}           | ${7929297801672961}
    ${'contacts:5001'} | ${8380292727070865}
  `('"$text"', ({ text, expected }) => {
    expect(hash53(text)).toBe(expected);
  });

  it('stays below 2^53 and spreads points over [0, 1)', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const p = recordPoint('contacts', String(1000 + i));
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
      buckets[Math.floor(p * 10)]! += 1;
    }
    for (const b of buckets) expect(Math.abs(b - 1000)).toBeLessThan(120);
  });

  it('writes short base-36 text', () => {
    expect(hashText('x')).toMatch(/^[0-9a-z]{1,11}$/);
    expect(hashText('x')).toBe(hashText('x'));
    expect(hashText('x')).not.toBe(hashText('y'));
  });
});

describe('compareIds', () => {
  test.each`
    a                         | b                         | sign
    ${'9'}                    | ${'10'}                   | ${-1}
    ${'10'}                   | ${'9'}                    | ${1}
    ${'123'}                  | ${'123'}                  | ${0}
    ${'007'}                  | ${'7'}                    | ${0}
    ${'90071992547409931'}    | ${'90071992547409932'}    | ${-1}
    ${'5'}                    | ${'abc'}                  | ${-1}
    ${'abc'}                  | ${'abd'}                  | ${-1}
  `('$a vs $b → $sign', ({ a, b, sign }) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign);
  });
});

describe('base36', () => {
  test.each`
    n                        | expected
    ${0}                     | ${'0'}
    ${35}                    | ${'z'}
    ${36}                    | ${'10'}
    ${2 ** 53 - 1}           | ${(2 ** 53 - 1).toString(36)}
    ${3338908027751811}      | ${'wvjl67o803'}
  `('$n -> $expected', ({ n, expected }) => {
    expect(base36(n)).toBe(expected);
  });

  it('writes every safe whole number as Number#toString(36) does (routing keys stay byte-identical)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => base36(n) === n.toString(36)),
      { numRuns: 20_000 },
    );
    for (let i = 0; i < 2_000; i++) {
      const h = hash53(`key-${i}`);
      expect(base36(h)).toBe(h.toString(36));
    }
  });

  it('falls back to toString for anything else', () => {
    expect(base36(-5)).toBe('-5');
    expect(base36(1.5)).toBe((1.5).toString(36));
  });
});


describe('hashJsonArray', () => {
  test.each([
    [['v1', 'contacts', '5001', 'none', 'mid_market', '20', '201', 'balanced', null, 'numberofemployees = 320 → Mid-Market']],
    [[]],
    [[null, '']],
    [['say "hi"', 'back\\slash', 'tab\tnew\nline', '\u0000\u001f', '😀 ok', '\ud800 lone', 'lone \udfff']],
  ])('%j hashes as its JSON text does', (items) => {
    expect(hashJsonArray(items)).toBe(hashText(JSON.stringify(items)));
  });

  it('hashes any strings (every UTF-16 code unit, lone surrogates too) as their JSON text does', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), { nil: null }), { maxLength: 12 }), (items) => {
        expect(hashJsonArray(items)).toBe(hashText(JSON.stringify(items)));
      }),
      { numRuns: 5_000, seed: 9 },
    );
  });
});
