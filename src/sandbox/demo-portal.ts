import { loadConfigFile } from '../config/config-file';
import { createCrmPort } from '../hubspot';
import { loadDemoData } from './demo-loader';

/**
 * Prepares the demo portal after the emulator started: the project's own `lead_ops_*` properties are created over
 * HTTP by `lead-ops setup`, then the demo loader fills them (sync states of every kind, help-desk ids, scores for
 * every contact). The emulator itself seeds only HubSpot's built-ins and demo records (DECISIONS 19).
 */

/** Kept for the browser tests' gate: the demo portal is prepared for real. */
export const DEMO_PORTAL_IS_STAND_IN = false;

export interface DemoPortalStatus {
  /** True when the project's properties exist and hold demo values. */
  readonly prepared: boolean;
  /** One sentence for the page and the terminal. */
  readonly message: string;
}

export async function prepareDemoPortal(emulatorUrl: string, token: string): Promise<DemoPortalStatus> {
  const started = Date.now();
  const config = loadConfigFile();
  const crm = createCrmPort({ token, baseUrl: emulatorUrl, pacing: 'bulk' });
  const loaded = await loadDemoData(crm, config);
  if (!loaded.ok) {
    const message = `Demo setup failed: ${loaded.error.message}`;
    console.log(`[sandbox] ${message}`);
    return { prepared: false, message };
  }
  const r = loaded.value;
  const states = Object.values(r.syncStates).reduce((a, b) => a + b, 0);
  const message = `Demo portal ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.properties} Lead Ops properties, ${r.scored} contacts scored, ${states} sync states, ${r.ticketsWithHelpDeskId} tickets linked to the help desk.`;
  return { prepared: true, message };
}
