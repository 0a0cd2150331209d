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
