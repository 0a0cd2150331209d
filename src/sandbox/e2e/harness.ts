/**
 * Shared by the browser tests: Debian's Chromium through playwright-core (no browser download), a fresh profile
 * per run, and the skip rule (locally without Chromium: skipped with a message; in CI: a failure).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../config/paths';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts');
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM_PATH);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** `describe` when Chromium is there (or in CI, where its absence must fail); otherwise one skipped test saying why. */
export function describeInBrowser(name: string, body: () => void): void {
  if (!HAS_CHROMIUM && !process.env.CI) {
    test.skip(`${name}: skipped, no Chromium at ${CHROMIUM_PATH} (install it with \`apt-get install chromium\` or set CHROMIUM_PATH)`, () => undefined);
    return;
  }
  describe(name, body);
}

export interface Browser {
  readonly context: BrowserContext;
  /** Uncaught errors of every page opened through `newPage`. */
  readonly pageErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!HAS_CHROMIUM) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}; CI must install it (apt-get install chromium)`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 1000 },
  });
  const pageErrors: string[] = [];
  return {
    context,
    pageErrors,
    newPage: async () => {
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    },
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a record page and waits for its title. */
export async function openRecord(page: Page, baseUrl: string, objectType: string, id: string): Promise<void> {
  await page.goto(`${baseUrl}#/${objectType}/${id}`);
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid="record-title"]');
    return t !== null && t.textContent !== '…';
  });
}

export const SETTLE_MS = 20_000;
/** How long a mounted card may stay empty before the caller looks at it. */
const EMPTY_GRACE_MS = 5_000;

/**
 * Waits until a card's first render arrived and nothing in it is loading any more (or it failed). Whether it drew
 * anything is for the caller to assert: a card that mounts empty is reported, not waited on.
 */
export async function waitForCard(page: Page, uid: string): Promise<void> {
  await page.waitForFunction(
    (cardUid) => {
      const frame = document.querySelector(`[data-card="${cardUid}"]`);
      if (!frame) return false;
      const state = frame.getAttribute('data-card-state');
      if (state === 'failed') return true;
      const tree = frame.querySelector('[data-card-children]');
      // Mounted: the card's first render arrived (a worker that started has not necessarily drawn anything yet).
      const mounted = tree !== null && tree.getAttribute('data-card-mounted') === 'true';
      return state === 'ready' && mounted && frame.querySelector('[data-hs="LoadingSpinner"]') === null && frame.querySelector('[aria-busy="true"]') === null;
    },
    uid,
    { timeout: SETTLE_MS },
  );
  // A card's first render may be empty while its hooks start (and under load its next render comes later): give it a
  // moment to draw before the caller judges what it shows. A card that stays empty is still reported by the caller.
  await page
    .waitForFunction(
      (cardUid) => {
        const frame = document.querySelector(`[data-card="${cardUid}"]`);
        if (!frame || frame.getAttribute('data-card-state') === 'failed') return true;
        return Number(frame.querySelector('[data-card-children]')?.getAttribute('data-card-children') ?? '0') > 0;
      },
      uid,
      { timeout: EMPTY_GRACE_MS },
    )
    .catch(() => undefined);
}
