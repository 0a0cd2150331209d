/**
 * Every worker global the sandbox promises, exercised by a test-only card (fixtures/ProbeCard.tsx) built by HubSpot's
 * builder and run in a Web Worker in headless Chromium: context, the CRM hooks backed by the emulator, actions,
 * hubspot.serverless through HubSpot's executor, and the placeholder for a component the sandbox does not draw.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { forkTsChild, type TsChild } from '../testing/child-host';
import { describeInBrowser, launchBrowser, openRecord, SETTLE_MS, waitForCard, type Browser } from './harness';
import type { LogEntry, RecordSnapshot } from './sandbox-handlers';

const PROBE = 'sandbox_probe_card';

describeInBrowser('worker globals, through a probe card in headless Chromium', () => {
  let child: TsChild;
  let browser: Browser;
  let baseUrl: string;
  let contact: RecordSnapshot;
  let page: Page;

  const call = <T>(method: string, ...args: unknown[]) => child.call<T>(method, ...args);
  const probeText = (testId: string) => page.locator(`[data-card="${PROBE}"] [data-testid="${testId}"]`).innerText();
  const waitForProbeText = (testId: string, expected: RegExp) =>
    page.waitForFunction(
      ({ id, source }) => new RegExp(source).test(document.querySelector(`[data-card="sandbox_probe_card"] [data-testid="${id}"]`)?.textContent ?? ''),
      { id: testId, source: expected.source },
      { timeout: SETTLE_MS },
    );

  beforeAll(async () => {
    browser = await launchBrowser();
    child = await forkTsChild(path.join(__dirname, 'sandbox-handlers.ts'));
    baseUrl = (await call<{ url: string }>('start', true)).url;
    contact = await call<RecordSnapshot>('findRecord', 'contacts', { firstname: '*', email: '*', associatedcompanyid: '*' });
    page = await browser.newPage();
    await openRecord(page, baseUrl, 'contacts', contact.id);
    await waitForCard(page, PROBE);
    await waitForProbeText('probe-assoc', /^companies=/);
    await waitForProbeText('probe-search', /^search=/);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await child?.call('close').catch(() => undefined);
    await child?.close();
  }, 30_000);

  it('hands the card its CRM context (record, portal, user, card title)', async () => {
    expect(await probeText('probe-context')).toBe(`0-1/${contact.id} portal 12345678 user sandbox.user@example.com card Sandbox probe`);
  });

  it('answers useCrmProperties from the emulator', async () => {
    expect(await probeText('probe-props')).toBe(`firstname=${contact.properties.firstname}`);
  });

  it('answers useAssociations from the emulator (the record’s associations, then the companies’ names)', async () => {
    const names = await call<string[]>('companyNames', contact.id);
    expect(names.length).toBeGreaterThan(0);
    expect(await probeText('probe-assoc')).toBe(`companies=${names.join('|')}`);
  });

  it('answers useCrmSearch from the emulator’s search', async () => {
    expect(await probeText('probe-search')).toMatch(/^search=3\/\d+$/);
  });

  it('shows addAlert as a toast', async () => {
    await page.locator(`[data-card="${PROBE}"]`).getByRole('button', { name: 'Probe alert' }).click();
    await page.waitForSelector('.sbx-toast:has-text("hello from the probe card")');
    expect(await page.locator('.sbx-toast').last().getAttribute('data-toast-type')).toBe('success');
  });

  it('resolves hubspot.serverless to the function’s own answer, run by HubSpot’s executor against the emulator', async () => {
    const before = await call<number>('lastSeq');
    await page.locator(`[data-card="${PROBE}"]`).getByRole('button', { name: 'Probe function' }).click();
    await waitForProbeText('probe-fn', /^answered/);
    expect(await probeText('probe-fn')).toBe('answered ok=true');
    const log = await call<LogEntry[]>('requestLog', before);
    // The executor read propertiesToSend with the app token before calling main().
    expect(log.some((e) => e.method === 'GET' && e.path === `/crm/v3/objects/0-1/${contact.id}` && e.status === 200)).toBe(true);
  });

  it('reads properties with actions.fetchCrmObjectProperties', async () => {
    await page.locator(`[data-card="${PROBE}"]`).getByRole('button', { name: 'Probe fetch' }).click();
    await waitForProbeText('probe-fetched', /^email=/);
    expect(await probeText('probe-fetched')).toBe(`email=${contact.properties.email}`);
  });

  it('refreshObjectProperties reloads the page’s properties and re-runs the card’s property subscriptions', async () => {
    // The onCrmPropertiesUpdate subscription was registered by the previous test's click.
    const renamed = `Renamed${Date.now() % 100000}`;
    await call('patch', 'contacts', contact.id, { firstname: renamed });
    // Nothing changes until the card asks the host to refresh.
    expect(await probeText('probe-props')).toBe(`firstname=${contact.properties.firstname}`);
    await page.locator(`[data-card="${PROBE}"]`).getByRole('button', { name: 'Probe refresh' }).click();
    await waitForProbeText('probe-props', new RegExp(`^firstname=${renamed}$`));
    await page.waitForFunction((name) => document.querySelector('[data-property="firstname"] dd')?.textContent === name, renamed, { timeout: SETTLE_MS });
    await waitForProbeText('probe-updates', /^updates=[1-9]/);
  });

  it('refuses hubspot.fetch to a URL the app does not permit, naming permittedUrls.fetch', async () => {
    await page.locator(`[data-card="${PROBE}"]`).getByRole('button', { name: 'Probe hsFetch' }).click();
    await waitForProbeText('probe-hsfetch', /^refused/);
    expect(await probeText('probe-hsfetch')).toContain('https://api.example.com/data');
    expect(await probeText('probe-hsfetch')).toContain('permittedUrls.fetch');
  });

  it('answers openIframeModal with a dialog that names the page it would load', async () => {
    await page.locator(`[data-card="${PROBE}"]`).getByRole('button', { name: 'Probe iframe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Probe iframe' });
    expect(await dialog.innerText()).toContain('https://example.com/embed');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('shows a placeholder naming a component the sandbox does not draw, with its children inside', async () => {
    const placeholder = page.locator(`[data-card="${PROBE}"] [data-sbx-unsupported="FancyWidget"]`);
    expect(await placeholder.innerText()).toContain('Unsupported component: FancyWidget');
    expect(await placeholder.innerText()).toContain('inside the widget');
  });

  it("draws HubSpot's CrmPropertyList with the record's value from the emulator", async () => {
    const list = page.locator(`[data-card="${PROBE}"] [data-testid="probe-property-list"]`);
    await list.locator('[data-crm-property="email"] dd').waitFor({ timeout: SETTLE_MS });
    expect(await list.locator('[data-crm-property="email"] dt').innerText()).toBe('Email');
    expect((await list.locator('[data-crm-property="email"] dd').innerText()).replace('✎', '').trim()).toBe(contact.properties.email);
  });

  it('restarts every card on actions.reloadPage (the probe’s state starts over)', async () => {
    expect(await probeText('probe-fn')).toBe('answered ok=true');
    await page.locator(`[data-card="${PROBE}"]`).getByRole('button', { name: 'Probe reload' }).click();
    await waitForProbeText('probe-fn', /^not called$/);
    await waitForCard(page, PROBE);
  });

  it('raised no uncaught error in the page', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
