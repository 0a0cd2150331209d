import { z } from 'zod';
import type { RoutingDecisionView } from '../app/cards/shared/contracts';
import { defineFunction, failure } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

export const main = defineFunction({
  name: 'assign_owner',
  input: z.strictObject({
    objectType: OBJECT_TYPE,
    objectId: OBJECT_ID,
    dryRun: z.boolean().default(false),
    force: z.boolean().default(false),
    reason: z.string().trim().min(3).max(500).optional(),
  }),
  run: async ({ objectType, objectId }, { context }) => {
    if (!context.token) return failure({ code: 'CONFIG', message: 'The app has no access token (PRIVATE_APP_ACCESS_TOKEN).', retryable: false });
    // PLACEHOLDER (issue 5): reports the current owner only.
    const ownerId = context.record?.hubspot_owner_id ?? null;
    const decision: RoutingDecisionView = {
      objectType,
      objectId,
      tier: null,
      fallback: 'routing is not configured yet',
      employees: { value: null, raw: null, source: 'none', property: null },
      team: null,
      owner: null,
      policy: 'keep_existing',
      rule: 'none',
      explanation: ['Routing rules are not configured yet.'],
      skipped: [],
      applied: false,
      currentOwner: ownerId ? { id: ownerId, name: `Owner ${ownerId}`, email: null } : null,
      alreadyAssigned: ownerId !== null,
      routedAt: null,
      routingKey: null,
      history: [],
    };
    return { ok: true, decision };
  },
});
