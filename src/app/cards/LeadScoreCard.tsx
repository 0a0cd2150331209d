import { useState } from 'react';
import {
  Accordion,
  Alert,
  Divider,
  Flex,
  LineChart,
  LoadingButton,
  LoadingSpinner,
  ScoreCircle,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  Tag,
  Text,
  hubspot,
  useExtensionActions,
} from '@hubspot/ui-extensions';
import { FunctionError, describeError } from './components/FunctionError';
import { RecordText } from './components/RecordText';
import { displayText } from './components/text';
import { formatDate, timeAgo } from './components/time';
import { useFunction, useFunctionAction } from './hooks/useFunction';
import { LEAD_SCORE_PROPERTIES, SCORE_LEAD, type ReasonView, type ScoreView, type WireError } from './shared/contracts';

hubspot.extend<'crm.record.sidebar'>(({ context }) => <LeadScoreCard objectId={String(context.crm.objectId)} />);

interface ScorePayload {
  readonly score: ScoreView;
}

const signed = (n: number): string => (n > 0 ? `+${Math.round(n)}` : n < 0 ? `−${Math.abs(Math.round(n))}` : '0');
const whole = (n: number): number => Math.round(n);

/**
 * The strongest reasons each way. The function names them (`topPositive`, `topNegative`); an older function
 * that does not is served by sorting its reasons the same way: up to three each, most points first.
 */
function topReasons(score: ScoreView): { positive: readonly ReasonView[]; negative: readonly ReasonView[] } {
  const positive = score.topPositive ?? [...score.reasons].filter((r) => r.points > 0).sort((a, b) => b.points - a.points).slice(0, 3);
  const negative = score.topNegative ?? [...score.reasons].filter((r) => r.points < 0).sort((a, b) => a.points - b.points).slice(0, 3);
  return { positive, negative };
}

/** The decay note: the function's sentence, or one made from the points when an older function sends none. */
function decayNote(score: ScoreView): string | null {
  if (score.decayNote !== undefined) return score.decayNote;
  const lost = whole(score.decayedPoints);
  return lost > 0 ? `Decay lowered this score by ${lost} point${lost === 1 ? '' : 's'}: engagement counts less as it ages.` : null;
}

/**
 * Lead Score card (contacts, sidebar). Renders `score_lead` with `write: false` (rendering never writes); the
 * Rescore button calls it with `write: true`, shows the new score, raises an alert and refreshes the record.
 */
export function LeadScoreCard({ objectId }: { objectId: string }) {
  const query = useFunction<ScorePayload>(SCORE_LEAD, 'score', { objectType: 'contacts', objectId, write: false }, LEAD_SCORE_PROPERTIES);
  const rescore = useFunctionAction<ScorePayload>(SCORE_LEAD, 'score');
  const actions = useExtensionActions<'crm.record.sidebar'>();
  const [rescoreError, setRescoreError] = useState<WireError | null>(null);
  const [rescored, setRescored] = useState<{ written: boolean } | null>(null);

  const onRescore = async () => {
    setRescoreError(null);
    setRescored(null);
    const res = await rescore.run({ objectType: 'contacts', objectId, write: true }, LEAD_SCORE_PROPERTIES);
    if (res === null) return; // a click while the first one runs
    if (!res.ok) {
      const d = describeError(res.error);
      setRescoreError(res.error);
      actions.addAlert({ type: d.tone, title: 'Rescore failed', message: d.message });
      return;
    }
    query.replace(res);
    setRescored({ written: res.score.written });
    const s = res.score;
    actions.addAlert({
      type: 'success',
      title: 'Lead rescored',
      message: s.written
        ? `Score ${whole(s.total)} (${displayText(s.label, 40)}, ${displayText(s.band, 10)}) saved.`
        : `Score ${whole(s.total)} is unchanged: nothing was written.`,
    });
    if (s.written) actions.refreshObjectProperties();
  };

  if (query.state.status === 'loading') return <LoadingSpinner testId="score-loading" label="Scoring this lead…" showLabel />;
  if (query.state.status === 'error') {
    return <FunctionError testId="score-error" title="Could not score this lead" error={query.state.error} onRetry={query.reload} />;
  }
  const score = query.state.data.score;
  return (
    <Flex direction="column" gap="sm">
      {score.status === 'unscorable' ? <Unscorable score={score} /> : <ScoreSummary score={score} />}
      <Flex direction="column" gap="xs">
        <LoadingButton testId="rescore" variant="primary" size="sm" loading={rescore.running} disabled={rescore.running} onClick={() => void onRescore()}>
          {rescore.running ? 'Rescoring…' : 'Rescore'}
        </LoadingButton>
        {rescored ? (
          <Text testId="rescore-result" variant="microcopy">
            {rescored.written ? 'Rescored: the new score is saved on the contact.' : 'Rescored: the score did not change, nothing was written.'}
          </Text>
        ) : null}
        {rescoreError ? <FunctionError testId="rescore-error" layout="inline" title="Rescore failed" error={rescoreError} onRetry={() => void onRescore()} /> : null}
      </Flex>
      <Text testId="score-model" variant="microcopy">
        Model {displayText(score.modelVersion, 60)}
      </Text>
    </Flex>
  );
}

function Unscorable({ score }: { score: ScoreView }) {
  const missing = score.missing.map((m) => displayText(m, 60));
  return (
    <Flex direction="column" gap="sm">
      <Alert testId="score-unscorable" title="Not enough data to score" variant="warning">
        {score.unscorableReason ? <RecordText testId="score-unscorable-reason" value={score.unscorableReason} max={300} /> : null}
        <Text testId="score-missing">
          {missing.length > 0 ? `Missing: ${missing.join(', ')}.` : 'The model could not read the properties it needs.'} Fill them in, then Rescore.
        </Text>
      </Alert>
      {score.label ? (
        <StatusTag testId="score-label" variant="warning" hollow>
          {displayText(score.label, 40)}
        </StatusTag>
      ) : null}
      <Notes notes={score.notes} />
      <AllReasons reasons={score.reasons} />
    </Flex>
  );
}

function ScoreSummary({ score }: { score: ScoreView }) {
  const { positive, negative } = topReasons(score);
  const decay = decayNote(score);
  const previous = score.trend.length >= 2 ? score.trend[score.trend.length - 2] : undefined;
  const latest = score.trend.length >= 1 ? score.trend[score.trend.length - 1] : undefined;
  const change = previous && latest ? whole(latest.total - previous.total) : 0;
  const scoredAgo = score.written ? 'just now' : timeAgo(score.stored?.scoredAt, score.computedAt);
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="sm" align="center">
        <ScoreCircle testId="score-circle" score={Math.min(100, Math.max(0, whole(score.total)))} />
        <Flex direction="column" gap="xs">
          <StatusTag testId="score-label" variant="info">
            {displayText(score.label, 40)}
          </StatusTag>
          <Tag testId="score-band" variant="default">
            {`Band ${displayText(score.band, 10)}`}
          </Tag>
        </Flex>
      </Flex>
      <Statistics testId="score-statistics">
        <StatisticsItem testId="score-total" label="Total" number={whole(score.total)}>
          {change !== 0 ? (
            <StatisticsTrend
              testId="score-total-trend"
              direction={change > 0 ? 'increase' : 'decrease'}
              color={change > 0 ? 'green' : 'red'}
              value={`${Math.abs(change)} pts`}
            />
          ) : null}
        </StatisticsItem>
        <StatisticsItem testId="score-fit" label={`Fit (${displayText(score.fit.grade, 4)})`} number={whole(score.fit.score)} />
        <StatisticsItem
          testId="score-engagement"
          label={`Engagement (${displayText(score.engagement.grade, 4)})`}
          number={whole(score.engagement.score)}
        />
      </Statistics>
      {score.stored === null && !score.written ? (
        <Flex direction="row" gap="xs" align="center">
          <Tag testId="score-not-saved" variant="warning">
            Not saved yet
          </Tag>
          <Text variant="microcopy">Never scored before: this score is computed now. Rescore saves it.</Text>
        </Flex>
      ) : (
        <Text testId="score-scored-at" variant="microcopy">
          {scoredAgo ? `Scored ${scoredAgo}` : 'Scored at an unknown time'}
          {score.changed && !score.written && score.stored ? ` · ${savedDiffers(score.stored)}; Rescore saves the new one` : ''}
        </Text>
      )}
      {decay ? <RecordText testId="score-decay" variant="microcopy" value={decay} max={300} /> : null}
      <Notes notes={score.notes} />
      <Divider />
      <Text format={{ fontWeight: 'demibold' }}>Top reasons</Text>
      {positive.length === 0 && negative.length === 0 ? (
        <Text testId="score-no-reasons" variant="microcopy">
          No rule added or removed points.
        </Text>
      ) : null}
      {positive.map((r, i) => (
        <ReasonLine key={`p-${r.ruleId}`} reason={r} testId={`reason-top-positive-${i}`} />
      ))}
      {negative.map((r, i) => (
        <ReasonLine key={`n-${r.ruleId}`} reason={r} testId={`reason-top-negative-${i}`} />
      ))}
      <Trend score={score} />
      <AllReasons reasons={score.reasons} />
    </Flex>
  );
}

/** What the record carries when it differs from the computed score. */
function savedDiffers(stored: NonNullable<ScoreView['stored']>): string {
  if (stored.status === 'unscorable' || stored.total === null) return 'the record is saved as not scorable';
  return `the saved score is ${whole(stored.total)}${stored.band ? ` (${displayText(stored.band, 10)})` : ''}`;
}

function Notes({ notes }: { notes: readonly string[] | undefined }) {
  if (!notes || notes.length === 0) return null;
  return (
    <Flex direction="column" gap="flush">
      {notes.map((n, i) => (
        <RecordText key={i} testId={`score-note-${i}`} variant="microcopy" value={n} max={300} />
      ))}
    </Flex>
  );
}

function ReasonLine({ reason, testId }: { reason: ReasonView; testId: string }) {
  return (
    <Flex direction="row" gap="xs" align="start">
      <Tag variant={reason.points > 0 ? 'success' : reason.points < 0 ? 'error' : 'default'}>{signed(reason.points)}</Tag>
      <RecordText testId={testId} value={reason.reason} max={160} />
    </Flex>
  );
}

function Trend({ score }: { score: ScoreView }) {
  const points = score.trend.filter((p) => Number.isFinite(Date.parse(p.at)));
  if (points.length >= 2) {
    return (
      <LineChart
        testId="score-trend-chart"
        data={points.map((p) => ({ date: Date.parse(p.at), total: whole(p.total) }))}
        axes={{ x: { field: 'date', fieldType: 'datetime', label: 'Date' }, y: { field: 'total', fieldType: 'linear', label: 'Score' } }}
        options={{ title: 'Score over time', showTooltips: true }}
      />
    );
  }
  const only = points[0];
  return (
    <Text testId="score-trend-text" variant="microcopy">
      {only
        ? `One saved score so far: ${whole(only.total)} on ${formatDate(only.at)}. The trend appears after the next change.`
        : 'No score history yet: the trend appears once the score has been saved twice.'}
    </Text>
  );
}

const OUTCOME = { matched: 'matched', not_matched: 'did not match', unknown: 'unknown (data missing)' } as const;

function AllReasons({ reasons }: { reasons: readonly ReasonView[] }) {
  return (
    <Accordion testId="score-reasons" title={`All reasons (${reasons.length})`} size="sm">
      <Flex direction="column" gap="xs">
        {reasons.length === 0 ? <Text variant="microcopy">The model has no rules.</Text> : null}
        {reasons.map((r, i) => (
          <Flex key={`${r.ruleId}-${i}`} direction="column" gap="flush">
            <Flex direction="row" gap="xs" align="start">
              <Tag variant={r.points > 0 ? 'success' : r.points < 0 ? 'error' : 'default'}>{signed(r.points)}</Tag>
              <RecordText testId={`reason-${i}`} value={r.reason} max={200} />
            </Flex>
            <Text variant="microcopy">
              {[
                r.group ? displayText(r.group, 40) : '',
                r.dimension === 'fit' ? 'Fit' : 'Engagement',
                OUTCOME[r.outcome],
                r.fullPoints !== r.points ? `worth ${signed(r.fullPoints)}` : '',
                r.decay ? `decayed ${whole(r.decay.pointsLost)} after ${whole(r.decay.ageDays)} days${r.decay.note ? ` (${displayText(r.decay.note, 60)})` : ''}` : '',
                r.cappedBy ? `capped by ${displayText(r.cappedBy, 60)}` : '',
                r.missing.length > 0 ? `missing ${r.missing.map((m) => displayText(m, 60)).join(', ')}` : '',
              ]
                .filter((s) => s.length > 0)
                .join(' · ')}
            </Text>
          </Flex>
        ))}
      </Flex>
    </Accordion>
  );
}
