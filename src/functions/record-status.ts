import { z } from 'zod';
import type { RecordStatusView } from '../app/cards/shared/contracts';
import { defineFunction, failure } from './runtime/define-function';
import { OBJECT_ID, OBJECT_TYPE } from './runtime/inputs';

export const main = defineFunction({
  name: 'record_status',
  input: z.strictObject({ objectType: OBJECT_TYPE, objectId: OBJECT_ID }),
  run: async ({ objectType, objectId }, { context, now }) => {
    if (!context.token) return failure({ code: 'CONFIG', message: 'The app has no access token (PRIVATE_APP_ACCESS_TOKEN).', retryable: false });
    // PLACEHOLDER (issue 6): no tickets or destinations read yet.
    const status: RecordStatusView = {
      objectType,
      objectId,
      tickets: { counts: { open: 0, breached: 0, closedLast30Days: 0 }, items: [], more: 0, countsArePartial: false, total: 0 },
      sync: [],
      problems: [],
      searchLagNote: 'Tickets come from HubSpot search, which can lag a few seconds behind changes.',
      generatedAt: now.toISOString(),
    };
    return { ok: true, status };
  },
});
