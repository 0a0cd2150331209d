import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError, REAL_CLOCK, handleOf, startDestinationServer, type Admission, type Clock, type EmulatorHandle, type Reply, type RequestContext, type Route } from '../common/server';
import { SlidingLimit } from '../common/window';

/**
 * A local Zendesk Support API v2, only the endpoints the Zendesk connector uses (each also with `.json`):
 *   GET  /api/v2/users/show_many?external_ids=…            POST /api/v2/users/create_or_update
 *   GET  /api/v2/organizations/show_many?external_ids=…    POST /api/v2/organizations/create_or_update
 *   GET  /api/v2/tickets?external_id=…                     POST /api/v2/tickets          DELETE /api/v2/tickets/{id}
 * Basic authentication `{email}/token:{api_token}` (401 "Couldn't authenticate you"), a per-minute request limit
 * (429 with Retry-After and X-Rate-Limit headers), Zendesk's error shape `{ error, description, details }`,
 * create_or_update matching by external_id then email (201 created, 200 updated), unique organization names, and
 * the Idempotency-Key header on ticket creation (the same key and body within two hours replays the first answer;
 * another body is refused).
 */

export const DEFAULT_ZENDESK_EMAIL = 'sync@acme.test';
export const DEFAULT_ZENDESK_TOKEN = 'zd-local-0000000000000000000000000000000000000000';

export interface ZendeskEmulatorOptions {
  readonly subdomain?: string;
  readonly email?: string;
  readonly token?: string;
  /** Requests per minute per account (Zendesk plans: 200 to 700). */
  readonly requestsPerMinute?: number;
  readonly clock?: Clock;
  readonly latencyMs?: number;
  readonly port?: number;
}

export interface ZendeskUser {
  readonly id: number;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly external_id: string | null;
  readonly organization_id: number | null;
  readonly role: 'end-user' | 'agent';
  readonly suspended: boolean;
  readonly user_fields: Readonly<Record<string, string | null>>;
}

export interface ZendeskOrganization {
  readonly id: number;
  readonly name: string;
  readonly external_id: string | null;
  readonly domain_names: readonly string[];
  readonly organization_fields: Readonly<Record<string, string | null>>;
}

export interface ZendeskTicket {
  readonly id: number;
  readonly external_id: string | null;
  readonly subject: string;
  readonly description: string;
  readonly priority: string | null;
  readonly status: string;
  readonly requester_id: number;
  readonly tags: readonly string[];
}

export interface ZendeskState {
  users(): ZendeskUser[];
  user(externalId: string): ZendeskUser | undefined;
  organizations(): ZendeskOrganization[];
  organization(externalId: string): ZendeskOrganization | undefined;
  tickets(): ZendeskTicket[];
  ticketsByExternalId(externalId: string): ZendeskTicket[];
  /** Adds a user directly (seeding, or an agent creating one). */
  addUser(user: Partial<Omit<ZendeskUser, 'id'>> & { name: string }): ZendeskUser;
  addOrganization(org: Partial<Omit<ZendeskOrganization, 'id'>> & { name: string }): ZendeskOrganization;
  /** Edits a user as an agent would (a suspension, a changed phone). */
  updateUser(externalId: string, change: Partial<Omit<ZendeskUser, 'id'>>): void;
  /** Adds a ticket directly (e.g. one created by another instance a moment ago). */
  addTicket(ticket: Partial<Omit<ZendeskTicket, 'id'>>): ZendeskTicket;
  /** Empties the account: users, organizations, tickets, idempotency keys and the rate window. */
  reset(): void;
}

export interface RunningZendeskEmulator extends EmulatorHandle {
  readonly subdomain: string;
  readonly email: string;
  readonly token: string;
  readonly state: ZendeskState;
  setRequestsPerMinute(n: number): void;
}

interface Detail {
  readonly description: string;
  readonly error: string;
}

const zendeskError = (status: number, error: string, description?: string, details?: Record<string, Detail[]>): Reply => ({
  status,
  body: { error, ...(description !== undefined ? { description } : {}), ...(details ? { details } : {}) },
});
const fail = (status: number, error: string, description?: string, details?: Record<string, Detail[]>): never => {
  throw new HttpError(zendeskError(status, error, description, details));
};
const invalid = (field: string, description: string, error = 'InvalidValue'): never => fail(422, 'RecordInvalid', 'Record validation errors', { [field]: [{ description, error }] });

const FAULT_BODIES: Readonly<Record<number, Reply['body']>> = {
  401: { error: "Couldn't authenticate you" },
  403: { error: 'Forbidden', description: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' },
  404: { error: 'RecordNotFound', description: 'Not found' },
  409: { error: 'Conflict', description: 'The request could not be completed due to a conflict with the current state of the resource.' },
  429: { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
  500: { error: 'InternalServerError', description: 'An internal error occurred.' },
  503: { error: 'ServiceUnavailable', description: 'The service is temporarily unavailable. Please try again later.' },
};

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IDEMPOTENCY_TTL_MS = 2 * 60 * 60 * 1000;

function credentials(req: FastifyRequest): string | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(String(req.headers.authorization ?? '').trim());
  return m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : undefined;
}

const objectField = (body: Record<string, unknown>, key: string): Record<string, unknown> => {
  const v = body[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(400, 'InvalidEndpoint', `Missing or invalid "${key}" object in the request body`);
  return v as Record<string, unknown>;
};
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const fieldsOf = (v: unknown): Record<string, string | null> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === null ? null : String(x)])) : {};

export async function startZendeskEmulator(options: ZendeskEmulatorOptions = {}): Promise<RunningZendeskEmulator> {
  const subdomain = options.subdomain ?? 'acme';
  const email = options.email ?? DEFAULT_ZENDESK_EMAIL;
  const token = options.token ?? DEFAULT_ZENDESK_TOKEN;
  const clock = options.clock ?? REAL_CLOCK;
  const limit = new SlidingLimit(options.requestsPerMinute ?? 200, 60_000);
  const users = new Map<number, ZendeskUser>();
  const orgs = new Map<number, ZendeskOrganization>();
  const tickets = new Map<number, ZendeskTicket>();
  const idempotency = new Map<string, { bodyHash: string; at: number; reply: Reply }>();
  let nextUser = 360_000_000_001;
  let nextOrg = 360_100_000_001;
  let nextTicket = 1;
  let baseUrl = '';

  const userJson = (u: ZendeskUser) => ({ ...u, url: `${baseUrl}/api/v2/users/${u.id}.json` });
  const orgJson = (o: ZendeskOrganization) => ({ ...o, url: `${baseUrl}/api/v2/organizations/${o.id}.json` });
  const ticketJson = (t: ZendeskTicket) => ({ ...t, url: `${baseUrl}/api/v2/tickets/${t.id}.json` });

  const body = (ctx: RequestContext): Record<string, unknown> => {
    try {
      const v = JSON.parse(ctx.text) as unknown;
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // answered below
    }
    return fail(400, 'Unprocessable Entity', 'The request body is not valid JSON');
  };

  const list = (q: string | undefined): string[] => (q ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

  const showMany = <T extends { id: number; external_id: string | null }>(all: Map<number, T>, ctx: RequestContext): T[] => {
    const external = list(ctx.query.external_ids);
    const ids = list(ctx.query.ids).map(Number);
    if (external.length + ids.length > 100) fail(400, 'InvalidParameter', 'Too many ids (max 100)');
    return [...all.values()].filter((x) => (x.external_id !== null && external.includes(x.external_id)) || ids.includes(x.id));
  };

  const createOrUpdateUser = (ctx: RequestContext): Reply => {
    const u = objectField(body(ctx), 'user');
    const externalId = text(u.external_id) ?? null;
    const address = text(u.email)?.trim().toLowerCase() || null;
    if (address !== null && !EMAIL.test(address)) invalid('email', `Email: ${address} is not properly formatted`);
    const byExternal = externalId === null ? undefined : [...users.values()].find((x) => x.external_id === externalId);
    const byEmail = address === null ? undefined : [...users.values()].find((x) => x.email === address);
    if (byExternal && byEmail && byExternal.id !== byEmail.id) invalid('email', 'Email: is already being used by another user', 'DuplicateValue');
    const existing = byExternal ?? byEmail;
    const name = text(u.name) ?? existing?.name ?? '';
    if (name.trim() === '') invalid('name', 'Name:  is too short (minimum one character)', 'BlankValue');
    const organizationId = u.organization_id === undefined ? (existing?.organization_id ?? null) : u.organization_id === null ? null : Number(u.organization_id);
    if (organizationId !== null && !orgs.has(organizationId)) invalid('organization_id', 'Organization: is invalid');
    const next: ZendeskUser = {
      id: existing?.id ?? nextUser++,
      name,
      email: u.email === undefined ? (existing?.email ?? null) : address,
      phone: u.phone === undefined ? (existing?.phone ?? null) : (text(u.phone) ?? null),
      external_id: externalId ?? existing?.external_id ?? null,
      organization_id: organizationId,
      role: existing?.role ?? 'end-user',
      suspended: existing?.suspended ?? false,
      user_fields: { ...(existing?.user_fields ?? {}), ...fieldsOf(u.user_fields) },
    };
    users.set(next.id, next);
    return { status: existing ? 200 : 201, body: { user: userJson(next) } };
  };

  const createOrUpdateOrg = (ctx: RequestContext): Reply => {
    const o = objectField(body(ctx), 'organization');
    const externalId = text(o.external_id) ?? null;
    const id = o.id === undefined ? undefined : Number(o.id);
    const existing = [...orgs.values()].find((x) => (id !== undefined && x.id === id) || (externalId !== null && x.external_id === externalId));
    const name = text(o.name) ?? existing?.name ?? '';
    if (name.trim() === '') invalid('name', 'Name: cannot be blank', 'BlankValue');
    const clash = [...orgs.values()].find((x) => x.id !== existing?.id && x.name.toLowerCase() === name.toLowerCase());
    if (clash) invalid('name', 'Name: has already been taken', 'DuplicateValue');
    const domains = Array.isArray(o.domain_names) ? o.domain_names.map(String) : undefined;
    const next: ZendeskOrganization = {
      id: existing?.id ?? nextOrg++,
      name,
      external_id: externalId ?? existing?.external_id ?? null,
      domain_names: domains ?? existing?.domain_names ?? [],
      organization_fields: { ...(existing?.organization_fields ?? {}), ...fieldsOf(o.organization_fields) },
    };
    orgs.set(next.id, next);
    return { status: existing ? 200 : 201, body: { organization: orgJson(next) } };
  };

  const listTickets = (ctx: RequestContext): Reply => {
    const external = ctx.query.external_id;
    const found = [...tickets.values()].filter((t) => external === undefined || t.external_id === external).sort((a, b) => a.id - b.id);
    return { status: 200, body: { tickets: found.map(ticketJson), count: found.length, next_page: null, previous_page: null } };
  };

  const requesterOf = (raw: unknown): number => {
    if (raw === undefined) {
      const agent = [...users.values()].find((u) => u.role === 'agent' && u.email === email);
      if (agent) return agent.id;
      const created: ZendeskUser = { id: nextUser++, name: 'Sync agent', email, phone: null, external_id: null, organization_id: null, role: 'agent', suspended: false, user_fields: {} };
      users.set(created.id, created);
      return created.id;
    }
    if (typeof raw !== 'object' || raw === null) return invalid('requester', 'Requester: is invalid');
    const r = raw as Record<string, unknown>;
    const address = text(r.email)?.trim().toLowerCase();
    if (!address || !EMAIL.test(address)) return invalid('requester', 'Requester: Email is invalid');
    const existing = [...users.values()].find((u) => u.email === address);
    if (existing) return existing.id;
    const created: ZendeskUser = {
      id: nextUser++,
      name: text(r.name)?.trim() || address,
      email: address,
      phone: null,
      external_id: null,
      organization_id: null,
      role: 'end-user',
      suspended: false,
      user_fields: {},
    };
    users.set(created.id, created);
    return created.id;
  };

  const createTicket = (ctx: RequestContext): Reply => {
    const key = ctx.headers['idempotency-key'];
    const bodyHash = createHash('sha256').update(ctx.text).digest('hex');
    if (typeof key === 'string') {
      const seen = idempotency.get(key);
      if (seen && clock.now() - seen.at < IDEMPOTENCY_TTL_MS) {
        if (seen.bodyHash !== bodyHash) fail(400, 'IdempotentRequestError', 'The idempotency key was already used with a different request body.');
        return { ...seen.reply, headers: { ...(seen.reply.headers ?? {}), 'x-idempotency-lookup': 'hit' } };
      }
    }
    const t = objectField(body(ctx), 'ticket');
    const comment = t.comment as Record<string, unknown> | undefined;
    const description = text(comment?.body) ?? text(t.description) ?? '';
    if (description.trim() === '') invalid('base', 'Description: cannot be blank', 'BlankValue');
    const priority = t.priority === undefined || t.priority === null ? null : String(t.priority);
    if (priority !== null && !PRIORITIES.includes(priority)) invalid('priority', `Priority: ${priority} is not a valid priority`);
    const ticket: ZendeskTicket = {
      id: nextTicket++,
      external_id: text(t.external_id) ?? null,
      subject: text(t.subject) ?? description.slice(0, 80),
      description,
      priority,
      status: 'new',
      requester_id: requesterOf(t.requester),
      tags: Array.isArray(t.tags) ? t.tags.map(String) : [],
    };
    tickets.set(ticket.id, ticket);
    const reply: Reply = { status: 201, body: { ticket: ticketJson(ticket), audit: { id: ticket.id * 1000, ticket_id: ticket.id } }, headers: { location: `${baseUrl}/api/v2/tickets/${ticket.id}.json` } };
    if (typeof key === 'string') idempotency.set(key, { bodyHash, at: clock.now(), reply });
    return { ...reply, headers: { ...(reply.headers ?? {}), ...(typeof key === 'string' ? { 'x-idempotency-lookup': 'miss' } : {}) } };
  };

  const deleteTicket = (ctx: RequestContext): Reply => {
    const id = Number(ctx.params.id);
    if (!tickets.delete(id)) fail(404, 'RecordNotFound', 'Not found');
    return { status: 204 };
  };

  const both = (method: Route['method'], url: string, operation: string, handler: Route['handler']): Route[] => [
    { method, url, operation, handler },
    { method, url: `${url}.json`, operation, handler },
  ];

  const server = await startDestinationServer(
    {
      clock,
      ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
      faultBody: (status) => FAULT_BODIES[status] ?? { error: 'Error', description: `HTTP ${status}` },
      authenticate: (req) => {
        const given = credentials(req);
        if (given !== `${email}/token:${token}`) return { refuse: zendeskError(401, "Couldn't authenticate you") };
        return { principal: email };
      },
      admit: (principal): Admission => {
        const verdict = limit.take(principal, clock.now());
        if (!verdict.ok) {
          const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
          return {
            refuse: {
              ...zendeskError(429, 'APIRateLimitExceeded', 'Number of allowed API requests per minute exceeded'),
              headers: { 'retry-after': String(seconds), 'x-rate-limit': String(limit.max), 'x-rate-limit-remaining': '0' },
            },
          };
        }
        return { headers: { 'x-rate-limit': String(limit.max), 'x-rate-limit-remaining': String(verdict.remaining) } };
      },
      echoBody: (status, req) => ({ error: 'InvalidCredentials', description: `Rejected ${String(req.headers.authorization ?? '')} (${credentials(req) ?? ''})` }),
    },
    [
      ...both('GET', '/api/v2/users/show_many', 'users.showMany', (ctx) => ({ status: 200, body: { users: showMany(users, ctx).map(userJson) } })),
      ...both('POST', '/api/v2/users/create_or_update', 'users.createOrUpdate', createOrUpdateUser),
      ...both('GET', '/api/v2/organizations/show_many', 'organizations.showMany', (ctx) => ({ status: 200, body: { organizations: showMany(orgs, ctx).map(orgJson) } })),
      ...both('POST', '/api/v2/organizations/create_or_update', 'organizations.createOrUpdate', createOrUpdateOrg),
      ...both('GET', '/api/v2/tickets', 'tickets.list', listTickets),
      ...both('POST', '/api/v2/tickets', 'tickets.create', createTicket),
      { method: 'DELETE', url: '/api/v2/tickets/:id', operation: 'tickets.delete', handler: (ctx) => deleteTicket({ ...ctx, params: { id: (ctx.params.id ?? '').replace(/\.json$/, '') } }) },
    ],
    options.port ?? 0,
  );
  baseUrl = server.url;

  const byExternal = <T extends { external_id: string | null }>(all: Map<number, T>, externalId: string): T | undefined => [...all.values()].find((x) => x.external_id === externalId);

  const state: ZendeskState = {
    users: () => [...users.values()],
    user: (externalId) => byExternal(users, externalId),
    organizations: () => [...orgs.values()],
    organization: (externalId) => byExternal(orgs, externalId),
    tickets: () => [...tickets.values()].sort((a, b) => a.id - b.id),
    ticketsByExternalId: (externalId) => [...tickets.values()].filter((t) => t.external_id === externalId).sort((a, b) => a.id - b.id),
    addUser: (u) => {
      const user: ZendeskUser = { email: null, phone: null, external_id: null, organization_id: null, role: 'end-user', suspended: false, user_fields: {}, ...u, id: nextUser++ };
      users.set(user.id, user);
      return user;
    },
    addOrganization: (o) => {
      const org: ZendeskOrganization = { external_id: null, domain_names: [], organization_fields: {}, ...o, id: nextOrg++ };
      orgs.set(org.id, org);
      return org;
    },
    updateUser: (externalId, change) => {
      const u = byExternal(users, externalId);
      if (!u) throw new Error(`no user ${externalId}`);
      users.set(u.id, { ...u, ...change, id: u.id });
    },
    addTicket: (t) => {
      const ticket: ZendeskTicket = { external_id: null, subject: '', description: '', priority: null, status: 'new', requester_id: 0, tags: [], ...t, id: nextTicket++ };
      tickets.set(ticket.id, ticket);
      return ticket;
    },
    reset: () => {
      users.clear();
      orgs.clear();
      tickets.clear();
      idempotency.clear();
      limit.reset();
    },
  };

  return {
    ...handleOf(server),
    subdomain,
    email,
    token,
    state,
    setRequestsPerMinute: (n) => {
      limit.max = n;
    },
  };
}
