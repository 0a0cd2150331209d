import { z } from 'zod';
import type { HttpAnswer } from '../http/destination-http';

/** What the connector reads of Google's answers (Sheets API v4, OAuth token endpoint). */

export const TokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive(), token_type: z.string().optional() });

export const ValueRangeSchema = z.object({
  range: z.string().optional(),
  values: z.array(z.array(z.union([z.string(), z.number(), z.boolean()]))).optional(),
});

export const AppendSchema = z.object({ updates: z.object({ updatedRange: z.string(), updatedRows: z.number().optional() }) });

export const BatchUpdateSchema = z.object({ totalUpdatedRows: z.number().optional() });

const GoogleErrorSchema = z.object({ error: z.object({ code: z.number().optional(), message: z.string().optional(), status: z.string().optional() }) });
const OAuthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** `429 RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Write requests' …` */
export function describeGoogleError(answer: HttpAnswer): string {
  const g = GoogleErrorSchema.safeParse(answer.json);
  if (g.success) return `${answer.status} ${g.data.error.status ?? ''}: ${g.data.error.message ?? 'no message'}`.replace(/\s+:/, ':');
  const o = OAuthErrorSchema.safeParse(answer.json);
  if (o.success) return `${answer.status} ${o.data.error}: ${o.data.error_description ?? 'no description'}`;
  return `${answer.status} ${answer.text.trim().slice(0, 500) || 'no message'}`;
}

/** The error's `status` word (`PERMISSION_DENIED`), when Google sent one. */
export const googleStatusOf = (answer: HttpAnswer): string | undefined => GoogleErrorSchema.safeParse(answer.json).data?.error.status;

/** 1 → `A`, 27 → `AA` (1-based column numbers). */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A tab name as A1 notation wants it: always quoted, quotes doubled. */
export const quotedSheet = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;

/** The first row number of a range like `'Contacts'!A6:H7`; null when there is none. */
export function firstRowOf(range: string): number | null {
  const m = /!\$?[A-Z]*\$?(\d+)/.exec(range);
  return m?.[1] ? Number(m[1]) : null;
}
