import { z } from 'zod';
import type { ScoreView } from '../app/cards/shared/contracts';
import { defineFunction, failure } from './runtime/define-function';
import { OBJECT_ID } from './runtime/inputs';

export const main = defineFunction({
  name: 'score_lead',
  input: z.strictObject({
    objectType: z.literal('contacts', { error: 'score_lead scores contacts: expected objectType "contacts"' }),
    objectId: OBJECT_ID,
    write: z.boolean().default(false),
  }),
  run: async ({ objectId }, { context, config, now }) => {
    if (!context.token) return failure({ code: 'CONFIG', message: 'The app has no access token (PRIVATE_APP_ACCESS_TOKEN).', retryable: false });
    // PLACEHOLDER (issue 4): reports the stored score only.
    const stored = context.record?.lead_ops_score ?? null;
    const total = stored === null ? 0 : Number(stored);
    const score: ScoreView = {
      objectId,
      modelVersion: config.scoring.version,
      status: stored === null ? 'unscorable' : 'scored',
      total,
      fit: { score: 0, grade: 'C' },
      engagement: { score: 0, grade: '3' },
      band: 'C3',
      label: 'Cold',
      reasons: [],
      missing: [],
      decayedPoints: 0,
      stored: null,
      trend: [],
      changed: false,
      written: false,
      computedAt: now.toISOString(),
    };
    return { ok: true, score };
  },
});
