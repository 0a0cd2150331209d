import type { PropertyDefinition } from '../properties';
import { compileModel, type CompiledModel } from './compile-model';
import { BANDS, type ScoringModel } from './model-schema';

/**
 * The contact properties Lead Ops writes a score into (group `lead_ops`). `lead-ops setup` creates them; lists and
 * workflows filter on `lead_ops_score_label` and `lead_ops_score_band` (see the README's Scoring section).
 */
export const SCORE_PROPERTY = {
  total: 'lead_ops_score',
  fit: 'lead_ops_fit_score',
  engagement: 'lead_ops_engagement_score',
  band: 'lead_ops_score_band',
  label: 'lead_ops_score_label',
  status: 'lead_ops_score_status',
  modelVersion: 'lead_ops_score_model_version',
  scoredAt: 'lead_ops_scored_at',
  reasons: 'lead_ops_score_reasons',
} as const;

export type ScorePropertyName = (typeof SCORE_PROPERTY)[keyof typeof SCORE_PROPERTY];

/** Every score property, to request with the contact (and with `propertiesWithHistory` for the trend: `total`). */
export const SCORE_PROPERTY_NAMES: readonly ScorePropertyName[] = Object.values(SCORE_PROPERTY);

export const SCORE_STATUS_OPTIONS = [
  { value: 'scored', label: 'Scored' },
  { value: 'unscorable', label: 'Not scored (data missing)' },
] as const;

const options = (items: readonly { value: string; label: string; description?: string | undefined }[]) =>
  items.map((o, i) => ({ label: o.label, value: o.value, displayOrder: i }));

const FIT_WORDS = { A: 'strong fit', B: 'fair fit', C: 'weak fit' } as const;
const ENGAGEMENT_WORDS = { '1': 'very engaged', '2': 'somewhat engaged', '3': 'not engaged' } as const;

/**
 * The score properties for a model. The band and label enumerations take their options from the model (its label
 * names and its unscorable label), so a new label needs `lead-ops setup` again before it can be written.
 */
export function scoringProperties(model: ScoringModel | CompiledModel): PropertyDefinition[] {
  const compiled = compileModel(model);
  const labels = compiled.model.labels.map((l) => ({
    value: l.name,
    label: l.name,
    description: l.description,
  }));
  labels.push({ value: compiled.model.scorable.label, label: compiled.model.scorable.label, description: 'Contacts the model cannot score yet' });
  const base = { objectType: 'contacts' as const, formField: false as const };
  return [
    {
      ...base,
      name: SCORE_PROPERTY.total,
      label: 'Lead Ops score',
      description: 'Fit + engagement score from Lead Ops (whole points). Empty when the contact cannot be scored yet: see "Lead Ops score status".',
      type: 'number',
      fieldType: 'number',
    },
    {
      ...base,
      name: SCORE_PROPERTY.fit,
      label: 'Lead Ops fit score',
      description: 'How well the contact and its company match the ideal customer (company size, industry, country, role, lifecycle stage).',
      type: 'number',
      fieldType: 'number',
    },
    {
      ...base,
      name: SCORE_PROPERTY.engagement,
      label: 'Lead Ops engagement score',
      description: 'How engaged the contact is (visits, page views, email, forms, sales activity); older activity counts less.',
      type: 'number',
      fieldType: 'number',
    },
    {
      ...base,
      name: SCORE_PROPERTY.band,
      label: 'Lead Ops score band',
      description: 'Fit grade (A–C) × engagement grade (1–3); A1 is the best. Empty when the contact cannot be scored yet.',
      type: 'enumeration',
      fieldType: 'select',
      options: options(
        BANDS.map((b) => {
          const f = b[0] as keyof typeof FIT_WORDS;
          const e = b[1] as keyof typeof ENGAGEMENT_WORDS;
          return { value: b, label: `${b} (${FIT_WORDS[f]}, ${ENGAGEMENT_WORDS[e]})` };
        }),
      ),
    },
    {
      ...base,
      name: SCORE_PROPERTY.label,
      label: 'Lead Ops score label',
      description: `The score in one word for lists and workflows (${compiled.labelNames.join(', ')}).`,
      type: 'enumeration',
      fieldType: 'select',
      options: options(labels),
    },
    {
      ...base,
      name: SCORE_PROPERTY.status,
      label: 'Lead Ops score status',
      description: 'Scored, or not scored because data the model needs is missing (the reasons say which).',
      type: 'enumeration',
      fieldType: 'select',
      options: options(SCORE_STATUS_OPTIONS),
    },
    {
      ...base,
      name: SCORE_PROPERTY.modelVersion,
      label: 'Lead Ops scoring model',
      description: 'Version of the scoring model that wrote the score.',
      type: 'string',
      fieldType: 'text',
    },
    {
      ...base,
      name: SCORE_PROPERTY.scoredAt,
      label: 'Lead Ops scored at',
      description: 'When the score last changed. Rescoring an unchanged score does not touch it.',
      type: 'datetime',
      fieldType: 'date',
    },
    {
      ...base,
      name: SCORE_PROPERTY.reasons,
      label: 'Lead Ops top score reasons',
      description: 'The rules that moved the score most, e.g. "+20 Company has 200–999 employees; -10 Personal email domain".',
      type: 'string',
      fieldType: 'textarea',
    },
  ];
}

/** What to read to score contacts with a model: one contact read (with history for the trend) and one company read. */
export interface ScoringReadPlan {
  /** Contact properties: what the model tests, the stored score, and the primary company's id. */
  readonly contact: readonly string[];
  /** Primary-company properties the model tests (empty when no rule reads the company). */
  readonly company: readonly string[];
  /** Contact properties to request with `propertiesWithHistory` (the card's trend). */
  readonly contactHistory: readonly string[];
}

/**
 * The properties `score_lead` and `lead-ops rescore` request, so neither keeps its own list: the model's inputs
 * (`compileModel(model).properties`), the score properties (to compare with, DECISIONS 5) and `associatedcompanyid`.
 */
export function scoringReadPlan(model: ScoringModel | CompiledModel): ScoringReadPlan {
  const compiled = compileModel(model);
  const contact = new Set<string>([...compiled.properties.contact, ...SCORE_PROPERTY_NAMES, 'associatedcompanyid']);
  return { contact: [...contact].sort(), company: [...compiled.properties.company], contactHistory: [SCORE_PROPERTY.total] };
}
