import { irregularIds, simulateBalance } from './balance-simulation';
import { makeConfig, makeOwner, NOW, TEAMS } from './test-fixtures';

// A Mid-Market team of k eligible owners plus one away and one archived member, who must receive nothing.
const team = (k: number) => [
  ...Array.from({ length: k }, (_, i) => makeOwner(String(500 + i), `Rep${i}`, 'Mm', [TEAMS.mm])),
  makeOwner('598', 'Gone', 'Mm', [TEAMS.mm], { archived: true }),
  makeOwner('599', 'Away', 'Mm', [TEAMS.mm, TEAMS.away]),
];
const eligible = (k: number) => Array.from({ length: k }, (_, i) => String(500 + i));
const CONFIG = makeConfig({ balanced: { windowDays: 30 } }); // shipped policy and spread; the run fits the window

function run(k: number, lag: number, pageSize: number, options: { withRunDecisions?: boolean; spreadPerOwner?: number; seed?: number } = {}) {
  const config = options.spreadPerOwner === undefined ? CONFIG : makeConfig({ balanced: { windowDays: 30, spreadPerOwner: options.spreadPerOwner } });
  return simulateBalance(
    {
      config,
      owners: team(k),
      company: { numberofemployees: '320' },
      decisions: 1000,
      lag,
      pageSize,
      withRunDecisions: options.withRunDecisions ?? false,
      recordIds: irregularIds(1000, options.seed ?? 1),
      start: NOW,
    },
    eligible(k),
  );
}

describe('balanced policy under search lag: 1,000 assignments spread within ±10 %', () => {
  // Separate calls (one function invocation each): search shows all but the newest `lag` assignments, one page.
  test.each`
    k    | lag   | pageSize
    ${3} | ${0}  | ${200}
    ${3} | ${10} | ${200}
    ${3} | ${20} | ${200}
    ${5} | ${0}  | ${200}
    ${5} | ${10} | ${200}
    ${5} | ${20} | ${200}
    ${8} | ${0}  | ${200}
    ${8} | ${20} | ${200}
    ${5} | ${50} | ${1000}
    ${8} | ${50} | ${1000}
  `('$k eligible owners, lag $lag decisions, $pageSize rows per search', ({ k, lag, pageSize }) => {
    const r = run(k, lag, pageSize);
    expect(r.maxDeviationPct).toBeLessThanOrEqual(10);
    expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(r.counts['598'] ?? 0).toBe(0);
    expect(r.counts['599'] ?? 0).toBe(0);
  });

  it('holds for other record-id sequences too (5 owners, lag 20)', () => {
    for (const seed of [2, 3, 4]) expect(run(5, 20, 200, { seed }).maxDeviationPct).toBeLessThanOrEqual(10);
  });

  it('is near exact within a run that adds its own decisions, even when search shows nothing (DECISIONS 23)', () => {
    const r = run(5, 1000, 200, { withRunDecisions: true });
    expect(r.maxDeviationPct).toBeLessThanOrEqual(3);
  });

  it('would not hold with the naive "always the least loaded" choice (why spreadPerOwner exists)', () => {
    expect(run(5, 20, 200, { spreadPerOwner: 0 }).maxDeviationPct).toBeGreaterThan(10);
    expect(run(5, 0, 200, { spreadPerOwner: 0 }).maxDeviationPct).toBeLessThanOrEqual(1);
  });
});
