/**
 * Mailchimp: HubSpot contacts as members of one audience (Marketing API 3.0).
 *
 * What it does. A contact becomes a list member keyed by the MD5 of its lowercased address
 * (`PUT /3.0/lists/{list_id}/members/{subscriber_hash}`, an upsert), with merge fields mapped from HubSpot properties
 * by the connector settings (`MailchimpSettingsSchema`: `listId`, `statusIfNew`, `mergeFields`, `emailProperty`,
 * `concurrency`). It reads the member first (`GET` on the same path) and writes only when an address or a merge field
 * differs, so a second push of unchanged data costs one read and no write. It never sends `status`: an existing
 * member keeps whatever status the person chose there, and `status_if_new` (default `pending`, double opt-in)
 * applies to new members only. A member unsubscribed, cleaned (bounced) or archived in Mailchimp, or an address
 * deleted permanently there, comes back `excluded` with the reason, and nothing is written. A contact without an
 * address is `excluded` ("no email address") before any request. When the address changed in HubSpot, the member
 * found under the previous hash (the record's stored external id) gets the new address instead of a second member
 * being added. `read` returns the member's values keyed by HubSpot property, for the Mailchimp → HubSpot direction.
 *
 * Credentials. One secret, `MAILCHIMP_API_KEY`: a Marketing API key ending in its data center (`…-us21` →
 * `https://us21.api.mailchimp.com`), sent as the password of Basic authentication. A 401 is one `AUTH_REJECTED`
 * failure of the destination naming the secret; the batch stops there. Keys echoed back in an error are redacted.
 *
 * Limits. Mailchimp allows 10 simultaneous connections per account and publishes no per-minute limit; a batch runs at
 * most `concurrency` (default 4, at most 10) requests at once. Its 429s carry no documented Retry-After: the
 * connector honours one when present, else backs off, never past the caller's deadline. Mailchimp's batch endpoints
 * (`POST /lists/{id}` with up to 500 members, `/batches`) cannot compare before writing and report outcomes
 * per address after the fact (`/batches` asynchronously), so a batch here is per-member reads and upserts.
 *
 * Library. Mailchimp's own client, `@mailchimp/mailchimp_marketing` 3.0.80, does not fit a function bundle: it
 * installs 51 packages (5.3 MB) and bundles to 481 KB minified, loaded on every cold start; it sends through
 * superagent 3.8 (2017); it keeps its key and server in one process-wide client (`setConfig`) and builds every URL as
 * `https://{server}.api.mailchimp.com/3.0`, so an emulator could only be reached by rewriting shared state; its
 * timeout is a fixed 120 s with no deadline; and its answers are untyped. The two requests used here are a thin
 * client over `fetch` with zod-checked answers (`wire.ts`) and Node's `crypto` for the MD5: about 20 KB minified on
 * top of the zod a function already carries, and no package to install.
 */
export { MAILCHIMP_API_KEY_SECRET, MailchimpConnector, dataCenterOf, type MailchimpConnectorOptions } from './connector';
export { subscriberHash } from './wire';
