/**
 * The tools beside HubSpot in the sandbox: the Mailchimp, Google Sheets and Zendesk emulators, started with the
 * HubSpot emulator. The functions reach them as they would reach the real APIs, with the credentials and base URLs
 * HubSpot's executor would hand them as secrets (`forcedEnv`). The record page shows each destination's current
 * copy of the record and offers what a person would do there (unsubscribe, bounce, suspend), and a sweep button
 * runs `lead-ops sweep` against the whole sandbox.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { LeadOpsConfig } from '../core/config/schema';
import { compileModel } from '../core/scoring';
import { connectorOf } from '../core/status';
import { startDestinationEmulators, type RunningDestinationEmulators } from '../emulator/destinations';
import { createCrmPort } from '../hubspot';
import { destinationAccessFrom } from '../workflows/destination-access';
import { runSweep, type SweepSummary } from '../workflows/sweep';
import type { ActivityLog } from './activity';
import { destinationEnvironment } from './destination-env';
import type { SandboxEmulator } from './emulator-link';
import { DESTINATION_ACTIONS, type DestinationCopiesAnswer, type SandboxSweepView, type ZendeskTicketView } from './shared/destination-wire';
import { objectTypeFromName } from './shared/object-types';
import { SOURCE_HEADER, VIEW_HEADER } from './shared/protocol';

export interface SandboxDestinations {
  readonly emulators: RunningDestinationEmulators;
  /** Credentials and URLs of the emulators, for the functions' environment. Fake values, never real ones. */
  readonly env: Readonly<Record<string, string>>;
  register(app: FastifyInstance, deps: { readonly emulator: SandboxEmulator; readonly activity: ActivityLog; readonly config: LeadOpsConfig; readonly readyAt: number }): void;
  close(): Promise<void>;
}

const ObjectId = z.string().regex(/^\d{1,18}$/);
const ActionBody = z.object({ action: z.enum(DESTINATION_ACTIONS) });

const n = (x: number): string => x.toLocaleString('en-US');

/** The sweep's answer in a few sentences for the page. */
export function describeSweep(s: SweepSummary): string[] {
  const routed = s.contacts.routing.ASSIGNED + s.companies.routing.ASSIGNED;
  const lines = [`Scoring and routing: ${n(s.contacts.considered)} contacts and ${n(s.companies.considered)} companies considered, ${n(s.contacts.scoreWritten)} scores written, ${n(routed)} owners assigned.`];
  for (const d of s.sync?.destinations ?? []) {
    const o = d.outcomes;
    const tickets = d.tickets ? ` Tickets: ${n(d.tickets.created)} created, ${n(d.tickets.linked)} linked.` : '';
    const back = d.readBack > 0 ? ` ${n(d.readBack)} excluded there since.` : '';
    lines.push(
      d.problem && d.sent === 0
        ? `${d.name}: not synced: ${d.problem}`
        : `${d.name}: ${n(d.sent)} sent (${n(o.in_sync)} in sync, ${n(o.excluded)} excluded, ${n(o.failed)} failed, ${n(o.pending)} pending), ${n(d.written)} records written.${back}${tickets}${d.problem ? ` ${d.problem}` : ''}`,
    );
  }
  return lines;
}

export async function startSandboxDestinations(): Promise<SandboxDestinations> {
  const emulators = await startDestinationEmulators();
  const env = destinationEnvironment(emulators);
  let lastSweep: SandboxSweepView | null = null;

  return {
    emulators,
    env,
    register(app, { emulator, activity, config, readyAt }) {
      const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
      const tabOf = (objectType: 'contacts' | 'companies'): string | null => {
        for (const d of config.sync.destinations) {
          const s = connectorOf(d);
          if (s?.type === 'google_sheets') return s.tabs[objectType]?.sheet ?? null;
        }
        return null;
      };

      const copies = (objectType: 'contacts' | 'companies', id: string): DestinationCopiesAnswer => {
        const record = emulator.store.get(objectType, id);
        const email = record?.properties.email ?? '';
        const member = objectType === 'contacts' && email ? emulators.mailchimp.state.member(emulators.listId, email) : undefined;
        const sheet = tabOf(objectType);
        const row = sheet ? emulators.googleSheets.state.rowByKey(emulators.spreadsheetId, sheet, id) : undefined;
        const header = sheet ? (emulators.googleSheets.state.rows(emulators.spreadsheetId, sheet)[0] ?? []) : [];
        const z = emulators.zendesk.state;
        const person = objectType === 'contacts' ? z.user(`hubspot-contact-${id}`) : undefined;
        const org = objectType === 'companies' ? z.organization(`hubspot-company-${id}`) : undefined;
        const ticketIds = emulator.store.associations(objectType, id, 'tickets').map((a) => a.toId);
        const tickets: ZendeskTicketView[] = ticketIds.flatMap((t) =>
          z.ticketsByExternalId(`hubspot-ticket-${t}`).map((zt) => ({ id: zt.id, hubspotTicketId: t, subject: zt.subject, status: zt.status, priority: zt.priority })),
        );
        return {
          objectType,
          objectId: id,
          mailchimp: member
            ? { email: member.email_address, status: member.status, mergeFields: member.merge_fields, statusHistory: member.statusHistory.map((h) => ({ status: h.status, by: h.by })) }
            : null,
          sheet: sheet && row ? { spreadsheetId: emulators.spreadsheetId, sheet, row: row.row, header, values: row.values } : null,
          zendesk: {
            record: person
              ? { kind: 'user', id: person.id, name: person.name, email: person.email, phone: person.phone, domains: [], suspended: person.suspended }
              : org
                ? { kind: 'organization', id: org.id, name: org.name, email: null, phone: null, domains: org.domain_names, suspended: false }
                : null,
            tickets,
          },
          lastSweep,
        };
      };

      app.get<{ Params: { type: string; id: string } }>('/api/destinations/:type/:id', async (req, reply) => {
        const type = objectTypeFromName(req.params.type);
        const id = ObjectId.safeParse(req.params.id);
        if (!type || (type.name !== 'contacts' && type.name !== 'companies') || !id.success) return reply.code(400).send({ status: 'error', message: 'expected /api/destinations/<contacts|companies>/<id>' });
        return noStore(reply).send(copies(type.name, id.data));
      });

      // What a person does in the destination: Mailchimp's unsubscribe link, a bounce, an agent suspending a user.
      app.post<{ Params: { type: string; id: string } }>('/api/destinations/:type/:id/actions', async (req, reply) => {
        const type = objectTypeFromName(req.params.type);
        const id = ObjectId.safeParse(req.params.id);
        const body = ActionBody.safeParse(req.body ?? {});
        if (!type || (type.name !== 'contacts' && type.name !== 'companies') || !id.success || !body.success) return reply.code(400).send({ status: 'error', message: 'unknown action or record' });
        const email = emulator.store.get(type.name, id.data)?.properties.email ?? '';
        try {
          switch (body.data.action) {
            case 'mailchimp.unsubscribe':
              emulators.mailchimp.state.setStatus(emulators.listId, email, 'unsubscribed');
              break;
            case 'mailchimp.clean':
              emulators.mailchimp.state.setStatus(emulators.listId, email, 'cleaned');
              break;
            case 'mailchimp.resubscribe':
              emulators.mailchimp.state.setStatus(emulators.listId, email, 'subscribed');
              break;
            case 'zendesk.suspend':
            case 'zendesk.unsuspend':
              emulators.zendesk.state.updateUser(`hubspot-contact-${id.data}`, { suspended: body.data.action === 'zendesk.suspend' });
              break;
          }
        } catch (e) {
          return reply.code(409).send({ status: 'error', message: e instanceof Error ? e.message : String(e) });
        }
        return noStore(reply).send(copies(type.name, id.data));
      });

      // `lead-ops sweep` over everything changed since the sandbox was ready, as cron would run it.
      app.post('/api/destinations/sweep', async (req, reply) => {
        const view = typeof req.headers[VIEW_HEADER] === 'string' ? req.headers[VIEW_HEADER] : 'none';
        const source = typeof req.headers[SOURCE_HEADER] === 'string' ? req.headers[SOURCE_HEADER] : 'page';
        const result = await activity.run({ view, source, label: 'lead-ops sweep' }, async () => {
          const crm = createCrmPort({ token: emulator.token, baseUrl: emulator.url, pacing: 'bulk' });
          const { secrets, urls } = destinationAccessFrom(env);
          const r = await runSweep(
            { crm, config, model: compileModel(config.scoring), now: () => new Date() },
            { since: readyAt, dryRun: false, sync: { access: { secrets, urls }, runtime: { pacing: 'bulk' } } },
          );
          const sweep: SandboxSweepView = r.ok
            ? { at: new Date().toISOString(), since: new Date(readyAt).toISOString(), ok: true, lines: describeSweep(r.value), hubspotWrites: r.value.sync?.hubspotWrites ?? 0 }
            : { at: new Date().toISOString(), since: new Date(readyAt).toISOString(), ok: false, lines: [r.error.message], hubspotWrites: 0 };
          return { ok: sweep.ok, value: sweep, ...(sweep.ok ? {} : { detail: r.ok ? '' : r.error.code }) };
        });
        lastSweep = result;
        return noStore(reply).send(result);
      });
    },
    close: () => emulators.close(),
  };
}
