import { z } from 'zod';

/**
 * A HubSpot record id. Cards pass `context.crm.objectId` (a number); tools pass strings. Both become a string of
 * digits without leading zeros; anything else (negative, fractional, huge, non-numeric) is INVALID_INPUT.
 */
export const OBJECT_ID = z
  .union([z.string().max(30), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)], {
    error: 'expected the record id as a string of digits',
  })
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^[1-9]\d{0,17}$/, 'expected a positive whole number (the HubSpot record id)'));

/** Object types a card can sit on; HubSpot also names them by type id. */
export const OBJECT_TYPE = z
  .enum(['contacts', 'companies', '0-1', '0-2'], { error: 'expected "contacts" or "companies"' })
  .transform((v): 'contacts' | 'companies' => (v === '0-1' ? 'contacts' : v === '0-2' ? 'companies' : v));

/**
 * Characters a person cannot see that would make a reason look given when it is not: zero-width spaces and joiners,
 * the byte-order mark, and the bidirectional controls (which can also reorder what a reader sees).
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** A forced reassignment's reason: trimmed of invisible characters and spaces before its length is checked. */
export const REASON = z
  .string()
  .transform((v) => v.replace(INVISIBLE, '').trim())
  .pipe(z.string().min(3, 'give a reason of at least 3 characters').max(500));
