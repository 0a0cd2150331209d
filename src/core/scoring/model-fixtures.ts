import type { Properties } from '../criteria/evaluate';
import { ScoringModelSchema, type ScoringModel, type ScoringModelInput } from './model-schema';

/**
 * A small model for tests, with numbers chosen so every boundary is easy to hit: fit A at 30, B at 15; engagement 1
 * at 15, 2 at 5; a size group capped at 30, a disqualifier group floored at -15, a website group capped at 20 with
 * both decay modes, a total cap of 50.
 */
export function testModelInput(): ScoringModelInput {
  return {
    version: 'test-1',
    fit: {
      groups: [
        {
          id: 'size',
          label: 'Company size',
          cap: 30,
          rules: [
            { id: 'size_200', label: 'Company has 200+ employees', points: 20, when: { source: 'company', property: 'numberofemployees', op: 'gte', value: 200 } },
            { id: 'size_50', label: 'Company has 50+ employees', points: 15, when: { source: 'company', property: 'numberofemployees', op: 'gte', value: 50 } },
          ],
        },
        {
          id: 'role',
          label: 'Role',
          rules: [{ id: 'vp', label: 'VP', points: 10, when: { property: 'jobtitle', op: 'contains', value: 'vp' } }],
        },
        {
          id: 'dq',
          label: 'Disqualifiers',
          floor: -15,
          rules: [
            { id: 'personal_email', label: 'Personal email', points: -10, when: { property: 'hs_email_domain', op: 'in', values: ['gmail.com'] } },
            { id: 'student', label: 'Student', points: -10, when: { property: 'jobtitle', op: 'contains', value: 'student' } },
          ],
        },
      ],
    },
    engagement: {
      groups: [
        {
          id: 'web',
          label: 'Website',
          cap: 20,
          rules: [
            {
              id: 'visit',
              label: 'Visited in the last 90 days',
              points: 10,
              when: { property: 'hs_analytics_last_visit_timestamp', op: 'within_last_days', days: 90 },
              decay: { property: 'hs_analytics_last_visit_timestamp', mode: 'half_life', halfLifeDays: 30 },
            },
            {
              id: 'views',
              label: '10+ page views',
              points: 10,
              when: { property: 'hs_analytics_num_page_views', op: 'gte', value: 10 },
              decay: { property: 'hs_analytics_last_visit_timestamp', mode: 'linear', days: 90, floor: 0.2 },
              ifMissing: 'not_matched',
            },
            { id: 'forms', label: 'Submitted a form', points: 5, when: { property: 'num_conversion_events', op: 'gte', value: 1 }, ifMissing: 'not_matched' },
          ],
        },
        {
          id: 'email',
          label: 'Email',
          rules: [{ id: 'unsubscribed', label: 'Unsubscribed', points: -5, when: { property: 'hs_email_optout', op: 'is_true' }, ifMissing: 'not_matched' }],
        },
      ],
    },
    total: { cap: 50 },
    grades: { fit: { A: 30, B: 15 }, engagement: { '1': 15, '2': 5 } },
    labels: [
      { name: 'Hot', bands: ['A1', 'A2', 'B1'] },
      { name: 'Warm', bands: ['A3', 'B2', 'C1'] },
      { name: 'Nurture', bands: ['B3', 'C2'] },
      { name: 'Cold', bands: ['C3'] },
    ],
    scorable: {
      requires: { any: [{ source: 'company', property: 'numberofemployees', op: 'is_known' }, { property: 'jobtitle', op: 'is_known' }] },
      label: 'Needs data',
    },
  };
}

export const testModel = (): ScoringModel => ScoringModelSchema.parse(testModelInput());

/** A contact as HubSpot returns it: only what is given. */
export const makeContact = (props: Record<string, string | null> = {}): Properties => ({ email: 'ada@acme.io', hs_email_domain: 'acme.io', ...props });
export const makeCompany = (props: Record<string, string | null> = {}): Properties => ({ name: 'Acme', ...props });
