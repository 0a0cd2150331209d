/**
 * The destination emulators for workflow and function tests, with the access the connectors need to reach them.
 */
import { startDestinationEmulators, type DestinationEmulatorsOptions, type RunningDestinationEmulators } from '../emulator/destinations';
import { destinationEnvironment } from '../sandbox/destination-env';
import { destinationAccessFrom, type DestinationAccess } from '../workflows/destination-access';

export { destinationEnvironment };

export interface TestDestinations extends RunningDestinationEmulators {
  /** The variables a function or the CLI would find in its environment. */
  readonly env: Readonly<Record<string, string>>;
  readonly access: DestinationAccess;
}

export async function startTestDestinations(options: DestinationEmulatorsOptions = {}): Promise<TestDestinations> {
  const emulators = await startDestinationEmulators(options);
  const env = destinationEnvironment(emulators);
  const { secrets, urls } = destinationAccessFrom(env);
  return Object.assign(emulators, { env, access: { secrets, urls } });
}
