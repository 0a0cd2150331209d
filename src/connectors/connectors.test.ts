/**
 * The three connectors through the one interface, against the three destination emulators started together (as the
 * sandbox will): the same record pushed, pushed again, read back, and each destination's copy inspected.
 */
import { GoogleSheetsSettingsSchema, MailchimpSettingsSchema, ZendeskSettingsSchema } from '../core/status/connector-config';
import { startDestinationEmulators, type RunningDestinationEmulators } from '../emulator/destinations';
import { VirtualClock } from '../testing/clock';
import type { SyncConnector, SyncRecord } from './connector';
import { GoogleSheetsConnector } from './google-sheets';
import { MailchimpConnector } from './mailchimp';
import { ZendeskConnector } from './zendesk';

let emus: RunningDestinationEmulators;
const clock = new VirtualClock();
const connectors: Record<string, SyncConnector> = {};

beforeAll(async () => {
  emus = await startDestinationEmulators({ clock });
  const common = { clock, requestTimeoutMs: 1_000 };
  connectors.mailchimp = new MailchimpConnector({
    ...common,
    apiKey: emus.credentials.mailchimpApiKey,
    baseUrl: emus.mailchimp.url,
    settings: MailchimpSettingsSchema.parse({ type: 'mailchimp', listId: emus.listId, mergeFields: { FNAME: 'firstname', LNAME: 'lastname', COMPANY: 'company' } }),
  });
  connectors.google_sheets = new GoogleSheetsConnector({
    ...common,
    serviceAccountJson: emus.credentials.googleServiceAccountJson,
    baseUrl: emus.googleSheets.url,
    tokenUrl: emus.googleSheets.tokenUrl,
    settings: GoogleSheetsSettingsSchema.parse({
      type: 'google_sheets',
      spreadsheetId: emus.spreadsheetId,
      tabs: { contacts: { sheet: 'Contacts', columns: ['email', 'firstname', 'lastname'] }, companies: { sheet: 'Companies', columns: ['name'] } },
    }),
  });
  connectors.zendesk = new ZendeskConnector({
    ...common,
    email: emus.credentials.zendeskEmail,
    apiToken: emus.credentials.zendeskApiToken,
    baseUrl: emus.zendesk.url,
    settings: ZendeskSettingsSchema.parse({ type: 'zendesk', subdomain: emus.zendesk.subdomain }),
  });
});
afterAll(async () => {
  await emus.close();
});

const grace: SyncRecord = { objectType: 'contacts', id: '555', properties: { email: 'grace@example.com', firstname: 'Grace', lastname: 'Hopper', company: 'Navy', phone: '' } };

describe.each(['mailchimp', 'google_sheets', 'zendesk'])('%s through the SyncConnector interface', (id) => {
  it('names its destination and secrets, pushes, writes nothing the second time, and reads back in sync', async () => {
    const c = connectors[id] as SyncConnector;
    expect(c.destination.id).toBe(id);
    expect(c.secretNames.length).toBeGreaterThan(0);
    const first = await c.push(grace);
    expect(first).toMatchObject({ ok: true, value: { state: 'in_sync', written: true, id: '555', objectType: 'contacts' } });
    expect(await c.push(grace)).toMatchObject({ ok: true, value: { state: 'in_sync', written: false } });
    expect(await c.read(grace)).toMatchObject({ ok: true, value: { state: 'in_sync', differences: [] } });
    const hint = c.explain('429 Too Many Requests');
    expect(['rate_limited', 'sheet_quota']).toContain(hint.ruleId);
    expect(hint.plain).toContain(c.destination.name);
  });
});

it('each destination holds its copy of the record; an unsubscribe in Mailchimp comes back excluded', async () => {
  const copies = emus.copiesOf({ objectType: 'contacts', id: '555', email: 'grace@example.com' });
  expect(copies.mailchimp).toMatchObject({ email_address: 'grace@example.com', merge_fields: { FNAME: 'Grace', COMPANY: 'Navy' } });
  expect(copies.googleSheets).toMatchObject({ sheet: 'Contacts', row: 2, values: ['555', 'grace@example.com', 'Grace', 'Hopper'] });
  expect(copies.zendesk).toMatchObject({ name: 'Grace Hopper', external_id: 'hubspot-contact-555' });

  emus.mailchimp.state.setStatus(emus.listId, 'grace@example.com', 'unsubscribed');
  expect(await connectors.mailchimp?.push(grace)).toMatchObject({ ok: true, value: { state: 'excluded', reason: 'unsubscribed in Mailchimp' } });
});
