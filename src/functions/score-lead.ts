import './runtime/zod-setup';
import { z } from 'zod';
import type { ScoreView, WireError } from '../app/cards/shared/contracts';
import type { LeadOpsConfig } from '../core/config/schema';
import {
  compileModel,
  planScoreWrite,
  readStoredScore,
  scoreLead,
  SCORE_PROPERTY,
  SCORE_PROPERTY_NAMES,
  toScoreView,
  trendFromHistory,
  type CompiledModel,
} from '../core/scoring';
import { defineFunction, failure } from './runtime/define-function';
import { OBJECT_ID } from './runtime/inputs';

let compiled: { source: LeadOpsConfig['scoring']; model: CompiledModel } | null = null;
/** The model is compiled once per function instance (the configuration is baked into the bundle). */
function modelOf(config: LeadOpsConfig): CompiledModel {
  if (compiled?.source !== config.scoring) compiled = { source: config.scoring, model: compileModel(config.scoring) };
  return compiled.model;
}

/**
 * `score_lead`: scores a contact with the configured model and returns the score with a reason for every rule.
 * Reads at most 2 times (the contact with the history of its total, and its primary company; concurrently when the
 * card sends `associatedcompanyid`) and writes at most once: only with `write: true` (rendering never writes,
 * DECISIONS 4) and only when the whole points, band, label or model version changed (DECISIONS 5).
 */
export const main = defineFunction({
  name: 'score_lead',
  input: z.strictObject({
    objectType: z.literal('contacts', { error: 'score_lead scores contacts: expected objectType "contacts"' }),
    objectId: OBJECT_ID,
    write: z.boolean().default(false),
  }),
  run: async ({ objectId, write }, { context, config, now, crm }): Promise<{ ok: true; score: ScoreView } | { ok: false; error: WireError }> => {
    const model = modelOf(config);
    const contactPromise = crm.getRecord('contacts', objectId, {
      properties: [...new Set([...model.properties.contact, ...SCORE_PROPERTY_NAMES, 'associatedcompanyid'])],
      propertiesWithHistory: [SCORE_PROPERTY.total],
    });
    const readCompany = (id: string | null | undefined) =>
      id && id.trim() !== '' ? crm.getRecord('companies', id.trim(), { properties: model.properties.company }) : Promise.resolve(null);
    const sent = context.record;
    const cardCompany = sent && Object.prototype.hasOwnProperty.call(sent, 'associatedcompanyid') ? sent.associatedcompanyid : undefined;
    const companyPromise = cardCompany !== undefined ? readCompany(cardCompany) : contactPromise.then((c) => (c.ok ? readCompany(c.value.properties.associatedcompanyid) : null));
    const [contact, company] = await Promise.all([contactPromise, companyPromise]);
    if (!contact.ok) {
      return contact.error.code === 'NOT_FOUND' ? failure({ ...contact.error, message: `No contact with id ${objectId}.` }) : contact;
    }
    // A company that no longer exists scores like no company (its rules say so); any other failure stops the call,
    // because scoring without the company would write a wrong score.
    if (company && !company.ok && company.error.code !== 'NOT_FOUND') return company;
    const companyProps = company && company.ok ? company.value.properties : null;

    const result = scoreLead({ contact: contact.value.properties, company: companyProps, now }, model);
    const stored = readStoredScore(contact.value.properties);
    const plan = planScoreWrite(result, stored, now);
    let written = false;
    if (write && plan.properties) {
      const updated = await crm.update('contacts', objectId, plan.properties);
      if (!updated.ok) return updated;
      written = true;
    }
    const trend = trendFromHistory(contact.value.history[SCORE_PROPERTY.total] ?? []);
    return { ok: true, score: toScoreView({ objectId, result, stored, trend, changed: plan.changed, written }) };
  },
});
