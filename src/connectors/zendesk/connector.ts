import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../../core/result';
import type { ZendeskSettings } from '../../core/status/connector-config';
import { ConnectorBase, valueOf, type ConnectorRuntimeOptions, type Step, type Stop } from '../base';
import type { CallOptions, ConnectorObjectType, DestinationFailure, ReadOutcome, RecordRef, SyncOutcome, SyncRecord } from '../connector';
import type { HttpRequest, HttpResult } from '../http/destination-http';
import { SlidingWindow } from '../http/pacing';
import {
  OrganizationAnswerSchema,
  OrganizationsSchema,
  PRIORITY,
  TicketAnswerSchema,
  TicketsSchema,
  UserAnswerSchema,
  UsersSchema,
  describeZendeskError,
  externalIdOf,
  type ZendeskOrganization,
  type ZendeskTicket,
  type ZendeskUser,
} from './wire';

export const ZENDESK_EMAIL_SECRET = 'ZENDESK_EMAIL';
export const ZENDESK_API_TOKEN_SECRET = 'ZENDESK_API_TOKEN';
/** Zendesk's show_many endpoints take at most 100 ids. */
const SHOW_MANY_MAX = 100;

export interface ZendeskConnectorOptions extends ConnectorRuntimeOptions {
  /** The agent's email address the API token belongs to. */
  readonly email: string;
  readonly apiToken: string;
  /** Validated with `ZendeskSettingsSchema`. */
  readonly settings: ZendeskSettings;
}

interface Item {
  readonly index: number;
  readonly record: SyncRecord;
}

type Outcomes = (SyncOutcome | undefined)[];

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export class ZendeskConnector extends ConnectorBase {
  readonly objectTypes: readonly ConnectorObjectType[];
  readonly secretNames = [ZENDESK_EMAIL_SECRET, ZENDESK_API_TOKEN_SECRET] as const;
  private readonly settings: ZendeskSettings;
  private readonly authorization: string;
  private readonly window: SlidingWindow;

  constructor(options: ZendeskConnectorOptions) {
    super({ id: 'zendesk', name: 'Zendesk', kind: 'help_desk' }, `https://${options.settings.subdomain}.zendesk.com`, options);
    this.settings = options.settings;
    this.objectTypes = options.settings.tickets ? ['contacts', 'companies', 'tickets'] : ['contacts', 'companies'];
    const basic = `${options.email.trim()}/token:${options.apiToken.trim()}`;
    this.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    this.redactor.add(options.apiToken.trim(), basic, this.authorization);
    this.window = new SlidingWindow(options.settings.requestsPerMinute, 60_000);
  }

  private link(kind: 'users' | 'organizations' | 'tickets', id: number): string {
    return `https://${this.settings.subdomain}.zendesk.com/agent/${kind}/${id}`;
  }

  private request(operation: string, method: HttpRequest['method'], path: string, pathTemplate: string, idempotent: boolean, body?: unknown, headers: Record<string, string> = {}): HttpRequest {
    return {
      operation,
      method,
      path,
      pathTemplate,
      headers: { authorization: this.authorization, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      idempotent,
      window: this.window,
    };
  }

  /** A 404 on a list endpoint means the account itself is not there. */
  private stopForRead(record: RecordRef, result: HttpResult): Stop {
    if (result.kind === 'answer' && result.status === 404) {
      return this.stopAll(
        this.destinationFailure('CONFIG', `No Zendesk account answers at ${this.settings.subdomain}.zendesk.com: check the connector's subdomain, then retry.`, describeZendeskError(result)),
      );
    }
    return this.stopFor(record, result, describeZendeskError);
  }

  /** Each item's outcome after a read that failed for all of them. */
  private settleRead(items: readonly { index: number; record: RecordRef }[], problem: HttpResult, outcomes: Outcomes): Result<true, DestinationFailure> {
    return this.settleEach(items, problem, outcomes, (record, result) => this.stopForRead(record, result));
  }

  /** Users or organizations by external id, 100 per request. */
  private async showMany<T extends { external_id?: string | null | undefined }>(
    kind: 'users' | 'organizations',
    externalIds: readonly string[],
    deadline: number | undefined,
  ): Promise<Result<Map<string, T>, HttpResult>> {
    const found = new Map<string, T>();
    for (const ids of chunks([...new Set(externalIds)], SHOW_MANY_MAX)) {
      if (ids.length === 0) continue;
      const result = await this.http.send(
        this.request(`${kind}.showMany`, 'GET', `/api/v2/${kind}/show_many.json?external_ids=${ids.map(encodeURIComponent).join(',')}`, `/api/v2/${kind}/show_many.json`, true),
        deadline,
      );
      if (result.kind !== 'answer' || result.status !== 200) return err(result);
      const parsed = (kind === 'users' ? UsersSchema.safeParse(result.json).data?.users : OrganizationsSchema.safeParse(result.json).data?.organizations) as T[] | undefined;
      if (!parsed) return err(result);
      for (const x of parsed) if (x.external_id) found.set(x.external_id, x);
    }
    return ok(found);
  }

  async pushBatch(records: readonly SyncRecord[], call?: CallOptions): Promise<Result<readonly SyncOutcome[], DestinationFailure>> {
    const deadline = this.deadlineOf(call);
    const outcomes: Outcomes = new Array<SyncOutcome | undefined>(records.length).fill(undefined);
    const of = (type: ConnectorObjectType): Item[] => records.flatMap((record, index) => (record.objectType === type ? [{ index, record }] : []));
    // Companies first: contacts of the same batch then find their organization.
    for (const step of [() => this.pushCompanies(of('companies'), deadline, outcomes), () => this.pushContacts(of('contacts'), deadline, outcomes), () => this.pushTickets(of('tickets'), deadline, outcomes)]) {
      const done = await step();
      if (!done.ok) return done;
    }
    return ok(outcomes.map((o) => {
      if (!o) throw new Error('bug: a record got no outcome');
      return o;
    }));
  }

  /** Writes changed users or organizations, `concurrency` at a time (create_or_update: an upsert, safe to repeat). */
  private async upsertEach(
    items: readonly { item: Item; body: unknown }[],
    kind: 'users' | 'organizations',
    deadline: number | undefined,
    outcomes: Outcomes,
  ): Promise<Result<true, DestinationFailure>> {
    const r = await this.eachRecord<SyncOutcome>(
      items.map((i) => i.item.record),
      this.settings.concurrency,
      async (record) => {
        const entry = items.find((i) => i.item.record === record);
        if (!entry) throw new Error('bug: an upsert without its item');
        const result = await this.http.send(
          this.request(`${kind}.createOrUpdate`, 'POST', `/api/v2/${kind}/create_or_update.json`, `/api/v2/${kind}/create_or_update.json`, true, entry.body),
          deadline,
        );
        if (result.kind === 'answer' && (result.status === 200 || result.status === 201)) {
          const saved = kind === 'users' ? UserAnswerSchema.safeParse(result.json).data?.user : OrganizationAnswerSchema.safeParse(result.json).data?.organization;
          if (saved) return ok(this.inSync(record, String(saved.id), this.link(kind, saved.id), true));
          return ok(this.failed(record, `unexpected answer from Zendesk to ${kind}.createOrUpdate`, false));
        }
        const stop = this.stopFor(record, result, describeZendeskError);
        return this.settle(stop);
      },
    );
    if (!r.ok) return r;
    items.forEach((entry, i) => {
      outcomes[entry.item.index] = r.value[i];
    });
    return ok(true);
  }

  // ---- companies → organizations ---------------------------------------------------------------------------------

  private async pushCompanies(items: readonly Item[], deadline: number | undefined, outcomes: Outcomes): Promise<Result<true, DestinationFailure>> {
    const o = this.settings.organizations;
    const named = items.filter((item) => {
      if (valueOf(item.record.properties, o.nameProperty).trim() !== '') return true;
      outcomes[item.index] = this.excluded(item.record, 'no company name');
      return false;
    });
    if (named.length === 0) return ok(true);
    const existing = await this.showMany<ZendeskOrganization>('organizations', named.map((i) => externalIdOf('companies', i.record.id)), deadline);
    if (!existing.ok) return this.settleRead(named, existing.error, outcomes);
    const writes: { item: Item; body: unknown }[] = [];
    for (const item of named) {
      const p = item.record.properties;
      const externalId = externalIdOf('companies', item.record.id);
      const current = existing.value.get(externalId);
      const name = valueOf(p, o.nameProperty).trim();
      const domain = o.domainProperty ? valueOf(p, o.domainProperty).trim().toLowerCase() : '';
      const fields = Object.fromEntries(Object.entries(o.organizationFields).map(([key, property]) => [key, valueOf(p, property)]));
      const domains = current?.domain_names ?? [];
      const same =
        current !== undefined &&
        current.name === name &&
        (domain === '' || domains.includes(domain)) &&
        Object.entries(fields).every(([k, v]) => text(current.organization_fields?.[k]) === v);
      if (current && same) {
        outcomes[item.index] = this.inSync(item.record, String(current.id), this.link('organizations', current.id), false);
        continue;
      }
      // Domains added in Zendesk are kept: the sync adds HubSpot's, it never removes one.
      const domainNames = domain === '' ? undefined : [...new Set([...domains, domain])];
      writes.push({
        item,
        body: { organization: { external_id: externalId, name, ...(domainNames ? { domain_names: domainNames } : {}), ...(Object.keys(fields).length > 0 ? { organization_fields: fields } : {}) } },
      });
    }
    return this.upsertEach(writes, 'organizations', deadline, outcomes);
  }

  // ---- contacts → users ------------------------------------------------------------------------------------------

  private nameOf(properties: SyncRecord['properties']): string {
    return this.settings.users.nameProperties.map((p) => valueOf(properties, p).trim()).filter((v) => v !== '').join(' ');
  }

  private async pushContacts(items: readonly Item[], deadline: number | undefined, outcomes: Outcomes): Promise<Result<true, DestinationFailure>> {
    const u = this.settings.users;
    const usable = items.filter((item) => {
      const p = item.record.properties;
      if (this.nameOf(p) !== '' || valueOf(p, u.emailProperty).trim() !== '') return true;
      outcomes[item.index] = this.excluded(item.record, 'no name or email address');
      return false;
    });
    if (usable.length === 0) return ok(true);
    const existing = await this.showMany<ZendeskUser>('users', usable.map((i) => externalIdOf('contacts', i.record.id)), deadline);
    if (!existing.ok) return this.settleRead(usable, existing.error, outcomes);
    const companyIds = usable.flatMap((i) => (i.record.associations?.companies?.[0] ? [externalIdOf('companies', i.record.associations.companies[0].id)] : []));
    const orgs = await this.showMany<ZendeskOrganization>('organizations', companyIds, deadline);
    if (!orgs.ok) return this.settleRead(usable, orgs.error, outcomes);

    const writes: { item: Item; body: unknown }[] = [];
    for (const item of usable) {
      const p = item.record.properties;
      const externalId = externalIdOf('contacts', item.record.id);
      const current = existing.value.get(externalId);
      if (current?.suspended) {
        outcomes[item.index] = this.excluded(item.record, 'suspended in Zendesk; unsuspend the user there to resume the sync', String(current.id), this.link('users', current.id));
        continue;
      }
      const email = valueOf(p, u.emailProperty).trim().toLowerCase();
      const name = this.nameOf(p) || email;
      const phone = u.phoneProperty ? valueOf(p, u.phoneProperty).trim() : undefined;
      const company = item.record.associations?.companies?.[0];
      const organizationId = company ? orgs.value.get(externalIdOf('companies', company.id))?.id : undefined;
      const fields = Object.fromEntries(Object.entries(u.userFields).map(([key, property]) => [key, valueOf(p, property)]));
      const same =
        current !== undefined &&
        current.name === name &&
        // An address is only ever set, never cleared: in Zendesk it is the person's identity.
        (email === '' || text(current.email).toLowerCase() === email) &&
        (phone === undefined || text(current.phone) === phone) &&
        (organizationId === undefined || current.organization_id === organizationId) &&
        Object.entries(fields).every(([k, v]) => text(current.user_fields?.[k]) === v);
      if (current && same) {
        outcomes[item.index] = this.inSync(item.record, String(current.id), this.link('users', current.id), false);
        continue;
      }
      writes.push({
        item,
        body: {
          user: {
            external_id: externalId,
            name,
            ...(email !== '' ? { email } : {}),
            ...(phone !== undefined ? { phone: phone === '' ? null : phone } : {}),
            ...(organizationId !== undefined ? { organization_id: organizationId } : {}),
            ...(Object.keys(fields).length > 0 ? { user_fields: fields } : {}),
          },
        },
      });
    }
    return this.upsertEach(writes, 'users', deadline, outcomes);
  }

  // ---- tickets (created once) ------------------------------------------------------------------------------------

  private async pushTickets(items: readonly Item[], deadline: number | undefined, outcomes: Outcomes): Promise<Result<true, DestinationFailure>> {
    if (items.length === 0) return ok(true);
    const r = await this.eachRecord(
      items.map((i) => i.record),
      this.settings.concurrency,
      (record) => this.pushTicket(record, deadline),
    );
    if (!r.ok) return r;
    items.forEach((item, i) => {
      outcomes[item.index] = r.value[i];
    });
    return ok(true);
  }

  /** The tickets carrying this external id, lowest id first (a list endpoint: no search lag). */
  private async findTickets(record: RecordRef, externalId: string, deadline: number | undefined): Promise<Step<ZendeskTicket[]>> {
    const result = await this.http.send(
      this.request('tickets.list', 'GET', `/api/v2/tickets.json?external_id=${encodeURIComponent(externalId)}`, '/api/v2/tickets.json', true),
      deadline,
    );
    if (result.kind === 'answer' && result.status === 200) {
      const parsed = TicketsSchema.safeParse(result.json);
      if (parsed.success) return ok(parsed.data.tickets.filter((t) => t.external_id === externalId).sort((a, b) => a.id - b.id));
    }
    return err(this.stopForRead(record, result));
  }

  private ticketBody(record: SyncRecord, externalId: string): unknown {
    const t = this.settings.tickets;
    if (!t) throw new Error('bug: ticket body without ticket settings');
    const p = record.properties;
    const contact = record.associations?.contacts?.[0]?.properties;
    const requesterEmail = contact ? valueOf(contact, this.settings.users.emailProperty).trim() : '';
    const priority = PRIORITY[valueOf(p, t.priorityProperty).toUpperCase()];
    return {
      ticket: {
        external_id: externalId,
        subject: valueOf(p, t.subjectProperty).trim() || `HubSpot ticket ${record.id}`,
        comment: { body: valueOf(p, t.descriptionProperty).trim() || '(No description in HubSpot.)' },
        ...(priority ? { priority } : {}),
        tags: t.tags,
        // Without a contact the API user becomes the requester.
        ...(contact && requesterEmail !== '' ? { requester: { email: requesterEmail, name: this.nameOf(contact) || requesterEmail } } : {}),
      },
    };
  }

  /**
   * A HubSpot ticket becomes one Zendesk ticket, keyed by `external_id` `hubspot-ticket-<id>`. Before any create,
   * and after any answer that may have been applied, the ticket is looked up by that id: a ticket found is the
   * answer, never a second create. The create carries an Idempotency-Key (the external id and a hash of the body),
   * so Zendesk itself answers a repeated create with the first ticket. Two instances creating at the same moment
   * converge: each lists the tickets with the id after its create, and one that is not the lowest deletes its own.
   */
  private async pushTicket(record: SyncRecord, deadline: number | undefined): Promise<Result<SyncOutcome, DestinationFailure>> {
    const t = this.settings.tickets;
    if (!t) return ok(this.unsupported(record));
    const pipeline = valueOf(record.properties, 'hs_pipeline');
    if (!t.pipelines.includes(pipeline)) {
      return ok(this.excluded(record, pipeline === '' ? 'the ticket has no pipeline' : `tickets of pipeline "${pipeline}" are not sent to Zendesk`));
    }
    const externalId = externalIdOf('tickets', record.id);
    const before = await this.findTickets(record, externalId, deadline);
    if (!before.ok) return this.settle(before.error);
    const first = before.value[0];
    if (first) return ok(this.inSync(record, String(first.id), this.link('tickets', first.id), false));

    const body = this.ticketBody(record, externalId);
    const key = `${externalId}-${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16)}`;
    for (let round = 1; ; round++) {
      const result = await this.http.send(
        this.request('tickets.create', 'POST', '/api/v2/tickets.json', '/api/v2/tickets.json', false, body, { 'idempotency-key': key }),
        deadline,
      );
      if (result.kind === 'answer' && (result.status === 201 || result.status === 200)) {
        const created = TicketAnswerSchema.safeParse(result.json).data?.ticket;
        if (!created) return ok(this.pending(record, 'Zendesk answered the ticket create unexpectedly; the next sync looks the ticket up first.'));
        return this.converge(record, externalId, created.id, deadline);
      }
      if (result.kind === 'not_sent' || !result.ambiguous) return this.settle(this.stopFor(record, result, describeZendeskError));
      // The create may have been applied: look before creating again.
      const after = await this.findTickets(record, externalId, deadline);
      if (!after.ok) return ok(this.pending(record, 'Zendesk did not confirm the new ticket, and it could not be looked up in this call; the next sync looks it up before creating one.'));
      const found = after.value[0];
      if (found) return ok(this.inSync(record, String(found.id), this.link('tickets', found.id), true));
      if (round >= 2) return ok(this.pending(record, 'Zendesk did not confirm the new ticket twice; the next sync looks it up before creating one.'));
    }
  }

  /** After a create: the lowest ticket with the id is the one; a later duplicate of ours is deleted. */
  private async converge(record: SyncRecord, externalId: string, ownId: number, deadline: number | undefined): Promise<Result<SyncOutcome, DestinationFailure>> {
    const listed = await this.findTickets(record, externalId, deadline);
    const lowest = listed.ok ? (listed.value[0]?.id ?? ownId) : ownId;
    if (lowest !== ownId) {
      // Deleting is idempotent (a repeat answers 404); a failure leaves a duplicate the next sync sees and reports.
      await this.http.send(this.request('tickets.delete', 'DELETE', `/api/v2/tickets/${ownId}.json`, '/api/v2/tickets/{id}.json', true), deadline);
    }
    return ok(this.inSync(record, String(lowest), this.link('tickets', lowest), lowest === ownId));
  }

  // ---- read ------------------------------------------------------------------------------------------------------

  async read(record: SyncRecord, call?: CallOptions): Promise<Result<ReadOutcome, DestinationFailure>> {
    const deadline = this.deadlineOf(call);
    if (!this.objectTypes.includes(record.objectType)) return ok(this.excludedCopy(record, this.unsupported(record).reason));
    const externalId = externalIdOf(record.objectType, record.id);
    const stopped = (problem: HttpResult): Result<ReadOutcome, DestinationFailure> => {
      const into: Outcomes = [undefined];
      const settled = this.settleRead([{ index: 0, record }], problem, into);
      if (!settled.ok) return settled;
      const outcome = into[0];
      if (outcome?.state === 'failed' || outcome?.state === 'pending') return ok(outcome);
      throw new Error('bug: a failed read settled as neither failed nor pending');
    };
    if (record.objectType === 'tickets') {
      const found = await this.findTickets(record, externalId, deadline);
      if (!found.ok) return this.settle(found.error);
      const ticket = found.value[0];
      // Tickets are created once and then belong to the help desk: only their existence is compared.
      if (!ticket) return ok(this.judge(record, null));
      return ok(this.judge(record, { externalId: String(ticket.id), link: this.link('tickets', ticket.id), fields: {}, status: ticket.status ?? null, excludedReason: null }));
    }
    if (record.objectType === 'companies') {
      const o = this.settings.organizations;
      const found = await this.showMany<ZendeskOrganization>('organizations', [externalId], deadline);
      if (!found.ok) return stopped(found.error);
      const org = found.value.get(externalId);
      if (!org) return ok(this.judge(record, null));
      const fields: Record<string, string | null> = { [o.nameProperty]: org.name };
      for (const [key, property] of Object.entries(o.organizationFields)) fields[property] = text(org.organization_fields?.[key]);
      return ok(this.judge(record, { externalId: String(org.id), link: this.link('organizations', org.id), fields, status: null, excludedReason: null }));
    }
    const u = this.settings.users;
    const found = await this.showMany<ZendeskUser>('users', [externalId], deadline);
    if (!found.ok) return stopped(found.error);
    const user = found.value.get(externalId);
    if (!user) return ok(this.judge(record, null));
    const fields: Record<string, string | null> = { [u.emailProperty]: user.email ?? null };
    if (u.phoneProperty) fields[u.phoneProperty] = user.phone ?? null;
    for (const [key, property] of Object.entries(u.userFields)) fields[property] = text(user.user_fields?.[key]);
    return ok(
      this.judge(
        record,
        { externalId: String(user.id), link: this.link('users', user.id), fields, status: user.suspended ? 'suspended' : 'active', excludedReason: user.suspended ? 'suspended in Zendesk' : null },
        (property, a, b) => (property === u.emailProperty ? a.toLowerCase() === b.trim().toLowerCase() : a === b),
      ),
    );
  }
}
