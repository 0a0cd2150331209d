/**
 * Bundles each card with HubSpot's own builder (`buildCard`: the `uie build` pipeline, an IIFE expecting the worker
 * globals `React` and `RemoteUI`) into `.lead-ops/sandbox/cards/`, outside src/app (DECISIONS 12).
 *
 * Builds are cached by a hash of everything that can change the output: every source file of the cards folder
 * (not node_modules), the cards' lock file, and the versions of the builder and of @hubspot/ui-extensions. A warm
 * start reuses the bundles; any edit rebuilds them all (cards share hooks and contracts, so one card's output
 * depends on files outside its entry).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildCard } from '../build/hubspot-tooling';
import { CARDS_DIR, WORK_DIR } from '../config/paths';
import type { CatalogCard } from './card-catalog';

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

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else out.push(full);
  }
  return out.sort();
}

/** Digest of everything in the cards folder a build can read (not node_modules), plus the builder's versions. */
function sharedDigest(cardsDir: string): string {
  const h = crypto.createHash('sha256');
  h.update(`builder ${packageVersion('@hubspot/ui-extensions-dev-server')} ui-extensions ${packageVersion('@hubspot/ui-extensions')}\n`);
  for (const file of listSources(cardsDir)) {
    h.update(`file ${path.relative(cardsDir, file)}\n`);
    h.update(fs.readFileSync(file));
  }
  return h.digest('hex');
}

/** Hash of the inputs of one card's build (see the module comment). */
export function cardSourceHash(card: CatalogCard, cardsDir = CARDS_DIR, shared = sharedDigest(cardsDir)): string {
  const h = crypto.createHash('sha256');
  h.update(`${shared}\ncard ${card.uid} ${card.entrypoint}\n`);
  // Entries outside the cards folder (test cards) are not covered by the folder digest.
  if (!path.resolve(card.entrypoint).startsWith(path.resolve(cardsDir) + path.sep) && fs.existsSync(card.entrypoint)) h.update(fs.readFileSync(card.entrypoint));
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
  const dir = path.join(outRoot, `${card.uid}-${cardSourceHash(card, CARDS_DIR, shared)}`);
  const cached = readBuild(dir, card.uid);
  if (cached) return { built: cached, cached: true };
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  log?.(`building card ${card.uid} (${path.basename(card.entrypoint)}) with HubSpot's builder`);
  try {
    let out: { file: string; bytes: number };
    try {
      out = await buildCard(card.entrypoint, tmp);
    } catch (e) {
      throw new Error(`card ${card.uid} failed to build: ${e instanceof Error ? e.message : String(e)}`);
    }
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
  const shared = sharedDigest(CARDS_DIR);
  const results = await Promise.all(cards.map((c) => buildOne(c, outRoot, shared, options.log)));
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
    sourceHash: shared.slice(0, 16),
    ms: Date.now() - started,
  };
}
