/**
 * Conformance of the emulator's 2026-09 answers to HubSpot's published OpenAPI specs (opt-in).
 *
 * Set HUBSPOT_SPECS_DIR to the `PublicApiSpecs` folder of HubSpot's public spec collection
 * (HubSpot/HubSpot-public-api-spec-collection); without it the test is skipped. It starts the emulator, sends
 * every operation the product uses on its 2026-09 path (successes, error answers and 207 partial results), finds
 * the spec operation each request matches and validates the answer's status and body against that operation's
 * response schema. It fails on a request no spec operation matches, on a status the operation does not list, and
 * on any 2026-09 route the emulator serves that no spec has. Specs are read, never copied into the repository.
 *
 * Where the specs disagree with HubSpot's own documentation the test says so instead of hiding it: the 2026-09
 * specs list no 207 for batch endpoints (the 2026-03 and 2026-09-beta specs and the error-handling guide do), so a
 * 207 is validated against the operation's success schema and counted apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAPIBackend, { ValidationContext, type Operation } from 'openapi-backend';
import addFormats from 'ajv-formats';
import { ALL_ROUTES, startEmulator, type RunningEmulator } from './index';

const SPECS_DIR = process.env.HUBSPOT_SPECS_DIR;

/** The 2026-09 GA spec of each API the product uses, by folder under `CRM/`. */
const SPEC_FOLDERS = [
  'Objects',
  'Contacts',
  'Companies',
  'Deals',
  'Tickets',
  'Notes',
  'Custom Objects',
  'Associations',
  'Associations Schema',
  'Partner Services',
  'Properties',
  'Pipelines',
  'Crm Owners',
  'Schemas',
  'Property Validations',
] as const;
type Folder = (typeof SPEC_FOLDERS)[number];

type Definition = ConstructorParameters<typeof OpenAPIBackend>[0]['definition'];
interface Loaded {
  folder: Folder;
  file: string;
  api: OpenAPIBackend;
}

function findSpec(dir: string, folder: Folder): string | undefined {
  const rollouts = join(dir, 'CRM', folder, 'Rollouts');
  if (!existsSync(rollouts)) return undefined;
  for (const rollout of readdirSync(rollouts)) {
    const versionDir = join(rollouts, rollout, '2026-09');
    if (!existsSync(versionDir)) continue;
    const file = readdirSync(versionDir).find((f) => f.endsWith('.json') && !/collection/i.test(f));
    if (file) return join(versionDir, file);
  }
  return undefined;
}

/** The spec a request is checked against first, by its path; the others are tried after it. */
function primaryFolder(path: string): Folder {
  if (path.startsWith('/crm/owners/')) return 'Crm Owners';
  if (path.startsWith('/crm/properties/')) return 'Properties';
  if (path.startsWith('/crm/pipelines/')) return 'Pipelines';
  if (path.startsWith('/crm-object-schemas/')) return 'Schemas';
  if (path.startsWith('/crm/property-validations/')) return 'Property Validations';
  if (/^\/crm\/associations\/2026-09\/[^/]+\/[^/]+\/labels/.test(path)) return 'Associations Schema';
  if (path.startsWith('/crm/associations/')) return 'Associations';
  if (/\/associations\//.test(path)) return 'Associations';
  const type = path.split('/')[4] ?? '';
  const byType: Record<string, Folder> = { contacts: 'Contacts', companies: 'Companies', deals: 'Deals', tickets: 'Tickets', notes: 'Notes' };
  return byType[type] ?? (type.startsWith('2-') ? 'Custom Objects' : 'Objects');
}

interface Tally {
  answers: number;
  operations: Set<string>;
  multiStatusOutsideSpec: number;
  byFallbackSpec: Set<string>;
  files: Set<string>;
}

const describeWithSpecs = SPECS_DIR ? describe : describe.skip;

if (!SPECS_DIR) {
  const why = '2026-09 conformance skipped: set HUBSPOT_SPECS_DIR to the PublicApiSpecs folder of HubSpot/HubSpot-public-api-spec-collection to run it';
  console.info(why);
  test.skip(why, () => undefined);
}

describeWithSpecs('2026-09 conformance against HubSpot OpenAPI specs', () => {
  const specs: Loaded[] = [];
  let emu: RunningEmulator;
  const tally: Tally = { answers: 0, operations: new Set(), multiStatusOutsideSpec: 0, byFallbackSpec: new Set(), files: new Set() };
  /** openapi-backend's own response validator configuration (OpenAPI formats), plus the standard string formats. */
  let ajv: ReturnType<typeof addFormats>;

  beforeAll(async () => {
    const dir = SPECS_DIR ?? '';
    for (const folder of SPEC_FOLDERS) {
      const file = findSpec(dir, folder);
      if (!file) throw new Error(`no 2026-09 spec for ${folder} under ${dir}/CRM/${folder}/Rollouts/*/2026-09`);
      const api = new OpenAPIBackend({ definition: JSON.parse(readFileSync(file, 'utf8')) as Definition, quick: true, strict: true });
      await api.init();
      specs.push({ folder, file, api });
    }
    const first = specs[0];
    if (!first) throw new Error('no spec loaded');
    ajv = addFormats(first.api.validator.getAjv(ValidationContext.Response));
    emu = await startEmulator({ seed: 'demo', tokens: [{ token: 'pat-local-contacts-only', scopes: ['crm.objects.contacts.read'] }] });
  });

  afterAll(async () => {
    await emu?.close();
    console.info(
      `2026-09 conformance: ${tally.answers} answers of ${tally.operations.size} operations validated against ${tally.files.size} spec files` +
        ` (${tally.multiStatusOutsideSpec} answers with 207 validated against the success schema, which the 2026-09 specs do not list;` +
        ` operations found only in a secondary spec: ${[...tally.byFallbackSpec].join(', ') || 'none'})`,
    );
  });

  /** The spec operation a request matches, primary spec first. */
  function operationFor(method: string, path: string): { op: Operation; loaded: Loaded } {
    const primary = primaryFolder(path);
    const ordered = [...specs.filter((s) => s.folder === primary), ...specs.filter((s) => s.folder !== primary)];
    for (const loaded of ordered) {
      const op = loaded.api.matchOperation({ method, path, headers: {}, query: {} });
      if (op) {
        if (loaded.folder !== primary) tally.byFallbackSpec.add(`${method} ${op.path} (${loaded.folder})`);
        return { op, loaded };
      }
    }
    throw new Error(`no 2026-09 spec has ${method} ${path}`);
  }

  type Json = Record<string, unknown>;
  /** JSON schema of a response entry (any media type: HubSpot's error responses are typed with a wildcard). */
  const schemaOf = (response: unknown): object | undefined => {
    const content = (response as { content?: Record<string, { schema?: object }> } | undefined)?.content;
    return content ? Object.values(content)[0]?.schema : undefined;
  };

  /** Sends a request, checks the status it should get, validates the answer against the spec, returns the body. */
  async function call(method: string, path: string, expected: number, body?: unknown, token?: string): Promise<Json> {
    const res = await fetch(`${emu.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token ?? emu.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const json: unknown = text === '' ? null : JSON.parse(text);
    expect({ method, path, status: res.status, body: json }).toMatchObject({ status: expected });
    expect(res.headers.get('x-hubspot-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);

    const pathOnly = path.split('?')[0] ?? path;
    const { op, loaded } = operationFor(method, pathOnly);
    const responses = (op.responses ?? {}) as Record<string, unknown>;
    const status = String(res.status);
    let schema: object | undefined;
    if (status in responses) {
      schema = schemaOf(responses[status]);
      if (!schema && text !== '') throw new Error(`${method} ${op.path}: the spec lists ${status} without a body, the emulator sent one`);
      if (schema && text === '') throw new Error(`${method} ${op.path}: the spec's ${status} has a body, the emulator sent none`);
    } else if (res.status === 207) {
      const success = Object.keys(responses).find((s) => /^2\d\d$/.test(s));
      schema = success ? schemaOf(responses[success]) : undefined;
      if (!schema) throw new Error(`${method} ${op.path}: 207 but no success schema to check it against`);
      tally.multiStatusOutsideSpec++;
    } else if (res.status >= 400 && 'default' in responses) {
      schema = schemaOf(responses.default);
    } else {
      throw new Error(`${method} ${op.path}: the spec lists ${Object.keys(responses).join(', ')}, not ${status}`);
    }
    if (schema) {
      const validate = ajv.compile(schema);
      if (!validate(json)) throw new Error(`${method} ${path} ${status} does not match ${loaded.folder} ${op.path}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 2000)}`);
    }
    tally.answers++;
    tally.operations.add(`${method} ${op.path}`);
    tally.files.add(loaded.file);
    return (json ?? {}) as Json;
  }

  const O = '/crm/objects/2026-09';
  const A = '/crm/associations/2026-09';
  const P = '/crm/properties/2026-09';
  const idOf = (b: Json) => String(b.id);

  it('serves no 2026-09 path that HubSpot specs lack', () => {
    const template = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
    const known = new Set(specs.flatMap((s) => s.api.getOperations().map((op) => `${op.method.toUpperCase()} ${template(op.path)}`)));
    const served = ALL_ROUTES.flatMap((r) => (r.paths['2026-09'] ? [`${r.method} ${template(r.paths['2026-09'].replace(/:(\w+)/g, '{$1}'))}`] : []));
    expect(served.length).toBeGreaterThan(40);
    expect(served.filter((s) => !known.has(s))).toEqual([]);
  });

  it('owners: list, page, archived, get, 404', async () => {
    const page = await call('GET', '/crm/owners/2026-09?limit=2', 200);
    expect(page.paging).toBeDefined();
    await call('GET', '/crm/owners/2026-09?archived=true', 200);
    const first = (page.results as Json[])[0] ?? {};
    await call('GET', `/crm/owners/2026-09/${String(first.id)}`, 200);
    await call('GET', `/crm/owners/2026-09/${String(first.userId)}?idProperty=userId`, 200);
    await call('GET', '/crm/owners/2026-09/999999999', 404);
  });

  it('properties and groups: read, create, conflict, update, batch, 404', async () => {
    await call('GET', `${P}/contacts`, 200);
    await call('GET', `${P}/contacts/email`, 200);
    await call('GET', `${P}/contacts/no_such_property`, 404);
    await call('GET', `${P}/contacts/groups`, 200);
    await call('POST', `${P}/contacts/groups`, 201, { name: 'lead_ops', label: 'Lead Ops', displayOrder: 1 });
    await call('GET', `${P}/contacts/groups/lead_ops`, 200);
    await call('PATCH', `${P}/contacts/groups/lead_ops`, 200, { label: 'Lead Ops (scoring)' });
    const score = { name: 'lead_ops_score', label: 'Lead score', type: 'number', fieldType: 'number', groupName: 'lead_ops' };
    await call('POST', `${P}/contacts`, 201, score);
    await call('POST', `${P}/contacts`, 409, score);
    await call('POST', `${P}/contacts`, 400, { name: 'x_bad', label: 'Bad', type: 'number', fieldType: 'select', groupName: 'lead_ops' });
    await call('PATCH', `${P}/contacts/lead_ops_score`, 200, { label: 'Lead score (0-100)' });
    const band = { name: 'lead_ops_band', label: 'Band', type: 'enumeration', fieldType: 'select', groupName: 'lead_ops', options: [{ label: 'Hot', value: 'hot', displayOrder: 0, hidden: false }] };
    await call('POST', `${P}/contacts/batch/create`, 200, { inputs: [band] });
    await call('POST', `${P}/contacts/batch/create`, 207, { inputs: [{ ...band, name: 'lead_ops_reason', type: 'string', fieldType: 'text', options: [] }, band] });
    await call('POST', `${P}/contacts/batch/read`, 200, { archived: false, dataSensitivity: 'non_sensitive', inputs: [{ name: 'email' }, { name: 'lead_ops_score' }] });
    await call('POST', `${P}/contacts/batch/read`, 207, { archived: false, dataSensitivity: 'non_sensitive', inputs: [{ name: 'email' }, { name: 'nope' }] });
    await call('GET', `${P}/companies`, 200);
  });

  it('pipelines: list, get, stages, 404', async () => {
    await call('GET', '/crm/pipelines/2026-09/tickets', 200);
    await call('GET', '/crm/pipelines/2026-09/tickets/0', 200);
    await call('GET', '/crm/pipelines/2026-09/tickets/0/stages', 200);
    await call('GET', '/crm/pipelines/2026-09/tickets/0/stages/1', 200);
    await call('GET', '/crm/pipelines/2026-09/tickets/no-such-pipeline', 404);
    await call('GET', '/crm/pipelines/2026-09/deals', 200);
  });

  it('objects: single-record reads and writes, with their errors', async () => {
    const companies = await call('GET', `${O}/companies?limit=2&properties=name,domain`, 200);
    const company = (companies.results as Json[])[0] ?? {};
    const contact = await call('POST', `${O}/contacts`, 201, {
      properties: { email: 'conformance@example.com', firstname: 'Ada', jobtitle: 'Engineer' },
      associations: [{ to: { id: String(company.id) }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }] }],
    });
    await call('POST', `${O}/contacts`, 409, { properties: { email: 'conformance@example.com' }, associations: [] });
    await call('POST', `${O}/contacts`, 400, { properties: { no_such_property: 'x' }, associations: [] });
    await call('GET', `${O}/contacts/${idOf(contact)}?properties=email,jobtitle&propertiesWithHistory=jobtitle&associations=companies`, 200);
    await call('GET', `${O}/contacts/conformance@example.com?idProperty=email`, 200);
    await call('GET', `${O}/contacts/987654321`, 404);
    await call('GET', `${O}/contacts?limit=2&properties=email&associations=companies`, 200);
    await call('PATCH', `${O}/contacts/${idOf(contact)}`, 200, { properties: { jobtitle: 'Staff engineer' } });
    await call('PATCH', `${O}/contacts/${idOf(contact)}`, 400, { properties: { hs_object_id: '1' } });
    await call('PATCH', `${O}/contacts/987654321`, 404, { properties: { jobtitle: 'x' } });
    await call('GET', `${O}/companies/${String(company.id)}?associations=contacts`, 200);
    const ticket = await call('POST', `${O}/tickets`, 201, { properties: { subject: 'Sync broken', hs_pipeline: '0', hs_pipeline_stage: '1' }, associations: [] });
    await call('GET', `${O}/tickets/${idOf(ticket)}?properties=subject,hs_pipeline_stage`, 200);
    await call('POST', `${O}/notes`, 201, {
      properties: { hs_note_body: 'Routed', hs_timestamp: '2026-11-25T09:00:00.000Z' },
      associations: [{ to: { id: idOf(contact) }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }],
    });
    await call('POST', `${O}/deals`, 201, { properties: { dealname: 'Renewal', dealstage: 'appointmentscheduled', pipeline: 'default' }, associations: [] });
    const other = await call('POST', `${O}/contacts`, 201, { properties: { email: 'dup@example.com' }, associations: [] });
    await call('POST', `${O}/contacts/merge`, 200, { primaryObjectId: idOf(contact), objectIdToMerge: idOf(other) });
    const gone = await call('POST', `${O}/companies`, 201, { properties: { name: 'Gone Inc' }, associations: [] });
    await call('DELETE', `${O}/companies/${idOf(gone)}`, 204);
    await call('GET', `${O}/contacts?limit=1`, 401, undefined, 'pat-local-wrong');
    await call('GET', `${O}/tickets?limit=1`, 403, undefined, 'pat-local-contacts-only');
  });

  it('objects: batch read, create, update, upsert, archive, with 207 partial results', async () => {
    const created = await call('POST', `${O}/contacts/batch/create`, 201, {
      inputs: [
        { properties: { email: 'b1@example.com', firstname: 'B1' }, associations: [] },
        { properties: { email: 'b2@example.com', firstname: 'B2' }, associations: [] },
      ],
    });
    const ids = (created.results as Json[]).map(idOf);
    await call('POST', `${O}/contacts/batch/create`, 207, {
      inputs: [
        { properties: { email: 'b3@example.com' }, associations: [], objectWriteTraceId: 't1' },
        { properties: { email: 'b1@example.com' }, associations: [], objectWriteTraceId: 't2' },
      ],
    });
    await call('POST', `${O}/contacts/batch/create`, 400, { inputs: [{ properties: { numemployees: 'many' }, associations: [] }] });
    const read = { properties: ['email', 'firstname'], propertiesWithHistory: [], inputs: ids.map((id) => ({ id })) };
    await call('POST', `${O}/contacts/batch/read`, 200, read);
    await call('POST', `${O}/contacts/batch/read`, 207, { ...read, inputs: [...read.inputs, { id: '987654321' }] });
    await call('POST', `${O}/contacts/batch/read`, 200, { properties: ['email'], propertiesWithHistory: [], idProperty: 'email', inputs: [{ id: 'b1@example.com' }] });
    await call('POST', `${O}/contacts/batch/update`, 200, { inputs: ids.map((id) => ({ id, properties: { lastname: 'Batch' } })) });
    await call('POST', `${O}/contacts/batch/update`, 207, { inputs: [{ id: ids[0], properties: { lastname: 'Again' } }, { id: '987654321', properties: { lastname: 'x' } }] });
    await call('POST', `${O}/contacts/batch/upsert`, 200, {
      inputs: [
        { id: 'b1@example.com', idProperty: 'email', properties: { firstname: 'B1b' } },
        { id: 'b9@example.com', idProperty: 'email', properties: { firstname: 'B9' } },
      ],
    });
    await call('POST', `${O}/contacts/batch/archive`, 204, { inputs: [{ id: ids[1] }] });
    await call('POST', `${O}/tickets/batch/read`, 200, { properties: ['subject'], propertiesWithHistory: [], inputs: [] });
  });

  it('objects: search, paging and its errors', async () => {
    const page = await call('POST', `${O}/contacts/search`, 200, { filterGroups: [], sorts: [], properties: ['email'], limit: 2, after: '0' });
    expect(page.paging).toBeDefined();
    await call('POST', `${O}/tickets/search`, 200, {
      filterGroups: [{ filters: [{ propertyName: 'hs_pipeline_stage', operator: 'IN', values: ['1', '2', '3'] }] }],
      sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
      properties: ['subject', 'hs_pipeline_stage'],
      limit: 5,
      after: '0',
    });
    await call('POST', `${O}/companies/search`, 200, { query: 'a', filterGroups: [], sorts: [], properties: ['name'], limit: 3, after: '0' });
    const six = Array.from({ length: 6 }, () => ({ filters: [{ propertyName: 'email', operator: 'HAS_PROPERTY' }] }));
    await call('POST', `${O}/contacts/search`, 400, { filterGroups: six, sorts: [], properties: [], limit: 1, after: '0' });
  });

  it("the portal's property rules: property-validations API and the 400 / 207 they cause", async () => {
    await call('PUT', '/crm/property-validations/2026-09/0-1/jobtitle/rule-type/MAX_LENGTH', 204, { ruleArguments: ['20'] });
    await call('PUT', '/crm/property-validations/2026-09/0-1/jobtitle/rule-type/WHITESPACE', 400, { ruleArguments: ['TRIM'] });
    await call('GET', '/crm/property-validations/2026-09/0-1', 200);
    await call('GET', '/crm/property-validations/2026-09/0-1/jobtitle', 200);
    await call('GET', '/crm/property-validations/2026-09/0-1/jobtitle/rule-type/MAX_LENGTH', 200);
    await call('GET', '/crm/property-validations/2026-09/0-1/jobtitle/rule-type/MIN_LENGTH', 404);
    const long = 'Vice President of Revenue Operations';
    await call('POST', `${O}/contacts`, 400, { properties: { email: 'rule@example.com', jobtitle: long }, associations: [] });
    await call('POST', `${O}/contacts/batch/create`, 207, {
      inputs: [
        { properties: { email: 'rule1@example.com', jobtitle: 'CTO' }, associations: [], objectWriteTraceId: 'r1' },
        { properties: { email: 'rule2@example.com', jobtitle: long }, associations: [], objectWriteTraceId: 'r2' },
      ],
    });
  });

  it('associations: single pair and batch endpoints, with 207 rows', async () => {
    const contact = await call('POST', `${O}/contacts`, 201, { properties: { email: 'assoc@example.com' }, associations: [] });
    const company = await call('POST', `${O}/companies`, 201, { properties: { name: 'Assoc Inc' }, associations: [] });
    const note = await call('POST', `${O}/notes`, 201, { properties: { hs_timestamp: '2026-11-25T09:00:00.000Z' }, associations: [] });
    const [c, co, n] = [idOf(contact), idOf(company), idOf(note)];
    await call('PUT', `${O}/contacts/${c}/associations/default/companies/${co}`, 200);
    await call('PUT', `${O}/contacts/${c}/associations/companies/${co}`, 201, [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }]);
    await call('PUT', `${O}/contacts/${c}/associations/companies/${co}`, 400, [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }]);
    await call('GET', `${O}/contacts/${c}/associations/companies`, 200);
    await call('GET', `${O}/contacts/${c}/associations/companies?limit=1`, 200);
    await call('POST', `${A}/notes/contacts/batch/create`, 200, { inputs: [{ from: { id: n }, to: { id: c }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }] });
    await call('POST', `${A}/notes/contacts/batch/create`, 207, {
      inputs: [
        { from: { id: n }, to: { id: c }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] },
        { from: { id: n }, to: { id: '987654321' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] },
      ],
    });
    await call('POST', `${A}/contacts/notes/batch/read`, 200, { inputs: [{ id: c }] });
    await call('POST', `${A}/contacts/notes/batch/read`, 207, { inputs: [{ id: c }, { id: co }] });
    await call('POST', `${A}/notes/companies/batch/associate/default`, 200, { inputs: [{ from: { id: n }, to: { id: co } }] });
    await call('POST', `${A}/contacts/companies/batch/labels/archive`, 200, { inputs: [{ from: { id: c }, to: { id: co }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }] });
    await call('POST', `${A}/notes/companies/batch/archive`, 200, { inputs: [{ from: { id: n }, to: [{ id: co }] }] });
    await call('GET', `${A}/contacts/companies/labels`, 200);
    await call('DELETE', `${O}/contacts/${c}/associations/companies/${co}`, 204);
  });

  it('custom object schemas and their records', async () => {
    const schema = await call('POST', '/crm-object-schemas/2026-09/schemas', 201, {
      name: 'routing_rule',
      labels: { singular: 'Routing rule', plural: 'Routing rules' },
      primaryDisplayProperty: 'rule_name',
      secondaryDisplayProperties: [],
      searchableProperties: ['rule_name'],
      requiredProperties: ['rule_name'],
      allowsSensitiveProperties: false,
      associatedObjects: ['CONTACT'],
      properties: [
        { name: 'rule_name', label: 'Rule name', type: 'string', fieldType: 'text' },
        { name: 'weight', label: 'Weight', type: 'number', fieldType: 'number' },
      ],
    });
    const type = String(schema.objectTypeId);
    await call('POST', '/crm-object-schemas/2026-09/schemas', 409, { name: 'routing_rule', labels: { singular: 'x', plural: 'y' }, properties: [{ name: 'a', label: 'A', type: 'string', fieldType: 'text' }] });
    await call('GET', '/crm-object-schemas/2026-09/schemas', 200);
    await call('GET', `/crm-object-schemas/2026-09/schemas/${type}`, 200);
    await call('GET', `/crm-object-schemas/2026-09/schemas/${String(schema.fullyQualifiedName)}?includePropertyDefinitions=false`, 200);
    await call('PATCH', `/crm-object-schemas/2026-09/schemas/${type}`, 200, { clearDescription: false, labels: { singular: 'Routing rule', plural: 'Routing rule set' }, secondaryDisplayProperties: ['weight'] });
    await call('GET', '/crm-object-schemas/2026-09/schemas/2-1', 404);
    const rec = await call('POST', `${O}/${type}`, 201, { properties: { rule_name: 'Enterprise', weight: '3' }, associations: [] });
    await call('POST', `${O}/${type}`, 400, { properties: { weight: '1' }, associations: [] });
    await call('GET', `${O}/${type}/${idOf(rec)}?properties=rule_name,weight`, 200);
    await call('PATCH', `${O}/${type}/${idOf(rec)}`, 200, { properties: { weight: '4' } });
    await call('GET', `${O}/${type}?limit=5`, 200);
    await call('POST', `${O}/${type}/search`, 200, { query: 'Enter', filterGroups: [], sorts: [], properties: ['rule_name'], limit: 5, after: '0' });
    await call('GET', `${P}/${type}`, 200);
  });
});
