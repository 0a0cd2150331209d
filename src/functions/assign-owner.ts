import './runtime/zod-setup';
import { z } from 'zod';
import type { RoutingDecisionView } from '../app/cards/shared/contracts';
import { ok } from '../core/result';
import { routeRecord } from '../workflows/route';
import { toDecisionView } from '../workflows/views/routing-view';
import { defineFunction } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE, REASON } from './runtime/inputs';

/**
 * `assign_owner`: routes a contact or company to a team by company size and to an owner in that team, and says
 * why. `dryRun` (what cards render with) never writes. The answer names the owner the record really has after the
 * call, which is a person's when someone set the owner meanwhile (see `workflows/route.ts` and
 * `workflows/routing-write.ts` for the reads, the write and their call counts).
 */
export const main = defineFunction({
  name: 'assign_owner',
  input: z
    .strictObject({
      objectType: OBJECT_TYPE,
      objectId: OBJECT_ID,
      dryRun: z.boolean().default(false),
      force: z.boolean().default(false),
      reason: REASON.optional(),
    })
    .refine((v) => !v.force || v.reason !== undefined, { message: 'force needs a reason (why reassign?)', path: ['reason'] }),
  run: async ({ objectType, objectId, dryRun, force, reason }, { context, config, now, crm }) => {
    const routed = await routeRecord({ crm, config, now: () => now }, { objectType, objectId, sent: context.record, dryRun, force, reason: reason ?? null });
    if (!routed.ok) {
      const what = objectType === 'contacts' ? 'contact' : 'company';
      return routed.error.code === 'NOT_FOUND' ? { ok: false, error: { ...routed.error, message: `No ${what} with id ${objectId}.` } } : routed;
    }
    const r = routed.value;
    if (r.code === 'FAILED') return { ok: false, error: r.error ?? { code: 'HUBSPOT_UNAVAILABLE', message: 'The owner was not written; try again.', retryable: true } };
    const view = toDecisionView(r.decision, { applied: r.applied, stored: r.stored, history: r.history });
    const decision: RoutingDecisionView = {
      ...view,
      // After a write, the owner HubSpot holds: ours, an earlier attempt's, or a person's set meanwhile.
      owner: dryRun ? view.owner : r.finalOwner,
      currentTeam: r.ownerTeam,
      outcome: r.code,
    };
    return ok({ decision });
  },
});
