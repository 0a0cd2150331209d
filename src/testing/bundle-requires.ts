import { builtinModules } from 'node:module';

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Module names a generated function bundle `require`s (string literals only; esbuild leaves nothing else). */
export function requiredModules(bundle: string): string[] {
  return [...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? '');
}

/**
 * What a function bundle requires besides Node's built-ins: nothing may be left, since everything else is inlined
 * and the client layer talks to HubSpot over node:http (docs/decisions.md#16). Returns the names that are not built-in.
 */
export function foreignModules(bundle: string): string[] {
  return requiredModules(bundle).filter((r) => !BUILTINS.has(r));
}
