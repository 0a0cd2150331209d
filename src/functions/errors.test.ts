import { LEAD_SCORE_PROPERTIES, OWNER_ROUTING_PROPERTIES } from '../app/cards/shared/contracts';
import { API_VERSION } from '../hubspot/operations';
import { VirtualClock } from '../testing/clock';
import { startTestPortal, type TestPortal } from '../testing/portal';
import { main as assignOwner } from './assign-owner';
import { main as recordStatus } from './record-status';
import { main as requestSync } from './request-sync';
import { main as scoreLead } from './score-lead';

/** What a rep sees when HubSpot says no: each failure has its own code, message and retryability (issue 9). */
describe('functions under auth failures and HubSpot pushing back', () => {
  let portal: TestPortal;
  const NO_SCOPES = 'pat-local-contacts-read-only';
  beforeAll(async () => {
    portal = await startTestPortal({ tokens: [{ token: NO_SCOPES, scopes: ['crm.objects.contacts.read'] }] });
  });
  afterAll(() => portal.close());
  afterEach(() => portal.emu.setFaults(null));

  const contactId = (): string => portal.emu.store.list('contacts')[1]?.id ?? '';
  const run = (main: typeof scoreLead | typeof assignOwner | typeof recordStatus | typeof requestSync, token: string, parameters: unknown, clock?: VirtualClock) => {
    const lines: string[] = [];
    const call = (main as typeof scoreLead).withOverrides({
      env: { PRIVATE_APP_ACCESS_TOKEN: token, HUBSPOT_API_BASE_URL: portal.emu.url },
      log: (l) => lines.push(l),
      ...(clock ? { clock } : {}),
    });
    return call({ parameters }).then((answer) => ({ answer, lines }));
  };

  test.each`
    name               | main
    ${'score_lead'}    | ${scoreLead}
    ${'assign_owner'}  | ${assignOwner}
    ${'record_status'} | ${recordStatus}
    ${'request_sync'}  | ${requestSync}
  `('$name: a rejected token is AUTH_REJECTED with an actionable message, and the token is nowhere', async ({ main }) => {
    const token = 'pat-test-00000000-0000-0000-0000-000000000000';
    const params = { objectType: 'contacts', objectId: contactId(), destination: 'mailchimp' };
    const { answer, lines } = await run(main, token, main === requestSync ? params : { objectType: 'contacts', objectId: contactId() });
    // record_status reports per part; the others fail as a whole.
    const error = answer.ok ? (answer as unknown as { status: { problems: { error: { code: string; message: string } }[] } }).status.problems[0]?.error : answer.error;
    expect(error?.code).toBe('AUTH_REJECTED');
    expect(error?.message).toMatch(/token/i);
    expect(error?.message).toMatch(/reinstall|rotate/i);
    expect(JSON.stringify(answer)).not.toContain(token);
    expect(lines.join('\n')).not.toContain(token);
    expect(lines).toHaveLength(1);
  });

  it('a token without a scope gets MISSING_SCOPES naming it', async () => {
    const { answer } = await run(scoreLead, NO_SCOPES, { objectType: 'contacts', objectId: contactId(), write: true });
    // Reading the contact works; reading its company needs crm.objects.companies.read.
    expect(answer).toMatchObject({ ok: false, error: { code: 'MISSING_SCOPES', retryable: false } });
    if (!answer.ok) {
      expect(answer.error.requiredScopes?.join(' ')).toMatch(/companies/);
      expect(answer.error.message).toMatch(/crm\.objects\.companies/);
    }
  });

  it('a 10-second limit that does not free up within the deadline is RATE_LIMITED, retryable, and waits in virtual time', async () => {
    portal.emu.setFaults('429=1,seed=3');
    const clock = new VirtualClock();
    const { answer, lines } = await run(scoreLead, portal.emu.token, { objectType: 'contacts', objectId: contactId() }, clock);
    expect(answer).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true } });
    const line = JSON.parse(lines[0] ?? '{}') as { api: { rateLimited: number; retries: number } };
    expect(line.api.rateLimited).toBeGreaterThan(1);
    expect(line.api.retries).toBeGreaterThan(0);
  });

  it('a data-centre migration (477) is MIGRATION_IN_PROGRESS with the wait HubSpot asked for', async () => {
    portal.emu.setFaults('477=1,seed=3');
    const clock = new VirtualClock();
    const { answer } = await run(assignOwner, portal.emu.token, { objectType: 'contacts', objectId: contactId(), dryRun: true }, clock);
    expect(answer).toMatchObject({ ok: false, error: { code: 'MIGRATION_IN_PROGRESS', retryable: true } });
    if (!answer.ok) expect(answer.error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("a write the portal's property rules refuse is VALIDATION_REFUSED with the rule in words, and leaves no routing note", async () => {
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${portal.emu.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${portal.emu.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const lead = portal.emu.store.list('contacts').find((c) => !c.archived && !c.properties.hubspot_owner_id && c.properties.associatedcompanyid)?.id ?? '';
    // A sales-qualified lead without a job title; then the admin's rule "Job title is required for sales-qualified leads".
    expect((await api('PATCH', `/crm/objects/${API_VERSION}/contacts/${lead}`, { properties: { lifecyclestage: 'salesqualifiedlead', jobtitle: '' } })).status).toBe(200);
    const rule = { rules: [{ ruleType: 'REQUIRED', when: { propertyName: 'lifecyclestage', values: ['salesqualifiedlead'] } }] };
    expect((await api('PUT', '/_emulator/property-rules/contacts/jobtitle', rule)).status).toBe(200);
    try {
      const message = "HubSpot refused the update: the portal's rule on Job Title makes it required when lifecyclestage is salesqualifiedlead, and it would be empty.";
      const scored = await portal.call(scoreLead, { objectType: 'contacts', objectId: lead, write: true }, { propertiesToSend: LEAD_SCORE_PROPERTIES });
      expect(scored).toEqual({ ok: false, error: { code: 'VALIDATION_REFUSED', message, retryable: false, correlationId: expect.any(String) as unknown } });
      expect(portal.lastCallRequests().filter((r) => r.method === 'PATCH')).toHaveLength(1);

      // As from the card: it renders with a dry run, then the rep clicks Assign on the same (warm) instance.
      const toSend = { propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts };
      expect(await portal.call(assignOwner, { objectType: 'contacts', objectId: lead, dryRun: true }, toSend)).toMatchObject({ ok: true });
      const routed = await portal.call(assignOwner, { objectType: 'contacts', objectId: lead }, { ...toSend, warm: true });
      expect(routed).toMatchObject({ ok: false, error: { code: 'VALIDATION_REFUSED', message, retryable: false } });
      expect(portal.lastCallRequests().length).toBeLessThanOrEqual(6);
      expect(portal.emu.store.get('contacts', lead)?.properties.hubspot_owner_id ?? '').toBe('');
      const notes = portal.emu.store.associations('contacts', lead, 'notes').map((a) => portal.emu.store.get('notes', a.toId));
      expect(notes.filter((n) => n && !n.archived && (n.properties.hs_note_body ?? '').includes('lead-ops-routing'))).toEqual([]);
    } finally {
      await api('DELETE', '/_emulator/property-rules');
    }
  });

  it('HubSpot being down (503) is HUBSPOT_UNAVAILABLE, retryable', async () => {
    portal.emu.setFaults('503=1,seed=3');
    const clock = new VirtualClock();
    const { answer } = await run(scoreLead, portal.emu.token, { objectType: 'contacts', objectId: contactId() }, clock);
    expect(answer).toMatchObject({ ok: false, error: { code: 'HUBSPOT_UNAVAILABLE', retryable: true } });
  });
});
