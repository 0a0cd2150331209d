import type { HistoryEntry, Owner } from '../types';
import type { Portal } from '../store/portal';
import { typesBetween, type AssociationType } from '../associations/association-types';
import { COMPANY_INDUSTRIES, NUMEMPLOYEES_RANGES } from '../schema/standard-properties';
import { Random } from './random';

/**
 * The demo portal (`seed: 'demo'`): deterministic for a seed value and a clock, sized by `seedSize`. It exercises
 * every path of the product: owners in the teams "Small Business", "Mid-Market" and "Enterprise", the team
 * "Lead Ops – Away" (one member also sells), an archived owner; companies whose `numberofemployees` covers the tier
 * boundaries (1, 49, 50, 51, 499, 500, 501, 10000) plus missing and malformed values; contacts with fit and
 * engagement properties under HubSpot's internal names, the contact's own `numemployees` ranges, none/one/several
 * companies (one primary); tickets in every stage and priority, old open ones, on contacts and companies, one
 * company with 520 tickets and one with 5; a few notes and deals. `seed: 'empty'` loads only HubSpot's built-ins:
 * standard properties, default pipelines, owners and teams.
 *
 * Timestamps are relative to the portal clock at seeding (a VirtualClock gives the same portal every run).
 * Malformed values (e.g. `numberofemployees` "n/a") are stored directly, as an old import could have left them;
 * the API itself would refuse them.
 */

export interface SeedSize {
  contacts?: number;
  companies?: number;
  tickets?: number;
}

const DAY = 86_400_000;

/** Names and ids of what the demo portal holds, for tests and benchmarks. */
export const DEMO = {
  teams: {
    smallBusiness: { id: '4100001', name: 'Small Business' },
    midMarket: { id: '4100002', name: 'Mid-Market' },
    enterprise: { id: '4100003', name: 'Enterprise' },
    away: { id: '4100004', name: 'Lead Ops – Away' },
    support: { id: '4100005', name: 'Support' },
  },
  /** The first company: 520 tickets (benchmarks of record_status on a busy record). */
  manyTicketsCompanyId: '5000001',
  manyTicketsCount: 520,
  /** The second company: exactly 5 tickets. */
  fewTicketsCompanyId: '5000002',
  fewTicketsCount: 5,
  /** `numberofemployees` values the first companies carry (after the two above), in order; '' = missing. */
  boundaryEmployees: ['1', '49', '50', '51', '499', '500', '501', '10000', '', 'n/a', '1,200', 'approx. 300', '0'],
  defaults: { contacts: 1000, tickets: 200, notes: 40, deals: 30 },
} as const;

interface OwnerSeed {
  first: string;
  last: string;
  teams: (keyof typeof DEMO.teams)[];
  archived?: boolean;
}

const OWNER_SEEDS: OwnerSeed[] = [
  { first: 'Sam', last: 'Rivera', teams: ['smallBusiness'] },
  { first: 'Priya', last: 'Natarajan', teams: ['smallBusiness'] },
  { first: 'Tom', last: 'Becker', teams: ['smallBusiness', 'away'] },
  { first: 'Lena', last: 'Fischer', teams: ['smallBusiness'] },
  { first: 'Marcus', last: 'Chen', teams: ['midMarket'] },
  { first: 'Aisha', last: 'Okafor', teams: ['midMarket'] },
  { first: 'Diego', last: 'Alvarez', teams: ['midMarket'] },
  { first: 'Hannah', last: 'Kowalski', teams: ['midMarket'] },
  { first: 'Olivia', last: 'Grant', teams: ['enterprise'] },
  { first: 'Kenji', last: 'Watanabe', teams: ['enterprise'] },
  { first: 'Fatima', last: 'Haddad', teams: ['enterprise', 'away'] },
  { first: 'Noah', last: 'Schmidt', teams: ['enterprise'] },
  { first: 'Grace', last: 'Liu', teams: ['support'] },
  { first: 'Ben', last: 'Adeyemi', teams: ['support'] },
  { first: 'Clara', last: 'Moreau', teams: ['away'] },
  { first: 'Victor', last: 'Stone', teams: ['enterprise'], archived: true },
];

/** Owners and teams: HubSpot portal users, seeded in every portal (empty included). */
function seedOwners(portal: Portal, now: number): Owner[] {
  return OWNER_SEEDS.map((o, i) => {
    const created = now - (400 - i * 7) * DAY;
    return portal.owners.add({
      id: String(61_000_001 + i),
      email: `${o.first}.${o.last}@demo-portal.example`.toLowerCase(),
      type: 'PERSON',
      firstName: o.first,
      lastName: o.last,
      userId: o.archived ? null : 9_100_001 + i,
      userIdIncludingInactive: 9_100_001 + i,
      createdAt: created,
      updatedAt: o.archived ? now - 30 * DAY : created,
      archived: o.archived === true,
      teams: o.teams.map((t, n) => ({ id: DEMO.teams[t].id, name: DEMO.teams[t].name, primary: n === 0 })),
    });
  });
}

const FIRST = ['Alex', 'Maria', 'James', 'Sofia', 'Liam', 'Emma', 'Noah', 'Olivia', 'Lucas', 'Mia', 'Ethan', 'Ava', 'Mateo', 'Isabella', 'Leo', 'Chloe', 'Arjun', 'Yuki', 'Omar', 'Zara', 'Jonas', 'Elena', 'Kwame', 'Ingrid', 'Rafael', 'Mei', 'Tariq', 'Anja', 'Pedro', 'Nadia'];
const LAST = ['Smith', 'Garcia', 'Müller', 'Johnson', 'Rossi', 'Kim', 'Nguyen', 'Brown', 'Silva', 'Dubois', 'Novak', 'Patel', 'Andersson', 'Kowalczyk', 'Tanaka', 'Okoye', 'Jensen', "O'Brien", 'Costa', 'Ivanova', 'Walker', 'Haas', 'Mendes', 'Larsen', 'Yilmaz'];
const WORD_A = ['Blue', 'North', 'Bright', 'Quantum', 'Green', 'Silver', 'Iron', 'Summit', 'Harbor', 'Pioneer', 'Apex', 'Cedar', 'Nova', 'Atlas', 'Crystal', 'Urban', 'Prime', 'Vertex', 'Maple', 'Delta'];
const WORD_B = ['Logistics', 'Analytics', 'Health', 'Foods', 'Robotics', 'Labs', 'Systems', 'Retail', 'Energy', 'Finance', 'Media', 'Works', 'Cloud', 'Bio', 'Motors', 'Design', 'Networks', 'Capital', 'Supply', 'Learning'];
const SUFFIX = ['Inc', 'GmbH', 'Ltd', 'LLC', 'Group', 'Co', 'AG', 'SA', ''];
const COUNTRIES = ['United States', 'United States', 'United States', 'Germany', 'United Kingdom', 'France', 'Canada', 'Netherlands', 'Australia', 'Brazil', 'India', 'Japan', 'Spain', 'USA', 'US', 'DE'];
const CITIES = ['Boston', 'Berlin', 'London', 'Paris', 'Toronto', 'Amsterdam', 'Sydney', 'São Paulo', 'Bangalore', 'Tokyo', 'Madrid', 'Austin', 'Denver', 'Munich'];
const TITLES: [string, number][] = [
  ['CEO', 3],
  ['Founder & CEO', 2],
  ['Chief Marketing Officer', 2],
  ['VP of Sales', 4],
  ['VP Marketing', 3],
  ['Head of Growth', 3],
  ['Director of Operations', 4],
  ['Marketing Director', 4],
  ['Sales Manager', 6],
  ['Marketing Manager', 7],
  ['Product Manager', 5],
  ['Account Executive', 6],
  ['Software Engineer', 8],
  ['Data Analyst', 5],
  ['Office Manager', 3],
  ['Consultant', 4],
  ['Student', 3],
  ['Intern', 2],
  ['Freelancer', 2],
  ['', 6],
];
const CONTACT_INDUSTRIES = ['Software', 'Computer Software', 'Financial Services', 'Healthcare', 'Retail', 'Manufacturing', 'Education', 'Marketing and Advertising', 'Logistics', 'Consulting', 'Non-profit', ''];
const FREE_MAIL = ['gmail.example', 'outlook.example', 'yahoo.example'];
const LIFECYCLE: [string, number][] = [
  ['subscriber', 20],
  ['lead', 40],
  ['marketingqualifiedlead', 15],
  ['salesqualifiedlead', 8],
  ['opportunity', 6],
  ['customer', 8],
  ['evangelist', 1],
  ['other', 2],
];
const LEAD_STATUS = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING', ''];
const SOURCES = ['ORGANIC_SEARCH', 'PAID_SEARCH', 'EMAIL_MARKETING', 'SOCIAL_MEDIA', 'REFERRALS', 'OTHER_CAMPAIGNS', 'DIRECT_TRAFFIC', 'OFFLINE', 'PAID_SOCIAL'];
const FORMS = ['Demo request', 'Pricing page', 'Newsletter signup', 'Webinar registration', 'Contact us', 'Ebook download'];
const TICKET_SUBJECTS = ['Cannot log in', 'Invoice question', 'Export fails', 'Feature request: SSO', 'Sync error with email platform', 'Slow dashboard', 'Password reset', 'Billing address change', 'API returns 500', 'Data import stuck'];
const PRIORITIES: [string, number][] = [
  ['LOW', 3],
  ['MEDIUM', 4],
  ['HIGH', 2],
  ['URGENT', 1],
  ['', 1],
];
const CATEGORIES = ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY', ''];

const iso = (ms: number) => new Date(ms).toISOString();

/** Company sizes beyond the boundary list: log-spread from 1 to 20,000. */
function employees(r: Random): string {
  const roll = r.float();
  if (roll < 0.06) return '';
  if (roll < 0.08) return r.pick(['n/a', '1,200', '~50', 'unknown', '250+']);
  return String(Math.max(1, Math.round(Math.exp(r.float() * Math.log(20_000)))));
}

/** The contact's own range, usually consistent with its company's size, sometimes a range across a boundary. */
function rangeFor(size: string, r: Random): string {
  const n = Number(size);
  if (!size || !Number.isFinite(n)) return r.chance(0.5) ? r.pick(NUMEMPLOYEES_RANGES) : '';
  if (r.chance(0.15)) return r.pick(NUMEMPLOYEES_RANGES);
  if (n <= 5) return '1-5';
  if (n <= 25) return '5-25';
  if (n <= 50) return '25-50';
  if (n <= 100) return '50-100';
  if (n <= 500) return '100-500';
  if (n <= 1000) return '500-1000';
  return '1000+';
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Seeds the portal: built-ins always, demo records for `demo`. */
export function seedPortal(portal: Portal, seed: 'demo' | 'empty', opts: { size: SeedSize; seedValue: number }): void {
  const now = portal.now();
  const owners = seedOwners(portal, now).filter((o) => !o.archived);
  if (seed === 'empty') return;
  const r = new Random(opts.seedValue);
  const salesOwners = owners.filter((o) => o.teams.some((t) => t.name !== DEMO.teams.support.name && t.name !== DEMO.teams.away.name));
  const supportOwners = owners.filter((o) => o.teams.some((t) => t.name === DEMO.teams.support.name));
  const contactCount = Math.max(0, opts.size.contacts ?? DEMO.defaults.contacts);
  const companyCount = Math.max(200, opts.size.companies ?? Math.round(contactCount / 5));
  const ticketCount = Math.max(0, opts.size.tickets ?? DEMO.defaults.tickets);

  const [cToCo, cToCoPrimary] = ['279', '1'].map((id) => typesBetween('0-1', '0-2').find((t) => String(t.id) === id)) as [AssociationType, AssociationType];
  const assoc = (fromType: string, fromId: string, toType: string, toId: string, ids: number[]) =>
    portal.associations.add(fromType, fromId, toType, toId, typesBetween(fromType, toType).filter((t) => ids.includes(t.id)), 0);

  // Companies
  const companies: { id: string; name: string; domain: string; size: string }[] = [];
  const usedDomains = new Set<string>();
  for (let i = 0; i < companyCount; i++) {
    let name: string;
    if (i === 0) name = 'Globex Corporation';
    else if (i === 1) name = 'Initech';
    else name = `${r.pick(WORD_A)} ${r.pick(WORD_B)}${r.chance(0.7) ? ` ${r.pick(SUFFIX)}` : ''}`.trim();
    let domain = `${slug(name)}.example`;
    for (let n = 2; usedDomains.has(domain); n++) domain = `${slug(name)}${n}.example`;
    usedDomains.add(domain);
    const size = i === 0 ? '10000' : i === 1 ? '51' : i - 2 < DEMO.boundaryEmployees.length ? (DEMO.boundaryEmployees[i - 2] ?? '') : employees(r);
    const created = now - r.int(30, 900) * DAY - r.int(0, DAY - 1);
    const updated = Math.min(now, created + r.int(0, 200) * DAY);
    const rec = portal.seed(
      '0-2',
      {
        name,
        domain,
        website: `https://www.${domain}`,
        numberofemployees: size,
        industry: r.chance(0.9) ? r.pick(COMPANY_INDUSTRIES).value : '',
        country: r.pick(COUNTRIES),
        city: r.pick(CITIES),
        annualrevenue: r.chance(0.7) ? String(r.int(1, 5000) * 10_000) : '',
        lifecyclestage: r.weighted(LIFECYCLE),
        type: r.pick(['PROSPECT', 'PROSPECT', 'PARTNER', 'RESELLER', 'VENDOR', '']),
        hubspot_owner_id: r.chance(0.35) ? r.pick(salesOwners).id : '',
        phone: r.chance(0.6) ? `+1 617 555 ${String(r.int(1000, 9999))}` : '',
      },
      { createdAt: created, updatedAt: updated },
    );
    companies.push({ id: rec.id, name, domain, size });
  }

  // Contacts
  const usedEmails = new Set<string>();
  const contactIds: string[] = [];
  const contactCompany = new Map<string, string>();
  for (let i = 0; i < contactCount; i++) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const companyRoll = r.float();
    const primary = companyRoll < 0.8 ? r.pick(companies) : undefined;
    const domain = primary && r.chance(0.85) ? primary.domain : r.pick(FREE_MAIL);
    let email = `${slug(first)}.${slug(last)}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${slug(first)}.${slug(last)}${n}@${domain}`;
    usedEmails.add(email);
    const created = now - r.int(0, 720) * DAY - r.int(0, DAY - 1);
    const engaged = r.chance(0.7);
    const views = engaged ? r.skewed(400) : 0;
    const visits = engaged ? Math.max(views > 0 ? 1 : 0, Math.round(views / r.int(2, 6))) : 0;
    const delivered = r.skewed(60, 1.5);
    const opens = Math.min(delivered, r.skewed(40, 2));
    const clicks = Math.min(opens, r.skewed(15, 2.5));
    const conversions = engaged ? r.skewed(8, 3) : 0;
    const lastVisit = visits > 0 ? now - r.skewed(200, 2) * DAY - r.int(0, DAY - 1) : undefined;
    const lastActivity = r.chance(0.5) ? now - r.skewed(300, 2) * DAY - r.int(0, DAY - 1) : undefined;
    const recentConversion = conversions > 0 ? now - r.skewed(365, 2) * DAY - r.int(0, DAY - 1) : undefined;
    const props: Record<string, string> = {
      email: r.chance(0.97) ? email : '',
      firstname: first,
      lastname: last,
      jobtitle: r.weighted(TITLES),
      industry: r.pick(CONTACT_INDUSTRIES),
      country: r.chance(0.9) ? r.pick(COUNTRIES) : '',
      city: r.chance(0.7) ? r.pick(CITIES) : '',
      company: primary ? primary.name : r.chance(0.3) ? `${r.pick(WORD_A)} ${r.pick(WORD_B)}` : '',
      lifecyclestage: r.weighted(LIFECYCLE),
      hs_lead_status: r.pick(LEAD_STATUS),
      numemployees: rangeFor(primary?.size ?? '', r),
      hs_analytics_source: r.pick(SOURCES),
      hs_analytics_num_page_views: String(views),
      hs_analytics_num_visits: String(visits),
      hs_email_delivered: String(delivered),
      hs_email_open: String(opens),
      hs_email_click: String(clicks),
      num_conversion_events: String(conversions),
      num_unique_conversion_events: String(Math.min(conversions, FORMS.length)),
      hs_analytics_last_visit_timestamp: lastVisit !== undefined ? iso(Math.max(created, lastVisit)) : '',
      hs_last_sales_activity_timestamp: lastActivity !== undefined ? iso(Math.max(created, lastActivity)) : '',
      recent_conversion_date: recentConversion !== undefined ? iso(Math.max(created, recentConversion)) : '',
      recent_conversion_event_name: conversions > 0 ? r.pick(FORMS) : '',
      hs_email_last_open_date: opens > 0 ? iso(now - r.skewed(120, 2) * DAY) : '',
      hubspot_owner_id: r.chance(0.3) ? r.pick(salesOwners).id : '',
      associatedcompanyid: primary?.id ?? '',
      hs_email_domain: domain,
    };
    if (!props.email) props.hs_email_domain = '';
    let history: Record<string, HistoryEntry[]> | undefined;
    if (r.chance(0.2)) {
      // A trail for trends and "changed since": the stage moved, page views grew, all from the UI and imports.
      const t1 = created + Math.floor((now - created) / 3);
      const t2 = created + Math.floor(((now - created) * 2) / 3);
      history = {
        lifecyclestage: [
          { value: props.lifecyclestage ?? 'lead', timestamp: t2, sourceType: 'CRM_UI', sourceId: `userId:${9_100_001 + r.int(0, 11)}`, updatedByUserId: 9_100_001 + r.int(0, 11) },
          { value: 'subscriber', timestamp: created, sourceType: 'FORM' },
        ],
        hs_analytics_num_page_views: [
          { value: String(views), timestamp: t2, sourceType: 'ANALYTICS' },
          { value: String(Math.floor(views / 2)), timestamp: t1, sourceType: 'ANALYTICS' },
          { value: '0', timestamp: created, sourceType: 'ANALYTICS' },
        ],
      };
    }
    const rec = portal.seed('0-1', props, { createdAt: created, updatedAt: Math.max(created, lastActivity ?? created), sourceType: 'CRM_UI', ...(history ? { history } : {}) });
    contactIds.push(rec.id);
    if (primary) {
      portal.associations.add('0-1', rec.id, '0-2', primary.id, [cToCo, cToCoPrimary], 0);
      contactCompany.set(rec.id, primary.id);
      if (companyRoll < 0.1) {
        // Several companies: one more or two, unlabeled; the primary stays.
        for (let k = r.int(1, 2); k > 0; k--) {
          const other = r.pick(companies);
          if (other.id !== primary.id) portal.associations.add('0-1', rec.id, '0-2', other.id, [cToCo], 0);
        }
      }
    }
  }

  // Tickets
  const stages: [string, number][] = [
    ['1', 3],
    ['2', 2],
    ['3', 2],
    ['4', 4],
  ];
  const contactsOf = (companyId: string): string[] => portal.associations.list('0-2', companyId, '0-1').map((e) => e.toId);
  const addTicket = (companyId: string | undefined, contactId: string | undefined, i: number) => {
    const stage = r.weighted(stages);
    const created = now - r.skewed(400, 1.6) * DAY - r.int(0, DAY - 1) - 3_600_000;
    const isClosed = stage === '4';
    const closed = isClosed ? Math.min(now, created + r.int(1, 30 * 24) * 3_600_000) : undefined;
    const props: Record<string, string> = {
      subject: `${r.pick(TICKET_SUBJECTS)} #${i + 1}`,
      content: r.chance(0.8) ? 'Customer reported the issue by email; details in the thread.' : '',
      hs_pipeline: '0',
      hs_pipeline_stage: stage,
      hs_ticket_priority: r.weighted(PRIORITIES),
      hs_ticket_category: r.pick(CATEGORIES),
      source_type: r.pick(['EMAIL', 'CHAT', 'FORM', 'PHONE']),
      hubspot_owner_id: r.chance(0.8) && supportOwners.length > 0 ? r.pick(supportOwners).id : '',
      [`hs_date_entered_${stage}`]: iso(closed ?? created),
    };
    if (closed !== undefined) {
      props.closed_date = iso(closed);
      props.hs_last_closed_date = iso(closed);
      props.time_to_close = String(closed - created);
    }
    if (companyId) props.hs_primary_company_id = companyId;
    const rec = portal.seed('0-5', props, { createdAt: created, updatedAt: closed ?? created + r.int(0, 5) * DAY });
    if (companyId) assoc('0-5', rec.id, '0-2', companyId, [339, 26]);
    if (contactId) assoc('0-1', contactId, '0-5', rec.id, [15]);
  };
  let n = 0;
  const many = companies[0];
  const few = companies[1];
  if (many) {
    const people = contactsOf(many.id);
    for (let i = 0; i < DEMO.manyTicketsCount; i++) addTicket(many.id, people.length > 0 && r.chance(0.7) ? r.pick(people) : undefined, n++);
  }
  if (few) {
    const people = contactsOf(few.id);
    for (let i = 0; i < DEMO.fewTicketsCount; i++) addTicket(few.id, people.length > 0 ? r.pick(people) : undefined, n++);
  }
  for (let i = 0; i < ticketCount && contactIds.length > 0; i++) {
    const contactId = r.pick(contactIds);
    const companyId = contactCompany.get(contactId);
    const where = r.float();
    // Most tickets sit on a contact and its company; some on the contact only, some on a company only.
    if (where < 0.6 && companyId && companyId !== many?.id && companyId !== few?.id) addTicket(companyId, contactId, n++);
    else if (where < 0.85) addTicket(undefined, contactId, n++);
    else {
      const co = r.pick(companies.slice(2));
      addTicket(co.id, undefined, n++);
    }
  }

  // Deals
  const dealStages = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'];
  for (let i = 0; i < DEMO.defaults.deals && companies.length > 2; i++) {
    const co = r.pick(companies.slice(2));
    const stage = r.pick(dealStages);
    const closed = stage.startsWith('closed');
    const created = now - r.int(5, 300) * DAY;
    const rec = portal.seed(
      '0-3',
      {
        dealname: `${co.name} – ${r.pick(['Pilot', 'Renewal', 'Expansion', 'New logo'])}`,
        amount: String(r.int(5, 500) * 100),
        pipeline: 'default',
        dealstage: stage,
        closedate: iso(created + r.int(10, 120) * DAY),
        hs_is_closed: String(closed),
        hs_is_closed_won: String(stage === 'closedwon'),
        hubspot_owner_id: r.pick(salesOwners).id,
      },
      { createdAt: created },
    );
    assoc('0-3', rec.id, '0-2', co.id, [341, 5]);
  }

  // Notes
  for (let i = 0; i < DEMO.defaults.notes && contactIds.length > 0; i++) {
    const onContact = i % 2 === 0;
    const at = now - r.int(1, 200) * DAY;
    const rec = portal.seed(
      '0-46',
      { hs_note_body: `<p>${r.pick(['Called, left a voicemail.', 'Sent pricing.', 'Asked for a demo next week.', 'Not a fit right now.', 'Renewal discussion.'])}</p>`, hs_timestamp: iso(at), hubspot_owner_id: r.pick(salesOwners).id },
      { createdAt: at },
    );
    if (onContact) assoc('0-46', rec.id, '0-1', r.pick(contactIds), [202]);
    else assoc('0-46', rec.id, '0-2', r.pick(companies).id, [190]);
  }
}
