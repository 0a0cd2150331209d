/**
 * Issue 8 and the house rule: the app's token never appears in a log line, an error message or a function's
 * answer. The four functions run against the emulator while it injects 429s, 5xx (before and after writes),
 * 477s, HTML and empty error bodies, with a rejected token, a token lacking scopes, the token passed in
 * `secrets`, and an unreachable HubSpot; every answer, every structured log line and everything written to the
 * console is scanned for the token and for its random part. The destinations' secrets (Mailchimp, Google, Zendesk)
 * get the same treatment: `request_sync` and the sweep's sync step run against destination emulators that echo
 * credentials back in their errors, refuse them, fail and drop answers.
 */
import { randomUUID } from 'node:crypto';
import { DEMO } from '../../emulator';
import { VirtualClock } from '../../testing/clock';
import { startTestPortal, type TestPortal } from '../../testing/portal';
import { FUNCTIONS } from '../../bench-support/robustness/answers';
import type { Fault } from '../../emulator/destinations';
import { createCrmPort } from '../../hubspot';
import { startTestDestinations, type TestDestinations } from '../../testing/destinations';
import { TEST_CONFIG } from '../../testing/portal';
import { destinationAccessFrom } from '../../workflows/destinations';
import { syncSweep } from '../../workflows/sync-sweep';
import type { FunctionUid } from '../../bench-support/robustness/malformed-parameters';

// Fake tokens made fresh for each run, shaped like HubSpot's (`pat-<region>-<uuid>`).
const SECRET = randomUUID();
const TOKEN = `pat-local-${SECRET}`;
const UNKNOWN_SECRET = randomUUID();
const UNKNOWN_TOKEN = `pat-local-${UNKNOWN_SECRET}`;
const NARROW_SECRET = randomUUID();
const NARROW_TOKEN = `pat-local-${NARROW_SECRET}`;

const FAULTS = '429=0.12,500=0.04,502=0.08,503=0.08,504=0.04,477=0.03,html404=0.04,empty502=0.04,retryafter477=2,seed=11';

let portal: TestPortal;
const captured: string[] = [];
const codes = new Map<string, number>();

beforeAll(async () => {
  portal = await startTestPortal({ token: TOKEN, tokens: [{ token: NARROW_TOKEN, scopes: ['crm.objects.contacts.read'] }] });
});
afterAll(() => portal.close());

/** Everything written to the console while `fn` runs, besides what it returns. */
async function capturingConsole<T>(fn: () => Promise<T>): Promise<T> {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const spies = methods.map((m) => jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' '))));
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (captured.push(String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (captured.push(String(chunk)), true));
  try {
    return await fn();
  } finally {
    for (const s of [...spies, out, err]) s.mockRestore();
  }
}

function parametersFor(uid: FunctionUid, i: number): Record<string, unknown> {
  const contacts = portal.emu.store.list('contacts').filter((c) => !c.archived);
  const contact = contacts[(i * 11) % contacts.length]?.id ?? '1';
  switch (uid) {
    case 'score_lead':
      return { objectType: 'contacts', objectId: contact, write: i % 2 === 0 };
    case 'assign_owner':
      return { objectType: 'contacts', objectId: contact, dryRun: i % 3 === 0 };
    case 'record_status':
      return i % 2 === 0 ? { objectType: 'companies', objectId: DEMO.manyTicketsCompanyId } : { objectType: 'contacts', objectId: contact };
    case 'request_sync':
      return { objectType: 'contacts', objectId: contact, destination: 'mailchimp' };
  }
}

/** Calls every function `times` times the way HubSpot would, with the given environment and secrets. */
async function callAll(times: number, env: NodeJS.ProcessEnv, secrets: Record<string, string> = {}): Promise<void> {
  await capturingConsole(async () => {
    for (const uid of Object.keys(FUNCTIONS) as FunctionUid[]) {
      for (let i = 0; i < times; i++) {
        // The function's own clock is virtual, so Retry-After and backoff waits take no real time.
        const run = FUNCTIONS[uid].withOverrides({ env, clock: new VirtualClock(Date.now()), log: (l) => captured.push(l) });
        const answer = await run({ parameters: parametersFor(uid, i), propertiesToSend: {}, secrets });
        captured.push(JSON.stringify(answer));
        if (!answer.ok) {
          captured.push(answer.error.message);
          codes.set(answer.error.code, (codes.get(answer.error.code) ?? 0) + 1);
        } else codes.set('ok', (codes.get('ok') ?? 0) + 1);
      }
    }
  });
}

const leaks = (secret: string, token: string): string[] => captured.filter((c) => c.includes(secret) || c.includes(token)).map((c) => c.slice(0, 300));

describe('the token never leaks', () => {
  it('under injected 429, 5xx, 477, HTML and empty answers', async () => {
    portal.emu.setFaults(FAULTS);
    try {
      await callAll(25, { PRIVATE_APP_ACCESS_TOKEN: TOKEN, HUBSPOT_API_BASE_URL: portal.emu.url });
    } finally {
      portal.emu.setFaults(null);
    }
    const faults = new Set(portal.emu.requestLog().map((e) => e.fault?.split(':')[0]).filter(Boolean));
    expect([...faults].sort()).toEqual(expect.arrayContaining(['429', '477', '502', '503', 'html404']));
    expect(leaks(SECRET, TOKEN)).toEqual([]);
  });

  it('when HubSpot rejects the token (401) or it lacks scopes (403)', async () => {
    await callAll(5, { PRIVATE_APP_ACCESS_TOKEN: UNKNOWN_TOKEN, HUBSPOT_API_BASE_URL: portal.emu.url });
    await callAll(5, { PRIVATE_APP_ACCESS_TOKEN: NARROW_TOKEN, HUBSPOT_API_BASE_URL: portal.emu.url });
    expect(codes.get('AUTH_REJECTED')).toBeGreaterThan(0);
    expect(codes.get('MISSING_SCOPES')).toBeGreaterThan(0);
    expect(leaks(UNKNOWN_SECRET, UNKNOWN_TOKEN)).toEqual([]);
    expect(leaks(NARROW_SECRET, NARROW_TOKEN)).toEqual([]);
  });

  it('when the token comes in secrets, and when HubSpot cannot be reached', async () => {
    await callAll(3, { HUBSPOT_API_BASE_URL: portal.emu.url }, { PRIVATE_APP_ACCESS_TOKEN: TOKEN });
    // Port 9 (discard) on 127.0.0.1: nothing listens, the connection is refused.
    await callAll(2, { PRIVATE_APP_ACCESS_TOKEN: TOKEN, HUBSPOT_API_BASE_URL: 'http://127.0.0.1:9' });
    expect(codes.get('HUBSPOT_UNAVAILABLE')).toBeGreaterThan(0);
    expect(leaks(SECRET, TOKEN)).toEqual([]);
  });

  it('covered the answers it claims to scan: successes and the error codes of every path above', () => {
    expect(codes.get('ok')).toBeGreaterThan(20);
    expect([...codes.keys()]).toEqual(expect.arrayContaining(['ok', 'AUTH_REJECTED', 'MISSING_SCOPES', 'HUBSPOT_UNAVAILABLE']));
    expect(captured.some((c) => c.includes('"leadOps":"call"'))).toBe(true);
    expect(captured.join('\n')).not.toMatch(/Bearer\s/);
  });
});

describe('the destinations\' secrets never leak', () => {
  let dest: TestDestinations;
  const seen: string[] = [];
  beforeAll(async () => {
    dest = await startTestDestinations();
  });
  afterAll(() => dest.close());

  /** Each secret, and the forms it travels in: Basic credentials, the private key's body, the issued Google tokens. */
  function secretForms(): string[] {
    const { MAILCHIMP_API_KEY: key = '', ZENDESK_EMAIL: email = '', ZENDESK_API_TOKEN: token = '', GOOGLE_SERVICE_ACCOUNT_JSON: json = '' } = dest.env;
    const privateKey = (JSON.parse(json) as { private_key: string }).private_key;
    const keyBody = privateKey.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
    const b64 = (x: string) => Buffer.from(x).toString('base64');
    return [key, key.split('-')[0] ?? key, token, json, ...keyBody.slice(0, 3), b64(`lead-ops:${key}`), b64(`${email}/token:${token}`)].filter((v) => v.length >= 8);
  }
  const leaksOf = (forms: readonly string[]) => seen.filter((c) => forms.some((f) => c.includes(f)) || /ya29\.emu-/.test(c)).map((c) => c.slice(0, 300));

  const FAULTS: readonly Fault[] = [
    { kind: 'echo', status: 400 },
    { kind: 'echo', status: 401 },
    { kind: 'echo', status: 500 },
    { kind: 'status', status: 429, retryAfterSeconds: 1 },
    { kind: 'status', status: 503, when: 'after' },
    { kind: 'lost' },
  ];

  it('request_sync: answers, log lines and the console, under echoed, refused, failed and lost answers, with the secrets in the environment or the context', async () => {
    const contacts = portal.emu.store.list('contacts').filter((c) => !c.archived && c.properties.email);
    let i = 0;
    await capturingConsole(async () => {
      for (const destination of ['mailchimp', 'google_sheets', 'zendesk'] as const) {
        for (const fault of [null, ...FAULTS]) {
          for (const inContext of [false, true]) {
            const emulator = destination === 'mailchimp' ? dest.mailchimp : destination === 'google_sheets' ? dest.googleSheets : dest.zendesk;
            emulator.faults.clear();
            if (fault) emulator.faults.inject(fault, {}, 2);
            const secretNames = Object.keys(dest.env).filter((k) => !k.endsWith('_URL'));
            const env = { PRIVATE_APP_ACCESS_TOKEN: TOKEN, HUBSPOT_API_BASE_URL: portal.emu.url, ...Object.fromEntries(Object.entries(dest.env).filter(([k]) => !inContext || !secretNames.includes(k))) };
            const secrets = inContext ? Object.fromEntries(secretNames.map((k) => [k, dest.env[k] ?? ''])) : {};
            const run = FUNCTIONS.request_sync.withOverrides({ env, clock: new VirtualClock(Date.now()), log: (l) => seen.push(l) });
            const contact = contacts[(i++ * 7) % contacts.length];
            const answer = await run({ parameters: { objectType: 'contacts', objectId: contact?.id, destination }, propertiesToSend: {}, secrets });
            seen.push(JSON.stringify(answer));
            expect(answer.ok).toBe(true);
          }
        }
      }
    });
    seen.push(...captured);
    expect(seen.some((c) => c.includes('"outcome":"in_sync"'))).toBe(true);
    expect(seen.some((c) => c.includes('"destinationProblem":true'))).toBe(true);
    expect(leaksOf(secretForms())).toEqual([]);
    expect(seen.join('\n')).not.toMatch(/(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{12,}/);
  });

  it('the sweep\'s summary (what the CLI prints) when errors echo the credentials, and with a revoked key', async () => {
    const crm = createCrmPort({ token: TOKEN, baseUrl: portal.emu.url, pacing: 'bulk' });
    // A few records per run: what is pending from the calls above, and a handful never synced.
    const since = Date.now();
    // The faults that put credentials in front of the connectors: errors echoing them back, and a refusal.
    for (const fault of FAULTS.filter((f) => f.kind === 'echo')) {
      for (const e of [dest.mailchimp, dest.googleSheets, dest.zendesk]) {
        e.faults.clear();
        e.faults.inject(fault, {}, 3);
      }
      const r = await syncSweep({ crm, config: TEST_CONFIG, now: () => new Date(), sync: { access: dest.access, runtime: { pacing: 'bulk', clock: new VirtualClock(Date.now()) } } }, { since, dryRun: false, backfill: 5 });
      seen.push(JSON.stringify(r));
    }
    const revoked = 'f00dfeedf00dfeedf00dfeedf00dfeed-us21';
    const r = await syncSweep(
      { crm, config: TEST_CONFIG, now: () => new Date(), sync: { access: destinationAccessFrom({ ...dest.env, MAILCHIMP_API_KEY: revoked }), runtime: { pacing: 'bulk' } } },
      { since, dryRun: false, backfill: 5 },
    );
    seen.push(JSON.stringify(r));
    expect(JSON.stringify(r)).toContain('MAILCHIMP_API_KEY');
    expect(leaksOf([...secretForms(), revoked, 'f00dfeedf00dfeedf00dfeedf00dfeed'])).toEqual([]);
  }, 90_000);
});
