import { z } from 'zod';
import { destinationAccessFrom, type DestinationAccess } from '../../workflows/destination-access';

/**
 * The one place that reads HubSpot's function context. The local executor passes
 * `{ parameters, propertiesToSend, event, secrets }` and the token as PRIVATE_APP_ACCESS_TOKEN
 * (reference/hubspot-platform.md §4); production's shape is unpublished, so every field may be absent.
 */
const PropertyBag = z.record(z.string(), z.unknown());

const ContextSchema = z.looseObject({
  parameters: z.unknown().optional(),
  propertiesToSend: PropertyBag.nullish(),
  secrets: PropertyBag.nullish(),
  event: z.unknown().optional(),
});

export interface FunctionContext {
  /** The card's `parameters`, not yet validated. */
  readonly parameters: unknown;
  /** The current record's properties named by the card's `propertiesToSend` (null when none were sent). */
  readonly record: Readonly<Record<string, string | null>> | null;
  /** The app's access token, or null when none is configured. Never logged, never returned. */
  readonly token: string | null;
  readonly baseUrl: string;
  /**
   * Credentials and base URLs of the tools beside HubSpot (Mailchimp, Google, Zendesk): each secret from the
   * context's `secrets` or else the environment, where HubSpot's executor puts the secrets a function declares in
   * its hsmeta `secretKeys`. Never logged, never returned.
   */
  readonly destinations: DestinationAccess;
}

export const DEFAULT_API_BASE_URL = 'https://api.hubapi.com';

function asPropertyValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function readContext(raw: unknown, env: NodeJS.ProcessEnv = process.env): FunctionContext {
  const parsed = ContextSchema.safeParse(raw ?? {});
  const ctx = parsed.success ? parsed.data : {};
  const sent = ctx.propertiesToSend ?? null;
  let record: Record<string, string | null> | null = null;
  if (sent && Object.keys(sent).length > 0) {
    record = Object.create(null) as Record<string, string | null>;
    for (const [k, v] of Object.entries(sent)) record[k] = asPropertyValue(v);
  }
  const secretToken = ctx.secrets?.PRIVATE_APP_ACCESS_TOKEN;
  const envToken = env.PRIVATE_APP_ACCESS_TOKEN;
  const token =
    typeof envToken === 'string' && envToken.trim() !== ''
      ? envToken.trim()
      : typeof secretToken === 'string' && secretToken.trim() !== ''
        ? secretToken.trim()
        : null;
  const baseUrl = (env.HUBSPOT_API_BASE_URL ?? '').trim() || DEFAULT_API_BASE_URL;
  const { secrets, urls } = destinationAccessFrom(env, ctx.secrets ?? {});
  return { parameters: ctx.parameters, record, token, baseUrl: baseUrl.replace(/\/+$/, ''), destinations: { secrets, urls } };
}
