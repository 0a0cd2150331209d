/**
 * What the record page's destination panel asks the sandbox server: each destination emulator's current copy of
 * the record, the demo actions a person would take there, and a sweep. Types only.
 */

export interface MailchimpCopyView {
  readonly email: string;
  readonly status: string;
  readonly mergeFields: Readonly<Record<string, string | number>>;
  /** Every status the member had, oldest first, and who set it (`api`: the sync; `mailchimp`: the person). */
  readonly statusHistory: readonly { readonly status: string; readonly by: string }[];
}

export interface SheetCopyView {
  readonly spreadsheetId: string;
  readonly sheet: string;
  readonly row: number;
  readonly header: readonly string[];
  readonly values: readonly string[];
}

export interface ZendeskPersonView {
  readonly kind: 'user' | 'organization';
  readonly id: number;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly domains: readonly string[];
  readonly suspended: boolean;
}

export interface ZendeskTicketView {
  readonly id: number;
  readonly hubspotTicketId: string;
  readonly subject: string;
  readonly status: string;
  readonly priority: string | null;
}

export interface DestinationCopiesAnswer {
  readonly objectType: string;
  readonly objectId: string;
  /** null: no member for the record's address (or not a contact). */
  readonly mailchimp: MailchimpCopyView | null;
  readonly sheet: SheetCopyView | null;
  readonly zendesk: { readonly record: ZendeskPersonView | null; readonly tickets: readonly ZendeskTicketView[] };
  readonly lastSweep: SandboxSweepView | null;
}

export const DESTINATION_ACTIONS = ['mailchimp.unsubscribe', 'mailchimp.clean', 'mailchimp.resubscribe', 'zendesk.suspend', 'zendesk.unsuspend'] as const;
export type DestinationAction = (typeof DESTINATION_ACTIONS)[number];

export interface SandboxSweepView {
  readonly at: string;
  readonly since: string;
  readonly ok: boolean;
  /** One sentence per destination (and one for scoring and routing). */
  readonly lines: readonly string[];
  readonly hubspotWrites: number;
}
