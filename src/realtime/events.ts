import { z } from 'zod';
import type { LeadOpsConfig } from '../core/config/schema';
import type { CompiledModel } from '../core/scoring';
import { subscribedProperties } from './components';

/**
 * What a webhook delivery asks for, as record ids to re-evaluate. HubSpot sends a JSON array of at most 100 events,
 * possibly twice, possibly out of order (its guide says so): we never apply an event's value, we only collect the
 * ids and read the records' current state, so a duplicate or a late event is harmless.
 *
 * Ignored without any API call: events on our own output properties (`lead_ops_*`, which we never subscribe to but
 * which an admin could add by hand), an owner being set (routing wrote it, or a person did: either way the record is
 * owned and scoring does not read the owner), properties that are not inputs of the current configuration (the
 * subscriptions of an older upload), deletions, merges and association changes.
 */

export const MAX_EVENTS_PER_DELIVERY = 100;

const ObjectId = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9]\d{0,17}$/)]).transform(String);

export const WebhookEventSchema = z.looseObject({
  eventId: z.number().optional(),
  subscriptionId: z.number().optional(),
  portalId: z.number().optional(),
  appId: z.number().optional(),
  occurredAt: z.number().optional(),
  attemptNumber: z.number().optional(),
  subscriptionType: z.string().min(1).max(100),
  objectId: ObjectId,
  objectTypeId: z.string().max(20).optional(),
  propertyName: z.string().max(200).optional(),
  propertyValue: z.string().max(70_000).nullable().optional(),
  changeSource: z.string().max(100).optional(),
  sourceId: z.string().max(200).optional(),
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

export const WebhookBodySchema = z.array(WebhookEventSchema).min(1).max(MAX_EVENTS_PER_DELIVERY);

export type IgnoreReason = 'own_output' | 'owner_set' | 'not_an_input' | 'not_handled' | 'unknown_object';

export interface DeliveryPlan {
  /** Records to re-evaluate, lowest id first, each once. */
  readonly contacts: readonly string[];
  readonly companies: readonly string[];
  /** Companies whose scoring inputs changed: their contacts are rescored too (bounded). */
  readonly companiesForContacts: readonly string[];
  readonly ignored: Readonly<Partial<Record<IgnoreReason, number>>>;
  readonly events: number;
}

const byId = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

function objectTypeOf(e: WebhookEvent): 'contacts' | 'companies' | null {
  if (e.objectTypeId === '0-1') return 'contacts';
  if (e.objectTypeId === '0-2') return 'companies';
  if (e.objectTypeId !== undefined) return null;
  if (e.subscriptionType.startsWith('contact.')) return 'contacts';
  if (e.subscriptionType.startsWith('company.')) return 'companies';
  return null;
}

const isCreation = (t: string): boolean => t === 'object.creation' || t === 'contact.creation' || t === 'company.creation';
const isPropertyChange = (t: string): boolean => t === 'object.propertyChange' || t === 'contact.propertyChange' || t === 'company.propertyChange';

/** Pure: which records a batch of events asks us to look at again, and what it leaves alone. */
export function planDelivery(events: readonly WebhookEvent[], config: LeadOpsConfig, model: CompiledModel): DeliveryPlan {
  const inputs = subscribedProperties(config, model);
  const companyScoringInputs = new Set(model.properties.company);
  const contacts = new Set<string>();
  const companies = new Set<string>();
  const expand = new Set<string>();
  const ignored: Partial<Record<IgnoreReason, number>> = {};
  const skip = (r: IgnoreReason): void => void (ignored[r] = (ignored[r] ?? 0) + 1);
  for (const e of events) {
    const type = objectTypeOf(e);
    if (type === null) {
      skip('unknown_object');
      continue;
    }
    const target = type === 'contacts' ? contacts : companies;
    if (isCreation(e.subscriptionType)) {
      target.add(e.objectId);
      continue;
    }
    if (!isPropertyChange(e.subscriptionType) || !e.propertyName) {
      skip('not_handled');
      continue;
    }
    const name = e.propertyName;
    if (name.startsWith('lead_ops_')) skip('own_output');
    else if (name === 'hubspot_owner_id' && (e.propertyValue ?? '').trim() !== '') skip('owner_set');
    else if (!inputs[type].includes(name)) skip('not_an_input');
    else {
      target.add(e.objectId);
      if (type === 'companies' && companyScoringInputs.has(name)) expand.add(e.objectId);
    }
  }
  return {
    contacts: [...contacts].sort(byId),
    companies: [...companies].sort(byId),
    companiesForContacts: [...expand].sort(byId),
    ignored,
    events: events.length,
  };
}
