import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { RoutingConfigSchema } from '../routing/config-schema';
import { ScoringModelSchema } from '../scoring/model-schema';
import { SupportConfigSchema, SyncConfigSchema } from '../status/config-schema';
import { connectorOf } from '../status/connector-config';
import { environmentNames, resolveEnvironment } from './environments';
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
  /**
   * Named overrides merged into the base for one environment (`npm run deploy -- --profile prod` bakes the `prod`
   * set into the bundles). Each merged set is validated like the base.
   */
  environments: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), z.looseObject({})).optional(),
}).superRefine((c, ctx) => {
  // A help desk that receives HubSpot tickets writes its ticket id back on them: the property must be named.
  c.sync.destinations.forEach((d, i) => {
    const settings = connectorOf(d);
    if (settings?.type === 'zendesk' && settings.tickets && !c.support.helpDesk) {
      ctx.addIssue({
        code: 'custom',
        path: ['sync', 'destinations', i, 'connector', 'tickets'],
        message: `${d.name} receives HubSpot tickets, so their ${d.name} ids need a home: set support.helpDesk (its externalIdProperty, e.g. "lead_ops_helpdesk_ticket_id")`,
      });
    }
  });
});

export type LeadOpsConfig = z.infer<typeof LeadOpsConfigSchema>;

/**
 * Validates a parsed JSON value, for the base configuration or for one named environment (base + overrides).
 * Errors name the path and, where possible, the fix; an environment's errors say which environment.
 */
export function parseConfig(raw: unknown, environment?: string): Result<LeadOpsConfig, ConfigIssue[]> {
  const resolved = resolveEnvironment(raw, environment);
  if (!resolved.ok) return resolved;
  const parsed = LeadOpsConfigSchema.safeParse(resolved.value);
  if (parsed.success) return ok(parsed.data);
  const issues = toConfigIssues(parsed.error.issues);
  return err(environment ? issues.map((i) => ({ ...i, message: `${i.message} (in environment "${environment}")` })) : issues);
}

export type ConfigSection = 'scoring' | 'routing' | 'support' | 'sync';

/**
 * Validates one section of an already resolved configuration (no `environments`), with paths from the file's root.
 * Functions validate the sections they use when they first use them: the build validated the whole file, and a
 * cold function instance should not spend its first answer validating a scoring model it never reads.
 */
export function parseConfigSection<K extends ConfigSection>(raw: unknown, section: K): Result<LeadOpsConfig[K], ConfigIssue[]> {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[section] : undefined;
  const parsed = LeadOpsConfigSchema.shape[section].safeParse(value);
  if (parsed.success) return ok(parsed.data as LeadOpsConfig[K]);
  return err(toConfigIssues(parsed.error.issues, [section]));
}

/** Validates the base and every environment the file defines; all problems at once. */
export function validateConfigFile(raw: unknown): Result<{ base: LeadOpsConfig; environments: string[] }, ConfigIssue[]> {
  const base = parseConfig(raw);
  const names = environmentNames(raw);
  const issues: ConfigIssue[] = base.ok ? [] : [...base.error];
  for (const name of names) {
    const env = parseConfig(raw, name);
    if (!env.ok) issues.push(...env.error);
  }
  if (issues.length > 0 || !base.ok) return err(issues);
  return ok({ base: base.value, environments: names });
}

/** The JSON Schema written beside the configuration file so editors autocomplete and flag mistakes. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(LeadOpsConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
