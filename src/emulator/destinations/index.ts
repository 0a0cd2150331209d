import type { Clock } from './common/server';
import { DEFAULT_MAILCHIMP_LIST_ID, startMailchimpEmulator, type MailchimpMember, type RunningMailchimpEmulator } from './mailchimp';
import { generateServiceAccount, startGoogleSheetsEmulator, type RunningGoogleSheetsEmulator, type TestServiceAccount } from './google-sheets';
import { startZendeskEmulator, type RunningZendeskEmulator, type ZendeskOrganization, type ZendeskTicket, type ZendeskUser } from './zendesk';

/**
 * The tools beside HubSpot, on localhost, for tests and the sandbox: Mailchimp, Google Sheets (with Google's token
 * endpoint) and Zendesk. Like the HubSpot emulator they import nothing of the project; what they know of the
 * connectors is the wire (paths, bodies, the `hubspot-<type>-<id>` external ids Zendesk records carry).
 */

export { startMailchimpEmulator, DEFAULT_MAILCHIMP_API_KEY, DEFAULT_MAILCHIMP_LIST_ID } from './mailchimp';
export type { MailchimpEmulatorOptions, MailchimpMember, MailchimpState, MemberStatus, MergeFieldDefinition, RunningMailchimpEmulator } from './mailchimp';
export { startGoogleSheetsEmulator, generateServiceAccount } from './google-sheets';
export type { GoogleSheetsEmulatorOptions, RunningGoogleSheetsEmulator, SheetsState, TestServiceAccount } from './google-sheets';
export { startZendeskEmulator, DEFAULT_ZENDESK_EMAIL, DEFAULT_ZENDESK_TOKEN } from './zendesk';
export type { RunningZendeskEmulator, ZendeskEmulatorOptions, ZendeskOrganization, ZendeskState, ZendeskTicket, ZendeskUser } from './zendesk';
export type { Fault, FaultMatch, FaultQueue } from './common/faults';
export type { Clock, EmulatorHandle, RequestLogEntry } from './common/server';

export interface DestinationEmulatorsOptions {
  readonly clock?: Clock;
  /** Real milliseconds added to every answer of every emulator. */
  readonly latencyMs?: number;
  /** The Mailchimp audience to create (default DEFAULT_MAILCHIMP_LIST_ID). */
  readonly listId?: string;
  /** The spreadsheet to create, shared with the generated service account. */
  readonly spreadsheetId?: string;
  /** Its tabs per object type (default Contacts and Companies). */
  readonly sheets?: { readonly contacts?: string; readonly companies?: string };
  readonly zendeskSubdomain?: string;
}

/** Each destination's current copy of one HubSpot record (undefined where it has none). */
export interface DestinationCopies {
  readonly mailchimp?: MailchimpMember;
  readonly googleSheets?: { readonly sheet: string; readonly row: number; readonly values: readonly string[] };
  readonly zendesk?: ZendeskUser | ZendeskOrganization | readonly ZendeskTicket[];
}

export interface RunningDestinationEmulators {
  readonly mailchimp: RunningMailchimpEmulator;
  readonly googleSheets: RunningGoogleSheetsEmulator;
  readonly zendesk: RunningZendeskEmulator;
  /** Credentials the emulators accept, to hand to the connectors as their secrets would be. */
  readonly credentials: {
    readonly mailchimpApiKey: string;
    readonly googleServiceAccountJson: string;
    readonly zendeskEmail: string;
    readonly zendeskApiToken: string;
  };
  readonly serviceAccount: TestServiceAccount;
  readonly listId: string;
  readonly spreadsheetId: string;
  /** What each destination holds for a record: its member (by email), its row (by id), its user, org or tickets. */
  copiesOf(record: { readonly objectType: 'contacts' | 'companies' | 'tickets'; readonly id: string; readonly email?: string }): DestinationCopies;
  close(): Promise<void>;
}

/** Starts the three destination emulators on 127.0.0.1, each on a free port. */
export async function startDestinationEmulators(options: DestinationEmulatorsOptions = {}): Promise<RunningDestinationEmulators> {
  const common = { ...(options.clock ? { clock: options.clock } : {}), ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}) };
  const listId = options.listId ?? DEFAULT_MAILCHIMP_LIST_ID;
  const spreadsheetId = options.spreadsheetId ?? 'lead-ops-sandbox-sheet';
  const tabs = { contacts: options.sheets?.contacts ?? 'Contacts', companies: options.sheets?.companies ?? 'Companies' };
  const serviceAccount = generateServiceAccount();
  const [mailchimp, googleSheets, zendesk] = await Promise.all([
    startMailchimpEmulator({ ...common, lists: [{ id: listId }] }),
    startGoogleSheetsEmulator({ ...common, serviceAccounts: [serviceAccount] }),
    startZendeskEmulator({ ...common, ...(options.zendeskSubdomain ? { subdomain: options.zendeskSubdomain } : {}) }),
  ]);
  googleSheets.state.createSpreadsheet(spreadsheetId, { sheets: [tabs.contacts, tabs.companies], editors: [serviceAccount.clientEmail] });

  return {
    mailchimp,
    googleSheets,
    zendesk,
    serviceAccount,
    listId,
    spreadsheetId,
    credentials: { mailchimpApiKey: mailchimp.apiKey, googleServiceAccountJson: serviceAccount.json, zendeskEmail: zendesk.email, zendeskApiToken: zendesk.token },
    copiesOf: (record) => {
      const member = record.objectType === 'contacts' && record.email ? mailchimp.state.member(listId, record.email) : undefined;
      const sheet = record.objectType === 'tickets' ? undefined : tabs[record.objectType];
      const row = sheet ? googleSheets.state.rowByKey(spreadsheetId, sheet, record.id) : undefined;
      const zendeskCopy =
        record.objectType === 'contacts'
          ? zendesk.state.user(`hubspot-contact-${record.id}`)
          : record.objectType === 'companies'
            ? zendesk.state.organization(`hubspot-company-${record.id}`)
            : zendesk.state.ticketsByExternalId(`hubspot-ticket-${record.id}`);
      const hasTickets = Array.isArray(zendeskCopy) ? zendeskCopy.length > 0 : zendeskCopy !== undefined;
      return {
        ...(member ? { mailchimp: member } : {}),
        ...(sheet && row ? { googleSheets: { sheet, ...row } } : {}),
        ...(hasTickets && zendeskCopy ? { zendesk: zendeskCopy } : {}),
      };
    },
    close: async () => {
      await Promise.all([mailchimp.close(), googleSheets.close(), zendesk.close()]);
    },
  };
}
