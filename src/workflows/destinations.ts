import type { Destination } from '../core/status/config-schema';
import { connectorOf, type ConnectorSettings } from '../core/status/connector-config';
import { err, ok, type Result } from '../core/result';
import type { DestinationFailure, SyncConnector } from '../connectors/connector';
import type { ConnectorClock, ConnectorRequestEvent } from '../connectors/http/destination-http';
import type { FetchLike } from '../connectors/http/transport';
import { GOOGLE_SERVICE_ACCOUNT_SECRET, GoogleSheetsConnector } from '../connectors/google-sheets';
import { MAILCHIMP_API_KEY_SECRET, MailchimpConnector } from '../connectors/mailchimp';
import { ZENDESK_API_TOKEN_SECRET, ZENDESK_EMAIL_SECRET, ZendeskConnector } from '../connectors/zendesk';
import { DESTINATION_SECRET_NAMES, type DestinationAccess, type DestinationSecretName, type DestinationUrlName } from './destination-access';

export { DESTINATION_SECRET_NAMES, DESTINATION_URL_VARIABLES, NO_DESTINATION_ACCESS, destinationAccessFrom } from './destination-access';
export type { DestinationAccess, DestinationSecretName, DestinationUrlName } from './destination-access';

/**
 * How the workflows reach the tools beside HubSpot: the credentials (HubSpot app secrets in functions, environment
 * variables in the CLI) and the base URLs (the real APIs unless the sandbox or a test points them at an emulator),
 * turned into one connector per destination. Credentials never leave this module except into a connector, which
 * redacts them from everything it answers.
 */

/** The secrets a connector's credentials come from. */
export function secretNamesOf(settings: ConnectorSettings): DestinationSecretName[] {
  switch (settings.type) {
    case 'mailchimp':
      return [MAILCHIMP_API_KEY_SECRET];
    case 'google_sheets':
      return [GOOGLE_SERVICE_ACCOUNT_SECRET];
    case 'zendesk':
      return [ZENDESK_EMAIL_SECRET, ZENDESK_API_TOKEN_SECRET];
  }
}

/** The secrets the configured connectors need, in a stable order (for the functions' `secretKeys`). */
export function requiredSecretNames(destinations: readonly Destination[]): DestinationSecretName[] {
  const needed = new Set(destinations.flatMap((d) => {
    const s = connectorOf(d);
    return s ? secretNamesOf(s) : [];
  }));
  return DESTINATION_SECRET_NAMES.filter((n) => needed.has(n));
}

/** How a connector runs: on which clock, until when, how patiently, and what it reports per request. */
export interface ConnectorRuntime {
  readonly clock?: ConnectorClock;
  /** Absolute time on `clock` after which nothing may still be waiting or sending. */
  readonly deadline?: number;
  /** `function`: quick retries inside a card's call; `bulk`: the sweep, patient. */
  readonly pacing: 'function' | 'bulk';
  readonly fetch?: FetchLike;
  readonly onRequest?: (event: ConnectorRequestEvent) => void;
}

/**
 * The connector of a destination the project syncs itself. A secret that is not set is the destination's failure,
 * named once with how to set it; nothing is sent.
 */
export function createConnector(destination: Destination, access: DestinationAccess, runtime: ConnectorRuntime): Result<SyncConnector, DestinationFailure> {
  const settings = connectorOf(destination);
  if (!settings) throw new Error(`bug: ${destination.id} has no connector`);
  const names = secretNamesOf(settings);
  const missing = names.filter((n) => access.secrets[n] === undefined);
  if (missing.length > 0) {
    const list = missing.join(' and ');
    return err({
      destinationId: destination.id,
      code: 'CONFIG',
      message: `${destination.name} needs the secret${missing.length > 1 ? 's' : ''} ${list}: add ${missing.length > 1 ? 'them' : 'it'} with \`hs secret add ${missing[0] ?? ''}\` for the app functions, or set ${missing.length > 1 ? 'them' : 'it'} in the environment (.env) for the CLI.`,
      raw: `missing secret ${list}`,
      secretNames: names,
      retryable: false,
    });
  }
  const secret = (name: DestinationSecretName): string => access.secrets[name] ?? '';
  const common = {
    destination: { id: destination.id, name: destination.name, kind: destination.kind, ...(destination.errorHints ? { errorHints: destination.errorHints } : {}) },
    pacing: runtime.pacing,
    ...(runtime.clock ? { clock: runtime.clock } : {}),
    ...(runtime.deadline !== undefined ? { deadline: runtime.deadline } : {}),
    ...(runtime.fetch ? { fetch: runtime.fetch } : {}),
    ...(runtime.onRequest ? { onRequest: runtime.onRequest } : {}),
  };
  const url = (name: DestinationUrlName) => (access.urls[name] ? { baseUrl: access.urls[name] } : {});
  switch (settings.type) {
    case 'mailchimp':
      return ok(new MailchimpConnector({ ...common, ...url('mailchimp'), apiKey: secret(MAILCHIMP_API_KEY_SECRET), settings }));
    case 'google_sheets':
      return ok(
        new GoogleSheetsConnector({
          ...common,
          ...url('googleSheets'),
          ...(access.urls.googleToken ? { tokenUrl: access.urls.googleToken } : {}),
          serviceAccountJson: secret(GOOGLE_SERVICE_ACCOUNT_SECRET),
          settings,
        }),
      );
    case 'zendesk':
      return ok(new ZendeskConnector({ ...common, ...url('zendesk'), email: secret(ZENDESK_EMAIL_SECRET), apiToken: secret(ZENDESK_API_TOKEN_SECRET), settings }));
  }
}
