/**
 * Issue 8: a record with hostile property values (HTML, script tags, 64 KB strings, emoji, right-to-left text and
 * bidi overrides, javascript: links) flows through the real functions and renders as text in every card. The
 * cards call `hubspot.serverless`; here that reaches the real function, against the emulator, with the card's
 * `propertiesToSend` read from the record as HubSpot does. What the card tests check with fabricated views
 * (`src/app-tests/cards/hostile.test.tsx`) is checked here with what the functions really answer.
 */
import { Link, LoadingSpinner } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { LeadScoreCard } from '../../app/cards/LeadScoreCard';
import { OwnerRoutingCard } from '../../app/cards/OwnerRoutingCard';
import { SupportSyncCard } from '../../app/cards/SupportSyncCard';
import { FUNCTIONS } from '../../bench-support/robustness/answers';
import type { FunctionUid } from '../../bench-support/robustness/malformed-parameters';
import { DEMO } from '../../emulator';
import { startTestPortal, type TestPortal } from '../../testing/portal';
import { installServerless, textsOf, uninstallServerless, type ServerlessCall } from '../cards/harness';

const HOSTILE = {
  html: '<b>bold</b><img src=x onerror=alert(1)>',
  script: '<script>alert("pwned")</script>',
  huge: `${'A'.repeat(64 * 1024 - 20)}<script>x</script>`,
  emoji: '🔥🚀 Café – 東京 👩‍💻',
  rtl: 'مرحبا بالعالم שלום',
  rtlOverride: 'invoice\u202Egnp.exe',
  javascriptUrl: 'javascript:alert(document.cookie)',
} as const;

let portal: TestPortal;
let contactId = '';
let ownedContactId = '';
let companyId = '';

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${portal.emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${portal.emu.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

beforeAll(async () => {
  portal = await startTestPortal();
  // An owner whose name is markup, in a routing team.
  const hostileOwner = '990001';
  portal.emu.store.portal.owners.add({
    id: hostileOwner,
    email: 'hostile@example.com',
    type: 'PERSON',
    firstName: HOSTILE.script,
    lastName: HOSTILE.rtlOverride,
    userId: 990001,
    userIdIncludingInactive: 990001,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    archived: false,
    teams: [{ id: String(DEMO.teams.midMarket.id), name: DEMO.teams.midMarket.name, primary: true }],
  });
  const company = await api<{ id: string }>('POST', '/crm/v3/objects/companies', { properties: { name: HOSTILE.html, country: HOSTILE.rtl, domain: 'hostile.example' } });
  companyId = company.id;
  // HubSpot keeps number properties numeric over the API; imports and integrations leave malformed text (the demo
  // portal seeds "n/a" and "1,200"). Written straight into the store, as such a value would already be there.
  const stored = portal.emu.store.get('companies', companyId);
  if (stored) stored.properties.numberofemployees = HOSTILE.script;
  const assoc = [{ to: { id: companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }];
  const props = {
    email: 'hostile@example.com',
    firstname: HOSTILE.emoji,
    lastname: HOSTILE.rtlOverride,
    jobtitle: HOSTILE.script,
    country: HOSTILE.rtl,
    lead_ops_sync_mailchimp_status: 'failed',
    lead_ops_sync_mailchimp_error: HOSTILE.huge,
    lead_ops_sync_mailchimp_external_id: HOSTILE.javascriptUrl,
    lead_ops_sync_zendesk_status: 'excluded',
    lead_ops_sync_zendesk_excluded_reason: HOSTILE.rtlOverride,
    lead_ops_sync_zendesk_external_id: '"><script>alert(1)</script>',
    lead_ops_sync_google_sheets_status: 'synced',
    lead_ops_sync_google_sheets_last_synced_at: new Date(Date.now() - 3_600_000).toISOString(),
    lead_ops_sync_google_sheets_external_id: HOSTILE.emoji,
  };
  contactId = (await api<{ id: string }>('POST', '/crm/v3/objects/contacts', { properties: props, associations: assoc })).id;
  // Form activity is read-only over the API (HubSpot sets it); a form name is whatever a visitor typed.
  Object.assign(portal.emu.store.get('contacts', contactId)?.properties ?? {}, {
    num_conversion_events: '2',
    recent_conversion_event_name: `${HOSTILE.html} demo request`,
    recent_conversion_date: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  });
  ownedContactId = (
    await api<{ id: string }>('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'owned-hostile@example.com', hubspot_owner_id: hostileOwner, jobtitle: HOSTILE.html },
      associations: assoc,
    })
  ).id;
  for (const subject of [HOSTILE.script, HOSTILE.huge, HOSTILE.rtlOverride, HOSTILE.emoji]) {
    const ticket = await api<{ id: string }>('POST', '/crm/v3/objects/tickets', {
      properties: { subject, hs_pipeline: '0', hs_pipeline_stage: '1', hs_ticket_priority: 'HIGH', content: HOSTILE.html, lead_ops_helpdesk_ticket_id: HOSTILE.javascriptUrl },
    });
    await api('PUT', `/crm/v4/objects/tickets/${ticket.id}/associations/default/contacts/${contactId}`);
  }
}, 60_000);
afterAll(() => portal.close());
afterEach(uninstallServerless);

/** `hubspot.serverless` reaching the real function: HubSpot reads `propertiesToSend` from the record first. */
async function realServerless(call: ServerlessCall): Promise<unknown> {
  const p = call.parameters as { objectType?: string; objectId?: string };
  let propertiesToSend: Record<string, string | null> = {};
  if (call.propertiesToSend && call.propertiesToSend.length > 0) {
    const rec = await api<{ properties: Record<string, string | null> }>('GET', `/crm/v3/objects/${p.objectType}/${p.objectId}?properties=${call.propertiesToSend.join(',')}`);
    propertiesToSend = Object.fromEntries(call.propertiesToSend.map((n) => [n, rec.properties[n] ?? null]));
  }
  const main = FUNCTIONS[call.uid as FunctionUid];
  if (!main) throw new Error(`no function ${call.uid}`);
  const env = { PRIVATE_APP_ACCESS_TOKEN: portal.emu.token, HUBSPOT_API_BASE_URL: portal.emu.url };
  return main.withOverrides({ env, log: () => undefined })({ parameters: call.parameters, propertiesToSend, secrets: {} });
}

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
/** Bidi overrides and isolates reorder what a rep reads ("invoice\u202Egnp.exe" shows as "invoiceexe.png"). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** The rendered card shows the values as text: present as typed, bounded, no control characters, no bad links. */
function expectRenderedAsText(r: ReturnType<typeof createRenderer>, mustShow: readonly string[]): void {
  const texts = textsOf(r.getRootNode());
  const all = texts.join('\n');
  expect(all).not.toMatch(/Could not (score|check|load)/);
  for (const value of mustShow) expect(all).toContain(value);
  for (const t of texts) {
    expect(t.length).toBeLessThanOrEqual(2_100);
    expect(hasLoneSurrogate(t)).toBe(false);
    expect(t).not.toMatch(BIDI_CONTROLS);
  }
  for (const link of r.findAll(Link)) {
    const url = (link.props.href as { url?: string } | string | undefined) ?? '';
    const href = typeof url === 'string' ? url : (url.url ?? '');
    expect(href).toMatch(/^https?:\/\//);
    expect(href).not.toMatch(/[<>"]/);
  }
}

describe('hostile property values, through the real functions, in every card', () => {
  it('Lead Score: the job title and form name show as typed text in the reasons', async () => {
    const fake = installServerless(realServerless);
    const r = createRenderer('crm.record.sidebar');
    r.render(<LeadScoreCard objectId={contactId} />);
    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'score-loading')).toBeNull(), { timeoutInMs: 10_000 });
    expect(fake.callsTo('score_lead')).toHaveLength(1);
    expectRenderedAsText(r, ['<script>', '<b>bold</b>']);
  });

  it('Owner Routing: a malformed size quoted in the rule, and an owner named with markup', async () => {
    installServerless(realServerless);
    const r = createRenderer('crm.record.sidebar');
    r.render(<OwnerRoutingCard objectId={contactId} objectType="contacts" />);
    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'routing-loading')).toBeNull(), { timeoutInMs: 10_000 });
    expectRenderedAsText(r, ['<script>alert(']);

    const owned = createRenderer('crm.record.sidebar');
    owned.render(<OwnerRoutingCard objectId={ownedContactId} objectType="contacts" />);
    await owned.waitFor(() => expect(owned.maybeFindByTestId(LoadingSpinner, 'routing-loading')).toBeNull(), { timeoutInMs: 10_000 });
    expectRenderedAsText(owned, [HOSTILE.script]);
  });

  it('Support & Sync: ticket subjects, a 64 KB sync error, exclusion reasons and external ids as text, no javascript: link', async () => {
    installServerless(realServerless);
    const r = createRenderer('crm.record.tab');
    r.render(<SupportSyncCard objectId={contactId} objectType="contacts" />);
    await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'status-loading')).toBeNull(), { timeoutInMs: 10_000 });
    expectRenderedAsText(r, [HOSTILE.script, HOSTILE.emoji, 'AAAAAAAAAA', 'invoice']);
  });
});
