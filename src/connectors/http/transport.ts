/**
 * The one thing a connector needs from the network: a `fetch`-like function. Node's global `fetch` fits; tests and
 * the sandbox pass it unchanged and point the connector's base URL at a destination emulator.
 */

export interface HeadersLike {
  get(name: string): string | null;
}

export interface ResponseLike {
  readonly status: number;
  readonly headers: HeadersLike;
  text(): Promise<string>;
}

export interface RequestInitLike {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export type FetchLike = (url: string, init: RequestInitLike) => Promise<ResponseLike>;

/** One HTTP attempt: an answer (any status), no answer in time, or a broken connection. */
export type Attempt =
  | { readonly kind: 'answer'; readonly status: number; readonly headers: HeadersLike; readonly text: string }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'network'; readonly message: string };

/** The message of a thrown fetch error with its causes (`fetch failed: other side closed`). */
function describeThrown(thrown: unknown): string {
  const parts: string[] = [];
  let e: unknown = thrown;
  for (let depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    if (e instanceof Error) {
      const code = (e as Error & { code?: unknown }).code;
      parts.push(typeof code === 'string' && !e.message.includes(code) ? `${e.message} (${code})` : e.message);
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.filter((p) => p !== '').join(': ') || 'connection failed';
}

/**
 * Sends one request and reads the whole body, both under one wall-clock timeout (an abort). A request that timed out
 * may still have been applied by the destination: the caller decides whether repeating it is safe.
 */
export async function attemptOnce(fetchFn: FetchLike, url: string, init: Omit<RequestInitLike, 'signal'>, timeoutMs: number): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(1, Math.floor(timeoutMs)));
  timer.unref?.();
  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { kind: 'answer', status: response.status, headers: response.headers, text };
  } catch (thrown) {
    if (controller.signal.aborted) return { kind: 'timeout', afterMs: Math.floor(timeoutMs) };
    return { kind: 'network', message: describeThrown(thrown) };
  } finally {
    clearTimeout(timer);
  }
}
