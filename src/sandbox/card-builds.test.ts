/**
 * Card builds see only the packages of the card's own folder, as HubSpot's remote build does (it installs that
 * folder's package.json and lock file and nothing else). `moment` is in the project's root node_modules (a tool
 * brings it), which is exactly what must not leak into a card.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CARDS_DIR, PROJECT_ROOT } from '../config/paths';
import type { CatalogCard } from './card-catalog';
import { installedPackageNames } from './card-stage';
import { forkTsChild, type TsChild } from './testing/child-host';
import { linkDeclaredPackages } from './testing/local-install';

jest.setTimeout(120_000);

const MOMENT_CARD = `import moment from 'moment';
import { Text, hubspot } from '@hubspot/ui-extensions';
hubspot.extend(() => <Text>{moment(0).utc().format('YYYY')}</Text>);
`;

let work: string;
let child: TsChild;
beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'card-builds-test-'));
  expect(fs.existsSync(path.join(PROJECT_ROOT, 'node_modules', 'moment', 'package.json'))).toBe(true);
  child = await forkTsChild(path.join(__dirname, 'testing', 'build-handlers.ts'));
});
afterAll(async () => {
  await child?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A card folder with `dependencies`, a card importing moment, and node_modules linked from this machine's copies. */
function cardFolder(name: string, dependencies: Record<string, string>, install: readonly string[], lock?: unknown): CatalogCard {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, dependencies }));
  if (lock !== undefined) fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock));
  fs.writeFileSync(path.join(dir, 'MomentCard.tsx'), MOMENT_CARD);
  expect(linkDeclaredPackages(dir, { only: install }).missing).toEqual([]);
  return { uid: `${name}_card`, name, description: '', location: 'crm.record.tab', objectTypes: ['contacts'], entrypoint: path.join(dir, 'MomentCard.tsx') };
}

const build = async (card: CatalogCard): Promise<string> => {
  const [built] = await child.call<{ uid: string; bundle: string }[]>('build', [card], path.join(work, 'out'));
  return built?.bundle ?? '';
};
const BASE = { '@hubspot/ui-extensions': '0.17.0', react: '18.3.1' };

it("fails with HubSpot's unresolved-import message naming a package the card folder does not declare", async () => {
  const card = cardFolder('undeclared', BASE, ['@hubspot/ui-extensions', 'react']);
  await expect(build(card)).rejects.toThrow(/unresolved import\. "moment" is imported by "[^"]*MomentCard\.tsx", but "moment" cannot be resolved\. Make sure "moment" is installed/);
  await expect(build(card)).rejects.toThrow(/packages of [^ ]*undeclared\/package\.json only/);
});

it('builds the same card once its folder declares and installs the package', async () => {
  const card = cardFolder('declared', { ...BASE, moment: '^2.30.1' }, ['@hubspot/ui-extensions', 'react', 'moment']);
  // moment's own code is inside the bundle, not looked up at run time.
  expect(await build(card)).toMatch(/isMoment/);
});

it('ignores a package sitting in node_modules that the lock file does not install', async () => {
  const lock = { lockfileVersion: 3, packages: { '': { dependencies: BASE }, 'node_modules/@hubspot/ui-extensions': { version: '0.17.0' }, 'node_modules/react': { version: '18.3.1' } } };
  const card = cardFolder('extraneous', BASE, ['@hubspot/ui-extensions', 'react', 'moment'], lock);
  expect(installedPackageNames(path.dirname(card.entrypoint))).toEqual(['@hubspot/ui-extensions', 'react']);
  await expect(build(card)).rejects.toThrow(/"moment" cannot be resolved/);
});

it("builds the project's cards with their folder's packages", async () => {
  const card: CatalogCard = { uid: 'lead_score_card', name: 'Lead score', description: '', location: 'crm.record.sidebar', objectTypes: ['contacts'], entrypoint: path.join(CARDS_DIR, 'LeadScoreCard.tsx') };
  expect((await build(card)).length).toBeGreaterThan(1000);
});
