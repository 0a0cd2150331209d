import type { CrmError } from './errors';
import type { Result } from '../core/result';
import type { CrmPort } from './crm-port';
import type { Owner, Pipeline } from './records';

/**
 * Portal data that changes rarely (owners and their teams, ticket pipelines), kept for `ttlMs` by an object the
 * caller owns: an app function keeps one per instance, so a warm card call spends no call on it; a CLI run keeps one
 * for the run. Only successful answers are kept.
 */
export class PortalReadCache {
  private readonly entries = new Map<string, { readonly at: number; readonly value: unknown }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async read<T>(key: string, load: () => Promise<Result<T, CrmError>>): Promise<Result<T, CrmError>> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return { ok: true, value: hit.value as T };
    const loaded = await load();
    if (loaded.ok) this.entries.set(key, { at: this.now(), value: loaded.value });
    return loaded;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The port with owners and pipelines read through `cache`. `portal` names the HubSpot account (its base URL), so
 * one cache never serves one portal's owners to another.
 */
export function withCachedReads(port: CrmPort, cache: PortalReadCache, portal: string): CrmPort {
  return {
    ...port,
    listOwners: (o = {}) => cache.read<Owner[]>(`${portal} owners ${o.includeArchived ? 'all' : 'active'}`, () => port.listOwners(o)),
    getPipelines: (objectType) => cache.read<Pipeline[]>(`${portal} pipelines ${objectType}`, () => port.getPipelines(objectType)),
  };
}
