/**
 * Bundles each card with HubSpot's own builder (`buildCard`: the `uie build` pipeline, an IIFE expecting the worker
 * globals `React` and `RemoteUI`) into `.lead-ops/sandbox/cards/`, outside src/app, since `uie build` empties the
 * folder it writes to and an upload must never carry a `dist/`.
 *
 * Each build runs in a staged copy of the card's folder (card-stage.ts) whose `node_modules` holds only the packages
 * of that folder's own package.json and lock file, as HubSpot's remote build installs them. An import of anything
 * else fails with the message HubSpot's builder prints for an unresolved import, naming the package.
 *
 * Builds are cached by a hash of everything that can change the output: every source file of the card folder
 * (not node_modules, which its lock file stands for), the versions of the builder and of @hubspot/ui-extensions, and
 * NODE_ENV.
 * A warm start reuses the bundles; any edit rebuilds the folder's cards (they share hooks and contracts, so one
 * card's output depends on files outside its entry).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildCard } from '../build/hubspot-tooling';
import { SRC_DIR, WORK_DIR } from '../config/paths';
import type { CatalogCard } from './card-catalog';
import { cardPackageDir, listCardSources, removeStaleStages, stageCardFolder } from './card-stage';

const requireHere = createRequire(__filename);

export const CARD_BUILD_DIR = path.join(WORK_DIR, 'sandbox', 'cards');

export interface BuiltCard {
  readonly uid: string;
  /** Absolute path of the bundle. */
  readonly file: string;
  readonly bytes: number;
  /** Content hash of the bundle, used in its URL so browsers never run a stale one. */
  readonly hash: string;
}

export interface CardBuildResult {
  readonly cards: ReadonlyMap<string, BuiltCard>;
  readonly cached: boolean;
  readonly sourceHash: string;
  readonly ms: number;
}

function packageVersion(name: string): string {
  try {
    const main = requireHere.resolve(name);
    let dir = path.dirname(main);
    while (dir !== path.dirname(dir)) {
      const pkg = path.join(dir, 'package.json');
      if (fs.existsSync(pkg)) {
        const parsed = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
        if (parsed.name === name) return String(parsed.version);
      }
      dir = path.dirname(dir);
    }
  } catch {
    // Fall through: an unknown version only costs a rebuild.
  }
  return 'unknown';
}

/** The card folder whose package.json and node_modules a card builds with. */
export function packageDirOf(card: CatalogCard): string {
  return card.packageDir ?? cardPackageDir(card.entrypoint, SRC_DIR);
}

/** Digest of everything in a card folder a build can read (not node_modules), plus the builder's versions. */
function folderDigest(packageDir: string): string {
  const h = crypto.createHash('sha256');
  h.update(`builder ${packageVersion('@hubspot/ui-extensions-dev-server')} ui-extensions ${packageVersion('@hubspot/ui-extensions')}\n`);
  // The builder bakes process.env.NODE_ENV into the bundle (production unless set, as in HubSpot's build; Jest sets
  // "test"), so bundles made under another value are not the same build.
  h.update(`NODE_ENV ${process.env.NODE_ENV ?? ''}\n`);
  for (const file of listCardSources(packageDir)) {
    h.update(`file ${path.relative(packageDir, file)}\n`);
    h.update(fs.readFileSync(file));
  }
  return h.digest('hex');
}

/** Hash of the inputs of one card's build (see the module comment). */
export function cardSourceHash(card: CatalogCard, shared = folderDigest(packageDirOf(card))): string {
  const h = crypto.createHash('sha256');
  h.update(`${shared}\ncard ${card.uid} ${card.entrypoint} in ${packageDirOf(card)}\n`);
  // Entries outside their card folder (test cards) are not covered by the folder digest.
  if (!path.resolve(card.entrypoint).startsWith(path.resolve(packageDirOf(card)) + path.sep) && fs.existsSync(card.entrypoint)) h.update(fs.readFileSync(card.entrypoint));
  return h.digest('hex').slice(0, 16);
}

const fileHash = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);

const STALE_BUILD_MS = 60 * 60 * 1000;
const MANIFEST = 'bundle.json';

function readBuild(dir: string, uid: string): BuiltCard | null {
  const manifestFile = path.join(dir, MANIFEST);
  if (!fs.existsSync(manifestFile)) return null;
  const rel = (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { file?: string }).file;
  const file = rel === undefined ? undefined : path.join(dir, rel);
  if (file === undefined || !fs.existsSync(file)) return null;
  return { uid, file, bytes: fs.statSync(file).size, hash: fileHash(file) };
}

/**
 * Builds one card unless a build of the same inputs exists. The build is written to a private folder and renamed
 * into place, so two sandboxes starting at once (parallel test files) never see half a build.
 */
async function buildOne(card: CatalogCard, outRoot: string, shared: string, log?: (line: string) => void): Promise<{ built: BuiltCard; cached: boolean }> {
  const dir = path.join(outRoot, `${card.uid}-${cardSourceHash(card, shared)}`);
  const cached = readBuild(dir, card.uid);
  if (cached) return { built: cached, cached: true };
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  const packageDir = packageDirOf(card);
  log?.(`building card ${card.uid} (${path.basename(card.entrypoint)}) with HubSpot's builder and the packages of ${path.relative(process.cwd(), path.join(packageDir, 'package.json'))}`);
  const stage = stageCardFolder(packageDir, card.entrypoint);
  try {
    let out: { file: string; bytes: number };
    try {
      out = await buildCard(stage.entrypoint, tmp);
    } catch (e) {
      stage.removeLater();
      const message = stage.unstage(e instanceof Error ? e.message : String(e));
      const missing = stage.notInstalled.length > 0 ? ` (not installed in ${path.relative(process.cwd(), packageDir)}: ${stage.notInstalled.join(', ')}; run npm ci there)` : '';
      const rule = !/unresolved import/i.test(message) ? '' : ` The sandbox builds each card with the packages of ${path.relative(process.cwd(), path.join(packageDir, 'package.json'))} only, as HubSpot installs nothing else.`;
      throw new Error(`card ${card.uid} failed to build: ${message}${missing}${rule}`);
    }
    stage.remove();
    fs.writeFileSync(path.join(tmp, MANIFEST), JSON.stringify({ file: path.relative(tmp, out.file) }));
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(tmp, dir);
    } catch {
      // Another sandbox renamed the same build into place first: use theirs.
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const built = readBuild(dir, card.uid);
  if (!built) throw new Error(`card build in ${dir} is incomplete`);
  return { built, cached: false };
}

/**
 * Returns a bundle per card, building (side by side) only the cards whose inputs changed since a cached build.
 * Builds unused for an hour are removed. A card that fails to build throws, naming the card.
 */
export async function buildCards(cards: readonly CatalogCard[], options: { outRoot?: string; log?: (line: string) => void } = {}): Promise<CardBuildResult> {
  const started = Date.now();
  const outRoot = options.outRoot ?? CARD_BUILD_DIR;
  fs.mkdirSync(outRoot, { recursive: true });
  const digests = new Map<string, string>();
  const digestOf = (card: CatalogCard): string => {
    const dir = packageDirOf(card);
    const known = digests.get(dir);
    if (known !== undefined) return known;
    const d = folderDigest(dir);
    digests.set(dir, d);
    return d;
  };
  removeStaleStages();
  const results = await Promise.all(cards.map((c) => buildOne(c, outRoot, digestOf(c), options.log)));
  const now = Date.now();
  for (const r of results) fs.utimesSync(path.dirname(r.built.file), new Date(now), new Date(now));
  for (const other of fs.readdirSync(outRoot)) {
    const full = path.join(outRoot, other);
    if (other.includes('.tmp-') || results.some((r) => path.dirname(r.built.file) === full)) continue;
    if (now - fs.statSync(full).mtimeMs > STALE_BUILD_MS) fs.rmSync(full, { recursive: true, force: true });
  }
  return {
    cards: new Map(results.map((r) => [r.built.uid, r.built])),
    cached: results.every((r) => r.cached),
    sourceHash: crypto.createHash('sha256').update([...digests.values()].sort().join('\n')).digest('hex').slice(0, 16),
    ms: Date.now() - started,
  };
}
