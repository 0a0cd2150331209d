/**
 * Issue 8, bad input: every function, called with thousands of generated malformed parameter objects, answers a
 * clean INVALID_INPUT envelope, never throws, pollutes no prototype and makes no HubSpot call. The functions point
 * at an emulator whose request log must stay empty. `npm run bench` runs the same generators at larger counts.
 */
import fc from 'fast-check';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { callWithContext, invalidInputProblems, prototypeKeys } from '../../bench-support/robustness/answers';
import { FUNCTION_UIDS, isValidParameters, malformedContext, malformedParameters } from '../../bench-support/robustness/malformed-parameters';

/** Per function; four functions make 2,400 calls, plus the junk contexts. */
const RUNS = 600;

let emu: RunningEmulator;
let env: NodeJS.ProcessEnv;
const protoBefore = prototypeKeys();

beforeAll(async () => {
  emu = await startEmulator({ seed: 'empty' });
  env = { PRIVATE_APP_ACCESS_TOKEN: emu.token, HUBSPOT_API_BASE_URL: emu.url };
});
afterAll(() => emu.close());

describe.each(FUNCTION_UIDS)('%s with malformed parameters', (uid) => {
  it(`answers a clean INVALID_INPUT to ${RUNS} generated objects, never throws, and calls nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(malformedParameters(uid), async (parameters) => {
        const before = emu.requestLog().length;
        const { answer, thrown, logs } = await callWithContext(uid, { parameters, propertiesToSend: {}, secrets: {} }, env);
        expect(thrown).toBeUndefined();
        expect(invalidInputProblems(uid, answer, logs)).toEqual([]);
        expect(emu.requestLog().length).toBe(before);
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
    expect(emu.requestLog()).toEqual([]);
    expect(prototypeKeys()).toBe(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers INVALID_INPUT to junk contexts (not even { parameters })', async () => {
    await fc.assert(
      fc.asyncProperty(malformedContext, async (context) => {
        fc.pre(!isValidParameters(uid, (context as { parameters?: unknown } | null)?.parameters));
        const { answer, thrown, logs } = await callWithContext(uid, context, env);
        expect(thrown).toBeUndefined();
        expect(invalidInputProblems(uid, answer, logs)).toEqual([]);
      }),
      { numRuns: 150, seed: 7 },
    );
    expect(emu.requestLog()).toEqual([]);
  });
});

describe('the generators', () => {
  // A generator that produced valid parameters would make the suite above prove nothing about bad input.
  it.each(FUNCTION_UIDS)('never produce valid %s parameters, and cover every kind of malformation', (uid) => {
    const samples = fc.sample(malformedParameters(uid), { numRuns: 2_000, seed: 3 });
    expect(samples.every((s) => !isValidParameters(uid, s))).toBe(true);
    const objects = samples.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s));
    expect(samples.length - objects.length).toBeGreaterThan(50);
    expect(objects.some((o) => Object.prototype.hasOwnProperty.call(o, '__proto__'))).toBe(true);
    expect(objects.some((o) => typeof o.objectId === 'number' && o.objectId < 0)).toBe(true);
    expect(objects.some((o) => typeof o.objectId === 'string' && /[^0-9]/.test(o.objectId))).toBe(true);
    expect(objects.some((o) => Object.keys(o).some((k) => k.length >= 64 * 1024))).toBe(true);
    expect(objects.some((o) => typeof o.objectType === 'string' && !['contacts', 'companies', '0-1', '0-2'].includes(o.objectType))).toBe(true);
  });

  test.each`
    uid                | parameters                                                                   | valid
    ${'score_lead'}    | ${{ objectType: 'contacts', objectId: '42', write: true }}                  | ${true}
    ${'score_lead'}    | ${{ objectType: 'companies', objectId: '42' }}                               | ${false}
    ${'score_lead'}    | ${{ objectType: 'contacts', objectId: '042' }}                               | ${false}
    ${'assign_owner'}  | ${{ objectType: '0-2', objectId: 7, force: true, reason: 'grew past 500' }} | ${true}
    ${'assign_owner'}  | ${{ objectType: 'contacts', objectId: 7, force: true }}                     | ${false}
    ${'record_status'} | ${{ objectType: 'companies', objectId: -7 }}                                 | ${false}
    ${'request_sync'}  | ${{ objectType: 'companies', objectId: '7', destination: 'mailchimp' }}      | ${false}
    ${'request_sync'}  | ${{ objectType: 'companies', objectId: '7', destination: 'zendesk' }}        | ${true}
  `('the oracle says $uid $parameters is valid: $valid', ({ uid, parameters, valid }) => {
    expect(isValidParameters(uid, parameters)).toBe(valid);
  });
});
