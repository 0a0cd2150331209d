/**
 * "API calls on this page": what the page and each card asked for, and the emulator calls each request cost
 * (method, path, status, time). The read HubSpot makes for `propertiesToSend` is marked: it does not count against
 * the function (DECISIONS 2).
 */
import { useEffect, useState } from 'react';
import type { ActivityAnswer, ActivityEntry, CatalogCardView } from '../shared/protocol';
import { getJson } from './api';

const POLL_MS = 1500;

function sourceName(source: string, cards: readonly CatalogCardView[]): string {
  if (source === 'page') return 'Record page';
  const uid = source.replace(/^card:/, '');
  return cards.find((c) => c.uid === uid)?.name ?? uid;
}

export function summarize(entries: readonly ActivityEntry[]): { source: string; requests: number; calls: number; ms: number }[] {
  const by = new Map<string, { source: string; requests: number; calls: number; ms: number }>();
  for (const e of entries) {
    const s = by.get(e.source) ?? { source: e.source, requests: 0, calls: 0, ms: 0 };
    s.requests += 1;
    s.calls += e.calls.filter((c) => c.note === null).length;
    s.ms += e.durationMs;
    by.set(e.source, s);
  }
  return [...by.values()];
}

export function ActivityPanel({ view, tick, cards }: { view: string; tick: number; cards: readonly CatalogCardView[] }) {
  const [entries, setEntries] = useState<readonly ActivityEntry[]>([]);
  const [open, setOpen] = useState(true);

  useEffect(() => {
    let live = true;
    const load = () =>
      getJson<ActivityAnswer>(`/api/activity?view=${encodeURIComponent(view)}`).then(
        (a) => {
          if (live) setEntries(a.entries);
        },
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [view, tick]);

  const totals = summarize(entries);
  const calls = entries.reduce((n, e) => n + e.calls.length, 0);
  return (
    <section className="sbx-activity" aria-label="API calls on this page" data-testid="activity-panel">
      <button type="button" className="sbx-activity-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? '▾' : '▸'} API calls on this page: <strong data-testid="activity-call-count">{calls}</strong> emulator calls for {entries.length} requests
      </button>
      {open ? (
        <>
          <table className="sbx-activity-totals">
            <thead>
              <tr>
                <th>Who</th>
                <th>Requests</th>
                <th>API calls (function's own)</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((t) => (
                <tr key={t.source} data-activity-source={t.source}>
                  <td>{sourceName(t.source, cards)}</td>
                  <td>{t.requests}</td>
                  <td>{t.calls}</td>
                  <td>{t.ms} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ol className="sbx-activity-list">
            {[...entries].reverse().map((e) => (
              <li key={e.id} className={e.ok ? '' : 'sbx-failed'} data-activity-label={e.label}>
                <div className="sbx-activity-head">
                  <span className="sbx-activity-source">{sourceName(e.source, cards)}</span> <code>{e.label}</code>{' '}
                  <span className={e.ok ? 'sbx-ok' : 'sbx-bad'}>{e.ok ? 'ok' : 'failed'}</span> · {e.durationMs} ms · {e.calls.length} calls
                  {e.detail ? <span className="sbx-muted"> · {e.detail}</span> : null}
                </div>
                {e.calls.length > 0 ? (
                  <table className="sbx-calls">
                    <tbody>
                      {e.calls.map((c) => (
                        <tr key={c.seq}>
                          <td>{c.method}</td>
                          <td className="sbx-path">{c.path}</td>
                          <td className={c.status >= 400 || c.status === 0 ? 'sbx-bad' : 'sbx-ok'}>{c.status}</td>
                          <td>{c.durationMs} ms</td>
                          <td className="sbx-muted">{c.note ?? c.operation ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
