import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpError, REAL_CLOCK, handleOf, startDestinationServer, type Clock, type EmulatorHandle, type Reply, type RequestContext } from '../common/server';

/**
 * A local Mailchimp Marketing API 3.0, only the endpoints the Mailchimp connector uses: read a list member
 * (`GET /3.0/lists/{list_id}/members/{subscriber_hash}`), add or update one (`PUT` on the same path, with
 * `status_if_new`), and list members by status changed since a time (`GET /3.0/lists/{list_id}/members`). Basic authentication with the API key as password (401 "API Key Invalid" otherwise), at most 10
 * simultaneous connections per key (429), problem+json errors as Mailchimp words them, and the member states that
 * matter to a sync: subscribed, pending (double opt-in), unsubscribed, cleaned, archived, and permanently deleted
 * ("forgotten") addresses. Wording Mailchimp documents is copied; where its behaviour is not documented (an unknown
 * merge tag, a subscriber hash that does not match a new member's address) the emulator is strict and says so.
 */

export const DEFAULT_MAILCHIMP_API_KEY = '0123456789abcdef0123456789abcdef-us21';
export const DEFAULT_MAILCHIMP_LIST_ID = 'leadops01';

export type MemberStatus = 'subscribed' | 'unsubscribed' | 'cleaned' | 'pending' | 'transactional' | 'archived';
const STATUSES: readonly MemberStatus[] = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional', 'archived'];

export interface MergeFieldDefinition {
  readonly tag: string;
  readonly type?: 'text' | 'number';
  readonly required?: boolean;
}

export interface StatusChange {
  readonly status: MemberStatus;
  readonly at: number;
  /** `api`: a request set it; `mailchimp`: the person or Mailchimp did (a test's `setStatus`). */
  readonly by: 'api' | 'mailchimp';
}

export interface MailchimpMember {
  readonly id: string;
  readonly email_address: string;
  readonly status: MemberStatus;
  readonly merge_fields: Readonly<Record<string, string | number>>;
  readonly web_id: number;
  readonly list_id: string;
  readonly last_changed: string;
  /** Every status the member had, oldest first: a test proves nobody was re-subscribed. */
  readonly statusHistory: readonly StatusChange[];
}

interface StoredMember {
  id: string;
  email_address: string;
  status: MemberStatus;
  merge_fields: Record<string, string | number>;
  web_id: number;
  unique_email_id: string;
  last_changed: number;
  statusHistory: StatusChange[];
}

interface StoredList {
  readonly id: string;
  mergeFields: MergeFieldDefinition[];
  readonly members: Map<string, StoredMember>;
  /** Hashes of permanently deleted addresses: Mailchimp refuses to re-import them. */
  readonly forgotten: Set<string>;
}

export interface MailchimpEmulatorOptions {
  /** The accepted API key (default DEFAULT_MAILCHIMP_API_KEY). */
  readonly apiKey?: string;
  readonly clock?: Clock;
  /** Simultaneous connections per key before 429 (Mailchimp: 10). */
  readonly maxConnections?: number;
  /** Real milliseconds added to every answer (makes requests overlap). */
  readonly latencyMs?: number;
  /** Audiences; default one, DEFAULT_MAILCHIMP_LIST_ID, with FNAME, LNAME and COMPANY text fields. */
  readonly lists?: readonly { readonly id: string; readonly mergeFields?: readonly MergeFieldDefinition[] }[];
  readonly port?: number;
}

export interface MailchimpState {
  addList(id: string, mergeFields?: readonly MergeFieldDefinition[]): void;
  setMergeFields(listId: string, mergeFields: readonly MergeFieldDefinition[]): void;
  /** The member with this address (any case), or undefined. */
  member(listId: string, email: string): MailchimpMember | undefined;
  members(listId: string): MailchimpMember[];
  /** Adds or replaces a member directly (seeding). */
  putMember(listId: string, member: { email: string; status: MemberStatus; mergeFields?: Record<string, string | number> }): MailchimpMember;
  /** Changes a status the way the person or Mailchimp would: an unsubscribe link, a bounce ("cleaned"). */
  setStatus(listId: string, email: string, status: MemberStatus): void;
  /** Deletes the member permanently: the address can never be re-imported through the API. */
  forget(listId: string, email: string): void;
  /** The most requests that were in flight at once, per key. */
  peakConnections(): number;
}

export interface RunningMailchimpEmulator extends EmulatorHandle {
  readonly apiKey: string;
  readonly state: MailchimpState;
}

const PROBLEM_TYPE = 'https://mailchimp.com/developer/marketing/docs/errors/';

function problem(status: number, title: string, detail: string, errors?: { field: string; message: string }[]): Reply {
  return {
    status,
    body: { type: PROBLEM_TYPE, title, status, detail, instance: randomUUID(), ...(errors ? { errors } : {}) },
  };
}

const fail = (status: number, title: string, detail: string, errors?: { field: string; message: string }[]): never => {
  throw new HttpError(problem(status, title, detail, errors));
};

const TITLES: Readonly<Record<number, [string, string]>> = {
  400: ['Bad Request', 'The request could not be processed.'],
  401: ['API Key Invalid', "Your API key may be invalid, or you've attempted to access the wrong datacenter."],
  403: ['Forbidden', 'You do not have permission to access this resource.'],
  404: ['Resource Not Found', 'The requested resource could not be found.'],
  429: ['Too Many Requests', 'You have exceeded the limit of 10 simultaneous connections.'],
  500: ['Internal Server Error', 'An unexpected internal error has occurred. Please contact Support for more information.'],
  503: ['Service Unavailable', 'This service is temporarily unavailable. Please try again later.'],
};

const md5 = (email: string): string => createHash('md5').update(email.toLowerCase()).digest('hex');
const looksValid = (email: string): boolean => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[A-Za-z]{2,}$/.test(email);

function basicPassword(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Basic\s+(\S+)$/i.exec(h.trim());
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

export async function startMailchimpEmulator(options: MailchimpEmulatorOptions = {}): Promise<RunningMailchimpEmulator> {
  const apiKey = options.apiKey ?? DEFAULT_MAILCHIMP_API_KEY;
  const clock = options.clock ?? REAL_CLOCK;
  const maxConnections = options.maxConnections ?? 10;
  const lists = new Map<string, StoredList>();
  let webId = 100_000;
  let peak = 0;
  const inFlight = new Map<string, number>();

  const addList = (id: string, mergeFields: readonly MergeFieldDefinition[] = [{ tag: 'FNAME' }, { tag: 'LNAME' }, { tag: 'COMPANY' }]) => {
    lists.set(id, { id, mergeFields: [...mergeFields], members: new Map(), forgotten: new Set() });
  };
  for (const l of options.lists ?? [{ id: DEFAULT_MAILCHIMP_LIST_ID }]) addList(l.id, l.mergeFields);

  const listOf = (id: string): StoredList => lists.get(id) ?? fail(404, 'Resource Not Found', 'The requested resource could not be found.');

  const view = (list: StoredList, m: StoredMember) => ({
    id: m.id,
    email_address: m.email_address,
    unique_email_id: m.unique_email_id,
    web_id: m.web_id,
    email_type: 'html',
    status: m.status,
    merge_fields: { ...m.merge_fields },
    list_id: list.id,
    last_changed: new Date(m.last_changed).toISOString(),
    source: 'API - Generic',
  });

  const snapshot = (list: StoredList, m: StoredMember): MailchimpMember => ({ ...view(list, m), statusHistory: [...m.statusHistory] });

  const setStatus = (m: StoredMember, status: MemberStatus, by: StatusChange['by']) => {
    if (m.status === status) return;
    m.status = status;
    m.last_changed = clock.now();
    m.statusHistory.push({ status, at: clock.now(), by });
  };

  const newMember = (list: StoredList, email: string, status: MemberStatus, mergeFields: Record<string, string | number>, by: StatusChange['by']): StoredMember => {
    const m: StoredMember = {
      id: md5(email),
      email_address: email,
      status,
      merge_fields: Object.fromEntries(list.mergeFields.map((f) => [f.tag, ''])),
      web_id: ++webId,
      unique_email_id: randomUUID().replace(/-/g, '').slice(0, 10),
      last_changed: clock.now(),
      statusHistory: [{ status, at: clock.now(), by }],
    };
    Object.assign(m.merge_fields, mergeFields);
    list.members.set(m.id, m);
    return m;
  };

  /** Checks merge fields against the audience's definitions, as the PUT would leave them. */
  const checkMergeFields = (list: StoredList, merged: Record<string, unknown>) => {
    const errors: { field: string; message: string }[] = [];
    const known = new Map(list.mergeFields.map((f) => [f.tag, f]));
    for (const tag of Object.keys(merged)) {
      // Undocumented: Mailchimp's answer to a tag the audience lacks. The emulator refuses it, so a wrong mapping
      // shows up in tests rather than as silently lost data.
      if (!known.has(tag)) errors.push({ field: tag, message: `Merge field ${tag} does not exist` });
    }
    for (const f of list.mergeFields) {
      const v = merged[f.tag];
      const text = v === undefined || v === null ? '' : String(v);
      if (f.required && text.trim() === '') errors.push({ field: f.tag, message: 'Please enter a value' });
      else if (f.type === 'number' && text.trim() !== '' && !Number.isFinite(Number(text))) errors.push({ field: f.tag, message: 'Please enter a number' });
    }
    if (errors.length > 0) fail(400, 'Invalid Resource', 'Your merge fields were invalid.', errors);
  };

  const readMergeFields = (raw: unknown): Record<string, string | number> => {
    if (raw === undefined) return {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return fail(400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", [
        { field: 'merge_fields', message: 'Schema describes object, array found instead' },
      ]);
    }
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(raw)) out[k] = typeof v === 'number' ? v : String(v ?? '');
    return out;
  };

  const getMember = (ctx: RequestContext): Reply => {
    const list = listOf(ctx.params.listId ?? '');
    const m = list.members.get((ctx.params.hash ?? '').toLowerCase());
    if (!m) fail(404, 'Resource Not Found', 'The requested resource could not be found.');
    return { status: 200, body: view(list, m as StoredMember) };
  };

  const putMember = (ctx: RequestContext): Reply => {
    const list = listOf(ctx.params.listId ?? '');
    let body: Record<string, unknown>;
    try {
      const parsed = JSON.parse(ctx.text || 'null') as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return fail(400, 'JSON Parse Error', 'We encountered an unspecified JSON parsing error.');
    }
    const hash = (ctx.params.hash ?? '').toLowerCase();
    const email = typeof body.email_address === 'string' ? body.email_address.trim() : undefined;
    const status = body.status as MemberStatus | undefined;
    const statusIfNew = body.status_if_new as MemberStatus | undefined;
    for (const [field, value] of [['status', status], ['status_if_new', statusIfNew]] as const) {
      if (value !== undefined && !STATUSES.includes(value)) {
        fail(400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", [
          { field, message: 'Data presented is not one of the accepted values: subscribed, unsubscribed, cleaned, pending, transactional.' },
        ]);
      }
    }
    const mergeFields = readMergeFields(body.merge_fields);
    if (email !== undefined && !looksValid(email)) fail(400, 'Invalid Resource', `${email} looks fake or invalid, please enter a real email address.`);

    const existing = list.members.get(hash);
    if (!existing) {
      if (email === undefined) {
        fail(400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", [
          { field: 'email_address', message: 'This value should not be blank.' },
        ]);
      }
      const address = email as string;
      if (list.forgotten.has(md5(address))) {
        fail(400, 'Forgotten Email Not Subscribed', `${address} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`);
      }
      // Undocumented wording; Mailchimp keys members by this hash, so a mismatch cannot create the member.
      if (md5(address) !== hash) fail(400, 'Invalid Resource', `The subscriber hash ${hash} does not match the email address ${address}.`);
      const initial = status ?? statusIfNew;
      if (!initial) {
        fail(400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", [
          { field: 'status', message: 'Data presented is not one of the accepted values: subscribed, unsubscribed, cleaned, pending, transactional.' },
        ]);
      }
      checkMergeFields(list, { ...Object.fromEntries(list.mergeFields.map((f) => [f.tag, ''])), ...mergeFields });
      return { status: 200, body: view(list, newMember(list, address, initial as MemberStatus, mergeFields, 'api')) };
    }

    checkMergeFields(list, { ...existing.merge_fields, ...mergeFields });
    if (status !== undefined && status !== existing.status && existing.status === 'cleaned') {
      fail(400, 'Member In Compliance State', `${existing.email_address} is already a list member in compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`);
    }
    if (email !== undefined && email.toLowerCase() !== existing.email_address.toLowerCase()) {
      const target = md5(email);
      if (list.members.has(target)) fail(400, 'Member Exists', `${email} is already a list member. Use PUT to insert or update list members.`);
      list.members.delete(existing.id);
      existing.id = target;
      existing.email_address = email;
      list.members.set(target, existing);
    }
    Object.assign(existing.merge_fields, mergeFields);
    existing.last_changed = clock.now();
    if (status !== undefined) setStatus(existing, status, 'api');
    return { status: 200, body: view(list, existing) };
  };

  /**
   * `GET /3.0/lists/{list_id}/members`: members in insertion order, filtered by `status` and `since_last_changed`
   * (changed strictly after it), paged by `count` (default 10, at most 1000) and `offset`.
   */
  const listMembers = (ctx: RequestContext): Reply => {
    const list = listOf(ctx.params.listId ?? '');
    const status = ctx.query.status;
    if (status !== undefined && !STATUSES.includes(status as MemberStatus)) {
      fail(400, 'Invalid Resource', "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", [
        { field: 'status', message: 'Data presented is not one of the accepted values: subscribed, unsubscribed, cleaned, pending, transactional, archived.' },
      ]);
    }
    const since = ctx.query.since_last_changed !== undefined ? Date.parse(ctx.query.since_last_changed) : null;
    if (since !== null && Number.isNaN(since)) fail(400, 'Invalid Resource', 'since_last_changed must be an ISO 8601 time.');
    const count = Math.min(1000, Math.max(1, Number(ctx.query.count ?? 10) || 10));
    const offset = Math.max(0, Number(ctx.query.offset ?? 0) || 0);
    const matching = [...list.members.values()].filter((m) => (status === undefined || m.status === status) && (since === null || m.last_changed > since));
    return { status: 200, body: { members: matching.slice(offset, offset + count).map((m) => view(list, m)), list_id: list.id, total_items: matching.length } };
  };

  const server = await startDestinationServer(
    {
      clock,
      ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
      errorContentType: 'application/problem+json; charset=utf-8',
      faultBody: (status) => {
        const [title, detail] = TITLES[status] ?? ['Error', 'An error occurred.'];
        return problem(status, title, detail).body;
      },
      authenticate: (req) => {
        const password = basicPassword(req);
        if (password === undefined) return { refuse: { ...problem(401, 'API Key Missing', 'Your request did not include an API key.'), contentType: 'application/problem+json; charset=utf-8' } };
        if (password !== apiKey) return { refuse: { ...problem(401, ...(TITLES[401] as [string, string])), contentType: 'application/problem+json; charset=utf-8' } };
        return { principal: password };
      },
      admit: (principal) => {
        const n = (inFlight.get(principal) ?? 0) + 1;
        if (n > maxConnections) {
          return { refuse: { ...problem(429, 'Too Many Requests', `You have exceeded the limit of ${maxConnections} simultaneous connections.`), contentType: 'application/problem+json; charset=utf-8' } };
        }
        inFlight.set(principal, n);
        peak = Math.max(peak, n);
        return { release: () => inFlight.set(principal, (inFlight.get(principal) ?? 1) - 1) };
      },
      echoBody: (status, req) => {
        const [title] = TITLES[status] ?? ['Error'];
        return problem(status, title, `The API key ${basicPassword(req) ?? ''} (Authorization: ${String(req.headers.authorization ?? '')}) was not accepted.`).body;
      },
    },
    [
      { method: 'GET', url: '/3.0/lists/:listId/members', operation: 'members.list', handler: listMembers },
      { method: 'GET', url: '/3.0/lists/:listId/members/:hash', operation: 'members.get', handler: getMember },
      { method: 'PUT', url: '/3.0/lists/:listId/members/:hash', operation: 'members.upsert', handler: putMember },
    ],
    options.port ?? 0,
  );

  const memberByEmail = (listId: string, email: string): [StoredList, StoredMember] | undefined => {
    const list = lists.get(listId);
    const m = list?.members.get(md5(email));
    return list && m ? [list, m] : undefined;
  };

  const state: MailchimpState = {
    addList: (id, mergeFields) => addList(id, mergeFields),
    setMergeFields: (listId, mergeFields) => {
      const list = lists.get(listId);
      if (!list) throw new Error(`no list ${listId}`);
      list.mergeFields = [...mergeFields];
    },
    member: (listId, email) => {
      const found = memberByEmail(listId, email);
      return found ? snapshot(...found) : undefined;
    },
    members: (listId) => {
      const list = lists.get(listId);
      return list ? [...list.members.values()].map((m) => snapshot(list, m)) : [];
    },
    putMember: (listId, m) => {
      const list = lists.get(listId);
      if (!list) throw new Error(`no list ${listId}`);
      list.members.delete(md5(m.email));
      return snapshot(list, newMember(list, m.email, m.status, m.mergeFields ?? {}, 'mailchimp'));
    },
    setStatus: (listId, email, status) => {
      const found = memberByEmail(listId, email);
      if (!found) throw new Error(`no member ${email} in ${listId}`);
      setStatus(found[1], status, 'mailchimp');
    },
    forget: (listId, email) => {
      const list = lists.get(listId);
      if (!list) throw new Error(`no list ${listId}`);
      list.members.delete(md5(email));
      list.forgotten.add(md5(email));
    },
    peakConnections: () => peak,
  };

  return { ...handleOf(server), apiKey, state };
}
