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

// ---------------------------------------------------------------------------------------------------------------
// HubSpot's CRM data components (drawn by the page, reading the emulator through the sandbox server)
// ---------------------------------------------------------------------------------------------------------------

/** A filter as the CRM data components take it (`preFilters`, `filters`, statistics' `filterGroups`). */
export interface CrmComponentFilter {
  readonly operator: string;
  readonly property: string;
  readonly value?: string | number | boolean;
  readonly values?: readonly (string | number | boolean)[] | string | number;
  readonly highValue?: string | number;
}

/** `{ columnName, direction: 1 | -1 }`, as the CRM data components take a sort. */
export interface CrmComponentSort {
  readonly columnName: string;
  readonly direction: number;
}

/** One property of a record as a CRM data component shows it. */
export interface PropertyCell {
  readonly name: string;
  /** The property's label; the name itself when the object type has no such property. */
  readonly label: string;
  readonly type: string;
  readonly fieldType: string;
  /** The stored value (null when empty). */
  readonly value: string | null;
  /** What HubSpot shows for the value ('' when empty). */
  readonly display: string;
  /** False when the object type has no property of this name. */
  readonly known: boolean;
  /** Whether a user may edit the value inline (not read-only, not calculated). */
  readonly editable: boolean;
  /** Options of an enumeration (for inline editing and quick filters). */
  readonly options: readonly { readonly label: string; readonly value: string }[];
}

/** A record's position in its pipeline (deals, tickets) or its lifecycle stage (contacts, companies). */
export interface StageView {
  /** The property holding the stage: dealstage, hs_pipeline_stage or lifecyclestage. */
  readonly propertyName: string;
  readonly pipelineLabel: string;
  readonly stages: readonly { readonly id: string; readonly label: string; readonly closed: boolean }[];
  readonly currentId: string | null;
}

export interface CrmRecordRequest {
  readonly objectTypeId: string;
  readonly objectId: string;
  readonly properties: readonly string[];
  /** Also answer the record's stage. */
  readonly stage?: boolean;
}

export interface CrmRecordAnswer {
  readonly objectTypeId: string;
  readonly objectId: string;
  readonly title: string;
  readonly properties: readonly PropertyCell[];
  readonly stage: StageView | null;
}

export interface CrmAssociatedRequest {
  readonly fromObjectTypeId: string;
  readonly fromObjectId: string;
  readonly toObjectTypeId: string;
  readonly properties: readonly string[];
  readonly filters?: readonly CrmComponentFilter[];
  readonly sort?: readonly CrmComponentSort[];
  /** Free-text search, as HubSpot's CRM search takes it. */
  readonly query?: string;
  /** Only associations with these labels: any of them (`any`) or all of them (`all`). */
  readonly associationLabels?: readonly string[];
  readonly labelMatch?: 'any' | 'all';
  readonly offset?: number;
  readonly limit?: number;
  readonly stage?: boolean;
}

export interface AssociatedRow {
  readonly id: string;
  readonly objectTypeId: string;
  readonly title: string;
  /** The association's labels (empty for an unlabeled association). */
  readonly labels: readonly string[];
  readonly properties: readonly PropertyCell[];
  readonly stage: StageView | null;
}

export interface CrmAssociatedAnswer {
  /** Matching associated records (all pages). */
  readonly total: number;
  readonly rows: readonly AssociatedRow[];
  /** The requested properties' definitions, for column headers and quick filters. */
  readonly columns: readonly PropertyCell[];
  /** Every association label between the two object types. */
  readonly labels: readonly string[];
  /** The object type's singular and plural names, for headings ("3 deals"). */
  readonly singular: string;
  readonly plural: string;
}

export interface CrmStatisticRequest {
  readonly label: string;
  readonly statisticType: string;
  readonly propertyName: string;
  readonly percentile?: number;
  readonly filterGroups?: readonly { readonly filters: readonly CrmComponentFilter[] }[];
}

export interface CrmStatisticsRequest {
  readonly fromObjectTypeId: string;
  readonly fromObjectId: string;
  readonly toObjectTypeId: string;
  readonly statistics: readonly CrmStatisticRequest[];
}

export interface CrmStatisticsAnswer {
  readonly values: readonly { readonly label: string; readonly value: number | null; readonly display: string; readonly count: number; readonly error: string | null }[];
}

export interface CrmUpdateRequest {
  readonly objectTypeId: string;
  readonly objectId: string;
  readonly properties: Readonly<Record<string, string>>;
}
