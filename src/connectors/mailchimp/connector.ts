import { err, ok, type Result } from '../../core/result';
import type { MailchimpSettings } from '../../core/status/connector-config';
import { ConnectorBase, valueOf, type ConnectorRuntimeOptions, type Step } from '../base';
import type { CallOptions, ConnectorObjectType, DestinationExclusion, DestinationFailure, ReadOutcome, SyncOutcome, SyncRecord } from '../connector';
import type { HttpRequest } from '../http/destination-http';
import { COMPLIANCE_TITLES, EXCLUDED_STATUSES, MemberSchema, MembersPageSchema, ProblemSchema, describeProblem, exclusionOf, noteOf, subscriberHash, type Member } from './wire';

/** Members per page of a list read (Mailchimp's maximum). */
const PAGE_SIZE = 1000;

/** The secret the API key comes from. */
export const MAILCHIMP_API_KEY_SECRET = 'MAILCHIMP_API_KEY';

export interface MailchimpConnectorOptions extends ConnectorRuntimeOptions {
  /** A Marketing API key, ending in its data center (`…-us21`). */
  readonly apiKey: string;
  /** Validated with `MailchimpSettingsSchema`. */
  readonly settings: MailchimpSettings;
}

/** `…-us21` → `us21`; null when the key names no data center. */
export function dataCenterOf(apiKey: string): string | null {
  return /^[A-Za-z0-9]+-([a-z]+[0-9]+)$/.exec(apiKey.trim())?.[1] ?? null;
}

const isMemberHash = (value: string | null | undefined): value is string => typeof value === 'string' && /^[0-9a-f]{32}$/.test(value);

export class MailchimpConnector extends ConnectorBase {
  readonly objectTypes: readonly ConnectorObjectType[] = ['contacts'];
  readonly secretNames = [MAILCHIMP_API_KEY_SECRET] as const;
  private readonly settings: MailchimpSettings;
  private readonly dataCenter: string | null;
  private readonly authorization: string;

  constructor(options: MailchimpConnectorOptions) {
    const apiKey = options.apiKey.trim();
    const dataCenter = dataCenterOf(apiKey);
    super({ id: 'mailchimp', name: 'Mailchimp', kind: 'email_platform' }, `https://${dataCenter ?? 'invalid'}.api.mailchimp.com`, options);
    this.settings = options.settings;
    this.dataCenter = dataCenter;
    // Mailchimp takes the key as the password of Basic authentication; the user name is ignored.
    this.authorization = `Basic ${Buffer.from(`lead-ops:${apiKey}`).toString('base64')}`;
    this.redactor.add(apiKey, apiKey.split('-')[0], this.authorization);
  }

  private request(operation: string, method: HttpRequest['method'], hash: string, body?: unknown): HttpRequest {
    return {
      operation,
      method,
      path: `/3.0/lists/${encodeURIComponent(this.settings.listId)}/members/${hash}`,
      pathTemplate: '/3.0/lists/{list_id}/members/{subscriber_hash}',
      headers: { authorization: this.authorization, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      // A PUT upsert sent twice leaves the member as once; the confirmation email of `pending` goes out only on the
      // create.
      idempotent: true,
    };
  }

  private link(member: Member): string | null {
    return this.dataCenter && member.web_id !== undefined ? `https://${this.dataCenter}.admin.mailchimp.com/lists/members/view?id=${member.web_id}` : null;
  }

  /** A key without its data center cannot reach any server: fail the destination before sending. */
  private checkKey(): Result<true, DestinationFailure> {
    if (this.dataCenter) return ok(true);
    return err(
      this.destinationFailure(
        'AUTH_REJECTED',
        `The key in ${MAILCHIMP_API_KEY_SECRET} is not a Mailchimp API key: it must end in its data center, e.g. "…-us21". Copy the whole key from Mailchimp (Profile → Extras → API keys), then retry.`,
        'API key without a data-center suffix',
      ),
    );
  }

  private emailOf(record: SyncRecord): string | null {
    const email = valueOf(record.properties, this.settings.emailProperty).trim();
    return email === '' ? null : email;
  }

  private mergeFieldsOf(record: SyncRecord): Record<string, string> {
    return Object.fromEntries(Object.entries(this.settings.mergeFields).map(([tag, property]) => [tag, valueOf(record.properties, property)]));
  }

  private async getMember(record: SyncRecord, hash: string, deadline: number | undefined): Promise<Step<Member | null>> {
    const result = await this.http.send(this.request('members.get', 'GET', hash), deadline);
    if (result.kind === 'answer' && result.status === 404) return ok(null);
    if (result.kind === 'answer' && result.status === 200) return this.parseMember(record, result.json);
    return err(this.stopFor(record, result, describeProblem));
  }

  private parseMember(record: SyncRecord, json: unknown): Step<Member> {
    const member = MemberSchema.safeParse(json);
    if (member.success) return ok(member.data);
    return err(this.stopWith(this.failed(record, `unexpected answer from Mailchimp: ${member.error.issues[0]?.message ?? 'not a member'}`, false)));
  }

  /**
   * The member that stands for the record: under the address's hash, or, when the address changed in HubSpot since
   * the last sync, under the previous hash (the PUT then changes that member's address instead of adding a second).
   */
  private async findMember(record: SyncRecord, email: string, deadline: number | undefined): Promise<Step<{ hash: string; member: Member | null }>> {
    const hash = subscriberHash(email);
    const previous = record.externalId;
    if (isMemberHash(previous) && previous !== hash) {
      const old = await this.getMember(record, previous, deadline);
      if (!old.ok) return old;
      if (old.value && exclusionOf(old.value.status) === null) return ok({ hash: previous, member: old.value });
    }
    const current = await this.getMember(record, hash, deadline);
    return current.ok ? ok({ hash, member: current.value }) : current;
  }

  async pushBatch(records: readonly SyncRecord[], call?: CallOptions): Promise<Result<readonly SyncOutcome[], DestinationFailure>> {
    const key = this.checkKey();
    if (!key.ok) return key;
    const deadline = this.deadlineOf(call);
    return this.eachRecord(records, this.settings.concurrency, (record) => this.pushOne(record, deadline));
  }

  private async pushOne(record: SyncRecord, deadline: number | undefined): Promise<Result<SyncOutcome, DestinationFailure>> {
    if (record.objectType !== 'contacts') return ok(this.unsupported(record));
    const email = this.emailOf(record);
    if (email === null) return ok(this.excluded(record, 'no email address'));
    const mergeFields = this.mergeFieldsOf(record);

    const found = await this.findMember(record, email, deadline);
    if (!found.ok) return this.settle(found.error);
    const { hash, member } = found.value;
    if (member) {
      const exclusion = exclusionOf(member.status);
      if (exclusion) return ok(this.excluded(record, exclusion, member.id, this.link(member)));
      const same =
        member.email_address.toLowerCase() === email.toLowerCase() &&
        Object.entries(mergeFields).every(([tag, value]) => String(member.merge_fields[tag] ?? '') === value);
      if (same) return ok(this.inSync(record, member.id, this.link(member), false, noteOf(member.status)));
    }

    // Never `status`: for an existing member it would overwrite an unsubscribe. `status_if_new` applies to new ones.
    const body = { email_address: email, status_if_new: this.settings.statusIfNew, merge_fields: mergeFields };
    const result = await this.http.send(this.request('members.upsert', 'PUT', hash, body), deadline);
    if (result.kind === 'answer' && result.status === 200) {
      const parsed = this.parseMember(record, result.json);
      if (!parsed.ok) return this.settle(parsed.error);
      const saved = parsed.value;
      const exclusion = exclusionOf(saved.status);
      if (exclusion) return ok(this.excluded(record, exclusion, saved.id, this.link(saved)));
      return ok(this.inSync(record, saved.id, this.link(saved), true, noteOf(saved.status)));
    }
    if (result.kind === 'answer' && result.status === 400) {
      const title = ProblemSchema.safeParse(result.json).data?.title ?? '';
      const compliance = COMPLIANCE_TITLES[title];
      if (compliance) return ok(this.excluded(record, compliance, hash));
      return ok(this.failed(record, describeProblem(result), false));
    }
    if (result.kind === 'answer' && result.status === 404) {
      return err(
        this.destinationFailure(
          'CONFIG',
          `Mailchimp has no audience with the id "${this.settings.listId}" for this API key. Set the audience id (Audience → Settings → Audience name and defaults) in the connector's listId, then retry.`,
          describeProblem(result),
        ),
      );
    }
    return this.settle(this.stopFor(record, result, describeProblem));
  }

  /**
   * Members unsubscribed, cleaned or archived after `since`: one list read per status (1,000 members a page), so
   * an unsubscribe comes back to HubSpot without anyone touching the contact there. A problem reading them (a 5xx
   * that outlasted the retries, no time left) is a retryable failure of the destination: the next run reads again.
   */
  async exclusionsSince(since: number, call?: CallOptions): Promise<Result<readonly DestinationExclusion[], DestinationFailure>> {
    const key = this.checkKey();
    if (!key.ok) return key;
    const deadline = this.deadlineOf(call);
    const out: DestinationExclusion[] = [];
    const after = new Date(since).toISOString();
    for (const status of EXCLUDED_STATUSES) {
      for (let offset = 0; ; offset += PAGE_SIZE) {
        const query = `status=${status}&since_last_changed=${encodeURIComponent(after)}&count=${PAGE_SIZE}&offset=${offset}`;
        const result = await this.http.send(
          {
            operation: 'members.list',
            method: 'GET',
            path: `/3.0/lists/${encodeURIComponent(this.settings.listId)}/members?${query}`,
            pathTemplate: '/3.0/lists/{list_id}/members',
            headers: { authorization: this.authorization, accept: 'application/json' },
            idempotent: true,
          },
          deadline,
        );
        const page = result.kind === 'answer' && result.status === 200 ? MembersPageSchema.safeParse(result.json) : null;
        if (!page?.success) {
          const stop = this.stopFor({ objectType: 'contacts', id: '' }, result, describeProblem);
          if (stop.kind === 'failure') return err(stop.failure);
          const raw = stop.outcome.state === 'failed' ? stop.outcome.error.raw : stop.outcome.reason;
          return err(this.destinationFailure('UNAVAILABLE', `Mailchimp's unsubscribes could not be read this time (${raw}); the next run reads them again.`, raw, true));
        }
        for (const m of page.data.members) out.push({ externalId: m.id, status: m.status, reason: exclusionOf(m.status) ?? m.status });
        if (page.data.members.length < PAGE_SIZE || offset + PAGE_SIZE >= page.data.total_items) break;
      }
    }
    return ok(out);
  }

  async read(record: SyncRecord, call?: CallOptions): Promise<Result<ReadOutcome, DestinationFailure>> {
    const key = this.checkKey();
    if (!key.ok) return key;
    if (record.objectType !== 'contacts') return ok(this.excludedCopy(record, this.unsupported(record).reason));
    const email = this.emailOf(record);
    if (email === null) return ok(this.excludedCopy(record, 'no email address'));
    const found = await this.findMember(record, email, this.deadlineOf(call));
    if (!found.ok) return this.settle(found.error);
    const member = found.value.member;
    if (!member) return ok(this.judge(record, null));
    const fields: Record<string, string | null> = { [this.settings.emailProperty]: member.email_address };
    for (const [tag, property] of Object.entries(this.settings.mergeFields)) {
      const value = member.merge_fields[tag];
      fields[property] = value === undefined || value === null ? null : String(value);
    }
    return ok(
      this.judge(
        record,
        { externalId: member.id, link: this.link(member), fields, status: member.status, excludedReason: exclusionOf(member.status) },
        // Addresses are compared without case, as Mailchimp keys them.
        (property, a, b) => (property === this.settings.emailProperty ? a.toLowerCase() === b.trim().toLowerCase() : a === b),
      ),
    );
  }
}
