/**
 * The folder a card is built in, set up the way HubSpot's remote build sets it up: the card folder's own files, and
 * a `node_modules` holding only what `npm ci --no-optional` of that folder's lock file installs (its package.json's
 * dependencies when it has no lock). It lives in the system's temp directory, outside the project, so no
 * `node_modules` further up (the project root's, with every tool the repository uses) can satisfy an import the card
 * folder does not declare. HubSpot installs nothing else, so a card that builds here builds there.
 *
 * The packages themselves are not copied: each entry of the staged `node_modules` links to the copy already installed
 * in the card folder's own `node_modules` (which the project installs from the same lock file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const PackageJson = z.looseObject({
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
});
const LockFile = z.looseObject({
  packages: z.record(z.string(), z.looseObject({ optional: z.boolean().optional(), link: z.boolean().optional() })).optional(),
});

/** Folders a build never reads from the card folder: installed packages, build output, dot-files. */
const SKIPPED = new Set(['node_modules', 'dist']);

/** Every file of `dir` a build can read (not node_modules, dist or dot-files), absolute, sorted. */
export function listCardSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listCardSources(full));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

/**
 * The card folder of an entry file: the nearest folder at or above it with a package.json, not above `limit`
 * (src/ for the project's cards). Without one, the entry's own folder, where no package can be found at all.
 */
export function cardPackageDir(entrypoint: string, limit: string): string {
  const stop = path.resolve(limit);
  let dir = path.dirname(path.resolve(entrypoint));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === stop || dir === path.dirname(dir) || !dir.startsWith(stop)) return path.dirname(path.resolve(entrypoint));
    dir = path.dirname(dir);
  }
}

/**
 * The top-level packages `npm ci --no-optional` installs for a card folder: the lock file's `node_modules/<name>`
 * entries (optional ones left out), or, without a lock, the names its package.json declares.
 */
export function installedPackageNames(packageDir: string): string[] {
  const lockFile = path.join(packageDir, 'package-lock.json');
  if (fs.existsSync(lockFile)) {
    const lock = LockFile.parse(JSON.parse(fs.readFileSync(lockFile, 'utf8')));
    const names: string[] = [];
    for (const [key, entry] of Object.entries(lock.packages ?? {})) {
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
      if (m && entry.optional !== true) names.push(m[1] as string);
    }
    return names.sort();
  }
  const pkgFile = path.join(packageDir, 'package.json');
  if (!fs.existsSync(pkgFile)) return [];
  const pkg = PackageJson.parse(JSON.parse(fs.readFileSync(pkgFile, 'utf8')));
  return [...new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})])].sort();
}

export interface StagedCard {
  /** The staged copy of the card folder. */
  readonly dir: string;
  /** The entry file inside `dir`. */
  readonly entrypoint: string;
  /** Packages the lock file (or package.json) names that are not installed in the card folder itself. */
  readonly notInstalled: readonly string[];
  /** Turns paths inside the staged copy back into the card folder's, for messages. */
  unstage(text: string): string;
  remove(): void;
  /**
   * Removes the copy a little later: after a failed build, HubSpot's builder still reads modules of the copy for a
   * moment, and would log a line for each file that had disappeared.
   */
  removeLater(): void;
}

/** A folder outside every `node_modules` hierarchy: none of its ancestors may hold one. */
function isolatedTempDir(): string {
  const base = fs.realpathSync(os.tmpdir());
  for (let dir = base; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) {
      throw new Error(`cannot build cards in isolation: ${path.join(dir, 'node_modules')} exists above the temp directory ${base}, where any card could resolve its packages`);
    }
    if (dir === path.dirname(dir)) break;
  }
  return fs.mkdtempSync(path.join(base, STAGE_PREFIX));
}

const LATE_REMOVAL_MS = 10_000;
const STAGE_PREFIX = 'lead-ops-card-build-';
const STALE_STAGE_MS = 60 * 60 * 1000;

/** Removes staged copies an ended process left behind (older than an hour). */
export function removeStaleStages(): void {
  const base = fs.realpathSync(os.tmpdir());
  for (const name of fs.readdirSync(base)) {
    if (!name.startsWith(STAGE_PREFIX)) continue;
    const full = path.join(base, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > STALE_STAGE_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/** Where an entry that lies outside its card folder (a test card) is put in the staged copy. */
const EXTRA_DIR = '__sandbox_entry__';

/**
 * Stages `packageDir` for building `entrypoint`. An entry outside the folder (a test card) is copied in on its own,
 * so it resolves packages exactly like the folder's own files.
 */
export function stageCardFolder(packageDir: string, entrypoint: string): StagedCard {
  const source = path.resolve(packageDir);
  const dir = isolatedTempDir();
  try {
    for (const file of listCardSources(source)) {
      const target = path.join(dir, path.relative(source, file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(file, target);
    }
    const entry = path.resolve(entrypoint);
    const inside = entry.startsWith(source + path.sep);
    const stagedEntry = inside ? path.join(dir, path.relative(source, entry)) : path.join(dir, EXTRA_DIR, path.basename(entry));
    if (!inside) {
      fs.mkdirSync(path.dirname(stagedEntry), { recursive: true });
      fs.copyFileSync(entry, stagedEntry);
    }
    const notInstalled: string[] = [];
    const modules = path.join(dir, 'node_modules');
    for (const name of installedPackageNames(source)) {
      const installed = path.join(source, 'node_modules', name);
      if (!fs.existsSync(installed)) {
        notInstalled.push(name);
        continue;
      }
      const link = path.join(modules, name);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(installed, link, 'dir');
    }
    const cwd = process.cwd();
    // The relative form first: it ends with the absolute one's tail.
    const pairs = [
      [path.relative(cwd, dir), path.relative(cwd, source)],
      [dir, source],
    ] as const;
    return {
      dir,
      entrypoint: stagedEntry,
      notInstalled,
      unstage: (text) => pairs.reduce((t, [from, to]) => (from === '' ? t : t.split(from).join(to)), text),
      remove: () => fs.rmSync(dir, { recursive: true, force: true }),
      removeLater: () => {
        setTimeout(() => fs.rmSync(dir, { recursive: true, force: true }), LATE_REMOVAL_MS).unref();
      },
    };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
