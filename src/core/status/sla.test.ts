import { deriveSla, slaHoursFor } from './sla';
import { HOUR, MIN, NOW, support } from './test-fixtures';

const SUPPORT = support(); // URGENT 1 h, HIGH 4 h, MEDIUM 24 h, LOW 72 h, at risk from 75 %
const open = (priority: string | null, ageMs: number) =>
  deriveSla({ priority, isClosed: false, createdAt: NOW.getTime() - ageMs, closedAt: null }, NOW, SUPPORT);
const closed = (priority: string | null, tookMs: number, estimated = false) =>
  deriveSla(
    { priority, isClosed: true, createdAt: NOW.getTime() - 10 * 24 * HOUR, closedAt: NOW.getTime() - 10 * 24 * HOUR + tookMs, closedAtEstimated: estimated },
    NOW,
    SUPPORT,
  );

describe('open tickets: ok, at risk, breached per priority', () => {
  test.each`
    priority    | age                     | state
    ${'URGENT'} | ${44 * MIN}             | ${'ok'}
    ${'URGENT'} | ${45 * MIN}             | ${'at_risk'}
    ${'URGENT'} | ${60 * MIN}             | ${'at_risk'}
    ${'URGENT'} | ${60 * MIN + 1}         | ${'breached'}
    ${'HIGH'}   | ${3 * HOUR - 1}         | ${'ok'}
    ${'HIGH'}   | ${3 * HOUR}             | ${'at_risk'}
    ${'HIGH'}   | ${4 * HOUR}             | ${'at_risk'}
    ${'HIGH'}   | ${4 * HOUR + 1}         | ${'breached'}
    ${'MEDIUM'} | ${18 * HOUR - 1}        | ${'ok'}
    ${'MEDIUM'} | ${18 * HOUR}            | ${'at_risk'}
    ${'MEDIUM'} | ${24 * HOUR + 1}        | ${'breached'}
    ${'LOW'}    | ${54 * HOUR - 1}        | ${'ok'}
    ${'LOW'}    | ${54 * HOUR}            | ${'at_risk'}
    ${'LOW'}    | ${72 * HOUR}            | ${'at_risk'}
    ${'LOW'}    | ${72 * HOUR + 1}        | ${'breached'}
    ${'high'}   | ${5 * HOUR}             | ${'breached'}
    ${'HIGH'}   | ${-2 * HOUR}            | ${'ok'}
  `('$priority open for $age ms -> $state', ({ priority, age, state }) => {
    expect(open(priority, age).state).toBe(state);
  });
});

describe('closed tickets: met or missed', () => {
  test.each`
    priority    | took             | state
    ${'URGENT'} | ${60 * MIN}      | ${'met'}
    ${'URGENT'} | ${60 * MIN + 1}  | ${'missed'}
    ${'HIGH'}   | ${4 * HOUR}      | ${'met'}
    ${'HIGH'}   | ${4 * HOUR + 1}  | ${'missed'}
    ${'MEDIUM'} | ${24 * HOUR}     | ${'met'}
    ${'LOW'}    | ${73 * HOUR}     | ${'missed'}
  `('$priority closed after $took ms -> $state', ({ priority, took, state }) => {
    expect(closed(priority, took).state).toBe(state);
  });
});

describe('no target', () => {
  test.each`
    priority      | detail
    ${null}       | ${'No priority set, so no SLA target.'}
    ${'CRITICAL'} | ${'No SLA target for priority CRITICAL.'}
  `('priority $priority -> none', ({ priority, detail }) => {
    expect(open(priority, 100 * HOUR)).toEqual({ state: 'none', thresholdHours: null, detail });
    expect(closed(priority, HOUR).state).toBe('none');
  });

  it('a priority the configuration leaves out has no target', () => {
    const onlyHigh = support({ slaHours: { HIGH: 4 } });
    expect(slaHoursFor('LOW', onlyHigh)).toBeNull();
    expect(deriveSla({ priority: 'LOW', isClosed: false, createdAt: 0, closedAt: null }, NOW, onlyHigh).state).toBe('none');
  });

  it('the at-risk fraction comes from the configuration', () => {
    const half = support({ atRiskFraction: 0.5 });
    const at = (age: number) => deriveSla({ priority: 'HIGH', isClosed: false, createdAt: NOW.getTime() - age, closedAt: null }, NOW, half).state;
    expect(at(2 * HOUR - 1)).toBe('ok');
    expect(at(2 * HOUR)).toBe('at_risk');
  });
});

describe('one-line details', () => {
  test.each`
    result                              | detail
    ${open('HIGH', 90 * MIN)}           | ${'Open 1.5 h of the 4 h HIGH target; 2.5 h left.'}
    ${open('HIGH', 3.5 * HOUR)}         | ${'Open 3.5 h of the 4 h HIGH target; 30 min left.'}
    ${open('HIGH', 5 * HOUR)}           | ${'Open 5 h: over the 4 h HIGH target by 1 h.'}
    ${open('LOW', 100 * HOUR)}          | ${'Open 4.2 days: over the 72 h LOW target by 28 h.'}
    ${closed('HIGH', 3 * HOUR)}         | ${'Closed in 3 h, within the 4 h HIGH target.'}
    ${closed('URGENT', 2 * HOUR)}       | ${'Closed in 2 h: over the 1 h URGENT target by 1 h.'}
    ${closed('HIGH', 2 * HOUR, true)}   | ${'Closed in 2 h, within the 4 h HIGH target (no close date; last change used).'}
  `('$detail', ({ result, detail }) => {
    expect(result.detail).toBe(detail);
  });

  it('carries the threshold', () => {
    expect(open('MEDIUM', HOUR).thresholdHours).toBe(24);
  });
});
