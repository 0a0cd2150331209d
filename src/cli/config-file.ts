import fs from 'node:fs';
import path from 'node:path';
import { readConfigFile } from '../build/generate';
import { CONFIG_FILE } from '../build/paths';
import { parseConfig, type LeadOpsConfig } from '../core/config/schema';
import { formatConfigIssues } from '../core/config/issues';
import { CliError } from './connection';

/** The project's configuration (or another file, for "what if" runs), validated, for one environment. */
export function loadConfigForCli(file?: string, environment?: string): LeadOpsConfig {
  const target = file ? path.resolve(file) : CONFIG_FILE;
  if (!fs.existsSync(target)) throw new CliError(`no configuration file at ${target}`);
  let raw: unknown;
  try {
    raw = readConfigFile(target);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const parsed = parseConfig(raw, environment);
  if (!parsed.ok) throw new CliError(`${target} is invalid:\n${formatConfigIssues(parsed.error)}`);
  return parsed.value;
}
