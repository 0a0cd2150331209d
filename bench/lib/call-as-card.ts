/**
 * Calls an app function the way a card does on HubSpot: the record's `propertiesToSend` are read first, outside
 * the function (HubSpot does that, so they cost the function nothing: DECISIONS 2), then `main` runs with the
 * app token in its environment. Only the function's own requests and its own time are measured.
 */
import type { RequestLogEntry, RunningEmulator } from '../../src/emulator';
import type { Envelope } from '../../src/app/cards/shared/contracts';
import type { FunctionMain } from '../../src/functions/runtime/define-function';

export interface CardCall {
  /** The function's answer, as the card receives it. */
  readonly answer: Envelope<object>;
  /** Wall-clock milliseconds from the call to the answer. */
  readonly ms: number;
  /** The requests the function made (HubSpot's read of `propertiesToSend` excluded). */
  readonly requests: readonly RequestLogEntry[];
  /** The structured log lines the function wrote. */
  readonly logs: readonly string[];
}

export interface CardCallOptions {
  readonly objectType: string;
  readonly objectId: string;
  readonly propertiesToSend: readonly string[];
}

/** An authenticated JSON request to the emulator, for fixtures (not measured). */
export async function emulatorApi<T>(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

/** What HubSpot hands the function for the card's `propertiesToSend` (a missing value is null). */
export async function readPropertiesToSend(emu: RunningEmulator, o: CardCallOptions): Promise<Record<string, string | null>> {
  if (o.propertiesToSend.length === 0) return {};
  const body = await emulatorApi<{ properties: Record<string, string | null> }>(
    emu,
    'GET',
    `/crm/v3/objects/${o.objectType}/${o.objectId}?properties=${o.propertiesToSend.map(encodeURIComponent).join(',')}`,
  );
  return Object.fromEntries(o.propertiesToSend.map((n) => [n, body.properties[n] ?? null]));
}

export async function callAsCard(emu: RunningEmulator, main: FunctionMain<object>, parameters: unknown, o: CardCallOptions): Promise<CardCall> {
  const propertiesToSend = await readPropertiesToSend(emu, o);
  const logs: string[] = [];
  const invoke = main.withOverrides({
    env: { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url },
    log: (line) => logs.push(line),
  });
  const mark = emu.requestLog().length;
  const started = performance.now();
  const answer = await invoke({ parameters, propertiesToSend, secrets: {} });
  const ms = performance.now() - started;
  return { answer, ms, requests: emu.requestLog().slice(mark), logs };
}
