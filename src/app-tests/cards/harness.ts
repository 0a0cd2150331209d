/**
 * The card test harness. `createRenderer` mocks HubSpot's hooks and actions but not `hubspot.serverless`, which
 * calls `self.serverless` (reference/hubspot-platform.md §6): this module installs one that records every call
 * and answers with what the test says, and gives helpers to read a rendered tree.
 */
import { RenderedNodeType, type RenderedNode } from '@hubspot/ui-extensions/testing';

export interface ServerlessCall {
  readonly uid: string;
  readonly parameters: Record<string, unknown>;
  readonly propertiesToSend: readonly string[] | undefined;
}

/** Answers a call: a value, a promise (resolve it later for loading states), or a throw (a rejected call). */
export type Responder = (call: ServerlessCall) => unknown;

type Serverless = (uid: string, opts?: { parameters?: Record<string, unknown>; propertiesToSend?: string[] }) => Promise<unknown>;
const g = globalThis as unknown as { self?: unknown; serverless?: Serverless };

export interface FakeServerless {
  readonly calls: ServerlessCall[];
  /** Calls to one function uid, in order. */
  callsTo(uid: string): ServerlessCall[];
  /** Replace the responder for the calls that follow. */
  respondWith(next: Responder): void;
}

/** Installs `self.serverless`; call `uninstallServerless` in `afterEach`. */
export function installServerless(respond: Responder): FakeServerless {
  const calls: ServerlessCall[] = [];
  let responder = respond;
  g.self = globalThis;
  g.serverless = async (uid, opts) => {
    const call: ServerlessCall = { uid, parameters: opts?.parameters ?? {}, propertiesToSend: opts?.propertiesToSend };
    calls.push(call);
    return responder(call);
  };
  return {
    calls,
    callsTo: (uid) => calls.filter((c) => c.uid === uid),
    respondWith: (next) => {
      responder = next;
    },
  };
}

/**
 * Removes `self.serverless` after letting the test's cards finish what they started (a reload scheduled by a
 * button), so no call of one test lands in the next test's fake. Use as `afterEach(uninstallServerless)`.
 */
export async function uninstallServerless(): Promise<void> {
  await settle();
  delete g.serverless;
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A promise the test settles when it wants: the card stays in its loading state until then. */
export function deferred<T = unknown>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Every text a rendered tree shows, in order, including text inside fragment props (Tag overlays). */
export function textsOf(node: RenderedNode): string[] {
  if (node.nodeType === RenderedNodeType.Text) return [node.text];
  const out: string[] = [];
  if (node.nodeType === RenderedNodeType.Element) {
    for (const value of Object.values(node.props as Record<string, unknown>)) {
      if (isFragment(value)) out.push(...textsOf(value));
    }
  }
  for (const child of node.childNodes) out.push(...textsOf(child));
  return out;
}

const isFragment = (v: unknown): v is RenderedNode =>
  typeof v === 'object' && v !== null && (v as { nodeType?: unknown }).nodeType === RenderedNodeType.Fragment;

/** All the text of a rendered tree joined with " | ", for `toContain` assertions. */
export function allText(node: RenderedNode): string {
  return textsOf(node).join(' | ');
}

/**
 * Lets React run its scheduled effects (it schedules them on a macrotask) and pending promise callbacks, for
 * assertions about what has *not* changed, where `waitFor` (which re-checks only on a render) cannot help.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Types into an input: fires its `onInput` handler with the text, as HubSpot does on each keystroke. (The
 * testing types declare `trigger`'s argument as the handler's own type; at run time it is the handler's argument.)
 */
export function typeInto(input: { trigger: unknown }, text: string): void {
  (input.trigger as (event: 'onInput', arg: string) => void)('onInput', text);
}
