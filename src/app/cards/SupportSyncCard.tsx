import { ErrorState, LoadingSpinner, Text, hubspot } from '@hubspot/ui-extensions';
import { useFunction } from './hooks/useFunction';
import { RECORD_STATUS, type ObjectTypeName, type RecordStatusView } from './shared/contracts';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <SupportSyncCard objectId={String(context.crm.objectId)} objectType={context.crm.objectTypeId === '0-2' ? 'companies' : 'contacts'} />
));

export function SupportSyncCard({ objectId, objectType }: { objectId: string; objectType: ObjectTypeName }) {
  const { state } = useFunction<{ status: RecordStatusView }>(RECORD_STATUS, { objectType, objectId }, []);
  if (state.status === 'loading') return <LoadingSpinner label="Loading tickets and sync status…" />;
  if (state.status === 'error') return <ErrorState title="Could not load support and sync status"><Text>{state.error.message}</Text></ErrorState>;
  const { tickets } = state.data.status;
  return <Text>{tickets ? `${tickets.counts.open} open tickets` : 'Tickets unavailable'}</Text>;
}
