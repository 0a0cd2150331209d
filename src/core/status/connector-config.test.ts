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
