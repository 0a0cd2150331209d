/** The sandbox page: a header, the record lists and record pages (hash routes), and the toasts cards raise. */
import { useCallback, useEffect, useState } from 'react';
import { OBJECT_TYPES } from '../shared/object-types';
import type { SandboxInfo } from '../shared/protocol';
import { getJson } from './api';
import { AutomationPanel } from './AutomationPanel';
import type { AlertRequest } from './CardFrame';
import { RecordList } from './RecordList';
import { RecordPage } from './RecordPage';
import { Toasts, type Toast } from './Toasts';

export type Route = { kind: 'list'; objectType: string } | { kind: 'record'; objectType: string; objectId: string } | { kind: 'automation'; objectType: string };

/** `#/contacts`, `#/companies/42`; anything else is the contact list. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'automation') return { kind: 'automation', objectType: 'automation' };
  const objectType = parts[0] && OBJECT_TYPES.some((t) => t.name === parts[0]) ? parts[0] : 'contacts';
  if (parts[1] && /^\d+$/.test(parts[1])) return { kind: 'record', objectType, objectId: parts[1] };
  return { kind: 'list', objectType };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

let toastIds = 0;

export function App() {
  const route = useRoute();
  const [info, setInfo] = useState<SandboxInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toasts, setToasts] = useState<readonly Toast[]>([]);

  useEffect(() => {
    getJson<SandboxInfo>('/api/info').then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  const onAlert = useCallback((a: AlertRequest) => setToasts((ts) => [...ts, { id: (toastIds += 1), ...a }]), []);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);

  return (
    <div className="sbx-app">
      <header className="sbx-header">
        <a className="sbx-brand" href="#/contacts">
          {info?.appName ?? 'Lead Ops'} <span className="sbx-muted">sandbox</span>
        </a>
        <nav className="sbx-nav">
          {OBJECT_TYPES.map((t) => (
            <a key={t.name} href={`#/${t.name}`} className={route.objectType === t.name ? 'sbx-active' : ''}>
              {t.plural}
            </a>
          ))}
          <a href="#/automation" className={route.kind === 'automation' ? 'sbx-active' : ''}>
            Automation
          </a>
        </nav>
        <span className="sbx-header-note" title="Every API call goes to the local HubSpot emulator">
          {info ? `emulator ${info.emulatorUrl} · portal ${info.portalId}` : ''}
        </span>
      </header>
      {error ? (
        <div className="sbx-error" role="alert">
          The sandbox server is not answering: {error}
        </div>
      ) : null}
      {info && !info.demo.prepared ? (
        <div className="sbx-banner" role="note">
          {info.demo.message}
        </div>
      ) : null}
      {info?.buildError ? (
        <div className="sbx-error" role="alert">
          {info.buildError}
        </div>
      ) : null}
      {info ? (
        route.kind === 'automation' ? (
          <AutomationPanel />
        ) : route.kind === 'list' ? (
          <RecordList key={route.objectType} objectType={route.objectType} />
        ) : (
          <RecordPage key={`${route.objectType}/${route.objectId}`} info={info} objectType={route.objectType} objectId={route.objectId} onAlert={onAlert} />
        )
      ) : null}
      <Toasts toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
