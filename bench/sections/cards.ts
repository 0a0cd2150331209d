/**
 * Item 7: the size of each card's bundle as HubSpot's builder makes it (`buildCard`: minified, as the remote
 * build), built into `.lead-ops/bench/cards`, never inside src/app (DECISIONS 12).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildCard } from '../../src/build/hubspot-tooling';
import { CARDS_DIR, SRC_DIR, WORK_DIR } from '../../src/config/paths';
import { round } from '../lib/stats';

export interface CardBundle {
  readonly uid: string;
  readonly entrypoint: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly buildMs: number;
}

export const CARDS_OUT_DIR = path.join(WORK_DIR, 'bench', 'cards');

/** Cards as their `*-hsmeta.json` declare them: uid and entrypoint (relative to src). */
function cardsOf(): { uid: string; entrypoint: string }[] {
  return fs
    .readdirSync(CARDS_DIR)
    .filter((f) => f.endsWith('-hsmeta.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(CARDS_DIR, f), 'utf8')) as { uid: string; type: string; config: { entrypoint: string } })
    .filter((m) => m.type === 'card')
    .map((m) => ({ uid: m.uid, entrypoint: m.config.entrypoint }));
}

export async function measureCards(options: { readonly log: (line: string) => void }): Promise<Record<string, CardBundle>> {
  const out: Record<string, CardBundle> = {};
  for (const card of cardsOf()) {
    const file = path.join(SRC_DIR, card.entrypoint);
    const started = performance.now();
    const built = await buildCard(file, path.join(CARDS_OUT_DIR, card.uid));
    const buildMs = performance.now() - started;
    const bytes = fs.readFileSync(built.file);
    out[card.uid] = { uid: card.uid, entrypoint: card.entrypoint, bytes: built.bytes, gzipBytes: gzipSync(bytes).length, buildMs: round(buildMs) };
    options.log(`  ${card.uid}: ${built.bytes} bytes (${out[card.uid]?.gzipBytes} gzipped)`);
  }
  return out;
}
