/**
 * What HubSpot's host components know about the card they are drawn for: the record it is on, how to read CRM data
 * for the CRM data components (through the sandbox server, attributed to the card), how to open the page-level
 * dialogs HubSpot would open (a record preview, the email composer…), and where to report what the sandbox cannot
 * draw (on the page and in the terminal). One per card frame; tests provide their own.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type {
  CrmAssociatedAnswer,
  CrmAssociatedRequest,
  CrmRecordAnswer,
  CrmRecordRequest,
  CrmStatisticsAnswer,
  CrmStatisticsRequest,
  CrmUpdateRequest,
  DataAnswer,
} from '../../shared/protocol';

/** Reads for HubSpot's CRM data components; each answers `{ data }` or `{ error }`. `component` names the caller. */
export interface CrmComponentClient {
  record(component: string, request: CrmRecordRequest): Promise<DataAnswer<CrmRecordAnswer>>;
  associated(component: string, request: CrmAssociatedRequest): Promise<DataAnswer<CrmAssociatedAnswer>>;
  statistics(component: string, request: CrmStatisticsRequest): Promise<DataAnswer<CrmStatisticsAnswer>>;
  update(component: string, request: CrmUpdateRequest): Promise<DataAnswer<{ saved: boolean }>>;
}

/** A dialog HubSpot itself would open over the page; the sandbox shows a stand-in saying what it is. */
export interface HostDialog {
  readonly title: string;
  /** What HubSpot would show, in a sentence or two. */
  readonly body: ReactNode;
}

/** Something a card uses that the sandbox cannot draw as HubSpot does, or that HubSpot does not document. */
export interface Diagnostic {
  readonly kind: 'unsupported-component' | 'unsupported-prop' | 'undocumented-prop' | 'unknown-icon' | 'stand-in';
  readonly component: string;
  readonly detail: string;
}

export interface CardHost {
  readonly record: { readonly objectTypeId: string; readonly objectId: string };
  readonly crm: CrmComponentClient;
  openDialog(dialog: HostDialog): void;
  /** Moves the page to another record of the sandbox (`RECORD_APP_LINK`). */
  openRecord(objectTypeId: string, objectId: string): boolean;
  report(diagnostic: Diagnostic): void;
}

const noData = async (): Promise<{ error: string }> => ({ error: 'This component is drawn outside a card frame, without CRM data.' });

/** The host outside any card frame (component tests that do not need one). */
export const DETACHED_HOST: CardHost = {
  record: { objectTypeId: '0-1', objectId: '0' },
  crm: { record: noData, associated: noData, statistics: noData, update: noData },
  openDialog: () => undefined,
  openRecord: () => false,
  report: () => undefined,
};

const CardHostContext = createContext<CardHost>(DETACHED_HOST);

export function CardHostProvider({ host, children }: { host: CardHost; children: ReactNode }) {
  return <CardHostContext.Provider value={host}>{children}</CardHostContext.Provider>;
}

export function useCardHost(): CardHost {
  return useContext(CardHostContext);
}
