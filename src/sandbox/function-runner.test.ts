import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnvFile, scrubToken, writeSandboxEnv, type FunctionOutcome } from './function-runner';
import { forkTsChild, type TsChild } from './testing/child-host';

const SANDBOX_TOKEN = 'sandbox-fake-token-0001';
const SANDBOX_URL = 'http://127.0.0.1:9';

/** A project-like folder: functions with a developer's `.env` beside them, as in src/app/functions. */
function fixture(): { dir: string; functionsDir: string; envDir: string; secretsFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-runner-'));
  const functionsDir = path.join(dir, 'functions');
  fs.mkdirSync(functionsDir);
  // The developer's real credentials, which must never reach the sandbox.
  fs.writeFileSync(path.join(functionsDir, '.env'), 'PRIVATE_APP_ACCESS_TOKEN=pat-na1-REAL-DEVELOPER-TOKEN\nHUBSPOT_API_BASE_URL=https://api.hubapi.com\n');
  fs.writeFileSync(
    path.join(functionsDir, 'env-probe.js'),
    `exports.main = async (context) => ({
      token: process.env.PRIVATE_APP_ACCESS_TOKEN,
      base: process.env.HUBSPOT_API_BASE_URL,
      extra: process.env.EXTRA_SECRET ?? null,
      secretToken: context.secrets.PRIVATE_APP_ACCESS_TOKEN,
      parameters: context.parameters,
      propertiesToSend: context.propertiesToSend,
    });`,
  );
  // Each call sets its own marker in process.env, waits, and reports the marker it sees at the end.
  fs.writeFileSync(
    path.join(functionsDir, 'slow.js'),
    `exports.main = async (context) => {
      const n = context.parameters.n;
      const log = (globalThis.__sandboxRunnerLog = globalThis.__sandboxRunnerLog || []);
      log.push('in ' + n);
      process.env.CALL_MARKER = String(n);
      await new Promise((r) => setTimeout(r, 30));
      log.push('out ' + n);
      return { n, marker: process.env.CALL_MARKER };
    };`,
  );
  fs.writeFileSync(path.join(functionsDir, 'throws.js'), `exports.main = async () => { throw new Error('boom with ${SANDBOX_TOKEN} inside'); };`);
  const secretsFile = path.join(dir, 'sandbox.env');
  fs.writeFileSync(secretsFile, `EXTRA_SECRET='from the sandbox .env: "quoted" #1'\nPRIVATE_APP_ACCESS_TOKEN=pat-na1-ALSO-REAL\n`);
  return { dir, functionsDir, envDir: path.join(dir, 'scratch-env'), secretsFile };
}

// The runner lives in a child Node process: HubSpot's executor is an ESM module loaded with import(), which Jest's
// CommonJS runtime cannot load (see testing/child-entry.ts).
describe('the sandbox function runner (HubSpot executor, scratch .env, one call at a time)', () => {
  let f: ReturnType<typeof fixture>;
  let child: TsChild;
  const run = (uid: string, parameters?: unknown) => child.call<FunctionOutcome>('run', { uid, ...(parameters === undefined ? {} : { parameters }) });

  beforeAll(async () => {
    f = fixture();
    child = await forkTsChild(path.join(__dirname, 'testing', 'runner-handlers.ts'), { ...process.env, PRIVATE_APP_ACCESS_TOKEN: 'pat-na1-FROM-THE-SHELL' });
    const fn = (uid: string, file: string) => ({ uid, file: path.join(f.functionsDir, file), secretKeys: ['EXTRA_SECRET'] });
    await child.call('create', {
      functions: [fn('env_probe', 'env-probe.js'), fn('slow', 'slow.js'), fn('throws', 'throws.js')],
      apiOrigin: SANDBOX_URL,
      token: SANDBOX_TOKEN,
      envDir: f.envDir,
      secretsFile: f.secretsFile,
    });
  });

  afterAll(async () => {
    await child?.close();
    fs.rmSync(f.dir, { recursive: true, force: true });
  });

  it("gives functions the emulator's URL and fake token, never the developer's .env or the shell's", async () => {
    expect(await run('env_probe', { a: 1 })).toEqual({
      ok: true,
      response: {
        token: SANDBOX_TOKEN,
        base: SANDBOX_URL,
        extra: 'from the sandbox .env: "quoted" #1',
        secretToken: SANDBOX_TOKEN,
        parameters: { a: 1 },
        propertiesToSend: {},
      },
    });
  });

  it('restores process.env after each call', async () => {
    await run('env_probe');
    expect(await child.call('env', ['PRIVATE_APP_ACCESS_TOKEN', 'HUBSPOT_API_BASE_URL', 'EXTRA_SECRET'])).toEqual({
      PRIVATE_APP_ACCESS_TOKEN: 'pat-na1-FROM-THE-SHELL',
      HUBSPOT_API_BASE_URL: null,
      EXTRA_SECRET: null,
    });
  });

  it('runs overlapping calls one after the other, so no call sees another one’s environment', async () => {
    await child.call('resetLog');
    const outcomes = await child.call<FunctionOutcome[]>('runTogether', [1, 2, 3].map((n) => ({ uid: 'slow', parameters: { n } })));
    expect(outcomes.map((o) => (o.ok ? o.response : null))).toEqual([
      { n: 1, marker: '1' },
      { n: 2, marker: '2' },
      { n: 3, marker: '3' },
    ]);
    expect(await child.call('log')).toEqual(['in 1', 'out 1', 'in 2', 'out 2', 'in 3', 'out 3']);
  });

  it('answers an unknown function as HubSpot does, naming the ones that exist', async () => {
    const outcome = await run('nope');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.httpStatus).toBe(400);
    expect(outcome.body.reason).toBe('FUNCTION_NOT_FOUND');
    expect(outcome.body.message).toContain('env_probe, slow, throws');
  });

  it('reports a function that throws as UNCAUGHT_ERROR, without the token', async () => {
    const outcome = await run('throws');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.body.reason).toBe('UNCAUGHT_ERROR');
    expect(outcome.body.message).toContain('boom with [token] inside');
    expect(outcome.body.message).not.toContain(SANDBOX_TOKEN);
  });
});

describe('the scratch .env', () => {
  it('removes the files the executor would read before .env and writes the forced values last', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-env-'));
    fs.writeFileSync(path.join(dir, '.env.local'), 'PRIVATE_APP_ACCESS_TOKEN=stale');
    fs.writeFileSync(path.join(dir, '.env.test'), 'PRIVATE_APP_ACCESS_TOKEN=stale');
    const file = writeSandboxEnv(dir, { token: 't0k', apiOrigin: 'http://127.0.0.1:1' });
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.env'))).toEqual(['.env']);
    expect(parseEnvFile(fs.readFileSync(file, 'utf8'))).toEqual({ PRIVATE_APP_ACCESS_TOKEN: 't0k', HUBSPOT_API_BASE_URL: 'http://127.0.0.1:1' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes values dotenv reads back unchanged, and keeps the forced URL whatever a secret holds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-env-'));
    const secrets = path.join(dir, 'in.env');
    fs.writeFileSync(secrets, `A='x y "z" #1'\nB="it's"\nHUBSPOT_API_BASE_URL=https://api.hubapi.com\n`);
    writeSandboxEnv(path.join(dir, 'out'), { token: 't', apiOrigin: 'http://127.0.0.1:1' }, secrets);
    const written = parseEnvFile(fs.readFileSync(path.join(dir, 'out', '.env'), 'utf8'));
    expect(written).toEqual({ A: 'x y "z" #1', B: "it's", PRIVATE_APP_ACCESS_TOKEN: 't', HUBSPOT_API_BASE_URL: 'http://127.0.0.1:1' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

test.each`
  text                                | expected
  ${'A=1'}                            | ${{ A: '1' }}
  ${'# c\n\nB = two words '}          | ${{ B: 'two words' }}
  ${'C="quoted"\nD=\'single\''}       | ${{ C: 'quoted', D: 'single' }}
  ${'not a line\nE=ok'}               | ${{ E: 'ok' }}
`('parseEnvFile($text)', ({ text, expected }: { text: string; expected: Record<string, string> }) => {
  expect(parseEnvFile(text)).toEqual(expected);
});

test.each`
  message                     | token    | expected
  ${'a tok b tok'}            | ${'tok'} | ${'a [token] b [token]'}
  ${'nothing here'}           | ${'tok'} | ${'nothing here'}
  ${'empty token is a no-op'} | ${''}    | ${'empty token is a no-op'}
`('scrubToken($message)', ({ message, token, expected }: { message: string; token: string; expected: string }) => {
  expect(scrubToken(message, token)).toBe(expected);
});
