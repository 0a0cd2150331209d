/**
 * The project's cards and functions as HubSpot sees them: read through HubSpot's own project parser
 * (`translateProject`), so a card shows up in the sandbox exactly when it would show up in a portal, at the location
 * and on the object types its `*-hsmeta.json` declares.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { executorFunctions, translateProject, type ExecutorFunction, type TranslatedProject } from '../build/hubspot-tooling';
import { SRC_DIR } from '../config/paths';
import { OBJECT_TYPES, objectTypeFromName, type SandboxObjectType } from './shared/object-types';

export const CARD_LOCATIONS = ['crm.record.sidebar', 'crm.record.tab'] as const;
export type CardLocation = (typeof CARD_LOCATIONS)[number];

/** One card, as the page needs it. */
export interface CatalogCard {
  readonly uid: string;
  readonly name: string;
  readonly description: string;
  /** The location from the hsmeta file; unknown locations are kept so the page can say it cannot place them. */
  readonly location: string;
  /** Object type names the card is configured for (`contacts`, `companies`, …). */
  readonly objectTypes: readonly SandboxObjectType['name'][];
  /** Absolute path of the entry file (`src/app/cards/X.tsx`). */
  readonly entrypoint: string;
  /**
   * The card folder whose package.json and node_modules the build may use. By default the nearest folder above the
   * entry with a package.json (src/app/cards); test cards that live elsewhere name the folder they build as part of.
   */
  readonly packageDir?: string;
}

export interface Catalog {
  readonly appName: string;
  /** The app's `permittedUrls.fetch`: the only URLs `hubspot.fetch` may reach. */
  readonly permittedFetchUrls: readonly string[];
  readonly cards: readonly CatalogCard[];
  readonly functions: readonly ExecutorFunction[];
  /** Profile variables (`src/hsprofile.<profile>.json`), which cards read as `context.variables`. */
  readonly variables: Readonly<Record<string, string | number | boolean>>;
  readonly profile: string | null;
}

const CardConfig = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  location: z.string(),
  entrypoint: z.string(),
  objectTypes: z.array(z.string()).default([]),
});
const AppConfig = z.looseObject({
  name: z.string().optional(),
  permittedUrls: z.looseObject({ fetch: z.array(z.string()).default([]) }).optional(),
});
const Profile = z.looseObject({ variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() });

/** Builds the catalog from a translated project (exported for tests). */
export function catalogFrom(project: TranslatedProject, variables: Catalog['variables'] = {}, profile: string | null = null): Catalog {
  const cards: CatalogCard[] = [];
  let appName = 'App';
  let permittedFetchUrls: string[] = [];
  for (const node of project.nodes) {
    if (node.componentType === 'APPLICATION') {
      const app = AppConfig.safeParse(node.config);
      if (app.success && app.data.name) appName = app.data.name;
      if (app.success) permittedFetchUrls = app.data.permittedUrls?.fetch ?? [];
    }
    if (node.componentType !== 'CARD') continue;
    const parsed = CardConfig.safeParse(node.config);
    if (!parsed.success) throw new Error(`card ${node.uid} (${node.metaFilePath}) has an unreadable config: ${parsed.error.message}`);
    const c = parsed.data;
    const objectTypes = c.objectTypes.map((t) => objectTypeFromName(t)?.name).filter((t): t is SandboxObjectType['name'] => t !== undefined);
    cards.push({
      uid: node.uid,
      name: c.name,
      description: c.description ?? '',
      location: c.location,
      objectTypes,
      entrypoint: path.join(SRC_DIR, c.entrypoint.replace(/^\/+/, '')),
    });
  }
  cards.sort((a, b) => a.uid.localeCompare(b.uid));
  return { appName, permittedFetchUrls, cards, functions: executorFunctions(project), variables, profile };
}

/** The profile the sandbox uses: `dev` when `src/hsprofile.dev.json` exists, else none. */
export function sandboxProfile(srcDir = SRC_DIR): string | null {
  return fs.existsSync(path.join(srcDir, 'hsprofile.dev.json')) ? 'dev' : null;
}

/** Reads the project through HubSpot's parser (with the `dev` profile when there is one). */
export async function loadCatalog(): Promise<Catalog> {
  const profile = sandboxProfile();
  const project = await translateProject(profile ? { profile } : {});
  let variables: Catalog['variables'] = {};
  if (profile) {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(SRC_DIR, `hsprofile.${profile}.json`), 'utf8'));
    const parsed = Profile.safeParse(raw);
    if (parsed.success && parsed.data.variables) variables = parsed.data.variables;
  }
  return catalogFrom(project, variables, profile);
}

/** The cards configured for an object type, in the order the page shows them. */
export function cardsFor(catalog: Catalog, objectType: string): CatalogCard[] {
  const t = OBJECT_TYPES.find((o) => o.name === objectType);
  if (!t) return [];
  return catalog.cards.filter((c) => c.objectTypes.includes(t.name));
}
