import { randomBytes } from 'node:crypto';
import { HttpError, REAL_CLOCK, handleOf, startDestinationServer, type Admission, type Clock, type EmulatorHandle, type Reply, type RequestContext } from '../common/server';
import { SlidingLimit } from '../common/window';
import { formatA1, parseA1, type A1Range } from './a1';
import { checkAssertion, keyOf, type TestServiceAccount } from './jwt';

export { generateServiceAccount, SHEETS_SCOPE, type TestServiceAccount } from './jwt';
export { columnName, parseA1 } from './a1';

/**
 * A local Google Sheets API v4 and Google's OAuth token endpoint, only what the Sheets connector uses:
 *   POST /token                                            JWT bearer grant → access token (1 hour)
 *   GET  /v4/spreadsheets/{id}/values/{range}              read a range (rows, trailing blanks trimmed)
 *   POST /v4/spreadsheets/{id}/values:batchUpdate          write ranges (valueInputOption required)
 *   POST /v4/spreadsheets/{id}/values/{range}:append       add rows after the table
 * Errors in Google's shape `{ error: { code, message, status } }`; a token only opens spreadsheets shared with its
 * service account (403 otherwise); per-user quotas of 60 read and 60 write requests per minute (429
 * RESOURCE_EXHAUSTED). Cells hold strings, as `valueInputOption=RAW` stores them.
 */

export interface GoogleSheetsEmulatorOptions {
  /** Service accounts whose assertions the token endpoint accepts (public halves). */
  readonly serviceAccounts?: readonly Pick<TestServiceAccount, 'clientEmail' | 'keyId' | 'publicKeyPem'>[];
  readonly clock?: Clock;
  readonly readsPerMinute?: number;
  readonly writesPerMinute?: number;
  readonly latencyMs?: number;
  readonly port?: number;
}

export interface SheetsState {
  /** Creates (or replaces) a spreadsheet with empty tabs, shared with the given service accounts as editors. */
  createSpreadsheet(id: string, options: { sheets: readonly string[]; editors?: readonly string[] }): void;
  share(id: string, email: string): void;
  unshare(id: string, email: string): void;
  /** A tab's rows as stored (trailing empty cells trimmed). */
  rows(id: string, sheet: string): string[][];
  /** The first row whose column A equals `key`, with its 1-based row number. */
  rowByKey(id: string, sheet: string, key: string): { row: number; values: string[] } | undefined;
  /** Replaces a tab's rows (a person editing the sheet). */
  setRows(id: string, sheet: string, rows: readonly (readonly string[])[]): void;
  /** Makes every issued access token invalid (a revoked key) or expired. */
  revokeTokens(): void;
  tokensIssued(): number;
}

export interface RunningGoogleSheetsEmulator extends EmulatorHandle {
  /** Where the connector exchanges its assertion: `${url}/token`. */
  readonly tokenUrl: string;
  readonly state: SheetsState;
  /** Lowers or raises the per-minute quotas (tests of pacing). */
  setQuota(quota: { readsPerMinute?: number; writesPerMinute?: number }): void;
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const MESSAGES: Readonly<Record<number, string>> = {
  401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  500: 'Internal error encountered.',
  502: 'The service is currently unavailable.',
  503: 'The service is currently unavailable.',
  504: 'The service is currently unavailable.',
};

const googleError = (code: number, message: string): Reply => ({ status: code, body: { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN' } } });
const fail = (code: number, message: string): never => {
  throw new HttpError(googleError(code, message));
};

const quotaMessage = (kind: 'Read' | 'Write') =>
  `Quota exceeded for quota metric '${kind} requests' and limit '${kind} requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:100000000001'.`;

interface Spreadsheet {
  readonly sheets: Map<string, string[][]>;
  readonly editors: Set<string>;
}

const trimRow = (row: readonly string[]): string[] => {
  const out = [...row];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
};

export async function startGoogleSheetsEmulator(options: GoogleSheetsEmulatorOptions = {}): Promise<RunningGoogleSheetsEmulator> {
  const clock = options.clock ?? REAL_CLOCK;
  const accounts = (options.serviceAccounts ?? []).map(keyOf);
  const spreadsheets = new Map<string, Spreadsheet>();
  const tokens = new Map<string, { email: string; expiresAt: number }>();
  let issued = 0;
  const reads = new SlidingLimit(options.readsPerMinute ?? 60, 60_000);
  const writes = new SlidingLimit(options.writesPerMinute ?? 60, 60_000);
  let tokenUrl = '';

  const tokenEndpoint = (ctx: RequestContext): Reply => {
    const form = new URLSearchParams(ctx.text);
    if (!/^application\/x-www-form-urlencoded/i.test(String(ctx.headers['content-type'] ?? ''))) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'Bad Request' } };
    }
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.get('grant_type') ?? ''}` } };
    }
    const checked = checkAssertion(form.get('assertion') ?? '', accounts, [tokenUrl, 'https://oauth2.googleapis.com/token'], clock.now());
    if (!checked.ok) return { status: 400, body: { error: checked.error, error_description: checked.description } };
    const accessToken = `ya29.emu-${randomBytes(24).toString('base64url')}`;
    tokens.set(accessToken, { email: checked.clientEmail, expiresAt: clock.now() + 3_600_000 });
    issued += 1;
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  };

  /** The spreadsheet and the caller's right to it. */
  const open = (ctx: RequestContext): Spreadsheet => {
    const book = spreadsheets.get(ctx.params.id ?? '');
    if (!book) return fail(404, 'Requested entity was not found.');
    if (!book.editors.has(ctx.principal)) return fail(403, 'The caller does not have permission');
    return book;
  };

  const tabOf = (book: Spreadsheet, rangeText: string): { range: A1Range; rows: string[][] } => {
    const range = parseA1(rangeText);
    const rows = range ? book.sheets.get(range.sheet) : undefined;
    if (!range || !rows) return fail(400, `Unable to parse range: ${rangeText}`);
    return { range, rows };
  };

  /** The part of the URL after `/values/`, decoded, and the `:append` suffix if any. */
  const valuesPath = (ctx: RequestContext): { range: string; verb: string | undefined } => {
    const path = ctx.rawUrl.split('?')[0] ?? '';
    const after = decodeURIComponent(path.slice(path.indexOf('/values/') + '/values/'.length));
    const m = /^(.*):(append|clear)$/.exec(after);
    return m ? { range: m[1] ?? '', verb: m[2] } : { range: after, verb: undefined };
  };

  const jsonBody = (ctx: RequestContext): Record<string, unknown> => {
    try {
      const v = JSON.parse(ctx.text) as unknown;
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // answered below
    }
    return fail(400, `Invalid JSON payload received. Unexpected token.`);
  };

  const cellsOf = (raw: unknown): string[][] => {
    if (!Array.isArray(raw)) return fail(400, "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue)");
    return raw.map((row) => {
      if (!Array.isArray(row)) return fail(400, "Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue)");
      return row.map((cell) => {
        const text = cell === null || cell === undefined ? '' : String(cell);
        if (text.length > 50_000) fail(400, 'Your input contains more than the maximum of 50000 characters in a single cell.');
        return text;
      });
    });
  };

  const requireInputOption = (value: unknown) => {
    if (value !== 'RAW' && value !== 'USER_ENTERED') fail(400, "'valueInputOption' is required but not specified");
  };

  const writeCells = (rows: string[][], startRow: number, startCol: number, cells: string[][]) => {
    while (rows.length < startRow + cells.length) rows.push([]);
    cells.forEach((values, r) => {
      const target = [...(rows[startRow + r] ?? [])];
      values.forEach((v, c) => {
        while (target.length < startCol + c) target.push('');
        target[startCol + c] = v;
      });
      rows[startRow + r] = trimRow(target);
    });
  };

  const getValues = (ctx: RequestContext): Reply => {
    const book = open(ctx);
    const { range: text } = valuesPath(ctx);
    const { range, rows } = tabOf(book, text);
    const endRow = range.endRow ?? rows.length - 1;
    const endCol = range.endCol;
    const out: string[][] = [];
    for (let r = range.startRow; r <= endRow && r < rows.length; r++) out.push(trimRow((rows[r] ?? []).slice(range.startCol, endCol === undefined ? undefined : endCol + 1)));
    while (out.length > 0 && (out[out.length - 1]?.length ?? 0) === 0) out.pop();
    const lastCol = endCol ?? Math.max(range.startCol, ...out.map((r) => range.startCol + r.length - 1));
    return {
      status: 200,
      body: {
        range: formatA1(range.sheet, range.startCol, range.startRow, lastCol, range.endRow ?? Math.max(range.startRow, rows.length - 1)),
        majorDimension: 'ROWS',
        ...(out.length > 0 ? { values: out } : {}),
      },
    };
  };

  const batchUpdate = (ctx: RequestContext): Reply => {
    const book = open(ctx);
    const body = jsonBody(ctx);
    requireInputOption(body.valueInputOption);
    const data = Array.isArray(body.data) ? (body.data as Record<string, unknown>[]) : [];
    // Validate everything first: the API applies all ranges or none.
    const planned = data.map((d) => {
      const { range, rows } = tabOf(book, String(d.range ?? ''));
      return { range, rows, cells: cellsOf(d.values) };
    });
    const responses = planned.map(({ range, rows, cells }) => {
      writeCells(rows, range.startRow, range.startCol, cells);
      const width = Math.max(0, ...cells.map((c) => c.length));
      return {
        spreadsheetId: ctx.params.id,
        updatedRange: formatA1(range.sheet, range.startCol, range.startRow, range.startCol + Math.max(0, width - 1), range.startRow + Math.max(0, cells.length - 1)),
        updatedRows: cells.length,
        updatedColumns: width,
        updatedCells: cells.reduce((n, c) => n + c.length, 0),
      };
    });
    return {
      status: 200,
      body: {
        spreadsheetId: ctx.params.id,
        totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
        totalUpdatedColumns: Math.max(0, ...responses.map((r) => r.updatedColumns)),
        totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
        totalUpdatedSheets: new Set(planned.map((p) => p.range.sheet)).size,
        responses,
      },
    };
  };

  const append = (ctx: RequestContext): Reply => {
    const book = open(ctx);
    const { range: text, verb } = valuesPath(ctx);
    if (verb !== 'append') return fail(404, 'Requested entity was not found.');
    requireInputOption(ctx.query.valueInputOption);
    const { range, rows } = tabOf(book, text);
    const cells = cellsOf(jsonBody(ctx).values);
    // The table: every row up to the last one with a value in the range's columns; new rows go right after it.
    let last = -1;
    rows.forEach((row, i) => {
      const part = row.slice(range.startCol, range.endCol === undefined ? undefined : range.endCol + 1);
      if (part.some((v) => v !== '')) last = i;
    });
    const start = last + 1;
    writeCells(rows, start, range.startCol, cells);
    const width = Math.max(1, ...cells.map((c) => c.length));
    return {
      status: 200,
      body: {
        spreadsheetId: ctx.params.id,
        ...(last >= 0 ? { tableRange: formatA1(range.sheet, range.startCol, 0, range.startCol + width - 1, last) } : {}),
        updates: {
          spreadsheetId: ctx.params.id,
          updatedRange: formatA1(range.sheet, range.startCol, start, range.startCol + width - 1, start + cells.length - 1),
          updatedRows: cells.length,
          updatedColumns: width,
          updatedCells: cells.reduce((n, c) => n + c.length, 0),
        },
      },
    };
  };

  const server = await startDestinationServer(
    {
      clock,
      ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
      publicUrls: ['/token'],
      faultBody: (status) => googleError(status, MESSAGES[status] ?? (status === 429 ? quotaMessage('Write') : 'Error')).body,
      authenticate: (req) => {
        const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? '').trim());
        if (!m?.[1]) return { refuse: googleError(403, 'The request is missing a valid API key.') };
        const token = tokens.get(m[1]);
        if (!token || token.expiresAt <= clock.now()) return { refuse: googleError(401, MESSAGES[401] as string) };
        return { principal: token.email };
      },
      admit: (principal, ctx): Admission => {
        const isWrite = ctx.method !== 'GET';
        const verdict = (isWrite ? writes : reads).take(principal, clock.now());
        return verdict.ok ? {} : { refuse: googleError(429, quotaMessage(isWrite ? 'Write' : 'Read')) };
      },
      echoBody: (status, req) => googleError(status, `Invalid credentials: ${String(req.headers.authorization ?? '')}`).body,
    },
    [
      { method: 'POST', url: '/token', operation: 'oauth.token', handler: tokenEndpoint },
      { method: 'GET', url: '/v4/spreadsheets/:id/values/*', operation: 'values.get', handler: getValues },
      { method: 'POST', url: '/v4/spreadsheets/:id/values::batchUpdate', operation: 'values.batchUpdate', handler: batchUpdate },
      { method: 'POST', url: '/v4/spreadsheets/:id/values/*', operation: 'values.append', handler: append },
    ],
    options.port ?? 0,
  );
  tokenUrl = `${server.url}/token`;

  const bookOf = (id: string): Spreadsheet => {
    const book = spreadsheets.get(id);
    if (!book) throw new Error(`no spreadsheet ${id}`);
    return book;
  };
  const tab = (id: string, sheet: string): string[][] => {
    const rows = bookOf(id).sheets.get(sheet);
    if (!rows) throw new Error(`no tab ${sheet} in ${id}`);
    return rows;
  };

  const state: SheetsState = {
    createSpreadsheet: (id, o) => {
      spreadsheets.set(id, { sheets: new Map(o.sheets.map((s) => [s, []])), editors: new Set(o.editors ?? accounts.map((a) => a.clientEmail)) });
    },
    share: (id, email) => void bookOf(id).editors.add(email),
    unshare: (id, email) => void bookOf(id).editors.delete(email),
    rows: (id, sheet) => tab(id, sheet).map((r) => [...r]),
    rowByKey: (id, sheet, key) => {
      const rows = tab(id, sheet);
      const i = rows.findIndex((r) => r[0] === key);
      return i < 0 ? undefined : { row: i + 1, values: [...(rows[i] ?? [])] };
    },
    setRows: (id, sheet, rows) => {
      bookOf(id).sheets.set(sheet, rows.map((r) => trimRow([...r])));
    },
    revokeTokens: () => tokens.clear(),
    tokensIssued: () => issued,
  };

  return {
    ...handleOf(server),
    tokenUrl,
    state,
    setQuota: (q) => {
      if (q.readsPerMinute !== undefined) reads.max = q.readsPerMinute;
      if (q.writesPerMinute !== undefined) writes.max = q.writesPerMinute;
    },
  };
}
