/** HubSpot's side of webhooks: subscriptions read from the component, batching, v3 signatures, timeout and retries. */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from './virtual-clock';
import { DEFAULT_RETRY_DELAYS_MS, startEmulator, type RunningEmulator, type WebhookHttpRequest } from './index';

const SECRET = 'emulator-test-secret';

/**
 * HubSpot's v3 signature, computed here from its definition (base64 HMAC-SHA256 of method, URI, body and timestamp):
 * the emulator's signer must agree with it. (The project's own verifier is checked against the emulator in the
 * realtime endpoint tests.)
 */
const v3Signature = (method: string, uri: string, body: string, timestamp: string): string =>
  createHmac('sha256', SECRET).update(`${method}${uri}${body}${timestamp}`).digest('base64');

function component(dir: string): string {
  const file = path.join(dir, 'hooks-hsmeta.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      uid: 'hooks',
      type: 'webhooks',
      config: {
        settings: { targetUrl: '${HOOK_URL}', maxConcurrentRequests: 3 },
        subscriptions: {
          crmObjects: [
            { subscriptionType: 'object.creation', objectType: 'contact', active: true },
            { subscriptionType: 'object.propertyChange', objectType: 'contact', propertyName: 'jobtitle', active: true },
            { subscriptionType: 'object.propertyChange', objectType: 'contact', propertyName: 'lifecyclestage', active: false },
          ],
        },
      },
    }),
  );
  return file;
}

describe('emulator webhooks', () => {
  let emu: RunningEmulator;
  let clock: VirtualClock;
  let file: string;
  beforeEach(async () => {
    clock = new VirtualClock();
    emu = await startEmulator({ clock });
    file = component(fs.mkdtempSync(path.join(os.tmpdir(), 'hooks-')));
  });
  afterEach(() => emu.close());

  const create = (props: Record<string, string>) => emu.store.portal.create('0-1', emu.store.portal.prepare('0-1', props, undefined));

  it('emits signed, batched events for subscribed writes only, at most 3 requests in flight', async () => {
    const received: WebhookHttpRequest[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const hooks = emu.attachWebhooks({
      componentFile: file,
      clientSecret: SECRET,
      variables: { HOOK_URL: 'https://hooks.test/events' },
      clock,
      target: {
        handler: async (req) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await clock.sleep(100);
          inFlight--;
          received.push(req);
          return { status: 200 };
        },
      },
    });
    for (let i = 0; i < 250; i++) create({ email: `p${i}@x.test`, jobtitle: 'CTO', lifecyclestage: 'lead', firstname: 'A' });
    expect(hooks.pending()).toBe(500);
    await hooks.drain();
    expect(hooks.pending()).toBe(0);
    expect(received.map((r) => (JSON.parse(r.body) as unknown[]).length)).toEqual([100, 100, 100, 100, 100]);
    expect(maxInFlight).toBe(3);
    const events = received.flatMap((r) => JSON.parse(r.body) as { subscriptionType: string; propertyName?: string; objectTypeId: string }[]);
    expect(events.filter((e) => e.subscriptionType === 'object.creation')).toHaveLength(250);
    expect(new Set(events.filter((e) => e.subscriptionType === 'object.propertyChange').map((e) => e.propertyName))).toEqual(new Set(['jobtitle']));
    for (const r of received) {
      expect(r.url).toBe('https://hooks.test/events');
      const timestamp = r.headers['x-hubspot-request-timestamp'] ?? '';
      expect(Number(timestamp)).toBeLessThanOrEqual(clock.now());
      expect(r.headers['x-hubspot-signature-v3']).toBe(v3Signature(r.method, r.url, r.body, timestamp));
    }
  });

  it('retries failures and timeouts on HubSpot\'s schedule, each attempt freshly signed, and gives up after 10 retries', async () => {
    const attempts: { at: number; attempt: number; ts: string }[] = [];
    let calls = 0;
    const hooks = emu.attachWebhooks({
      componentFile: file,
      clientSecret: SECRET,
      targetUrl: 'https://hooks.test/events',
      clock,
      target: {
        handler: async (req) => {
          calls++;
          const batch = JSON.parse(req.body) as { attemptNumber: number }[];
          attempts.push({ at: clock.now(), attempt: batch[0]?.attemptNumber ?? -1, ts: req.headers['x-hubspot-request-timestamp'] ?? '' });
          if (calls === 1) return { status: 503 };
          if (calls === 2) {
            await clock.sleep(6_000); // slower than HubSpot waits: a timeout, whatever the answer
            return { status: 200 };
          }
          return { status: calls === 3 ? 200 : 500 };
        },
      },
    });
    create({ email: 'one@x.test' });
    const t0 = clock.now();
    await hooks.drain();
    expect(attempts.map((a) => a.attempt)).toEqual([0, 1, 2]);
    expect(hooks.deliveries().map((d) => d.outcome)).toEqual(['retry', 'retry', 'delivered']);
    expect(hooks.deliveries()[1]?.status).toBe(0);
    // The first retry comes about a minute later (±20 %), the second minutes after that: virtual time, no waiting.
    expect((attempts[1]?.at ?? 0) - t0).toBeGreaterThanOrEqual(0.8 * (DEFAULT_RETRY_DELAYS_MS[0] ?? 0));
    expect(new Set(attempts.map((a) => a.ts)).size).toBe(3);

    create({ email: 'two@x.test' });
    await hooks.drain();
    const last = hooks.deliveries().slice(3);
    expect(last).toHaveLength(11);
    expect(last.at(-1)?.outcome).toBe('gave_up');
    expect((last.at(-1)?.at ?? 0) - (last[0]?.at ?? 0)).toBeGreaterThan(20 * 3_600_000);
  });

  it('refuses a component that is not a webhooks component, or without a target URL', () => {
    const bad = path.join(path.dirname(file), 'bad-hsmeta.json');
    fs.writeFileSync(bad, JSON.stringify({ uid: 'x', type: 'card', config: {} }));
    expect(() => emu.attachWebhooks({ componentFile: bad, clientSecret: SECRET, targetUrl: 'https://x.test', target: { url: 'https://x.test' } })).toThrow('webhooks');
    expect(() => emu.attachWebhooks({ componentFile: file, clientSecret: SECRET, target: { url: 'https://x.test' } })).toThrow('target URL');
  });
});
