import { ConfigFileError, loadConfigFile } from '../config/config-file';
import type { LeadOpsConfig } from '../core/config/schema';
import { CliError } from './connection';

/** The project's configuration (or another file, for "what if" runs), validated, for one environment. */
export function loadConfigForCli(file?: string, environment?: string): LeadOpsConfig {
  try {
    return loadConfigFile(file, environment);
  } catch (e) {
    if (e instanceof ConfigFileError) throw new CliError(e.message);
    throw e;
  }
}
