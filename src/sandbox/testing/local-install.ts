/**
 * Test helper: "installs" a card folder's declared packages without a registry, by linking the copies this machine
 * already has (the cards folder's and the project's node_modules). It stands in for the `npm ci` HubSpot runs, for
 * folders that come without their node_modules (HubSpot's example projects, fixtures). Versions are whatever is
 * installed here, which for @hubspot/ui-extensions and React is the version this project pins.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CARDS_DIR, PROJECT_ROOT } from '../../config/paths';

const PackageJson = z.looseObject({
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
});

/** Where installed copies are looked for, first match wins. */
export const LOCAL_PACKAGE_DIRS: readonly string[] = [path.join(CARDS_DIR, 'node_modules'), path.join(PROJECT_ROOT, 'node_modules')];

export function declaredPackages(folder: string): string[] {
  const pkg = PackageJson.parse(JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')));
  return [...new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})])].sort();
}

/**
 * Creates `folder/node_modules` with a link per declared package (or per name in `only`) found in `from`. Answers
 * the names it could not find. Existing node_modules are left alone.
 */
export function linkDeclaredPackages(folder: string, options: { only?: readonly string[]; from?: readonly string[] } = {}): { linked: string[]; missing: string[] } {
  const modules = path.join(folder, 'node_modules');
  const names = options.only ? [...options.only] : declaredPackages(folder);
  const linked: string[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const source = (options.from ?? LOCAL_PACKAGE_DIRS).map((d) => path.join(d, name)).find((p) => fs.existsSync(path.join(p, 'package.json')));
    if (!source) {
      missing.push(name);
      continue;
    }
    const link = path.join(modules, name);
    if (fs.existsSync(link)) continue;
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(fs.realpathSync(source), link, 'dir');
    linked.push(name);
  }
  return { linked, missing };
}
