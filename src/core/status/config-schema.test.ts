import { z } from 'zod';
import checkedIn from '../../config/lead-ops.config.json';
import { formatConfigIssues, toConfigIssues } from '../config/issues';
import { DEFAULT_DESTINATIONS, DEFAULT_SLA_HOURS, SupportConfigSchema, SyncConfigSchema } from './config-schema';

/**
 * This area's two keys as the file holds them (src/core/config/schema.ts composes the same schemas under the same
 * keys), so issues carry their path from the file's root; the other areas' keys are not this test's business.
 */
const StatusKeys = z.strictObject({ support: SupportConfigSchema, sync: SyncConfigSchema });

/** The checked-in support/sync keys with one replaced; '' when valid, else the admin-facing issue lines. */
function issuesWith(patch: { support?: unknown; sync?: unknown }): string {
  const parsed = StatusKeys.safeParse({ support: checkedIn.support, sync: checkedIn.sync, ...patch });
  return parsed.success ? '' : formatConfigIssues(toConfigIssues(parsed.error.issues));
}

const dest = (overrides: Record<string, unknown> = {}) => ({
  id: 'mailchimp',
  name: 'Mailchimp',
  kind: 'email_platform',
  objectTypes: ['contacts'],
  syncedProperties: { contacts: ['email'] },
  ...overrides,
});

describe('defaults', () => {
  it('an empty support section gets the documented defaults', () => {
    expect(SupportConfigSchema.parse({})).toEqual({
      slaHours: DEFAULT_SLA_HOURS,
      atRiskFraction: 0.75,
      closedTicketStates: ['CLOSED'],
      closedDateProperty: 'closed_date',
      maxTickets: 10,
      recentlyClosedDays: 30,
    });
  });

  it('an empty sync section gets an email platform, a sheet and a help desk', () => {
    const { destinations } = SyncConfigSchema.parse({});
    expect(destinations.map((d) => [d.id, d.kind])).toEqual([
      ['mailchimp', 'email_platform'],
      ['google_sheets', 'spreadsheet'],
      ['zendesk', 'help_desk'],
    ]);
  });

  it('the checked-in configuration is valid and lists the default destinations', () => {
    expect(issuesWith({})).toBe('');
    const parsed = StatusKeys.parse({ support: checkedIn.support, sync: checkedIn.sync });
    expect(parsed.sync.destinations.map((d) => d.id)).toEqual(DEFAULT_DESTINATIONS.map((d) => d.id));
    expect(parsed.support.helpDesk?.externalIdProperty).toBe('lead_ops_helpdesk_ticket_id');
  });
});

describe('errors name the path and the fix', () => {
  test.each`
    name                                   | patch                                                                                          | expected
    ${'unknown support key'}               | ${{ support: { slaHour: {} } }}                                                                | ${'support: unknown key "slaHour" (fix: remove it or check its spelling'}
    ${'unknown priority'}                  | ${{ support: { slaHours: { CRITICAL: 2 } } }}                                                  | ${'support.slaHours: unknown key "CRITICAL"'}
    ${'SLA hours as text'}                 | ${{ support: { slaHours: { HIGH: '4' } } }}                                                    | ${'support.slaHours.HIGH: Invalid input: expected number, received string (fix: set it to a number)'}
    ${'SLA of zero hours'}                 | ${{ support: { slaHours: { HIGH: 0 } } }}                                                      | ${'support.slaHours.HIGH: expected a number of hours above 0'}
    ${'at-risk fraction of 1'}             | ${{ support: { atRiskFraction: 1 } }}                                                          | ${'support.atRiskFraction: expected a fraction below 1, e.g. 0.75'}
    ${'cap above the page size'}           | ${{ support: { maxTickets: 500 } }}                                                            | ${'support.maxTickets: Too big: expected number to be <=100'}
    ${'help desk link over http'}          | ${{ support: { helpDesk: { name: 'Z', externalIdProperty: 'z_id', linkTemplate: 'http://z.example.com/{id}' } } }} | ${'support.helpDesk.linkTemplate: expected an https:// link, e.g. "https://acme.zendesk.com/agent/tickets/{id}"'}
    ${'help desk link with a typo'}        | ${{ support: { helpDesk: { name: 'Z', externalIdProperty: 'z_id', linkTemplate: 'https://z.example.com/{ticketId}' } } }} | ${'support.helpDesk.linkTemplate: unknown placeholder {ticketId}; use {id}'}
    ${'help desk property in capitals'}    | ${{ support: { helpDesk: { name: 'Z', externalIdProperty: 'Zendesk_ID' } } }}                   | ${'support.helpDesk.externalIdProperty: expected a HubSpot internal property name'}
    ${'destination id with a dash'}        | ${{ sync: { destinations: [dest({ id: 'google-sheets' })] } }}                                 | ${'sync.destinations[0].id: expected lowercase letters, digits and underscores'}
    ${'destination id too long'}           | ${{ sync: { destinations: [dest({ id: `d${'x'.repeat(40)}` })] } }}                            | ${'sync.destinations[0].id: expected lowercase letters'}
    ${'unknown kind'}                      | ${{ sync: { destinations: [dest({ kind: 'crm' })] } }}                                         | ${'sync.destinations[0].kind: Invalid option: expected one of "email_platform"|"spreadsheet"|"help_desk"|"other" (fix: use one of: "email_platform", "spreadsheet", "help_desk", "other")'}
    ${'unknown object type'}               | ${{ sync: { destinations: [dest({ objectTypes: ['deals'] })] } }}                              | ${'sync.destinations[0].objectTypes[0]: Invalid option'}
    ${'no object type'}                    | ${{ sync: { destinations: [dest({ objectTypes: [] })] } }}                                     | ${'sync.destinations[0].objectTypes: Too small'}
    ${'object type twice'}                 | ${{ sync: { destinations: [dest({ objectTypes: ['contacts', 'contacts'] })] } }}               | ${'sync.destinations[0].objectTypes[1]: "contacts" is listed twice; list each object type once'}
    ${'syncs companies without properties'} | ${{ sync: { destinations: [dest({ objectTypes: ['contacts', 'companies'] })] } }}             | ${'sync.destinations[0].syncedProperties.companies: the destination syncs companies but lists no properties for them; list the companies properties it copies (e.g. "email") or remove "companies" from objectTypes'}
    ${'synced property in capitals'}       | ${{ sync: { destinations: [dest({ syncedProperties: { contacts: ['Email'] } })] } }}           | ${'sync.destinations[0].syncedProperties.contacts[0]: expected a HubSpot internal property name'}
    ${'unknown synced object type'}        | ${{ sync: { destinations: [dest({ syncedProperties: { contacts: ['email'], deals: ['x'] } })] } }} | ${'sync.destinations[0].syncedProperties: unknown key "deals"'}
    ${'negative tolerance'}                | ${{ sync: { destinations: [dest({ toleranceMinutes: -1 })] } }}                                | ${'sync.destinations[0].toleranceMinutes: Too small'}
    ${'link template placeholder typo'}    | ${{ sync: { destinations: [dest({ linkTemplate: 'https://x.example.com/{id}' })] } }}          | ${'sync.destinations[0].linkTemplate: unknown placeholder {id}; use {externalId}, {objectId}, {objectType}'}
    ${'per-type link over http'}           | ${{ sync: { destinations: [dest({ linkTemplate: { contacts: 'http://x.example.com/{externalId}' } })] } }} | ${'sync.destinations[0].linkTemplate.contacts: expected an https:// link'}
    ${'error hint without fragments'}      | ${{ sync: { destinations: [dest({ errorHints: [{ contains: [], plain: 'x' }] })] } }}          | ${'sync.destinations[0].errorHints[0].contains: Too small'}
    ${'error hint with a typo'}            | ${{ sync: { destinations: [dest({ errorHints: [{ match: ['x'], plain: 'x' }] })] } }}          | ${'sync.destinations[0].errorHints[0]: unknown key "match"'}
    ${'duplicate destination ids'}         | ${{ sync: { destinations: [dest(), dest({ name: 'Other' })] } }}                               | ${'sync.destinations[1].id: duplicate destination id "mailchimp" (also destinations[0]); give each destination its own id'}
    ${'destinations not a list'}           | ${{ sync: { destinations: { mailchimp: {} } } }}                                               | ${'sync.destinations: Invalid input: expected array, received object (fix: set it to a array)'}
  `('$name', ({ patch, expected }) => {
    expect(issuesWith(patch)).toContain(expected);
  });

  it('accepts a minimal destination and fills the defaults', () => {
    const parsed = SyncConfigSchema.parse({ destinations: [dest()] });
    expect(parsed.destinations[0]).toEqual({
      id: 'mailchimp',
      name: 'Mailchimp',
      kind: 'email_platform',
      objectTypes: ['contacts'],
      syncedProperties: { contacts: ['email'], companies: [] },
      toleranceMinutes: 15,
    });
  });

  it('accepts no destinations at all', () => {
    expect(issuesWith({ sync: { destinations: [] } })).toBe('');
  });
});
