import raw from '../../config/lead-ops.config.json';
import { compileModel } from './compile-model';
import { BANDS, ScoringModelSchema } from './model-schema';
import { generateLeads } from './sample-leads';
import { scoreLead, type ScoreResult } from './score-lead';

/** The default model shipped in src/config/lead-ops.config.json, as an admin would first see it. */
const MODEL = compileModel(ScoringModelSchema.parse((raw as { scoring: unknown }).scoring));
const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const ago = (d: number) => new Date(NOW - d * DAY).toISOString();
const points = (r: ScoreResult, id: string) => r.rules.find((x) => x.ruleId === id)?.points;

describe('the default model on a realistic population', () => {
  const population = generateLeads(5000, 20261125, NOW);
  const results = population.map((l) => scoreLead({ contact: l.contact, company: l.company, now: NOW }, MODEL));
  const share = (pred: (r: ScoreResult) => boolean) => results.filter(pred).length / results.length;

  it('spreads contacts over the bands instead of piling them into one', () => {
    const used = BANDS.filter((b) => share((r) => r.band === b) >= 0.01);
    expect(used.length).toBeGreaterThanOrEqual(7);
    for (const b of BANDS) expect(share((r) => r.band === b)).toBeLessThan(0.35);
  });

  it('uses every label, with Hot the smallest share of scored contacts', () => {
    const labels = ['Hot', 'Warm', 'Nurture', 'Cold'].map((l) => share((r) => r.label === l));
    for (const s of labels) expect(s).toBeGreaterThan(0.05);
    expect(labels[0]).toBeLessThan(Math.min(...labels.slice(1)));
  });

  it('leaves a small, explicit share unscorable', () => {
    const unscorable = share((r) => r.status === 'unscorable');
    expect(unscorable).toBeGreaterThan(0.005);
    expect(unscorable).toBeLessThan(0.1);
    for (const r of results.filter((x) => x.status === 'unscorable')) {
      expect(r.label).toBe('Needs data');
      expect(r.unscorableReason).toMatch(/^Not scored: /);
    }
  });

  it('gives every rule a reason, and only firmographic gaps show as missing', () => {
    const withoutReason = results.flatMap((r) => r.rules).filter((x) => x.reason.length < 10);
    expect(withoutReason).toEqual([]);
    const missing = new Set(results.flatMap((r) => r.missing));
    expect([...missing].sort()).toEqual(
      expect.arrayContaining(['company.industry', 'company.numberofemployees', 'jobtitle']),
    );
    expect(missing.has('engagements_last_meeting_booked')).toBe(false);
  });
});

describe('the default model on typical leads', () => {
  test.each`
    name                          | contact                                                                                                                                                                                                  | company                                                                                | band    | label
    ${'ideal buyer, very active'} | ${{ jobtitle: 'VP of Sales', country: 'United States', lifecyclestage: 'marketingqualifiedlead', hs_analytics_last_visit_timestamp: ago(2), hs_analytics_num_page_views: '25', hs_analytics_num_visits: '6', num_conversion_events: '2', recent_conversion_date: ago(5), recent_conversion_event_name: 'Demo request' }} | ${{ numberofemployees: '320', industry: 'COMPUTER_SOFTWARE', country: 'United States' }} | ${'A1'} | ${'Hot'}
    ${'good fit, silent'}         | ${{ jobtitle: 'Director of IT', lifecyclestage: 'lead' }}                                                                                                                                                 | ${{ numberofemployees: '540', industry: 'FINANCIAL_SERVICES', country: 'Canada' }}    | ${'A3'} | ${'Warm'}
    ${'tiny shop, very engaged'}  | ${{ jobtitle: 'Owner', hs_analytics_last_visit_timestamp: ago(1), hs_analytics_num_page_views: '30', hs_analytics_num_visits: '9', num_conversion_events: '3', recent_conversion_date: ago(3), recent_conversion_event_name: 'Pricing page form', engagements_last_meeting_booked: ago(4) }} | ${{ numberofemployees: '6', industry: 'RETAIL', country: 'Brazil' }}                   | ${'C1'} | ${'Warm'}
    ${'student with gmail'}       | ${{ jobtitle: 'PhD Student', hs_email_domain: 'gmail.com', hs_analytics_last_visit_timestamp: ago(40), hs_analytics_num_page_views: '3' }}                                                              | ${null}                                                                                | ${'C3'} | ${'Cold'}
  `('$name -> $band $label', ({ contact, company, band, label }) => {
    const r = scoreLead({ contact: { email: 'x@acme.io', hs_email_domain: 'acme.io', ...contact }, company, now: NOW }, MODEL);
    expect(r.band).toBe(band);
    expect(r.label).toBe(label);
  });

  it('explains the ideal buyer rule by rule, with decay and the total cap', () => {
    const r = scoreLead(
      {
        contact: {
          jobtitle: 'VP of Sales',
          country: 'United States',
          hs_email_domain: 'acme.io',
          lifecyclestage: 'salesqualifiedlead',
          hs_analytics_last_visit_timestamp: ago(12),
          hs_analytics_num_page_views: '40',
          hs_analytics_num_visits: '9',
          hs_email_click: '2',
          hs_email_last_click_date: ago(3),
          num_conversion_events: '3',
          recent_conversion_date: ago(6),
          recent_conversion_event_name: 'Demo request',
          engagements_last_meeting_booked: ago(2),
          hs_sales_email_last_replied: ago(2),
        },
        company: { numberofemployees: '320', industry: 'COMPUTER_SOFTWARE', country: 'United States' },
        now: NOW,
      },
      MODEL,
    );
    expect(r.fit).toBe(65);
    expect(points(r, 'size_mid_market')).toBe(20);
    expect(r.rules.find((x) => x.ruleId === 'size_mid_market')?.reason).toBe('Company size 320 in 200–999: +20');
    expect(r.rules.find((x) => x.ruleId === 'recent_visit')?.reason).toMatch(/^Last visit 12 days ago \(half-life 30 d\): \+\d+ of 10/);
    expect(r.engagement).toBeGreaterThan(50);
    expect(r.total).toBe(100);
    expect(r.totalCap?.kind).toBe('cap');
    expect(r.band).toBe('A1');
  });
});
