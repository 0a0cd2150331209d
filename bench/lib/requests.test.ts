import { countCalls, describeRequest, isRead, roundTrips } from './requests';

const span = (at: number, durationMs: number) => ({ at, durationMs });

describe('roundTrips: the longest chain of requests that did not overlap', () => {
  test.each`
    case                                            | spans                                                      | expected
    ${'no request'}                                 | ${[]}                                                      | ${0}
    ${'one request'}                                | ${[span(0, 100)]}                                          | ${1}
    ${'three started together'}                     | ${[span(0, 100), span(1, 100), span(2, 103)]}              | ${1}
    ${'two in a row'}                               | ${[span(0, 100), span(101, 100)]}                          | ${2}
    ${'two together, then one'}                     | ${[span(0, 100), span(2, 104), span(110, 100)]}            | ${2}
    ${'a long call beside a short chain'}           | ${[span(0, 300), span(0, 100), span(105, 100)]}            | ${2}
    ${'staggered: the third starts after the first'} | ${[span(0, 100), span(50, 100), span(120, 100)]}          | ${2}
    ${'five dependent calls'}                       | ${[0, 1, 2, 3, 4].map((i) => span(i * 110, 100))}          | ${5}
    ${'order of the log does not matter'}           | ${[span(220, 100), span(0, 100), span(110, 100)]}          | ${3}
  `('$case → $expected', ({ spans, expected }) => {
    expect(roundTrips(spans)).toBe(expected);
  });
});

describe('isRead', () => {
  test.each`
    method     | path                                          | operation                   | read
    ${'GET'}   | ${'/crm/v3/objects/contacts/1'}               | ${'objects.get'}            | ${true}
    ${'POST'}  | ${'/crm/v3/objects/contacts/search'}          | ${'objects.search'}         | ${true}
    ${'POST'}  | ${'/crm/v3/objects/companies/batch/read'}     | ${'objects.batchRead'}      | ${true}
    ${'POST'}  | ${'/crm/v4/associations/contacts/notes/batch/read'} | ${'associations.batchRead'} | ${true}
    ${'POST'}  | ${'/crm/v3/objects/notes'}                    | ${'objects.create'}         | ${false}
    ${'POST'}  | ${'/crm/v3/objects/contacts/batch/update'}    | ${'objects.batchUpdate'}    | ${false}
    ${'PATCH'} | ${'/crm/v3/objects/contacts/1'}               | ${'objects.update'}         | ${false}
    ${'PUT'}   | ${'/crm/v4/objects/notes/1/associations/default/contacts/2'} | ${undefined} | ${false}
    ${'POST'}  | ${'/crm/v3/objects/tickets/search'}           | ${undefined}                | ${true}
  `('$method $path is a read: $read', ({ method, path, operation, read }) => {
    expect(isRead({ method, path, operation })).toBe(read);
  });
});

it('countCalls splits reads and writes and templates ids', () => {
  const log = [
    { method: 'GET', path: '/crm/v3/objects/contacts/123', at: 0, durationMs: 1, status: 200, operation: 'objects.get' },
    { method: 'PATCH', path: '/crm/v3/objects/contacts/123', at: 2, durationMs: 1, status: 200, operation: 'objects.update' },
  ];
  expect(countCalls(log)).toEqual({ calls: 2, reads: 1, writes: 1, requests: ['GET /crm/v3/objects/contacts/{id}', 'PATCH /crm/v3/objects/contacts/{id}'] });
  expect(describeRequest({ method: 'GET', path: '/crm/v4/objects/contacts/9/associations/notes' })).toBe('GET /crm/v4/objects/contacts/{id}/associations/notes');
});
