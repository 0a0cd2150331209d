/**
 * Child-side handlers for the card build tests: HubSpot's builder is ESM-only, which Jest's CommonJS runtime cannot
 * load, so the builds run in a child Node process (child-host.ts).
 */
import { buildCards } from '../card-builds';
import type { CatalogCard } from '../card-catalog';

export const handlers = {
  /** Builds the cards; answers each bundle's uid and source text. */
  build: async (cards: CatalogCard[], outRoot: string): Promise<{ uid: string; bundle: string }[]> => {
    const result = await buildCards(cards, { outRoot });
    const fs = await import('node:fs');
    return [...result.cards.values()].map((c) => ({ uid: c.uid, bundle: fs.readFileSync(c.file, 'utf8') }));
  },
};
