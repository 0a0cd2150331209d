import { environmentNames, mergeJson, resolveEnvironment } from './environments';

describe('mergeJson', () => {
  test.each`
    base                         | override                     | expected
    ${{ a: 1, b: { c: 2, d: 3 } }} | ${{ b: { d: 4 } }}           | ${{ a: 1, b: { c: 2, d: 4 } }}
    ${{ a: [1, 2] }}             | ${{ a: [3] }}                | ${{ a: [3] }}
    ${{ a: { b: 1 } }}           | ${{ a: null }}               | ${{ a: null }}
    ${{ a: 1 }}                  | ${{ z: { y: 1 } }}           | ${{ a: 1, z: { y: 1 } }}
  `('merges $override into $base', ({ base, override, expected }) => {
    expect(mergeJson(base, override)).toEqual(expected);
  });

  it('never writes through __proto__', () => {
    const merged = mergeJson({ a: 1 }, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(['a']);
  });
});

describe('resolveEnvironment', () => {
  const raw = { version: 1, routing: { x: 1, y: 2 }, environments: { prod: { routing: { y: 3 } }, dev: {} } };

  it('returns the base without the environments key when no name is given', () => {
    expect(resolveEnvironment(raw)).toEqual({ ok: true, value: { version: 1, routing: { x: 1, y: 2 } } });
  });
  it('merges the named environment', () => {
    expect(resolveEnvironment(raw, 'prod')).toEqual({ ok: true, value: { version: 1, routing: { x: 1, y: 3 } } });
  });
  it('names the known environments when one is missing', () => {
    const r = resolveEnvironment(raw, 'staging');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatchObject({ path: 'environments', fix: 'use one of: dev, prod' });
  });
  it('falls back to the base when allowed', () => {
    expect(resolveEnvironment(raw, 'staging', { allowMissing: true })).toEqual({ ok: true, value: { version: 1, routing: { x: 1, y: 2 } } });
  });
  it('lists environment names', () => {
    expect(environmentNames(raw)).toEqual(['dev', 'prod']);
    expect(environmentNames({})).toEqual([]);
  });
});
