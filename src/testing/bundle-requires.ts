import { builtinModules } from 'node:module';

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Module names a generated function bundle `require`s (string literals only; esbuild leaves nothing else). */
export function requiredModules(bundle: string): string[] {
  return [...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? '');
}

/** The SDK itself, or one of its modules by path (the discovery classes `src/hubspot/client.ts` loads). */
export const isSdkModule = (name: string): boolean => name === '@hubspot/api-client' || name.startsWith('@hubspot/api-client/');

/**
 * What a function bundle may require besides Node's built-ins: the SDK HubSpot installs from
 * src/app/functions/package.json (DECISIONS 16). Returns the names that are neither.
 */
export function foreignModules(bundle: string): string[] {
  return requiredModules(bundle).filter((r) => !BUILTINS.has(r) && !isSdkModule(r));
}
