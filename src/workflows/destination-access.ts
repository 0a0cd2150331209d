/**
 * The destinations' credentials and base URLs, as an app function or the CLI reads them. Kept apart from the
 * connectors so every function can read its context without carrying the connectors' code (only `request_sync`
 * sends anything). The names match the connectors' own (`destinations.test.ts` checks).
 */

/** Every secret a connector may need, as `hs secret add` names them. */
export const DESTINATION_SECRET_NAMES = ['MAILCHIMP_API_KEY', 'GOOGLE_SERVICE_ACCOUNT_JSON', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN'] as const;
export type DestinationSecretName = (typeof DESTINATION_SECRET_NAMES)[number];

/**
 * Environment variables that point a connector at another base URL than the real API: the sandbox and the tests
 * set them to the destination emulators. Only https, or http on this machine, is accepted: a credential is sent
 * wherever they point.
 */
export const DESTINATION_URL_VARIABLES = {
  mailchimp: 'MAILCHIMP_API_URL',
  googleSheets: 'GOOGLE_SHEETS_API_URL',
  googleToken: 'GOOGLE_TOKEN_URL',
  zendesk: 'ZENDESK_API_URL',
} as const;
export type DestinationUrlName = keyof typeof DESTINATION_URL_VARIABLES;

export interface DestinationAccess {
  /** Secret values by name (absent when not set). Never logged, never answered. */
  readonly secrets: Readonly<Partial<Record<DestinationSecretName, string>>>;
  /** Base URLs replacing the real APIs. */
  readonly urls: Readonly<Partial<Record<DestinationUrlName, string>>>;
}

export const NO_DESTINATION_ACCESS: DestinationAccess = { secrets: {}, urls: {} };

const isAllowedUrl = (value: string): boolean => {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
};

/**
 * Reads the destinations' credentials and base URLs: each secret from `secrets` (the function context, when HubSpot
 * passes it there) or else the environment (where HubSpot's executor puts an app's secrets, and the CLI reads
 * them). Blank values count as absent. A base URL that is neither https nor on this machine is left out and named in
 * `ignored`.
 */
export function destinationAccessFrom(env: Readonly<Record<string, string | undefined>>, secrets: Readonly<Record<string, unknown>> = {}): DestinationAccess & { readonly ignored: readonly string[] } {
  const found: Partial<Record<DestinationSecretName, string>> = {};
  for (const name of DESTINATION_SECRET_NAMES) {
    const fromContext = secrets[name];
    const value = typeof fromContext === 'string' && fromContext.trim() !== '' ? fromContext : env[name];
    if (typeof value === 'string' && value.trim() !== '') found[name] = value.trim();
  }
  const urls: Partial<Record<DestinationUrlName, string>> = {};
  const ignored: string[] = [];
  for (const [key, variable] of Object.entries(DESTINATION_URL_VARIABLES) as [DestinationUrlName, string][]) {
    const value = env[variable]?.trim();
    if (!value) continue;
    if (isAllowedUrl(value)) urls[key] = value.replace(/\/+$/, '');
    else ignored.push(variable);
  }
  return { secrets: found, urls, ignored };
}

