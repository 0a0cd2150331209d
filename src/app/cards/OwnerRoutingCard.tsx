import { ErrorState, LoadingSpinner, Text, hubspot } from '@hubspot/ui-extensions';
import { useFunction } from './hooks/useFunction';
import { ASSIGN_OWNER, type ObjectTypeName, type RoutingDecisionView } from './shared/contracts';

hubspot.extend<'crm.record.sidebar'>(({ context }) => (
  <OwnerRoutingCard objectId={String(context.crm.objectId)} objectType={context.crm.objectTypeId === '0-2' ? 'companies' : 'contacts'} />
));

export function OwnerRoutingCard({ objectId, objectType }: { objectId: string; objectType: ObjectTypeName }) {
  const { state } = useFunction<{ decision: RoutingDecisionView }>(ASSIGN_OWNER, { objectType, objectId, dryRun: true }, ['hubspot_owner_id']);
  if (state.status === 'loading') return <LoadingSpinner label="Checking routing…" />;
  if (state.status === 'error') return <ErrorState title="Could not check routing"><Text>{state.error.message}</Text></ErrorState>;
  const { decision } = state.data;
  return <Text>{decision.currentOwner ? `Owner: ${decision.currentOwner.name}` : 'No owner yet'}</Text>;
}
