import { z } from 'zod';
import type { CrmError } from './errors';
import { err, ok, type Result } from '../core/result';
import { DEFAULT_BASE_URL } from './client';

/**
 * Where the client connects, read from an environment passed in (never `process.env` here): the CLI and tools
 * pass theirs, functions get the token from HubSpot's context. `PRIVATE_APP_ACCESS_TOKEN` is required;
 * `HUBSPOT_API_BASE_URL` defaults to https://api.hubapi.com (the emulator's URL locally).
 */
const EnvSchema = z.object({
  PRIVATE_APP_ACCESS_TOKEN: z
    .string({ error: 'PRIVATE_APP_ACCESS_TOKEN is not set' })
    .trim()
    .min(1, 'PRIVATE_APP_ACCESS_TOKEN is empty')
    .refine((t) => !/\s/.test(t), 'PRIVATE_APP_ACCESS_TOKEN contains whitespace'),
  HUBSPOT_API_BASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === '' ? DEFAULT_BASE_URL : v.replace(/\/+$/, '')))
    .pipe(z.url({ protocol: /^https?$/, error: 'HUBSPOT_API_BASE_URL must be an http(s) URL' })),
});

export interface HubSpotConnection {
  /** Never print it. */
  readonly token: string;
  readonly baseUrl: string;
  /** True when the URL is this machine (the emulator): tools may skip "are you sure" questions. */
  readonly isLocal: boolean;
}

/** Reads token and base URL; errors name the variable, never its value. */
export function connectionFromEnv(env: Readonly<Record<string, string | undefined>>): Result<HubSpotConnection, CrmError> {
  const parsed = EnvSchema.safeParse({ PRIVATE_APP_ACCESS_TOKEN: env.PRIVATE_APP_ACCESS_TOKEN, HUBSPOT_API_BASE_URL: env.HUBSPOT_API_BASE_URL });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => i.message);
    return err({ code: 'NOT_CONFIGURED', message: `HubSpot connection not configured: ${issues.join('; ')}.`, retryable: false, issues });
  }
  const host = new URL(parsed.data.HUBSPOT_API_BASE_URL).hostname;
  return ok({
    token: parsed.data.PRIVATE_APP_ACCESS_TOKEN,
    baseUrl: parsed.data.HUBSPOT_API_BASE_URL,
    isLocal: host === '127.0.0.1' || host === 'localhost' || host === '[::1]',
  });
}
