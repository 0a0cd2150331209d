import fc from 'fast-check';
import { parseInstant } from '../criteria/evaluate';
import type { RoutingConfig } from './config-schema';
import {
  countLoad,
  dayKey,
  LoadCounter,
  recentAssignmentsFromSearch,
  recentAssignmentsQuery,
  recentAssignmentsSearchBody,
  type LoadCounts,
  type RecentAssignment,
  type RecentAssignmentsInput,
} from './recent-assignments';
import { assignments, DAY, HOUR, makeConfig, NOW } from './test-fixtures';

const config = makeConfig();

describe('countLoad', () => {
  test.each`
    name                                  | searched                                                                                      | run                                                         | recent                 | today            | last
    ${'counts per owner'}                 | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - HOUR }, { recordId: '2', ownerId: 'a', routedAt: NOW - 2 * HOUR }]} | ${[]}      | ${{ a: 2 }}            | ${{ a: 2 }}      | ${'a'}
    ${'drops rows outside the window'}    | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - 8 * DAY }]}                                  | ${[]}                                                       | ${{}}                  | ${{}}            | ${'a'}
    ${'yesterday is recent, not today'}   | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - DAY }]}                                      | ${[]}                                                       | ${{ a: 1 }}            | ${{}}            | ${'a'}
    ${'drops the record being routed'}    | ${[{ recordId: 'self', ownerId: 'a', routedAt: NOW - HOUR }]}                                  | ${[]}                                                       | ${{}}                  | ${{}}            | ${null}
    ${'run rows replace search rows'}     | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - HOUR }]}                                     | ${[{ recordId: '1', ownerId: 'b', routedAt: NOW - 1000 }]}  | ${{ b: 1 }}            | ${{ b: 1 }}      | ${'b'}
    ${'run rows add what search lacks'}   | ${[{ recordId: '1', ownerId: 'a', routedAt: NOW - HOUR }]}                                     | ${[{ recordId: '2', ownerId: 'b', routedAt: NOW - 1000 }]}  | ${{ a: 1, b: 1 }}      | ${{ a: 1, b: 1 }} | ${'b'}
    ${'rows without a record id count'}   | ${[{ ownerId: 'a', routedAt: NOW - HOUR }, { ownerId: 'a', routedAt: NOW - HOUR }]}            | ${[]}                                                       | ${{ a: 2 }}            | ${{ a: 2 }}      | ${'a'}
    ${'unreadable times are ignored'}     | ${[{ recordId: '1', ownerId: 'a', routedAt: 'soon' }, { recordId: '2', ownerId: '', routedAt: NOW }]} | ${[]}                                                 | ${{}}                  | ${{}}            | ${null}
    ${'ISO and epoch strings both work'}  | ${[{ recordId: '1', ownerId: 'a', routedAt: new Date(NOW - HOUR).toISOString() }, { recordId: '2', ownerId: 'a', routedAt: String(NOW - HOUR) }]} | ${[]} | ${{ a: 2 }} | ${{ a: 2 }} | ${'a'}
  `('$name', ({ searched, run, recent, today, last }) => {
    const c = countLoad({ searched, run }, 'self', NOW, config);
    expect(Object.fromEntries(c.recent)).toEqual(recent);
    expect(Object.fromEntries(c.today)).toEqual(today);
    expect(c.last?.ownerId ?? null).toBe(last);
  });

  it('flags counts cut at the search page', () => {
    expect(countLoad({ searched: [], searchedTotal: 5 }, 'x', NOW, config).partial).toBe(true);
    expect(countLoad({ searched: [] }, 'x', NOW, config).partial).toBe(false);
  });
});

describe('the recent-assignments search', () => {
  it('is one search: routed since the window start, owner in the team, newest first, one page', () => {
    const q = recentAssignmentsQuery('contacts', ['201', '202'], NOW, config);
    expect(recentAssignmentsSearchBody(q)).toEqual({
      filterGroups: [
        {
          filters: [
            { propertyName: 'lead_ops_routed_at', operator: 'GTE', value: String(NOW - 7 * DAY) },
            { propertyName: 'hubspot_owner_id', operator: 'IN', values: ['201', '202'] },
          ],
        },
      ],
      sorts: [{ propertyName: 'lead_ops_routed_at', direction: 'DESCENDING' }],
      properties: ['hubspot_owner_id', 'lead_ops_routed_at'],
      limit: 200,
    });
  });

  it('reads search results into rows', () => {
    expect(
      recentAssignmentsFromSearch([
        { id: '1', properties: { hubspot_owner_id: '201', lead_ops_routed_at: '2026-11-25T14:00:00.000Z' } },
        { id: '2', properties: { hubspot_owner_id: null, lead_ops_routed_at: '2026-11-25T14:00:00.000Z' } },
        { id: '3', properties: { hubspot_owner_id: '202' } },
      ]),
    ).toEqual([{ recordId: '1', ownerId: '201', routedAt: '2026-11-25T14:00:00.000Z' }]);
  });
});

describe('dayKey', () => {
  test.each`
    at                             | tz                       | expected
    ${'2026-11-25T02:00:00Z'}      | ${'UTC'}                 | ${'2026-11-25'}
    ${'2026-11-25T02:00:00Z'}      | ${'America/Los_Angeles'} | ${'2026-11-24'}
    ${'2026-11-25T23:30:00Z'}      | ${'Europe/Berlin'}       | ${'2026-11-26'}
    ${'2026-11-25T23:30:00Z'}      | ${'Asia/Kolkata'}        | ${'2026-11-26'}
  `('$at in $tz is $expected', ({ at, tz, expected }) => {
    expect(dayKey(Date.parse(at), tz)).toBe(expected);
  });
});

/**
 * The one-shot count, written apart from `LoadCounter` (merge everything, then count, formatting each row's day):
 * the oracle the counter and the stateless `countLoad` must agree with, row for row.
 */
function oracleCountLoad(input: RecentAssignmentsInput, recordId: string, now: number, cfg: RoutingConfig) {
  const instant = (v: string | number): number | null => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : parseInstant(v.trim()));
  const windowStart = now - cfg.balanced.windowDays * DAY;
  const today = dayKey(now, cfg.caps.timeZone);
  const byRecord = new Map<string, { ownerId: string; at: number }>();
  const anonymous: { ownerId: string; at: number }[] = [];
  let ownRowsDropped = 0;
  const add = (row: RecentAssignment, fromRun: boolean): void => {
    const at = instant(row.routedAt);
    if (at === null || row.ownerId === '') return;
    const id = row.recordId ?? null;
    if (id === recordId) {
      ownRowsDropped++;
      return;
    }
    if (id === null) {
      anonymous.push({ ownerId: row.ownerId, at });
      return;
    }
    const seen = byRecord.get(id);
    if (!seen || fromRun || at > seen.at) byRecord.set(id, { ownerId: row.ownerId, at });
  };
  input.searched.forEach((r) => add(r, false));
  (input.run ?? []).forEach((r) => add(r, true));
  const recent: Record<string, number> = {};
  const todayCounts: Record<string, number> = {};
  let last: { ownerId: string; at: number } | null = null;
  let counted = 0;
  for (const row of [...byRecord.values(), ...anonymous]) {
    if (row.at > now + 60_000) continue;
    if (row.at >= windowStart) {
      recent[row.ownerId] = (recent[row.ownerId] ?? 0) + 1;
      counted++;
    }
    if (dayKey(row.at, cfg.caps.timeZone) === today) todayCounts[row.ownerId] = (todayCounts[row.ownerId] ?? 0) + 1;
    if (last === null || row.at > last.at) last = row;
  }
  const partial = typeof input.searchedTotal === 'number' && input.searchedTotal > input.searched.length;
  return { recent, today: todayCounts, last: last && { ownerId: last.ownerId, at: last.at }, counted, partial, ownRowsDropped };
}

const plain = (c: LoadCounts) => ({
  recent: Object.fromEntries(c.recent),
  today: Object.fromEntries(c.today),
  last: c.last && { ownerId: c.last.ownerId, at: c.last.at },
  counted: c.counted,
  partial: c.partial,
  ownRowsDropped: c.ownRowsDropped,
});

/** Instants around which counting is delicate: the window's edge, the skew limit, midnight, DST changes. */
const BASES = [NOW, Date.parse('2026-11-25T23:59:00Z'), Date.parse('2026-03-29T00:50:00Z'), Date.parse('2026-11-01T09:10:00Z'), Date.parse('2026-04-05T02:40:00Z')];
const ZONES = ['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago'];
const OFFSETS = [0, 1, -1, 60_000, 60_001, 59_999, -7 * DAY, -7 * DAY - 1, -7 * DAY + 1, -DAY, -HOUR, -15 * 60_000, 2 * DAY, -9 * DAY, -3 * HOUR - 7];

const rowArb = (base: number) =>
  fc.record({
    recordId: fc.constantFrom<string | null | undefined>('self', '1', '2', '3', '4', '5', '6', null, undefined),
    ownerId: fc.constantFrom('a', 'b', 'c', ''),
    offset: fc.oneof(fc.constantFrom(...OFFSETS), fc.integer({ min: -9 * DAY, max: 2 * DAY }), fc.double({ min: -9 * DAY, max: DAY, noNaN: true })),
    form: fc.constantFrom('number', 'iso', 'epoch-text', 'junk', 'number'),
  }).map(({ recordId, ownerId, offset, form }): RecentAssignment => {
    const at = form === 'number' ? base + offset : Math.round(base + offset);
    const routedAt = form === 'number' ? at : form === 'iso' ? new Date(at).toISOString() : form === 'epoch-text' ? ` ${at} ` : 'soon';
    return recordId === undefined ? { ownerId, routedAt } : { recordId, ownerId, routedAt };
  });

describe('LoadCounter', () => {
  it('counts exactly as the one-shot count, with run decisions added one by one between decisions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES).chain((base) =>
          fc.record({
            base: fc.constant(base),
            zone: fc.constantFrom(...ZONES),
            windowDays: fc.constantFrom(7, 1, 0.5, 3),
            searched: fc.array(rowArb(base), { maxLength: 25 }),
            total: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
            initialRun: fc.array(rowArb(base), { maxLength: 5 }),
            steps: fc.array(
              fc.record({
                add: fc.option(rowArb(base), { nil: null }),
                recordId: fc.constantFrom('self', '1', '3', '6', 'nobody'),
                nowOffset: fc.oneof(fc.constantFrom(...OFFSETS), fc.integer({ min: -2 * DAY, max: 2 * DAY })),
              }),
              { maxLength: 25 },
            ),
          }),
        ),
        ({ base, zone, windowDays, searched, total, initialRun, steps }) => {
          const cfg = makeConfig({ balanced: { windowDays }, caps: { timeZone: zone } });
          const run = [...initialRun];
          const counter = new LoadCounter({ searched, searchedTotal: total, run }, cfg);
          for (const step of steps) {
            if (step.add) {
              counter.addRun(step.add);
              run.push(step.add);
            }
            const now = base + step.nowOffset;
            const expected = oracleCountLoad({ searched, searchedTotal: total, run }, step.recordId, now, cfg);
            expect(plain(counter.counts(step.recordId, now))).toEqual(expected);
            expect(plain(countLoad({ searched, searchedTotal: total, run }, step.recordId, now, cfg))).toEqual(expected);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never changes counts it has handed out when rows are added later', () => {
    const counter = new LoadCounter({ searched: [{ recordId: '1', ownerId: 'a', routedAt: NOW - HOUR }] }, config);
    const before = counter.counts('x', NOW);
    counter.addRun({ recordId: '2', ownerId: 'a', routedAt: NOW - 1000 });
    counter.addRun({ recordId: '3', ownerId: 'b', routedAt: NOW - 1000 });
    expect(Object.fromEntries(before.recent)).toEqual({ a: 1 });
    expect(Object.fromEntries(before.today)).toEqual({ a: 1 });
    expect(Object.fromEntries(counter.counts('x', NOW).recent)).toEqual({ a: 2, b: 1 });
  });

  it('counts a searched page as it is at each call, run rows included only when given', () => {
    const page = [...assignments('a', 3), ...assignments('b', 1)];
    expect(Object.fromEntries(countLoad({ searched: page }, 'x', NOW, config).recent)).toEqual({ a: 3, b: 1 });
    page.push(...assignments('b', 2, NOW - HOUR, 100));
    expect(Object.fromEntries(countLoad({ searched: page }, 'x', NOW, config).recent)).toEqual({ a: 3, b: 3 });
    const run = [{ recordId: 'z', ownerId: 'c', routedAt: NOW }];
    expect(Object.fromEntries(countLoad({ searched: page, run }, 'x', NOW, config).recent)).toEqual({ a: 3, b: 3, c: 1 });
    expect(Object.fromEntries(countLoad({ searched: page }, 'x', NOW, config).recent)).toEqual({ a: 3, b: 3 });
  });

  it('tells which configurations it counts for', () => {
    const counter = new LoadCounter({ searched: [] }, config);
    expect(counter.countsFor(makeConfig())).toBe(true);
    expect(counter.countsFor(makeConfig({ balanced: { windowDays: 3 } }))).toBe(false);
    expect(counter.countsFor(makeConfig({ caps: { timeZone: 'Europe/Berlin' } }))).toBe(false);
  });
});

describe("today's count in the caps time zone", () => {
  test.each`
    tz                       | start                          | end
    ${'UTC'}                 | ${'2026-11-25T00:00:00.000Z'}  | ${'2026-11-26T00:00:00.000Z'}
    ${'America/Los_Angeles'} | ${'2026-11-24T08:00:00.000Z'}  | ${'2026-11-25T08:00:00.000Z'}
    ${'Europe/Berlin'}       | ${'2026-03-28T23:00:00.000Z'}  | ${'2026-03-29T22:00:00.000Z'}
    ${'Europe/Berlin'}       | ${'2026-10-24T22:00:00.000Z'}  | ${'2026-10-25T23:00:00.000Z'}
    ${'Asia/Kathmandu'}      | ${'2026-11-25T18:15:00.000Z'}  | ${'2026-11-26T18:15:00.000Z'}
    ${'Pacific/Apia'}        | ${'2011-12-30T10:00:00.000Z'}  | ${'2011-12-31T10:00:00.000Z'}
  `('in $tz, the day from $start to $end counts (DST days of 23 and 25 hours, a day after a skipped one)', ({ tz, start, end }) => {
    const first = Date.parse(start);
    const now = Date.parse(end) - 1;
    const searched = [
      { recordId: '1', ownerId: 'before', routedAt: first - 1 },
      { recordId: '2', ownerId: 'first', routedAt: first },
      { recordId: '3', ownerId: 'last', routedAt: now },
    ];
    const counts = new LoadCounter({ searched }, makeConfig({ caps: { timeZone: tz } })).counts('x', now);
    expect(Object.fromEntries(counts.today)).toEqual({ first: 1, last: 1 });
  });
});
