/**
 * Automation in the sandbox (issue 11): the emulator plays HubSpot's side of webhooks and delivers signed, batched
 * events for every write to the opt-in endpoint function `lead_ops_events`, run by HubSpot's executor like every
 * other function here (through the activity queue, so its API calls are attributed and the executor's process.env
 * swap never overlaps a card's call). The page's "New contact" form creates a contact through the API; a few hundred
 * milliseconds later the delivery arrives, and the page shows the event, the decision and the calls it cost.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { bundleFunction } from '../build/generate';
import { FUNCTION_SOURCES_DIR } from '../config/paths';
import type { WebhookDispatcher, WebhookHttpRequest } from '../emulator';
import { REALTIME_COMPONENTS_DIR } from '../config/paths';
import { CLIENT_SECRET_KEY, ENDPOINT_FUNCTION_NAME, ENDPOINT_FUNCTION_UID } from '../realtime/components';
import type { ActivityLog } from './activity';
import type { SandboxEmulator } from './emulator-link';
import { createFunctionRunner } from './function-runner';
import type { ActivityEntry } from './shared/protocol';

/** The URL the emulator "calls" and signs; the endpoint bundle is built with the same one. */
export const SANDBOX_ENDPOINT_URL = 'https://sandbox.lead-ops.test/hs/serverless/lead-ops/events';
export const AUTOMATION_VIEW = 'automation';

export interface AutomationDelivery {
  readonly id: number;
  readonly at: number;
  readonly attempt: number;
  readonly events: readonly { readonly type: string; readonly objectTypeId: string; readonly objectId: string; readonly propertyName: string | null }[];
  readonly status: number;
  /** What the endpoint answered (counts and decisions). */
  readonly response: unknown;
  readonly activity: ActivityEntry | null;
}

export interface AutomationAnswer {
  readonly enabled: boolean;
  readonly endpointUrl: string;
  readonly pending: number;
  readonly deliveries: readonly AutomationDelivery[];
  readonly message: string | null;
}

export interface Automation {
  register(app: FastifyInstance): void;
  close(): void;
}

const NewContact = z.object({
  email: z.string().trim().email().max(200),
  firstname: z.string().trim().max(100).optional(),
  lastname: z.string().trim().max(100).optional(),
  jobtitle: z.string().trim().max(200).optional(),
  numemployees: z.enum(['', '1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+']).optional(),
  country: z.string().trim().max(100).optional(),
});

export async function startAutomation(options: { emulator: SandboxEmulator; activity: ActivityLog; envDir: string; log: (line: string) => void }): Promise<Automation> {
  const { emulator, activity } = options;
  const deliveries: AutomationDelivery[] = [];
  let nextId = 1;
  let dispatcher: WebhookDispatcher | null = null;
  let message: string | null = null;
  try {
    // The endpoint bundle, as the opt-in build makes it, beside the other sandbox files (so it finds the SDK).
    const bundle = await bundleFunction(path.join(FUNCTION_SOURCES_DIR, `${ENDPOINT_FUNCTION_NAME}.ts`), undefined, {
      define: { __LEAD_OPS_ENDPOINT_URL__: JSON.stringify(SANDBOX_ENDPOINT_URL) },
    });
    const dir = path.join(options.envDir, 'realtime');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${ENDPOINT_FUNCTION_NAME}.js`);
    fs.writeFileSync(file, bundle.contents);
    const secret = randomBytes(24).toString('hex');
    const secretsFile = path.join(dir, 'secrets.env');
    fs.writeFileSync(secretsFile, `${CLIENT_SECRET_KEY}=${secret}\n`, { mode: 0o600 });
    const runner = await createFunctionRunner({
      functions: [{ uid: ENDPOINT_FUNCTION_UID, file, secretKeys: [CLIENT_SECRET_KEY] }],
      apiOrigin: emulator.url,
      token: emulator.token,
      envDir: path.join(dir, 'env'),
      secretsFile,
    });
    const handler = async (req: WebhookHttpRequest) => {
      const events = (JSON.parse(req.body) as { subscriptionType?: string; objectTypeId?: string; objectId?: number; propertyName?: string; attemptNumber?: number }[]).map((e) => ({
        type: String(e.subscriptionType ?? ''),
        objectTypeId: String(e.objectTypeId ?? ''),
        objectId: String(e.objectId ?? ''),
        propertyName: e.propertyName ?? null,
        attempt: e.attemptNumber ?? 0,
      }));
      const label = `webhook delivery: ${events.length} event${events.length === 1 ? '' : 's'}`;
      const outcome = await activity.run({ view: AUTOMATION_VIEW, source: 'hubspot:webhooks', label }, async () => {
        const o = await runner.run({ uid: ENDPOINT_FUNCTION_UID, parameters: { method: req.method, url: req.url, headers: req.headers, body: req.body } });
        const r = o.ok && o.response && typeof o.response === 'object' ? (o.response as { statusCode?: number; body?: unknown }) : null;
        const status = typeof r?.statusCode === 'number' ? r.statusCode : 500;
        return { ok: status < 400, value: { status, body: r?.body ?? (o.ok ? null : o.body) }, ...(status >= 400 ? { detail: `answered ${status}` } : {}) };
      });
      const entries = activity.forView(AUTOMATION_VIEW);
      deliveries.push({
        id: nextId++,
        at: Date.now(),
        attempt: events[0]?.attempt ?? 0,
        events: events.map(({ attempt: _a, ...e }) => e),
        status: outcome.status,
        response: outcome.body,
        activity: entries[entries.length - 1] ?? null,
      });
      if (deliveries.length > 200) deliveries.splice(0, deliveries.length - 200);
      return { status: outcome.status, body: outcome.body };
    };
    dispatcher = emulator.attachWebhooks({
      componentFile: path.join(REALTIME_COMPONENTS_DIR, 'lead-ops-webhooks.component.json'),
      clientSecret: secret,
      targetUrl: SANDBOX_ENDPOINT_URL,
      target: { handler },
      // Real time here: batch what arrives within 300 ms; retries seconds apart instead of HubSpot's minutes.
      autoFlushMs: 300,
      retryDelaysMs: [2_000, 5_000, 15_000, 60_000],
    });
  } catch (e) {
    message = `Automation is off: ${e instanceof Error ? e.message : String(e)}`;
    options.log(message);
  }

  return {
    register(app) {
      app.get('/api/automation', async (_req, reply) => {
        const answer: AutomationAnswer = { enabled: dispatcher !== null, endpointUrl: SANDBOX_ENDPOINT_URL, pending: dispatcher?.pending() ?? 0, deliveries: deliveries.slice(-50).reverse(), message };
        return reply.header('cache-control', 'no-store').send(answer);
      });
      app.post('/api/automation/contacts', async (req, reply) => {
        const body = NewContact.safeParse(req.body ?? {});
        if (!body.success) return reply.code(400).send({ status: 'error', message: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        const properties = Object.fromEntries(Object.entries(body.data).filter(([, v]) => v !== undefined && v !== ''));
        const created = await activity.run({ view: AUTOMATION_VIEW, source: 'page', label: 'New contact form: create the contact' }, async () => {
          const res = await fetch(`${emulator.url}/crm/v3/objects/contacts`, {
            method: 'POST',
            headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ properties }),
          });
          const json = (await res.json()) as { id?: string; message?: string };
          return { ok: res.ok, value: { status: res.status, id: json.id ?? null, message: json.message ?? null } };
        });
        if (created.status >= 400 || !created.id) return reply.code(created.status === 409 ? 409 : 400).send({ status: 'error', message: created.message ?? 'the contact could not be created' });
        return reply.header('cache-control', 'no-store').send({ id: created.id });
      });
    },
    close() {
      dispatcher?.close();
    },
  };
}
