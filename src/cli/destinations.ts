import type { Destination } from '../core/status';
import type { HubSpotConnection } from '../hubspot';
import { destinationAccessFrom, DESTINATION_URL_VARIABLES, requiredSecretNames } from '../workflows/destinations';
import type { SyncAccess } from '../workflows/sync';

/**
 * The sync step's access for a CLI run: the destinations' secrets and base URLs from the environment (or `.env`,
 * loaded with the HubSpot connection). Against the local emulator the step runs only when every destination URL
 * points at this machine too, so a real key in `.env` never sends emulator data to a real Mailchimp, Google Sheet
 * or Zendesk. Values are never printed; a URL that is neither https nor local is named and ignored.
 */
export function syncAccessFor(connection: HubSpotConnection, destinations: readonly Destination[], env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): SyncAccess | null {
  if (requiredSecretNames(destinations).length === 0) return null;
  const access = destinationAccessFrom(env);
  for (const name of access.ignored) warn(`Ignoring ${name}: a destination URL must be https, or http on this machine.`);
  if (connection.isLocal) {
    const remote = Object.values(DESTINATION_URL_VARIABLES).filter((name) => !(env[name] ?? '').match(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/));
    if (remote.length > 0) {
      warn(`Sync skipped: HubSpot is the local emulator, and ${remote.join(', ')} ${remote.length > 1 ? 'do' : 'does'} not point at a local destination emulator.`);
      return null;
    }
  }
  return { access: { secrets: access.secrets, urls: access.urls }, runtime: { pacing: 'bulk' } };
}
