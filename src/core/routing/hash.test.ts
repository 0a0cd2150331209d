import { compareIds, hash53, hashText, recordPoint } from './hash';

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

  // Pinned: routing keys are stored on records and in notes, so the text a decision hashes must keep its hash.
  test.each`
    items                                                                                                                        | expected
    ${['v1', 'contacts', '5001', 'none', 'mid_market', '20', '201', 'balanced', null, 'numberofemployees = 320 → Mid-Market']} | ${'1yqigpl7srs'}
    ${['say "hi"', 'back\\slash', 'tab\tnew\nline', '\u0000\u001f', '😀 ok', '\ud800 lone']}                                   | ${'ut57n8h6sa'}
  `('the JSON text of $items hashes to $expected', ({ items, expected }) => {
    expect(hashText(JSON.stringify(items))).toBe(expected);
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
