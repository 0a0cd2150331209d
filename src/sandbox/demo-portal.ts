/**
 * Prepares the demo portal after the emulator started: the project's own `lead_ops_*` properties are created over
 * HTTP by `lead-ops setup`, then a demo loader fills them (DECISIONS 19). The emulator seeds only HubSpot's
 * built-ins and demo records.
 *
 * OWNED BY THE LEAD: the body below is a stand-in until `lead-ops setup` and the demo loader exist; replace it with
 * calls to them. The sandbox awaits this once at start-up and shows `message` on the page while `prepared` is false.
 */
/**
 * True while the body below is the stand-in. The browser tests of the buttons (which write `lead_ops_*` properties)
 * stay todo until it is false (or gone).
 */
export const DEMO_PORTAL_IS_STAND_IN = true;

export interface DemoPortalStatus {
  /** True when the project's properties exist and hold demo values. */
  readonly prepared: boolean;
  /** One sentence for the page and the terminal. */
  readonly message: string;
}

export async function prepareDemoPortal(emulatorUrl: string, token: string): Promise<DemoPortalStatus> {
  void token;
  const message = `Demo setup is pending: the lead_ops_* properties are not created on ${emulatorUrl} yet (lead-ops setup and the demo loader are still being written), so the cards show what the functions can do without them.`;
  console.log(`[sandbox] ${message}`);
  return { prepared: false, message };
}
