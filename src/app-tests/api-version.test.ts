/**
 * HubSpot ends support for its numbered API versions (v4 in March 2027, v1–v3 in September 2027): every call the
 * project makes names the date-based version. The emulator tags each logged request with the version its path
 * names; this runs every app function and every bulk workflow against it and expects no numbered one. HubSpot's own
 * read of a card's `propertiesToSend`, which the harness makes the way HubSpot's local executor does, is not ours.
 */
import { LEAD_SCORE_PROPERTIES, OWNER_ROUTING_PROPERTIES } from '../app/cards/shared/contracts';
import { compileModel } from '../core/scoring';
import { DEMO } from '../emulator';
import { main as assignOwner } from '../functions/assign-owner';
import { main as recordStatus } from '../functions/record-status';
import { main as requestSync } from '../functions/request-sync';
import { main as scoreLead } from '../functions/score-lead';
import { createCrmPort } from '../hubspot';
import { API_VERSION } from '../hubspot/operations';
import { startTestPortal, TEST_CONFIG, type TestPortal } from '../testing/portal';
import { routeUnowned } from '../workflows/route';
import { rescore } from '../workflows/score';
import { runSetup } from '../workflows/setup';
import { runSweep } from '../workflows/sweep';

let portal: TestPortal;
beforeAll(async () => {
  portal = await startTestPortal({ setup: false, seedSize: { contacts: 150, companies: 40 } });
});
afterAll(() => portal.close());

it('functions, setup, rescore, route and sweep send no request on a numbered API version', async () => {
  const emu = portal.emu;
  const crm = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' });
  const now = () => new Date();
  const must = (r: { ok: boolean }) => expect(r.ok).toBe(true);

  const setup = await runSetup(crm, TEST_CONFIG);
  expect(setup.failed).toBe(0);

  const contact = emu.store.list('contacts').find((c) => !c.archived && c.properties.associatedcompanyid && !c.properties.hubspot_owner_id)?.id ?? '';
  must(await portal.call(scoreLead, { objectType: 'contacts', objectId: contact, write: true }, { propertiesToSend: LEAD_SCORE_PROPERTIES }));
  must(await portal.call(assignOwner, { objectType: 'contacts', objectId: contact, dryRun: true }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts }));
  must(await portal.call(assignOwner, { objectType: 'contacts', objectId: contact }, { propertiesToSend: OWNER_ROUTING_PROPERTIES.contacts }));
  must(await portal.call(recordStatus, { objectType: 'companies', objectId: DEMO.fewTicketsCompanyId }));
  must(await portal.call(requestSync, { objectType: 'contacts', objectId: contact, destination: 'mailchimp' }));

  must(await rescore({ crm, model: compileModel(TEST_CONFIG.scoring), now }, {}));
  must(await routeUnowned({ crm, config: TEST_CONFIG, now }, { objectType: 'companies', dryRun: false, limit: 10 }));
  must(await runSweep({ crm, config: TEST_CONFIG, model: compileModel(TEST_CONFIG.scoring), now }, { since: 0, dryRun: false }));

  const log = emu.requestLog();
  // What ran covers every kind of call: objects, search, associations, owners, pipelines, properties.
  const operations = new Set(log.map((e) => e.operation));
  for (const op of ['objects.get', 'objects.batchRead', 'objects.batchUpdate', 'objects.batchCreate', 'objects.search', 'associations.batchRead', 'owners.list', 'pipelines.list', 'properties.list']) {
    expect({ op, ran: operations.has(op) }).toEqual({ op, ran: true });
  }
  expect(log.filter((e) => !portal.isHostRead(e)).every((e) => e.apiVersion === API_VERSION)).toBe(true);
  const numbered = emu.numberedVersionRequests();
  expect(numbered.filter((e) => !portal.isHostRead(e)).map((e) => `${e.method} ${e.path}`)).toEqual([]);
  // The harness's reads are there, and the only numbered ones.
  expect(numbered.length).toBeGreaterThan(0);
}, 120_000);
