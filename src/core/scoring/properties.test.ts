import raw from '../../config/lead-ops.config.json';
import { PROPERTY_GROUP } from '../properties';
import { testModel } from './model-fixtures';
import { ScoringModelSchema } from './model-schema';
import { SCORE_PROPERTY, SCORE_PROPERTY_NAMES, scoringProperties, scoringReadPlan } from './properties';

// Valid type → fieldType pairs of the properties API (reference/hubspot-api.md §7).
const FIELD_TYPES: Record<string, string[]> = {
  bool: ['booleancheckbox'],
  enumeration: ['booleancheckbox', 'checkbox', 'radio', 'select'],
  date: ['date'],
  datetime: ['date'],
  string: ['text', 'textarea'],
  number: ['number'],
};

describe('score properties', () => {
  const defs = scoringProperties(testModel());

  it('declares every score property once, on contacts, out of forms, with a label and a description', () => {
    expect(defs.map((d) => d.name).sort()).toEqual([...SCORE_PROPERTY_NAMES].sort());
    for (const d of defs) {
      expect(d.objectType).toBe('contacts');
      expect(d.name.startsWith(`${PROPERTY_GROUP.name}_`)).toBe(true);
      expect(d.label).toMatch(/^Lead Ops /);
      expect(d.description.length).toBeGreaterThan(20);
      expect(d.formField).toBe(false);
    }
  });

  test.each(scoringProperties(testModel()).map((d) => [d.name, d.type, d.fieldType]))('%s is a valid %s/%s pair', (_name, type, fieldType) => {
    expect(FIELD_TYPES[type]).toContain(fieldType);
  });

  it('takes the label options from the model, the unscorable label last', () => {
    const label = defs.find((d) => d.name === SCORE_PROPERTY.label);
    expect(label?.options?.map((o) => o.value)).toEqual(['Hot', 'Warm', 'Nurture', 'Cold', 'Needs data']);
    expect(label?.options?.map((o) => o.displayOrder)).toEqual([0, 1, 2, 3, 4]);
  });

  it('offers the nine bands, best first, in words', () => {
    const band = defs.find((d) => d.name === SCORE_PROPERTY.band);
    expect(band?.options?.map((o) => o.value)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3']);
    expect(band?.options?.[0]?.label).toBe('A1 (strong fit, very engaged)');
  });

  it('follows the default model', () => {
    const model = ScoringModelSchema.parse((raw as { scoring: unknown }).scoring);
    const label = scoringProperties(model).find((d) => d.name === SCORE_PROPERTY.label);
    expect(label?.options?.map((o) => o.value)).toEqual([...model.labels.map((l) => l.name), model.scorable.label]);
  });
});

describe('scoringReadPlan', () => {
  it('reads what the model tests, the stored score and the company id, with the total\'s history', () => {
    const plan = scoringReadPlan(testModel());
    expect(plan.company).toEqual(['numberofemployees']);
    expect(plan.contact).toEqual(
      [
        ...SCORE_PROPERTY_NAMES,
        'associatedcompanyid',
        'hs_analytics_last_visit_timestamp',
        'hs_analytics_num_page_views',
        'hs_email_domain',
        'hs_email_optout',
        'jobtitle',
        'num_conversion_events',
      ].sort(),
    );
    expect(plan.contactHistory).toEqual(['lead_ops_score']);
  });

  it('covers every property the default model reads', () => {
    const model = ScoringModelSchema.parse((raw as { scoring: unknown }).scoring);
    const plan = scoringReadPlan(model);
    expect(plan.company).toEqual(['country', 'industry', 'numberofemployees']);
    expect(plan.contact).toEqual(expect.arrayContaining(['jobtitle', 'hs_email_click', 'hs_email_last_click_date', 'recent_conversion_event_name', 'engagements_last_meeting_booked']));
  });
});
