/**
 * Zendesk: contacts as end users, companies as organizations, and HubSpot tickets as Zendesk tickets (Support API v2).
 *
 * What it does. Contacts and companies are upserted with `create_or_update`, keyed by `external_id`
 * (`hubspot-contact-<id>`, `hubspot-company-<id>`); a user an agent created with the same email is adopted rather
 * than duplicated. A batch first reads the current copies with `show_many?external_ids=` (100 per request) and writes
 * only records whose name, email, phone, organization or mapped custom fields differ, so a second push of unchanged
 * data costs one read per 100 records. Companies go before contacts, so a contact's user is linked to the
 * organization of its primary company. An address is only ever set, never cleared (it is the person's identity in
 * Zendesk); domains added in Zendesk are kept. A user suspended in Zendesk comes back `excluded` and is not written.
 * Settings: `ZendeskSettingsSchema` (`subdomain`, `users`, `organizations`, `tickets`, `requestsPerMinute`,
 * `concurrency`). Outcomes carry the Zendesk id and its agent page (`https://{subdomain}.zendesk.com/agent/...`).
 *
 * Tickets, once. A HubSpot ticket of a configured pipeline becomes one Zendesk ticket with `external_id`
 * `hubspot-ticket-<id>` (subject, description as the first comment, priority LOW/MEDIUM/HIGH/URGENT →
 * low/normal/high/urgent, the primary contact as requester). Before any create, and after any answer that may have
 * been applied (a 5xx, a timeout, a dropped connection), the ticket is looked up with
 * `GET /api/v2/tickets.json?external_id=` (a list, no search lag): a ticket found is the answer. The create carries
 * an `Idempotency-Key` (the external id and a hash of the body), so Zendesk answers a repeated create with the first
 * ticket; two instances creating different bodies at once converge, as the one whose ticket is not the lowest id
 * deletes its own. The outcome's `externalId` and `link` are the ticket id and agent URL to write back on the HubSpot
 * ticket. Once created, a ticket belongs to the help desk and is not updated from HubSpot.
 *
 * Credentials. Two secrets, `ZENDESK_EMAIL` (the agent the token belongs to) and `ZENDESK_API_TOKEN`, sent as Basic
 * `{email}/token:{token}`. A 401 is one `AUTH_REJECTED` naming both; anything echoing them back is redacted.
 *
 * Limits. Zendesk allows 200 (Team) to 700 (Enterprise) requests per minute per account and answers 429 with
 * Retry-After; the connector keeps its own sliding minute (`requestsPerMinute`) and honours Retry-After while the
 * caller's deadline allows, else answers retryable with the wait.
 *
 * Library. `node-zendesk` 6.0.1 is maintained and fairly small (6 packages, 1.4 MB installed, 378 KB minified with
 * cross-fetch and node-fetch) and does accept another base URL (`endpointUri`), so it could reach the emulator. It
 * does not fit on the rest: no timeout or abort signal (a request can outlive the function's deadline); an answer with Retry-After is
 * thrown as an error without the wait; every error is thrown with an untyped body; headers are per client, not per
 * request (the Idempotency-Key of a create); and its debug events carry the request's headers, the Basic credentials
 * included. The seven requests used here are a thin client over `fetch` with zod-checked answers (`wire.ts`): about
 * 25 KB minified on top of the zod a function already carries.
 */
export { ZENDESK_API_TOKEN_SECRET, ZENDESK_EMAIL_SECRET, ZendeskConnector, type ZendeskConnectorOptions } from './connector';
export { externalIdOf } from './wire';
