/**
 * The bootstrap of a card's Web Worker: it provides the globals `@hubspot/ui-extensions` reads from `self`
 * (reference/hubspot-platform.md §5.4, DECISIONS 27) *before* the card bundle is evaluated, then `importScripts` the
 * bundle HubSpot's builder made, renders the callback the card gave `hubspot.extend` with `@remote-ui/react` into a
 * `@remote-ui/core` remote root, and mounts it. The root's channel is the page's receiver, reached over
 * `postMessage` through `@remote-ui/rpc` (which turns functions such as `onClick` into proxies both ways).
 *
 * React 18.3.1 and @remote-ui/react are bundled here once and handed to the card as the globals `React` and
 * `RemoteUI` (the builder keeps them out of the card bundle), so the card and the renderer share one React.
 */
import * as React from 'react';
import * as RemoteUI from '@remote-ui/react';
import { createRemoteRoot, type RemoteChannel } from '@remote-ui/core';
import { createEndpoint, retain, type MessageEndpoint } from '@remote-ui/rpc';
import type { ReactElement } from 'react';
import { fromWire } from '../shared/host-wire';
import type { CardHostApi, CardStartOptions, CardWorkerApi, DataAnswer, HostActionName, PropertyValues } from '../shared/protocol';

type RenderCallback = (api: { context: unknown; actions: Record<string, unknown>; runServerlessFunction: unknown }) => ReactElement;

/** The globals HubSpot's worker sets (worker-globals.synced.d.ts), plus what a classic worker has. */
interface WorkerScope {
  __HUBSPOT_EXTENSION_WORKER__?: boolean;
  extend_V2?: (callback: RenderCallback) => void;
  serverless?: (uid: string, options?: unknown) => Promise<unknown>;
  hsFetch?: (url: string, options?: unknown) => Promise<unknown>;
  logger?: Record<'debug' | 'info' | 'warn' | 'error', (...data: unknown[]) => void>;
  hsWorkerAPI?: Record<string, unknown>;
  React?: unknown;
  RemoteUI?: unknown;
  importScripts(...urls: string[]): void;
}

const scope = globalThis as unknown as WorkerScope;

let host: CardHostApi | null = null;
let context: CardStartOptions['context'] | null = null;
let renderCallback: RenderCallback | null = null;
let extendCalls = 0;

function requireHost(): CardHostApi {
  if (!host) throw new Error('The sandbox host is not connected yet.');
  return host;
}

/** A Response-like answer, as the hook runners expect: `.json()` gives `{ data, error?, cleanup? }`. */
function jsonResponse(payload: unknown, status = 200) {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => payload,
    text: async () => JSON.stringify(payload),
  };
}

// --- property subscriptions (useCrmProperties keeps its callback; refreshObjectProperties re-runs it) -----------

interface PropertySubscription {
  readonly names: string[] | '*';
  readonly options: unknown;
  readonly onUpdate: (properties: PropertyValues, error?: { message: string }) => void;
  /** onCrmPropertiesUpdate passes an error object; the hook runner passes only the values. */
  readonly kind: 'hook' | 'action';
}
const subscriptions = new Set<PropertySubscription>();

async function readProperties(names: string[] | '*', options: unknown): Promise<DataAnswer<PropertyValues>> {
  return requireHost().fetchCrmProperties(Array.isArray(names) ? [...names] : names, options ?? null);
}

async function propertiesChanged(): Promise<void> {
  await Promise.all(
    [...subscriptions].map(async (s) => {
      const answer = await readProperties(s.names, s.options).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }) as DataAnswer<PropertyValues>);
      if (!subscriptions.has(s)) return;
      if (answer.data) s.onUpdate(answer.data);
      else if (s.kind === 'action') s.onUpdate({}, { message: answer.error ?? 'Could not read the properties' });
    }),
  );
}

// --- actions ---------------------------------------------------------------------------------------------------

function hostAction(name: HostActionName) {
  return (...args: unknown[]) => requireHost().action(name, args);
}

function buildActions(): Record<string, unknown> {
  return {
    addAlert: hostAction('addAlert'),
    reloadPage: hostAction('reloadPage'),
    refreshObjectProperties: hostAction('refreshObjectProperties'),
    openIframeModal: hostAction('openIframeModal'),
    copyTextToClipboard: hostAction('copyTextToClipboard'),
    navigateToPage: hostAction('navigateToPage'),
    closeOverlay: hostAction('closeOverlay'),
    fetchCrmObjectProperties: async (names: string[] | '*') => {
      const answer = await readProperties(names, null);
      if (answer.error !== undefined || !answer.data) throw new Error(answer.error ?? 'Could not read the properties');
      return answer.data;
    },
    onCrmPropertiesUpdate: (names: string[] | '*', callback: PropertySubscription['onUpdate']) => {
      subscriptions.add({ names, options: null, onUpdate: callback, kind: 'action' });
    },
  };
}

// --- the globals ---------------------------------------------------------------------------------------------------

function serverless(uid: string, options?: unknown): Promise<unknown> {
  // Resolves to the function's own return value (not the {logId, response} wire envelope), rejects on failure.
  return requireHost().serverless(uid, options ?? {});
}

function installGlobals(): void {
  scope.__HUBSPOT_EXTENSION_WORKER__ = true;
  scope.React = React;
  scope.RemoteUI = RemoteUI;
  scope.extend_V2 = (callback: RenderCallback) => {
    extendCalls += 1;
    renderCallback = callback;
  };
  scope.serverless = serverless;
  scope.hsFetch = async (url: string, options?: unknown) => {
    const answer = await requireHost().hsFetch(url, options ?? {});
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      headers: answer.headers,
      json: async () => answer.body,
      text: async () => (typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)),
    };
  };
  const log =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...data: unknown[]) => {
      if (host) host.log(level, data.map((d) => (d instanceof Error ? `${d.name}: ${d.message}` : d)));
    };
  scope.logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

  scope.hsWorkerAPI = {
    useExtensionContext: () => context,
    useExtensionActions: () => actions,
    useExtensionApi: () => ({ context, actions, runServerlessFunction: runServerlessFunctionCompat }),
    useAppPageLocation: () => ({ path: '/', params: {} }),
    fetchCrmProperties: async (names: string[] | '*', onUpdate: PropertySubscription['onUpdate'], options?: unknown) => {
      const answer = await readProperties(names, options);
      if (answer.error !== undefined) return jsonResponse({ error: answer.error });
      const sub: PropertySubscription = { names, options: options ?? null, onUpdate, kind: 'hook' };
      subscriptions.add(sub);
      return jsonResponse({ data: answer.data, cleanup: () => subscriptions.delete(sub) });
    },
    fetchAssociations: async (request: unknown, options?: unknown) => jsonResponse(await requireHost().fetchAssociations(request, options ?? null)),
    fetchCrmSearch: async (request: unknown, options?: unknown) => jsonResponse(await requireHost().fetchCrmSearch(request, options ?? null)),
    fetchHubSpotApi: (request: unknown) => requireHost().fetchHubSpotApi(request),
    formatCrmProperties: async (request: unknown) => jsonResponse(await requireHost().formatCrmProperties(request)),
  };
}

/**
 * The deprecated `runServerlessFunction({ name, parameters, propertiesToSend })` of the extend callback. HubSpot
 * answered `{ status: 'SUCCESS', response }` or `{ status: 'ERROR', message }`.
 */
async function runServerlessFunctionCompat(args: { name: string; parameters?: unknown; propertiesToSend?: string[] }) {
  try {
    const response = await serverless(args.name, { parameters: args.parameters, propertiesToSend: args.propertiesToSend });
    return { status: 'SUCCESS', response };
  } catch (e) {
    return { status: 'ERROR', message: e instanceof Error ? e.message : String(e) };
  }
}

const actions = buildActions();
installGlobals();

/**
 * Catches a card that throws while rendering and tells the page, which shows the error in the card's frame (HubSpot
 * shows a failed card too, rather than a blank space).
 */
class CardErrorBoundary extends React.Component<{ children: React.ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    host?.crashed(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
  override render(): React.ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

async function start(options: CardStartOptions): Promise<{ readonly rendered: true }> {
  // Keep the page's functions alive after this call returns: the card calls them for its whole life.
  retain(options.host);
  retain(options.receive);
  host = fromWire(options.host);
  context = options.context;
  scope.importScripts(options.cardUrl);
  if (extendCalls === 0 || !renderCallback) {
    throw new Error('The card bundle ran but never called hubspot.extend(), so HubSpot would show nothing.');
  }
  const root = createRemoteRoot(options.receive as unknown as RemoteChannel);
  const element = renderCallback({ context, actions, runServerlessFunction: runServerlessFunctionCompat });
  RemoteUI.render(React.createElement(CardErrorBoundary, null, element), root);
  await root.mount();
  return { rendered: true };
}

const api: CardWorkerApi = { start, propertiesChanged };
const endpoint = createEndpoint<CardWorkerApi>(globalThis as unknown as MessageEndpoint);
endpoint.expose({ start: api.start, propertiesChanged: api.propertiesChanged });
