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
import { CARDS_DIR, WORK_DIR } from '../build/paths';
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

/** Hash of the inputs of every card build (see the module comment). */
export function cardSourceHash(cards: readonly CatalogCard[], cardsDir = CARDS_DIR): string {
  const h = crypto.createHash('sha256');
  h.update(`builder ${packageVersion('@hubspot/ui-extensions-dev-server')} ui-extensions ${packageVersion('@hubspot/ui-extensions')}\n`);
  for (const c of cards) h.update(`card ${c.uid} ${c.entrypoint}\n`);
  for (const file of listSources(cardsDir)) {
    h.update(`file ${path.relative(cardsDir, file)}\n`);
    h.update(fs.readFileSync(file));
  }
  return h.digest('hex').slice(0, 16);
}

const fileHash = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);

interface Manifest {
  /** uid -> bundle path relative to the build folder. */
  readonly cards: Record<string, string>;
}

const STALE_BUILD_MS = 60 * 60 * 1000;

function readBuild(dir: string, cards: readonly CatalogCard[]): Map<string, BuiltCard> | null {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return null;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const result = new Map<string, BuiltCard>();
  for (const c of cards) {
    const rel = manifest.cards[c.uid];
    const file = rel === undefined ? undefined : path.join(dir, rel);
    if (file === undefined || !fs.existsSync(file)) return null;
    result.set(c.uid, { uid: c.uid, file, bytes: fs.statSync(file).size, hash: fileHash(file) });
  }
  return result;
}

/**
 * Returns a bundle per card, building only when no cached build of the same inputs exists. A build is written to a
 * private folder and renamed into place, so two sandboxes starting at once (parallel test files) never see half a
 * build. Builds of other inputs older than an hour are removed. A card that fails to build throws, naming the card.
 */
export async function buildCards(cards: readonly CatalogCard[], options: { outRoot?: string; log?: (line: string) => void } = {}): Promise<CardBuildResult> {
  const started = Date.now();
  const outRoot = options.outRoot ?? CARD_BUILD_DIR;
  const sourceHash = cardSourceHash(cards);
  const dir = path.join(outRoot, sourceHash);

  const cachedBuild = readBuild(dir, cards);
  if (cachedBuild) return { cards: cachedBuild, cached: true, sourceHash, ms: Date.now() - started };

  const tmp = path.join(outRoot, `${sourceHash}.tmp-${process.pid}-${Date.now()}`);
  fs.mkdirSync(tmp, { recursive: true });
  const manifest: Manifest = { cards: {} };
  try {
    for (const c of cards) {
      options.log?.(`building card ${c.uid} (${path.basename(c.entrypoint)}) with HubSpot's builder`);
      let built: { file: string; bytes: number };
      try {
        built = await buildCard(c.entrypoint, path.join(tmp, c.uid));
      } catch (e) {
        throw new Error(`card ${c.uid} failed to build: ${e instanceof Error ? e.message : String(e)}`);
      }
      manifest.cards[c.uid] = path.relative(tmp, built.file);
    }
    fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(tmp, dir);
    } catch {
      // Another sandbox renamed the same build into place first: use theirs.
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const built = readBuild(dir, cards);
  if (!built) throw new Error(`card build in ${dir} is incomplete`);
  for (const other of fs.readdirSync(outRoot)) {
    const full = path.join(outRoot, other);
    if (other === sourceHash || other.includes('.tmp-')) continue;
    if (Date.now() - fs.statSync(full).mtimeMs > STALE_BUILD_MS) fs.rmSync(full, { recursive: true, force: true });
  }
  return { cards: built, cached: false, sourceHash, ms: Date.now() - started };
}
