/**
 * Test harness for app functions against the emulator: starts it, runs `lead-ops setup` over HTTP (the emulator
 * seeds only what HubSpot itself has, never the project's properties), and calls a function's `main` the way HubSpot does,
 * with the token in the environment and, when asked, `propertiesToSend` read from the record first (HubSpot reads
 * them outside the function, so those reads are left out of the request log the test counts).
 */
import raw from '../config/lead-ops.config.json';
import { parseConfig, type LeadOpsConfig } from '../core/config/schema';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';
import type { FunctionMain } from '../functions/runtime/define-function';
import { createCrmPort, type Clock } from '../hubspot';
import { clearInstanceCache } from '../functions/runtime/define-function';
import { runSetup } from '../workflows/setup';

export const TEST_CONFIG: LeadOpsConfig = (() => {
  const r = parseConfig(raw);
  if (!r.ok) throw new Error(`config: ${JSON.stringify(r.error)}`);
  return r.value;
})();

export interface TestPortal {
  readonly emu: RunningEmulator;
  readonly config: LeadOpsConfig;
  /** Structured log lines the functions wrote. */
  readonly logs: string[];
  /** Calls a function; `propertiesToSend` names are read from the record beforehand, as HubSpot does. */
  call<P extends object>(
    main: FunctionMain<P>,
    parameters: unknown,
    options?: { propertiesToSend?: readonly string[]; objectType?: string; objectId?: string; now?: Date; clock?: Clock; warm?: boolean; env?: Readonly<Record<string, string>> },
  ): ReturnType<ReturnType<FunctionMain<P>['withOverrides']>>;
  /** Requests the function made in the last `call` (HubSpot's propertiesToSend read excluded). */
  lastCallRequests(): ReturnType<RunningEmulator['requestLog']>;
  /**
   * Whether a logged request is HubSpot's own read of a card's `propertiesToSend`, made by this harness as HubSpot's
   * local executor makes it (on HubSpot's numbered API version, which is not ours to choose).
   */
  isHostRead(entry: ReturnType<RunningEmulator['requestLog']>[number]): boolean;
  close(): Promise<void>;
}

export async function startTestPortal(options: EmulatorOptions & { setup?: boolean } = {}): Promise<TestPortal> {
  const emu = await startEmulator({ seed: 'demo', ...options });
  if (options.setup !== false) {
    const report = await runSetup(createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' }), TEST_CONFIG);
    if (report.failed > 0 || report.errors.length > 0) throw new Error(`setup failed: ${JSON.stringify(report.errors)}`);
  }
  const logs: string[] = [];
  const hostReads = new Set<string>();
  let mark = 0;
  const env = { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url };
  return {
    emu,
    config: TEST_CONFIG,
    logs,
    async call(main, parameters, o = {}) {
      let propertiesToSend: Record<string, string | null> = {};
      const p = (parameters ?? {}) as { objectType?: string; objectId?: string };
      const objectType = o.objectType ?? p.objectType;
      const objectId = o.objectId ?? p.objectId;
      if (o.propertiesToSend && o.propertiesToSend.length > 0 && objectType && objectId) {
        const url = `${emu.url}/crm/v3/objects/${objectType}/${objectId}?properties=${o.propertiesToSend.join(',')}`;
        const res = await fetch(url, { headers: { authorization: `Bearer ${emu.token}` } });
        const correlationId = res.headers.get('x-hubspot-correlation-id');
        if (correlationId) hostReads.add(correlationId);
        if (res.ok) {
          const body = (await res.json()) as { properties: Record<string, string | null> };
          propertiesToSend = Object.fromEntries(o.propertiesToSend.map((n) => [n, body.properties[n] ?? null]));
        }
      }
      // Each call starts on a cold instance unless the test says otherwise: counts are then the cold ones.
      if (!o.warm) clearInstanceCache();
      mark = emu.requestLog().length;
      return main.withOverrides({ env: { ...o.env, ...env }, log: (l) => logs.push(l), ...(o.now ? { now: () => o.now as Date } : {}), ...(o.clock ? { clock: o.clock } : {}) })({
        parameters,
        propertiesToSend,
        secrets: {},
      });
    },
    lastCallRequests() {
      return emu.requestLog().slice(mark);
    },
    isHostRead: (entry) => hostReads.has(entry.correlationId),
    close: () => emu.close(),
  };
}
