import type { DestinationKind, ErrorHint } from './config-schema';

/**
 * Plain-language explanations of common destination errors. The sync tool stores the destination's raw message in
 * `lead_ops_sync_<id>_error`; the card shows the sentence and keeps the raw message one click away.
 *
 * Rules are data: the first rule whose kinds include the destination's kind (or that applies to every kind) and
 * whose pattern matches the raw message wins. A destination's own `errorHints` are tried first. `{name}` in a
 * sentence becomes the destination's name. Patterns are plain alternations without nested quantifiers, so a 64 KB
 * message is scanned in linear time.
 */
export interface ErrorHintRule {
  readonly id: string;
  /** Destination kinds the rule is meant for; `any` for errors every kind can report (timeouts, rate limits). */
  readonly kinds: readonly DestinationKind[] | 'any';
  readonly pattern: RegExp;
  readonly plain: string;
}

export const ERROR_HINT_RULES: readonly ErrorHintRule[] = [
  // Mailchimp (email platforms) — Mailchimp API error titles and details.
  {
    id: 'member_exists',
    kinds: ['email_platform'],
    pattern: /member exists|is already a list member/i,
    plain: '{name} already has this email address in the audience; the sync tried to add it again instead of updating it. Check for a duplicate or a changed email address.',
  },
  {
    id: 'fake_or_invalid',
    kinds: ['email_platform'],
    pattern: /looks fake or invalid|invalid email/i,
    plain: '{name} rejected the email address: it looks fake or invalid. Correct the email on the record.',
  },
  {
    id: 'compliance_state',
    kinds: ['email_platform'],
    pattern: /compliance state|forgotten email|permanently deleted|unsubscribed/i,
    plain: '{name} will not re-add this address: it unsubscribed, bounced or was deleted there (compliance state). The person has to re-subscribe themselves.',
  },
  {
    id: 'merge_field_invalid',
    kinds: ['email_platform'],
    pattern: /merge fields were invalid|merge field \S+ (?:is required|does not exist)/i,
    plain: '{name} rejected a merge field: a field it requires is empty, or one the sync sends does not exist there. Fix the field named in the raw message (in HubSpot or in the sync\'s merge field mapping), then retry.',
  },
  // Google Sheets (spreadsheets) — Sheets API quota and permission errors.
  {
    id: 'sheet_quota',
    kinds: ['spreadsheet'],
    pattern: /quota exceeded|resource_exhausted|ratelimitexceeded|rate limit exceeded|too many requests/i,
    plain: '{name} refused the write because its usage quota was exceeded. Nothing is wrong with the record; a later sync (or Retry sync) will go through.',
  },
  {
    id: 'sheet_permission',
    kinds: ['spreadsheet'],
    pattern: /permission_denied|does not have permission|insufficient permission|\b403\b|forbidden/i,
    plain: 'The sync account can no longer edit the sheet in {name}. Share the sheet with it again (edit access), then retry.',
  },
  {
    id: 'sheet_not_found',
    kinds: ['spreadsheet'],
    pattern: /requested entity was not found|unable to parse range|\b404\b/i,
    plain: 'The sheet or tab the sync writes to in {name} was moved, renamed or deleted. Fix the sync tool\'s target, then retry.',
  },
  {
    id: 'sheet_cell_too_long',
    kinds: ['spreadsheet'],
    pattern: /maximum of 50000 characters/i,
    plain: '{name} refuses more than 50,000 characters in one cell. Shorten the value in HubSpot or drop the column from the sync, then retry.',
  },
  // Zendesk (help desks) — Zendesk API statuses and messages.
  {
    id: 'helpdesk_suspended',
    kinds: ['help_desk'],
    pattern: /suspended/i,
    plain: 'The person is suspended in {name}, so their profile cannot be updated. Unsuspend them in {name} or exclude the record.',
  },
  {
    id: 'helpdesk_name_taken',
    kinds: ['help_desk'],
    pattern: /has already been taken/i,
    plain: '{name} already has an organization with this name that belongs to another HubSpot record. Rename one of them, or merge them in {name}, then retry.',
  },
  {
    id: 'helpdesk_invalid',
    kinds: ['help_desk'],
    pattern: /\b422\b|unprocessable entity|recordinvalid|is already being used by another user/i,
    plain: '{name} refused the data as invalid (for example an email already used by another user, or a required field left empty). Fix the value named in the raw message, then retry.',
  },
  // Any destination.
  {
    id: 'rate_limited',
    kinds: 'any',
    pattern: /\b429\b|too many requests|rate limit/i,
    plain: '{name} is limiting how fast the sync may write (rate limit). Nothing is wrong with the record; the sync tool retries later.',
  },
  {
    id: 'timeout',
    kinds: 'any',
    pattern: /timed out|timeout|etimedout|esockettimedout|econnreset|no answer|\b504\b|gateway time-?out/i,
    plain: '{name} did not answer in time. This is usually temporary; the next sync or a Retry sync normally fixes it.',
  },
  {
    id: 'auth',
    kinds: 'any',
    pattern: /\b401\b|unauthori[sz]ed|unauthenticated|invalid api key|api key invalid|couldn't authenticate|invalid_grant|token (?:has )?expired/i,
    plain: 'The sync tool\'s connection to {name} is no longer authorized. An admin has to reconnect it; then retry.',
  },
  {
    id: 'forbidden',
    kinds: 'any',
    pattern: /\b403\b|forbidden|permission denied|permission_denied/i,
    plain: 'The account the sync uses in {name} is not allowed to do this. An admin has to give it access in {name}; then retry.',
  },
  {
    id: 'unavailable',
    kinds: 'any',
    pattern: /\b50[0-3]\b|service unavailable|bad gateway|internal server error|backend error/i,
    plain: '{name} had a temporary problem on its side. Nothing is wrong with the record; the next sync or a Retry sync normally fixes it.',
  },
];

export const FALLBACK_ERROR_HINT = '{name} reported an error. The raw message below says what went wrong.';
export const EMPTY_ERROR_HINT = 'The last sync to {name} failed, but the sync tool stored no error message.';

export interface ErrorExplanation {
  readonly plain: string;
  /** The rule that matched: `config:<n>` for a configured hint, a built-in rule id, or `fallback` / `empty`. */
  readonly ruleId: string;
}

const fill = (sentence: string, name: string): string => sentence.split('{name}').join(name);

/**
 * The plain-language sentence for a destination's raw error. `raw` is not modified, escaped or shortened here: it
 * is data and the card renders it as text.
 */
export function explainError(
  raw: string | null,
  destination: { readonly name: string; readonly kind: DestinationKind; readonly errorHints?: readonly ErrorHint[] | undefined },
): ErrorExplanation {
  if (raw === null || raw.trim() === '') return { plain: fill(EMPTY_ERROR_HINT, destination.name), ruleId: 'empty' };
  const lower = raw.toLowerCase();
  const hints = destination.errorHints ?? [];
  for (const [i, hint] of hints.entries()) {
    if (hint.contains.some((fragment) => lower.includes(fragment.toLowerCase()))) {
      return { plain: fill(hint.plain, destination.name), ruleId: `config:${i}` };
    }
  }
  for (const rule of ERROR_HINT_RULES) {
    if (rule.kinds !== 'any' && !rule.kinds.includes(destination.kind)) continue;
    if (rule.pattern.test(raw)) return { plain: fill(rule.plain, destination.name), ruleId: rule.id };
  }
  return { plain: fill(FALLBACK_ERROR_HINT, destination.name), ruleId: 'fallback' };
}
