import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Envelope, Failure, WireError } from '../../app/cards/shared/contracts';
import type { LeadOpsConfig } from '../../core/config/schema';
import type { Result } from '../../core/result';
import { EMPTY_API_USAGE, formatUsageLine, type ApiUsage } from '../../core/usage/log-line';
import { createCrmPort, PortalReadCache, toApiUsage, withCachedReads, type Clock, type CrmPort } from '../../hubspot';
import type { WorkflowError } from '../../workflows/errors';
import { toWireError } from '../../workflows/views/wire-error';
import { ConfigError, loadConfig } from './config';
import { readContext, type FunctionContext } from './context';

/** What a function's `run` receives besides its validated input. */
export interface FunctionDeps {
  readonly context: FunctionContext;
  readonly config: LeadOpsConfig;
  /** The instant the call started; the only clock the core sees. */
  readonly now: Date;
  /**
   * HubSpot, through the client layer, with this call's deadline. Owners and ticket pipelines are read through the
   * instance's cache (at most 60 s old), so a warm card call spends no call on them.
   */
  readonly crm: CrmPort;
  /** The clock the call runs on (a VirtualClock in tests). */
  readonly clock: Clock;
  /** When the call must have answered, on `clock`: nothing may still wait or send after it. */
  readonly deadline: number;
}

export interface FunctionSpec<S extends z.ZodType, P extends object> {
  /** The function's uid, as cards call it. */
  readonly name: string;
  readonly input: S;
  /** The function's work: a workflow call and the shaping of its answer. `defineFunction` makes the envelope. */
  readonly run: (input: z.output<S>, deps: FunctionDeps) => Promise<Result<P, WorkflowError>>;
}

/** Test seams: a fixed clock or environment, a log sink. Production passes nothing. */
export interface FunctionOverrides {
  readonly now?: () => Date;
  readonly env?: NodeJS.ProcessEnv;
  /** Drives the client layer's waits and windows (a VirtualClock in tests). */
  readonly clock?: Clock;
  /** Where the one structured line per call goes (default: stdout, which HubSpot collects as the function log). */
  readonly log?: (line: string) => void;
}

export type FunctionMain<P extends object> = ((context: unknown) => Promise<Envelope<P>>) & {
  /** The same function with injected seams, for tests and the sandbox. */
  readonly withOverrides: (overrides: FunctionOverrides) => (context: unknown) => Promise<Envelope<P>>;
};

/**
 * A function has about 10 s; the client layer never waits past this, so there is time left to answer the card
 * with a retryable error instead of being cut off (docs/decisions.md).
 */
export const FUNCTION_DEADLINE_MS = 8_500;

export const failure = (error: WireError): Failure => ({ ok: false, error });

/** Longest issue line kept: zod quotes unknown keys, and a 64 KB key must not come back whole. */
const MAX_ISSUE_LENGTH = 200;

/** Turns zod issues into short `path: message` lines for INVALID_INPUT. */
export function inputIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => {
    const path = i.path.length > 0 ? i.path.map(String).join('.') : '(parameters)';
    const line = `${path}: ${i.message}`;
    return line.length > MAX_ISSUE_LENGTH ? `${line.slice(0, MAX_ISSUE_LENGTH - 1)}…` : line;
  });
}

const NO_TOKEN: WireError = {
  code: 'CONFIG',
  message: 'The app has no access token (PRIVATE_APP_ACCESS_TOKEN). Reinstall the app, or for local runs set it in src/app/functions/.env.',
  retryable: false,
};

const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** How long an instance trusts owners and pipelines it read (the same bound as the configuration's cache). */
export const PORTAL_CACHE_TTL_MS = 60_000;
/** This function instance's cache of portal data; HubSpot keeps an instance warm between calls. */
export const instancePortalCache = new PortalReadCache(PORTAL_CACHE_TTL_MS, () => Date.now());

/** Tests start every case cold. */
export function clearInstanceCache(): void {
  instancePortalCache.clear();
}

/**
 * Wraps a function body in the wire contract: validates `parameters` with the schema, loads the configuration,
 * builds the HubSpot port with this call's deadline, and answers `{ ok: true, ... }` or `{ ok: false, error }`.
 * It never throws: an unexpected exception becomes an INTERNAL error whose message carries no stack trace and no
 * token. Every call logs one structured line (`lead-ops usage` reads them): function, outcome, duration, HubSpot
 * calls, 429s, retries and the last daily headroom seen.
 */
export function defineFunction<S extends z.ZodType, P extends object>(spec: FunctionSpec<S, P>): FunctionMain<P> {
  const make =
    (overrides: FunctionOverrides) =>
    async (rawContext: unknown): Promise<Envelope<P>> => {
      const clock = overrides.clock ?? systemClock;
      const started = clock.now();
      const wallStarted = Date.now();
      let port: (CrmPort & { readonly client: unknown }) | null = null;
      let answer: Envelope<P>;
      try {
        answer = await (async (): Promise<Envelope<P>> => {
          const context = readContext(rawContext, overrides.env ?? process.env);
          const input = spec.input.safeParse(context.parameters ?? {});
          if (!input.success) {
            const issues = inputIssues(input.error);
            return failure({ code: 'INVALID_INPUT', message: `Invalid parameters for ${spec.name}: ${issues.join('; ')}`, retryable: false, issues });
          }
          const config = loadConfig();
          if (!config.ok) return failure(config.error);
          if (!context.token) return failure(NO_TOKEN);
          const deadline = started + FUNCTION_DEADLINE_MS;
          port = createCrmPort({ token: context.token, baseUrl: context.baseUrl, clock, deadline, pacing: 'function' });
          const now = overrides.now ? overrides.now() : new Date(clock.now());
          const result = await spec.run(input.data, { context, config: config.value, now, crm: withCachedReads(port, instancePortalCache, context.baseUrl), clock, deadline });
          return result.ok ? ({ ok: true, ...result.value } as Envelope<P>) : failure(toWireError(result.error));
        })();
      } catch (error) {
        answer = error instanceof ConfigError ? failure(error.wire) : failure({
          code: 'INTERNAL',
          message: `${spec.name} failed unexpectedly${error instanceof Error ? ` (${error.name})` : ''}. Try again; if it keeps failing, check the function logs.`,
          retryable: false,
        });
      }
      try {
        const usage = port ? (port as CrmPort).usage() : null;
        const api: ApiUsage = usage ? toApiUsage(usage) : EMPTY_API_USAGE;
        const line = formatUsageLine({
          leadOps: 'call',
          v: 1,
          at: new Date(wallStarted).toISOString(),
          fn: spec.name,
          correlationId: usage?.lastCorrelationId ?? randomUUID(),
          ok: answer.ok,
          code: answer.ok ? null : answer.error.code,
          ms: Date.now() - wallStarted,
          api,
        });
        (overrides.log ?? ((l: string) => console.log(l)))(line);
      } catch {
        // Logging must never change the answer.
      }
      return answer;
    };
  const main = make({}) as FunctionMain<P>;
  Object.defineProperty(main, 'withOverrides', { value: make, enumerable: false });
  return main;
}
