/**
 * Test helper: cards from a local copy of HubSpot's example projects (HubSpot/ui-extensions-examples), made ready for
 * the sandbox. Each example's card folder is copied outside the repository and its declared packages are linked from
 * this machine's copies (local-install.ts), standing in for the `npm ci` HubSpot runs; nothing of the examples is
 * kept in the repository. Both card config formats are read: the older `*.json` (`type: "crm-card"`,
 * `data.module.file`) and the current `*-hsmeta.json` (`type: "card"`, `config.entrypoint`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CatalogCard } from '../card-catalog';
import { listCardSources } from '../card-stage';
import { objectTypeFromName, type SandboxObjectType } from '../shared/object-types';
import { linkDeclaredPackages } from './local-install';

const ObjectTypes = z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).default([]);
const LegacyCard = z.looseObject({
  type: z.literal('crm-card'),
  data: z.looseObject({ title: z.string(), location: z.string(), module: z.looseObject({ file: z.string() }), objectTypes: ObjectTypes }),
});
const HsMetaCard = z.looseObject({
  type: z.literal('card'),
  config: z.looseObject({ name: z.string(), location: z.string(), entrypoint: z.string(), objectTypes: ObjectTypes }),
});

/** One example card: its config file, relative to the examples' root. */
export interface ExamplePick {
  readonly config: string;
  /** What it shows (for the test's names). */
  readonly covers: string;
}

export interface ExampleCard extends CatalogCard {
  readonly covers: string;
  readonly config: string;
}

const uidOf = (config: string) => `example_${config.replace(/\.json$/, '').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()}`.slice(0, 90);

/** Reads an example card's config into what the sandbox's catalog holds, with the folder to build it from. */
export function readExampleCard(root: string, pick: ExamplePick, workDir: string): ExampleCard {
  const file = path.join(root, pick.config);
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const legacy = LegacyCard.safeParse(raw);
  const current = HsMetaCard.safeParse(raw);
  let name: string;
  let location: string;
  let entry: string;
  let types: z.infer<typeof ObjectTypes>;
  if (legacy.success) {
    ({ title: name, location, objectTypes: types } = legacy.data.data);
    entry = path.join(path.dirname(file), legacy.data.data.module.file);
  } else if (current.success) {
    ({ name, location, objectTypes: types } = current.data.config);
    // hsmeta entrypoints start at the project's srcDir: the folder holding app/.
    const srcDir = file.slice(0, file.lastIndexOf(`${path.sep}app${path.sep}`));
    entry = path.join(srcDir, current.data.config.entrypoint.replace(/^\/+/, ''));
  } else {
    throw new Error(`${pick.config} is neither a crm-card nor a card config`);
  }
  const objectTypes = types.map((t) => objectTypeFromName(typeof t === 'string' ? t : t.name)?.name).filter((t): t is SandboxObjectType['name'] => t !== undefined);

  // The card folder (with its package.json), copied without node_modules, then its packages linked in.
  const source = path.dirname(entry);
  const uid = uidOf(pick.config);
  const folder = path.join(workDir, uid);
  fs.rmSync(folder, { recursive: true, force: true });
  for (const f of listCardSources(source)) {
    const target = path.join(folder, path.relative(source, f));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(f, target);
  }
  if (fs.existsSync(path.join(folder, 'package.json'))) linkDeclaredPackages(folder);
  return { uid, name, description: pick.covers, location, objectTypes, entrypoint: path.join(folder, path.basename(entry)), packageDir: folder, covers: pick.covers, config: pick.config };
}
