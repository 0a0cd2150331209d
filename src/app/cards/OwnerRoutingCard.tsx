import { useState } from 'react';
import {
  Accordion,
  Alert,
  Button,
  Divider,
  Flex,
  LoadingButton,
  LoadingSpinner,
  StatusTag,
  Tag,
  Text,
  TextArea,
  Tile,
  hubspot,
  useExtensionActions,
} from '@hubspot/ui-extensions';
import { FunctionError, describeError } from './components/FunctionError';
import { RecordText } from './components/RecordText';
import { displayText } from './components/text';
import { formatDate } from './components/time';
import { useFunction, useFunctionAction } from './hooks/useFunction';
import {
  ASSIGN_OWNER,
  OWNER_ROUTING_PROPERTIES,
  type ObjectTypeName,
  type OwnerView,
  type RoutingDecisionView,
  type RoutingHistoryEntry,
  type SkippedOwnerView,
  type WireError,
} from './shared/contracts';

hubspot.extend<'crm.record.sidebar'>(({ context }) => (
  <OwnerRoutingCard objectId={String(context.crm.objectId)} objectType={context.crm.objectTypeId === '0-2' ? 'companies' : 'contacts'} />
));

interface DecisionPayload {
  readonly decision: RoutingDecisionView;
}

const POLICY: Record<RoutingDecisionView['policy'], string> = {
  balanced: 'balanced by recent assignments',
  weighted: 'weighted',
  rotation: 'strict rotation',
  account_match: "account match (the company's owner)",
  fallback_owner: 'fallback owner',
  keep_existing: 'keeps the current owner',
};

const SKIP_REASON: Record<SkippedOwnerView['reason'], string> = {
  archived: 'archived',
  unavailable: 'unavailable',
  capped: 'at their daily cap',
  not_in_team: 'not in the team',
};

const SIZE_SOURCE: Record<RoutingDecisionView['employees']['source'], string> = {
  company: "the primary company's",
  contact: "the contact's own",
  record: "the record's",
  none: 'no',
};

const ownerName = (o: OwnerView | null | undefined): string => (o ? displayText(o.name || o.email || `Owner ${o.id}`, 80) : '');

/** The reason form's message when it is submitted empty. */
export const REASON_REQUIRED = 'A reason is required to reassign: it is written on the record with the decision.';

/**
 * Owner Routing card (contacts and companies, sidebar). Renders an `assign_owner` dry run (rendering never
 * writes); Preview repeats the dry run and shows who would get the record and why; Assign owner applies it;
 * Reassign applies it with `force: true` and a reason the rep must give.
 */
export function OwnerRoutingCard({ objectId, objectType }: { objectId: string; objectType: ObjectTypeName }) {
  const properties = OWNER_ROUTING_PROPERTIES[objectType];
  const query = useFunction<DecisionPayload>(ASSIGN_OWNER, 'decision', { objectType, objectId, dryRun: true }, properties);
  const previewCall = useFunctionAction<DecisionPayload>(ASSIGN_OWNER, 'decision');
  const assignCall = useFunctionAction<DecisionPayload>(ASSIGN_OWNER, 'decision');
  const actions = useExtensionActions<'crm.record.sidebar'>();

  const [preview, setPreview] = useState<RoutingDecisionView | null>(null);
  const [previewError, setPreviewError] = useState<WireError | null>(null);
  const [result, setResult] = useState<RoutingDecisionView | null>(null);
  const [assignError, setAssignError] = useState<WireError | null>(null);
  const [reassignOpen, setReassignOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const onPreview = async () => {
    setPreviewError(null);
    const res = await previewCall.run({ objectType, objectId, dryRun: true }, properties);
    if (res === null) return;
    if (res.ok) setPreview(res.decision);
    else {
      setPreview(null);
      setPreviewError(res.error);
    }
  };

  const apply = async (force: boolean) => {
    setAssignError(null);
    setResult(null);
    const trimmed = reason.trim();
    const res = await assignCall.run(
      force ? { objectType, objectId, dryRun: false, force: true, reason: trimmed } : { objectType, objectId, dryRun: false },
      properties,
    );
    if (res === null) return;
    if (!res.ok) {
      const d = describeError(res.error);
      setAssignError(res.error);
      actions.addAlert({ type: d.tone, title: force ? 'Reassignment failed' : 'Assignment failed', message: d.message });
      return;
    }
    const decision = res.decision;
    setResult(decision);
    if (decision.applied) {
      actions.addAlert({
        type: 'success',
        title: force ? 'Owner reassigned' : 'Owner assigned',
        message: `${ownerName(decision.owner) || 'The new owner'}${decision.team ? ` (${displayText(decision.team.name, 60)})` : ''} now owns this record.`,
      });
      setReassignOpen(false);
      setReason('');
      setPreview(null);
      actions.refreshObjectProperties();
      query.reload();
    } else {
      actions.addAlert({ type: 'info', title: 'Nothing changed', message: outcomeSentence(decision) });
    }
  };

  const onReassign = () => {
    if (reason.trim().length === 0) {
      setReasonError(REASON_REQUIRED);
      return;
    }
    setReasonError(null);
    void apply(true);
  };

  if (query.state.status === 'loading') return <LoadingSpinner testId="routing-loading" label="Checking routing…" showLabel />;
  if (query.state.status === 'error') {
    return <FunctionError testId="routing-error" title="Could not check routing" error={query.state.error} onRetry={query.reload} />;
  }
  const decision = query.state.data.decision;
  const hasOwner = decision.currentOwner !== null;
  const busy = assignCall.running || query.refreshing;

  return (
    <Flex direction="column" gap="sm">
      <CurrentOwner decision={decision} />
      <Divider />
      <RoutingRule decision={decision} />
      <History history={decision.history} />

      <Flex direction="row" gap="xs" wrap>
        <LoadingButton testId="routing-preview" size="sm" variant="secondary" loading={previewCall.running} onClick={() => void onPreview()}>
          Preview assignment
        </LoadingButton>
        {hasOwner ? (
          <Button testId="routing-reassign" size="sm" variant="secondary" disabled={busy} onClick={() => setReassignOpen(!reassignOpen)}>
            Reassign
          </Button>
        ) : (
          <LoadingButton testId="routing-assign" size="sm" variant="primary" loading={assignCall.running} disabled={busy} onClick={() => void apply(false)}>
            {assignCall.running ? 'Assigning…' : 'Assign owner'}
          </LoadingButton>
        )}
      </Flex>

      {reassignOpen && hasOwner ? (
        <Tile testId="routing-reassign-form" compact>
          <Flex direction="column" gap="xs">
            <TextArea
              testId="routing-reason"
              name="reason"
              label="Why reassign?"
              description="Written on the record with the routing decision."
              required
              maxLength={500}
              rows={2}
              value={reason}
              error={reasonError !== null}
              validationMessage={reasonError ?? undefined}
              onInput={(v) => setReason(v)}
              onChange={(v) => setReason(v)}
            />
            <Flex direction="row" gap="xs">
              <LoadingButton testId="routing-reassign-submit" size="sm" variant="primary" loading={assignCall.running} onClick={onReassign}>
                Reassign owner
              </LoadingButton>
              <Button testId="routing-reassign-cancel" size="sm" variant="transparent" disabled={assignCall.running} onClick={() => setReassignOpen(false)}>
                Cancel
              </Button>
            </Flex>
          </Flex>
        </Tile>
      ) : null}

      {previewError ? <FunctionError testId="routing-preview-error" layout="inline" title="Preview failed" error={previewError} onRetry={() => void onPreview()} /> : null}
      {preview ? <Preview decision={preview} /> : null}
      {assignError ? <FunctionError testId="routing-assign-error" layout="inline" title="Assignment failed" error={assignError} /> : null}
      {result ? (
        <Alert testId="routing-assign-result" title={result.applied ? 'Owner set' : 'Nothing changed'} variant={result.applied ? 'success' : 'info'}>
          {outcomeSentence(result)}
        </Alert>
      ) : null}
    </Flex>
  );
}

/** One sentence on what an applied (or refused) assignment did. */
function outcomeSentence(d: RoutingDecisionView): string {
  if (d.applied && d.owner) {
    return `Assigned to ${ownerName(d.owner)}${d.team ? ` in ${displayText(d.team.name, 60)}` : ''}: ${displayText(d.rule, 160)}.`;
  }
  if (d.alreadyAssigned) return `Already owned by ${ownerName(d.currentOwner) || 'someone'}: use Reassign with a reason to route it again.`;
  if (!d.owner) return 'No eligible owner: nobody in the team can take the record now.';
  return 'The owner was not changed.';
}

function CurrentOwner({ decision }: { decision: RoutingDecisionView }) {
  const owner = decision.currentOwner;
  const team = decision.currentTeam;
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="xs" align="center">
        <Text format={{ fontWeight: 'demibold' }}>Owner</Text>
        {owner ? (
          <StatusTag testId="routing-assigned" variant="success">
            Assigned
          </StatusTag>
        ) : (
          <StatusTag testId="routing-unassigned" variant="warning" hollow>
            No owner
          </StatusTag>
        )}
      </Flex>
      <RecordText testId="routing-current-owner" value={owner ? ownerName(owner) : 'No owner yet'} max={80} />
      {owner?.email ? <RecordText variant="microcopy" value={owner.email} max={120} /> : null}
      {owner ? (
        <Text testId="routing-current-team" variant="microcopy">
          {team ? `Team: ${displayText(team.name, 60)}` : 'Team: not in a routing team'}
        </Text>
      ) : null}
      {owner ? (
        <Text testId="routing-assigned-at" variant="microcopy">
          {decision.routedAt ? `Assigned by Lead Ops on ${formatDate(decision.routedAt)}` : 'Assigned outside Lead Ops (no routing record)'}
        </Text>
      ) : null}
    </Flex>
  );
}

function RoutingRule({ decision }: { decision: RoutingDecisionView }) {
  const size = decision.employees;
  const noOwner = decision.owner === null && !decision.alreadyAssigned;
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="xs" align="center">
        <Text format={{ fontWeight: 'demibold' }}>Routing</Text>
        <Tag testId="routing-tier" variant={decision.tier ? 'info' : 'warning'}>
          {decision.tier ? displayText(decision.tier.label, 40) : 'Fallback'}
        </Tag>
      </Flex>
      <RecordText testId="routing-rule" value={decision.rule} max={200} />
      <Text testId="routing-size" variant="microcopy">
        {size.source === 'none'
          ? 'Company size: unknown (no employee count on the record or its company)'
          : `Company size: ${size.value ?? displayText(size.raw, 30)}${size.raw !== null && String(size.value) !== size.raw ? ` (given as "${displayText(size.raw, 30)}")` : ''}, from ${SIZE_SOURCE[size.source]} ${displayText(size.property, 40) || 'size'}`}
      </Text>
      {decision.fallback ? (
        <Alert testId="routing-fallback" title="Fallback used" variant="warning">
          <RecordText value={decision.fallback} max={200} />
          {size.source === 'none' ? (
            <Text variant="microcopy">Without a company size no tier applies, so the configured fallback team or owner decides.</Text>
          ) : null}
        </Alert>
      ) : null}
      {noOwner ? (
        <Alert testId="routing-no-owner" title="No eligible owner" variant="danger">
          {`Nobody in ${decision.team ? displayText(decision.team.name, 60) : 'the team'} can take this record now: every owner is archived, unavailable or at their cap.`}
        </Alert>
      ) : null}
      <Skipped skipped={decision.skipped} testId="routing-skipped" />
    </Flex>
  );
}

function Skipped({ skipped, testId }: { skipped: readonly SkippedOwnerView[]; testId: string }) {
  if (skipped.length === 0) return null;
  return (
    <Flex testId={testId} direction="column" gap="flush">
      <Text variant="microcopy" format={{ fontWeight: 'demibold' }}>
        Skipped owners
      </Text>
      {skipped.map((s, i) => (
        <RecordText
          key={`${s.owner.id}-${i}`}
          testId={`${testId}-${i}`}
          variant="microcopy"
          value={`${ownerName(s.owner)}: ${SKIP_REASON[s.reason] ?? s.reason}${s.detail ? ` (${s.detail})` : ''}`}
          max={200}
        />
      ))}
    </Flex>
  );
}

function Preview({ decision }: { decision: RoutingDecisionView }) {
  return (
    <Tile testId="routing-preview-result" compact>
      <Flex direction="column" gap="xs">
        <Text format={{ fontWeight: 'demibold' }}>Preview (nothing written)</Text>
        <Text testId="routing-preview-owner">
          {decision.alreadyAssigned
            ? `Already owned by ${ownerName(decision.currentOwner) || 'someone'}; routing would pick ${ownerName(decision.owner) || 'nobody'}. Reassign to change it.`
            : decision.owner
              ? `Would assign to ${ownerName(decision.owner)}${decision.team ? ` in ${displayText(decision.team.name, 60)}` : ''}.`
              : 'No eligible owner would be found.'}
        </Text>
        <Text variant="microcopy">{`Policy: ${POLICY[decision.policy] ?? displayText(decision.policy, 30)}`}</Text>
        <RecordText variant="microcopy" value={`Rule: ${decision.rule}`} max={200} />
        {decision.explanation.map((step, i) => (
          <RecordText key={i} testId={`routing-preview-step-${i}`} variant="microcopy" value={`${i + 1}. ${step}`} max={240} />
        ))}
        <Skipped skipped={decision.skipped} testId="routing-preview-skipped" />
      </Flex>
    </Tile>
  );
}

function History({ history }: { history: readonly RoutingHistoryEntry[] }) {
  const entries = [...history].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <Accordion testId="routing-history" title={`Routing history (${entries.length})`} size="sm">
      <Flex direction="column" gap="xs">
        {entries.length === 0 ? <Text variant="microcopy">No routing recorded for this record yet.</Text> : null}
        {entries.map((h, i) => (
          <RecordText
            key={`${h.at}-${i}`}
            testId={`routing-history-${i}`}
            variant="microcopy"
            value={[
              formatDate(h.at),
              h.ownerName ?? (h.ownerId ? `owner ${h.ownerId}` : 'no owner'),
              h.tier ?? '',
              h.rule ?? '',
              h.source === 'lead_ops' ? 'by Lead Ops' : 'changed outside Lead Ops',
            ]
              .filter((s) => s.length > 0)
              .join(' · ')}
            max={240}
          />
        ))}
      </Flex>
    </Accordion>
  );
}
