/**
 * `request_sync` as HubSpot calls it: the function's `main` with the destinations' secrets and base URLs in its
 * environment (as HubSpot's executor passes the secrets its hsmeta declares), against the HubSpot emulator and the
 * destination emulators. What a click costs, in HubSpot calls and destination calls.
 */
import { DEMO } from '../emulator';
import { startTestDestinations, type TestDestinations } from '../testing/destinations';
import { startTestPortal, type TestPortal } from '../testing/portal';
import { main as requestSync } from './request-sync';

let portal: TestPortal;
let dest: TestDestinations;
beforeAll(async () => {
  [portal, dest] = await Promise.all([startTestPortal(), startTestDestinations()]);
});
afterAll(async () => {
  await Promise.all([portal.close(), dest.close()]);
});

const contacts = () => portal.emu.store.list('contacts').filter((c) => !c.archived && c.properties.email);
const clearDestinationLogs = () => [dest.mailchimp, dest.googleSheets, dest.zendesk].forEach((d) => d.clearRequestLog());

describe('request_sync: Retry sync syncs the record on the same click', () => {
  it('Mailchimp: a failed contact becomes in sync; 2 HubSpot calls (read, write) and 2 Mailchimp calls (read, upsert)', async () => {
    const contact = contacts()[5];
    if (!contact) throw new Error('no contact');
    await fetch(`${portal.emu.url}/crm/v3/objects/contacts/${contact.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${portal.emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { lead_ops_sync_mailchimp_status: 'failed', lead_ops_sync_mailchimp_error: '503 Service Unavailable' } }),
    });
    clearDestinationLogs();
    const res = await portal.call(requestSync, { objectType: 'contacts', objectId: contact.id, destination: 'mailchimp' }, { env: dest.env });
    expect(res).toMatchObject({ ok: true, sync: { destination: 'mailchimp', outcome: 'in_sync', written: true, status: { state: 'in_sync', summary: 'In sync with Mailchimp.' } } });
    expect(portal.lastCallRequests().map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(dest.mailchimp.requestLog().map((e) => e.operation)).toEqual(['members.get', 'members.upsert']);
    expect(dest.mailchimp.state.member(dest.listId, contact.properties.email ?? '')?.merge_fields).toMatchObject({ FNAME: contact.properties.firstname ?? '' });
  });

  it.each`
    destination        | objectType     | calls
    ${'google_sheets'} | ${'contacts'}  | ${['oauth.token', 'values.get', 'values.append']}
    ${'zendesk'}       | ${'companies'} | ${['organizations.showMany', 'organizations.createOrUpdate']}
  `('$destination ($objectType): 2 HubSpot calls and $calls', async ({ destination, objectType, calls }) => {
    const id = objectType === 'contacts' ? contacts()[6]?.id : DEMO.fewTicketsCompanyId;
    clearDestinationLogs();
    const res = await portal.call(requestSync, { objectType, objectId: id, destination }, { env: dest.env });
    expect(res).toMatchObject({ ok: true, sync: { outcome: 'in_sync', status: { state: 'in_sync' } } });
    expect(portal.lastCallRequests().map((r) => r.method)).toEqual(['GET', 'PATCH']);
    const log = [dest.mailchimp, dest.googleSheets, dest.zendesk].flatMap((d) => d.requestLog().map((e) => e.operation));
    expect(log).toEqual(calls);
  });

  it('without the secret: the answer says which one to add, and nothing is sent or written', async () => {
    const id = contacts()[7]?.id;
    clearDestinationLogs();
    const res = await portal.call(requestSync, { objectType: 'contacts', objectId: id, destination: 'mailchimp' });
    expect(res).toMatchObject({ ok: true, sync: { outcome: 'failed', destinationProblem: true, written: false } });
    if (res.ok) expect(res.sync.message).toContain('hs secret add MAILCHIMP_API_KEY');
    expect(portal.lastCallRequests().map((r) => r.method)).toEqual(['GET']);
    expect(dest.mailchimp.requestLog()).toHaveLength(0);
  });

  it('a secret passed in the context is used too, and no secret is in the answer or the log line', async () => {
    const id = contacts()[8]?.id;
    portal.logs.length = 0;
    const { ZENDESK_API_TOKEN, ...env } = dest.env;
    const answer = await requestSync.withOverrides({ env: { ...env, PRIVATE_APP_ACCESS_TOKEN: portal.emu.token, HUBSPOT_API_BASE_URL: portal.emu.url }, log: (l) => portal.logs.push(l) })({
      parameters: { objectType: 'contacts', objectId: id, destination: 'zendesk' },
      secrets: { ZENDESK_API_TOKEN },
    });
    expect(answer).toMatchObject({ ok: true, sync: { outcome: 'in_sync' } });
    const seen = JSON.stringify(answer) + portal.logs.join('\n');
    for (const value of Object.values(dest.env).filter((v) => !v.startsWith('http'))) expect(seen).not.toContain(value);
  });

  it('refuses an unknown destination before any call, naming the known ones', async () => {
    const res = await portal.call(requestSync, { objectType: 'contacts', objectId: contacts()[3]?.id, destination: 'salesforce' }, { env: dest.env });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!res.ok) expect(res.error.message).toContain('"mailchimp"');
    expect(portal.lastCallRequests()).toHaveLength(0);
  });
});
