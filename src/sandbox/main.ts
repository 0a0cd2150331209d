/**
 * `npm start`: the local sandbox portal. Prints `Sandbox ready: http://127.0.0.1:<port>/` (port from `PORT`, default
 * 3000) once the page can be opened. If the sandbox cannot start (a function that does not build, a broken card
 * config), it still starts the emulator with the demo portal and prints how to call it (DECISIONS 20).
 */
import { startSandboxEmulator } from './emulator-link';
import { SANDBOX_PORTAL_ID, startSandbox } from './sandbox';

function portFromEnv(): number {
  const raw = process.env.PORT;
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number (0-65535), got "${raw}"`);
    process.exit(2);
  }
  return port;
}

function onExit(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const port = portFromEnv();
  try {
    const sandbox = await startSandbox({ port });
    onExit(sandbox.close);
    console.log(`[sandbox] emulator ${sandbox.emulator.url} (demo portal ${SANDBOX_PORTAL_ID}); started in ${sandbox.timings.totalMs} ms`);
    console.log(`Sandbox ready: ${sandbox.url}`);
  } catch (e) {
    console.error(`[sandbox] the sandbox could not start: ${e instanceof Error ? e.message : String(e)}`);
    // Fall back to the emulator alone, so the demo portal can still be called.
    const emulator = await startSandboxEmulator({ seed: 'demo', port: 0, portalId: SANDBOX_PORTAL_ID });
    onExit(emulator.close);
    console.log(`HubSpot emulator listening on ${emulator.url}`);
    // The token is the emulator's public fake DEFAULT_TOKEN; it is named, not printed.
    console.log(`Call it like HubSpot: curl -H "Authorization: Bearer $DEFAULT_TOKEN" ${emulator.url}/crm/v3/objects/contacts?limit=5`);
    console.log('(DEFAULT_TOKEN is exported by src/emulator/index.ts and named in the README.)');
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
