/**
 * Keeps credentials out of everything a connector returns or reports. A destination may echo what it was sent
 * (an API key in an error message, the Authorization header in a debug body), so every destination message passes
 * through here before it reaches an outcome, a failure or a request event.
 */

const REDACTED = '[redacted]';

/** Shapes of credentials worth removing even when we did not register them. */
const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/gi, `$1 ${REDACTED}`],
  // Google OAuth access tokens.
  [/\bya29\.[A-Za-z0-9._-]+/g, REDACTED],
];

/** Shorter strings are not treated as secrets: redacting them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

export class Redactor {
  private secrets: string[] = [];

  /** Registers credentials; each is also removed in its JSON-escaped and URL-encoded spellings. */
  add(...values: readonly (string | null | undefined)[]): this {
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
      for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
        if (!this.secrets.includes(form)) this.secrets.push(form);
      }
    }
    // Longest first, so a secret that contains another is removed whole.
    this.secrets.sort((a, b) => b.length - a.length);
    return this;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }
}
