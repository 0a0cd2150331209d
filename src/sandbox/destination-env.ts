import type { RunningDestinationEmulators } from '../emulator/destinations';
import { DESTINATION_URL_VARIABLES, type DestinationSecretName } from '../workflows/destination-access';

/**
 * The environment that points the connectors at the destination emulators, with the credentials the emulators
 * accept: what the sandbox hands the functions (as HubSpot's executor hands them their secrets) and the tests the
 * workflows. Nothing here is a real credential.
 */
export function destinationEnvironment(d: RunningDestinationEmulators): Record<string, string> {
  const secrets: Record<DestinationSecretName, string> = {
    MAILCHIMP_API_KEY: d.credentials.mailchimpApiKey,
    GOOGLE_SERVICE_ACCOUNT_JSON: d.credentials.googleServiceAccountJson,
    ZENDESK_EMAIL: d.credentials.zendeskEmail,
    ZENDESK_API_TOKEN: d.credentials.zendeskApiToken,
  };
  return {
    ...secrets,
    [DESTINATION_URL_VARIABLES.mailchimp]: d.mailchimp.url,
    [DESTINATION_URL_VARIABLES.googleSheets]: d.googleSheets.url,
    [DESTINATION_URL_VARIABLES.googleToken]: d.googleSheets.tokenUrl,
    [DESTINATION_URL_VARIABLES.zendesk]: d.zendesk.url,
  };
}
