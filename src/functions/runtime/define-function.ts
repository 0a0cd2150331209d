import { z } from 'zod';
import type { Envelope, Failure, WireError } from '../../app/cards/shared/contracts';
import { readContext, type FunctionContext } from './context';
import { loadConfig } from './config';
import type { LeadOpsConfig } from '../../core/config/schema';

/** What a function's `run` receives besides its validated input. */
export interface FunctionDeps {
  readonly context: FunctionContext;
  readonly config: LeadOpsConfig;
  /** The instant the call started; the only clock the core sees. */
  readonly now: Date;
}

export interface FunctionSpec<S extends z.ZodType, P extends object> {
  /** The function's uid, as cards call it. */
  readonly name: string;
  readonly input: S;
  readonly run: (input: z.output<S>, deps: FunctionDeps) => Promise<Envelope<P>>;
}

/** Test seams: a fixed clock or environment. Production passes nothing. */
export interface FunctionOverrides {
  readonly now?: () => Date;
  readonly env?: NodeJS.ProcessEnv;
}

export type FunctionMain<P extends object> = ((context: unknown) => Promise<Envelope<P>>) & {
  /** The same function with injected seams, for tests and the sandbox. */
  readonly withOverrides: (overrides: FunctionOverrides) => (context: unknown) => Promise<Envelope<P>>;
};

export const failure = (error: WireError): Failure => ({ ok: false, error });

/** Turns zod issues into short `path: message` lines for INVALID_INPUT. */
export function inputIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => {
    const path = i.path.length > 0 ? i.path.map(String).join('.') : '(parameters)';
    return `${path}: ${i.message}`;
  });
}

/**
 * Wraps a function body in the wire contract: validates `parameters` with the schema, loads the configuration,
 * and answers `{ ok: true, ... }` or `{ ok: false, error }`. It never throws: an unexpected exception becomes an
 * INTERNAL error whose message carries no stack trace and no token.
 */
export function defineFunction<S extends z.ZodType, P extends object>(spec: FunctionSpec<S, P>): FunctionMain<P> {
  const make =
    (overrides: FunctionOverrides) =>
    async (rawContext: unknown): Promise<Envelope<P>> => {
      try {
        const context = readContext(rawContext, overrides.env ?? process.env);
        const input = spec.input.safeParse(context.parameters ?? {});
        if (!input.success) {
          const issues = inputIssues(input.error);
          return failure({
            code: 'INVALID_INPUT',
            message: `Invalid parameters for ${spec.name}: ${issues.join('; ')}`,
            retryable: false,
            issues,
          });
        }
        const config = loadConfig();
        if (!config.ok) return failure(config.error);
        const now = overrides.now ? overrides.now() : new Date();
        return await spec.run(input.data, { context, config: config.value, now });
      } catch (error) {
        return failure({
          code: 'INTERNAL',
          message: `${spec.name} failed unexpectedly${error instanceof Error ? ` (${error.name})` : ''}. Try again; if it keeps failing, check the function logs.`,
          retryable: false,
        });
      }
    };
  const main = make({}) as FunctionMain<P>;
  Object.defineProperty(main, 'withOverrides', { value: make, enumerable: false });
  return main;
}
