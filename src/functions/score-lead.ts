import './runtime/zod-setup';
import { z } from 'zod';
import type { ScoreView } from '../app/cards/shared/contracts';
import { ok } from '../core/result';
import { scoreContact } from '../workflows/score';
import { toScoreView, trendFromHistory } from '../workflows/views/score-view';
import { modelOf } from './runtime/config';
import { defineFunction } from './runtime/define-function';
import { OBJECT_ID } from './runtime/inputs';

/**
 * `score_lead`: scores a contact with the configured model and returns the score with a reason for every rule.
 * At most 2 reads and 1 write; it writes only with `write: true` (rendering never writes) and only when the score
 * changed (see `workflows/score.ts`).
 */
export const main = defineFunction({
  name: 'score_lead',
  input: z.strictObject({
    objectType: z.literal('contacts', { error: 'score_lead scores contacts: expected objectType "contacts"' }),
    objectId: OBJECT_ID,
    write: z.boolean().default(false),
  }),
  run: async ({ objectId, write }, { context, config, now, crm }) => {
    const sent = context.record;
    const companyIdFromCard = sent && Object.prototype.hasOwnProperty.call(sent, 'associatedcompanyid') ? sent.associatedcompanyid : undefined;
    const scored = await scoreContact({ crm, model: modelOf(config), now: () => now }, { contactId: objectId, write, companyIdFromCard });
    if (!scored.ok) return scored.error.code === 'NOT_FOUND' ? { ok: false, error: { ...scored.error, message: `No contact with id ${objectId}.` } } : scored;
    const s = scored.value;
    const score: ScoreView = toScoreView({ objectId, result: s.result, stored: s.stored, trend: trendFromHistory(s.totalHistory), changed: s.changed, written: s.written });
    return ok({ score });
  },
});
