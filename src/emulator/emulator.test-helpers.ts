/**
 * Test support for the emulator's own tests (not shipped code): start an emulator and the real
 * `@hubspot/api-client` against it, and unwrap SDK exceptions.
 */
import { Client } from '@hubspot/api-client';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './index';

export interface Harness {
  emu: RunningEmulator;
  client: Client;
  /** A client with another token (limited scopes, wrong token). */
  clientWith(token: string): Client;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ port: 0, seed: 'empty', ...options });
  const clientWith = (token: string) => new Client({ accessToken: token, basePath: emu.url });
  return { emu, client: clientWith(emu.token), clientWith };
}

/** Runs `run` against a fresh emulator and closes it afterwards, whatever happens. */
export async function withHarness(options: EmulatorOptions, run: (h: Harness) => Promise<void>): Promise<void> {
  const h = await startHarness(options);
  try {
    await run(h);
  } finally {
    await h.emu.close();
  }
}

export interface SdkFailure {
  code: number | undefined;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  message: string;
}

/** Awaits a call that must fail and returns the SDK's exception fields (throws if it succeeded). */
export async function failure(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (e) {
    const x = e as { code?: unknown; body?: unknown; headers?: unknown; message?: unknown };
    const body = typeof x.body === 'object' && x.body !== null ? (x.body as Record<string, unknown>) : typeof x.body === 'string' ? { raw: x.body } : {};
    return {
      code: typeof x.code === 'number' ? x.code : undefined,
      body,
      headers: typeof x.headers === 'object' && x.headers !== null ? (x.headers as Record<string, string>) : {},
      message: typeof x.message === 'string' ? x.message : String(e),
    };
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** A raw request (for what the SDK cannot send or hides: content types, headers, bodies). */
export async function raw(
  emu: RunningEmulator,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string | null; contentType?: string; rawBody?: string } = {},
): Promise<{ status: number; headers: Headers; text: string; json: Record<string, unknown> | undefined }> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? emu.token : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await fetch(`${emu.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
