import { useCallback, useEffect, useState } from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import type { Envelope, WireError } from '../shared/contracts';

/** Parameters as HubSpot carries them: JSON values only. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type FunctionState<P extends object> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: WireError }
  | { readonly status: 'ready'; readonly data: { readonly ok: true } & P };

const unreachable = (e: unknown): WireError => ({
  code: 'HUBSPOT_UNAVAILABLE',
  message: `The app function could not be reached${e instanceof Error && e.message ? `: ${e.message}` : ''}. Try again in a moment.`,
  retryable: true,
});

/** Calls an app function through `hubspot.serverless`; a rejected call becomes a retryable error envelope. */
export async function callFunction<P extends object>(
  uid: string,
  parameters: JsonObject,
  propertiesToSend: readonly string[],
): Promise<Envelope<P>> {
  try {
    return await hubspot.serverless<Envelope<P>>(uid, { parameters, propertiesToSend: [...propertiesToSend] });
  } catch (e) {
    return { ok: false, error: unreachable(e) };
  }
}

/**
 * Calls one of the project's app functions when the card renders and keeps the three states a card shows.
 * `reload` repeats the call (after a button changed the record).
 */
export function useFunction<P extends object>(
  uid: string,
  parameters: JsonObject,
  propertiesToSend: readonly string[],
): { state: FunctionState<P>; reload: () => void } {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<{ key: string; state: FunctionState<P> } | null>(null);
  const paramsKey = JSON.stringify(parameters);
  const propsKey = propertiesToSend.join(',');
  // A result belongs to one request: the parameters, the properties and the reload count it was made with.
  const requestKey = `${version}|${propsKey}|${paramsKey}`;

  useEffect(() => {
    let live = true;
    void callFunction<P>(uid, JSON.parse(paramsKey) as JsonObject, propsKey === '' ? [] : propsKey.split(',')).then((res) => {
      if (live) setResult({ key: requestKey, state: res.ok ? { status: 'ready', data: res } : { status: 'error', error: res.error } });
    });
    return () => {
      live = false;
    };
  }, [uid, paramsKey, propsKey, requestKey]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const state: FunctionState<P> = result && result.key === requestKey ? result.state : { status: 'loading' };
  return { state, reload };
}
