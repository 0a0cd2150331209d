import rawConfig from '../../config/lead-ops.config.json';
import type { Properties } from '../criteria/evaluate';
import { compileModel } from './compile-model';
import { makeCompany, makeContact, testModel, testModelInput } from './model-fixtures';
import { ScoringModelSchema } from './model-schema';
import { scoreLead, type RuleResult, type ScoreResult } from './score-lead';
import { generateLeads } from './sample-leads';

const NOW = Date.parse('2026-11-25T12:00:00Z');

/** The shipped model (src/config/lead-ops.config.json). */
const defaultModel = () => ScoringModelSchema.parse((rawConfig as { scoring: unknown }).scoring);
const DAY = 86_400_000;
const MODEL = compileModel(testModel());
const daysAgo = (d: number): string => new Date(NOW - d * DAY).toISOString();

const score = (contact: Record<string, string | null>, company: Properties | null = makeCompany(), now: number = NOW, model = MODEL): ScoreResult =>
  scoreLead({ contact: makeContact(contact), company, now }, model);
const rule = (r: ScoreResult, id: string): RuleResult => {
  const hit = r.rules.find((x) => x.ruleId === id);
  if (!hit) throw new Error(`no rule ${id}`);
  return hit;
};
/** Only the last-visit rule can match: no page views, no forms, not unsubscribed. */
const visitedDaysAgo = (d: number) => score({ jobtitle: 'Engineer', hs_analytics_last_visit_timestamp: daysAgo(d) });

describe('rules, points and reasons', () => {
  it('explains a matched rule with the value found', () => {
    const r = score({ jobtitle: 'VP Sales' });
    expect(rule(r, 'vp')).toMatchObject({ outcome: 'matched', points: 10, fullPoints: 10, reason: 'Job title "VP Sales" contains "vp": +10', decay: null, cap: null });
  });

  it('explains a rule that did not match, with what it is worth', () => {
    expect(rule(score({ jobtitle: 'Engineer' }), 'vp')).toMatchObject({ outcome: 'not_matched', points: 0, reason: 'Job title "Engineer": not matched (+10)', missing: [] });
  });

  test.each`
    contact                                                  | total  | fit    | reasons
    ${{ jobtitle: 'Student', hs_email_domain: 'acme.io' }}    | ${-10} | ${-10} | ${{ student: -10, personal_email: 0 }}
    ${{ jobtitle: 'VP, student board', hs_email_domain: 'x' }} | ${0}  | ${0}   | ${{ vp: 10, student: -10 }}
  `('negative points subtract: $contact -> $total', ({ contact, total, fit, reasons }) => {
    const r = score(contact);
    expect(r.fit).toBe(fit);
    expect(r.total).toBe(total);
    for (const [id, pts] of Object.entries(reasons as Record<string, number>)) expect(rule(r, id).points).toBe(pts);
    expect(rule(r, 'student').reason).toMatch(/contains "student": -10$/);
  });
});

describe('group caps and floors', () => {
  it('cuts a capped group proportionally and says so on each rule that lost points', () => {
    const r = score({ jobtitle: 'Engineer' }, makeCompany({ numberofemployees: '320' }));
    // 20 + 15 = 35 exceeds the cap of 30: each rule keeps 30/35 of its points, rounded to add up to 30.
    expect(rule(r, 'size_200')).toMatchObject({ points: 17, fullPoints: 20, cap: { kind: 'cap', groupId: 'size', limit: 30, pointsLost: 3 } });
    expect(rule(r, 'size_50')).toMatchObject({ points: 13, fullPoints: 15, cap: { kind: 'cap', limit: 30, pointsLost: 2 } });
    expect(rule(r, 'size_200').reason).toBe('Company size 320 ≥ 200: +17 of 20 (group "Company size" capped at 30)');
    expect(r.groups.find((g) => g.id === 'size')).toMatchObject({ points: 30, cap: 30, cappedBy: 5 });
    expect(r.fit).toBe(30);
  });

  it('does not mention a cap that did not bind', () => {
    const r = score({ jobtitle: 'Engineer' }, makeCompany({ numberofemployees: '120' }));
    expect(rule(r, 'size_50')).toMatchObject({ points: 15, cap: null, reason: 'Company size 120 ≥ 50: +15' });
    expect(r.groups.find((g) => g.id === 'size')?.cappedBy).toBe(0);
  });

  it('floors a group of penalties and says so', () => {
    const r = score({ jobtitle: 'Student', hs_email_domain: 'gmail.com' });
    // -10 + -10 = -20 below the floor of -15: each keeps 15/20, rounded to add up to -15.
    expect(rule(r, 'personal_email').points + rule(r, 'student').points).toBe(-15);
    expect(rule(r, 'personal_email')).toMatchObject({ cap: { kind: 'floor', limit: -15 } });
    expect(rule(r, 'personal_email').reason).toMatch(/\(group "Disqualifiers" floored at -15\)$/);
    expect(r.fit).toBe(-15);
  });

  it('caps the total and explains it in the notes, keeping fit and engagement as they are', () => {
    const r = score(
      { jobtitle: 'VP', hs_analytics_last_visit_timestamp: daysAgo(0), hs_analytics_num_page_views: '40', num_conversion_events: '2' },
      makeCompany({ numberofemployees: '320' }),
    );
    expect(r.fit).toBe(40);
    expect(r.engagement).toBe(20);
    expect(r.total).toBe(50);
    expect(r.totalCap).toEqual({ kind: 'cap', limit: 50, pointsLost: 10 });
    expect(r.notes).toContain('Total capped at 50: fit 40 + engagement 20 = 60, -10');
  });

  it('makes rule points add up to group and dimension scores', () => {
    const r = score(
      { jobtitle: 'VP student', hs_email_domain: 'gmail.com', hs_analytics_last_visit_timestamp: daysAgo(12), hs_analytics_num_page_views: '14', num_conversion_events: '1' },
      makeCompany({ numberofemployees: '77' }),
    );
    for (const g of r.groups) expect(r.rules.filter((x) => x.groupId === g.id).reduce((s, x) => s + x.points, 0)).toBe(g.points);
    expect(r.rules.filter((x) => x.dimension === 'fit').reduce((s, x) => s + x.points, 0)).toBe(r.fit);
    expect(r.rules.filter((x) => x.dimension === 'engagement').reduce((s, x) => s + x.points, 0)).toBe(r.engagement);
    for (const x of r.rules) {
      if (x.outcome === 'matched') expect(x.points + (x.decay?.pointsLost ?? 0) + (x.cap?.pointsLost ?? 0)).toBe(x.fullPoints);
      else expect(x.points).toBe(0);
    }
    expect(r.rules.some((x) => x.decay && x.cap)).toBe(true);
  });
});

describe('decay by the day', () => {
  test.each`
    age   | points | reason
    ${0}  | ${10}  | ${'Last visit today (half-life 30 d): +10'}
    ${1}  | ${10}  | ${'Last visit 1 day ago (half-life 30 d): +10'}
    ${12} | ${8}   | ${'Last visit 12 days ago (half-life 30 d): +8 of 10'}
    ${29} | ${5}   | ${'Last visit 29 days ago (half-life 30 d): +5 of 10'}
    ${30} | ${5}   | ${'Last visit 30 days ago (half-life 30 d): +5 of 10'}
    ${60} | ${3}   | ${'Last visit 60 days ago (half-life 30 d): +3 of 10'}
    ${90} | ${1}   | ${'Last visit 90 days ago (half-life 30 d): +1 of 10'}
  `('half-life: visited $age days ago -> +$points', ({ age, points, reason }) => {
    const r = visitedDaysAgo(age);
    const visit = rule(r, 'visit');
    expect(visit).toMatchObject({ outcome: 'matched', points, reason });
    expect(visit.decay).toMatchObject({ ageDays: age, pointsLost: 10 - points, note: 'half-life 30 d' });
    expect(r.engagement).toBe(points);
    expect(r.decayedPoints).toBe(10 - points);
  });

  it('ages a future event date (clock skew, imports) as day 0 and says so', () => {
    expect(rule(visitedDaysAgo(-2), 'visit')).toMatchObject({
      points: 10,
      decay: { ageDays: 0, pointsLost: 0 },
      reason: 'Last visit in 2 days; Last visit today (half-life 30 d): +10',
    });
  });

  it('stops at the rule\'s own window: 91 days is not "within 90"', () => {
    expect(rule(visitedDaysAgo(91), 'visit')).toMatchObject({ outcome: 'not_matched', points: 0, decay: null });
  });

  test.each`
    age    | points | note
    ${0}   | ${10}  | ${'linear over 90 d, floor 20 %'}
    ${45}  | ${5}   | ${'linear over 90 d, floor 20 %'}
    ${72}  | ${2}   | ${'linear over 90 d, floor 20 %'}
    ${85}  | ${2}   | ${'linear over 90 d, floor 20 %'}
    ${400} | ${2}   | ${'linear over 90 d, floor 20 %'}
  `('linear with a floor: page views, last visit $age days ago -> +$points', ({ age, points, note }) => {
    // Visits older than 90 days leave only the page-view rule, which decays on the same date.
    const r = score({ jobtitle: 'Engineer', hs_analytics_num_page_views: '30', hs_analytics_last_visit_timestamp: daysAgo(age) });
    const views = rule(r, 'views');
    expect(views.points).toBe(points);
    expect(views.decay?.note).toBe(note);
    expect(views.reason).toContain(`Page views 30 ≥ 10; Last visit ${age === 0 ? 'today' : `${age} days ago`} (${note})`);
  });

  it('gives the same points all day and decays at the next UTC midnight', () => {
    const contact = { jobtitle: 'Engineer', hs_analytics_last_visit_timestamp: '2026-11-13T18:30:00.000Z' };
    const at = (iso: string) => score(contact, makeCompany(), Date.parse(iso));
    const morning = at('2026-11-25T00:00:00.000Z');
    const evening = at('2026-11-25T23:59:59.999Z');
    expect({ ...evening, computedAt: '' }).toEqual({ ...morning, computedAt: '' });
    expect(rule(morning, 'visit').decay?.ageDays).toBe(12);
    expect(rule(at('2026-11-26T00:00:00.000Z'), 'visit').decay?.ageDays).toBe(13);
  });

  it('counts a matched rule whose event date is missing as unknown, not as full points', () => {
    const r = score({ jobtitle: 'Engineer', hs_analytics_num_page_views: '30' });
    expect(rule(r, 'views')).toMatchObject({
      outcome: 'unknown',
      points: 0,
      missing: ['hs_analytics_last_visit_timestamp'],
      reason: 'Page views 30 ≥ 10; Last visit missing: unknown, not counted (+10)',
    });
    expect(r.missing).toContain('hs_analytics_last_visit_timestamp');
  });
});

describe('grades, bands and labels', () => {
  const withGrades = (A: number, B: number, one: number, two: number) => {
    const input = testModelInput();
    input.grades = { fit: { A, B }, engagement: { '1': one, '2': two } };
    return compileModel(ScoringModelSchema.parse(input));
  };
  // fit 25 (company 120 employees: +15, VP: +10); engagement 10 (visited today).
  const lead = { jobtitle: 'VP', hs_analytics_last_visit_timestamp: daysAgo(0) };
  const company = makeCompany({ numberofemployees: '120' });

  test.each`
    A     | B     | grade
    ${25} | ${10} | ${'A'}
    ${26} | ${10} | ${'B'}
    ${30} | ${25} | ${'B'}
    ${30} | ${26} | ${'C'}
  `('fit 25 with A at $A and B at $B -> $grade', ({ A, B, grade }) => {
    const r = score(lead, company, NOW, withGrades(A, B, 15, 5));
    expect(r.fit).toBe(25);
    expect(r.fitGrade).toBe(grade);
  });

  test.each`
    one   | two   | grade
    ${10} | ${5}  | ${'1'}
    ${11} | ${5}  | ${'2'}
    ${15} | ${10} | ${'2'}
    ${15} | ${11} | ${'3'}
  `('engagement 10 with 1 at $one and 2 at $two -> $grade', ({ one, two, grade }) => {
    const r = score(lead, company, NOW, withGrades(30, 15, one, two));
    expect(r.engagement).toBe(10);
    expect(r.engagementGrade).toBe(grade);
  });

  test.each`
    contact                                                                  | employees | band    | label
    ${{ jobtitle: 'VP', hs_analytics_last_visit_timestamp: daysAgo(0), hs_analytics_num_page_views: '20' }} | ${'320'} | ${'A1'} | ${'Hot'}
    ${{ jobtitle: 'VP', hs_analytics_last_visit_timestamp: daysAgo(0) }}     | ${'320'}  | ${'A2'} | ${'Hot'}
    ${{ jobtitle: 'VP' }}                                                    | ${'320'}  | ${'A3'} | ${'Warm'}
    ${{ jobtitle: 'Engineer', hs_analytics_last_visit_timestamp: daysAgo(0) }} | ${'120'} | ${'B2'} | ${'Warm'}
    ${{ jobtitle: 'Engineer' }}                                              | ${'120'}  | ${'B3'} | ${'Nurture'}
    ${{ jobtitle: 'Engineer', hs_analytics_last_visit_timestamp: daysAgo(0) }} | ${'12'} | ${'C2'} | ${'Nurture'}
    ${{ jobtitle: 'Engineer' }}                                              | ${'12'}   | ${'C3'} | ${'Cold'}
  `('$band -> $label', ({ contact, employees, band, label }) => {
    const r = score(contact, makeCompany({ numberofemployees: employees }));
    expect(r.status).toBe('scored');
    expect(r.band).toBe(band);
    expect(r.label).toBe(label);
    expect(`${r.fitGrade}${r.engagementGrade}`).toBe(band);
  });
});

describe('missing data is explicit', () => {
  it('marks a contact without company size or job title unscorable, with the reason and no band', () => {
    const r = score({ hs_analytics_last_visit_timestamp: daysAgo(3) }, null);
    expect(r).toMatchObject({ status: 'unscorable', band: null, fitGrade: null, engagementGrade: null, label: 'Needs data' });
    expect(r.unscorableReason).toBe('Not scored: Company size missing (no associated company) and Job title is empty');
    expect(r.notes[0]).toBe(r.unscorableReason);
    expect(r.missing).toEqual(expect.arrayContaining(['company.numberofemployees', 'jobtitle']));
    // What is known is still computed and shown, never replaced by a silent 0.
    expect(r.engagement).toBe(9);
  });

  it('reports a rule whose data is missing as unknown, never as a plain 0', () => {
    const r = score({ jobtitle: 'Engineer' }, makeCompany());
    for (const id of ['size_200', 'size_50']) {
      expect(rule(r, id)).toMatchObject({ outcome: 'unknown', points: 0, missing: ['company.numberofemployees'] });
      expect(rule(r, id).reason).toMatch(/^Company size missing: unknown, not counted \(\+\d+\)$/);
    }
    expect(r.status).toBe('scored');
    expect(r.missing).toEqual(['company.numberofemployees', 'hs_analytics_last_visit_timestamp']);
  });

  it('treats a missing value as "no" only where the model says so (ifMissing: not_matched)', () => {
    const r = score({ jobtitle: 'Engineer' });
    expect(rule(r, 'forms')).toMatchObject({ outcome: 'not_matched', missing: [], reason: 'Form submissions missing, counted as no: not matched (+5)' });
    expect(rule(r, 'visit').outcome).toBe('unknown');
    expect(r.missing).not.toContain('num_conversion_events');
  });

  it('says when there is no associated company', () => {
    const r = score({ jobtitle: 'Engineer' }, null);
    expect(rule(r, 'size_200').reason).toBe('Company size missing (no associated company): unknown, not counted (+20)');
  });
});

describe('determinism', () => {
  it('gives the same result for the same inputs, reasons included', () => {
    const contact = { jobtitle: 'VP student', hs_email_domain: 'gmail.com', hs_analytics_last_visit_timestamp: daysAgo(12), hs_analytics_num_page_views: '14' };
    const company = makeCompany({ numberofemployees: '320' });
    expect(score(contact, company)).toEqual(score(contact, company));
    expect(scoreLead({ contact: makeContact(contact), company, now: new Date(NOW) }, testModel())).toEqual(score(contact, company));
  });

  it('does not depend on the order of rules in a group', () => {
    const input = testModelInput();
    input.fit.groups[0]?.rules.reverse();
    const reversed = compileModel(ScoringModelSchema.parse(input));
    const company = makeCompany({ numberofemployees: '320' });
    const a = score({ jobtitle: 'Engineer' }, company);
    const b = score({ jobtitle: 'Engineer' }, company, NOW, reversed);
    expect(b.fit).toBe(a.fit);
    expect(rule(b, 'size_200').points).toBe(rule(a, 'size_200').points);
  });

  it('rejects an invalid clock', () => {
    expect(() => score({}, null, Number.NaN)).toThrow('`now` is not a valid time');
  });
});

describe('a prepared model', () => {
  // A prepared model must carry nothing from one contact to the next: scoring with it after thousands of contacts
  // gives what a model prepared afresh gives.
  it('scores thousands of contacts exactly as a model prepared afresh for each one', () => {
    const model = defaultModel();
    const warm = compileModel(model);
    const leads = generateLeads(3000, 42, NOW);
    const mutated = leads.map((l, i) => ({
      contact: i % 3 === 0 ? { ...l.contact, jobtitle: ` ${l.contact.jobtitle ?? 'Owner'} `, hs_analytics_num_page_views: String(i) } : l.contact,
      company: i % 5 === 0 && l.company ? { ...l.company, numberofemployees: `${i}.5` } : l.company,
    }));
    for (const l of mutated) scoreLead({ contact: l.contact, company: l.company, now: NOW }, warm);
    for (const l of mutated.slice(0, 300)) {
      const fresh = compileModel(structuredClone(model));
      expect(scoreLead({ contact: l.contact, company: l.company, now: NOW }, warm)).toEqual(scoreLead({ contact: l.contact, company: l.company, now: NOW }, fresh));
    }
  });
});
