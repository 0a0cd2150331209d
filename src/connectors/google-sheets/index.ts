/**
 * Google Sheets: one row per HubSpot record in a tab per object type (Sheets API v4).
 *
 * What it does. Column A holds the HubSpot record id (the key); the configured properties follow in order
 * (`GoogleSheetsSettingsSchema`: `spreadsheetId`, `tabs.contacts` / `tabs.companies` with `sheet`, `columns`,
 * `headerRow`, `keyHeader`). A batch costs one read of the tab's key column and configured columns
 * (`values.get` on `'Tab'!A:<last>`), then at most one write for changed rows, rewritten in place
 * (`values:batchUpdate`), and one for new rows (`values:append`), each carrying up to `maxRowsPerRequest` rows.
 * Rows that already hold the record's values are not written: a second push of unchanged data is one read. Values
 * are written `RAW`: a HubSpot value starting with "=" stays text, never a formula. The header row is written when
 * the tab is empty. A cell over 50,000 characters (Google's limit) fails that record alone.
 *
 * Exactly once. An update is idempotent and is retried after a 5xx or a timeout. An append is not: after an answer
 * that may have been applied (5xx, timeout, dropped connection) the connector reads the key column again, reports
 * the rows it finds as in sync, and appends only the missing ones, once more at most; rows it still cannot confirm
 * are `pending` and the next sync reads before it appends. Two instances appending the same new record at the same
 * moment can still both append; the key lookup then keeps using the first row.
 *
 * Quotas. Google allows 60 read and 60 write requests per minute per user (here the service account) and 300 per
 * minute per project; a request may carry many rows. The connector keeps its own sliding minute per instance
 * (`readsPerMinute`, `writesPerMinute`, both at most 60) and waits for a slot only while the caller's deadline
 * allows; otherwise the records come back `pending` with the wait. 429 RESOURCE_EXHAUSTED from quota used
 * elsewhere is retried with backoff inside the deadline, then answered retryable.
 *
 * Credentials. One secret, `GOOGLE_SERVICE_ACCOUNT_JSON`: the service account's JSON key file. The connector signs
 * an RS256 JWT assertion (iss = the account's email, scope `https://www.googleapis.com/auth/spreadsheets`, one hour)
 * and exchanges it at `https://oauth2.googleapis.com/token` (JWT bearer grant) for an access token, cached per
 * connector instance until a minute before it expires; concurrent calls share one exchange. A 401 on a cached token
 * gets one new token; a refused assertion (`invalid_grant`) is one `AUTH_REJECTED` naming the secret. The sheet must
 * be shared with the account's email as an editor (403 otherwise, reported once with that address).
 *
 * Library. Google's clients do not fit a function bundle: `@googleapis/sheets` 18.1.1 and `googleapis` 188 declare
 * Node ≥ 22 (the project runs on 20 to 24); `@googleapis/sheets` installs 91 packages (21 MB) and bundles to 371 KB
 * minified; `google-auth-library` 11.3.4, needed for the service account, installs 23 packages (12 MB), bundles to
 * 288 KB minified, also needs Node ≥ 22, and fixes the token endpoint URL in code, so it cannot exchange assertions
 * with an emulator. The three requests used here are a thin client over `fetch` with zod-checked answers
 * (`wire.ts`): about 25 KB minified on top of the zod a function already carries. For the signature, `jose` 6.2.19
 * (one package, 62 KB minified) would do, but Node's `crypto.sign('RSA-SHA256', …)` is the whole job in one call
 * and costs nothing (`auth.ts`).
 */
export { GOOGLE_SERVICE_ACCOUNT_SECRET, GOOGLE_TOKEN_URL, GoogleSheetsConnector, type GoogleSheetsConnectorOptions } from './connector';
export { parseServiceAccount, signAssertion, type ServiceAccount } from './auth';
