/**
 * The page's calls to the sandbox server. Every call names the page view and the source (the page itself or
 * `card:<uid>`), so the server can attribute the emulator calls it causes to what the user sees.
 */
import { SOURCE_HEADER, VIEW_HEADER } from '../shared/protocol';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallScope {
  readonly view: string;
  readonly source: string;
}

function messageOf(body: unknown, status: number): string {
  if (body && typeof body === 'object' && 'message' in body && typeof (body as { message: unknown }).message === 'string') return (body as { message: string }).message;
  return `The sandbox server answered ${status}`;
}

async function request<T>(method: 'GET' | 'POST', url: string, scope: CallScope | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (scope) {
    headers[VIEW_HEADER] = scope.view;
    headers[SOURCE_HEADER] = scope.source;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (!res.ok) throw new ApiError(messageOf(parsed, res.status), res.status, parsed);
  return parsed as T;
}

export const getJson = <T>(url: string, scope: CallScope | null = null) => request<T>('GET', url, scope);
export const postJson = <T>(url: string, body: unknown, scope: CallScope | null = null) => request<T>('POST', url, scope, body);

/** A new id per record page view (and per `reloadPage`). */
export function newViewId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
