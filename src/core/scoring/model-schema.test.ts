import raw from '../../config/lead-ops.config.json';
import { toConfigIssues, type ConfigIssue } from '../config/issues';
import { testModelInput } from './model-fixtures';
import { rangeOf, ScoringModelSchema, type ScoringModelInput } from './model-schema';

type Mutable = Record<string, unknown>;

/** Issues for the model after `change` edits a fresh copy, with paths as in the configuration file. */
function issuesAfter(change: (m: Mutable) => void): ConfigIssue[] {
  const m = structuredClone(testModelInput()) as unknown as Mutable;
  change(m);
  const parsed = ScoringModelSchema.safeParse(m);
  return parsed.success ? [] : toConfigIssues(parsed.error.issues, ['scoring']);
}

// Short hands into the fixture: fit group g, rule r; engagement likewise.
const at = (m: Mutable, ...path: (string | number)[]): Mutable => path.reduce<Mutable>((o, k) => (o as Record<string | number, Mutable>)[k] as Mutable, m);

describe('the test model and the default model are valid', () => {
  it('accepts the test model', () => {
    expect(issuesAfter(() => undefined)).toEqual([]);
  });

  it('accepts the default model in lead-ops.config.json', () => {
    const parsed = ScoringModelSchema.safeParse((raw as { scoring: unknown }).scoring);
    expect(parsed.success ? [] : toConfigIssues(parsed.error.issues, ['scoring'])).toEqual([]);
  });
});

describe('errors name the path and the fix', () => {
  test.each<[string, (m: Mutable) => void, string, string, string | undefined]>([
    [
      'a rule id used twice',
      (m) => {
        at(m, 'engagement', 'groups', 0, 'rules', 1).id = 'visit';
      },
      'scoring.engagement.groups[0].rules[1].id',
      'rule id "visit" is already used at engagement.groups[0].rules[0]',
      'give each rule its own id',
    ],
    [
      'a group id used twice',
      (m) => {
        at(m, 'engagement', 'groups', 1).id = 'size';
      },
      'scoring.engagement.groups[1].id',
      'group id "size" is already used at fit.groups[0]',
      'give each group its own id',
    ],
    [
      'fit thresholds out of order',
      (m) => {
        at(m, 'grades', 'fit').B = 30;
      },
      'scoring.grades.fit.A',
      'fit threshold A (30) must be above B (30)',
      'make A higher than B',
    ],
    [
      'engagement thresholds out of order',
      (m) => {
        at(m, 'grades', 'engagement')['2'] = 20;
      },
      'scoring.grades.engagement.1',
      'engagement threshold 1 (15) must be above 2 (20)',
      'make 1 higher than 2',
    ],
    [
      'a fit grade no contact can reach',
      (m) => {
        at(m, 'grades', 'fit').A = 41;
      },
      'scoring.grades.fit.A',
      'no contact can reach fit A (41): fit scores at most 40',
      'lower A to 40 or less',
    ],
    [
      'a band without a label',
      (m) => {
        (m.labels as Mutable[]).pop();
      },
      'scoring.labels',
      'band C3 has no label',
      'add every band A1–C3 to exactly one label',
    ],
    [
      'a band in two labels',
      (m) => {
        (at(m, 'labels', 1).bands as string[]).push('A1');
      },
      'scoring.labels[1].bands[3]',
      'band A1 is already in label "Hot"',
      'put each band in exactly one label',
    ],
    [
      'two labels with one name',
      (m) => {
        at(m, 'labels', 3).name = 'hot';
      },
      'scoring.labels[3].name',
      'label "hot" is already used by labels[0]',
      'give each label its own name',
    ],
    [
      'the unscorable label reusing a band label',
      (m) => {
        at(m, 'scorable').label = 'Cold';
      },
      'scoring.scorable.label',
      '"Cold" is also a band label',
      'use a label of its own for unscorable contacts',
    ],
    [
      'a decay on a number property',
      (m) => {
        at(m, 'engagement', 'groups', 0, 'rules', 1, 'decay').property = 'hs_analytics_num_visits';
      },
      'scoring.engagement.groups[0].rules[1].decay.property',
      'decay reads the age of an event from a date, but "hs_analytics_num_visits" is a number property',
      'use the date of the event',
    ],
    [
      'a decay on a custom property never used as a date',
      (m) => {
        at(m, 'engagement', 'groups', 0, 'rules', 1, 'decay').property = 'webinar_attended';
      },
      'scoring.engagement.groups[0].rules[1].decay.property',
      'decay reads the age of an event from a date, but "webinar_attended" is not known to be a date',
      'use the date of the event',
    ],
    [
      'a decay on a fit rule',
      (m) => {
        at(m, 'fit', 'groups', 1, 'rules', 0).decay = { property: 'createdate', mode: 'linear', days: 30 };
      },
      'scoring.fit.groups[1].rules[0].decay',
      'fit rules do not decay: who the lead is does not fade with time',
      'remove "decay", or move the rule to engagement',
    ],
    [
      'a number test on a text property',
      (m) => {
        at(m, 'fit', 'groups', 1, 'rules', 0).when = { property: 'jobtitle', op: 'gte', value: 3 };
      },
      'scoring.fit.groups[1].rules[0].when.op',
      '"gte" compares numbers but "jobtitle" is a string property',
      'use is, is_not, contains',
    ],
    [
      'a day test on a number property, deep in a group',
      (m) => {
        at(m, 'fit', 'groups', 1, 'rules', 0).when = { any: [{ property: 'jobtitle', op: 'is_known' }, { not: { property: 'hs_analytics_num_visits', op: 'within_last_days', days: 3 } }] };
      },
      'scoring.fit.groups[1].rules[0].when.any[1].not.op',
      '"within_last_days" compares dates but "hs_analytics_num_visits" is a number property',
      'use eq, neq, lt, lte, gt, gte or between',
    ],
    [
      'a company property read from the contact',
      (m) => {
        at(m, 'fit', 'groups', 0, 'rules', 0).when = { property: 'numberofemployees', op: 'gte', value: 200 };
      },
      'scoring.fit.groups[0].rules[0].when.property',
      '"numberofemployees" is a property of companies, not of contacts',
      'set "source": "company"',
    ],
    [
      'a rule reading the score itself',
      (m) => {
        at(m, 'fit', 'groups', 1, 'rules', 0).when = { property: 'lead_ops_score', op: 'gte', value: 50 };
      },
      'scoring.fit.groups[1].rules[0].when.property',
      '"lead_ops_score" is written by Lead Ops itself',
      'read HubSpot or your own CRM properties instead',
    ],
    [
      'a misspelt key',
      (m) => {
        const rule = at(m, 'fit', 'groups', 1, 'rules', 0);
        rule.point = rule.points;
        delete rule.points;
      },
      'scoring.fit.groups[1].rules[0]',
      'unknown key "point"',
      'remove it or check its spelling',
    ],
    [
      'a rule worth 0 points',
      (m) => {
        at(m, 'fit', 'groups', 1, 'rules', 0).points = 0;
      },
      'scoring.fit.groups[1].rules[0].points',
      'a rule worth 0 points does nothing',
      undefined,
    ],
    [
      'fractional points',
      (m) => {
        at(m, 'fit', 'groups', 1, 'rules', 0).points = 2.5;
      },
      'scoring.fit.groups[1].rules[0].points',
      'points are whole numbers',
      'set it to a int',
    ],
    [
      'a decay floor given as points',
      (m) => {
        at(m, 'engagement', 'groups', 0, 'rules', 1, 'decay').floor = 5;
      },
      'scoring.engagement.groups[0].rules[1].decay.floor',
      'floor is a share of the points below 1',
      undefined,
    ],
    [
      'an unknown decay mode',
      (m) => {
        at(m, 'engagement', 'groups', 0, 'rules', 0, 'decay').mode = 'exponential';
      },
      'scoring.engagement.groups[0].rules[0].decay.mode',
      'Invalid discriminator value',
      undefined,
    ],
    [
      'a positive group floor',
      (m) => {
        at(m, 'fit', 'groups', 2).floor = 5;
      },
      'scoring.fit.groups[2].floor',
      'Too big',
      undefined,
    ],
    [
      'a bad version',
      (m) => {
        m.version = 'my model!';
      },
      'scoring.version',
      'a version: up to 64 letters',
      undefined,
    ],
  ])('%s', (_name, change, path, message, fix) => {
    const issues = issuesAfter(change);
    const hit = issues.find((i) => i.path === path);
    expect(hit).toBeDefined();
    expect(hit?.message).toContain(message);
    if (fix) expect(hit?.fix).toContain(fix);
  });

  it('accepts a decay on a custom date property that a rule tests as a date', () => {
    const issues = issuesAfter((m) => {
      const rule = at(m, 'engagement', 'groups', 0, 'rules', 1);
      rule.when = { property: 'webinar_attended_at', op: 'within_last_days', days: 60 };
      (rule.decay as Mutable).property = 'webinar_attended_at';
    });
    expect(issues).toEqual([]);
  });

  it('reports every problem at once', () => {
    const issues = issuesAfter((m) => {
      at(m, 'grades', 'fit').B = 99;
      (m.labels as Mutable[]).pop();
      at(m, 'engagement', 'groups', 0, 'rules', 1).id = 'visit';
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['scoring.engagement.groups[0].rules[1].id', 'scoring.grades.fit.A', 'scoring.labels']);
  });
});

describe('defaults', () => {
  it('fills source, decay floor and ifMissing', () => {
    const m = ScoringModelSchema.parse(testModelInput());
    const visit = m.engagement.groups[0]?.rules[0];
    expect(visit?.decay).toEqual({ source: 'record', property: 'hs_analytics_last_visit_timestamp', mode: 'half_life', halfLifeDays: 30, floor: 0 });
    expect(visit?.ifMissing).toBe('unknown');
  });
});

test.each`
  groups                                                                                                                             | range
  ${[{ cap: 30, rules: [{ points: 20 }, { points: 15 }] }]}                                                                            | ${{ min: 0, max: 30 }}
  ${[{ floor: -15, rules: [{ points: -10 }, { points: -10 }] }]}                                                                       | ${{ min: -15, max: 0 }}
  ${[{ rules: [{ points: 10 }, { points: -5 }] }, { cap: 5, floor: -2, rules: [{ points: 8 }, { points: -9 }] }]}                      | ${{ min: -7, max: 15 }}
`('rangeOf($groups) = $range', ({ groups, range }) => {
  const full = (groups as { cap?: number; floor?: number; rules: { points: number }[] }[]).map((g, i) => ({
    id: `g${i}`,
    label: 'g',
    cap: g.cap,
    floor: g.floor,
    rules: g.rules.map((r, j) => ({ id: `r${i}_${j}`, label: 'r', points: r.points, when: { property: 'x', op: 'is_known' as const }, ifMissing: 'unknown' as const })),
  }));
  expect(rangeOf(full as unknown as Parameters<typeof rangeOf>[0])).toEqual(range);
});

// Keeps the input type honest: the fixture is an input, not an output (defaults may be left out).
const _typed: ScoringModelInput = testModelInput();
void _typed;
