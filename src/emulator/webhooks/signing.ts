import { createHash, createHmac } from 'node:crypto';

/**
 * HubSpot's request signatures, written from HubSpot's validation guide and its SDKs, independently of the
 * project's verifier (the emulator shares no code with what it tests):
 * v3 = base64(HMAC-SHA256(clientSecret, METHOD + URI + body + timestamp)), timestamp = epoch ms of this attempt;
 * v2 = hex(SHA-256(clientSecret + METHOD + URI + body)), used by custom workflow actions.
 * The URI is the configured target URL with the guide's listed percent-encodings decoded.
 */

const DECODE: Record<string, string> = { '3A': ':', '2F': '/', '3F': '?', '40': '@', '21': '!', '24': '$', '27': "'", '28': '(', '29': ')', '2A': '*', '2C': ',', '3B': ';' };

function signedUri(uri: string): string {
  return uri.replace(/%([0-9a-fA-F]{2})/g, (whole, hex: string) => DECODE[hex.toUpperCase()] ?? whole);
}

export function v3Signature(secret: string, method: string, uri: string, body: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${method}${signedUri(uri)}${body}${timestamp}`, 'utf8').digest('base64');
}

export function v2Signature(secret: string, method: string, uri: string, body: string): string {
  return createHash('sha256').update(`${secret}${method}${signedUri(uri)}${body}`, 'utf8').digest('hex');
}

/** The headers HubSpot adds to a signed POST. */
export function signedHeaders(secret: string, uri: string, body: string, now: number, versions: readonly ('v2' | 'v3')[]): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) (lead-ops emulator)' };
  if (versions.includes('v3')) {
    headers['x-hubspot-signature-v3'] = v3Signature(secret, 'POST', uri, body, now);
    headers['x-hubspot-request-timestamp'] = String(now);
  }
  if (versions.includes('v2')) {
    headers['x-hubspot-signature'] = v2Signature(secret, 'POST', uri, body);
    headers['x-hubspot-signature-version'] = 'v2';
  }
  return headers;
}
