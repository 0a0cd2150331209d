/**
 * The sandbox in a real browser: Debian's Chromium driven by playwright-core (no browser download), against the
 * sandbox started as `npm start` starts it, on free ports. Every assertion about the portal reads the emulator's own
 * store and request log.
 *
 * The sandbox runs in a child Node process (testing/child-entry.ts): HubSpot's builder, parser and executor are
 * ESM-only packages loaded with import(), which Jest's CommonJS runtime cannot load. The child answers the test's
 * questions about its emulator over IPC.
 *
 * Locally without Chromium the suite is skipped with a message; in CI (CI=true) a missing Chromium fails it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../config/paths';
import type { SandboxInfo } from '../shared/protocol';
import * as demoPortal from '../demo-portal';
import { forkTsChild, type TsChild } from '../testing/child-host';
import { ARTIFACTS, SETTLE_MS, describeInBrowser, launchBrowser, openRecord as open, waitForCard, type Browser } from './harness';
import type { LogEntry, RecordSnapshot } from './sandbox-handlers';

/**
 * The button tests need the real functions (issues 4, 5, 6) and the project's `lead_ops_*` properties in the demo
 * portal (`lead-ops setup` + the demo loader, DECISIONS 19). They switch on by themselves once the function's source
 * no longer carries the PLACEHOLDER marker and demo-portal.ts is no longer the stand-in; until then they are todo.
 */
function isReal(functionSource: string): boolean {
  const file = path.join(PROJECT_ROOT, 'src', 'functions', functionSource);
  return fs.existsSync(file) && !fs.readFileSync(file, 'utf8').includes('PLACEHOLDER');
}
// Read through the namespace: when the lead removes the flag, the tests run.
const DEMO_PORTAL_IS_STAND_IN = (demoPortal as { DEMO_PORTAL_IS_STAND_IN?: boolean }).DEMO_PORTAL_IS_STAND_IN;
const whenReal = (functionSource: string) => {
  if (!isReal(functionSource)) return (name: string) => test.todo(`${name} (waits for the real ${functionSource})`);
  if (DEMO_PORTAL_IS_STAND_IN === true) return (name: string) => test.todo(`${name} (waits for the demo portal: prepareDemoPortal is a stand-in)`);
  return test;
};

describeInBrowser('the sandbox in headless Chromium', () => {
  let child: TsChild;
  let info: SandboxInfo;
  let baseUrl: string;
  let browser: Browser;
  let contact: RecordSnapshot;
  let company: RecordSnapshot;

  const call = <T>(method: string, ...args: unknown[]) => child.call<T>(method, ...args);

  beforeAll(async () => {
    browser = await launchBrowser();
    child = await forkTsChild(path.join(__dirname, 'sandbox-handlers.ts'));
    const started = await call<{ url: string; info: SandboxInfo }>('start');
    baseUrl = started.url;
    info = started.info;
    contact =
      (await call<RecordSnapshot | null>('findRecord', 'contacts', { email: '*', associatedcompanyid: '*', lastname: '*' })) ??
      (await call<RecordSnapshot>('findRecord', 'contacts', { email: '*' }));
    company = (await call<RecordSnapshot | null>('findRecord', 'companies', { name: '*', numberofemployees: '*' })) as RecordSnapshot;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await child?.call('close').catch(() => undefined);
    await child?.close();
  }, 30_000);

  const newPage = () => browser.newPage();
  const openRecord = (page: Page, objectType: string, id: string) => open(page, baseUrl, objectType, id);
  const pageErrors = () => browser.pageErrors;

  /** What a user sees in a settled card; fails the test on an empty, failed or partly unsupported card. */
  interface SettledCard {
    readonly text: string;
    /** The card shows an ErrorState (possible only while the demo portal is not prepared). */
    readonly showsError: boolean;
  }

  /** The card's own content: checked unless it shows an error it may rightly show before the demo portal exists. */
  const expectShows = (card: SettledCard, pattern: RegExp) => {
    if (!card.showsError) expect(card.text).toMatch(pattern);
  };

  async function settledCard(page: Page, uid: string): Promise<SettledCard> {
    await waitForCard(page, uid);
    const frame = page.locator(`[data-card="${uid}"]`);
    expect(await frame.getAttribute('data-card-state')).toBe('ready');
    expect(await frame.locator('[data-card-children]').getAttribute('data-card-children')).not.toBe('0');
    expect(await frame.locator('.sbx-unsupported').allTextContents()).toEqual([]);
    // Until the demo portal has the project's properties (prepareDemoPortal), a function may rightly answer that a
    // property is missing; the card must still show it. With the demo portal prepared, no card may show an error.
    const errors = await frame.locator('[data-hs="ErrorState"]').allInnerTexts();
    if (info.demo.prepared) expect(errors).toEqual([]);
    const text = (await frame.locator('.sbx-card-tree').innerText()).trim();
    expect(text).not.toBe('');
    return { text, showsError: errors.length > 0 };
  }

  /**
   * The panel's call count once it caught up with the emulator's log (it polls every 1.5 s), or what it shows after
   * 10 s. Returns both, for the assertion.
   */
  async function activityCountAgainstLog(page: Page, afterSeq: number): Promise<{ shown: number; logged: number }> {
    let shown = -1;
    let logged = -2;
    for (let i = 0; i < 25 && shown !== logged; i += 1) {
      await page.waitForTimeout(400);
      shown = Number(await page.locator('[data-testid="activity-call-count"]').innerText());
      logged = (await call<LogEntry[]>('requestLog', afterSeq)).length;
    }
    return { shown, logged };
  }

  /** Waits until the sandbox serves nothing (earlier pages' requests have drained); answers the emulator's last seq. */
  const emulatorIdle = () => call<number>('idle');

  const cardsFor = (objectType: string, location: string) =>
    info.cards.filter((c) => c.objectTypes.includes(objectType) && c.location === location).map((c) => c.uid);

  it('finds a contact through the list search and opens its record page', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}#/contacts`);
    await page.waitForSelector('[data-list="contacts"] tbody tr');
    const email = contact.properties.email as string;
    await page.fill('input[type="search"]', email);
    await page.waitForFunction((id) => {
      const rows = [...document.querySelectorAll('[data-list="contacts"] tbody tr')];
      return rows.length >= 1 && rows.every((r) => r.getAttribute('data-record-id') === id);
    }, contact.id);
    await page.click(`[data-record-id="${contact.id}"] a`);
    await page.waitForFunction(() => (document.querySelector('[data-testid="record-title"]')?.textContent ?? '…') !== '…');
    const title = await page.locator('[data-testid="record-title"]').innerText();
    expect(title).toBe(`${contact.properties.firstname ?? ''} ${contact.properties.lastname ?? ''}`.trim() || email);
    await page.close();
  }, 60_000);

  it('shows a contact with its properties and every configured card, each with content', async () => {
    const page = await newPage();
    const before = await emulatorIdle();
    await openRecord(page, 'contacts', contact.id);
    // Properties on the left come from the emulator's record.
    await expect(page.locator('[data-property="email"] dd').innerText()).resolves.toBe(contact.properties.email);

    const sidebar = cardsFor('contacts', 'crm.record.sidebar');
    const tabs = cardsFor('contacts', 'crm.record.tab');
    expect(sidebar).toEqual(expect.arrayContaining(['lead_score_card', 'owner_routing_card']));
    expect(tabs).toEqual(['support_sync_card']);
    for (const uid of sidebar) await expect(page.locator(`.sbx-record-right [data-card="${uid}"]`).count()).resolves.toBe(1);
    for (const uid of tabs) await expect(page.locator(`.sbx-record-middle [data-card="${uid}"]`).count()).resolves.toBe(1);

    expectShows(await settledCard(page, 'lead_score_card'), /score/i);
    expectShows(await settledCard(page, 'owner_routing_card'), /owner/i);
    expectShows(await settledCard(page, 'support_sync_card'), /ticket/i);

    // Each card called its function through HubSpot's executor, and the emulator saw the propertiesToSend read.
    const log = await call<LogEntry[]>('requestLog', before);
    expect(log.some((e) => e.method === 'GET' && e.path === `/crm/v3/objects/0-1/${contact.id}`)).toBe(true);
    const labels = await page.locator('[data-activity-label]').evaluateAll((els) => els.map((e) => e.getAttribute('data-activity-label')));
    expect(labels).toEqual(expect.arrayContaining(['score_lead', 'assign_owner', 'record_status']));

    // The panel counts exactly the calls the emulator logged for this page.
    await emulatorIdle();
    const { shown, logged } = await activityCountAgainstLog(page, before);
    expect(logged).toBeGreaterThan(0);
    if (shown !== logged) {
      console.log('DEBUG log', JSON.stringify(await call<LogEntry[]>('requestLog', before), null, 0));
      console.log('DEBUG panel', JSON.stringify(await page.locator('.sbx-activity-list > li').evaluateAll((lis) => lis.map((li) => li.textContent))));
    }
    expect(shown).toBe(logged);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-contact.png'), fullPage: true });
    expect(pageErrors()).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows a company with the cards configured for companies only', async () => {
    const page = await newPage();
    await openRecord(page, 'companies', company.id);
    await expect(page.locator('[data-property="name"] dd').innerText()).resolves.toBe(company.properties.name);
    // Lead Score is a contacts-only card.
    expect(await page.locator('[data-card="lead_score_card"]').count()).toBe(0);
    expectShows(await settledCard(page, 'owner_routing_card'), /owner/i);
    expectShows(await settledCard(page, 'support_sync_card'), /ticket/i);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-company.png'), fullPage: true });
    expect(pageErrors()).toEqual([]);
    await page.close();
  }, 90_000);

  it('restarts every card on "Reload page", as a browser reload of a record would', async () => {
    const page = await newPage();
    await openRecord(page, 'contacts', contact.id);
    await settledCard(page, 'owner_routing_card');
    const before = await call<number>('lastSeq');
    await page.click('text=Reload page');
    await settledCard(page, 'owner_routing_card');
    const log = await call<LogEntry[]>('requestLog', before);
    // The record and the cards' functions were read again.
    expect(log.filter((e) => e.path === `/crm/v3/objects/0-1/${contact.id}` || e.path === `/crm/v3/objects/contacts/${contact.id}`).length).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  // --- the buttons (real functions) ------------------------------------------------------------------------------

  async function clickInCard(page: Page, uid: string, name: RegExp): Promise<void> {
    const button = page.locator(`[data-card="${uid}"]`).getByRole('button', { name });
    await expect(button.count()).resolves.toBeGreaterThan(0);
    await button.first().click();
  }

  /** How many times the activity panel lists a function (each click of a button that calls it adds one). */
  const activityCount = (page: Page, label: string) => page.locator(`[data-activity-label="${label}"]`).count();

  it('sends every button the cards show to its function, and the page answers each click', async () => {
    const page = await newPage();
    await openRecord(page, 'contacts', contact.id);
    const buttons: { uid: string; name: RegExp; fn: string }[] = [
      { uid: 'lead_score_card', name: /^rescore$/i, fn: 'score_lead' },
      { uid: 'owner_routing_card', name: /^preview assignment$/i, fn: 'assign_owner' },
      { uid: 'support_sync_card', name: /^retry sync$/i, fn: 'request_sync' },
    ];
    let clicked = 0;
    for (const b of buttons) {
      await settledCard(page, b.uid);
      const button = page.locator(`[data-card="${b.uid}"]`).getByRole('button', { name: b.name });
      // Before the demo portal exists a card may show an error instead of its buttons; with it, every button is there.
      if ((await button.count()) === 0 && !info.demo.prepared) continue;
      const calls = await activityCount(page, b.fn);
      const toasts = await page.locator('.sbx-toast').count();
      const text = (await page.locator(`[data-card="${b.uid}"] .sbx-card-tree`).innerText()).trim();
      await button.first().click();
      // The click reached the function (the panel lists one more call of it)…
      await page.waitForFunction(({ fn, n }) => document.querySelectorAll(`[data-activity-label="${fn}"]`).length > n, { fn: b.fn, n: calls }, { timeout: SETTLE_MS });
      // …and the page answered: a toast, or the card changed.
      await page.waitForFunction(
        ({ uid, before, toastsBefore }) =>
          document.querySelectorAll('.sbx-toast').length > toastsBefore || (document.querySelector(`[data-card="${uid}"] .sbx-card-tree`) as HTMLElement | null)?.innerText.trim() !== before,
        { uid: b.uid, before: text, toastsBefore: toasts },
        { timeout: SETTLE_MS },
      );
      // …and nothing keeps spinning.
      await waitForCard(page, b.uid);
      clicked += 1;
    }
    expect(clicked).toBeGreaterThan(0);
    expect(pageErrors()).toEqual([]);
    await page.close();
  }, 90_000);

  whenReal('score-lead.ts')(
    'Rescore writes the new score to the contact, and the card and the record show it',
    async () => {
      // Make the stored score stale (as after a model change), so the rescore has something to write.
      await call('patch', 'contacts', contact.id, { lead_ops_score: '1' });
      const page = await newPage();
      await openRecord(page, 'contacts', contact.id);
      await settledCard(page, 'lead_score_card');
      expect(await page.locator('[data-property="lead_ops_score"] dd').innerText()).toBe('1');
      const before = await call<number>('lastSeq');
      const toasts = await page.locator('.sbx-toast').count();
      await clickInCard(page, 'lead_score_card', /rescore/i);
      await page.waitForFunction((n) => document.querySelectorAll('.sbx-toast').length > n, toasts, { timeout: SETTLE_MS });
      await waitForCard(page, 'lead_score_card');
      // In the emulator: a new score, written by a PATCH of this contact.
      const score = (await call<RecordSnapshot>('record', 'contacts', contact.id)).properties.lead_ops_score;
      expect(score).toMatch(/^\d+$/);
      expect(score).not.toBe('1');
      expect((await call<LogEntry[]>('requestLog', before)).some((e) => e.method === 'PATCH' && e.path.endsWith(`/contacts/${contact.id}`) && e.status === 200)).toBe(true);
      // In the page: the card shows it, and the record's properties were refreshed (refreshObjectProperties).
      expect((await settledCard(page, 'lead_score_card')).text).toContain(String(score));
      await page.waitForFunction((v) => document.querySelector('[data-property="lead_ops_score"] dd')?.textContent === v, score, { timeout: SETTLE_MS });
      await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-rescore.png'), fullPage: true });
      await page.close();
    },
    60_000,
  );

  whenReal('assign-owner.ts')(
    'Preview assignment shows a team and owner and writes nothing',
    async () => {
      const page = await newPage();
      await openRecord(page, 'companies', company.id);
      await settledCard(page, 'owner_routing_card');
      const before = await call<number>('lastSeq');
      const ownerBefore = (await call<RecordSnapshot>('record', 'companies', company.id)).properties.hubspot_owner_id;
      await clickInCard(page, 'owner_routing_card', /preview/i);
      await waitForCard(page, 'owner_routing_card');
      const { text } = await settledCard(page, 'owner_routing_card');
      expect(text).toMatch(/Small Business|Mid-Market|Enterprise/);
      const writes = (await call<LogEntry[]>('requestLog', before)).filter(
        (e) => e.method !== 'GET' && !e.path.endsWith('/search') && !e.path.endsWith('/batch/read'),
      );
      expect(writes).toEqual([]);
      expect((await call<RecordSnapshot>('record', 'companies', company.id)).properties.hubspot_owner_id).toBe(ownerBefore);
      await page.close();
    },
    60_000,
  );

  whenReal('assign-owner.ts')(
    'Assign owner writes the owner to the record and the page shows the new owner',
    async () => {
      const page = await newPage();
      // A company without an owner, so the new owner can only come from this click.
      const target = await call<RecordSnapshot | null>('findRecord', 'companies', { name: '*', numberofemployees: '*', hubspot_owner_id: '' });
      if (!target) throw new Error('the demo portal has no company without an owner');
      await openRecord(page, 'companies', target.id);
      expect(await page.locator('[data-property="hubspot_owner_id"]').count()).toBe(0);
      await settledCard(page, 'owner_routing_card');
      await clickInCard(page, 'owner_routing_card', /assign owner/i);
      // Some cards confirm with a form or modal; a second "Assign" confirms it.
      const confirm = page.getByRole('dialog').getByRole('button', { name: /assign/i });
      if ((await confirm.count()) > 0) await confirm.first().click();
      // refreshObjectProperties brings the owner into the record's properties on the left.
      await page.waitForFunction(
        () => {
          const dd = document.querySelector('[data-property="hubspot_owner_id"] dd');
          return dd !== null && dd.textContent !== '--' && dd.textContent !== '';
        },
        undefined,
        { timeout: SETTLE_MS },
      );
      const ownerId = (await call<RecordSnapshot>('record', 'companies', target.id)).properties.hubspot_owner_id;
      expect(ownerId).toMatch(/^\d+$/);
      const owners = await call<{ id: string; name: string }[]>('owners');
      const name = owners.find((o) => o.id === ownerId)?.name as string;
      expect(await page.locator('[data-property="hubspot_owner_id"] dd').innerText()).toBe(name);
      expect((await settledCard(page, 'owner_routing_card')).text).toContain(name);
      await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-assign-owner.png'), fullPage: true });
      await page.close();
    },
    60_000,
  );

  whenReal('request-sync.ts')(
    'Retry sync on a failed destination syncs the record there and the card shows the outcome on the same click',
    async () => {
      // A contact with a failed destination and no resync requested for it yet.
      const target = await call<{ record: RecordSnapshot; destination: string } | null>('findFailedSync', 'contacts');
      if (!target) throw new Error('the demo portal has no contact with a failed sync and no pending resync');
      const { record, destination } = target;
      const page = await newPage();
      await openRecord(page, 'contacts', record.id);
      await settledCard(page, 'support_sync_card');
      const seq = await call<number>('lastSeq');
      const toasts = await page.locator('.sbx-toast').count();
      const row = page.locator('[data-card="support_sync_card"] tr').filter({ hasText: /failed/i }).filter({ has: page.getByRole('button', { name: /retry sync/i }) });
      await expect(row.count()).resolves.toBeGreaterThan(0);
      // The row's state changes with the click; find it again afterwards by the destination's name.
      const name = (await row.first().locator('td').first().innerText()).split('\n')[0]?.trim() ?? '';
      expect(name).not.toBe('');
      await row.first().getByRole('button', { name: /retry sync/i }).click();
      await page.waitForFunction((n) => document.querySelectorAll('.sbx-toast').length > n, toasts, { timeout: SETTLE_MS });
      // In the emulator: the destination's outcome replaced the failure, written by a PATCH of this record.
      const after = await call<RecordSnapshot>('record', 'contacts', record.id);
      expect(['synced', 'excluded', 'pending']).toContain(after.properties[`lead_ops_sync_${destination}_status`]);
      expect((await call<LogEntry[]>('requestLog', seq)).some((e) => e.method === 'PATCH' && e.path.endsWith(`/${record.id}`) && e.status === 200)).toBe(true);
      // In the page: the toast names the outcome and the destination's row shows it, without a reload.
      expect(await page.locator('.sbx-toast').last().innerText()).toMatch(/synced to|not synced to|sync queued/i);
      await waitForCard(page, 'support_sync_card');
      const sameRow = page.locator('[data-card="support_sync_card"] tr').filter({ hasText: name });
      await page.waitForFunction(
        (destName) => [...document.querySelectorAll('[data-card="support_sync_card"] tr')].some((tr) => (tr.textContent ?? '').includes(destName) && /in sync|excluded|pending/i.test(tr.textContent ?? '')),
        name,
        { timeout: SETTLE_MS },
      );
      expect(await sameRow.first().innerText()).not.toMatch(/\bFailed\b/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'sandbox-retry-sync.png'), fullPage: true });
      await page.close();
    },
    60_000,
  );
});
