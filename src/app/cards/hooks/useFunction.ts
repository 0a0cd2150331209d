import { useCallback, useEffect, useRef, useState } from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import type { Envelope, WireError } from '../shared/contracts';
import { cleanMessage } from '../components/text';

/** Parameters as HubSpot carries them: JSON values only. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A successful answer: the envelope's `ok: true` plus the function's payload. */
export type Success<P extends object> = { readonly ok: true } & P;

export type FunctionState<P extends object> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: WireError }
  | { readonly status: 'ready'; readonly data: Success<P> };

const unreachable = (e: unknown): WireError => ({
  code: 'HUBSPOT_UNAVAILABLE',
  message: `The app function could not be reached${e instanceof Error && e.message ? `: ${cleanMessage(e.message)}` : ''}.`,
  retryable: true,
});

const malformed = (uid: string): WireError => ({
  code: 'INTERNAL',
  message: `The app function ${uid} answered in a shape this card does not understand. Upload the project again so the cards and functions match.`,
  retryable: false,
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the little a card relies on before rendering: an envelope, and on success an object under `payloadKey`.
 * The functions are ours, but a stale upload or a host change must end in an error state, never a crash.
 */
function asEnvelope<P extends object>(uid: string, payloadKey: string, raw: unknown): Envelope<P> {
  if (!isObject(raw)) return { ok: false, error: malformed(uid) };
  if (raw.ok === true) return isObject(raw[payloadKey]) ? (raw as Success<P>) : { ok: false, error: malformed(uid) };
  if (raw.ok === false && isObject(raw.error) && typeof raw.error.code === 'string') {
    const error = raw.error as unknown as WireError;
    return { ok: false, error: { ...error, message: cleanMessage(typeof error.message === 'string' ? error.message : '') } };
  }
  return { ok: false, error: malformed(uid) };
}

/**
 * Calls an app function through `hubspot.serverless` and never throws: a rejected call becomes a retryable
 * error envelope, an answer of the wrong shape an INTERNAL one. `payloadKey` names the object a success carries
 * (`score`, `decision`, `status`, `sync`).
 */
export async function callFunction<P extends object>(
  uid: string,
  payloadKey: string,
  parameters: JsonObject,
  propertiesToSend: readonly string[],
): Promise<Envelope<P>> {
  try {
    const raw: unknown = await hubspot.serverless<unknown>(uid, { parameters, propertiesToSend: [...propertiesToSend] });
    return asEnvelope<P>(uid, payloadKey, raw);
  } catch (e) {
    return { ok: false, error: unreachable(e) };
  }
}

export interface FunctionQuery<P extends object> {
  readonly state: FunctionState<P>;
  /** True while a `reload` is under way and the previous answer is still shown. */
  readonly refreshing: boolean;
  /** Repeats the call; the last answer stays on screen until the new one arrives. */
  readonly reload: () => void;
  /** Shows an answer obtained elsewhere (a button's call) in place of the current one. */
  readonly replace: (data: Success<P>) => void;
}

/**
 * Calls one of the project's app functions when the card renders and keeps the three states a card shows.
 * A change of parameters starts over (loading); `reload` keeps the old answer visible while it runs.
 */
export function useFunction<P extends object>(
  uid: string,
  payloadKey: string,
  parameters: JsonObject,
  propertiesToSend: readonly string[],
): FunctionQuery<P> {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<{ key: string; version: number; state: FunctionState<P> } | null>(null);
  const paramsKey = JSON.stringify(parameters);
  const propsKey = JSON.stringify(propertiesToSend);
  // An answer belongs to one record and one set of properties; a reload keeps the key and bumps the version.
  const key = `${uid}|${payloadKey}|${propsKey}|${paramsKey}`;

  useEffect(() => {
    let live = true;
    const [u, k, props, params] = [uid, payloadKey, JSON.parse(propsKey) as string[], JSON.parse(paramsKey) as JsonObject];
    void callFunction<P>(u, k, params, props).then((res) => {
      if (live) setResult({ key, version, state: res.ok ? { status: 'ready', data: res } : { status: 'error', error: res.error } });
    });
    return () => {
      live = false;
    };
  }, [uid, payloadKey, paramsKey, propsKey, key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const replace = useCallback(
    (data: Success<P>) => setResult({ key, version, state: { status: 'ready', data } }),
    [key, version],
  );
  const current = result && result.key === key ? result : null;
  return {
    state: current ? current.state : { status: 'loading' },
    refreshing: current !== null && current.version !== version,
    reload,
    replace,
  };
}

export interface FunctionAction<P extends object> {
  /** True while a call started by `run` is under way. */
  readonly running: boolean;
  /**
   * Calls the function once; while a call runs, further calls answer `null` without reaching HubSpot
   * (a double click must not send two writes).
   */
  readonly run: (parameters: JsonObject, propertiesToSend: readonly string[]) => Promise<Envelope<P> | null>;
}

/** A function call started by a button (Rescore, Assign owner, Retry sync), with its running state. */
export function useFunctionAction<P extends object>(uid: string, payloadKey: string): FunctionAction<P> {
  const [running, setRunning] = useState(false);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (parameters: JsonObject, propertiesToSend: readonly string[]) => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setRunning(true);
      try {
        return await callFunction<P>(uid, payloadKey, parameters, propertiesToSend);
      } finally {
        inFlight.current = false;
        if (mounted.current) setRunning(false);
      }
    },
    [uid, payloadKey],
  );
  return { running, run };
}
