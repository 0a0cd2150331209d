import { err, ok, type Result } from '../result';
import type { ConfigIssue } from './issues';

/**
 * Per-environment configuration sets. The configuration file may carry
 * `"environments": { "dev": { ...overrides }, "prod": { ...overrides } }`; the overrides are merged into the base
 * (objects merge key by key, arrays and scalars replace) and the result is validated like the base. A deploy with
 * `--profile prod` bakes the merged `prod` set into the function bundles (functions cannot read profile variables).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of JSON values: plain objects merge, everything else is replaced by the override. */
export function mergeJson(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // Keys that would reach Object.prototype are not configuration.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = key in base ? mergeJson(base[key], value) : value;
  }
  return out;
}

/** Names of the environments a configuration file defines. */
export function environmentNames(raw: unknown): string[] {
  if (!isPlainObject(raw) || !isPlainObject(raw.environments)) return [];
  return Object.keys(raw.environments).sort();
}

/**
 * The configuration for one environment, without the `environments` key. No name (or the name of an environment
 * the file does not define, when `allowMissing`) gives the base configuration.
 */
export function resolveEnvironment(raw: unknown, name?: string, options: { allowMissing?: boolean } = {}): Result<unknown, ConfigIssue[]> {
  if (!isPlainObject(raw)) return err([{ path: '(root)', message: 'the configuration must be a JSON object' }]);
  const { environments, ...base } = raw;
  if (environments !== undefined && !isPlainObject(environments)) {
    return err([{ path: 'environments', message: 'must be an object of named overrides', fix: 'e.g. { "prod": { "routing": { ... } } }' }]);
  }
  if (!name) return ok(base);
  const override = environments?.[name];
  if (override === undefined) {
    if (options.allowMissing) return ok(base);
    const known = environmentNames(raw);
    return err([
      {
        path: 'environments',
        message: `no environment "${name}"`,
        fix: known.length > 0 ? `use one of: ${known.join(', ')}` : `add "environments": { "${name}": {} }`,
      },
    ]);
  }
  if (!isPlainObject(override)) return err([{ path: `environments.${name}`, message: 'must be an object of overrides' }]);
  return ok(mergeJson(base, override) as Json);
}
