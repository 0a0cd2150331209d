import { err, ok, type Result } from '../../core/result';
import type { GoogleSheetsSettings, SheetTab } from '../../core/status/connector-config';
import type { SyncObjectType } from '../../core/status/config-schema';
import { ConnectorBase, valueOf, type ConnectorRuntimeOptions, type Stop } from '../base';
import type { CallOptions, ConnectorObjectType, DestinationFailure, ReadOutcome, RecordRef, SyncOutcome, SyncRecord } from '../connector';
import type { DestinationHttp, HttpRequest, HttpResult } from '../http/destination-http';
import { SlidingWindow } from '../http/pacing';
import { parseServiceAccount, signAssertion, type ServiceAccount } from './auth';
import { AppendSchema, TokenSchema, ValueRangeSchema, columnLetter, describeGoogleError, firstRowOf, googleStatusOf, quotedSheet } from './wire';

/** The secret holding the service account's JSON key file. */
export const GOOGLE_SERVICE_ACCOUNT_SECRET = 'GOOGLE_SERVICE_ACCOUNT_JSON';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
/** A token is renewed this long before it expires, so a request never carries one that lapses on the way. */
const TOKEN_MARGIN_MS = 60_000;
/** Google refuses longer cells. */
const MAX_CELL = 50_000;

export interface GoogleSheetsConnectorOptions extends ConnectorRuntimeOptions {
  /** The service account's JSON key file, as Google Cloud downloads it. */
  readonly serviceAccountJson: string;
  /** Validated with `GoogleSheetsSettingsSchema`. */
  readonly settings: GoogleSheetsSettings;
  /** Default Google's token endpoint; tests pass the emulator's. */
  readonly tokenUrl?: string;
}

interface Item {
  readonly index: number;
  readonly record: SyncRecord;
  /** The row as it should be: the HubSpot id, then the configured columns. */
  readonly row: readonly string[];
}

interface SheetRow {
  /** 1-based row number. */
  readonly row: number;
  readonly values: readonly string[];
}

interface TabContents {
  readonly rows: ReadonlyMap<string, SheetRow>;
  /** Rows the tab holds, headers included (0 = an empty tab). */
  readonly height: number;
}

const trimmed = (row: readonly string[]): string[] => {
  const out = [...row];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
};
const sameRow = (a: readonly string[], b: readonly string[]): boolean => {
  const x = trimmed(a);
  const y = trimmed(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};
const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

type Token = { readonly value: string; readonly fresh: boolean };

export class GoogleSheetsConnector extends ConnectorBase {
  readonly objectTypes: readonly ConnectorObjectType[];
  readonly secretNames = [GOOGLE_SERVICE_ACCOUNT_SECRET] as const;
  private readonly settings: GoogleSheetsSettings;
  private readonly account: Result<ServiceAccount, string>;
  private readonly tokenHttp: DestinationHttp;
  private readonly tokenUrl: string;
  private readonly reads: SlidingWindow;
  private readonly writes: SlidingWindow;
  private cached: { value: string; expiresAt: number } | null = null;
  private pendingToken: Promise<Result<Token, Stop | HttpResult>> | null = null;

  constructor(options: GoogleSheetsConnectorOptions) {
    super({ id: 'google_sheets', name: 'Google Sheets', kind: 'spreadsheet' }, 'https://sheets.googleapis.com', options);
    this.settings = options.settings;
    this.objectTypes = (['contacts', 'companies'] as const).filter((t) => options.settings.tabs[t] !== undefined);
    this.redactor.add(options.serviceAccountJson);
    this.account = parseServiceAccount(options.serviceAccountJson);
    if (this.account.ok) this.redactor.add(...this.account.value.secrets);
    this.tokenUrl = options.tokenUrl ?? GOOGLE_TOKEN_URL;
    const token = new URL(this.tokenUrl);
    this.tokenHttp = this.httpAt(token.origin);
    this.reads = new SlidingWindow(options.settings.readsPerMinute, 60_000);
    this.writes = new SlidingWindow(options.settings.writesPerMinute, 60_000);
  }

  private get spreadsheetLink(): string {
    return `https://docs.google.com/spreadsheets/d/${this.settings.spreadsheetId}/edit`;
  }

  private tabOf(objectType: ConnectorObjectType): SheetTab | undefined {
    return objectType === 'tickets' ? undefined : this.settings.tabs[objectType];
  }

  private rowOf(record: SyncRecord, tab: SheetTab): string[] {
    return [record.id, ...tab.columns.map((c) => valueOf(record.properties, typeof c === 'string' ? c : c.property))];
  }

  private headerOf(tab: SheetTab): string[] {
    return [tab.keyHeader, ...tab.columns.map((c) => (typeof c === 'string' ? c : c.header))];
  }

  /** `'Contacts'!A:H`: the key column and the configured ones. */
  private rangeOf(tab: SheetTab): string {
    return `${quotedSheet(tab.sheet)}!A:${columnLetter(1 + tab.columns.length)}`;
  }

  private externalIdOf(tab: SheetTab, row: number): string {
    return `${quotedSheet(tab.sheet)}!A${row}`;
  }

  // ---- access token --------------------------------------------------------------------------------------------

  /**
   * An access token: the cached one until a minute before it expires, else a new one from the JWT bearer grant.
   * Concurrent callers share one exchange. A refused key file is a destination failure; a lost or throttled
   * exchange is the HTTP result, which the caller turns into each record's retryable outcome.
   */
  private async token(deadline: number | undefined, forceNew = false): Promise<Result<Token, Stop | HttpResult>> {
    if (!this.account.ok) {
      return err(this.stopAll(this.destinationFailure('AUTH_REJECTED', `The value of ${GOOGLE_SERVICE_ACCOUNT_SECRET} ${this.account.error}, then retry.`, 'unreadable service account key')));
    }
    const now = this.clock.now();
    if (!forceNew && this.cached && now < this.cached.expiresAt - TOKEN_MARGIN_MS) return ok({ value: this.cached.value, fresh: false });
    if (forceNew) this.cached = null;
    this.pendingToken ??= this.exchange(this.account.value, deadline).finally(() => {
      this.pendingToken = null;
    });
    return this.pendingToken;
  }

  private async exchange(account: ServiceAccount, deadline: number | undefined): Promise<Result<Token, Stop | HttpResult>> {
    const assertion = signAssertion(account, this.tokenUrl, SHEETS_SCOPE, this.clock.now());
    const path = new URL(this.tokenUrl).pathname;
    const result = await this.tokenHttp.send(
      {
        operation: 'oauth.token',
        method: 'POST',
        path,
        pathTemplate: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
        // Asking for a token twice only yields two tokens.
        idempotent: true,
      },
      deadline,
    );
    if (result.kind === 'answer' && result.status === 200) {
      const token = TokenSchema.safeParse(result.json);
      if (!token.success) return err(result);
      this.redactor.add(token.data.access_token);
      this.cached = { value: token.data.access_token, expiresAt: this.clock.now() + token.data.expires_in * 1000 };
      return ok({ value: token.data.access_token, fresh: true });
    }
    if (result.kind === 'answer' && (result.status === 400 || result.status === 401)) {
      return err(this.stopAll(this.credentialsRejected(describeGoogleError(result), `the service account key (${account.clientEmail})`)));
    }
    return err(result);
  }

  /**
   * Sends a Sheets request with a token. A 401 on a cached token (revoked or expired early) gets one new token and
   * one more try; a 401 on a new token is a refused key.
   */
  private async send(build: (token: string) => HttpRequest, deadline: number | undefined): Promise<Result<HttpResult, Stop | HttpResult>> {
    for (let forceNew = false; ; forceNew = true) {
      const token = await this.token(deadline, forceNew);
      if (!token.ok) return token;
      const result = await this.http.send(build(token.value.value), deadline);
      if (result.kind === 'answer' && result.status === 401) {
        if (!token.value.fresh) continue;
        return err(this.stopAll(this.credentialsRejected(describeGoogleError(result), `the service account key (${this.account.ok ? this.account.value.clientEmail : ''})`)));
      }
      return ok(result);
    }
  }

  private sheetsRequest(operation: string, method: 'GET' | 'POST', path: string, pathTemplate: string, token: string, body: unknown, idempotent: boolean): HttpRequest {
    return {
      operation,
      method,
      path: `/v4/spreadsheets/${encodeURIComponent(this.settings.spreadsheetId)}${path}`,
      pathTemplate: `/v4/spreadsheets/{spreadsheetId}${pathTemplate}`,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      idempotent,
      window: method === 'GET' ? this.reads : this.writes,
    };
  }

  /** The stop for a failed Sheets call: problems of the spreadsheet or tab concern every record. */
  private stopForSheet(tab: SheetTab, record: RecordRef, result: HttpResult): Stop {
    if (result.kind === 'answer') {
      const raw = describeGoogleError(result);
      if (result.status === 404) {
        return this.stopAll(this.destinationFailure('CONFIG', `No spreadsheet with the id "${this.settings.spreadsheetId}" exists: check the connector's spreadsheetId, then retry.`, raw));
      }
      if (result.status === 400 && /unable to parse range/i.test(raw)) {
        return this.stopAll(this.destinationFailure('CONFIG', `The spreadsheet has no tab named "${tab.sheet}": add the tab or fix the tab name in the connector settings, then retry.`, raw));
      }
      if (result.status === 403 && googleStatusOf(result) === 'PERMISSION_DENIED') {
        const who = this.account.ok ? this.account.value.clientEmail : 'the service account';
        return this.stopAll(this.destinationFailure('PERMISSION_DENIED', `The service account ${who} may not edit the spreadsheet. Share the sheet with that address as an editor, then retry.`, raw));
      }
    }
    return this.stopFor(record, result, describeGoogleError);
  }

  private settleAll(items: readonly Item[], tab: SheetTab, problem: Stop | HttpResult, into: (SyncOutcome | undefined)[]): Result<true, DestinationFailure> {
    return this.settleEach(items, problem, into, (record, result) => this.stopForSheet(tab, record, result));
  }

  /** One read of the key column and the configured ones: every row of the tab by its HubSpot id. */
  private async readTab(tab: SheetTab, deadline: number | undefined): Promise<Result<TabContents, Stop | HttpResult>> {
    const range = this.rangeOf(tab);
    const sent = await this.send(
      (token) => this.sheetsRequest('values.get', 'GET', `/values/${encodeURIComponent(range)}?majorDimension=ROWS`, '/values/{range}', token, undefined, true),
      deadline,
    );
    if (!sent.ok) return sent;
    const result = sent.value;
    if (result.kind !== 'answer' || result.status !== 200) return err(result);
    const parsed = ValueRangeSchema.safeParse(result.json);
    if (!parsed.success) return err(result);
    const values = (parsed.data.values ?? []).map((row) => row.map((v) => String(v)));
    const rows = new Map<string, SheetRow>();
    values.forEach((row, i) => {
      const key = (row[0] ?? '').trim();
      if (key === '' || (tab.headerRow && i === 0) || rows.has(key)) return;
      rows.set(key, { row: i + 1, values: row });
    });
    return ok({ rows, height: values.length });
  }

  // ---- push ----------------------------------------------------------------------------------------------------

  async pushBatch(records: readonly SyncRecord[], call?: CallOptions): Promise<Result<readonly SyncOutcome[], DestinationFailure>> {
    const deadline = this.deadlineOf(call);
    const outcomes: (SyncOutcome | undefined)[] = new Array<SyncOutcome | undefined>(records.length).fill(undefined);
    const byType = new Map<SyncObjectType, Item[]>();
    records.forEach((record, index) => {
      const tab = this.tabOf(record.objectType);
      if (!tab || record.objectType === 'tickets') {
        outcomes[index] = this.unsupported(record);
        return;
      }
      const items = byType.get(record.objectType) ?? [];
      items.push({ index, record, row: this.rowOf(record, tab) });
      byType.set(record.objectType, items);
    });
    for (const [objectType, items] of byType) {
      const tab = this.settings.tabs[objectType];
      if (!tab) continue;
      const done = await this.pushTab(tab, items, deadline, outcomes);
      if (!done.ok) return done;
    }
    return ok(outcomes.map((o) => {
      if (!o) throw new Error('bug: a record got no outcome');
      return o;
    }));
  }

  private async pushTab(tab: SheetTab, all: readonly Item[], deadline: number | undefined, outcomes: (SyncOutcome | undefined)[]): Promise<Result<true, DestinationFailure>> {
    // The same record twice in one batch: its last values win, each copy gets the outcome.
    const latest = new Map<string, Item>();
    const items: Item[] = [];
    for (const item of all) {
      const long = item.row.findIndex((v) => v.length > MAX_CELL);
      if (long >= 0) {
        outcomes[item.index] = this.failed(
          item.record,
          `400 INVALID_ARGUMENT: Your input contains more than the maximum of ${MAX_CELL} characters in a single cell (column ${columnLetter(long + 1)}).`,
          false,
        );
        continue;
      }
      latest.set(item.record.id, item);
    }
    for (const item of all) if (latest.get(item.record.id) === item) items.push(item);
    const copies = all.filter((item) => outcomes[item.index] === undefined && latest.get(item.record.id) !== item);

    const read = await this.readTab(tab, deadline);
    if (!read.ok) return this.settleAll(items, tab, read.error, outcomes);
    const updates: { item: Item; row: number }[] = [];
    const appends: Item[] = [];
    for (const item of items) {
      const existing = read.value.rows.get(item.record.id);
      if (existing && sameRow(existing.values, item.row)) {
        outcomes[item.index] = this.inSync(item.record, this.externalIdOf(tab, existing.row), this.spreadsheetLink, false);
      } else if (existing) updates.push({ item, row: existing.row });
      else appends.push(item);
    }

    const updated = await this.update(tab, updates, deadline, outcomes);
    if (!updated.ok) return updated;
    const appended = await this.append(tab, appends, read.value.height === 0, deadline, outcomes);
    if (!appended.ok) return appended;
    for (const copy of copies) {
      const first = all.find((i) => latest.get(copy.record.id) === i);
      const outcome = first ? outcomes[first.index] : undefined;
      if (outcome) outcomes[copy.index] = outcome;
    }
    return ok(true);
  }

  /** Changed rows, rewritten in place (`values:batchUpdate`: the same values twice leave the same row). */
  private async update(tab: SheetTab, updates: readonly { item: Item; row: number }[], deadline: number | undefined, outcomes: (SyncOutcome | undefined)[]): Promise<Result<true, DestinationFailure>> {
    for (const chunk of chunks(updates, this.settings.maxRowsPerRequest)) {
      const last = columnLetter(1 + tab.columns.length);
      const body = {
        valueInputOption: 'RAW',
        data: chunk.map(({ item, row }) => ({ range: `${quotedSheet(tab.sheet)}!A${row}:${last}${row}`, majorDimension: 'ROWS', values: [item.row] })),
      };
      const sent = await this.send((token) => this.sheetsRequest('values.batchUpdate', 'POST', '/values:batchUpdate', '/values:batchUpdate', token, body, true), deadline);
      const items = chunk.map((c) => c.item);
      if (!sent.ok) {
        const settled = this.settleAll(items, tab, sent.error, outcomes);
        if (!settled.ok) return settled;
        continue;
      }
      const result = sent.value;
      if (result.kind === 'answer' && result.status === 200) {
        for (const { item, row } of chunk) outcomes[item.index] = this.inSync(item.record, this.externalIdOf(tab, row), this.spreadsheetLink, true);
        continue;
      }
      const settled = this.settleAll(items, tab, result, outcomes);
      if (!settled.ok) return settled;
    }
    return ok(true);
  }

  /**
   * New rows, added after the table (`values:append`). An append is not idempotent: repeated after a lost answer it
   * would add the rows twice. So after an answer that may have been applied (a 5xx, a timeout, a dropped
   * connection) the key column is read again; rows found are in sync, and only the missing ones are appended once
   * more. Rows still unknown when time runs out are `pending`: the next sync reads before it appends.
   */
  private async append(tab: SheetTab, appends: readonly Item[], isEmpty: boolean, deadline: number | undefined, outcomes: (SyncOutcome | undefined)[]): Promise<Result<true, DestinationFailure>> {
    let needsHeader = tab.headerRow && isEmpty;
    for (const chunk of chunks(appends, this.settings.maxRowsPerRequest)) {
      let missing: readonly Item[] = chunk;
      for (let round = 1; missing.length > 0; round++) {
        const header = needsHeader ? [this.headerOf(tab)] : [];
        const body = { majorDimension: 'ROWS', values: [...header, ...missing.map((i) => i.row)] };
        const range = encodeURIComponent(this.rangeOf(tab));
        const sent = await this.send(
          (token) => this.sheetsRequest('values.append', 'POST', `/values/${range}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`, '/values/{range}:append', token, body, false),
          deadline,
        );
        const result = sent.ok ? sent.value : null;
        if (result?.kind === 'answer' && result.status === 200) {
          const first = firstRowOf(AppendSchema.safeParse(result.json).data?.updates.updatedRange ?? '');
          needsHeader = false;
          missing.forEach((item, i) => {
            const row = first === null ? null : first + header.length + i;
            outcomes[item.index] = this.inSync(item.record, row === null ? item.record.id : this.externalIdOf(tab, row), this.spreadsheetLink, true);
          });
          break;
        }
        const isAmbiguous = result !== null && result.kind !== 'not_sent' && result.ambiguous;
        if (!isAmbiguous) {
          const settled = this.settleAll(missing, tab, sent.ok ? sent.value : sent.error, outcomes);
          if (!settled.ok) return settled;
          break;
        }
        // The rows may be there: look before appending again.
        const again = await this.readTab(tab, deadline);
        if (!again.ok) {
          for (const item of missing) outcomes[item.index] = this.pending(item.record, `${this.destination.name} did not confirm the new row, and it could not be checked in this call; the next sync looks for it before adding it.`);
          break;
        }
        needsHeader = tab.headerRow && again.value.height === 0;
        const stillMissing: Item[] = [];
        for (const item of missing) {
          const found = again.value.rows.get(item.record.id);
          if (found && sameRow(found.values, item.row)) outcomes[item.index] = this.inSync(item.record, this.externalIdOf(tab, found.row), this.spreadsheetLink, true);
          else if (found) outcomes[item.index] = this.pending(item.record, `The row changed in ${this.destination.name} while it was being written; the next sync compares it again.`);
          else stillMissing.push(item);
        }
        missing = stillMissing;
        if (round >= 2) {
          for (const item of missing) outcomes[item.index] = this.pending(item.record, `${this.destination.name} did not confirm the new row twice; the next sync looks for it before adding it.`);
          break;
        }
      }
    }
    return ok(true);
  }

  // ---- read ----------------------------------------------------------------------------------------------------

  async read(record: SyncRecord, call?: CallOptions): Promise<Result<ReadOutcome, DestinationFailure>> {
    const tab = this.tabOf(record.objectType);
    if (!tab) return ok(this.excludedCopy(record, this.unsupported(record).reason));
    const item: Item = { index: 0, record, row: this.rowOf(record, tab) };
    const read = await this.readTab(tab, this.deadlineOf(call));
    if (!read.ok) {
      const into: (SyncOutcome | undefined)[] = [undefined];
      const settled = this.settleAll([item], tab, read.error, into);
      if (!settled.ok) return settled;
      const outcome = into[0];
      if (outcome?.state === 'failed' || outcome?.state === 'pending') return ok(outcome);
      throw new Error('bug: a failed read settled as neither failed nor pending');
    }
    const found = read.value.rows.get(record.id);
    if (!found) return ok(this.judge(record, null));
    const fields: Record<string, string | null> = {};
    tab.columns.forEach((c, i) => {
      fields[typeof c === 'string' ? c : c.property] = found.values[i + 1] ?? null;
    });
    return ok(this.judge(record, { externalId: this.externalIdOf(tab, found.row), link: this.spreadsheetLink, fields, status: null, excludedReason: null }));
  }
}
