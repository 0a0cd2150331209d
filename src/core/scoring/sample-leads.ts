import type { Properties } from '../criteria/evaluate';
import type { ComparedLead } from './compare';

/**
 * Realistic, seeded B2B contacts for tests, the what-if comparison's examples and the engine benchmark. Pure: the
 * same seed and `now` always give the same contacts. Values are strings as HubSpot sends them (numbers as "42",
 * dates as ISO-8601), with the gaps real portals have (no company, no job title, never visited).
 */

const DAY = 86_400_000;

/** Mulberry32: a small, fast, seeded PRNG (deterministic across platforms). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
/** Picks by weight: `[[0.2, 'a'], [0.8, 'b']]`. */
function weighted<T>(r: Rand, table: readonly (readonly [number, T])[]): T {
  const total = table.reduce((s, [w]) => s + w, 0);
  let x = r() * total;
  for (const [w, v] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return (table[table.length - 1] as readonly [number, T])[1];
}

const TARGET_INDUSTRIES = ['COMPUTER_SOFTWARE', 'INFORMATION_TECHNOLOGY_AND_SERVICES', 'INTERNET', 'FINANCIAL_SERVICES', 'MARKETING_AND_ADVERTISING'];
const ADJACENT_INDUSTRIES = ['TELECOMMUNICATIONS', 'MANAGEMENT_CONSULTING', 'INSURANCE', 'HOSPITAL_HEALTH_CARE'];
const POOR_INDUSTRIES = ['GOVERNMENT_ADMINISTRATION', 'NON_PROFIT_ORGANIZATION_MANAGEMENT', 'HIGHER_EDUCATION'];
const OTHER_INDUSTRIES = ['RETAIL', 'CONSTRUCTION', 'MACHINERY', 'FOOD_BEVERAGES', 'REAL_ESTATE', 'LOGISTICS_AND_SUPPLY_CHAIN'];
const SERVED = ['United States', 'Canada', 'United Kingdom', 'Germany', 'France', 'Netherlands', 'Australia', 'Ireland'];
const OTHER_COUNTRIES = ['Brazil', 'India', 'Spain', 'Japan', 'Mexico', 'South Africa'];
const DECISION_TITLES = ['CEO', 'Co-Founder', 'VP of Sales', 'Vice President, Marketing', 'Head of Growth', 'Director of IT', 'Chief Revenue Officer', 'CTO'];
const MANAGER_TITLES = ['Marketing Manager', 'Sales Manager', 'IT Manager', 'Product Manager', 'Engineering Team Lead', 'Account Manager'];
const IC_TITLES = ['Software Engineer', 'Marketing Coordinator', 'Data Analyst', 'Sales Representative', 'Consultant', 'Operations Specialist', 'Designer'];
const JUNIOR_TITLES = ['Student', 'Marketing Intern', 'PhD Student'];
const WORK_DOMAINS = ['acme.io', 'globex.com', 'initech.com', 'umbrella.co', 'hooli.com', 'vandelay.com', 'stark.io'];
const PERSONAL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com'];
const FORM_NAMES = ['Newsletter signup', 'Ebook download: RevOps playbook', 'Webinar registration', 'Demo request', 'Contact sales', 'Pricing page form', 'Free trial signup'];
const SIZE_RANGES = ['1-5', '5-25', '25-50', '50-100', '100-500', '500-1000', '1000+'];

const iso = (ms: number): string => new Date(ms).toISOString();
/** A time `days` (plus a random part of a day) before now. */
const ago = (r: Rand, now: number, days: number): string => iso(now - days * DAY - Math.floor(r() * DAY));

/** A company as HubSpot returns it. */
export function makeCompany(r: Rand): Properties {
  const employees = weighted<[number, number] | null>(r, [
    [0.1, [1, 9]],
    [0.22, [10, 49]],
    [0.25, [50, 199]],
    [0.2, [200, 999]],
    [0.13, [1000, 20000]],
    [0.1, null],
  ]);
  const industry = weighted<string[] | null>(r, [
    [0.4, TARGET_INDUSTRIES],
    [0.18, ADJACENT_INDUSTRIES],
    [0.1, POOR_INDUSTRIES],
    [0.22, OTHER_INDUSTRIES],
    [0.1, null],
  ]);
  const country = weighted<string[] | null>(r, [
    [0.7, SERVED],
    [0.2, OTHER_COUNTRIES],
    [0.1, null],
  ]);
  const out: Record<string, string | null> = { name: `Company ${Math.floor(r() * 1e6)}` };
  if (employees) out.numberofemployees = String(Math.floor(employees[0] + r() * (employees[1] - employees[0] + 1)));
  if (industry) out.industry = pick(r, industry);
  if (country) out.country = pick(r, country);
  return out;
}

/** A contact as HubSpot returns it, with its engagement history relative to `now`. */
export function makeContact(r: Rand, now: number, hasCompany: boolean): Properties {
  const c: Record<string, string | null> = {};
  const titles = weighted<string[] | null>(r, [
    [0.2, DECISION_TITLES],
    [0.27, MANAGER_TITLES],
    [0.33, IC_TITLES],
    [0.05, JUNIOR_TITLES],
    [0.15, null],
  ]);
  if (titles) c.jobtitle = pick(r, titles);
  const personal = r() < 0.2;
  const domain = personal ? pick(r, PERSONAL_DOMAINS) : pick(r, WORK_DOMAINS);
  c.email = `lead${Math.floor(r() * 1e7)}@${domain}`;
  c.hs_email_domain = domain;
  if (r() < 0.6) c.country = r() < 0.8 ? pick(r, SERVED) : pick(r, OTHER_COUNTRIES);
  if (!hasCompany ? r() < 0.35 : r() < 0.15) c.numemployees = pick(r, SIZE_RANGES);
  c.lifecyclestage = weighted(r, [
    [0.2, 'subscriber'],
    [0.45, 'lead'],
    [0.15, 'marketingqualifiedlead'],
    [0.08, 'salesqualifiedlead'],
    [0.04, 'opportunity'],
    [0.06, 'customer'],
    [0.02, 'other'],
  ]);
  if (r() < 0.05) c.hs_lead_status = 'UNQUALIFIED';
  else if (r() < 0.5) c.hs_lead_status = pick(r, ['NEW', 'OPEN', 'IN_PROGRESS', 'ATTEMPTED_TO_CONTACT', 'CONNECTED']);

  // An activity level drives everything the contact did, so engagement signals go together as in real portals.
  const activity = weighted(r, [
    [0.3, 0],
    [0.35, 1],
    [0.23, 2],
    [0.12, 3],
  ]);
  if (activity > 0 || r() < 0.3) {
    const lastVisit = activity === 0 ? 150 + r() * 400 : activity === 1 ? 20 + r() * 200 : activity === 2 ? r() * 60 : r() * 14;
    c.hs_analytics_last_visit_timestamp = ago(r, now, Math.floor(lastVisit));
    const visits = 1 + Math.floor(r() * (2 + activity * 4));
    c.hs_analytics_num_visits = String(visits);
    c.hs_analytics_num_page_views = String(visits + Math.floor(r() * visits * (2 + activity)));
  }
  if (r() < 0.7) {
    const opens = Math.floor(r() * (1 + activity * 5));
    c.hs_email_open = String(opens);
    if (opens > 0) c.hs_email_last_open_date = ago(r, now, Math.floor(r() * (activity >= 2 ? 45 : 200)));
    const clicks = Math.floor(r() * (activity + 1) * 1.5 * (opens > 0 ? 1 : 0));
    c.hs_email_click = String(clicks);
    if (clicks > 0) c.hs_email_last_click_date = ago(r, now, Math.floor(r() * (activity >= 2 ? 60 : 250)));
    if (r() < 0.06) c.hs_email_optout = 'true';
    else c.hs_email_optout = 'false';
  }
  const forms = activity === 0 ? (r() < 0.15 ? 1 : 0) : Math.floor(r() * (activity + 1.5));
  c.num_conversion_events = String(forms);
  if (forms > 0) {
    c.recent_conversion_date = ago(r, now, Math.floor(activity >= 2 ? r() * 45 : 30 + r() * 300));
    c.recent_conversion_event_name = activity === 3 && r() < 0.6 ? pick(r, FORM_NAMES.slice(3)) : pick(r, FORM_NAMES);
  }
  if (activity >= 2 && r() < 0.25) c.engagements_last_meeting_booked = ago(r, now, Math.floor(r() * 60));
  if (activity >= 1 && r() < 0.15) c.hs_sales_email_last_replied = ago(r, now, Math.floor(r() * 90));
  if (r() < 0.3) c.hs_last_sales_activity_timestamp = ago(r, now, Math.floor(r() * 120));
  return c;
}

/** `count` leads with ids "1", "2", ...; about 85 % with a primary company (companies are shared, as in real portals). */
export function generateLeads(count: number, seed: number, now: number): ComparedLead[] {
  const r = seededRandom(seed);
  const companies = Array.from({ length: Math.max(1, Math.ceil(count / 4)) }, () => makeCompany(r));
  const leads: ComparedLead[] = [];
  for (let i = 0; i < count; i++) {
    const company = r() < 0.85 ? pick(r, companies) : null;
    leads.push({ id: String(i + 1), contact: makeContact(r, now, company !== null), company });
  }
  return leads;
}
