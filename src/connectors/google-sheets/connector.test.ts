/**
 * The Google Sheets connector against the local Sheets emulator and its token endpoint, over HTTP. The service
 * account is generated for the test run; the emulator verifies each assertion with its public key. Time is virtual.
 */
import { GoogleSheetsSettingsSchema, type GoogleSheetsSettingsInput } from '../../core/status/connector-config';
import { generateServiceAccount, startGoogleSheetsEmulator, type RunningGoogleSheetsEmulator, type TestServiceAccount } from '../../emulator/destinations/google-sheets';
import { VirtualClock } from '../../testing/clock';
import type { SyncOutcome, SyncRecord } from '../connector';
import type { ConnectorRequestEvent } from '../http/destination-http';
import { GoogleSheetsConnector, type GoogleSheetsConnectorOptions } from './connector';

const SHEET = 'sheet-lead-ops-0001';
let sa: TestServiceAccount;
let emu: RunningGoogleSheetsEmulator;
let clock: VirtualClock;

beforeAll(async () => {
  sa = generateServiceAccount();
  clock = new VirtualClock();
  emu = await startGoogleSheetsEmulator({ serviceAccounts: [sa], clock });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  // A minute later than any earlier test: the per-minute quotas start empty.
  clock.advance(120_000);
  emu.faults.clear();
  emu.setQuota({ readsPerMinute: 60, writesPerMinute: 60 });
  emu.state.createSpreadsheet(SHEET, { sheets: ['Contacts', 'Companies'] });
  emu.clearRequestLog();
});

const SETTINGS: GoogleSheetsSettingsInput = {
  type: 'google_sheets',
  spreadsheetId: SHEET,
  tabs: {
    contacts: { sheet: 'Contacts', columns: ['email', { property: 'firstname', header: 'First name' }, 'lastname'] },
    companies: { sheet: 'Companies', columns: ['name', 'domain'], keyHeader: 'Company id' },
  },
};

type Over = Omit<Partial<GoogleSheetsConnectorOptions>, 'settings'> & { settings?: Partial<GoogleSheetsSettingsInput> };

function connector(over: Over = {}) {
  const events: ConnectorRequestEvent[] = [];
  const { settings, ...rest } = over;
  const c = new GoogleSheetsConnector({
    serviceAccountJson: sa.json,
    baseUrl: emu.url,
    tokenUrl: emu.tokenUrl,
    clock,
    random: () => 0.5,
    requestTimeoutMs: 400,
    onRequest: (e) => events.push(e),
    settings: GoogleSheetsSettingsSchema.parse({ ...SETTINGS, ...settings }),
    ...rest,
  });
  return { c, events };
}

const contact = (id: string, email: string, firstname = 'First', lastname = 'Last'): SyncRecord => ({ objectType: 'contacts', id, properties: { email, firstname, lastname } });
const people = (n: number, from = 1) => Array.from({ length: n }, (_, i) => contact(String(from + i), `p${from + i}@example.com`, `P${from + i}`));

async function batch(c: GoogleSheetsConnector, records: readonly SyncRecord[], deadline?: number): Promise<readonly SyncOutcome[]> {
  const r = await c.pushBatch(records, deadline === undefined ? undefined : { deadline });
  if (!r.ok) throw new Error(`destination failure: ${r.error.message}`);
  return r.value;
}

const ops = () => emu.requestLog().map((e) => `${e.operation}:${e.status}`);
const rows = (sheet = 'Contacts') => emu.state.rows(SHEET, sheet);

describe('one row per record, keyed by the HubSpot id in column A', () => {
  it('appends new records under a header row in one request after one read', async () => {
    const { c } = connector();
    const out = await batch(c, people(3));
    expect(out.map((o) => o.state)).toEqual(['in_sync', 'in_sync', 'in_sync']);
    expect(out[0]).toMatchObject({ externalId: "'Contacts'!A2", written: true, link: `https://docs.google.com/spreadsheets/d/${SHEET}/edit` });
    expect(out[2]).toMatchObject({ externalId: "'Contacts'!A4" });
    expect(rows()).toEqual([
      ['HubSpot ID', 'email', 'First name', 'lastname'],
      ['1', 'p1@example.com', 'P1', 'Last'],
      ['2', 'p2@example.com', 'P2', 'Last'],
      ['3', 'p3@example.com', 'P3', 'Last'],
    ]);
    expect(ops()).toEqual(['oauth.token:200', 'values.get:200', 'values.append:200']);
  });

  it('updates changed rows in place with one batchUpdate and appends only new ones', async () => {
    const { c } = connector();
    await batch(c, people(3));
    emu.clearRequestLog();
    const out = await batch(c, [contact('2', 'p2@example.com', 'Paula'), contact('1', 'p1@example.com', 'P1'), contact('9', 'p9@example.com', 'P9')]);
    expect(out.map((o) => (o.state === 'in_sync' ? o.written : o.state))).toEqual([true, false, true]);
    expect(ops()).toEqual(['values.get:200', 'values.batchUpdate:200', 'values.append:200']);
    const update = JSON.parse(emu.requestLog()[1]?.body ?? '{}') as { data: { range: string }[]; valueInputOption: string };
    expect(update).toMatchObject({ valueInputOption: 'RAW', data: [{ range: "'Contacts'!A3:D3" }] });
    expect(rows()[2]).toEqual(['2', 'p2@example.com', 'Paula', 'Last']);
    expect(rows()[4]).toEqual(['9', 'p9@example.com', 'P9', 'Last']);
  });

  it('writes nothing on a second push of unchanged data (one read, no write)', async () => {
    const { c } = connector();
    await batch(c, people(5));
    emu.clearRequestLog();
    const out = await batch(c, people(5));
    expect(out.every((o) => o.state === 'in_sync' && !o.written)).toBe(true);
    expect(ops()).toEqual(['values.get:200']);
  });

  it('keeps contacts and companies in their own tabs; tickets are excluded', async () => {
    const { c } = connector();
    const out = await batch(c, [contact('1', 'a@example.com'), { objectType: 'companies', id: '77', properties: { name: 'Acme', domain: 'acme.test' } }, { objectType: 'tickets', id: '5', properties: {} }]);
    expect(out.map((o) => o.state)).toEqual(['in_sync', 'in_sync', 'excluded']);
    expect(rows('Companies')).toEqual([
      ['Company id', 'name', 'domain'],
      ['77', 'Acme', 'acme.test'],
    ]);
  });

  it('a record listed twice in one batch is written once, with its last values', async () => {
    const { c } = connector();
    const out = await batch(c, [contact('1', 'a@example.com', 'Old'), contact('1', 'a@example.com', 'New')]);
    expect(out.map((o) => o.state)).toEqual(['in_sync', 'in_sync']);
    expect(rows().slice(1)).toEqual([['1', 'a@example.com', 'New', 'Last']]);
  });

  it('refuses a cell over 50,000 characters for that record alone', async () => {
    const { c } = connector();
    const out = await batch(c, [contact('1', 'a@example.com', 'x'.repeat(50_001)), contact('2', 'b@example.com')]);
    expect(out[0]).toMatchObject({ state: 'failed', retryable: false, error: { ruleId: 'sheet_cell_too_long' } });
    expect(out[1]).toMatchObject({ state: 'in_sync' });
  });
});

describe('service account authentication', () => {
  it('exchanges a signed assertion once and reuses the token until shortly before it expires', async () => {
    const { c } = connector();
    const before = emu.state.tokensIssued();
    await batch(c, people(1));
    await batch(c, people(1, 2));
    expect(emu.state.tokensIssued() - before).toBe(1);
    clock.advance(3_600_000 - 30_000);
    await batch(c, people(1, 3));
    expect(emu.state.tokensIssued() - before).toBe(2);
  });

  it('a token revoked early is renewed once and the request repeated', async () => {
    const { c } = connector();
    await batch(c, people(1));
    emu.state.revokeTokens();
    emu.clearRequestLog();
    const out = await batch(c, people(1, 2));
    expect(out[0]?.state).toBe('in_sync');
    expect(ops()).toEqual(['values.get:401', 'oauth.token:200', 'values.get:200', 'values.append:200']);
  });

  it('a key the token endpoint does not accept (wrong signature) fails the destination once, naming the secret', async () => {
    const other = generateServiceAccount(sa.clientEmail);
    const { c } = connector({ serviceAccountJson: other.json });
    const r = await c.pushBatch(people(4));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'AUTH_REJECTED', secretNames: ['GOOGLE_SERVICE_ACCOUNT_JSON'], raw: '400 invalid_grant: Invalid JWT Signature.' });
    expect(r.error.message).toContain('GOOGLE_SERVICE_ACCOUNT_JSON');
    expect(ops()).toEqual(['oauth.token:400']);
  });

  test.each`
    what                    | json
    ${'not JSON'}           | ${'{"type": "service_account", oops'}
    ${'not a service key'}  | ${'{"type":"authorized_user","client_id":"1"}'}
    ${'an unreadable key'}  | ${'{"type":"service_account","client_email":"x@y.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n"}'}
  `('a secret that is $what fails the destination before any request, without quoting it', async ({ json }) => {
    const { c } = connector({ serviceAccountJson: json });
    const r = await c.push(contact('1', 'a@example.com'));
    expect(r.ok ? null : r.error).toMatchObject({ code: 'AUTH_REJECTED', message: expect.stringContaining('GOOGLE_SERVICE_ACCOUNT_JSON') });
    expect(JSON.stringify(r)).not.toContain('BEGIN PRIVATE KEY');
    expect(emu.requestLog()).toHaveLength(0);
  });
});

describe('problems of the whole sheet', () => {
  it('a sheet not shared with the service account: one PERMISSION_DENIED naming the address to share with', async () => {
    emu.state.unshare(SHEET, sa.clientEmail);
    const { c } = connector();
    const r = await c.pushBatch(people(3));
    expect(r.ok ? null : r.error).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining(sa.clientEmail) });
  });

  test.each`
    settings                                                                                   | fragment
    ${{ spreadsheetId: 'no-such-sheet-0000' }}                                                 | ${'no-such-sheet-0000'}
    ${{ tabs: { contacts: { sheet: 'Leads', columns: ['email'] } } }}                          | ${'no tab named "Leads"'}
  `('a wrong setting is one CONFIG failure ($fragment)', async ({ settings, fragment }) => {
    const { c } = connector({ settings });
    const r = await c.pushBatch(people(2));
    expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining(fragment) });
  });
});

describe('lost answers never duplicate a row', () => {
  test.each`
    fault                                                  | label
    ${{ kind: 'lost' }}                                    | ${'a dropped connection after the append was applied'}
    ${{ kind: 'status', status: 503, when: 'after' }}      | ${'a 503 after the append was applied'}
  `('$label: the key column is read again and nothing is appended twice', async ({ fault }) => {
    emu.faults.inject(fault, { path: /:append$/ });
    const { c } = connector();
    const out = await batch(c, people(3), clock.now() + 9_000);
    expect(out.map((o) => o.state)).toEqual(['in_sync', 'in_sync', 'in_sync']);
    expect(rows()).toHaveLength(4);
    expect(ops().filter((o) => o.startsWith('values.append'))).toHaveLength(1);
    expect(ops().slice(-1)).toEqual(['values.get:200']);
  });

  it('a 503 before anything was applied: the re-read finds nothing and the rows are appended once', async () => {
    emu.faults.inject({ kind: 'status', status: 503 }, { path: /:append$/ });
    const { c } = connector();
    const out = await batch(c, people(2), clock.now() + 9_000);
    expect(out.map((o) => o.state)).toEqual(['in_sync', 'in_sync']);
    expect(rows()).toHaveLength(3);
    expect(ops()).toEqual(['oauth.token:200', 'values.get:200', 'values.append:503', 'values.get:200', 'values.append:200']);
  });

  it('when the sheet cannot be checked again in time the rows are pending, not appended blindly', async () => {
    const { c } = connector();
    await batch(c, people(1, 50)); // token and header row in place
    emu.faults.inject({ kind: 'latency', ms: 0 }, { method: 'GET' }); // the first read goes through
    emu.faults.inject({ kind: 'timeout' }, { path: /:append$/ });
    emu.faults.inject({ kind: 'status', status: 503 }, { method: 'GET' }, 10);
    const out = await batch(c, people(2), clock.now() + 9_000);
    expect(out.map((o) => o.state)).toEqual(['pending', 'pending']);
    expect(out[0]).toMatchObject({ reason: expect.stringContaining('looks for it before adding it') });
    expect(ops().filter((o) => o.startsWith('values.append'))).toEqual(['values.append:200', 'values.append:0']);
  });
});

describe('the per-minute write quota', () => {
  it('paces writes under the configured quota; a wait past the deadline leaves the records pending', async () => {
    const { c } = connector({ settings: { writesPerMinute: 2 } });
    await batch(c, people(1, 1));
    await batch(c, people(1, 2));
    const start = clock.now();
    const out = await batch(c, people(1, 3), start + 9_000);
    expect(out[0]).toMatchObject({ state: 'pending', retryAfterSeconds: expect.any(Number) });
    expect(clock.now()).toBe(start);
    expect(ops().filter((o) => o.startsWith('values.append'))).toHaveLength(2);
  });

  it('without a deadline (the CLI) it waits for the quota and goes on', async () => {
    const { c } = connector({ settings: { writesPerMinute: 2 }, pacing: 'bulk' });
    await batch(c, people(1, 1));
    await batch(c, people(1, 2));
    const start = clock.now();
    const out = await batch(c, people(1, 3));
    expect(out[0]?.state).toBe('in_sync');
    expect(clock.now() - start).toBeGreaterThanOrEqual(50_000);
    expect(emu.requestLog().some((e) => e.status === 429)).toBe(false);
  });

  it('a 429 from a quota used up elsewhere is retried with backoff, then answered retryable with the quota hint', async () => {
    const { c } = connector();
    await batch(c, people(1, 1));
    emu.setQuota({ writesPerMinute: 1 });
    const out = await batch(c, people(1, 2), clock.now() + 9_000);
    expect(out[0]).toMatchObject({ state: 'failed', retryable: true, error: { ruleId: 'sheet_quota', raw: expect.stringMatching(/^429 RESOURCE_EXHAUSTED: Quota exceeded/) } });
    // A 429 means nothing was applied: no re-read, and the row is not there.
    expect(rows()).toHaveLength(2);
  });
});

describe('credentials never leave the connector', () => {
  it('an error body echoing the Authorization header is redacted; the private key never appears', async () => {
    emu.faults.inject({ kind: 'echo', status: 400 }, { method: 'GET' });
    const { c, events } = connector();
    const out = await batch(c, people(1));
    expect(out[0]?.state).toBe('failed');
    const text = JSON.stringify({ out, events });
    expect(text).not.toMatch(/ya29\./);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).toContain('[redacted]');
  });
});

describe('read: the row the sheet holds', () => {
  it('never_synced, in_sync, then out_of_date after a person edits the row', async () => {
    const { c } = connector();
    const ada = contact('1', 'ada@example.com', 'Ada', 'Lovelace');
    expect(await c.read(ada)).toMatchObject({ ok: true, value: { state: 'never_synced' } });
    await batch(c, [ada]);
    expect(await c.read(ada)).toMatchObject({ ok: true, value: { state: 'in_sync', externalId: "'Contacts'!A2" } });
    emu.state.setRows(SHEET, 'Contacts', [rows()[0] ?? [], ['1', 'ada@example.com', 'Augusta', 'Lovelace']]);
    expect(await c.read(ada)).toMatchObject({ ok: true, value: { state: 'out_of_date', differences: ['firstname'], fields: { firstname: 'Augusta' } } });
  });
});
