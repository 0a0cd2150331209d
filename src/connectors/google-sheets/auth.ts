import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../../core/result';

/**
 * A Google service account as the connector uses it: the JSON key file (the secret) read once, and RS256-signed JWT
 * assertions for the OAuth 2.0 JWT bearer grant (RFC 7523), exchanged at Google's token endpoint for an access token.
 * Node's `crypto` signs (RSASSA-PKCS1-v1_5 with SHA-256 is `RSA-SHA256`); no library is needed for one signature.
 */

const KeyFileSchema = z.object({
  type: z.literal('service_account'),
  client_email: z.string().min(3),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
});

export interface ServiceAccount {
  readonly clientEmail: string;
  readonly keyId: string | undefined;
  readonly privateKey: KeyObject;
  /** The PEM and key id, for redaction: a destination must never echo them back to a caller. */
  readonly secrets: readonly string[];
}

/** Reads the key file. The error says what is wrong and never quotes the file: it holds the private key. */
export function parseServiceAccount(json: string): Result<ServiceAccount, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return err('is not JSON: paste the whole key file Google Cloud downloads for the service account (Keys → Add key → JSON)');
  }
  const parsed = KeyFileSchema.safeParse(value);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
    return err(`is not a service account key file (check ${fields || 'its fields'}): use the JSON key of a service account`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(parsed.data.private_key);
  } catch {
    return err('holds a private key that cannot be read: download a new JSON key for the service account');
  }
  const { client_email: clientEmail, private_key: pem, private_key_id: keyId } = parsed.data;
  return ok({ clientEmail, keyId, privateKey, secrets: [pem, ...(keyId ? [keyId] : []), json] });
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A signed assertion, valid for an hour from `nowMs` (the longest Google accepts). */
export function signAssertion(account: ServiceAccount, audience: string, scope: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(account.keyId ? { kid: account.keyId } : {}) };
  const claims = { iss: account.clientEmail, scope, aud: audience, iat, exp: iat + 3600 };
  const input = `${base64url(header)}.${base64url(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), account.privateKey).toString('base64url')}`;
}
