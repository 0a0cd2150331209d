/**
 * Reading the props a card sent. They crossed the worker boundary, so nothing about their types is guaranteed:
 * each reader returns `undefined` for a value of the wrong type, and the component falls back to HubSpot's default.
 */
import type { ReactNode } from 'react';

/** Props of a host component as the remote renderer passes them. */
export type HsProps = Readonly<Record<string, unknown>> & { readonly children?: ReactNode };

export type RemoteFunction = (...args: unknown[]) => unknown;

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
export const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};
export const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
export const fn = (v: unknown): RemoteFunction | undefined => (typeof v === 'function' ? (v as RemoteFunction) : undefined);
export const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
export const record = (v: unknown): Readonly<Record<string, unknown>> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
export const list = (v: unknown): readonly unknown[] | undefined => (Array.isArray(v) ? v : undefined);

/**
 * Calls a function prop (a proxy into the card's worker). Its promise is observed so a card that was unloaded
 * meanwhile, or a handler that throws, cannot surface as an unhandled rejection in the page.
 */
export function callRemote(f: RemoteFunction | undefined, ...args: unknown[]): Promise<unknown> {
  if (!f) return Promise.resolve(undefined);
  try {
    return Promise.resolve(f(...args)).catch((e: unknown) => {
      console.warn('[sandbox] a card event handler failed:', e);
      return undefined;
    });
  } catch (e) {
    console.warn('[sandbox] a card event handler failed:', e);
    return Promise.resolve(undefined);
  }
}

/** HubSpot's `ExtensionEvent`: what `onClick` and friends receive instead of a DOM event. */
export function extensionEvent(e: { type: string; bubbles: boolean; timeStamp: number }): { type: string; bubbles: boolean; timeStamp: number; id: string } {
  const id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
  return { type: e.type, bubbles: e.bubbles, timeStamp: e.timeStamp, id };
}

/** `href` is a string or `{ url, external }`. */
export function hrefOf(v: unknown): { url: string; external: boolean } | undefined {
  if (typeof v === 'string') return { url: v, external: /^https?:/i.test(v) };
  const r = record(v);
  const url = r ? str(r.url) : undefined;
  return url ? { url, external: r?.external === true || /^https?:/i.test(url) } : undefined;
}

/** Only http(s), mailto and tel links are followed; anything else (`javascript:`) is neutralised. */
export function safeUrl(url: string): string | undefined {
  return /^(https?:|mailto:|tel:|#|\/)/i.test(url.trim()) ? url : undefined;
}

/** Attributes every host component puts on its outer element: its HubSpot name and the card's `testId`. */
export function hsAttrs(name: string, props: HsProps): { 'data-hs': string; 'data-testid'?: string } {
  const testId = str(props.testId);
  return testId ? { 'data-hs': name, 'data-testid': testId } : { 'data-hs': name };
}

const DISTANCES: Record<string, string> = {
  flush: '0',
  'extra-small': '4px',
  xs: '4px',
  small: '8px',
  sm: '8px',
  medium: '16px',
  md: '16px',
  large: '24px',
  lg: '24px',
  'extra-large': '32px',
  xl: '32px',
};

/** HubSpot's named distances (`flush`, `xs`…`xl` and their long names) in CSS. */
export const distance = (v: unknown, fallback = '0'): string => (typeof v === 'string' ? (DISTANCES[v] ?? fallback) : fallback);

const FLEX: Record<string, string> = { start: 'flex-start', end: 'flex-end', center: 'center', between: 'space-between', around: 'space-around', baseline: 'baseline', stretch: 'stretch', auto: 'auto' };
export const flexValue = (v: unknown): string | undefined => (typeof v === 'string' ? FLEX[v] : undefined);
