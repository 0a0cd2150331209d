import { readStoredScore } from '../../core/scoring/change';
import { compileModel } from '../../core/scoring/compile-model';
import { makeCompany, makeContact, testModel } from '../../core/scoring/model-fixtures';
import { scoreLead } from '../../core/scoring/score-lead';
import { decayNote, toScoreView, trendFromHistory } from './score-view';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const MODEL = compileModel(testModel());

describe('toScoreView', () => {
  const result = scoreLead(
    {
      contact: makeContact({ jobtitle: 'VP, student board', hs_email_domain: 'gmail.com', hs_analytics_last_visit_timestamp: '2026-11-13T09:00:00Z' }),
      company: makeCompany({ numberofemployees: '320' }),
      now: NOW,
    },
    MODEL,
  );
  const stored = readStoredScore({ lead_ops_score: '41', lead_ops_fit_score: '33', lead_ops_engagement_score: '8', lead_ops_score_band: 'A2', lead_ops_score_label: 'Hot', lead_ops_score_status: 'scored', lead_ops_score_model_version: 'test-0', lead_ops_scored_at: '2026-11-20T08:00:00Z' });
  const view = toScoreView({ objectId: '101', result, stored, trend: [{ at: '2026-11-20T08:00:00.000Z', total: 41 }], changed: true, written: false });

  it('carries the scores, grades, band, label and model version', () => {
    expect(view).toMatchObject({
      objectId: '101',
      modelVersion: 'test-1',
      status: 'scored',
      total: 33,
      fit: { score: 25, grade: 'B' },
      engagement: { score: 8, grade: '2' },
      band: 'B2',
      label: 'Warm',
      changed: true,
      written: false,
      computedAt: '2026-11-25T12:00:00.000Z',
    });
  });

  it('lists every rule with its reason, and the top positive and negative ones', () => {
    expect(view.reasons.map((r) => r.ruleId)).toEqual([...MODEL.model.fit.groups, ...MODEL.model.engagement.groups].flatMap((g) => g.rules.map((r) => r.id)));
    expect(view.topPositive?.map((r) => [r.ruleId, r.points])).toEqual([
      ['size_200', 17],
      ['size_50', 13],
      ['vp', 10],
    ]);
    expect(view.topNegative?.map((r) => [r.ruleId, r.points])).toEqual([
      ['student', -8],
      ['personal_email', -7],
    ]);
    expect(view.reasons.find((r) => r.ruleId === 'size_200')).toMatchObject({ label: 'Company has 200+ employees', group: 'Company size', cappedBy: 'Company size (cap 30)', fullPoints: 20 });
    expect(view.reasons.find((r) => r.ruleId === 'visit')).toMatchObject({ decay: { ageDays: 12, pointsLost: 2, note: 'half-life 30 d' } });
  });

  it('says when decay lowered the score', () => {
    expect(view.decayedPoints).toBe(2);
    expect(view.decayNote).toBe('Decay lowered the score by 2 points (most from "Visited in the last 90 days": 12 days old, half-life 30 d)');
  });

  it('shows what the record carries', () => {
    expect(view.stored).toEqual({ status: 'scored', total: 41, fit: 33, engagement: 8, band: 'A2', label: 'Hot', modelVersion: 'test-0', scoredAt: '2026-11-20T08:00:00.000Z' });
    expect(view.trend).toEqual([{ at: '2026-11-20T08:00:00.000Z', total: 41 }]);
  });

  it('shows an unscorable contact with the reason, no band and no grades', () => {
    const unscorable = scoreLead({ contact: makeContact({}), company: null, now: NOW }, MODEL);
    const v = toScoreView({ objectId: '7', result: unscorable, stored: null, changed: true, written: true });
    expect(v).toMatchObject({ status: 'unscorable', band: '', label: 'Needs data', fit: { grade: '' }, engagement: { grade: '' }, stored: null, trend: [], written: true });
    expect(v.unscorableReason).toMatch(/^Not scored: /);
    expect(v.missing).toEqual(expect.arrayContaining(['company.numberofemployees', 'jobtitle']));
    expect(v.decayNote).toBeNull();
  });
});

test('decayNote is null when decay took nothing', () => {
  const fresh = scoreLead({ contact: makeContact({ jobtitle: 'x', hs_analytics_last_visit_timestamp: '2026-11-25T01:00:00Z' }), company: null, now: NOW }, MODEL);
  expect(decayNote(fresh)).toBeNull();
});

describe('trendFromHistory', () => {
  test.each`
    name                                   | entries                                                                                                                                                     | trend
    ${'empty'}                             | ${[]}                                                                                                                                                        | ${[]}
    ${'newest first becomes oldest first'} | ${[{ value: '42', timestamp: '2026-11-20T00:00:00Z' }, { value: '35', timestamp: '2026-11-10T00:00:00Z' }]}                                                   | ${[{ at: '2026-11-10T00:00:00.000Z', total: 35 }, { at: '2026-11-20T00:00:00.000Z', total: 42 }]}
    ${'skips cleared and garbled values'}  | ${[{ value: '', timestamp: '2026-11-22T00:00:00Z' }, { value: null, timestamp: '2026-11-21T00:00:00Z' }, { value: 'n/a', timestamp: '2026-11-20T00:00:00Z' }, { value: '12', timestamp: '2026-11-19T00:00:00Z' }]} | ${[{ at: '2026-11-19T00:00:00.000Z', total: 12 }]}
    ${'epoch-ms timestamps'}               | ${[{ value: '7', timestamp: 1764028800000 }]}                                                                                                                | ${[{ at: '2025-11-25T00:00:00.000Z', total: 7 }]}
    ${'same time keeps the newer entry'}   | ${[{ value: '9', timestamp: '2026-11-20T00:00:00Z' }, { value: '8', timestamp: '2026-11-20T00:00:00Z' }]}                                                     | ${[{ at: '2026-11-20T00:00:00.000Z', total: 9 }]}
  `('$name', ({ entries, trend }) => {
    expect(trendFromHistory(entries)).toEqual(trend);
  });

  it('keeps the most recent points', () => {
    const entries = Array.from({ length: 40 }, (_, i) => ({ value: String(i), timestamp: new Date(NOW - i * 86_400_000).toISOString() }));
    const trend = trendFromHistory(entries, 30);
    expect(trend).toHaveLength(30);
    expect(trend[29]).toEqual({ at: new Date(NOW).toISOString(), total: 0 });
    expect(trend[0]?.total).toBe(29);
  });
});
