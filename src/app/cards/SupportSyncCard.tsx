import { useState } from 'react';
import {
  Accordion,
  Alert,
  EmptyState,
  Flex,
  Link,
  LoadingButton,
  LoadingSpinner,
  Statistics,
  StatisticsItem,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
  Tooltip,
  hubspot,
  useExtensionActions,
} from '@hubspot/ui-extensions';
import { FunctionError, describeError } from './components/FunctionError';
import { RecordText } from './components/RecordText';
import { displayText, safeUrl } from './components/text';
import { formatAge, formatDate, formatWhen } from './components/time';
import { useFunction, useFunctionAction } from './hooks/useFunction';
import {
  RECORD_STATUS,
  REQUEST_SYNC,
  SUPPORT_SYNC_PROPERTIES,
  type DestinationStatusView,
  type ObjectTypeName,
  type RecordStatusView,
  type SlaState,
  type SyncRequestView,
  type SyncState,
  type TicketSummaryView,
  type TicketView,
  type WireError,
} from './shared/contracts';

hubspot.extend<'crm.record.tab'>(({ context }) => (
  <SupportSyncCard objectId={String(context.crm.objectId)} objectType={context.crm.objectTypeId === '0-2' ? 'companies' : 'contacts'} />
));

interface StatusPayload {
  readonly status: RecordStatusView;
}
interface SyncPayload {
  readonly sync: SyncRequestView;
}

const SLA: Record<SlaState, { label: string; variant: 'default' | 'warning' | 'success' | 'error' | 'info' }> = {
  breached: { label: 'SLA breached', variant: 'error' },
  missed: { label: 'SLA missed', variant: 'error' },
  at_risk: { label: 'SLA at risk', variant: 'warning' },
  ok: { label: 'Within SLA', variant: 'success' },
  met: { label: 'SLA met', variant: 'success' },
  none: { label: 'No SLA', variant: 'default' },
};

const SYNC: Record<SyncState, { label: string; variant: 'danger' | 'warning' | 'info' | 'success' | 'default'; hollow?: boolean }> = {
  in_sync: { label: 'In sync', variant: 'success' },
  pending: { label: 'Pending', variant: 'info' },
  out_of_date: { label: 'Out of date', variant: 'warning' },
  failed: { label: 'Failed', variant: 'danger' },
  excluded: { label: 'Excluded', variant: 'default' },
  never_synced: { label: 'Never synced', variant: 'default', hollow: true },
};

const PART_LABEL = { tickets: 'Tickets', sync: 'Sync status' } as const;

/**
 * Support & Sync card (contacts and companies, tab). Renders `record_status`: ticket counts and recent tickets
 * with SLA state, and one row per sync destination with a Retry sync button (`request_sync`). What loaded is
 * shown even when a part failed (`problems`).
 */
export function SupportSyncCard({ objectId, objectType }: { objectId: string; objectType: ObjectTypeName }) {
  const query = useFunction<StatusPayload>(
    RECORD_STATUS,
    'status',
    { objectType, objectId },
    objectType === 'contacts' ? SUPPORT_SYNC_PROPERTIES : [],
  );

  if (query.state.status === 'loading') return <LoadingSpinner testId="status-loading" label="Loading tickets and sync status…" showLabel />;
  if (query.state.status === 'error') {
    return <FunctionError testId="status-error" title="Could not load support and sync status" error={query.state.error} onRetry={query.reload} />;
  }
  const status = query.state.data.status;
  const problemOf = (part: 'tickets' | 'sync'): WireError | null => status.problems.find((p) => p.part === part)?.error ?? null;

  return (
    <Flex direction="column" gap="md">
      <Flex direction="row" justify="between" align="center">
        <Text testId="status-as-of" variant="microcopy">
          {`As of ${formatDate(status.generatedAt)}`}
        </Text>
        <LoadingButton testId="status-refresh" size="sm" variant="secondary" loading={query.refreshing} onClick={query.reload}>
          Refresh
        </LoadingButton>
      </Flex>

      {status.problems.length > 0 ? (
        <Alert testId="status-partial" title="Some of this did not load" variant="warning">
          <Flex direction="column" gap="flush">
            {status.problems.map((p, i) => (
              <Text key={`${p.part}-${i}`} testId={`status-partial-${p.part}`}>
                {`${PART_LABEL[p.part] ?? 'Part'} did not load: ${describeError(p.error).message} The rest is shown below.`}
              </Text>
            ))}
          </Flex>
        </Alert>
      ) : null}

      <Text format={{ fontWeight: 'demibold' }}>Support tickets</Text>
      {status.tickets ? (
        <Tickets tickets={status.tickets} objectType={objectType} />
      ) : (
        <FunctionError
          testId="tickets-error"
          layout="inline"
          title="Tickets did not load"
          error={problemOf('tickets') ?? { code: 'INTERNAL', message: 'The function sent no tickets.', retryable: true }}
          onRetry={query.reload}
        />
      )}
      <Text testId="status-search-lag" variant="microcopy">
        {displayText(status.searchLagNote, 300)}
      </Text>

      <Text format={{ fontWeight: 'demibold' }}>Sync status</Text>
      {status.sync ? (
        <Destinations destinations={status.sync} objectType={objectType} objectId={objectId} generatedAt={status.generatedAt} />
      ) : (
        <FunctionError
          testId="sync-error"
          layout="inline"
          title="Sync status did not load"
          error={problemOf('sync') ?? { code: 'INTERNAL', message: 'The function sent no sync status.', retryable: true }}
          onRetry={query.reload}
        />
      )}
    </Flex>
  );
}

function Tickets({ tickets, objectType }: { tickets: TicketSummaryView; objectType: ObjectTypeName }) {
  if (tickets.total === 0 && tickets.items.length === 0) {
    return (
      <EmptyState testId="tickets-empty" title="No tickets" imageName="tickets" layout="horizontal" flush>
        <Text>
          {objectType === 'contacts' ? 'Neither this contact nor its company has support tickets.' : 'This company has no support tickets.'}
        </Text>
      </EmptyState>
    );
  }
  const counted = tickets.countedTickets ?? tickets.items.length;
  return (
    <Flex direction="column" gap="sm">
      <Statistics testId="tickets-counts">
        <StatisticsItem testId="tickets-open" label="Open" number={tickets.counts.open} />
        <StatisticsItem testId="tickets-breached" label="SLA breached" number={tickets.counts.breached} />
        <StatisticsItem testId="tickets-closed" label="Closed in 30 days" number={tickets.counts.closedLast30Days} />
      </Statistics>
      {tickets.countsArePartial ? (
        <Text testId="tickets-partial-counts" variant="microcopy">
          {`Counts cover the newest ${counted} of ${tickets.total} tickets.`}
        </Text>
      ) : null}
      <Table testId="tickets-table" bordered flush density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>Subject</TableHeader>
            <TableHeader>Stage</TableHeader>
            <TableHeader>Priority</TableHeader>
            <TableHeader>Age</TableHeader>
            <TableHeader>SLA</TableHeader>
            <TableHeader>On</TableHeader>
            <TableHeader>Help desk</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {tickets.items.map((t, i) => (
            <TicketRow key={`${t.id}-${i}`} ticket={t} index={i} />
          ))}
        </TableBody>
      </Table>
      {tickets.more > 0 ? (
        <Text testId="tickets-more" variant="microcopy">
          {`${tickets.more} more ticket${tickets.more === 1 ? '' : 's'} not shown (newest ${tickets.items.length} listed).`}
        </Text>
      ) : null}
    </Flex>
  );
}

function TicketRow({ ticket: t, index: i }: { ticket: TicketView; index: number }) {
  const sla = SLA[t.sla.state] ?? SLA.none;
  const url = safeUrl(t.externalUrl);
  return (
    <TableRow testId={`ticket-row-${i}`}>
      <TableCell>
        <RecordText testId={`ticket-subject-${i}`} value={t.subject} max={80} oneLine placeholder="(no subject)" />
      </TableCell>
      <TableCell>
        <RecordText testId={`ticket-stage-${i}`} value={t.stage} max={40} oneLine />
      </TableCell>
      <TableCell>
        <RecordText testId={`ticket-priority-${i}`} value={t.priority} max={20} oneLine />
      </TableCell>
      <TableCell>
        <Text testId={`ticket-age-${i}`}>{formatAge(t.ageHours)}</Text>
      </TableCell>
      <TableCell>
        <Tag
          testId={`ticket-sla-${i}`}
          variant={sla.variant}
          overlay={t.sla.detail ? <Tooltip>{displayText(t.sla.detail, 200)}</Tooltip> : undefined}
        >
          {sla.label}
        </Tag>
      </TableCell>
      <TableCell>
        {t.via === 'company' ? (
          <Tag testId={`ticket-via-${i}`} variant="info">
            via company
          </Tag>
        ) : (
          <Text variant="microcopy">this record</Text>
        )}
      </TableCell>
      <TableCell>
        {url ? (
          <Link testId={`ticket-link-${i}`} href={{ url, external: true }}>
            {displayText(t.externalId, 30) || 'Open'}
          </Link>
        ) : (
          <RecordText testId={`ticket-external-${i}`} value={t.externalId} max={30} oneLine />
        )}
      </TableCell>
    </TableRow>
  );
}

function Destinations(props: { destinations: readonly DestinationStatusView[]; objectType: ObjectTypeName; objectId: string; generatedAt: string }) {
  if (props.destinations.length === 0) {
    return (
      <EmptyState testId="sync-empty" title="No sync destinations configured" imageName="integrations" layout="horizontal" flush>
        <Text>An admin lists the tools this record syncs with under &ldquo;sync&rdquo; in the Lead Ops configuration file, then uploads the project.</Text>
      </EmptyState>
    );
  }
  return (
    <Table testId="sync-table" bordered flush density="condensed">
      <TableHead>
        <TableRow>
          <TableHeader>Destination</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader>Details</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.destinations.map((d, i) => (
          // Keyed by the answer's time so a Refresh drops a row's local "requested" state.
          <DestinationRow key={`${d.id}-${i}-${props.generatedAt}`} destination={d} index={i} {...props} />
        ))}
      </TableBody>
    </Table>
  );
}

/** The toast for what a Retry sync did. */
function toastFor(answer: SyncRequestView, name: string): { type: 'success' | 'info' | 'warning' | 'danger'; title: string; message: string } {
  const said = answer.message ? displayText(answer.message, 300) : '';
  switch (answer.outcome) {
    case 'in_sync':
      return { type: 'success', title: `Synced to ${name}`, message: said || `${name} has this record's current values.` };
    case 'excluded':
      return { type: 'info', title: `Not synced to ${name}`, message: said };
    case 'pending':
      return { type: 'info', title: `${name} sync queued`, message: said || `${name} was busy; the next sync finishes it.` };
    case 'failed':
      return answer.destinationProblem
        ? { type: 'danger', title: `${name} could not be synced`, message: said }
        : { type: 'warning', title: `Sync to ${name} failed`, message: said };
    default:
      return answer.written
        ? { type: 'success', title: 'Resync requested', message: `${name} will pick this record up on its next run.` }
        : { type: 'info', title: 'Already requested', message: `A resync for ${name} was already pending.` };
  }
}

function DestinationRow(props: { destination: DestinationStatusView; index: number; objectType: ObjectTypeName; objectId: string; generatedAt: string }) {
  const { index: i, objectType, objectId, generatedAt } = props;
  const retry = useFunctionAction<SyncPayload>(REQUEST_SYNC, 'sync');
  const actions = useExtensionActions<'crm.record.tab'>();
  const [answer, setAnswer] = useState<SyncRequestView | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  // The answer carries the row as it reads after the click; an older function answered without it.
  const d = answer?.status ?? props.destination;
  const requested = answer !== null && (answer.outcome === undefined || answer.outcome === 'requested') ? answer : null;
  const name = displayText(d.name, 60);

  const onRetry = async () => {
    setError(null);
    const res = await retry.run({ objectType, objectId, destination: d.id }, []);
    if (res === null) return;
    if (!res.ok) {
      const desc = describeError(res.error);
      setError(res.error);
      actions.addAlert({ type: desc.tone, title: `Retry sync failed for ${name}`, message: desc.message });
      return;
    }
    setAnswer(res.sync);
    actions.addAlert(toastFor(res.sync, name));
    if (res.sync.written) actions.refreshObjectProperties();
  };

  const state: SyncState = requested && !answer?.status ? 'pending' : d.state;
  const tag = SYNC[state] ?? SYNC.never_synced;
  const requestedAt = requested?.requestedAt ?? d.resyncRequestedAt;
  const link = safeUrl(d.link);
  return (
    <TableRow testId={`sync-row-${i}`}>
      <TableCell>
        <Flex direction="column" gap="flush">
          <Text testId={`sync-name-${i}`}>{name}</Text>
          <Text variant="microcopy">{displayText(d.kind, 40)}</Text>
          {link ? (
            <Link testId={`sync-link-${i}`} href={{ url: link, external: true }}>
              {`Open in ${name}`}
            </Link>
          ) : null}
        </Flex>
      </TableCell>
      <TableCell>
        {/* Three columns, not five: a record tab is narrow on a laptop, and the details are what a rep reads. */}
        <Flex direction="column" gap="flush">
          <StatusTag testId={`sync-status-${i}`} variant={tag.variant} hollow={tag.hollow}>
            {tag.label}
          </StatusTag>
          <Text variant="microcopy">Last synced</Text>
          <Text testId={`sync-last-${i}`} variant="microcopy">
            {d.lastSyncedAt ? formatWhen(d.lastSyncedAt, generatedAt) : 'Never'}
          </Text>
        </Flex>
      </TableCell>
      <TableCell>
        <Flex direction="column" gap="xs">
          <RecordText testId={`sync-summary-${i}`} value={d.summary} max={200} />
          {d.error ? (
            <>
              {d.error.plain !== d.summary ? <RecordText testId={`sync-error-${i}`} value={d.error.plain} max={300} /> : null}
              <Accordion testId={`sync-raw-${i}`} title="Raw message" size="xs">
                <RecordText testId={`sync-raw-text-${i}`} variant="microcopy" value={d.error.raw} max={1000} />
              </Accordion>
            </>
          ) : null}
          {d.excludedReason && !d.summary.includes(d.excludedReason) ? <RecordText testId={`sync-excluded-${i}`} variant="microcopy" value={`Excluded: ${d.excludedReason}`} max={200} /> : null}
          {requestedAt && (requested || d.state === 'pending') ? (
            <Text testId={`sync-requested-${i}`} variant="microcopy">
              {requested && !requested.written
                ? `A resync was already requested ${formatWhen(requestedAt, generatedAt)}.`
                : `Resync requested ${requested ? 'just now' : formatWhen(requestedAt, generatedAt)}.`}
            </Text>
          ) : null}
          {answer?.destinationProblem && answer.message ? (
            <Alert testId={`sync-problem-${i}`} title={`${name} could not be synced`} variant="danger">
              {displayText(answer.message, 400)}
            </Alert>
          ) : null}
          {error ? <FunctionError testId={`sync-retry-error-${i}`} layout="inline" title="Retry sync failed" error={error} onRetry={() => void onRetry()} /> : null}
          {d.state === 'excluded' ? null : (
            <LoadingButton
              testId={`sync-retry-${i}`}
              size="xs"
              variant="secondary"
              loading={retry.running}
              disabled={requested !== null}
              onClick={() => void onRetry()}
            >
              {requested ? 'Requested' : 'Retry sync'}
            </LoadingButton>
          )}
        </Flex>
      </TableCell>
    </TableRow>
  );
}
