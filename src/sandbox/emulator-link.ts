/**
 * Starts the HubSpot emulator for the sandbox (its in-process contract is in the team brief: `startEmulator`).
 */
import { DEFAULT_TOKEN, startEmulator, type EmulatorOptions, type RunningEmulator, type RequestLogEntry } from '../emulator';

export type SandboxEmulator = RunningEmulator;

/** How many emulator calls the sandbox remembers. */
export const SANDBOX_REQUEST_LOG_LIMIT = 5000;
export type EmulatorLogEntry = Pick<RequestLogEntry, 'seq' | 'method' | 'path' | 'status' | 'durationMs' | 'operation'>;

/**
 * Starts the emulator in this process on 127.0.0.1 with a fixed fake token, whatever PRIVATE_APP_ACCESS_TOKEN the
 * shell or a `.env` holds (DECISIONS 10).
 */
export function startSandboxEmulator(options: Pick<EmulatorOptions, 'port' | 'seed' | 'portalId' | 'latencyMs'>): Promise<SandboxEmulator> {
  // A sandbox runs for hours: keep the newest calls for its request panel, not every call since it started.
  return startEmulator({ ...options, token: DEFAULT_TOKEN, rateLimit: 'off', requestLogLimit: SANDBOX_REQUEST_LOG_LIMIT });
}

export { DEFAULT_TOKEN };
