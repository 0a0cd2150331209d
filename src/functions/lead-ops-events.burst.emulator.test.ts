/**
 * A burst of 1,000 contact creations through the emulator's webhooks, under HubSpot's Professional limits, in
 * virtual time: HubSpot's side (batches of ≤ 100 events, 6 requests in flight, 5-second timeout, retries) calls the
 * endpoint function, whose HubSpot calls meet the 10-second window and search's 5 per second. Every contact ends
 * scored and routed exactly once: one owner, one routing note, and every 429 handled (retried by the client within
 * its deadline, or answered 503 so HubSpot redelivered).
 */
import path from 'node:path';
import { startEmulator, type WebhookHttpRequest } from '../emulator';
import { makeMain } from './lead-ops-events';
import { clearInstanceCache } from './runtime/define-function';
import { parseRoutingNote } from '../core/routing';
import { createCrmPort } from '../hubspot';
import { runSetup } from '../workflows/setup';
import { VirtualClock } from '../testing/clock';
import { TEST_CONFIG } from '../testing/portal';
import { REALTIME_COMPONENTS_DIR } from '../config/paths';

const SECRET = 'burst-client-secret';
const URL = 'https://hooks.lead-ops.test/lead-ops/events';

it('1,000 contact creations: every one scored and routed exactly once, every 429 handled', async () => {
  const clock = new VirtualClock();
  const emu = await startEmulator({ seed: 'demo', seedSize: { contacts: 20, companies: 60 }, clock, rateLimit: 'professional' });
  try {
    const admin = createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk', clock });
    expect((await runSetup(admin, TEST_CONFIG)).failed).toBe(0);
    clearInstanceCache();
    const main = makeMain({ env: { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url, LEAD_OPS_CLIENT_SECRET: SECRET }, clock, log: () => undefined, publicUrl: URL });
    const statuses: number[] = [];
    const handler = async (req: WebhookHttpRequest) => {
      const r = await main({ method: req.method, url: req.url, headers: req.headers, body: req.body });
      statuses.push(r.statusCode);
      return { status: r.statusCode, body: r.body };
    };
    const hooks = emu.attachWebhooks({ componentFile: path.join(REALTIME_COMPONENTS_DIR, 'lead-ops-webhooks.component.json'), clientSecret: SECRET, targetUrl: URL, clock, target: { handler } });

    // A form import: 1,000 contacts in 10 batch creates, with sizes across every tier and some with a company.
    const companies = emu.store.list('companies').map((c) => c.id);
    const sizes = ['1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+', ''];
    const inputs = Array.from({ length: 1_000 }, (_, i) => ({
      properties: { email: `burst${i}@lead${i % 97}.test`, firstname: `Burst ${i}`, jobtitle: i % 3 ? 'Head of Operations' : 'Engineer', ...(sizes[i % 8] ? { numemployees: sizes[i % 8] ?? '' } : {}) },
      ...(i % 4 === 0 ? { associations: [{ toId: companies[i % companies.length] ?? '', associationTypeId: 1 }] } : {}),
    }));
    const created = await admin.batchCreate('contacts', inputs);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.created.size).toBe(1_000);
    const ids = [...created.value.created.values()].map((r) => r.id);
    expect(hooks.pending()).toBeGreaterThanOrEqual(1_000);

    emu.clearRequestLog();
    await hooks.drain();
    expect(hooks.pending()).toBe(0);

    for (const id of ids) {
      const rec = emu.store.get('contacts', id);
      const key = rec?.properties.lead_ops_routing_key ?? '';
      expect({ id, owner: Boolean(rec?.properties.hubspot_owner_id), scored: rec?.properties.lead_ops_score_status !== undefined }).toEqual({ id, owner: true, scored: true });
      const notes = emu.store
        .associations('contacts', id, 'notes')
        .map((a) => emu.store.get('notes', a.toId))
        .filter((n) => n && !n.archived && (n.properties.hs_note_body ?? '').includes('lead-ops-routing v1'));
      expect({ id, notes: notes.length }).toEqual({ id, notes: 1 });
      expect(parseRoutingNote(notes[0]?.properties.hs_note_body)?.key).toBe(key);
      expect(rec?.properties.lead_ops_routing_note_id).toBe(notes[0]?.id);
      // Routed exactly once: one owner value ever written.
      expect(emu.store.history('contacts', id, 'hubspot_owner_id').filter((h) => h.value !== '')).toHaveLength(1);
    }

    const log = emu.requestLog();
    const limited = log.filter((e) => e.status === 429);
    const deliveries = hooks.deliveries();
    // The burst did meet the limits, and nothing was lost to them.
    expect(limited.length + statuses.filter((s) => s === 503 || s === 429).length).toBeGreaterThan(0);
    expect(deliveries.filter((d) => d.outcome === 'gave_up')).toEqual([]);
    // Batched writes: about one note batch and one update batch per delivery, never one call per contact.
    expect(log.filter((e) => e.path === '/crm/v3/objects/notes' && e.method === 'POST')).toHaveLength(0);
    expect(log.filter((e) => e.method === 'PATCH')).toHaveLength(0);
    const elapsed = clock.now() - (deliveries[0]?.at ?? clock.now());
    process.stdout.write(
      `burst: ${deliveries.length} deliveries (${deliveries.filter((d) => d.outcome === 'retry').length} retried), ${log.length} API calls, ${limited.length} answered 429, ${elapsed} ms virtual\n`,
    );
  } finally {
    await emu.close();
  }
}, 300_000);
