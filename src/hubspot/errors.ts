/**
 * The client layer's own error: what went wrong talking to HubSpot, in words an admin can act on, plus what a retry
 * policy needs. The app functions translate it to the wire error the cards read; nothing here knows the cards.
 */
export const CRM_ERROR_CODES = [
  /** HubSpot refused the request as malformed (400, 405, 414, 415, 422): it will stay refused. */
  'BAD_REQUEST',
  'NOT_FOUND',
  'AUTH_REJECTED',
  'MISSING_SCOPES',
  'RATE_LIMITED',
  'DAILY_LIMIT',
  'HUBSPOT_UNAVAILABLE',
  'MIGRATION_IN_PROGRESS',
  'TIMEOUT',
  'CONFLICT',
  /** No token or base URL was configured for the client. */
  'NOT_CONFIGURED',
  /**
   * The portal's own property rules refused a write (an admin's rule such as "Job title: at most 20 characters", or a
   * property required in some stage): the same write stays refused until the record or the rule changes.
   */
  'VALIDATION_RULE',
] as const;
export type CrmErrorCode = (typeof CRM_ERROR_CODES)[number];

export interface CrmError {
  readonly code: CrmErrorCode;
  /** A sentence an admin can act on. Never contains a token. */
  readonly message: string;
  /** True when the same call may succeed later without any change (429, 5xx, 477, timeouts). */
  readonly retryable: boolean;
  /** Seconds HubSpot asked us to wait, when it said so. */
  readonly retryAfterSeconds?: number;
  /** Scopes the app lacks, for MISSING_SCOPES. */
  readonly requiredScopes?: readonly string[];
  /** HubSpot's correlation id of the failing call. */
  readonly correlationId?: string;
  /** HubSpot's detail messages, for BAD_REQUEST. */
  readonly issues?: readonly string[];
  /** The rules that refused the write, for VALIDATION_RULE. */
  readonly rules?: readonly RuleRefusal[];
}

/** One property rule of the portal that refused a write. */
export interface RuleRefusal {
  readonly propertyName: string;
  /** The property's label as the portal shows it (its name when HubSpot did not say). */
  readonly propertyLabel: string;
  /** HubSpot's rule type (`MAX_LENGTH`, `REGEX`, …), or `REQUIRED` for a property required on create or in some stage. */
  readonly ruleType: string;
  /** What the rule asks for, in HubSpot's words ("at most 20 characters"), else HubSpot's message about it. */
  readonly rule: string;
  /** The value we sent, when known (absent for a required property left empty). */
  readonly value?: string;
}


/** What one HTTP attempt ended with, when it did not succeed, in a form the policy can reason about. */
export type AttemptFailure =
  /** HubSpot answered with an error status; `body` is the parsed JSON (or the raw text of a non-JSON answer). */
  | { readonly kind: 'http'; readonly status: number; readonly body: unknown; readonly headers: Readonly<Record<string, string>> }
  /** The connection failed (refused, reset, DNS): the request may or may not have reached HubSpot. */
  | { readonly kind: 'network' }
  /** A success answer came back that is not JSON: it was probably applied, its result is unknown. */
  | { readonly kind: 'unparseable' }
  /** Our own per-request timeout fired first: the outcome of the request is unknown. */
  | { readonly kind: 'timeout'; readonly afterMs: number };

/** Which HubSpot limit a 429 names. `other` = a 429 without a known `policyName`. */
export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY' | 'other';

/**
 * A failure, classified: the wire error the caller will see if we stop here, plus what the retry policy needs.
 */
export interface ClassifiedFailure {
  readonly error: CrmError;
  /**
   * True when HubSpot certainly did not apply the request (4xx incl. 429, 423, 477): a create may be sent again.
   * False when the outcome is unknown (5xx, timeout, network, unparseable): only idempotent calls
   * may be repeated blindly.
   */
  readonly notApplied: boolean;
  /** For 429s: which limit. */
  readonly policy?: RateLimitPolicy;
  /** `Retry-After` in milliseconds, when HubSpot sent one (477; optional on 429). */
  readonly retryAfterMs?: number;
  /** The HTTP status, when there was one. */
  readonly status?: number;
}

const AUTH_MESSAGE = "HubSpot rejected the app's access token: reinstall the app or rotate the token.";

/** Reads a header case-insensitively (the transport lower-cases them; be lenient anyway). */
export function header(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const direct = headers[name.toLowerCase()];
  if (direct !== undefined) return direct;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/**
 * `Retry-After` as milliseconds. HubSpot sends seconds on 477 (up to 24 h); an HTTP date is accepted too.
 * Returns undefined for a missing or unreadable value.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isFinite(at)) return Math.max(0, at - now);
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The scopes a 403 names: `errors[].context.requiredGranularScopes`, older `requiredScopes`, or top-level context. */
export function scopesOf(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const found: string[] = [];
  const take = (ctx: unknown) => {
    if (!isRecord(ctx)) return;
    for (const key of ['requiredGranularScopes', 'requiredScopes']) {
      const list = ctx[key];
      if (Array.isArray(list)) for (const s of list) if (typeof s === 'string' && !found.includes(s)) found.push(s);
    }
  };
  if (Array.isArray(body.errors)) for (const e of body.errors) if (isRecord(e)) take(e.context);
  take(body.context);
  return found;
}

/** The messages of `errors[]`, which are readable where the top-level `message` may embed JSON. */
function detailMessages(body: unknown): string[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.flatMap((e) => (isRecord(e) && str(e.message) ? [String(e.message)] : []));
}

const wire = (code: CrmErrorCode, message: string, retryable: boolean, extra: Partial<CrmError> = {}): CrmError => {
  const out: { -readonly [K in keyof CrmError]: CrmError[K] } = { code, message, retryable };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
};

/** `errors[].code`s with which HubSpot says the portal's own property rules refused a write. */
const RULE_CODES: Readonly<Record<string, 'format' | 'required'>> = { PROPERTY_VALIDATION_RULE_VIOLATION: 'format', REQUIRED_PROPERTY: 'required' };

const first = (ctx: Record<string, unknown>, key: string): string | undefined => {
  const v = ctx[key];
  return Array.isArray(v) ? str(v[0]) : str(v);
};

/**
 * The portal rules an error body (a 400, or one row of a 207) names, or null when it names none or also names a
 * problem of another kind (a property that does not exist is our mistake, not the portal's rule). HubSpot documents
 * the envelope of these refusals but not the entries' `context`; the property name, label, rule type and the rule in
 * words are read when present, and HubSpot's message stands in for what is missing.
 */
export function ruleRefusalsOf(body: unknown): RuleRefusal[] | null {
  if (!isRecord(body) || !Array.isArray(body.errors) || body.errors.length === 0) return null;
  const out: RuleRefusal[] = [];
  for (const e of body.errors) {
    if (!isRecord(e)) return null;
    const kind = typeof e.code === 'string' ? RULE_CODES[e.code] : undefined;
    if (!kind) return null;
    const ctx = isRecord(e.context) ? e.context : {};
    const propertyName = first(ctx, 'propertyName') ?? 'a property';
    out.push({
      propertyName,
      propertyLabel: first(ctx, 'propertyLabel') ?? propertyName,
      ruleType: first(ctx, 'ruleType') ?? (kind === 'required' ? 'REQUIRED' : 'UNKNOWN'),
      rule: first(ctx, 'rule') ?? str(e.message) ?? (kind === 'required' ? 'required' : 'a value it allows'),
    });
  }
  return out;
}

/** What a write was, for the sentence of a refusal: "HubSpot refused the update". */
export type WriteKind = 'update' | 'new record' | 'write';

const MAX_QUOTED = 60;
const quoted = (value: string): string => `"${[...value].length > MAX_QUOTED ? `${[...value].slice(0, MAX_QUOTED - 1).join('')}…` : value}"`;

function refusalSentence(r: RuleRefusal): string {
  if (r.ruleType === 'REQUIRED') return `the portal's rule on ${r.propertyLabel} makes it ${r.rule}, and it would be empty`;
  return `the portal's rule on ${r.propertyLabel} requires ${r.rule}${r.value !== undefined ? ` (value ${quoted(r.value)})` : ''}`;
}

/** The VALIDATION_RULE error for these refusals: final (the same write stays refused), with one sentence per rule. */
export function refusedByRules(rules: readonly RuleRefusal[], extra: { correlationId?: string; kind?: WriteKind } = {}): CrmError {
  const message = `HubSpot refused the ${extra.kind ?? 'write'}: ${rules.map(refusalSentence).join('; ')}.`;
  return wire('VALIDATION_RULE', message, false, { rules, correlationId: extra.correlationId });
}

/**
 * A refusal restated with what we know of the write: its kind and the values we sent (HubSpot's answer names the
 * property but not the value). Other errors pass unchanged.
 */
export function withSentValues(error: CrmError, sent: Readonly<Record<string, string>> | undefined, kind: WriteKind): CrmError {
  if (error.code !== 'VALIDATION_RULE' || !error.rules) return error;
  const rules = error.rules.map((r) => {
    const value = sent?.[r.propertyName];
    return r.ruleType !== 'REQUIRED' && value !== undefined && value !== '' ? { ...r, value } : r;
  });
  return refusedByRules(rules, { kind, ...(error.correlationId ? { correlationId: error.correlationId } : {}) });
}

/** The correlation id of a failed call: the header, else the body's `correlationId`. */
export function correlationIdOf(headers: Readonly<Record<string, string>> | undefined, body: unknown): string | undefined {
  return str(header(headers, 'x-hubspot-correlation-id')) ?? (isRecord(body) ? str(body.correlationId) : undefined);
}

function policyOf(body: unknown): RateLimitPolicy {
  if (!isRecord(body)) return 'other';
  const name = str(body.policyName)?.toUpperCase();
  if (name === 'TEN_SECONDLY_ROLLING' || name === 'SECONDLY' || name === 'DAILY') return name;
  // The search limit's 429 is recognised by its message too, in case it names no policy.
  if (str(body.message) === 'You have reached your secondly limit.') return 'SECONDLY';
  if (str(body.message) === 'You have reached your daily limit.') return 'DAILY';
  return 'other';
}

const secondsOf = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000)));

/**
 * Maps one failed attempt to a CrmError and its retry facts. Pure: `now` is only used to read an HTTP-date
 * `Retry-After`. Messages never contain anything from the request (and so never the token).
 *
 * | wire | code | retryable |
 * | --- | --- | --- |
 * | 400 naming the portal's property rules | VALIDATION_RULE (property, label, rule) | no |
 * | 400, 405, 414, 415, 422 | BAD_REQUEST (HubSpot's message) | no |
 * | 401 | AUTH_REJECTED | no |
 * | 403 | MISSING_SCOPES naming the scopes (else AUTH_REJECTED) | no |
 * | 404 | NOT_FOUND | no |
 * | 409 | CONFLICT | no |
 * | 423 | HUBSPOT_UNAVAILABLE (record locked, wait ≥ 2 s) | yes |
 * | 429 TEN_SECONDLY_ROLLING / SECONDLY / other | RATE_LIMITED | yes |
 * | 429 DAILY | DAILY_LIMIT | no (not today) |
 * | 477 | MIGRATION_IN_PROGRESS (Retry-After) | yes |
 * | 5xx, network, unparseable | HUBSPOT_UNAVAILABLE | yes |
 * | our timeout | TIMEOUT | yes |
 */
export function classifyFailure(failure: AttemptFailure, now: number): ClassifiedFailure {
  switch (failure.kind) {
    case 'timeout':
      return {
        error: wire('TIMEOUT', `HubSpot did not answer within ${Math.round(failure.afterMs / 100) / 10} s; try again.`, true),
        notApplied: false,
      };
    case 'network':
      return { error: wire('HUBSPOT_UNAVAILABLE', 'HubSpot could not be reached (network error); try again shortly.', true), notApplied: false };
    case 'unparseable':
      return {
        error: wire('HUBSPOT_UNAVAILABLE', 'HubSpot sent an answer that is not JSON (it may be having an outage); try again shortly.', true),
        notApplied: false,
      };
    case 'http':
      return classifyHttp(failure.status, failure.body, failure.headers, now);
  }
}

function classifyHttp(status: number, body: unknown, headers: Readonly<Record<string, string>>, now: number): ClassifiedFailure {
  const correlationId = correlationIdOf(headers, body);
  const hubspotMessage = isRecord(body) ? str(body.message) : undefined;
  const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), now);
  const base = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };

  if (status === 401) return { ...base, error: wire('AUTH_REJECTED', AUTH_MESSAGE, false, { correlationId }), notApplied: true };
  if (status === 403) {
    const scopes = scopesOf(body);
    const category = isRecord(body) ? str(body.category) : undefined;
    if (category === 'MISSING_SCOPES' || scopes.length > 0) {
      const named = scopes.length > 0 ? `: it needs ${scopes.length > 1 ? 'one of ' : ''}${scopes.join(', ')}` : '';
      return {
        ...base,
        error: wire('MISSING_SCOPES', `The app lacks a HubSpot scope for this call${named}. Add the scope to the app and reinstall it.`, false, {
          requiredScopes: scopes,
          correlationId,
        }),
        notApplied: true,
      };
    }
    return {
      ...base,
      error: wire('AUTH_REJECTED', `HubSpot refused the call (403${hubspotMessage ? `: ${hubspotMessage}` : ''}). Check the app's access and reinstall it.`, false, { correlationId }),
      notApplied: true,
    };
  }
  if (status === 404) {
    return { ...base, error: wire('NOT_FOUND', hubspotMessage ? `Not found in HubSpot: ${hubspotMessage}` : 'Not found in HubSpot.', false, { correlationId }), notApplied: true };
  }
  if (status === 409) {
    return { ...base, error: wire('CONFLICT', hubspotMessage ? `HubSpot reported a conflict: ${hubspotMessage}` : 'HubSpot reported a conflict.', false, { correlationId }), notApplied: true };
  }
  if (status === 423) {
    return {
      ...base,
      retryAfterMs: retryAfterMs ?? 2000,
      error: wire('HUBSPOT_UNAVAILABLE', 'The record is locked by another update in HubSpot; try again in a few seconds.', true, {
        retryAfterSeconds: secondsOf(retryAfterMs ?? 2000),
        correlationId,
      }),
      notApplied: true,
    };
  }
  if (status === 429) {
    const policy = policyOf(body);
    if (policy === 'DAILY') {
      return {
        ...base,
        policy,
        error: wire('DAILY_LIMIT', "The HubSpot account has used its daily API allowance; it resets at midnight in the account's time zone.", false, { correlationId }),
        notApplied: true,
      };
    }
    const what = policy === 'SECONDLY' ? 'search limit (5 per second)' : policy === 'TEN_SECONDLY_ROLLING' ? '10-second limit' : 'rate limit';
    return {
      ...base,
      policy,
      error: wire('RATE_LIMITED', `HubSpot is busy: the app reached its ${what}; retrying shortly.`, true, {
        retryAfterSeconds: secondsOf(retryAfterMs ?? (policy === 'SECONDLY' ? 1000 : 10_000)),
        correlationId,
      }),
      notApplied: true,
    };
  }
  if (status === 477) {
    return {
      ...base,
      error: wire('MIGRATION_IN_PROGRESS', 'HubSpot is moving this account between data centres; try again later.', true, {
        retryAfterSeconds: secondsOf(retryAfterMs),
        correlationId,
      }),
      notApplied: true,
    };
  }
  if (status >= 500) {
    return { ...base, error: wire('HUBSPOT_UNAVAILABLE', `HubSpot is having trouble (HTTP ${status}); try again shortly.`, true, { correlationId }), notApplied: false };
  }
  const refusals = status === 400 ? ruleRefusalsOf(body) : null;
  if (refusals) return { ...base, error: refusedByRules(refusals, { correlationId }), notApplied: true };
  // Remaining 4xx (400, 405, 414 URI too long, 415, 422, …): our request was wrong and will stay wrong.
  const details = detailMessages(body);
  const message = details.length > 0 ? details.join('; ') : hubspotMessage ?? `HubSpot rejected the request (HTTP ${status}).`;
  return {
    ...base,
    error: wire('BAD_REQUEST', `HubSpot rejected the request: ${message}`, false, {
      correlationId,
      ...(details.length > 0 ? { issues: details } : {}),
    }),
    notApplied: true,
  };
}

/**
 * Removes a secret from a text (defence in depth: no message we build contains request data, but HubSpot's own
 * messages are passed through and must never echo a token).
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}

/** Applies `redact` to every string field of a CrmError. */
export function redactError(error: CrmError, secret: string | undefined): CrmError {
  if (!secret) return error;
  return {
    ...error,
    message: redact(error.message, secret),
    ...(error.issues ? { issues: error.issues.map((i) => redact(i, secret)) } : {}),
  };
}
