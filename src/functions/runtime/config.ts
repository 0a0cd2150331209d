import raw from '../../config/lead-ops.config.json';
import type { WireError } from '../../app/cards/shared/contracts';
import { formatConfigIssues } from '../../core/config/issues';
import { parseConfig, type LeadOpsConfig } from '../../core/config/schema';
import { err, ok, type Result } from '../../core/result';

let cached: Result<LeadOpsConfig, WireError> | null = null;

/**
 * The configuration baked into the bundle at build time (functions cannot read files of the project at run time).
 * Validated once per instance; the build already refused an invalid file, so failing here means a hand-edited bundle.
 */
export function loadConfig(): Result<LeadOpsConfig, WireError> {
  if (cached) return cached;
  const parsed = parseConfig(raw);
  cached = parsed.ok
    ? ok(parsed.value)
    : err({
        code: 'CONFIG',
        message: `The Lead Ops configuration is invalid: ${formatConfigIssues(parsed.error)}. Fix src/config/lead-ops.config.json, then build and upload.`,
        retryable: false,
      });
  return cached;
}
