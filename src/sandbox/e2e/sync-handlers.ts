/**
 * Child-side handlers for the sync browser test: the sandbox as `npm start` starts it (on free ports), records made
 * and changed over HTTP as a person or another app would, and direct reads of the destination emulators' state for
 * the assertions.
 */
import { destinationEnvironment } from '../destination-env';
import { startSandbox, type RunningSandbox } from '../sandbox';

let sandbox: RunningSandbox | null = null;

function running(): RunningSandbox {
  if (!sandbox) throw new Error('start the sandbox first');
  return sandbox;
}

async function hubspot(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<{ id: string }> {
  const emulator = running().emulator;
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
}

export const handlers = {
  start: async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    return { url: sandbox.url };
  },
  /** A new contact, marked as failed for Mailchimp by the last attempt (as a sync tool would have left it). */
  contactFailedForMailchimp: async (): Promise<{ id: string; email: string; firstname: string; lastname: string; company: string }> => {
    const stamp = Date.now().toString(36);
    const properties = { email: `ada.${stamp}@analytical-engines.example`, firstname: 'Ada', lastname: `Lovelace ${stamp}`, company: 'Analytical Engines' };
    const { id } = await hubspot('POST', '/crm/v3/objects/contacts', { properties });
    await hubspot('PATCH', `/crm/v3/objects/contacts/${id}`, {
      properties: { lead_ops_sync_mailchimp_status: 'failed', lead_ops_sync_mailchimp_error: '503 Service Unavailable: This service is temporarily unavailable. Please try again later.' },
    });
    return { id, ...properties };
  },
  /** A new ticket in the default support pipeline, on the contact. */
  newTicket: async (contactId: string, subject: string): Promise<string> => {
    const { id } = await hubspot('POST', '/crm/v3/objects/tickets', {
      properties: { subject, content: 'The export to CSV times out.', hs_pipeline: '0', hs_pipeline_stage: '1', hs_ticket_priority: 'HIGH' },
      associations: [{ to: { id: contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 16 }] }],
    });
    return id;
  },
  properties: (objectType: string, id: string): Record<string, string> => ({ ...(running().emulator.store.get(objectType, id)?.properties ?? {}) }),
  member: (email: string) => {
    const d = running().destinations;
    const m = d.mailchimp.state.member(d.listId, email);
    return m ? { status: m.status, mergeFields: m.merge_fields, statuses: m.statusHistory.map((h) => h.status) } : null;
  },
  zendeskTickets: (hubspotTicketId: string) => running().destinations.zendesk.state.ticketsByExternalId(`hubspot-ticket-${hubspotTicketId}`).map((t) => ({ id: t.id, subject: t.subject })),
  /** The fake credentials the functions were given, to prove none of them reaches the page. */
  secretValues: (): string[] => {
    const env = destinationEnvironment(running().destinations);
    return Object.entries(env)
      .filter(([, v]) => !/^https?:\/\//.test(v))
      .flatMap(([, v]) => [v, ...(v.startsWith('{') ? [(JSON.parse(v) as { private_key?: string }).private_key?.split('\n')[1] ?? v] : [])]);
  },
  close: async () => {
    await sandbox?.close();
    sandbox = null;
  },
};
