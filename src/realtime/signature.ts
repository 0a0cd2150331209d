import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HubSpot's request signatures (developer platform "request validation"; the Node, Python, PHP and Ruby SDKs compute
 * the same strings):
 * - v3 (webhook deliveries, and other calls that carry it): `X-HubSpot-Signature-v3` = base64 HMAC-SHA256, keyed
 *   with the app's client secret, of `method + uri + body + timestamp`, where the timestamp is the
 *   `X-HubSpot-Request-Timestamp` header (epoch ms) and calls older than 5 minutes are refused;
 * - v2 (custom workflow actions, as HubSpot's custom-action guide documents): `X-HubSpot-Signature` = hex SHA-256 of
 *   `clientSecret + method + uri + body`, with `X-HubSpot-Signature-Version: v2`. It has no timestamp, so a captured
 *   call can be replayed: the endpoint only ever re-evaluates record ids, which makes a replay harmless.
 * - v1 (`clientSecret + body`) is not accepted: it does not cover the URI.
 *
 * Comparisons are constant-time (`timingSafeEqual` on equal-length buffers); the body is the raw body as received.
 */

export const SIGNATURE_V3_HEADER = 'x-hubspot-signature-v3';
export const TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
export const SIGNATURE_HEADER = 'x-hubspot-signature';
export const SIGNATURE_VERSION_HEADER = 'x-hubspot-signature-version';

/** HubSpot's replay window for v3 (the SDKs' MAX_ALLOWED_TIMESTAMP). */
export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;

/**
 * The percent-encodings HubSpot's validation guide says to decode in the URI before hashing (and only these; the `?`
 * that starts the query string is left as is). Applied to the URI we sign and verify alike.
 */
const DECODED: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function normalizeSignedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);
}

export function signV3(input: { readonly secret: string; readonly method: string; readonly uri: string; readonly body: string; readonly timestamp: string }): string {
  const source = `${input.method.toUpperCase()}${normalizeSignedUri(input.uri)}${input.body}${input.timestamp}`;
  return createHmac('sha256', input.secret).update(source, 'utf8').digest('base64');
}

export function signV2(input: { readonly secret: string; readonly method: string; readonly uri: string; readonly body: string }): string {
  return createHash('sha256').update(`${input.secret}${input.method.toUpperCase()}${normalizeSignedUri(input.uri)}${input.body}`, 'utf8').digest('hex');
}

/** Constant-time equality of two strings (false for different lengths, without an early exit on content). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  if (x.length !== y.length) {
    // Compare against itself so a length mismatch costs the same work; the answer is still false.
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

export type SignatureFailure = 'missing_headers' | 'bad_timestamp' | 'stale' | 'mismatch' | 'no_secret';

export type SignatureCheck = { readonly ok: true; readonly version: 'v2' | 'v3' } | { readonly ok: false; readonly reason: SignatureFailure };

export interface SignedRequest {
  readonly method: string;
  /** The full URI HubSpot called (scheme, host, path, query), as configured for the app, never rebuilt from Host headers. */
  readonly uri: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body, exactly as received. */
  readonly body: string;
}

/** v3: both headers, a 13-digit-ish numeric timestamp within ±5 minutes of `now`, and a matching HMAC. */
export function verifyV3(req: SignedRequest, secret: string, now: number): SignatureCheck {
  if (secret === '') return { ok: false, reason: 'no_secret' };
  const signature = req.headers[SIGNATURE_V3_HEADER];
  const timestamp = req.headers[TIMESTAMP_HEADER];
  if (!signature || !timestamp) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{10,16}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  // Older than 5 minutes is HubSpot's rule; more than 5 minutes in the future is ours (a clock that far ahead is
  // not HubSpot's, and a future timestamp would extend a captured call's life).
  if (Math.abs(now - Number(timestamp)) > MAX_SIGNATURE_AGE_MS) return { ok: false, reason: 'stale' };
  const expected = signV3({ secret, method: req.method, uri: req.uri, body: req.body, timestamp });
  return safeEqual(expected, signature) ? { ok: true, version: 'v3' } : { ok: false, reason: 'mismatch' };
}

/** v2: `X-HubSpot-Signature` with version header v2 (a missing version header is read as v2 only when no v1 is claimed). */
export function verifyV2(req: SignedRequest, secret: string): SignatureCheck {
  if (secret === '') return { ok: false, reason: 'no_secret' };
  const signature = req.headers[SIGNATURE_HEADER];
  const version = (req.headers[SIGNATURE_VERSION_HEADER] ?? 'v2').toLowerCase();
  if (!signature || version !== 'v2') return { ok: false, reason: 'missing_headers' };
  const expected = signV2({ secret, method: req.method, uri: req.uri, body: req.body });
  return safeEqual(expected, signature.toLowerCase()) ? { ok: true, version: 'v2' } : { ok: false, reason: 'mismatch' };
}

export type CallKind = 'webhook' | 'workflow_action';

/**
 * The signature rule per kind of call. Webhooks must carry a valid v3 signature. Workflow actions are documented
 * with v2; when HubSpot also sends v3 headers (the validation guide says newer signatures come alongside the older
 * ones), v3 must be valid too, so the replay window applies whenever HubSpot gives us one.
 */
export function verifyRequest(kind: CallKind, req: SignedRequest, secret: string, now: number): SignatureCheck {
  if (kind === 'webhook') return verifyV3(req, secret, now);
  if (req.headers[SIGNATURE_V3_HEADER] !== undefined || req.headers[TIMESTAMP_HEADER] !== undefined) return verifyV3(req, secret, now);
  return verifyV2(req, secret);
}

/** Headers HubSpot would send for a v3-signed call (the emulator and tests sign with this). */
export function v3Headers(input: { readonly secret: string; readonly method: string; readonly uri: string; readonly body: string; readonly now: number }): Record<string, string> {
  const timestamp = String(input.now);
  return { [SIGNATURE_V3_HEADER]: signV3({ ...input, timestamp }), [TIMESTAMP_HEADER]: timestamp };
}
