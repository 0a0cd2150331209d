/** Authentication, scopes, error envelopes and headers. */
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'node:http';
import { VirtualClock } from '../testing/clock';
import { AUTH_MESSAGE } from './http/errors';
import { failure, raw, startHarness, type Harness } from './emulator.test-helpers';

let h: Harness;
const NO_SCOPES = 'pat-na1-no-scopes';
const APP_TOKEN = 'pat-na1-app-scopes';
const appScopes = (): string[] => {
  const meta = JSON.parse(fs.readFileSync(path.join(__dirname, '../app/app-hsmeta.json'), 'utf8')) as { config: { auth: { requiredScopes: string[] } } };
  return meta.config.auth.requiredScopes;
};

beforeAll(async () => {
  h = await startHarness({
    clock: new VirtualClock(),
    seed: 'demo',
    seedSize: { contacts: 50 },
    rateLimit: 'professional',
    tokens: [
      { token: NO_SCOPES, scopes: [] },
      { token: APP_TOKEN, scopes: appScopes() },
    ],
  });
});
afterAll(() => h.emu.close());

const aContact = () => h.emu.store.list('contacts')[0]?.id ?? '';
const aCompany = () => h.emu.store.list('companies')[0]?.id ?? '';
const aTicket = () => h.emu.store.list('tickets')[0]?.id ?? '';

describe('authentication', () => {
  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'pat-na1-wrong'],
  ])('answers %s with 401 INVALID_AUTHENTICATION and x-hubspot-auth-failure', async (_name, token) => {
    const r = await raw(h.emu, 'GET', `/crm/v3/objects/contacts/${aContact()}`, { token });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ status: 'error', message: AUTH_MESSAGE, correlationId: r.headers.get('x-hubspot-correlation-id'), category: 'INVALID_AUTHENTICATION' });
    expect(r.headers.get('x-hubspot-auth-failure')).toBe('401 Unauthorized');
    expect(r.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(r.headers.get('x-hubspot-ratelimit-max')).toBeNull();
  });

  it('the SDK sees a 401 as ApiException code 401 with the parsed body', async () => {
    const f = await failure(h.clientWith('pat-na1-wrong').crm.contacts.basicApi.getById(aContact()));
    expect(f.code).toBe(401);
    expect(f.body.category).toBe('INVALID_AUTHENTICATION');
  });
});

describe('scopes (each endpoint names the scopes of its HubSpot spec)', () => {
  const v4 = () => `/crm/v4/objects/contacts/${aContact()}/associations/companies`;
  const cases: [string, string, () => string, unknown, string[]][] = [
    ['GET contact', 'GET', () => `/crm/v3/objects/contacts/${aContact()}`, undefined, ['crm.objects.contacts.read']],
    ['create contact', 'POST', () => '/crm/v3/objects/contacts', { properties: {} }, ['crm.objects.contacts.write']],
    ['search contacts', 'POST', () => '/crm/v3/objects/contacts/search', {}, ['crm.objects.contacts.read']],
    ['batch update companies', 'POST', () => '/crm/v3/objects/companies/batch/update', { inputs: [] }, ['crm.objects.companies.write']],
    ['GET company', 'GET', () => `/crm/v3/objects/0-2/${aCompany()}`, undefined, ['crm.objects.companies.read']],
    ['list deals', 'GET', () => '/crm/v3/objects/deals', undefined, ['crm.objects.deals.read']],
    ['GET ticket', 'GET', () => `/crm/v3/objects/tickets/${aTicket()}`, undefined, ['tickets']],
    ['search tickets', 'POST', () => '/crm/v3/objects/tickets/search', {}, ['tickets']],
    ['create note', 'POST', () => '/crm/v3/objects/notes', { properties: {} }, ['crm.objects.contacts.write']],
    ['list owners', 'GET', () => '/crm/v3/owners/', undefined, ['crm.objects.owners.read', 'automation']],
    ['read contact properties', 'GET', () => '/crm/v3/properties/contacts', undefined, ['crm.schemas.contacts.read', 'crm.objects.contacts.read', 'crm.objects.contacts.write']],
    ['create contact property', 'POST', () => '/crm/v3/properties/contacts', {}, ['crm.schemas.contacts.write']],
    ['create company property group', 'POST', () => '/crm/v3/properties/companies/groups', {}, ['crm.schemas.companies.write']],
    ['read ticket pipelines', 'GET', () => '/crm/v3/pipelines/tickets', undefined, ['tickets', 'crm.schemas.tickets.read']],
    ['create deal pipeline', 'POST', () => '/crm/v3/pipelines/deals', {}, ['crm.schemas.deals.write']],
    ['list contact→company associations', 'GET', v4, undefined, ['crm.objects.contacts.read', 'crm.objects.contacts.write']],
    ['batch read company→ticket associations', 'POST', () => '/crm/v4/associations/companies/tickets/batch/read', { inputs: [] }, ['crm.objects.companies.read', 'crm.objects.companies.write']],
  ];

  it.each(cases)('%s without scopes: 403 MISSING_SCOPES naming %#', async (_name, method, url, body, scopes) => {
    const r = await raw(h.emu, method, url(), { token: NO_SCOPES, ...(body !== undefined ? { body } : {}) });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({
      status: 'error',
      category: 'MISSING_SCOPES',
      message: expect.stringContaining("This app hasn't been granted all required scopes"),
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: scopes } }],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    });
  });

  it.each(cases)('%s with one of its scopes is not refused', async (_name, method, url, body, scopes) => {
    const first = scopes[0] ?? '';
    const h2 = await startHarness({ seed: 'demo', seedSize: { contacts: 5 }, tokens: [{ token: 'one', scopes: [first, ...(url().includes('/crm/v4/') ? ['crm.objects.companies.read', 'tickets'] : [])] }] });
    try {
      const r = await raw(h2.emu, method, url(), { token: 'one', ...(body !== undefined ? { body } : {}) });
      expect(r.status).not.toBe(403);
    } finally {
      await h2.emu.close();
    }
  });

  it('a v4 association call needs a scope for both object types', async () => {
    const h2 = await startHarness({ tokens: [{ token: 'contacts-only', scopes: ['crm.objects.contacts.read'] }] });
    try {
      const r = await raw(h2.emu, 'GET', '/crm/v4/objects/contacts/1/associations/tickets', { token: 'contacts-only' });
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ errors: [{ context: { requiredGranularScopes: ['tickets'] } }] });
    } finally {
      await h2.emu.close();
    }
  });

  it("the app's requiredScopes (src/app/app-hsmeta.json) cover every call the functions and the CLI make", async () => {
    const contact = aContact();
    const company = aCompany();
    const calls: [string, string, unknown?][] = [
      ['GET', `/crm/v3/objects/contacts/${contact}`],
      ['PATCH', `/crm/v3/objects/contacts/${contact}`, { properties: {} }],
      ['POST', '/crm/v3/objects/contacts/search', {}],
      ['POST', '/crm/v3/objects/contacts/batch/read', { inputs: [] }],
      ['POST', '/crm/v3/objects/contacts/batch/update', { inputs: [] }],
      ['GET', `/crm/v3/objects/companies/${company}`],
      ['PATCH', `/crm/v3/objects/companies/${company}`, { properties: {} }],
      ['POST', '/crm/v3/objects/companies/search', {}],
      ['POST', '/crm/v3/objects/companies/batch/read', { inputs: [] }],
      ['POST', '/crm/v3/objects/tickets/search', {}],
      ['GET', `/crm/v3/objects/tickets/${aTicket()}`],
      ['POST', '/crm/v3/objects/notes', { properties: { hs_timestamp: '2026-01-01T00:00:00Z' } }],
      ['POST', '/crm/v3/objects/notes/batch/archive', { inputs: [] }],
      ['GET', '/crm/v3/owners/'],
      ['GET', '/crm/v3/pipelines/tickets'],
      ['GET', '/crm/v3/properties/contacts'],
      ['POST', '/crm/v3/properties/contacts/groups', { name: 'lead_ops', label: 'Lead Ops' }],
      ['POST', '/crm/v3/properties/companies/groups', { name: 'lead_ops', label: 'Lead Ops' }],
      ['GET', `/crm/v4/objects/contacts/${contact}/associations/companies`],
      ['GET', `/crm/v4/objects/contacts/${contact}/associations/notes`],
      ['GET', `/crm/v4/objects/companies/${company}/associations/notes`],
      ['POST', '/crm/v4/associations/contacts/companies/batch/read', { inputs: [] }],
      ['POST', '/crm/v4/associations/notes/contacts/batch/associate/default', { inputs: [] }],
      ['POST', '/crm/v4/associations/companies/tickets/batch/read', { inputs: [] }],
    ];
    for (const [method, url, body] of calls) {
      const r = await raw(h.emu, method, url, { token: APP_TOKEN, ...(body !== undefined ? { body } : {}) });
      expect([method, url, r.status]).not.toEqual([method, url, 403]);
    }
  });
});

describe('error envelopes and headers', () => {
  it('every answer carries x-hubspot-correlation-id; error bodies repeat it; bodies are application/json;charset=utf-8', async () => {
    const ok = await raw(h.emu, 'GET', `/crm/v3/objects/contacts/${aContact()}`);
    expect(ok.headers.get('x-hubspot-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('content-type')).toBe('application/json;charset=utf-8');
    const notFound = await raw(h.emu, 'GET', '/crm/v3/objects/contacts/987654321');
    expect(notFound.json?.correlationId).toBe(notFound.headers.get('x-hubspot-correlation-id'));
    const gone = await raw(h.emu, 'DELETE', '/crm/v3/objects/contacts/987654321');
    expect(gone.status).toBe(204);
    expect(gone.text).toBe('');
    expect(gone.headers.get('content-type')).toBeNull();
    expect(gone.headers.get('x-hubspot-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown object type with 400 "Unable to infer object type from"', async () => {
    const r = await raw(h.emu, 'GET', '/crm/v3/objects/widgets/1');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ category: 'VALIDATION_ERROR', message: 'Unable to infer object type from: widgets' });
  });

  it('answers an unknown path with a JSON 404', async () => {
    const r = await raw(h.emu, 'GET', '/crm/v3/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json?.status).toBe('error');
  });

  it('answers a body without a JSON content type with 415, malformed JSON and a missing body with 400', async () => {
    const text = await raw(h.emu, 'POST', '/crm/v3/objects/contacts', { rawBody: '{"properties":{}}', contentType: 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.json?.status).toBe('error');
    const bad = await raw(h.emu, 'POST', '/crm/v3/objects/contacts', { rawBody: '{"properties":', contentType: 'application/json' });
    expect(bad.status).toBe(400);
    expect(String(bad.json?.message)).toMatch(/^Invalid input JSON/);
    const empty = await raw(h.emu, 'POST', '/crm/v3/objects/contacts', { contentType: 'application/json' });
    expect(empty.status).toBe(400);
  });

  it('errors carry the rate-limit headers too (HubSpot sends them on a 400)', async () => {
    const r = await raw(h.emu, 'PATCH', `/crm/v3/objects/contacts/${aContact()}`, { body: { properties: { nope: '1' } } });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-hubspot-ratelimit-max')).toBe('190');
  });
});

describe('authentication before the body', () => {
  /** Sends headers announcing `announced` bytes and only the first KiB of them; resolves with the status. */
  function partialUpload(url: string, token: string, announced: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${url}/crm/objects/2026-09/contacts/batch/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(announced) },
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error('no answer while the body was still coming: the token was not checked first'));
      }, 3000);
      req.on('response', (res) => {
        clearTimeout(timer);
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => undefined);
      req.write('{"inputs":['.padEnd(1024, ' '));
    });
  }

  it('answers 401 to a wrong token without waiting for the 32 MiB body it announces', async () => {
    const h = await startHarness();
    try {
      expect(await partialUpload(h.emu.url, 'pat-local-wrong', 32 * 1024 * 1024)).toBe(401);
      expect(h.emu.requestLog()[0]).toMatchObject({ status: 401, limitClass: 'unauthenticated', apiVersion: '2026-09' });
    } finally {
      await h.emu.close();
    }
  });

  it('still reads the body of an authenticated request', async () => {
    const h = await startHarness();
    try {
      const r = await raw(h.emu, 'POST', '/crm/objects/2026-09/contacts', { body: { properties: { email: 'auth@example.com' }, associations: [] } });
      expect(r.status).toBe(201);
    } finally {
      await h.emu.close();
    }
  });
});
