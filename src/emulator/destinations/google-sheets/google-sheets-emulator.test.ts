/**
 * The Google Sheets emulator on its own, over raw HTTP: A1 ranges, the token endpoint's checks of the JWT assertion
 * (signed here with Node's crypto, independently of the connector), values get/update/append and the quotas.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { parseA1 } from './a1';
import { generateServiceAccount, startGoogleSheetsEmulator, SHEETS_SCOPE, type RunningGoogleSheetsEmulator, type TestServiceAccount } from './index';

let sa: TestServiceAccount;
let emu: RunningGoogleSheetsEmulator;
let now = Date.parse('2026-11-25T09:00:00Z');
const clock = { now: () => now };

beforeAll(async () => {
  sa = generateServiceAccount();
  emu = await startGoogleSheetsEmulator({ serviceAccounts: [sa], clock });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  now += 120_000;
  emu.faults.clear();
  emu.setQuota({ readsPerMinute: 60, writesPerMinute: 60 });
  emu.state.createSpreadsheet('book', { sheets: ['Contacts', "Bob's tab"] });
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function assertion(account: TestServiceAccount, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): string {
  const key = createPrivateKey((JSON.parse(account.json) as { private_key: string }).private_key);
  const iat = Math.floor(now / 1000);
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: account.keyId, ...header })}.${b64({ iss: account.clientEmail, scope: SHEETS_SCOPE, aud: emu.tokenUrl, iat, exp: iat + 3600, ...claims })}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}
async function token(jwt: string) {
  const res = await fetch(emu.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }).toString(),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
async function api(method: string, path: string, body?: unknown, bearer?: string) {
  const t = bearer ?? String((await token(assertion(sa))).json.access_token);
  const res = await fetch(`${emu.url}/v4/spreadsheets/book${path}`, {
    method,
    headers: { authorization: `Bearer ${t}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const range = (a1: string) => encodeURIComponent(a1);

describe('A1 notation', () => {
  test.each`
    text                    | expected
    ${'Contacts!A:H'}       | ${{ sheet: 'Contacts', startCol: 0, startRow: 0, endCol: 7, endRow: undefined }}
    ${"'Bob''s tab'!B2:C9"} | ${{ sheet: "Bob's tab", startCol: 1, startRow: 1, endCol: 2, endRow: 8 }}
    ${'Contacts!A5'}        | ${{ sheet: 'Contacts', startCol: 0, startRow: 4, endCol: 0, endRow: 4 }}
    ${'Contacts'}           | ${{ sheet: 'Contacts', startCol: 0, startRow: 0, endCol: undefined, endRow: undefined }}
    ${'Contacts!AA1:AB2'}   | ${{ sheet: 'Contacts', startCol: 26, startRow: 0, endCol: 27, endRow: 1 }}
    ${"'unclosed!A1"}       | ${null}
    ${'Contacts!A1:B2:C3'}  | ${null}
  `('$text', ({ text, expected }) => {
    expect(parseA1(text)).toEqual(expected);
  });
});

describe('the token endpoint checks the assertion', () => {
  it('issues a one-hour bearer token for a well-signed assertion', async () => {
    const r = await token(assertion(sa));
    expect(r).toMatchObject({ status: 200, json: { access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: 'Bearer' } });
  });

  test.each`
    what                   | make                                                                            | description
    ${'another key'}       | ${() => assertion(generateServiceAccount(sa.clientEmail), {}, { kid: sa.keyId })} | ${'Invalid JWT Signature.'}
    ${'an unknown account'} | ${() => assertion(generateServiceAccount('nobody@x.iam.gserviceaccount.com'))}  | ${'Invalid grant: account not found'}
    ${'an expired one'}    | ${() => assertion(sa, { iat: Math.floor(now / 1000) - 7200, exp: Math.floor(now / 1000) - 3600 })} | ${expect.stringContaining('short-lived token')}
    ${'a 2-hour one'}      | ${() => assertion(sa, { exp: Math.floor(now / 1000) + 7200 })}                 | ${expect.stringContaining('short-lived token')}
    ${'another audience'}  | ${() => assertion(sa, { aud: 'https://example.com/token' })}                   | ${expect.stringContaining('audience')}
    ${'a tampered claim'}  | ${() => { const [h, , s] = assertion(sa).split('.'); return `${h}.${b64({ iss: sa.clientEmail, scope: SHEETS_SCOPE, aud: emu.tokenUrl, iat: 1, exp: 2 })}.${s}`; }} | ${'Invalid JWT Signature.'}
  `('refuses $what with invalid_grant', async ({ make, description }) => {
    const r = await token((make as () => string)());
    expect(r).toMatchObject({ status: 400, json: { error: 'invalid_grant', error_description: description } });
  });

  it('refuses an assertion without the spreadsheets scope', async () => {
    expect(await token(assertion(sa, { scope: 'https://www.googleapis.com/auth/drive.readonly' }))).toMatchObject({ status: 400, json: { error: 'invalid_scope' } });
  });
});

describe('values', () => {
  it('an unknown or expired token is 401 UNAUTHENTICATED; an unshared book is 403', async () => {
    expect(await api('GET', `/values/${range('Contacts!A:B')}`, undefined, 'ya29.nope')).toMatchObject({ status: 401, json: { error: { code: 401, status: 'UNAUTHENTICATED' } } });
    emu.state.unshare('book', sa.clientEmail);
    expect(await api('GET', `/values/${range('Contacts!A:B')}`)).toMatchObject({ status: 403, json: { error: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' } } });
  });

  it('appends after the table, updates in place and reads rows with trailing blanks trimmed', async () => {
    emu.state.setRows('book', 'Contacts', [['id', 'email'], ['1', 'a@x.com']]);
    const appended = await api('POST', `/values/${range('Contacts!A:C')}:append?valueInputOption=RAW`, { values: [['2', 'b@x.com', ''], ['3', '=1+1']] });
    expect(appended).toMatchObject({ status: 200, json: { tableRange: "'Contacts'!A1:C2", updates: { updatedRange: "'Contacts'!A3:C4", updatedRows: 2 } } });
    const updated = await api('POST', '/values:batchUpdate', { valueInputOption: 'RAW', data: [{ range: 'Contacts!B2:B2', values: [['z@x.com']] }] });
    expect(updated).toMatchObject({ status: 200, json: { totalUpdatedCells: 1, responses: [{ updatedRange: "'Contacts'!B2:B2" }] } });
    const read = await api('GET', `/values/${range('Contacts!A:C')}`);
    expect(read.json.values).toEqual([['id', 'email'], ['1', 'z@x.com'], ['2', 'b@x.com'], ['3', '=1+1']]);
  });

  it('an empty tab reads without values; an unknown tab is "Unable to parse range"', async () => {
    expect((await api('GET', `/values/${range("'Bob''s tab'!A:C")}`)).json).not.toHaveProperty('values');
    expect(await api('GET', `/values/${range('Nope!A:C')}`)).toMatchObject({ status: 400, json: { error: { status: 'INVALID_ARGUMENT', message: 'Unable to parse range: Nope!A:C' } } });
  });

  it('valueInputOption is required on writes', async () => {
    expect(await api('POST', '/values:batchUpdate', { data: [] })).toMatchObject({ status: 400, json: { error: { message: "'valueInputOption' is required but not specified" } } });
  });

  it('counts write requests per user per minute: the next one is 429 RESOURCE_EXHAUSTED', async () => {
    emu.setQuota({ writesPerMinute: 2 });
    const t = String((await token(assertion(sa))).json.access_token);
    const write = () => api('POST', '/values:batchUpdate', { valueInputOption: 'RAW', data: [] }, t);
    expect((await write()).status).toBe(200);
    expect((await write()).status).toBe(200);
    const third = await write();
    expect(third).toMatchObject({ status: 429, json: { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: expect.stringContaining("'Write requests per minute per user'") } } });
    expect((await api('GET', `/values/${range('Contacts!A:B')}`, undefined, t)).status).toBe(200);
    now += 60_000;
    expect((await write()).status).toBe(200);
  });
});
