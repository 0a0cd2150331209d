/**
 * "In the other tools": what the Mailchimp, Google Sheets and Zendesk emulators hold for this record right now (a
 * member card, a sheet row, a Zendesk user or organization and its tickets), so a user sees a sync happen. Its
 * buttons do what a person does there (unsubscribe, bounce, suspend) and run a sweep as cron would. Sandbox chrome,
 * not a card: it reads the emulators, never HubSpot.
 */
import { useCallback, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { DestinationAction, DestinationCopiesAnswer, SandboxSweepView } from '../shared/destination-wire';
import { getJson, postJson, type CallScope } from './api';

const grid: CSSProperties = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: 12, padding: '8px 12px 12px' };
const box: CSSProperties = { border: '1px solid var(--great-white)', borderRadius: 'var(--radius)', padding: '8px 10px', minWidth: 0 };
const cellTable: CSSProperties = { borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed' };
const cell: CSSProperties = { padding: '2px 6px 2px 0', textAlign: 'left', verticalAlign: 'top', overflowWrap: 'anywhere' };
const buttons: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 8 };
const statusColor = (status: string): string => (status === 'subscribed' || status === 'active' ? 'var(--oz, #00a4bd)' : status === 'pending' ? 'var(--slinky, #516f90)' : '#d94c53');

function Pairs({ rows, testId }: { rows: readonly [string, ReactNode][]; testId: string }) {
  return (
    <table style={cellTable} data-testid={testId}>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k} data-field={k}>
            <th style={{ ...cell, width: '40%', fontWeight: 500 }} className="sbx-muted">
              {k}
            </th>
            <td style={cell}>{v === '' || v === null ? <span className="sbx-muted">--</span> : v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DestinationPanel({ objectType, objectId, view, tick }: { objectType: string; objectId: string; view: string; tick: number }) {
  const [copies, setCopies] = useState<DestinationCopiesAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [open, setOpen] = useState(true);
  const scope: CallScope = { view, source: 'page' };
  const base = `/api/destinations/${encodeURIComponent(objectType)}/${encodeURIComponent(objectId)}`;

  const load = useCallback(() => {
    getJson<DestinationCopiesAnswer>(base).then(
      (c) => {
        setCopies(c);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [base]);
  useEffect(load, [load, tick]);

  const act = async (action: DestinationAction) => {
    setBusy(action);
    try {
      setCopies(await postJson<DestinationCopiesAnswer>(`${base}/actions`, { action }, scope));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const sweep = async () => {
    setBusy('sweep');
    try {
      await postJson<SandboxSweepView>('/api/destinations/sweep', {}, scope);
      load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const button = (label: string, action: DestinationAction, testId: string) => (
    <button type="button" className="hs-button hs-button-secondary" style={{ padding: '3px 8px', fontSize: 12 }} disabled={busy !== null} data-testid={testId} onClick={() => void act(action)}>
      {label}
    </button>
  );

  const m = copies?.mailchimp ?? null;
  const sheet = copies?.sheet ?? null;
  const z = copies?.zendesk ?? null;
  const sweepView = copies?.lastSweep ?? null;
  return (
    <section className="sbx-activity" aria-label="In the other tools" data-testid="destination-panel">
      <button type="button" className="sbx-activity-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? '▾' : '▸'} In the other tools: this record's copy in the Mailchimp, Google Sheets and Zendesk emulators
      </button>
      {open ? (
        <>
          {error ? (
            <div className="sbx-error" role="alert" style={{ margin: '8px 12px' }}>
              {error}
            </div>
          ) : null}
          <div style={grid}>
            <div style={box} data-testid="dest-mailchimp">
              <strong>Mailchimp</strong> <span className="sbx-muted">audience member</span>
              {m ? (
                <>
                  <Pairs
                    testId="dest-mailchimp-member"
                    rows={[
                      ['Email', m.email],
                      ['Status', <span key="s" data-testid="dest-mailchimp-status" style={{ color: statusColor(m.status), fontWeight: 600 }}>{m.status}</span>],
                      ...Object.entries(m.mergeFields).map(([tag, value]): [string, ReactNode] => [tag, <span key={tag} data-testid={`dest-mailchimp-merge-${tag}`}>{String(value)}</span>]),
                      ['History', m.statusHistory.map((h) => `${h.status} (${h.by === 'api' ? 'sync' : 'person'})`).join(' → ')],
                    ]}
                  />
                  <div style={buttons}>
                    {button('Unsubscribe in Mailchimp', 'mailchimp.unsubscribe', 'dest-action-mailchimp-unsubscribe')}
                    {button('Bounce (cleaned)', 'mailchimp.clean', 'dest-action-mailchimp-clean')}
                    {button('Person re-subscribes', 'mailchimp.resubscribe', 'dest-action-mailchimp-resubscribe')}
                  </div>
                </>
              ) : (
                <div className="sbx-muted" data-testid="dest-mailchimp-none">
                  {objectType === 'contacts' ? 'No member for this address.' : 'Mailchimp holds contacts only.'}
                </div>
              )}
            </div>
            <div style={box} data-testid="dest-sheet">
              <strong>Google Sheets</strong> <span className="sbx-muted">{sheet ? `${sheet.sheet}, row ${sheet.row}` : 'row'}</span>
              {sheet ? (
                <Pairs testId="dest-sheet-row" rows={sheet.values.map((v, i): [string, ReactNode] => [sheet.header[i] ?? `Column ${i + 1}`, v])} />
              ) : (
                <div className="sbx-muted" data-testid="dest-sheet-none">
                  No row for this record.
                </div>
              )}
            </div>
            <div style={box} data-testid="dest-zendesk">
              <strong>Zendesk</strong> <span className="sbx-muted">{z?.record?.kind ?? (objectType === 'companies' ? 'organization' : 'user')} and tickets</span>
              {z?.record ? (
                <>
                  <Pairs
                    testId="dest-zendesk-record"
                    rows={[
                      ['Id', String(z.record.id)],
                      ['Name', z.record.name],
                      ...(z.record.kind === 'user'
                        ? ([
                            ['Email', z.record.email ?? ''],
                            ['Phone', z.record.phone ?? ''],
                            ['Suspended', z.record.suspended ? 'yes' : 'no'],
                          ] as [string, ReactNode][])
                        : ([['Domains', z.record.domains.join(', ')]] as [string, ReactNode][])),
                    ]}
                  />
                  {z.record.kind === 'user' ? (
                    <div style={buttons}>{z.record.suspended ? button('Unsuspend in Zendesk', 'zendesk.unsuspend', 'dest-action-zendesk-unsuspend') : button('Suspend in Zendesk', 'zendesk.suspend', 'dest-action-zendesk-suspend')}</div>
                  ) : null}
                </>
              ) : (
                <div className="sbx-muted">No {objectType === 'companies' ? 'organization' : 'user'} for this record.</div>
              )}
              <div style={{ marginTop: 8 }} data-testid="dest-zendesk-tickets">
                {(z?.tickets ?? []).length === 0 ? (
                  <span className="sbx-muted">No Zendesk tickets for this record's HubSpot tickets.</span>
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {(z?.tickets ?? []).map((t) => (
                      <li key={t.id} data-zendesk-ticket={t.id} data-hubspot-ticket={t.hubspotTicketId}>
                        #{t.id} {t.subject} <span className="sbx-muted">({t.status}{t.priority ? `, ${t.priority}` : ''}; HubSpot ticket {t.hubspotTicketId})</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </div>
          <div style={{ padding: '0 12px 12px' }}>
            <button type="button" className="hs-button hs-button-primary" style={{ padding: '4px 10px', fontSize: 12 }} disabled={busy !== null} data-testid="dest-run-sweep" onClick={() => void sweep()}>
              {busy === 'sweep' ? 'Sweeping…' : 'Run lead-ops sweep now'}
            </button>{' '}
            <span className="sbx-muted">as cron would: everything changed since the sandbox started, pending syncs and open requests, and Mailchimp unsubscribes.</span>
            {sweepView ? (
              <ul data-testid="dest-sweep-result" data-sweep-at={sweepView.at} style={{ margin: '6px 0 0', paddingLeft: 16 }} className={sweepView.ok ? '' : 'sbx-bad'}>
                {sweepView.lines.map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
