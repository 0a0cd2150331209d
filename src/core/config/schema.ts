import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { RoutingConfigSchema } from '../routing/config-schema';
import { ScoringModelSchema } from '../scoring/model-schema';
import { SupportConfigSchema, SyncConfigSchema } from '../status/config-schema';
import { toConfigIssues, type ConfigIssue } from './issues';

/**
 * The project's one configuration file (src/config/lead-ops.config.json): the scoring model, the routing rules,
 * the SLA thresholds and the sync destinations. It is validated at build time (`npm run build`, `lead-ops check`)
 * and again when a function loads; configuration changes need a build and an upload.
 */
export const LeadOpsConfigSchema = z.strictObject({
  /** Editors use it for autocompletion; ignored otherwise. */
  $schema: z.string().optional(),
  /** The file format; bump when a key changes meaning. */
  version: z.literal(1),
  scoring: ScoringModelSchema,
  routing: RoutingConfigSchema,
  support: SupportConfigSchema,
  sync: SyncConfigSchema,
});

export type LeadOpsConfig = z.infer<typeof LeadOpsConfigSchema>;

/** Validates a parsed JSON value. Errors name the path and, where possible, the fix. */
export function parseConfig(raw: unknown): Result<LeadOpsConfig, ConfigIssue[]> {
  const parsed = LeadOpsConfigSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  return err(toConfigIssues(parsed.error.issues));
}

/** The JSON Schema written beside the configuration file so editors autocomplete and flag mistakes. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(LeadOpsConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
