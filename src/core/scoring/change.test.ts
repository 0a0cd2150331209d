import { hasScoreChanged, planScoreWrite, readStoredScore, scorePropertiesToWrite, scoreSnapshot, topReasonsText, type ScoreSnapshot } from './change';
import { compileModel } from './compile-model';
import { makeCompany, makeContact, testModelInput } from './model-fixtures';
import { ScoringModelSchema } from './model-schema';
import { scoreLead } from './score-lead';

const DAY = 86_400_000;
const MODEL = compileModel(ScoringModelSchema.parse(testModelInput()));
const NOON = Date.parse('2026-11-25T12:00:00Z');

const lead = {
  contact: makeContact({ jobtitle: 'VP Sales', hs_analytics_last_visit_timestamp: '2026-11-13T09:00:00.000Z', hs_email_domain: 'gmail.com' }),
  company: makeCompany({ numberofemployees: '320' }),
};
const scoreAt = (now: number, model = MODEL) => scoreLead({ ...lead, now }, model);
/** What the record carries after a write at `now`: the properties read back as HubSpot returns them. */
const storedAfterWrite = (now: number) => readStoredScore(scorePropertiesToWrite(scoreAt(now), now));

describe('what is written', () => {
  it('writes every score property as HubSpot strings, with the time', () => {
    const r = scoreAt(NOON);
    expect(scorePropertiesToWrite(r, NOON)).toEqual({
      lead_ops_score: '38',
      lead_ops_fit_score: '30',
      lead_ops_engagement_score: '8',
      lead_ops_score_band: 'A2',
      lead_ops_score_label: 'Hot',
      lead_ops_score_status: 'scored',
      lead_ops_score_model_version: 'test-1',
      lead_ops_scored_at: '2026-11-25T12:00:00.000Z',
      lead_ops_score_reasons: '+17 Company has 200+ employees; +13 Company has 50+ employees; +10 VP; -10 Personal email',
    });
  });

  it('clears numbers and band of an unscorable contact and writes why', () => {
    const r = scoreLead({ contact: makeContact({}), company: null, now: NOON }, MODEL);
    expect(scorePropertiesToWrite(r, NOON)).toMatchObject({
      lead_ops_score: '',
      lead_ops_fit_score: '',
      lead_ops_engagement_score: '',
      lead_ops_score_band: '',
      lead_ops_score_label: 'Needs data',
      lead_ops_score_status: 'unscorable',
      lead_ops_score_reasons: 'Not scored: Company size missing (no associated company) and Job title is empty',
    });
  });

  it('keeps the reasons text short', () => {
    const text = topReasonsText(scoreAt(NOON), 2);
    expect(text).toBe('+17 Company has 200+ employees; +13 Company has 50+ employees');
  });
});

describe('change detection (DECISIONS 5)', () => {
  const base: ScoreSnapshot = { status: 'scored', total: 38, fit: 30, engagement: 8, band: 'A2', label: 'Hot', modelVersion: 'test-1' };

  test.each`
    name                          | stored                                         | changed
    ${'never scored'}             | ${null}                                        | ${true}
    ${'identical'}                | ${base}                                        | ${false}
    ${'total differs'}            | ${{ ...base, total: 39 }}                      | ${true}
    ${'fit differs'}              | ${{ ...base, fit: 29 }}                        | ${true}
    ${'engagement differs'}       | ${{ ...base, engagement: 9 }}                  | ${true}
    ${'band differs'}             | ${{ ...base, band: 'A1' }}                     | ${true}
    ${'label differs'}            | ${{ ...base, label: 'Warm' }}                  | ${true}
    ${'model version differs'}    | ${{ ...base, modelVersion: 'test-0' }}         | ${true}
    ${'status differs'}           | ${{ ...base, status: 'unscorable' }}           | ${true}
    ${'a non-whole stored total'} | ${{ ...base, total: 38.4 }}                    | ${true}
  `('$name -> changed: $changed', ({ stored, changed }) => {
    expect(scoreSnapshot(scoreAt(NOON))).toEqual(base);
    expect(hasScoreChanged(stored, base)).toBe(changed);
  });

  it('writes nothing on a rerun the same day, whatever the hour', () => {
    const stored = storedAfterWrite(Date.parse('2026-11-25T00:05:00Z'));
    for (const hour of [1, 9, 12, 18, 23.9]) {
      const now = Date.parse('2026-11-25T00:00:00Z') + hour * 3_600_000;
      expect(planScoreWrite(scoreAt(now), stored, now)).toEqual({ changed: false, properties: null });
    }
  });

  it('writes again when decay moves whole points on a later day, with a new time', () => {
    const stored = storedAfterWrite(NOON);
    const later = NOON + 20 * DAY;
    const plan = planScoreWrite(scoreAt(later), stored, later);
    expect(plan.changed).toBe(true);
    expect(plan.properties?.lead_ops_scored_at).toBe('2026-12-15T12:00:00.000Z');
    expect(Number(plan.properties?.lead_ops_engagement_score)).toBeLessThan(stored?.engagement ?? 0);
  });

  it('writes when the model version changes, even with the same points', () => {
    const input = testModelInput();
    input.version = 'test-2';
    const v2 = compileModel(ScoringModelSchema.parse(input));
    const stored = storedAfterWrite(NOON);
    const plan = planScoreWrite(scoreAt(NOON, v2), stored, NOON);
    expect(plan.changed).toBe(true);
    expect(plan.properties?.lead_ops_score_model_version).toBe('test-2');
    expect(plan.properties?.lead_ops_score).toBe('38');
  });

  it('treats a stored unscorable record as unchanged while it stays unscorable', () => {
    const unscorable = scoreLead({ contact: makeContact({}), company: null, now: NOON }, MODEL);
    const stored = readStoredScore(scorePropertiesToWrite(unscorable, NOON));
    const nextDay = NOON + DAY;
    expect(planScoreWrite(scoreLead({ contact: makeContact({}), company: null, now: nextDay }, MODEL), stored, nextDay).changed).toBe(false);
  });
});

describe('reading what a record carries', () => {
  test.each`
    name                          | properties                                                                                                            | stored
    ${'never scored'}             | ${{ email: 'a@b.c' }}                                                                                                   | ${null}
    ${'blank values'}             | ${{ lead_ops_score: '', lead_ops_score_status: null }}                                                                   | ${null}
    ${'scored'}                   | ${{ lead_ops_score: '42', lead_ops_fit_score: '30', lead_ops_engagement_score: '12', lead_ops_score_band: 'A2', lead_ops_score_label: 'Hot', lead_ops_score_status: 'scored', lead_ops_score_model_version: 'v1', lead_ops_scored_at: '2026-11-25T12:00:00Z', lead_ops_score_reasons: '+20 X' }} | ${{ status: 'scored', total: 42, fit: 30, engagement: 12, band: 'A2', label: 'Hot', modelVersion: 'v1', scoredAt: '2026-11-25T12:00:00.000Z', reasons: '+20 X' }}
    ${'epoch-ms time, "42.0"'}    | ${{ lead_ops_score: '42.0', lead_ops_scored_at: '1764072000000' }}                                                     | ${{ status: 'scored', total: 42, fit: null, engagement: null, band: null, label: null, modelVersion: null, scoredAt: '2025-11-25T12:00:00.000Z', reasons: null }}
    ${'unscorable'}               | ${{ lead_ops_score: '', lead_ops_score_status: 'unscorable', lead_ops_score_label: 'Needs data', lead_ops_score_model_version: 'v1' }} | ${{ status: 'unscorable', total: null, fit: null, engagement: null, band: null, label: 'Needs data', modelVersion: 'v1', scoredAt: null, reasons: null }}
  `('$name', ({ properties, stored }) => {
    expect(readStoredScore(properties)).toEqual(stored);
  });

  it('round-trips: what is written reads back as the same snapshot', () => {
    const r = scoreAt(NOON);
    const back = readStoredScore(scorePropertiesToWrite(r, NOON));
    expect(back).not.toBeNull();
    expect(hasScoreChanged(back, scoreSnapshot(r))).toBe(false);
  });
});
