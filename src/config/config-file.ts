import fs from 'node:fs';
import path from 'node:path';
import { formatConfigIssues } from '../core/config/issues';
import { parseConfig, validateConfigFile, type LeadOpsConfig } from '../core/config/schema';
import { CONFIG_FILE, PROJECT_ROOT } from './paths';

/** The configuration file is missing, is not JSON, or fails the schema; the message names the file, path and fix. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
}

/**
 * Reads and validates the configuration file, the base and every environment in it. Throws ConfigFileError whose
 * message names the file, the JSON path and the fix. Returns the raw (unmerged) JSON.
 */
export function readConfigFile(file = CONFIG_FILE): unknown {
  const shown = path.relative(PROJECT_ROOT, file) || file;
  if (!fs.existsSync(file)) throw new ConfigFileError(`no configuration file at ${shown}`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigFileError(`${shown} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = validateConfigFile(raw);
  if (!parsed.ok) throw new ConfigFileError(`${shown} is invalid:\n${formatConfigIssues(parsed.error).replace(/^/gm, '  ')}`);
  return raw;
}

/** The project's configuration (or another file, for "what if" runs), validated and merged for one environment. */
export function loadConfigFile(file?: string, environment?: string): LeadOpsConfig {
  const target = file ? path.resolve(file) : CONFIG_FILE;
  const raw = readConfigFile(target);
  const parsed = parseConfig(raw, environment);
  if (!parsed.ok) throw new ConfigFileError(`${path.relative(PROJECT_ROOT, target) || target} is invalid:\n${formatConfigIssues(parsed.error)}`);
  return parsed.value;
}
