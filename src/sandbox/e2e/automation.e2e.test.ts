/**
 * Automation in the sandbox, in headless Chromium: the "New contact" form creates a lead, the emulator delivers the
 * webhook to the endpoint function (HubSpot's executor), and within seconds, with nobody clicking, the contact is
 * scored and routed and the page shows the event, the decision and the API calls it cost.
 */
import path from 'node:path';
import { forkTsChild, type TsChild } from '../testing/child-host';
import { ARTIFACTS, describeInBrowser, launchBrowser, type Browser } from './harness';
import type { RecordSnapshot } from './sandbox-handlers';

describeInBrowser('sandbox automation in headless Chromium', () => {
  let child: TsChild;
  let browser: Browser;
  let baseUrl: string;
  const call = <T>(method: string, ...args: unknown[]) => child.call<T>(method, ...args);

  beforeAll(async () => {
    browser = await launchBrowser();
    child = await forkTsChild(path.join(__dirname, 'sandbox-handlers.ts'));
    baseUrl = (await call<{ url: string }>('start')).url;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await child?.close();
  });

  it('a new contact is scored and routed within seconds, and the page shows the event, the decision and its API calls', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}#/automation`);
    await page.getByRole('form', { name: 'New contact' }).waitFor();
    const email = `new.lead.${Date.now()}@acme-robotics.test`;
    await page.fill('input[name=email]', email);
    await page.fill('input[name=firstname]', 'Nora');
    await page.fill('input[name=jobtitle]', 'VP Operations');
    await page.selectOption('select[name=numemployees]', '100-500');
    const started = Date.now();
    await page.getByRole('button', { name: 'Create contact' }).click();
    const outcome = page.getByTestId('automation-outcome');
    await outcome.waitFor({ timeout: 10_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(await outcome.textContent()).toMatch(/Scored \d+ \(.+\) and routing assigned to owner \d+, automatically\./);

    const id = (await page.getByTestId('automation-created').locator('a').textContent())?.replace(/\D/g, '') ?? '';
    const contact = await call<RecordSnapshot>('record', 'contacts', id);
    expect(contact.properties.email).toBe(email);
    expect(contact.properties.hubspot_owner_id).toBeTruthy();
    expect(contact.properties.lead_ops_score_status).toBe('scored');
    expect(contact.properties.lead_ops_routing_note_id).toBeTruthy();

    const delivery = page.getByTestId('automation-delivery').filter({ has: page.locator(`[data-record-id="${id}"]`) }).first();
    expect(await delivery.textContent()).toContain(`contact ${id} created`);
    expect(await delivery.locator(`[data-testid=automation-decision][data-record-id="${id}"]`).getAttribute('data-route')).toBe('ASSIGNED');
    const calls = Number((await delivery.getByTestId('automation-call-count').textContent())?.replace(/\D/g, ''));
    expect(calls).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-automation.png'), fullPage: true });
    await page.close();
  });
});
