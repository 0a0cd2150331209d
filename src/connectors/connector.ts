import type { Result } from '../core/result';
import type { DestinationKind, ErrorHint, SyncObjectType } from '../core/status/config-schema';
import type { ErrorExplanation } from '../core/status/error-hints';

/**
 * The one interface every connector (Mailchimp, Google Sheets, Zendesk) implements. A connector copies HubSpot
 * records to one destination and reads back what the destination holds; it knows nothing of HubSpot's API. Inputs
 * are plain data; outcomes use the states of the sync contract (`lead_ops_sync_<id>_*`), so the caller can write
 * them onto the record as they are:
 *
 *   in_sync   → status `synced`, `last_synced_at`, `external_id`, error and exclusion cleared
 *   excluded  → status `excluded`, `excluded_reason`
 *   failed    → status `failed`, `error` = `error.raw` (the card explains it again from the raw message)
 *   pending   → status `pending`: the outcome is not settled yet (a create whose answer was lost, or a record the
 *               deadline left no time for); the next sync settles it by reading before writing.
 *
 * A problem that concerns every record (a rejected credential, a missing audience or sheet, a missing permission)
 * is not a record's outcome: the call answers `err(DestinationFailure)` once, naming what to fix.
 */

/** What a connector copies: contacts and companies, and HubSpot tickets for a help desk. */
export type ConnectorObjectType = SyncObjectType | 'tickets';

/** HubSpot property values by internal name, as HubSpot sends them (strings; null or absent when empty). */
export type PropertyValues = Readonly<Record<string, string | null | undefined>>;

export interface RecordRef {
  readonly objectType: ConnectorObjectType;
  /** The HubSpot record id. */
  readonly id: string;
}

/** A record associated with the one being synced (a ticket's contact, a contact's company); the first is primary. */
export interface AssociatedRecord {
  readonly id: string;
  readonly properties?: PropertyValues;
}

export interface SyncRecord extends RecordRef {
  /** The record's properties; each connector picks the ones its settings map. */
  readonly properties: PropertyValues;
  /** The id the destination gave the record on an earlier sync (`lead_ops_sync_<id>_external_id`), when known. */
  readonly externalId?: string | null;
  readonly associations?: {
    readonly contacts?: readonly AssociatedRecord[];
    readonly companies?: readonly AssociatedRecord[];
  };
}

/** A destination's error: the sentence a rep reads, the destination's own message (credentials removed), the rule. */
export interface SyncError {
  readonly plain: string;
  readonly raw: string;
  readonly ruleId: string;
}

export interface InSyncOutcome extends RecordRef {
  readonly state: 'in_sync';
  /** The record's id in the destination (member hash, row's key, Zendesk id). */
  readonly externalId: string;
  /** Where a person sees the record in the destination; null when it has no page of its own. */
  readonly link: string | null;
  /** False when the destination already held these values and nothing was sent. */
  readonly written: boolean;
  /** Something worth telling about an in-sync record (e.g. Mailchimp waiting for the person to confirm). */
  readonly note: string | null;
}

export interface ExcludedOutcome extends RecordRef {
  readonly state: 'excluded';
  /** Why the record is not copied, in a rep's words ("no email address", "unsubscribed in Mailchimp"). */
  readonly reason: string;
  readonly externalId: string | null;
  readonly link: string | null;
}

export interface FailedOutcome extends RecordRef {
  readonly state: 'failed';
  readonly error: SyncError;
  /** True when the same push may succeed later without any change (rate limits, timeouts, 5xx). */
  readonly retryable: boolean;
  /** How long the destination asked to wait, when it said so (or the deadline cut the wait short). */
  readonly retryAfterSeconds: number | null;
}

export interface PendingOutcome extends RecordRef {
  readonly state: 'pending';
  /** Why the outcome is not settled yet. */
  readonly reason: string;
  readonly retryAfterSeconds: number | null;
}

export type SyncOutcome = InSyncOutcome | ExcludedOutcome | FailedOutcome | PendingOutcome;

/** What the destination holds for a record, judged against the record's properties. */
export interface DestinationCopy extends RecordRef {
  /** `out_of_date` when a mapped field differs, `excluded` when the destination refuses syncs of the record. */
  readonly state: 'in_sync' | 'out_of_date' | 'excluded' | 'never_synced';
  readonly externalId: string | null;
  readonly link: string | null;
  /** The destination's values, keyed by the HubSpot property each field maps from (for a two-way sync). */
  readonly fields: Readonly<Record<string, string | null>>;
  /** The HubSpot properties whose values differ from the destination's. */
  readonly differences: readonly string[];
  /** The destination's own word for the record's state (`subscribed`, `cleaned`, `open`), when it has one. */
  readonly status: string | null;
  readonly excludedReason: string | null;
}

/** A read is answered with the copy, or with why it could not be read this time. */
export type ReadOutcome = DestinationCopy | FailedOutcome | PendingOutcome;

export type DestinationFailureCode =
  /** The credential was refused (401, an invalid grant) or is malformed: fix the named secret. */
  | 'AUTH_REJECTED'
  /** The credential works but may not do this (403): give the account access in the destination. */
  | 'PERMISSION_DENIED'
  /** The configured audience, sheet, tab or account does not exist: fix the connector settings. */
  | 'CONFIG'
  /** A read that concerns every record could not be done this time (5xx, timeouts, rate limits): retry later. */
  | 'UNAVAILABLE';

/** A failure of the whole destination: report it once, not per record. */
export interface DestinationFailure {
  readonly destinationId: string;
  readonly code: DestinationFailureCode;
  /** One sentence naming what to fix (the secret, the setting). Never contains a credential. */
  readonly message: string;
  /** The destination's own message, credentials removed. */
  readonly raw: string;
  /** The secrets to check or replace (`hs secret update NAME` for functions, the environment for the CLI). */
  readonly secretNames: readonly string[];
  readonly retryable: boolean;
}

/** Per call: the absolute time (on the connector's clock) after which nothing may still be waiting or sending. */
export interface CallOptions {
  readonly deadline?: number;
}

/** The destination as the sync configuration names it (`sync.destinations[]`). */
export interface ConnectorDestination {
  readonly id: string;
  readonly name: string;
  readonly kind: DestinationKind;
  readonly errorHints?: readonly ErrorHint[];
}

/** A record the destination stopped accepting on its side (an unsubscribe, a bounce), found by reading it. */
export interface DestinationExclusion {
  /** The id the destination knows the record by (what `in_sync` outcomes answer as `externalId`). */
  readonly externalId: string;
  /** Why, in a rep's words ("unsubscribed in Mailchimp"). */
  readonly reason: string;
  /** The destination's own word for the state (`unsubscribed`, `cleaned`). */
  readonly status: string;
}

export interface SyncConnector {
  readonly destination: ConnectorDestination;
  /** The object types this connector copies with its settings; others come back `excluded`. */
  readonly objectTypes: readonly ConnectorObjectType[];
  /** The secrets the connector's credentials come from, for messages and for the functions' `secretKeys`. */
  readonly secretNames: readonly string[];
  /** Copies one record. */
  push(record: SyncRecord, call?: CallOptions): Promise<Result<SyncOutcome, DestinationFailure>>;
  /** Copies records with as few requests as the destination allows; one outcome per record, in input order. */
  pushBatch(records: readonly SyncRecord[], call?: CallOptions): Promise<Result<readonly SyncOutcome[], DestinationFailure>>;
  /** Reads the destination's copy of a record and compares it with the record's properties. Writes nothing. */
  read(record: SyncRecord, call?: CallOptions): Promise<Result<ReadOutcome, DestinationFailure>>;
  /** The plain-language sentence for one of this destination's raw error messages. */
  explain(raw: string): ErrorExplanation;
  /**
   * Only destinations where people leave on their own (Mailchimp): the records excluded there after `since` (epoch
   * ms), so the change comes back to HubSpot without anything changing in HubSpot. Writes nothing.
   */
  exclusionsSince?(since: number, call?: CallOptions): Promise<Result<readonly DestinationExclusion[], DestinationFailure>>;
}
