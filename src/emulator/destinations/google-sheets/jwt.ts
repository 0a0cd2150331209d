import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';

/**
 * Google's side of the service-account flow (OAuth 2.0 JWT bearer grant, RFC 7523): check the RS256 assertion a
 * client signed with its private key against the account's public key, and the claims Google checks. Plus a
 * generator of throwaway service accounts, so tests never need a real key.
 */

export interface ServiceAccountKey {
  readonly clientEmail: string;
  readonly keyId: string;
  readonly publicKey: KeyObject;
}

/** A service account made for a test: the JSON key file (what the secret holds) and its public half. */
export interface TestServiceAccount {
  readonly clientEmail: string;
  readonly keyId: string;
  /** The key file's content, as Google's console downloads it. */
  readonly json: string;
  readonly publicKeyPem: string;
}

export function generateServiceAccount(clientEmail = 'lead-ops-sync@lead-ops-test.iam.gserviceaccount.com'): TestServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomBytes(20).toString('hex');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const json = JSON.stringify({
    type: 'service_account',
    project_id: 'lead-ops-test',
    private_key_id: keyId,
    private_key: privatePem,
    client_email: clientEmail,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  return { clientEmail, keyId, json, publicKeyPem };
}

export const keyOf = (account: { clientEmail: string; keyId: string; publicKeyPem: string }): ServiceAccountKey => ({
  clientEmail: account.clientEmail,
  keyId: account.keyId,
  publicKey: createPublicKey(account.publicKeyPem),
});

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
const SHORT_LIVED =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

export type GrantCheck = { readonly ok: true; readonly clientEmail: string } | { readonly ok: false; readonly error: string; readonly description: string };

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Checks a JWT bearer assertion the way Google's token endpoint does; `audiences` are the accepted `aud` values. */
export function checkAssertion(assertion: string, accounts: readonly ServiceAccountKey[], audiences: readonly string[], nowMs: number): GrantCheck {
  const parts = assertion.split('.');
  const [h, c, s] = parts;
  if (parts.length !== 3 || !h || !c || !s) return { ok: false, error: 'invalid_grant', description: 'Invalid JWT: not a signed JWT (header.claims.signature).' };
  const header = decodePart(h);
  const claims = decodePart(c);
  if (!header || !claims) return { ok: false, error: 'invalid_grant', description: 'Invalid JWT: the header or claims are not JSON.' };
  if (header.alg !== 'RS256') return { ok: false, error: 'invalid_grant', description: `Invalid JWT: signing algorithm ${String(header.alg)} is not RS256.` };
  const account = accounts.find((a) => a.clientEmail === claims.iss);
  if (!account) return { ok: false, error: 'invalid_grant', description: 'Invalid grant: account not found' };
  if (header.kid !== undefined && header.kid !== account.keyId) return { ok: false, error: 'invalid_grant', description: 'Invalid JWT Signature.' };
  const isValid = verify('RSA-SHA256', Buffer.from(`${h}.${c}`), account.publicKey, Buffer.from(s, 'base64url'));
  if (!isValid) return { ok: false, error: 'invalid_grant', description: 'Invalid JWT Signature.' };
  if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud)) {
    return { ok: false, error: 'invalid_grant', description: `Invalid JWT: audience ${String(claims.aud)} is not the token endpoint.` };
  }
  const now = Math.floor(nowMs / 1000);
  const iat = typeof claims.iat === 'number' ? claims.iat : NaN;
  const exp = typeof claims.exp === 'number' ? claims.exp : NaN;
  if (!(iat <= now + 300 && exp > now && exp - iat <= 3600 && exp > iat)) return { ok: false, error: 'invalid_grant', description: SHORT_LIVED };
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (!scopes.includes(SHEETS_SCOPE)) return { ok: false, error: 'invalid_scope', description: 'Invalid OAuth scope or ID token audience provided.' };
  return { ok: true, clientEmail: account.clientEmail };
}
