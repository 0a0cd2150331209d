/**
 * What the page and a card's Web Worker say to each other (over `@remote-ui/rpc`, which proxies functions), and
 * what the page asks the sandbox server. Types only; shared by the page, the worker bootstrap and the server.
 */

import type { CardHostWire } from './host-wire';

/** JSON values, as HubSpot carries them between a card and the host. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The context a CRM card receives (`useExtensionContext`, the `context` of `hubspot.extend`). */
export interface CardContext {
  readonly location: string;
  readonly crm: { readonly objectId: number; readonly objectTypeId: string };
  readonly user: {
    readonly id: number;
    readonly email: string;
    readonly emails: string[];
    readonly firstName: string;
    readonly lastName: string;
    readonly roles: string[];
    readonly teams: { id: number; name: string; teammates: number[] }[];
    readonly locale: string;
    readonly language: string;
    readonly permissions: string[];
  };
  readonly portal: { readonly id: number; readonly timezone: string };
  readonly variables: Record<string, string | number | boolean>;
  readonly extension: { readonly appId: number | string; readonly appName: string; readonly cardTitle: string };
}

/** The `{ data, error }` answer of the CRM data runners (fetchCrmProperties, fetchAssociations, fetchCrmSearch). */
export interface DataAnswer<T> {
  readonly data?: T;
  readonly error?: string;
}

export type PropertyValues = Record<string, string | null>;

export interface AssociationsAnswer {
  readonly results: {
    toObjectId: number;
    associationTypes: { category: string; typeId: number; label: string }[];
    properties: PropertyValues;
  }[];
  readonly hasMore: boolean;
  readonly nextOffset: number;
}

export interface SearchAnswer {
  readonly results: { objectId: number; properties: PropertyValues }[];
  readonly total: number;
  readonly hasMore: boolean;
  readonly after?: string;
}

export interface HubSpotApiAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** The names of the host actions a CRM card may call (actions.synced.d.ts). */
export const HOST_ACTIONS = [
  'addAlert',
  'reloadPage',
  'refreshObjectProperties',
  'openIframeModal',
  'copyTextToClipboard',
  'navigateToPage',
  'closeOverlay',
] as const;
export type HostActionName = (typeof HOST_ACTIONS)[number];

/** What the page offers a card worker. Every member may be called across the worker boundary. */
export interface CardHostApi {
  serverless(uid: string, options: unknown): Promise<unknown>;
  hsFetch(url: string, options: unknown): Promise<HubSpotApiAnswer>;
  fetchCrmProperties(names: string[] | '*', options: unknown): Promise<DataAnswer<PropertyValues>>;
  fetchAssociations(request: unknown, options: unknown): Promise<DataAnswer<AssociationsAnswer>>;
  fetchCrmSearch(request: unknown, options: unknown): Promise<DataAnswer<SearchAnswer>>;
  fetchHubSpotApi(request: unknown): Promise<HubSpotApiAnswer>;
  formatCrmProperties(request: unknown): Promise<unknown>;
  action(name: HostActionName, args: unknown[]): Promise<unknown>;
  log(level: 'debug' | 'info' | 'warn' | 'error', data: unknown[]): void;
  /** The card threw while rendering; the message names the error. */
  crashed(message: string): void;
}

/** The remote-ui channel: `(type, ...args) => void | Promise<void>` (typed loosely: it crosses the boundary). */
export type RemoteChannelLike = (...args: never[]) => unknown;

export interface CardStartOptions {
  /** Same-origin URL of the card bundle built by HubSpot's builder. */
  readonly cardUrl: string;
  readonly context: CardContext;
  readonly receive: RemoteChannelLike;
  /** The page's host API, settled for the crossing (see host-wire.ts). */
  readonly host: CardHostWire;
}

/** What a card worker exposes to the page. */
export interface CardWorkerApi {
  /** Sets the globals, loads the bundle, renders the extension and mounts the remote root. */
  start(options: CardStartOptions): Promise<{ readonly rendered: true }>;
  /** The record's properties changed (refreshObjectProperties, a reload): re-run property subscriptions. */
  propertiesChanged(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Page <-> server (HTTP JSON)
// ---------------------------------------------------------------------------------------------------------------

export interface CatalogCardView {
  readonly uid: string;
  readonly name: string;
  readonly description: string;
  readonly location: string;
  readonly objectTypes: readonly string[];
  /** URL of the built bundle, or null when the card could not be built (see `buildError`). */
  readonly bundleUrl: string | null;
  readonly bundleBytes: number | null;
}

export interface SandboxInfo {
  readonly appName: string;
  /** The app's `permittedUrls.fetch` (hubspot.fetch refuses any other URL, as HubSpot does). */
  readonly permittedFetchUrls: readonly string[];
  readonly appId: number;
  readonly portalId: number;
  readonly emulatorUrl: string;
  readonly cards: readonly CatalogCardView[];
  readonly functions: readonly string[];
  readonly variables: Record<string, string | number | boolean>;
  readonly profile: string | null;
  readonly buildError: string | null;
  readonly demo: { readonly prepared: boolean; readonly message: string };
}

export interface RecordSummary {
  readonly id: string;
  readonly title: string;
  readonly properties: PropertyValues;
}

export interface RecordListAnswer {
  readonly objectType: string;
  readonly total: number;
  readonly results: readonly RecordSummary[];
  readonly after: string | null;
}

export interface PropertyView {
  readonly name: string;
  readonly label: string;
  readonly value: string | null;
  /** Owner names, enumeration labels: what HubSpot would show instead of the raw value. */
  readonly display: string | null;
  readonly groupName: string;
  readonly type: string;
}

export interface RecordAnswer {
  readonly objectType: string;
  readonly objectTypeId: string;
  readonly id: string;
  readonly title: string;
  readonly properties: readonly PropertyView[];
}

/** One emulator call, as the activity panel shows it. */
export interface ApiCallView {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly operation: string | null;
  /** Set for the read the host makes for `propertiesToSend` (it does not count against the function, DECISIONS 2). */
  readonly note: string | null;
}

/** One thing the page or a card asked the sandbox to do, with the emulator calls it cost. */
export interface ActivityEntry {
  readonly id: number;
  /** `page` or `card:<uid>`. */
  readonly source: string;
  /** `score_lead`, `fetchCrmProperties`, `record`, `search`… */
  readonly label: string;
  readonly ok: boolean;
  readonly detail: string | null;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly calls: readonly ApiCallView[];
}

export interface ActivityAnswer {
  readonly entries: readonly ActivityEntry[];
}

/** Headers the page sends so the server can attribute API calls to the page view and the card that caused them. */
export const VIEW_HEADER = 'x-sandbox-view';
export const SOURCE_HEADER = 'x-sandbox-source';
