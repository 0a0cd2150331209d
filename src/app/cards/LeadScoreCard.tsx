import { ErrorState, LoadingSpinner, Text, hubspot } from '@hubspot/ui-extensions';
import { useFunction } from './hooks/useFunction';
import { SCORE_LEAD, type ScoreView } from './shared/contracts';

hubspot.extend<'crm.record.sidebar'>(({ context }) => <LeadScoreCard objectId={String(context.crm.objectId)} />);

export function LeadScoreCard({ objectId }: { objectId: string }) {
  const { state } = useFunction<{ score: ScoreView }>(SCORE_LEAD, { objectType: 'contacts', objectId }, ['lead_ops_score']);
  if (state.status === 'loading') return <LoadingSpinner label="Scoring this lead…" />;
  if (state.status === 'error') return <ErrorState title="Could not score this lead"><Text>{state.error.message}</Text></ErrorState>;
  return <Text>Score {state.data.score.total} · model {state.data.score.modelVersion}</Text>;
}
