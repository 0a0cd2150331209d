/**
 * Sync that syncs, in the sandbox in headless Chromium: the Support & Sync card's Retry sync copies the contact to
 * the Mailchimp emulator and shows "In sync" on the same click; an unsubscribe made in Mailchimp comes back after a
 * sweep as "Excluded: unsubscribed in Mailchimp"; a new HubSpot ticket becomes one Zendesk ticket whose id the card
 * links. No credential the functions were given reaches the page.
 */
import path from 'node:path';
import type { Page, Response } from 'playwright-core';
import { forkTsChild, type TsChild } from '../testing/child-host';
import { ARTIFACTS, SETTLE_MS, describeInBrowser, launchBrowser, openRecord, waitForCard, type Browser } from './harness';

const CARD = '[data-card="support_sync_card"]';

describeInBrowser('sync in the sandbox (headless Chromium)', () => {
  let child: TsChild;
  let browser: Browser;
  let baseUrl: string;
  /** Every answer the page received from the sandbox server, for the secret scan. */
  const bodies: string[] = [];
  const call = <T>(method: string, ...args: unknown[]) => child.call<T>(method, ...args);

  beforeAll(async () => {
    browser = await launchBrowser();
    child = await forkTsChild(path.join(__dirname, 'sync-handlers.ts'));
    baseUrl = (await call<{ url: string }>('start')).url;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await child?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1024, height: 1000 });
    page.on('response', (r: Response) => {
      if (r.url().includes('/api/')) void r.text().then((t) => bodies.push(t), () => undefined);
    });
    return page;
  }

  const row = (page: Page, name: string) => page.locator(`${CARD} tr`).filter({ hasText: name });
  const activityCount = (page: Page, label: string) => page.locator(`[data-activity-label="${label}"]`).count();

  async function sweep(page: Page): Promise<string> {
    const shown = page.getByTestId('dest-sweep-result');
    const before = (await shown.count()) > 0 ? await shown.getAttribute('data-sweep-at') : null;
    await page.getByTestId('dest-run-sweep').click();
    await page.waitForFunction(
      (prev) => {
        const el = document.querySelector('[data-testid="dest-sweep-result"]');
        return el !== null && el.getAttribute('data-sweep-at') !== prev;
      },
      before,
      { timeout: 60_000 },
    );
    return page.getByTestId('dest-sweep-result').innerText();
  }

  async function refreshCard(page: Page): Promise<void> {
    const calls = await activityCount(page, 'record_status');
    await page.locator(CARD).getByRole('button', { name: 'Refresh' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-activity-label="record_status"]').length > n, calls, { timeout: SETTLE_MS });
    await waitForCard(page, 'support_sync_card');
  }

  let contact: { id: string; email: string; firstname: string; lastname: string; company: string };

  it('Retry sync on a contact marked failed for Mailchimp: the member holds the mapped merge fields and the card says In sync on the same click', async () => {
    contact = await call('contactFailedForMailchimp');
    const page = await newPage();
    await openRecord(page, baseUrl, 'contacts', contact.id);
    await waitForCard(page, 'support_sync_card');
    const mailchimp = row(page, 'Mailchimp');
    await expect(mailchimp.getByTestId(/sync-status/).innerText()).resolves.toBe('Failed');
    // The card's first load, as the activity panel lists it.
    await page.locator('[data-activity-label="record_status"]').first().waitFor({ timeout: SETTLE_MS });
    const statusCalls = await activityCount(page, 'record_status');

    await mailchimp.getByRole('button', { name: 'Retry sync' }).click();
    await page.waitForFunction(
      (sel) => [...document.querySelectorAll(`${sel} tr`)].some((tr) => (tr.textContent ?? '').includes('Mailchimp') && (tr.textContent ?? '').includes('In sync with Mailchimp')),
      CARD,
      { timeout: SETTLE_MS },
    );
    await page.locator('[data-activity-label="request_sync"]').first().waitFor({ timeout: SETTLE_MS });
    // The same click: the answer carried the new row; the card did not load record_status again.
    expect(await activityCount(page, 'record_status')).toBe(statusCalls);
    expect(await mailchimp.getByTestId(/sync-status/).innerText()).toBe('In sync');
    expect(await page.locator('.sbx-toast').last().innerText()).toMatch(/Synced to Mailchimp/);

    const member = await call<{ status: string; mergeFields: Record<string, string> } | null>('member', contact.email);
    expect(member).toEqual({ status: 'pending', mergeFields: { FNAME: 'Ada', LNAME: contact.lastname, COMPANY: 'Analytical Engines' }, statuses: ['pending'] });
    const props = await call<Record<string, string>>('properties', 'contacts', contact.id);
    expect(props).toMatchObject({ lead_ops_sync_mailchimp_status: 'synced' });
    // The panel shows the member the sync created.
    await page.getByTestId('dest-mailchimp-status').waitFor({ timeout: SETTLE_MS });
    expect(await page.getByTestId('dest-mailchimp-merge-COMPANY').innerText()).toBe('Analytical Engines');
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-sync-retry.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('an unsubscribe in Mailchimp, then a sweep: the card shows Excluded: unsubscribed in Mailchimp', async () => {
    const page = await newPage();
    await openRecord(page, baseUrl, 'contacts', contact.id);
    await waitForCard(page, 'support_sync_card');
    await page.getByTestId('dest-action-mailchimp-unsubscribe').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="dest-mailchimp-status"]')?.textContent === 'unsubscribed', undefined, { timeout: SETTLE_MS });

    const result = await sweep(page);
    expect(result).toMatch(/Mailchimp: .*1 excluded there since/);
    await refreshCard(page);
    const mailchimp = row(page, 'Mailchimp');
    expect(await mailchimp.getByTestId(/sync-status/).innerText()).toBe('Excluded');
    expect(await mailchimp.innerText()).toContain('unsubscribed in Mailchimp');
    // Excluded: no Retry sync, and nobody re-subscribed the person.
    expect(await mailchimp.getByRole('button', { name: 'Retry sync' }).count()).toBe(0);
    expect((await call<{ statuses: string[] }>('member', contact.email)).statuses).toEqual(['pending', 'unsubscribed']);
    await page.locator(CARD).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-sync-excluded.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('a new HubSpot ticket in the support pipeline: one Zendesk ticket after a sweep, its id on the ticket, and the card links it', async () => {
    const ticketId = await call<string>('newTicket', contact.id, 'CSV export times out');
    const page = await newPage();
    await openRecord(page, baseUrl, 'contacts', contact.id);
    await waitForCard(page, 'support_sync_card');
    const result = await sweep(page);
    expect(result).toMatch(/Zendesk: .*Tickets: 1 created, 1 linked/);
    const zendesk = await call<{ id: number; subject: string }[]>('zendeskTickets', ticketId);
    expect(zendesk).toEqual([{ id: expect.any(Number), subject: 'CSV export times out' }]);
    const zendeskId = String(zendesk[0]?.id);
    expect((await call<Record<string, string>>('properties', 'tickets', ticketId)).lead_ops_helpdesk_ticket_id).toBe(zendeskId);

    // A second sweep creates nothing more.
    await sweep(page);
    expect(await call<unknown[]>('zendeskTickets', ticketId)).toHaveLength(1);

    await refreshCard(page);
    const ticketRow = page.locator(`${CARD} tr`).filter({ hasText: 'CSV export times out' });
    const link = ticketRow.getByRole('link');
    await expect(link.innerText()).resolves.toMatch(new RegExp(`^${zendeskId}\\b`));
    expect(await page.getByTestId('dest-zendesk-tickets').innerText()).toContain(`#${zendeskId} CSV export times out`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-sync-ticket.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('no credential the functions were given appears in anything the page received', async () => {
    const secrets = await call<string[]>('secretValues');
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    expect(bodies.length).toBeGreaterThan(10);
    for (const s of secrets) expect(bodies.filter((b) => b.includes(s)).map((b) => b.slice(0, 200))).toEqual([]);
  });
});
