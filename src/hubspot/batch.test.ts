import { chunk, foldBatchAnswer, idsOfRowError, mergeOutcomes, rowErrorToWire } from './batch';

describe('chunk', () => {
  test.each`
    n      | size   | sizes
    ${0}   | ${100} | ${[]}
    ${1}   | ${100} | ${[1]}
    ${100} | ${100} | ${[100]}
    ${101} | ${100} | ${[100, 1]}
    ${250} | ${100} | ${[100, 100, 50]}
  `('$n items by $size -> $sizes', ({ n, size, sizes }) => {
    const items = Array.from({ length: n }, (_, i) => i);
    const parts = chunk(items, size);
    expect(parts.map((p) => p.length)).toEqual(sizes);
    expect(parts.flat()).toEqual(items);
  });
  it('refuses a size that would loop forever', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

const rec = (id: string) => ({ id });

describe('foldBatchAnswer: 207 partial results are explicit', () => {
  it('a full 200 has no failures', () => {
    expect(foldBatchAnswer(['1', '2'], [rec('1'), rec('2')], undefined, (r) => r.id)).toEqual({ results: [rec('1'), rec('2')], failures: [] });
  });

  it('row errors name their ids and map their category', () => {
    const out = foldBatchAnswer(['1', '2', '3'], [rec('1')], [
      { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects, they may be deleted or not exist.', context: { ids: ['2', '3'] } },
    ], (r) => r.id);
    expect(out.results).toEqual([rec('1')]);
    expect(out.failures).toEqual([
      { ids: ['2', '3'], error: { code: 'NOT_FOUND', message: 'Could not get some CONTACT objects, they may be deleted or not exist.', retryable: false } },
    ]);
  });

  it('a row neither returned nor named by an error is reported, not dropped', () => {
    const out = foldBatchAnswer(['1', '2', '3'], [rec('1'), rec('3')], [], (r) => r.id);
    expect(out.failures).toHaveLength(1);
    expect(out.failures[0]?.ids).toEqual(['2']);
    expect(out.failures[0]?.error.message).toBe('HubSpot returned no result for these rows.');
  });

  it('an error without ids is kept, and the unmatched rows are said to be probably its', () => {
    const out = foldBatchAnswer(['1', '2'], [rec('1')], [{ category: 'VALIDATION_ERROR', message: 'Property "x" does not exist' }], (r) => r.id);
    expect(out.failures).toEqual([
      { ids: [], error: { code: 'BAD_REQUEST', message: 'Property "x" does not exist', retryable: false } },
      { ids: ['2'], error: expect.objectContaining({ message: 'HubSpot reported errors without naming the rows; these rows got no result.' }) },
    ]);
  });

  it('create rows are matched back through objectWriteTraceId', () => {
    const traces = new Map([
      ['0', '0'],
      ['1', '1'],
    ]);
    const results = [{ id: '901', objectWriteTraceId: '0' }];
    const out = foldBatchAnswer(['0', '1'], results, [{ category: 'VALIDATION_ERROR', message: 'bad', context: { objectWriteTraceId: ['1'] } }], (r) => r.objectWriteTraceId, traces);
    expect(out.failures).toEqual([{ ids: ['1'], error: { code: 'BAD_REQUEST', message: 'bad', retryable: false } }]);
  });
});

describe('row errors', () => {
  test.each`
    category                    | code
    ${'OBJECT_NOT_FOUND'}       | ${'NOT_FOUND'}
    ${'VALIDATION_ERROR'}       | ${'BAD_REQUEST'}
    ${'CONFLICT'}               | ${'CONFLICT'}
    ${'MISSING_SCOPES'}         | ${'MISSING_SCOPES'}
    ${'SOMETHING_NEW'}          | ${'HUBSPOT_UNAVAILABLE'}
    ${undefined}                | ${'HUBSPOT_UNAVAILABLE'}
  `('$category -> $code', ({ category, code }) => {
    expect(rowErrorToWire({ category }).code).toBe(code);
  });
  it('collects ids from context.ids and id without repeats', () => {
    expect(idsOfRowError({ id: '5', context: { ids: ['4', '5'] } })).toEqual(['4', '5']);
  });
  it('merges chunk outcomes in order', () => {
    const e = { code: 'NOT_FOUND' as const, message: 'x', retryable: false };
    expect(mergeOutcomes([{ results: [1], failures: [] }, { results: [2], failures: [{ ids: ['9'], error: e }] }])).toEqual({
      results: [1, 2],
      failures: [{ ids: ['9'], error: e }],
    });
  });
});
