import './runtime/zod-setup';
import { z } from 'zod';
import type { RoutingDecisionView, WireError } from '../app/cards/shared/contracts';
import type { LeadOpsConfig } from '../core/config/schema';
import {
  decideRoute,
  planRoute,
  readRoutingState,
  recentAssignmentsFromSearch,
  recentAssignmentsSearchBody,
  routingHistoryFrom,
  routingPropertiesToRead,
  ROUTING_PROPERTY_NAMES,
  toDecisionView,
  type RouteError,
  type RoutingOwner,
} from '../core/routing';
import { ok, type Result } from '../core/result';
import type { CrmPort, Owner } from '../hubspot';
import { applyRoutingDecision } from '../services/apply-routing';
import { defineFunction, failure } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

type Props = Readonly<Record<string, string | null>>;

const routeError = (e: RouteError): WireError => ({ code: 'INVALID_INPUT', message: e.message, retryable: false });

/** Reads what routing needs of the record: from the card's `propertiesToSend` when complete, else one GET. */
async function readRecord(
  crm: CrmPort,
  objectType: 'contacts' | 'companies',
  objectId: string,
  sent: Props | null,
  needed: readonly string[],
  withHistory: boolean,
): Promise<Result<{ properties: Props; history: Record<string, readonly { value: string | null; timestamp: string }[]> | null }, WireError>> {
  const complete = sent !== null && needed.every((n) => Object.prototype.hasOwnProperty.call(sent, n));
  if (complete && !withHistory) return ok({ properties: sent, history: null });
  const historyOf = ['hubspot_owner_id', ROUTING_PROPERTY_NAMES.key, ROUTING_PROPERTY_NAMES.tier, ROUTING_PROPERTY_NAMES.rule];
  const r = await crm.getRecord(objectType, objectId, { properties: needed, ...(withHistory ? { propertiesWithHistory: historyOf } : {}) });
  if (!r.ok) return r;
  return ok({ properties: r.value.properties, history: withHistory ? r.value.history : null });
}

/** The current owner's team among the routing teams (else its primary team), for the card. */
function currentTeamOf(ownerId: string | null, owners: readonly Owner[], config: LeadOpsConfig): { id: string; name: string } | null {
  const owner = ownerId ? owners.find((o) => o.id === ownerId) : undefined;
  if (!owner) return null;
  const routingTeams = new Set(
    config.routing.tiers.map((t) => ('name' in t.team ? String(t.team.name).toLowerCase() : String(t.team.id))),
  );
  const match = owner.teams.find((t) => routingTeams.has(t.name.toLowerCase()) || routingTeams.has(t.id)) ?? owner.teams.find((t) => t.primary) ?? null;
  return match ? { id: match.id, name: match.name } : null;
}

/**
 * `assign_owner`: routes a contact or company to a team by company size and to an owner in that team, and says
 * why. `dryRun` (what cards render with) never writes. Budgets from the card (DECISIONS 2): a dry run reads the
 * record with its routing history, the company, the owners and one search of the team's recent assignments (≤ 4);
 * an applied assignment, with the record's properties sent by the card, reads the company, the owners and the search,
 * then creates the note, lists the record's notes and updates the record (≤ 6).
 */
export const main = defineFunction({
  name: 'assign_owner',
  input: z
    .strictObject({
      objectType: OBJECT_TYPE,
      objectId: OBJECT_ID,
      dryRun: z.boolean().default(false),
      force: z.boolean().default(false),
      reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(500).optional(),
    })
    .refine((v) => !v.force || v.reason !== undefined, { message: 'force needs a reason (why reassign?)', path: ['reason'] }),
  run: async ({ objectType, objectId, dryRun, force, reason }, { context, config, now, crm }): Promise<{ ok: true; decision: RoutingDecisionView } | { ok: false; error: WireError }> => {
    const toRead = routingPropertiesToRead(objectType, config.routing);
    const readCompany = (id: string | null | undefined) =>
      objectType === 'contacts' && id && id.trim() !== '' ? crm.getRecord('companies', id.trim(), { properties: toRead.company }) : Promise.resolve(null);
    // Independent reads run together: owners, the record (with its routing history for a dry run) and, when the
    // card sent the company id, the company; otherwise the company waits for the record.
    const ownersPromise = crm.listOwners();
    const sentCompany = context.record && Object.prototype.hasOwnProperty.call(context.record, 'associatedcompanyid') ? context.record.associatedcompanyid : undefined;
    const earlyCompany = sentCompany !== undefined ? readCompany(sentCompany) : null;
    const recordRead = await readRecord(crm, objectType, objectId, context.record, toRead.record, dryRun);
    if (!recordRead.ok) return recordRead.error.code === 'NOT_FOUND' ? failure({ ...recordRead.error, message: `No ${objectType === 'contacts' ? 'contact' : 'company'} with id ${objectId}.` }) : recordRead;
    const record = recordRead.value.properties;
    const [company, owners] = await Promise.all([earlyCompany ?? readCompany(record.associatedcompanyid), ownersPromise]);
    if (!owners.ok) return owners;
    // A company that cannot be read routes like a contact without one; the decision says the size is missing.
    const companyProps = company && company.ok ? company.value.properties : null;
    const routingOwners: RoutingOwner[] = owners.value;
    const input = { objectType, recordId: objectId, record, company: companyProps, owners: routingOwners, now: now.getTime(), force, reason: reason ?? null };
    const plan = planRoute(input, config.routing);
    if (!plan.ok) return failure(routeError(plan.error));
    let recent;
    if (plan.value.search) {
      const found = await crm.search(objectType, recentAssignmentsSearchBody(plan.value.search));
      if (!found.ok) return found;
      recent = { searched: recentAssignmentsFromSearch(found.value.records), searchedTotal: found.value.total };
    }
    const decided = decideRoute({ ...input, ...(recent ? { recent } : {}) }, config.routing);
    if (!decided.ok) return failure(routeError(decided.error));
    const decision = decided.value;
    const stored = readRoutingState(record);

    let applied = false;
    if (!dryRun && !decision.alreadyAssigned && decision.routingKey !== null && decision.routingKey !== stored.routingKey) {
      const result = await applyRoutingDecision(crm, decision, stored, now);
      if (!result.ok) return result;
      applied = result.value.written;
    }
    const tierLabels = Object.fromEntries(config.routing.tiers.map((t) => [t.id, t.label]));
    const history = recordRead.value.history ? routingHistoryFrom(recordRead.value.history, { owners: routingOwners, tierLabels }) : [];
    const view = toDecisionView(decision, { applied, stored, history });
    return { ok: true, decision: { ...view, currentTeam: currentTeamOf(stored.ownerId, owners.value, config) } };
  },
});


