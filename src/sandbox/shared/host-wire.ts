/**
 * How the page's host API crosses the worker boundary. `@remote-ui/rpc` re-throws, on the side that ran it, an error a
 * proxied function threw (after sending it to the caller), which would surface as an uncaught error in the page for
 * every refused call. So each host call is settled into `{ ok, value | error }` on the page and turned back into a
 * resolved or rejected promise in the worker, where the card sees it.
 */
import type { CardHostApi } from './protocol';

export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

type AsyncMember = 'serverless' | 'hsFetch' | 'fetchCrmProperties' | 'fetchAssociations' | 'fetchCrmSearch' | 'fetchHubSpotApi' | 'formatCrmProperties' | 'action';
const ASYNC_MEMBERS: readonly AsyncMember[] = ['serverless', 'hsFetch', 'fetchCrmProperties', 'fetchAssociations', 'fetchCrmSearch', 'fetchHubSpotApi', 'formatCrmProperties', 'action'];

export type CardHostWire = {
  readonly [K in AsyncMember]: (...args: Parameters<CardHostApi[K]>) => Promise<Settled<Awaited<ReturnType<CardHostApi[K]>>>>;
} & Pick<CardHostApi, 'log' | 'crashed'>;

type AnyAsync = (...args: unknown[]) => Promise<unknown>;

/** Page side: every async member answers `{ ok: false, error }` instead of throwing. */
export function toWire(api: CardHostApi): CardHostWire {
  const wire: Record<string, unknown> = {
    log: (level: Parameters<CardHostApi['log']>[0], data: unknown[]) => api.log(level, data),
    crashed: (message: string) => api.crashed(message),
  };
  for (const name of ASYNC_MEMBERS) {
    const f = api[name].bind(api) as AnyAsync;
    wire[name] = async (...args: unknown[]): Promise<Settled<unknown>> => {
      try {
        return { ok: true, value: await f(...args) };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    };
  }
  return wire as CardHostWire;
}

/** Worker side: back to promises that reject with the host's message. */
export function fromWire(wire: CardHostWire): CardHostApi {
  const api: Record<string, unknown> = { log: wire.log, crashed: wire.crashed };
  for (const name of ASYNC_MEMBERS) {
    const f = wire[name] as unknown as (...args: unknown[]) => Promise<Settled<unknown>>;
    api[name] = async (...args: unknown[]) => {
      const settled = await f(...args);
      if (settled.ok) return settled.value;
      throw new Error(settled.error);
    };
  }
  return api as unknown as CardHostApi;
}
