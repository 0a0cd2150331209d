/**
 * The bad-input suite at benchmark scale: the generators of `src/app-tests/robustness/bad-input.test.ts`, many
 * more objects per function. Every answer must be a clean INVALID_INPUT with no HubSpot call; the counts and the
 * rate (calls refused per second) are reported.
 */
import fc from 'fast-check';
import { callWithContext, invalidInputProblems, prototypeKeys } from '../../src/bench-support/robustness/answers';
import { FUNCTION_UIDS, malformedParameters } from '../../src/bench-support/robustness/malformed-parameters';
import { startEmulator } from '../../src/emulator';
import { round } from '../lib/stats';
import type { Targets } from '../lib/targets';

export interface RobustnessResult {
  readonly calls: number;
  readonly cleanInvalidInput: number;
  readonly thrown: number;
  readonly hubspotCalls: number;
  readonly prototypePolluted: boolean;
  readonly refusalsPerSecond: number;
  /** Up to 5 problems seen, for the report. */
  readonly problems: readonly string[];
}

export async function measureRobustness(options: { readonly perFunction: number }): Promise<RobustnessResult> {
  const emu = await startEmulator({ seed: 'empty' });
  const env = { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url };
  const before = prototypeKeys();
  let calls = 0;
  let clean = 0;
  let thrown = 0;
  const problems: string[] = [];
  const started = performance.now();
  try {
    for (const uid of FUNCTION_UIDS) {
      for (const parameters of fc.sample(malformedParameters(uid), { numRuns: options.perFunction, seed: 2026 })) {
        const r = await callWithContext(uid, { parameters, propertiesToSend: {}, secrets: {} }, env);
        calls++;
        if (r.thrown !== undefined) thrown++;
        const p = r.thrown === undefined ? invalidInputProblems(uid, r.answer, r.logs) : ['threw'];
        if (p.length === 0) clean++;
        else if (problems.length < 5) problems.push(`${uid}: ${p.join('; ').slice(0, 200)}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      calls,
      cleanInvalidInput: clean,
      thrown,
      hubspotCalls: emu.requestLog().length,
      prototypePolluted: prototypeKeys() !== before,
      refusalsPerSecond: round(calls / seconds),
      problems,
    };
  } finally {
    await emu.close();
  }
}

export function checkRobustness(r: RobustnessResult, t: Targets): void {
  t.equal('robustness.clean_invalid_input', `malformed parameters (${r.calls}): every answer a clean INVALID_INPUT`, r.cleanInvalidInput, r.calls, 'issue 8');
  t.equal('robustness.thrown', 'malformed parameters: calls that threw', r.thrown, 0, 'issue 8');
  t.equal('robustness.hubspot_calls', 'malformed parameters: HubSpot calls made', r.hubspotCalls, 0, 'issue 8');
  t.equal('robustness.prototype_polluted', 'malformed parameters: Object.prototype changed', r.prototypePolluted, false, 'issue 8');
}
