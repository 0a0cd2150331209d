/**
 * A card on the record page: starts the card's worker, renders the tree it sends with the sandbox's HubSpot-like
 * components, and answers what the card asks the host (functions, CRM data, actions).
 */
import { useAttached, RemoteRenderer } from '@remote-ui/react/host';
import type { RemoteReceiver } from '@remote-ui/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { objectTypeFromName } from '../shared/object-types';
import type { CardContext, CardHostApi, CatalogCardView, DataAnswer, HostActionName, HubSpotApiAnswer } from '../shared/protocol';
import { postJson, type CallScope } from './api';
import { startCardSession, type CardSession } from './card-session';
import { CardHostProvider, type CardHost, type Diagnostic, type HostDialog } from './hubspot/host-context';
import { createHostController } from './hubspot/registry';
import { OverlayProvider, useOverlays } from './hubspot/overlays';

export interface AlertRequest {
  readonly type: string;
  readonly title?: string;
  readonly message: string;
  readonly source: string;
}

export interface RecordRef {
  readonly objectType: string;
  readonly objectTypeId: string;
  readonly objectId: string;
}

export interface CardFrameProps {
  readonly card: CatalogCardView;
  readonly record: RecordRef;
  readonly context: CardContext;
  readonly view: string;
  /** Bumped by the page when the record's properties were reloaded. */
  readonly propertiesVersion: number;
  readonly permittedFetchUrls: readonly string[];
  onAlert(alert: AlertRequest): void;
  onRefreshProperties(): void;
  onReloadPage(): void;
  onCallFinished(): void;
}

type FrameState = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string };

const controller = createHostController();

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Diagnostics already sent to the terminal, per card: each is reported once per page load. */
const reported = new Set<string>();

/** Sends what a card uses that the sandbox cannot draw (or HubSpot does not document) to the terminal, once. */
function reportDiagnostic(card: CatalogCardView, d: Diagnostic): void {
  const key = `${card.uid}|${d.kind}|${d.component}|${d.detail}`;
  if (reported.has(key)) return;
  reported.add(key);
  void postJson('/api/diagnostics', { card: card.uid, cardName: card.name, ...d }).catch(() => undefined);
}

/** Whether the card's worker has mounted its tree: its first render arrived (a card may render nothing). */
function useMounted(receiver: RemoteReceiver): boolean {
  const [mounted, setMounted] = useState(receiver.state === 'mounted');
  useEffect(() => {
    if (receiver.state === 'mounted') {
      setMounted(true);
      return undefined;
    }
    return receiver.on('mount', () => setMounted(true));
  }, [receiver]);
  return mounted;
}

function CardTree({ receiver }: { receiver: RemoteReceiver }) {
  // Re-renders when the root's children change, so an empty card can be reported as such. The worker starts before
  // the card's first render arrives: until then the card is not empty, just not drawn yet.
  const root = useAttached(receiver, receiver.attached.root);
  const mounted = useMounted(receiver);
  const count = root?.children.length ?? 0;
  return (
    <div className="sbx-card-tree" data-card-children={count} data-card-mounted={mounted ? 'true' : 'false'}>
      <RemoteRenderer receiver={receiver} controller={controller} />
      {mounted && count === 0 ? (
        <div className="sbx-card-note" role="note">
          This card rendered nothing.
        </div>
      ) : null}
    </div>
  );
}

/** Exposes the card's overlay manager to the host actions (`closeOverlay`). */
function OverlayBridge({ target }: { target: { current: ((id: string) => void) | null } }) {
  const overlays = useOverlays();
  target.current = overlays.close;
  return null;
}

export function CardFrame(props: CardFrameProps) {
  const { card, record, context, view } = props;
  const [state, setState] = useState<FrameState>({ kind: 'loading' });
  const [session, setSession] = useState<CardSession | null>(null);
  const [dialog, setDialog] = useState<(HostDialog & { onClose: (() => unknown) | null }) | null>(null);
  const closeOverlay = useRef<((id: string) => void) | null>(null);
  // The latest callbacks, read by the host API the worker holds (it is created once per session).
  const latest = useRef(props);
  latest.current = props;
  const source = `card:${card.uid}`;
  const scope: CallScope = useMemo(() => ({ view, source }), [view, source]);

  // What HubSpot's own components need from the page: CRM data (attributed to this card), dialogs, navigation.
  const cardHost: CardHost = useMemo(() => {
    const read =
      <T,>(kind: string) =>
      async (component: string, request: unknown): Promise<DataAnswer<T>> => {
        try {
          return await postJson<DataAnswer<T>>(`/api/crm/components/${kind}`, { component, request }, scope);
        } catch (e) {
          return { error: messageOf(e) };
        } finally {
          latest.current.onCallFinished();
        }
      };
    return {
      record: { objectTypeId: record.objectTypeId, objectId: record.objectId },
      crm: { record: read('record'), associated: read('associated'), statistics: read('statistics'), update: read('update') },
      openDialog: (d) => setDialog({ ...d, onClose: null }),
      openRecord: (objectTypeId, objectId) => {
        const type = objectTypeFromName(objectTypeId);
        if (!type || !/^\d+$/.test(objectId)) return false;
        window.location.hash = `#/${type.name}/${objectId}`;
        return true;
      },
      report: (d) => reportDiagnostic(card, d),
    };
  }, [record.objectTypeId, record.objectId, scope, card]);

  useEffect(() => {
    if (!card.bundleUrl) {
      setState({ kind: 'failed', message: 'This card could not be built; see the sandbox terminal.' });
      return;
    }
    const data = async <T,>(url: string, body: unknown): Promise<T> => {
      try {
        return await postJson<T>(url, body, scope);
      } finally {
        latest.current.onCallFinished();
      }
    };
    const host: CardHostApi = {
      serverless: async (uid, options) => {
        const o = (options ?? {}) as { parameters?: unknown; propertiesToSend?: unknown };
        const answer = await data<{ response: unknown }>(`/api/functions/${encodeURIComponent(uid)}`, {
          parameters: o.parameters ?? {},
          propertiesToSend: Array.isArray(o.propertiesToSend) ? o.propertiesToSend : [],
          record: { objectId: record.objectId, objectTypeId: record.objectTypeId },
        });
        return answer.response;
      },
      fetchCrmProperties: (names, options) => data('/api/crm/properties', { objectType: record.objectType, objectId: record.objectId, names, options }),
      fetchAssociations: (request, options) => data('/api/crm/associations', { objectType: record.objectType, objectId: record.objectId, request, options }),
      fetchCrmSearch: (request, options) => data('/api/crm/search', { request, options }),
      fetchHubSpotApi: (request) => data<HubSpotApiAnswer>('/api/hubspot-api', { request }),
      formatCrmProperties: async (request) => {
        const answer = await data<DataAnswer<unknown>>('/api/crm/format', { request });
        if (answer.error !== undefined) throw new Error(answer.error);
        return answer.data;
      },
      hsFetch: async (url) => {
        const allowed = latest.current.permittedFetchUrls.some((p) => url.startsWith(p));
        if (!allowed) throw new Error(`hubspot.fetch("${url}"): the URL is not listed in the app's permittedUrls.fetch`);
        const res = await fetch(url);
        const text = await res.text();
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => (headers[k] = v));
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        return { status: res.status, headers, body };
      },
      action: async (name: HostActionName, args: unknown[]) => {
        const p = latest.current;
        const first = args[0];
        switch (name) {
          case 'addAlert': {
            const a = (first ?? {}) as { type?: unknown; title?: unknown; message?: unknown };
            p.onAlert({
              type: typeof a.type === 'string' ? a.type : 'info',
              ...(typeof a.title === 'string' ? { title: a.title } : {}),
              message: typeof a.message === 'string' ? a.message : String(a.message ?? ''),
              source: card.name,
            });
            return undefined;
          }
          case 'refreshObjectProperties':
            p.onRefreshProperties();
            return undefined;
          case 'reloadPage':
            p.onReloadPage();
            return undefined;
          case 'openIframeModal': {
            const o = (first ?? {}) as { uri?: unknown; title?: unknown; width?: unknown; height?: unknown };
            const onClose = typeof args[1] === 'function' ? (args[1] as () => unknown) : null;
            const size = typeof o.width === 'number' && typeof o.height === 'number' ? `, ${o.width} × ${o.height} px` : '';
            reportDiagnostic(card, { kind: 'stand-in', component: 'openIframeModal', detail: String(o.uri ?? '') });
            setDialog({
              title: typeof o.title === 'string' ? o.title : 'Iframe',
              body: `HubSpot opens ${String(o.uri ?? '')} in a modal iframe${size}. The sandbox loads no pages from other sites.`,
              onClose,
            });
            return undefined;
          }
          case 'copyTextToClipboard':
            await navigator.clipboard?.writeText(String(first ?? ''));
            return undefined;
          case 'closeOverlay':
            closeOverlay.current?.(String(first ?? ''));
            return undefined;
          case 'navigateToPage': {
            const o = (first ?? {}) as { to?: unknown };
            reportDiagnostic(card, { kind: 'stand-in', component: 'navigateToPage', detail: String(o.to ?? '') });
            setDialog({ title: 'App page', body: `HubSpot opens the app’s page ${String(o.to ?? '/')}. The sandbox shows record pages only.`, onClose: null });
            return undefined;
          }
        }
        return undefined;
      },
      log: (level, data) => {
        const out = level === 'error' ? console.error : level === 'warn' ? console.warn : console.info;
        out(`[${card.name}]`, ...data);
      },
      crashed: (message) => setState({ kind: 'failed', message: `The card threw while rendering: ${message}` }),
    };
    setState({ kind: 'loading' });
    const s = startCardSession({
      cardUrl: card.bundleUrl,
      context,
      host,
      onWorkerError: (message) => setState({ kind: 'failed', message }),
    });
    setSession(s);
    s.started.then(
      () => setState((prev) => (prev.kind === 'failed' ? prev : { kind: 'ready' })),
      (e: unknown) => setState({ kind: 'failed', message: messageOf(e) }),
    );
    return () => {
      s.stop();
      setSession(null);
    };
    // The context is rebuilt per view; a new view restarts the card as a page load would.
  }, [card.bundleUrl, card.name, card.uid, context, record.objectId, record.objectType, record.objectTypeId, scope]);

  const firstVersion = useRef(props.propertiesVersion);
  useEffect(() => {
    if (props.propertiesVersion !== firstVersion.current) session?.propertiesChanged();
  }, [props.propertiesVersion, session]);

  return (
    <section className={`sbx-card sbx-card-${card.location === 'crm.record.tab' ? 'tab' : 'sidebar'}`} data-card={card.uid} data-card-state={state.kind} aria-label={card.name}>
      {card.location === 'crm.record.tab' ? null : <header className="sbx-card-title">{card.name}</header>}
      <div className="sbx-card-body">
        {state.kind === 'failed' ? (
          <div className="sbx-card-error" role="alert">
            <strong>This card failed to load.</strong> {state.message}
          </div>
        ) : null}
        {state.kind === 'loading' ? <div className="sbx-card-loading">Starting card…</div> : null}
        {session ? (
          <CardHostProvider host={cardHost}>
            <OverlayProvider>
              <OverlayBridge target={closeOverlay} />
              <CardTree receiver={session.receiver} />
            </OverlayProvider>
          </CardHostProvider>
        ) : null}
      </div>
      {dialog ? (
        <div className="hs-overlay-backdrop" onClick={() => setDialog(null)}>
          <div role="dialog" aria-modal="true" aria-label={dialog.title} className="hs-modal hs-modal-md sbx-host-dialog" data-sbx-stand-in="dialog" onClick={(e) => e.stopPropagation()}>
            <div className="hs-overlay-header">
              <span className="hs-overlay-title">{dialog.title}</span>
              <button
                type="button"
                className="hs-overlay-close"
                aria-label="Close"
                onClick={() => {
                  const close = dialog.onClose;
                  setDialog(null);
                  if (close) void Promise.resolve(close()).catch(() => undefined);
                }}
              >
                ×
              </button>
            </div>
            <div className="hs-overlay-body">
              <span className="sbx-stand-in-badge">Sandbox stand-in</span> {dialog.body}
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
