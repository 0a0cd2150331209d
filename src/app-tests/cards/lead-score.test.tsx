import {
  Accordion,
  Alert,
  Button,
  LineChart,
  LoadingButton,
  LoadingSpinner,
  ScoreCircle,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { LeadScoreCard } from '../../app/cards/LeadScoreCard';
import { failure, makeReason, makeScoreView, minutesBefore } from './fixtures';
import { allText, deferred, installServerless, settle, uninstallServerless, type FakeServerless } from './harness';
import type { ScoreView } from '../../app/cards/shared/contracts';

const scored = (overrides: Partial<ScoreView> = {}) => ({ ok: true, score: makeScoreView(overrides) });

/** Renders the card for contact 101 and waits until it left the loading state. */
async function renderReady(fake: FakeServerless) {
  const r = createRenderer('crm.record.sidebar');
  r.render(<LeadScoreCard objectId="101" />);
  await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'score-loading')).toBeNull());
  expect(fake.calls.length).toBeGreaterThan(0);
  return r;
}

afterEach(uninstallServerless);

describe('Lead Score card: rendering', () => {
  it('shows a spinner while score_lead runs, and renders without writing (write: false, company id sent)', async () => {
    const pending = deferred();
    const fake = installServerless(() => pending.promise);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.sidebar');
    render(<LeadScoreCard objectId="101" />);
    expect(findByTestId(LoadingSpinner, 'score-loading').props.label).toBe('Scoring this lead…');
    await settle();
    expect(fake.calls).toHaveLength(1);
    expect(findByTestId(LoadingSpinner, 'score-loading')).toBeTruthy();
    expect(fake.calls[0]).toEqual({
      uid: 'score_lead',
      parameters: { objectType: 'contacts', objectId: '101', write: false },
      propertiesToSend: ['associatedcompanyid'],
    });
    pending.resolve(scored());
    await waitFor(() => expect(findByTestId(ScoreCircle, 'score-circle').props.score).toBe(72));
  });

  it('shows total, fit and engagement, band and label, when it was scored and the model version', async () => {
    const fake = installServerless(() => scored());
    const r = await renderReady(fake);
    expect(r.findByTestId(ScoreCircle, 'score-circle').props.score).toBe(72);
    expect(r.findByTestId(StatisticsItem, 'score-total').props).toMatchObject({ label: 'Total', number: 72 });
    expect(r.findByTestId(StatisticsItem, 'score-fit').props).toMatchObject({ label: 'Fit (A)', number: 45 });
    expect(r.findByTestId(StatisticsItem, 'score-engagement').props).toMatchObject({ label: 'Engagement (2)', number: 27 });
    expect(r.findByTestId(StatusTag, 'score-label').text).toBe('Warm');
    expect(r.findByTestId(Tag, 'score-band').text).toBe('Band A2');
    expect(r.findByTestId(Text, 'score-scored-at').text).toBe('Scored 30 minutes ago');
    expect(r.findByTestId(Text, 'score-model').text).toBe('Model b2b-default@2026-11-01');
    expect(r.maybeFindByTestId(Tag, 'score-not-saved')).toBeNull();
  });

  it('lists the three strongest positive and the two strongest negative reasons, strongest first', async () => {
    const fake = installServerless(() => scored());
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'reason-top-positive-0').text).toBe('Job title contains "VP": +20');
    expect(r.findByTestId(Text, 'reason-top-positive-1').text).toBe('Clicked 3 emails in 30 days: +20');
    expect(r.findByTestId(Text, 'reason-top-positive-2').text).toBe('Company size 320 is between 200 and 999 employees: +15');
    expect(r.maybeFindByTestId(Text, 'reason-top-positive-3')).toBeNull();
    expect(r.findByTestId(Text, 'reason-top-negative-0').text).toBe('Email uses a free provider (gmail.com): −10');
    expect(r.findByTestId(Text, 'reason-top-negative-1').text).toBe('Unsubscribed from newsletters: −5');
  });

  it("uses the function's own top reasons when it names them", async () => {
    const fake = installServerless(() =>
      scored({
        topPositive: [makeReason({ ruleId: 'x', points: 5, reason: 'Visited pricing page: +5' })],
        topNegative: [
          makeReason({ ruleId: 'y', points: -1, reason: 'Bounced once: −1' }),
          makeReason({ ruleId: 'z', points: -2, reason: 'Role is student: −2' }),
          makeReason({ ruleId: 'w', points: -3, reason: 'Competitor domain: −3' }),
        ],
      }),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'reason-top-positive-0').text).toBe('Visited pricing page: +5');
    expect(r.maybeFindByTestId(Text, 'reason-top-positive-1')).toBeNull();
    expect(r.findByTestId(Text, 'reason-top-negative-0').text).toBe('Bounced once: −1');
    expect(r.findByTestId(Text, 'reason-top-negative-2').text).toBe('Competitor domain: −3');
  });

  it("shows the function's decay note and notes about the whole score", async () => {
    const fake = installServerless(() =>
      scored({
        decayNote: 'Decay lowered the score by 8 points (page views 21 days old, half-life 30 d).',
        notes: ['Total capped at 100.'],
        reasons: [makeReason({ group: 'Company size', reason: 'Company size 320: +15', decay: { ageDays: 21, pointsLost: 8, note: 'half-life 30 d' } })],
      }),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'score-decay').text).toBe('Decay lowered the score by 8 points (page views 21 days old, half-life 30 d).');
    expect(r.findByTestId(Text, 'score-note-0').text).toBe('Total capped at 100.');
    expect(allText(r.findByTestId(Accordion, 'score-reasons'))).toContain('Company size · Fit · matched · decayed 8 after 21 days (half-life 30 d)');
  });

  it('shows no decay note when the function says decay did not lower the score', async () => {
    const fake = installServerless(() => scored({ decayNote: null, decayedPoints: -3 }));
    const r = await renderReady(fake);
    expect(r.maybeFindByTestId(Text, 'score-decay')).toBeNull();
  });

  it('says so when no rule added or removed points', async () => {
    const fake = installServerless(() => scored({ reasons: [makeReason({ points: 0, outcome: 'not_matched', reason: 'Industry is not Education: 0' })] }));
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'score-no-reasons').text).toBe('No rule added or removed points.');
  });

  it('has the full reasons list on demand, with decay, caps and missing data explained', async () => {
    const fake = installServerless(() =>
      scored({
        reasons: [
          makeReason({ ruleId: 'eng.visits', dimension: 'engagement', points: 6, fullPoints: 10, reason: '5 visits: +6', decay: { ageDays: 30, pointsLost: 4 } }),
          makeReason({ ruleId: 'fit.size', points: 25, fullPoints: 30, reason: 'Enterprise size: +25', cappedBy: 'fit cap 25' }),
          makeReason({ ruleId: 'fit.country', points: 0, fullPoints: 10, outcome: 'unknown', reason: 'Country unknown: 0', missing: ['country'] }),
        ],
      }),
    );
    const r = await renderReady(fake);
    const accordion = r.findByTestId(Accordion, 'score-reasons');
    expect(accordion.props.title).toBe('All reasons (3)');
    const text = allText(accordion);
    expect(text).toContain('5 visits: +6');
    expect(text).toContain('Engagement · matched · worth +10 · decayed 4 after 30 days');
    expect(text).toContain('capped by fit cap 25');
    expect(text).toContain('Fit · unknown (data missing) · worth +10 · missing country');
  });

  it('draws the trend from history with a LineChart when there are two points or more, and shows the change', async () => {
    const fake = installServerless(() => scored());
    const r = await renderReady(fake);
    const chart = r.findByTestId(LineChart, 'score-trend-chart');
    expect(chart.props.data).toEqual([
      { date: Date.parse('2026-10-01T09:00:00.000Z'), total: 40 },
      { date: Date.parse('2026-11-01T09:00:00.000Z'), total: 61 },
      { date: Date.parse(minutesBefore(30)), total: 72 },
    ]);
    expect(chart.props.axes).toMatchObject({ x: { field: 'date', fieldType: 'datetime' }, y: { field: 'total', fieldType: 'linear' } });
    expect(r.findByTestId(StatisticsTrend, 'score-total-trend').props).toMatchObject({ direction: 'increase', value: '11 pts' });
    expect(r.maybeFindByTestId(Text, 'score-trend-text')).toBeNull();
  });

  it.each([
    [[{ at: '2026-11-01T09:00:00.000Z', total: 61 }], 'One saved score so far: 61 on 1 Nov 2026, 09:00 UTC. The trend appears after the next change.'],
    [[], 'No score history yet: the trend appears once the score has been saved twice.'],
  ])('says in a sentence what history there is when it has fewer than two points (%#)', async (trend, sentence) => {
    const fake = installServerless(() => scored({ trend }));
    const r = await renderReady(fake);
    expect(r.maybeFind(LineChart)).toBeNull();
    expect(r.findByTestId(Text, 'score-trend-text').text).toBe(sentence);
    expect(r.maybeFindByTestId(StatisticsTrend, 'score-total-trend')).toBeNull();
  });

  it('notes when decay lowered the score, and not otherwise', async () => {
    let fake = installServerless(() => scored({ decayedPoints: 8 }));
    let r = await renderReady(fake);
    expect(r.findByTestId(Text, 'score-decay').text).toBe('Decay lowered this score by 8 points: engagement counts less as it ages.');
    await uninstallServerless();
    fake = installServerless(() => scored({ decayedPoints: 0 }));
    r = await renderReady(fake);
    expect(r.maybeFindByTestId(Text, 'score-decay')).toBeNull();
  });

  it('shows a never-scored contact with the computed score marked "not saved yet"', async () => {
    const fake = installServerless(() => scored({ stored: null, trend: [], changed: true }));
    const r = await renderReady(fake);
    expect(r.findByTestId(ScoreCircle, 'score-circle').props.score).toBe(72);
    expect(r.findByTestId(Tag, 'score-not-saved').text).toBe('Not saved yet');
    expect(r.maybeFindByTestId(Text, 'score-scored-at')).toBeNull();
  });

  it('says when the saved score differs from the computed one', async () => {
    const stored = { ...makeScoreView().stored!, total: 61, band: 'B2', scoredAt: minutesBefore(3 * 24 * 60) };
    const fake = installServerless(() => scored({ stored, changed: true }));
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'score-scored-at').text).toBe(
      'Scored 3 days ago · the saved score is 61 (B2); Rescore saves the new one',
    );
  });

  it('keeps the circle within 0–100 when a model allows totals outside it', async () => {
    const fake = installServerless(() => scored({ total: 134 }));
    const r = await renderReady(fake);
    expect(r.findByTestId(ScoreCircle, 'score-circle').props.score).toBe(100);
    expect(r.findByTestId(StatisticsItem, 'score-total').props.number).toBe(134);
  });

  it('names the missing properties when the contact cannot be scored', async () => {
    const fake = installServerless(() =>
      scored({ status: 'unscorable', missing: ['numberofemployees', 'industry'], stored: null, trend: [], total: 0 }),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Alert, 'score-unscorable').props.title).toBe('Not enough data to score');
    expect(r.findByTestId(Text, 'score-missing').text).toBe('Missing: numberofemployees, industry. Fill them in, then Rescore.');
    expect(r.maybeFind(ScoreCircle)).toBeNull();
    expect(r.findByTestId(LoadingButton, 'rescore')).toBeTruthy();
  });

  it("shows why a contact is not scored and the model's unscorable label", async () => {
    const fake = installServerless(() =>
      scored({
        status: 'unscorable',
        band: '',
        label: 'Not scored',
        fit: { score: 10, grade: '' },
        engagement: { score: 5, grade: '' },
        missing: ['numberofemployees'],
        unscorableReason: 'Not scored: no company size, industry or job title.',
      }),
    );
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'score-unscorable-reason').text).toBe('Not scored: no company size, industry or job title.');
    expect(r.findByTestId(StatusTag, 'score-label').text).toBe('Not scored');
    expect(r.maybeFindByTestId(Tag, 'score-band')).toBeNull();
  });

  it('says when the record is saved as not scorable but now scores', async () => {
    const stored = { ...makeScoreView().stored!, status: 'unscorable' as const, total: null, fit: null, engagement: null, band: null, label: 'Not scored' };
    const fake = installServerless(() => scored({ stored, changed: true }));
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'score-scored-at').text).toBe(
      'Scored 30 minutes ago · the record is saved as not scorable; Rescore saves the new one',
    );
  });

  it("shows the function's message when scoring fails", async () => {
    const fake = installServerless(() => failure('NOT_FOUND'));
    const r = await renderReady(fake);
    const text = allText(r.getRootNode());
    expect(text).toContain('HubSpot has no such record any more (deleted or merged): reload the page.');
    expect(text).toContain('Contact 101 does not exist.');
    expect(r.maybeFind(ScoreCircle)).toBeNull();
  });
});

describe('Lead Score card: Rescore', () => {
  it('calls score_lead with write: true, shows loading, then the new score, an alert, and refreshes the record', async () => {
    const write = deferred();
    const fake = installServerless((call) => (call.parameters.write === true ? write.promise : scored()));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'rescore').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'rescore').props.loading).toBe(true));
    expect(fake.calls[1]).toEqual({
      uid: 'score_lead',
      parameters: { objectType: 'contacts', objectId: '101', write: true },
      propertiesToSend: ['associatedcompanyid'],
    });
    expect(r.mocks.actions.addAlert.called).toBe(false);

    write.resolve(scored({ total: 80, label: 'Hot', band: 'A1', written: true, changed: true }));
    await r.waitFor(() => expect(r.findByTestId(ScoreCircle, 'score-circle').props.score).toBe(80));
    expect(r.findByTestId(LoadingButton, 'rescore').props.loading).toBe(false);
    expect(r.findByTestId(StatusTag, 'score-label').text).toBe('Hot');
    expect(r.findByTestId(Text, 'score-scored-at').text).toBe('Scored just now');
    expect(r.findByTestId(Text, 'rescore-result').text).toBe('Rescored: the new score is saved on the contact.');
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', title: 'Lead rescored', message: 'Score 80 (Hot, A1) saved.' }]]);
    expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('says nothing was written when the score did not change, and does not refresh the record', async () => {
    const fake = installServerless(() => scored({ written: false, changed: false }));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'rescore').trigger('onClick');
    await r.waitFor(() => expect(r.mocks.actions.addAlert.callCount).toBe(1));
    expect(r.mocks.actions.addAlert.calls[0]?.[0]).toEqual({ type: 'success', title: 'Lead rescored', message: 'Score 72 is unchanged: nothing was written.' });
    expect(r.findByTestId(Text, 'rescore-result').text).toBe('Rescored: the score did not change, nothing was written.');
    expect(r.mocks.actions.refreshObjectProperties.called).toBe(false);
  });

  it('shows the error and alerts when Rescore fails, keeping the score on screen', async () => {
    const fake = installServerless((call) => (call.parameters.write ? failure('RATE_LIMITED') : scored()));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'rescore').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'rescore-error')).toBeTruthy());
    expect(r.findByTestId(Text, 'rescore-error-message').text).toBe('HubSpot is busy, try again in 10 s.');
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'warning', title: 'Rescore failed', message: 'HubSpot is busy, try again in 10 s.' }]]);
    expect(r.mocks.actions.refreshObjectProperties.called).toBe(false);
    expect(r.findByTestId(ScoreCircle, 'score-circle').props.score).toBe(72);
  });

  it('sends one write for a double click', async () => {
    const write = deferred();
    const fake = installServerless((call) => (call.parameters.write ? write.promise : scored()));
    const r = await renderReady(fake);
    r.findByTestId(LoadingButton, 'rescore').trigger('onClick');
    r.findByTestId(LoadingButton, 'rescore').trigger('onClick');
    write.resolve(scored({ written: true, total: 75 }));
    await r.waitFor(() => expect(r.findByTestId(ScoreCircle, 'score-circle').props.score).toBe(75));
    expect(fake.calls.filter((c) => c.parameters.write === true)).toHaveLength(1);
  });

  it('offers Try again on a busy error state, which calls score_lead again', async () => {
    const fake = installServerless(() => failure('HUBSPOT_UNAVAILABLE'));
    const r = await renderReady(fake);
    expect(r.findByTestId(Text, 'score-error-message').text).toBe('HubSpot is busy, try again in 5 s.');
    fake.respondWith(() => scored());
    r.findByTestId(Button, 'score-error-retry').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(ScoreCircle, 'score-circle').props.score).toBe(72));
    expect(fake.callsTo('score_lead')).toHaveLength(2);
    expect(fake.calls[1]?.parameters).toEqual({ objectType: 'contacts', objectId: '101', write: false });
  });
});
