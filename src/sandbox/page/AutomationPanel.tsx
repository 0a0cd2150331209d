/**
 * "Automation": a New contact form, and what happened after it with nobody clicking: the webhook deliveries the
 * emulator sent (HubSpot's side), the decision the endpoint function made for each record, and the emulator calls
 * each delivery cost.
 */
import { useEffect, useState } from 'react';
import type { AutomationAnswer, AutomationDelivery } from '../automation';
import { ApiError, getJson, postJson } from './api';

const POLL_MS = 700;
const SIZES = ['', '1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+'] as const;

interface Decision {
  readonly objectType: string;
  readonly id: string;
  readonly route: string | null;
  readonly owner?: string | null;
  readonly score: number | null;
  readonly label: string | null;
}

function decisionsOf(d: AutomationDelivery): readonly Decision[] {
  const body = d.response && typeof d.response === 'object' ? (d.response as { decisions?: unknown }) : null;
  return Array.isArray(body?.decisions) ? (body.decisions as Decision[]) : [];
}

function ignoredOf(d: AutomationDelivery): string {
  const body = d.response && typeof d.response === 'object' ? (d.response as { ignored?: Record<string, number> }) : null;
  const parts = Object.entries(body?.ignored ?? {}).map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`);
  return parts.length > 0 ? `ignored: ${parts.join(', ')}` : '';
}

function eventText(e: AutomationDelivery['events'][number]): string {
  const type = e.objectTypeId === '0-2' ? 'company' : 'contact';
  return e.type === 'object.propertyChange' ? `${type} ${e.objectId}: ${e.propertyName} changed` : `${type} ${e.objectId} created`;
}

function Delivery({ d, highlight }: { d: AutomationDelivery; highlight: string | null }) {
  const decisions = decisionsOf(d);
  const calls = d.activity?.calls ?? [];
  const mine = highlight !== null && d.events.some((e) => e.objectId === highlight);
  return (
    <li className={`sbx-delivery${mine ? ' sbx-delivery-mine' : ''}`} data-testid="automation-delivery" data-status={d.status}>
      <div>
        <strong>Webhook delivery #{d.id}</strong>
        {d.attempt > 0 ? ` (redelivery, attempt ${d.attempt})` : ''} · {d.events.length} event{d.events.length === 1 ? '' : 's'} · answered <strong>{d.status}</strong>
        {d.activity ? ` in ${d.activity.durationMs} ms` : ''}
      </div>
      <div className="sbx-muted">Events: {d.events.slice(0, 6).map(eventText).join('; ')}{d.events.length > 6 ? `; … ${d.events.length - 6} more` : ''}</div>
      {decisions.length > 0 ? (
        <ul className="sbx-decisions">
          {decisions.map((x) => (
            <li key={`${x.objectType}/${x.id}`} data-testid="automation-decision" data-record-id={x.id} data-route={x.route ?? ''}>
              <a href={`#/${x.objectType}/${x.id}`}>
                {x.objectType === 'companies' ? 'company' : 'contact'} {x.id}
              </a>
              : {x.score !== null ? `score ${x.score} (${x.label ?? ''}); ` : ''}
              routing <strong>{(x.route ?? 'none').replace(/_/g, ' ').toLowerCase()}</strong>
              {x.owner ? ` (owner ${x.owner})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <div className="sbx-muted">{ignoredOf(d) || 'no record to evaluate'}</div>
      )}
      <details>
        <summary data-testid="automation-call-count">{calls.length} API calls</summary>
        <table className="sbx-activity-calls">
          <tbody>
            {calls.map((c) => (
              <tr key={c.seq}>
                <td>{c.method}</td>
                <td>{c.path}</td>
                <td>{c.status}</td>
                <td>{c.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </li>
  );
}

export function AutomationPanel() {
  const [answer, setAnswer] = useState<AutomationAnswer | null>(null);
  const [form, setForm] = useState({ email: '', firstname: '', lastname: '', jobtitle: '', numemployees: '100-500' as (typeof SIZES)[number] });
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const load = () =>
      getJson<AutomationAnswer>('/api/automation').then(
        (a) => {
          if (live) setAnswer(a);
        },
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await postJson<{ id: string }>('/api/automation/contacts', form, { view: 'automation', source: 'page' });
      setCreated(r.id);
      setForm((f) => ({ ...f, email: '' }));
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const mine = created && answer ? answer.deliveries.flatMap(decisionsOf).find((x) => x.id === created && x.route !== null) : undefined;
  return (
    <div className="sbx-list" data-testid="automation-page">
      <div className="sbx-list-head">
        <h1>Automation</h1>
        <span className="sbx-muted">
          Webhooks from the emulator to the endpoint function <code>lead_ops_events</code> ({answer?.endpointUrl ?? '…'}), signed v3, batched, with
          HubSpot&apos;s timeout and retries
        </span>
      </div>
      {answer?.message ? <div className="sbx-error">{answer.message}</div> : null}
      <form
        className="sbx-form"
        aria-label="New contact"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>New contact</h2>
        <label>
          Email <input required type="email" name="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.currentTarget.value })} />
        </label>
        <label>
          First name <input name="firstname" value={form.firstname} onChange={(e) => setForm({ ...form, firstname: e.currentTarget.value })} />
        </label>
        <label>
          Last name <input name="lastname" value={form.lastname} onChange={(e) => setForm({ ...form, lastname: e.currentTarget.value })} />
        </label>
        <label>
          Job title <input name="jobtitle" value={form.jobtitle} onChange={(e) => setForm({ ...form, jobtitle: e.currentTarget.value })} />
        </label>
        <label>
          Company size (numemployees){' '}
          <select name="numemployees" value={form.numemployees} onChange={(e) => setForm({ ...form, numemployees: e.currentTarget.value as (typeof SIZES)[number] })}>
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s || '(unknown)'}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !answer?.enabled}>
          Create contact
        </button>
        {error ? <div className="sbx-error" role="alert">{error}</div> : null}
        {created ? (
          <div data-testid="automation-created" role="status">
            Created <a href={`#/contacts/${created}`}>contact {created}</a>.{' '}
            {mine ? (
              <span data-testid="automation-outcome">
                Scored {mine.score ?? '–'} ({mine.label ?? ''}) and routing {String(mine.route).replace(/_/g, ' ').toLowerCase()}
                {mine.owner ? ` to owner ${mine.owner}` : ''}, automatically.
              </span>
            ) : (
              <span className="sbx-muted">Waiting for HubSpot&apos;s webhook delivery…</span>
            )}
          </div>
        ) : null}
      </form>
      <h2>Deliveries {answer && answer.pending > 0 ? <span className="sbx-muted">({answer.pending} events queued)</span> : null}</h2>
      <ol className="sbx-deliveries">
        {(answer?.deliveries ?? []).map((d) => (
          <Delivery key={d.id} d={d} highlight={created} />
        ))}
      </ol>
      {answer && answer.deliveries.length === 0 ? <div className="sbx-muted sbx-pad">No delivery yet: create a contact, or change one (size, job title…) in the CRM.</div> : null}
    </div>
  );
}
