/**
 * The cards' `propertiesToSend` lists name only properties that exist: a HubSpot built-in of that object type
 * (the emulator's standard properties, checked against a real portal's property dump) or one of the project's
 * own, declared in `src/core/** /properties.ts`. A renamed routing property fails here, not in a portal.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  LEAD_SCORE_PROPERTIES,
  OWNER_ROUTING_COMPANY_PROPERTIES,
  OWNER_ROUTING_CONTACT_PROPERTIES,
  OWNER_ROUTING_PROPERTIES,
  ROUTING_RECORD_PROPERTIES,
  SUPPORT_SYNC_PROPERTIES,
} from '../../app/cards/shared/contracts';
import { STANDARD_PROPERTIES } from '../../emulator/schema/standard-properties';

const CORE = join(__dirname, '..', '..', 'core');
const OBJECT_TYPE_IDS = { contacts: '0-1', companies: '0-2' } as const;
type CardObjectType = keyof typeof OBJECT_TYPE_IDS;

function propertiesModules(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return propertiesModules(path);
    return entry === 'properties.ts' ? [path] : [];
  });
}

interface Declared {
  readonly name: string;
  readonly objectType: string;
  readonly module: string;
}

const isDefinition = (v: unknown): v is { name: string; objectType: string } =>
  typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && typeof (v as { objectType?: unknown }).objectType === 'string';

/** Every PropertyDefinition exported (as an array) by a `properties.ts` module under src/core. */
function declaredProperties(): Declared[] {
  const out: Declared[] = [];
  for (const file of propertiesModules(CORE)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- modules found at run time
    const mod = require(file) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isDefinition(item)) out.push({ name: item.name, objectType: item.objectType, module: relative(CORE, file) });
      }
    }
  }
  return out;
}

const builtIn = (objectType: CardObjectType, name: string): boolean =>
  (STANDARD_PROPERTIES[OBJECT_TYPE_IDS[objectType]] ?? []).some((p) => p.name === name);

const LISTS: readonly [string, CardObjectType, readonly string[]][] = [
  ['LEAD_SCORE_PROPERTIES', 'contacts', LEAD_SCORE_PROPERTIES],
  ['OWNER_ROUTING_CONTACT_PROPERTIES', 'contacts', OWNER_ROUTING_CONTACT_PROPERTIES],
  ['OWNER_ROUTING_COMPANY_PROPERTIES', 'companies', OWNER_ROUTING_COMPANY_PROPERTIES],
  ['SUPPORT_SYNC_PROPERTIES', 'contacts', SUPPORT_SYNC_PROPERTIES],
];

describe("the cards' propertiesToSend", () => {
  const declared = declaredProperties();

  it('finds the declared properties of the areas (the scan itself works)', () => {
    expect(declared.some((d) => d.module.startsWith('routing'))).toBe(true);
  });

  it.each(LISTS)('%s (%s) names only built-in or declared properties', (_list, objectType, names) => {
    const unknown = names.filter((name) => !builtIn(objectType, name) && !declared.some((d) => d.name === name && d.objectType === objectType));
    expect(unknown).toEqual([]);
  });

  it('sends every routing property the routing area declares, on both object types', () => {
    for (const objectType of ['contacts', 'companies'] as const) {
      const routing = declared.filter((d) => d.module.startsWith('routing') && d.objectType === objectType).map((d) => d.name);
      expect([...OWNER_ROUTING_PROPERTIES[objectType]]).toEqual(expect.arrayContaining(routing));
      expect([...ROUTING_RECORD_PROPERTIES].sort()).toEqual([...routing].sort());
    }
  });

  it('sends the company-size property that exists on each object type', () => {
    expect(builtIn('contacts', 'numemployees')).toBe(true);
    expect(builtIn('companies', 'numberofemployees')).toBe(true);
    expect(OWNER_ROUTING_PROPERTIES.contacts).toContain('numemployees');
    expect(OWNER_ROUTING_PROPERTIES.companies).toContain('numberofemployees');
    expect(OWNER_ROUTING_PROPERTIES.companies).not.toContain('associatedcompanyid');
  });
});
