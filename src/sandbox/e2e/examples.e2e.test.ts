/**
 * HubSpot's own example cards (HubSpot/ui-extensions-examples) in the sandbox, in headless Chromium: each builds with
 * HubSpot's builder and its own folder's packages, starts, and renders with no placeholder and no page error. The
 * examples are read at test time from a local copy named by UI_EXTENSIONS_EXAMPLES_DIR (nothing of them is kept in
 * this repository); without it the suite is skipped with a message saying how to run it.
 *
 * Besides rendering, it checks what a user would check: the stacked bar chart of the charts example stacks (each
 * month's column tops out at the month's total), the association table lists the contact's open deals, overlays
 * open one at a time with their variants, a multi-step form moves on, and the deal stage tracker shows the deal's
 * stage. It saves screenshots at 1024 and 1440 px in test-artifacts/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SandboxInfo } from '../shared/protocol';
import { forkTsChild, type TsChild } from '../testing/child-host';
import { readExampleCard, type ExampleCard, type ExamplePick } from '../testing/example-cards';
import { ARTIFACTS, SETTLE_MS, describeInBrowser, launchBrowser, openRecord as open, waitForCard, type Browser } from './harness';
import type { RecordSnapshot } from './sandbox-handlers';

const EXAMPLES_DIR = process.env.UI_EXTENSIONS_EXAMPLES_DIR;

/** The examples shown, chosen to cover CRM data components, charts, overlays, forms and tables. */
const PICKS: readonly ExamplePick[] = [
  { config: 'charts-example/private/src/app/extensions/charts-example-card.json', covers: 'charts: LineChart and a stacked BarChart' },
  { config: 'crm-data-components/src/app/extensions/association-table-example-card.json', covers: 'CRM data: CrmAssociationTable' },
  { config: 'crm-data-components/src/app/extensions/stage-tracker-example-card.json', covers: 'CRM data: CrmStageTracker, CrmAssociationPivot, a Select' },
  { config: 'overlay-example/src/app/extensions/overlay-example-card.json', covers: 'overlays: Modal variants, Panel variants, a table' },
  { config: 'design-patterns/src/app/extensions/form-multistep.json', covers: 'forms: a multi-step form in a modal Panel with a StepIndicator' },
  { config: 'design-patterns/src/app/extensions/form-modal.json', covers: 'forms: a form in a Modal' },
  { config: 'design-patterns/src/app/extensions/table-card.json', covers: 'tables: a paginated, sortable Table' },
  { config: 'design-patterns/src/app/extensions/button-panel-card.json', covers: 'overlays: buttons opening Panels' },
  { config: 'flex-and-box/src/app/extensions/flex-and-box-example-card.json', covers: 'layout: Flex, Box, Tile, a form' },
  { config: 'example-2025-2-project/src/app/cards/card-hsmeta.json', covers: 'an hsmeta card: EmptyState, Link' },
  { config: 'display-iframe-modal/src/app/extensions/iframe-modal-example-card.json', covers: 'actions: openIframeModal' },
];

if (!EXAMPLES_DIR) {
  test.skip("HubSpot's example cards: skipped; set UI_EXTENSIONS_EXAMPLES_DIR to a local copy of https://github.com/HubSpot/ui-extensions-examples to run them", () => undefined);
} else {
  describeInBrowser("HubSpot's example cards in the sandbox", () => {
    const root = EXAMPLES_DIR;
    let work: string;
    let cards: ExampleCard[];
    let child: TsChild;
    let info: SandboxInfo;
    let baseUrl: string;
    let browser: Browser;
    let page: Page;
    let contact: RecordSnapshot;
    let deals: RecordSnapshot[];
    /** What each card showed, written to test-artifacts/examples.json for whoever reads the run. */
    const seen: Record<string, { covers: string; text: string }> = {};

    const call = <T>(method: string, ...args: unknown[]) => child.call<T>(method, ...args);
    const card = (config: string) => {
      const c = cards.find((x) => x.config === config);
      if (!c) throw new Error(`no example ${config}`);
      return c;
    };
    const frame = (config: string) => page.locator(`[data-card="${card(config).uid}"]`);

    /** Shows a tab card and waits until it has drawn (and loaded what it reads). */
    async function showTab(config: string) {
      await page.getByRole('tab', { name: card(config).name, exact: true }).click();
      try {
        await waitForCard(page, card(config).uid);
      } catch (e) {
        throw new Error(`${config} did not settle: ${(await frame(config).innerHTML()).slice(0, 3000)}`, { cause: e });
      }
    }

    /** Shows each example card of an object type in turn: drawn, nothing unsupported, no CRM error; notes what it shows. */
    async function expectAllRendered(objectType: 'contacts' | 'deals') {
      for (const c of cards.filter((x) => x.objectTypes.includes(objectType))) {
        await showTab(c.config);
        const f = frame(c.config);
        expect([c.config, await f.getAttribute('data-card-state')]).toEqual([c.config, 'ready']);
        expect([c.config, await f.locator('.sbx-unsupported').allTextContents()]).toEqual([c.config, []]);
        expect([c.config, await f.locator('[data-crm-error]').count()]).toEqual([c.config, 0]);
        expect(Number(await f.locator('[data-card-children]').getAttribute('data-card-children'))).toBeGreaterThan(0);
        seen[c.config] = { covers: c.covers, text: (await f.innerText()).replace(/\s+/g, ' ').slice(0, 300) };
        await page.screenshot({ path: path.join(ARTIFACTS, `examples-${c.uid}-1440.png`), fullPage: true });
      }
    }

    beforeAll(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-extensions-examples-'));
      cards = PICKS.map((p) => readExampleCard(root, p, work));
      browser = await launchBrowser();
      child = await forkTsChild(path.join(__dirname, 'sandbox-handlers.ts'));
      const started = await call<{ url: string; info: SandboxInfo }>('startWithCards', cards);
      baseUrl = started.url;
      info = started.info;
      contact = await call<RecordSnapshot>('findRecord', 'contacts', { email: '*', firstname: '*' });
      // The association table example lists the contact's open deals worth more than $1000.
      deals = await call<RecordSnapshot[]>('openDeals', 1000, 3);
      for (const d of deals) await call('associate', 'contacts', contact.id, 'deals', d.id);
      page = await browser.newPage();
    }, 300_000);

    afterAll(async () => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS, 'examples.json'), JSON.stringify(seen, null, 2));
      await browser?.close();
      await child?.call('close').catch(() => undefined);
      await child?.close();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    }, 60_000);

    it('builds every example with its own folder’s packages', () => {
      expect(info.buildError).toBeNull();
      expect(cards.filter((c) => info.cards.find((v) => v.uid === c.uid)?.bundleUrl === null)).toEqual([]);
      expect(cards.length).toBeGreaterThanOrEqual(8);
    });

    it('renders every contact example with no placeholder, no failure and no loading left', async () => {
      await open(page, baseUrl, 'contacts', contact.id);
      await expectAllRendered('contacts');
    }, 180_000);

    it('stacks the charts example’s bar chart: each month’s column tops out at the month’s total', async () => {
      await showTab(PICKS[0]?.config ?? '');
      const chart = frame(PICKS[0]?.config ?? '').locator('[data-hs="BarChart"]');
      const measured = await chart.evaluate((figure) => {
        const ticks = [...figure.querySelectorAll<SVGGElement>('.hs-chart-ytick')].map((g) => ({ v: Number(g.dataset.tickValue), y: Number(g.querySelector('line')?.getAttribute('y1')) }));
        const [a, b] = [ticks[0], ticks[ticks.length - 1]];
        const toValue = (px: number) => (a && b ? a.v + ((px - a.y) * (b.v - a.v)) / (b.y - a.y) : NaN);
        return [...figure.querySelectorAll<SVGGElement>('.hs-chart-slot')].map((slot) => {
          const rects = [...slot.querySelectorAll<SVGRectElement>('rect.hs-chart-bar')];
          const sum = rects.reduce((n, r) => n + Number(r.dataset.value), 0);
          const top = Math.min(...rects.map((r) => Number(r.getAttribute('y'))));
          return { month: slot.dataset.x, segments: rects.length, sum, top: toValue(top), lefts: new Set(rects.map((r) => r.getAttribute('x'))).size, max: b?.v ?? 0 };
        });
      });
      expect(measured.length).toBeGreaterThan(1);
      expect(measured.some((m) => m.segments > 1)).toBe(true);
      for (const m of measured) {
        expect(m.lefts).toBe(1);
        expect(m.top).toBeCloseTo(m.sum, 3);
        expect(m.max).toBeGreaterThanOrEqual(m.sum);
      }
      expect(await frame(PICKS[0]?.config ?? '').locator('.hs-chart-legend').count()).toBe(2);
      expect(await frame(PICKS[0]?.config ?? '').locator('[data-hs="BarChart"] .hs-chart-total-label').count()).toBe(measured.length);
      await page.screenshot({ path: path.join(ARTIFACTS, 'examples-charts-1440.png'), fullPage: true });
      await page.setViewportSize({ width: 1024, height: 900 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'examples-charts-1024.png'), fullPage: true });
      await page.setViewportSize({ width: 1440, height: 1000 });
    });

    it("lists the contact's open deals in the association table example, cheapest first", async () => {
      const config = PICKS[1]?.config ?? '';
      await showTab(config);
      const table = frame(config).locator('[data-hs="CrmAssociationTable"]');
      const expected = [...deals].sort((a, b) => Number(a.properties.amount) - Number(b.properties.amount)).map((d) => d.properties.dealname);
      await page.waitForFunction((n) => document.querySelectorAll('[data-hs="CrmAssociationTable"] tbody tr[data-record-id]').length === n, deals.length, { timeout: SETTLE_MS });
      expect(await table.locator('tbody tr td:first-child').allInnerTexts()).toEqual(expected);
      expect(await table.locator('.hs-crm-count').innerText()).toBe(`${deals.length} deals`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'examples-association-table-1440.png'), fullPage: true });
    });

    it('opens the overlay example’s overlays one at a time, with their variants', async () => {
      const config = PICKS[3]?.config ?? '';
      await showTab(config);
      await frame(config).getByRole('button', { name: 'Open "default" Modal' }).click();
      await page.getByRole('dialog').waitFor({ timeout: SETTLE_MS });
      expect(await page.getByRole('dialog').count()).toBe(1);
      expect(await page.getByRole('dialog').getAttribute('aria-label')).toBe('Contact information');
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await frame(config).getByRole('button', { name: 'Open "modal" Panel' }).click();
      const panel = page.getByRole('dialog', { name: 'Customize your Red Tshirt' });
      await panel.waitFor({ timeout: SETTLE_MS });
      expect(await panel.getAttribute('aria-modal')).toBe('true');
      await panel.getByRole('button', { name: 'Increase' }).click();
      expect(await panel.getByRole('textbox', { name: 'Quantity' }).inputValue()).toBe('2');
      await page.screenshot({ path: path.join(ARTIFACTS, 'examples-overlay-panel-1440.png') });
      await panel.getByRole('button', { name: 'Close' }).click();
      await frame(config).getByRole('button', { name: 'Open "default" Panel' }).click();
      await page.getByRole('dialog', { name: 'Customize your Red Tshirt' }).waitFor({ timeout: SETTLE_MS });
      expect(await page.getByRole('dialog', { name: 'Customize your Red Tshirt' }).getAttribute('aria-modal')).toBe('false');
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();
      expect(await page.getByRole('dialog').count()).toBe(0);
    });

    it('moves the multi-step form on once the email is given', async () => {
      const config = PICKS[4]?.config ?? '';
      await showTab(config);
      await frame(config).getByRole('button', { name: 'Display Form' }).click();
      const panel = page.getByRole('dialog', { name: 'Dialog Header' });
      await panel.waitFor({ timeout: SETTLE_MS });
      expect(await panel.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
      await panel.getByRole('textbox', { name: 'Email' }).fill('ada@example.com');
      await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('[role=dialog] .hs-overlay-footer button')?.disabled, undefined, { timeout: SETTLE_MS });
      await panel.getByRole('button', { name: 'Next' }).click();
      await page.waitForFunction(() => document.querySelector('.hs-step-current .hs-step-name')?.textContent === 'Event', undefined, { timeout: SETTLE_MS });
      await panel.getByRole('button', { name: 'Cancel' }).click();
    }, 60_000);

    it('renders the deal examples, with the deal’s own stage in the stage tracker', async () => {
      const deal = deals[0];
      if (!deal) throw new Error('no open deal');
      await open(page, baseUrl, 'deals', deal.id);
      await expectAllRendered('deals');
      const config = PICKS[2]?.config ?? '';
      await showTab(config);
      const tracker = frame(config).locator('[data-hs="CrmStageTracker"] .hs-stage-tracker');
      await tracker.waitFor({ timeout: SETTLE_MS });
      expect(await tracker.getAttribute('data-stage')).toBe(deal.properties.dealstage);
      await page.screenshot({ path: path.join(ARTIFACTS, 'examples-deal-1440.png'), fullPage: true });
      await page.setViewportSize({ width: 1024, height: 900 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'examples-deal-1024.png'), fullPage: true });
      await page.setViewportSize({ width: 1440, height: 1000 });
    }, 120_000);

    it('printed nothing the sandbox could not draw, and raised no page error', async () => {
      expect((await call<string[]>('printed')).filter((l) => /NOT DRAWN|not drawn as HubSpot does/.test(l))).toEqual([]);
      expect(browser.pageErrors).toEqual([]);
    });
  });
}
