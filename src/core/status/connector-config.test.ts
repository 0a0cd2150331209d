import { DestinationSchema } from './config-schema';
import { ConnectorSettingsSchema, GoogleSheetsSettingsSchema, MailchimpSettingsSchema, ZendeskSettingsSchema } from './connector-config';

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('connector settings', () => {
  it('Mailchimp: defaults to double opt-in, FNAME/LNAME, 4 at a time', () => {
    expect(MailchimpSettingsSchema.parse({ type: 'mailchimp', listId: 'a1b2c3d4e5' })).toEqual({
      type: 'mailchimp',
      listId: 'a1b2c3d4e5',
      emailProperty: 'email',
      statusIfNew: 'pending',
      mergeFields: { FNAME: 'firstname', LNAME: 'lastname' },
      concurrency: 4,
    });
  });

  it('Zendesk: users and organizations default when left out; tickets stay off', () => {
    const z = ZendeskSettingsSchema.parse({ type: 'zendesk', subdomain: 'acme' });
    expect(z.users).toEqual({ nameProperties: ['firstname', 'lastname'], emailProperty: 'email', phoneProperty: 'phone', userFields: {} });
    expect(z.organizations).toEqual({ nameProperty: 'name', domainProperty: 'domain', organizationFields: {} });
    expect(z.tickets).toBeUndefined();
    expect(z.requestsPerMinute).toBe(200);
  });

  test.each`
    input                                                                                                      | message
    ${{ type: 'mailchimp', listId: 'a1', mergeFields: { fname: 'firstname' } }}                                | ${'mergeFields.fname: expected a merge tag'}
    ${{ type: 'zendesk', subdomain: 'acme', users: { userFields: { 'Lifecycle Stage': 'lifecyclestage' } } }}     | ${'users.userFields.Lifecycle Stage: expected a Zendesk field key'}
    ${{ type: 'mailchimp', listId: 'a1', concurrency: 11 }}                                                    | ${'concurrency'}
    ${{ type: 'mailchimp', listId: 'a1', statusIfNew: 'unsubscribed' }}                                        | ${'statusIfNew'}
    ${{ type: 'google_sheets', spreadsheetId: '1AbCdEfGhIjK', tabs: {} }}                                      | ${'configure a tab for contacts, companies or both'}
    ${{ type: 'google_sheets', spreadsheetId: 'x', tabs: { contacts: { sheet: 'C', columns: ['email'] } } }}   | ${'docs.google.com/spreadsheets'}
    ${{ type: 'google_sheets', spreadsheetId: '1AbCdEfGhIjK', tabs: { contacts: { sheet: 'C', columns: ['email'] } }, writesPerMinute: 61 }} | ${'writesPerMinute'}
    ${{ type: 'zendesk', subdomain: 'acme.zendesk.com' }}                                                      | ${'expected the subdomain'}
    ${{ type: 'zendesk', subdomain: 'acme', tickets: { pipelines: [] } }}                                      | ${'tickets.pipelines'}
    ${{ type: 'hubspot' }}                                                                                     | ${'type'}
  `('refuses $input with a message naming the problem', ({ input, message }) => {
    const result = ConnectorSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(issuesOf(result).join('\n')).toContain(message);
  });

  it('Sheets: a column is a property name or a property with its header', () => {
    const s = GoogleSheetsSettingsSchema.parse({ type: 'google_sheets', spreadsheetId: '1AbCdEfGhIjK', tabs: { companies: { sheet: 'Co', columns: ['name', { property: 'domain', header: 'Web' }] } } });
    expect(s.tabs.companies?.columns).toEqual(['name', { property: 'domain', header: 'Web' }]);
    expect(s.tabs.companies).toMatchObject({ headerRow: true, keyHeader: 'HubSpot ID' });
  });
});

describe('a destination and its connector', () => {
  const base = { id: 'mailchimp', name: 'Mailchimp', kind: 'email_platform', objectTypes: ['contacts'], syncedProperties: { contacts: ['email', 'firstname', 'lastname'] } };

  it('no connector and `external` both leave the sync to another tool', () => {
    expect(DestinationSchema.parse(base).connector).toBeUndefined();
    expect(DestinationSchema.parse({ ...base, connector: { type: 'external' } }).connector).toEqual({ type: 'external' });
  });

  test.each`
    change                                                                                                                         | message
    ${{ kind: 'spreadsheet', connector: { type: 'mailchimp', listId: 'a1' } }}                                                     | ${'kind: a mailchimp connector is a email_platform destination'}
    ${{ objectTypes: ['contacts', 'companies'], syncedProperties: { contacts: ['email'], companies: ['name'] }, connector: { type: 'mailchimp', listId: 'a1', mergeFields: {} } }} | ${'objectTypes: the mailchimp connector does not copy companies: remove "companies"'}
    ${{ connector: { type: 'mailchimp', listId: 'a1', mergeFields: { COMPANY: 'company' } } }}                                     | ${'syncedProperties.contacts: the connector copies "company", which syncedProperties.contacts does not list'}
    ${{ kind: 'spreadsheet', objectTypes: ['contacts', 'companies'], syncedProperties: { contacts: ['email'], companies: ['name'] }, connector: { type: 'google_sheets', spreadsheetId: '1AbCdEfGhIjK', tabs: { contacts: { sheet: 'C', columns: ['email'] } } } }} | ${'add a tab for companies under connector.tabs.companies'}
  `('refuses a connector that does not fit: $message', ({ change, message }) => {
    const result = DestinationSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    expect(issuesOf(result).join('\n')).toContain(message);
  });
});
