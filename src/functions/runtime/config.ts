import raw from '../../config/lead-ops.config.json';
import type { WireError } from '../../app/cards/shared/contracts';
import { formatConfigIssues, type ConfigIssue } from '../../core/config/issues';
import { parseConfigSection, type ConfigSection, type LeadOpsConfig } from '../../core/config/schema';
import { compileModel, type CompiledModel } from '../../core/scoring';
import { err, ok, type Result } from '../../core/result';

/** A section of the baked-in configuration failed validation when a function first read it. */
export class ConfigError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
    this.name = 'ConfigError';
  }
}

const invalid = (issues: readonly ConfigIssue[]): WireError => ({
  code: 'CONFIG',
  message: `The Lead Ops configuration is invalid: ${formatConfigIssues(issues)}. Fix src/config/lead-ops.config.json, then build and upload.`,
  retryable: false,
});

let cached: Result<LeadOpsConfig, WireError> | null = null;

/**
 * The configuration baked into the bundle at build time (functions cannot read files of the project at run time).
 * The build validated the whole file; here each section is validated with the same schema the first time a function
 * reads it, once per instance (a cold `request_sync` does not validate the scoring model it never uses). A section
 * that fails throws ConfigError, which `defineFunction` answers as a CONFIG error; failing here means a hand-edited
 * bundle.
 */
export function loadConfig(): Result<LeadOpsConfig, WireError> {
  if (cached) return cached;
  const file = raw as unknown as Record<string, unknown>;
  if (file.version !== 1) {
    cached = err(invalid([{ path: 'version', message: `expected 1, found ${JSON.stringify(file.version)}` }]));
    return cached;
  }
  const sections: Partial<LeadOpsConfig> = {};
  const section = <K extends ConfigSection>(key: K): LeadOpsConfig[K] => {
    const known = sections[key];
    if (known !== undefined) return known as LeadOpsConfig[K];
    const parsed = parseConfigSection(file, key);
    if (!parsed.ok) throw new ConfigError(invalid(parsed.error));
    sections[key] = parsed.value;
    return parsed.value;
  };
  const config: LeadOpsConfig = {
    version: 1,
    get scoring() {
      return section('scoring');
    },
    get routing() {
      return section('routing');
    },
    get support() {
      return section('support');
    },
    get sync() {
      return section('sync');
    },
  };
  cached = ok(config);
  return cached;
}

let prepared: { readonly source: LeadOpsConfig['scoring']; readonly model: CompiledModel } | null = null;

/** The scoring model prepared once per function instance (for the configuration it was given). */
export function modelOf(config: LeadOpsConfig): CompiledModel {
  if (prepared?.source !== config.scoring) prepared = { source: config.scoring, model: compileModel(config.scoring) };
  return prepared.model;
}
