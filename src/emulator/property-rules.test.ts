/** The portal admin's property rules: enforced on 2026-09 writes, set through options, HubSpot's API or the admin endpoint. */
import { raw, startHarness, withHarness } from './emulator.test-helpers';
import type { PropertyRuleInput } from './index';

const O = '/crm/objects/2026-09';
const LONG_TITLE = 'Vice President of Revenue Operations';
interface RuleCase {
  objectType: string;
  propertyName: string;
  ruleType: string;
  ruleArguments: string[];
  bad: string;
  good: string;
}

const JOBTITLE_MAX_20: PropertyRuleInput = { objectType: 'contacts', propertyName: 'jobtitle', ruleType: 'MAX_LENGTH', ruleArguments: ['20'] };

describe('property rules on 2026-09 writes', () => {
  it('refuses a create that breaks a rule with a 400 naming the property, its label and the rule', async () => {
    await withHarness({ propertyRules: [JOBTITLE_MAX_20] }, async (h) => {
      const r = await raw(h.emu, 'POST', `${O}/contacts`, { body: { properties: { email: 'r@example.com', jobtitle: LONG_TITLE }, associations: [] } });
      expect(r.status).toBe(400);
      expect(r.json).toEqual({
        status: 'error',
        message: expect.stringMatching(/^Property values were not valid: \[/) as unknown,
        correlationId: r.headers.get('x-hubspot-correlation-id'),
        category: 'VALIDATION_ERROR',
        errors: [
          {
            message: `Job Title (jobtitle) must be at most 20 characters by the portal's validation rule MAX_LENGTH; "${LONG_TITLE}" is not`,
            code: 'PROPERTY_VALIDATION_RULE_VIOLATION',
            context: { propertyName: ['jobtitle'], propertyLabel: ['Job Title'], ruleType: ['MAX_LENGTH'], rule: ['at most 20 characters'], ruleArguments: ['20'] },
          },
        ],
      });
      const embedded = JSON.parse(String(r.json?.message).replace('Property values were not valid: ', '')) as { error: string; name: string }[];
      expect(embedded).toEqual([expect.objectContaining({ isValid: false, error: 'PROPERTY_VALIDATION_RULE_VIOLATION', name: 'jobtitle' })]);
      expect(h.emu.store.list('contacts')).toHaveLength(0);
    });
  });

  it('checks updates and batch create, update and upsert: per row (207) with trace ids, the whole call (400) without', async () => {
    await withHarness({ propertyRules: [JOBTITLE_MAX_20] }, async (h) => {
      const ok = await raw(h.emu, 'POST', `${O}/contacts`, { body: { properties: { email: 'a@example.com', jobtitle: 'CTO' }, associations: [] } });
      expect(ok.status).toBe(201);
      const id = String(ok.json?.id);
      expect((await raw(h.emu, 'PATCH', `${O}/contacts/${id}`, { body: { properties: { jobtitle: LONG_TITLE } } })).status).toBe(400);
      expect(h.emu.store.get('contacts', id)?.properties.jobtitle).toBe('CTO');

      const rows = (suffix: string) => [
        { properties: { email: `b${suffix}@example.com`, jobtitle: 'CFO' }, objectWriteTraceId: `ok${suffix}` },
        { properties: { email: `c${suffix}@example.com`, jobtitle: LONG_TITLE }, objectWriteTraceId: `bad${suffix}` },
      ];
      const partial = await raw(h.emu, 'POST', `${O}/contacts/batch/create`, { body: { inputs: rows('1').map((r) => ({ ...r, associations: [] })) } });
      expect(partial.status).toBe(207);
      expect(partial.json).toMatchObject({
        results: [{ objectWriteTraceId: 'ok1' }],
        numErrors: 1,
        errors: [{ category: 'VALIDATION_ERROR', context: { objectWriteTraceId: ['bad1'] }, errors: [{ code: 'PROPERTY_VALIDATION_RULE_VIOLATION', context: { propertyName: ['jobtitle'] } }] }],
      });
      const whole = await raw(h.emu, 'POST', `${O}/contacts/batch/create`, { body: { inputs: rows('2').map(({ properties }) => ({ properties, associations: [] })) } });
      expect(whole.status).toBe(400);
      expect(h.emu.store.get('contacts', id)).toBeDefined();
      expect(h.emu.store.list('contacts').map((c) => c.properties.email)).not.toContain('b2@example.com');

      const update = await raw(h.emu, 'POST', `${O}/contacts/batch/update`, { body: { inputs: [{ id, properties: { jobtitle: LONG_TITLE }, objectWriteTraceId: 'u1' }] } });
      expect(update.status).toBe(207);
      const upsert = await raw(h.emu, 'POST', `${O}/contacts/batch/upsert`, { body: { inputs: [{ id: 'a@example.com', idProperty: 'email', properties: { jobtitle: LONG_TITLE } }] } });
      expect(upsert.status).toBe(400);
      expect(h.emu.store.get('contacts', id)?.properties.jobtitle).toBe('CTO');
    });
  });

  it('is not enforced on v3 paths, which HubSpot leaves unchecked', async () => {
    await withHarness({ propertyRules: [JOBTITLE_MAX_20] }, async (h) => {
      const r = await raw(h.emu, 'POST', '/crm/v3/objects/contacts', { body: { properties: { email: 'v3@example.com', jobtitle: LONG_TITLE } } });
      expect(r.status).toBe(201);
    });
  });

  test.each`
    objectType     | propertyName      | ruleType          | ruleArguments      | bad              | good
    ${'contacts'}  | ${'jobtitle'}     | ${'MIN_LENGTH'}   | ${['3']}           | ${'VP'}          | ${'CEO'}
    ${'contacts'}  | ${'phone'}        | ${'ALPHANUMERIC'} | ${['NUMERIC_ONLY']}| ${'+1 555'}      | ${'1555'}
    ${'contacts'}  | ${'jobtitle'}     | ${'ALPHANUMERIC'} | ${['ALPHA_ONLY']}  | ${'Agent007'}    | ${'Agent'}
    ${'contacts'}  | ${'zip'}          | ${'REGEX'}        | ${['[0-9]{5}']}    | ${'1234'}        | ${'12345'}
    ${'companies'} | ${'numberofemployees'} | ${'MIN_NUMBER'} | ${['1']}       | ${'0'}           | ${'1'}
    ${'companies'} | ${'numberofemployees'} | ${'MAX_NUMBER'} | ${['10000']}   | ${'10001'}       | ${'10000'}
    ${'companies'} | ${'annualrevenue'}| ${'DECIMAL'}      | ${['2']}           | ${'10.123'}      | ${'10.12'}
  `('$ruleType $ruleArguments on $objectType $propertyName refuses $bad and takes $good', async ({ objectType, propertyName, ruleType, ruleArguments, bad, good }: RuleCase) => {
    const rule = { objectType, propertyName, ruleType, ruleArguments } as unknown as PropertyRuleInput;
    await withHarness({ propertyRules: [rule] }, async (h) => {
      const name = objectType === 'companies' ? { name: 'Acme' } : {};
      const badWrite = await raw(h.emu, 'POST', `${O}/${objectType}`, { body: { properties: { ...name, [propertyName]: bad }, associations: [] } });
      expect(badWrite.status).toBe(400);
      expect(badWrite.json?.errors).toEqual([expect.objectContaining({ code: 'PROPERTY_VALIDATION_RULE_VIOLATION', context: expect.objectContaining({ ruleType: [ruleType] }) as unknown })]);
      const goodWrite = await raw(h.emu, 'POST', `${O}/${objectType}`, { body: { properties: { ...name, [propertyName]: good }, associations: [] } });
      expect(goodWrite.status).toBe(201);
    });
  });

  it('enforces required rules: on create, when cleared, and conditionally', async () => {
    const rules: PropertyRuleInput[] = [
      { objectType: 'contacts', propertyName: 'lastname', ruleType: 'REQUIRED' },
      { objectType: 'deals', propertyName: 'closedate', ruleType: 'REQUIRED', when: { propertyName: 'dealstage', values: ['closedwon'] } },
    ];
    await withHarness({ propertyRules: rules }, async (h) => {
      const missing = await raw(h.emu, 'POST', `${O}/contacts`, { body: { properties: { email: 'q@example.com' }, associations: [] } });
      expect(missing.status).toBe(400);
      expect(missing.json?.errors).toEqual([
        { message: "Last Name (lastname) is required by the portal's validation rules", code: 'REQUIRED_PROPERTY', context: { propertyName: ['lastname'], propertyLabel: ['Last Name'], ruleType: ['REQUIRED'], rule: ['required'] } },
      ]);
      const created = await raw(h.emu, 'POST', `${O}/contacts`, { body: { properties: { email: 'q@example.com', lastname: 'Quinn' }, associations: [] } });
      expect(created.status).toBe(201);
      const id = String(created.json?.id);
      expect((await raw(h.emu, 'PATCH', `${O}/contacts/${id}`, { body: { properties: { firstname: 'Q' } } })).status).toBe(200);
      expect((await raw(h.emu, 'PATCH', `${O}/contacts/${id}`, { body: { properties: { lastname: '' } } })).status).toBe(400);

      const deal = await raw(h.emu, 'POST', `${O}/deals`, { body: { properties: { dealname: 'D', dealstage: 'appointmentscheduled' }, associations: [] } });
      expect(deal.status).toBe(201);
      const won = await raw(h.emu, 'PATCH', `${O}/deals/${String(deal.json?.id)}`, { body: { properties: { dealstage: 'closedwon' } } });
      expect(won.status).toBe(400);
      expect(won.json?.errors).toEqual([
        expect.objectContaining({ code: 'REQUIRED_PROPERTY', context: expect.objectContaining({ rule: ['required when dealstage is closedwon'], whenPropertyName: ['dealstage'], whenValues: ['closedwon'] }) as unknown }),
      ]);
      const wonWithDate = await raw(h.emu, 'PATCH', `${O}/deals/${String(deal.json?.id)}`, { body: { properties: { dealstage: 'closedwon', closedate: '2026-11-25' } } });
      expect(wonWithDate.status).toBe(200);
    });
  });
});

describe('setting rules', () => {
  it("through HubSpot's property-validations API (format rules only), 204 then readable", async () => {
    await withHarness({}, async (h) => {
      const put = await raw(h.emu, 'PUT', '/crm/property-validations/2026-09/0-1/jobtitle/rule-type/MAX_LENGTH', { body: { ruleArguments: ['20'] } });
      expect(put.status).toBe(204);
      expect((await raw(h.emu, 'GET', '/crm/property-validations/2026-09/0-1')).json).toEqual({
        results: [{ propertyName: 'jobtitle', propertyValidationRules: [{ ruleType: 'MAX_LENGTH', ruleArguments: ['20'] }] }],
      });
      expect((await raw(h.emu, 'GET', '/crm/property-validations/2026-09/contacts/jobtitle/rule-type/MAX_LENGTH')).json).toEqual({ ruleType: 'MAX_LENGTH', ruleArguments: ['20'] });
      expect((await raw(h.emu, 'POST', `${O}/contacts`, { body: { properties: { jobtitle: LONG_TITLE }, associations: [] } })).status).toBe(400);
    });
  });

  it('refuses rules it cannot enforce rather than storing them unchecked', async () => {
    await withHarness({}, async (h) => {
      const unenforced = await raw(h.emu, 'PUT', '/crm/property-validations/2026-09/0-1/jobtitle/rule-type/WHITESPACE', { body: { ruleArguments: ['TRIM'] } });
      expect(unenforced.status).toBe(400);
      expect(String(unenforced.json?.message)).toMatch(/does not enforce WHITESPACE/);
      expect((await raw(h.emu, 'PUT', '/crm/property-validations/2026-09/0-1/jobtitle/rule-type/MAX_NUMBER', { body: { ruleArguments: ['5'] } })).status).toBe(400);
      expect((await raw(h.emu, 'PUT', '/crm/property-validations/2026-09/0-1/nope/rule-type/MAX_LENGTH', { body: { ruleArguments: ['5'] } })).status).toBe(400);
      await expect(startHarness({ propertyRules: [{ objectType: 'contacts', propertyName: 'jobtitle', ruleType: 'REGEX', ruleArguments: ['('] }] })).rejects.toThrow(/jobtitle.*REGEX/);
    });
  });

  it('needs the schema write scope of the object type to set one', async () => {
    await withHarness({ tokens: [{ token: 'pat-local-read', scopes: ['crm.objects.contacts.read'] }] }, async (h) => {
      const denied = await raw(h.emu, 'PUT', '/crm/property-validations/2026-09/0-1/jobtitle/rule-type/MAX_LENGTH', { body: { ruleArguments: ['20'] }, token: 'pat-local-read' });
      expect(denied.status).toBe(403);
      expect((await raw(h.emu, 'GET', '/crm/property-validations/2026-09/0-1', { token: 'pat-local-read' })).status).toBe(200);
    });
  });

  it("through the emulator's admin endpoint, format and required rules alike", async () => {
    await withHarness({}, async (h) => {
      const put = await raw(h.emu, 'PUT', '/_emulator/property-rules/contacts/jobtitle', {
        body: { rules: [{ ruleType: 'MAX_LENGTH', ruleArguments: ['20'] }, { ruleType: 'REQUIRED' }] },
      });
      expect(put.status).toBe(200);
      expect((await raw(h.emu, 'GET', '/_emulator/property-rules')).json).toEqual({
        results: [
          { objectType: 'contacts', propertyName: 'jobtitle', ruleType: 'MAX_LENGTH', ruleArguments: ['20'] },
          { objectType: 'contacts', propertyName: 'jobtitle', ruleType: 'REQUIRED' },
        ],
      });
      expect((await raw(h.emu, 'POST', `${O}/contacts`, { body: { properties: { email: 'n@example.com' }, associations: [] } })).status).toBe(400);
      expect((await raw(h.emu, 'DELETE', '/_emulator/property-rules')).status).toBe(204);
      expect((await raw(h.emu, 'POST', `${O}/contacts`, { body: { properties: { email: 'n@example.com' }, associations: [] } })).status).toBe(201);
      expect((await raw(h.emu, 'GET', '/_emulator/property-rules', { token: 'pat-local-wrong' })).status).toBe(401);
    });
  });

  it('spends none of the token’s rate-limit allowance on the admin endpoint', async () => {
    await withHarness({ rateLimit: 'professional' }, async (h) => {
      const admin = await raw(h.emu, 'GET', '/_emulator/property-rules');
      expect(admin.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
      const api = await raw(h.emu, 'GET', `${O}/contacts?limit=1`);
      expect(api.headers.get('x-hubspot-ratelimit-remaining')).toBe('189');
    });
  });
});
