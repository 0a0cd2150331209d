/**
 * `npm start` in one process: the HubSpot emulator with the demo portal and the Mailchimp, Google Sheets and Zendesk
 * emulators, the app functions run by HubSpot's executor against them, the cards bundled by HubSpot's builder, and
 * the web page that hosts them.
 * `startSandbox` is also what the browser tests start, on free ports.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generateAll } from '../build/generate';
import { PROJECT_ROOT, WORK_DIR } from '../config/paths';
import { ActivityLog } from './activity';
import { startAutomation, type Automation } from './automation';
import { buildAssets } from './assets';
import { buildCards, type BuiltCard } from './card-builds';
import { loadCatalog, type Catalog, type CatalogCard } from './card-catalog';
import { loadConfigFile } from '../config/config-file';
import { createCrmProxy } from './crm-proxy';
import type { RunningDestinationEmulators } from '../emulator/destinations';
import { startSandboxDestinations, type SandboxDestinations } from './destinations';
import { prepareDemoPortal, type DemoPortalStatus } from './demo-portal';
import { startSandboxEmulator, type SandboxEmulator } from './emulator-link';
import { createFunctionRunner } from './function-runner';
import { createServer } from './server';
import type { CatalogCardView, SandboxInfo } from './shared/protocol';

/** The portal id the emulator and the cards' context agree on. */
export const SANDBOX_PORTAL_ID = 12345678;
/** The app id in the cards' context (`context.extension.appId`); the sandbox has one app. */
export const SANDBOX_APP_ID = 1;

export const SANDBOX_DIR = path.join(WORK_DIR, 'sandbox');
/** Optional, git-ignored: extra secrets for the functions (KEY=value). The token and API URL in it are ignored. */
export const SANDBOX_SECRETS_FILE = path.join(__dirname, '.env');

export interface SandboxOptions {
  /** Web server port; 0 picks a free one. Default 3000. */
  readonly port?: number;
  /** Emulator port; default 0 (a free one). */
  readonly emulatorPort?: number;
  readonly seed?: 'demo' | 'empty';
  /** Run the function build (`generateAll`) first so the bundles are fresh. Default true. */
  readonly buildFunctions?: boolean;
  readonly log?: (line: string) => void;
  /** Cards to host besides the project's (tests: a probe card that exercises every worker global). */
  readonly extraCards?: readonly CatalogCard[];
}

export interface SandboxTimings {
  readonly totalMs: number;
  readonly cardsMs: number;
  readonly cardsCached: boolean;
  readonly assetsMs: number;
}

export interface RunningSandbox {
  readonly url: string;
  readonly port: number;
  readonly emulator: SandboxEmulator;
  /** The Mailchimp, Google Sheets and Zendesk emulators the functions sync to. */
  readonly destinations: RunningDestinationEmulators;
  readonly info: SandboxInfo;
  readonly timings: SandboxTimings;
  /** Requests the sandbox is serving that touch the emulator (queued or running). */
  pendingRequests(): number;
  close(): Promise<void>;
}

const ENV_DIRS = path.join(SANDBOX_DIR, 'env');
const STALE_ENV_MS = 24 * 60 * 60 * 1000;

/** A private scratch folder for the executor's `.env`; folders left by sandboxes that died a day ago are removed. */
function freshEnvDir(): string {
  fs.mkdirSync(ENV_DIRS, { recursive: true });
  for (const name of fs.readdirSync(ENV_DIRS)) {
    const full = path.join(ENV_DIRS, name);
    if (Date.now() - fs.statSync(full).mtimeMs > STALE_ENV_MS) fs.rmSync(full, { recursive: true, force: true });
  }
  return fs.mkdtempSync(path.join(ENV_DIRS, `${process.pid}-`));
}

/** Writes the generated function bundles and the config schema when they changed (as `npm run build` does). */
async function buildFunctionBundles(log: (line: string) => void): Promise<void> {
  const files = await generateAll();
  for (const f of files) {
    const current = fs.existsSync(f.path) ? fs.readFileSync(f.path, 'utf8') : null;
    if (current === f.contents) continue;
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    fs.writeFileSync(f.path, f.contents);
    log(`wrote ${path.relative(PROJECT_ROOT, f.path)}`);
  }
}

function cardViews(catalog: Catalog, built: ReadonlyMap<string, BuiltCard>): CatalogCardView[] {
  return catalog.cards.map((c) => {
    const b = built.get(c.uid);
    return {
      uid: c.uid,
      name: c.name,
      description: c.description,
      location: c.location,
      objectTypes: c.objectTypes,
      bundleUrl: b ? `/cards/${c.uid}.${b.hash}.js` : null,
      bundleBytes: b ? b.bytes : null,
    };
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(`[sandbox] ${line}`));
  // Independent start-up work runs side by side; the card builds wait only for the catalog.
  const emulatorP = startSandboxEmulator({ port: options.emulatorPort ?? 0, seed: options.seed ?? 'demo', portalId: SANDBOX_PORTAL_ID });
  const destinationsP = startSandboxDestinations();
  const functionsP = options.buildFunctions === false ? Promise.resolve() : buildFunctionBundles(log);
  const catalogP = functionsP.then(async () => {
    const catalog = await loadCatalog();
    return options.extraCards ? { ...catalog, cards: [...catalog.cards, ...options.extraCards] } : catalog;
  });
  const assetsP = buildAssets();
  const cardsP = catalogP.then((catalog) =>
    buildCards(catalog.cards, { log }).then(
      (r) => ({ ok: true as const, r }),
      (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
    ),
  );

  let emulator: SandboxEmulator | null = null;
  let app: FastifyInstance | null = null;
  let envDir: string | null = null;
  let automation: Automation | null = null;
  let destinations: SandboxDestinations | null = null;
  try {
    emulator = await emulatorP;
    destinations = await destinationsP;
    const [catalog, assets, cardBuild] = await Promise.all([catalogP, assetsP, cardsP]);
    const demo: DemoPortalStatus = await prepareDemoPortal(emulator.url, emulator.token);
    // The page's sweep covers what changed from here on (the demo data loaded above is the starting point).
    const readyAt = Date.now();
    const built = cardBuild.ok ? cardBuild.r.cards : new Map<string, BuiltCard>();
    if (!cardBuild.ok) log(`cards could not be built: ${cardBuild.error}`);
    else log(`cards: ${[...built.values()].map((b) => `${b.uid} ${b.bytes} B`).join(', ')} (${cardBuild.r.cached ? 'cached' : `built in ${cardBuild.r.ms} ms`})`);

    // One scratch .env per sandbox: two sandboxes (two terminals, parallel tests) must not read each other's
    // emulator URL, since the executor reloads the file on every call.
    envDir = freshEnvDir();
    const functions = await createFunctionRunner({
      functions: catalog.functions,
      apiOrigin: emulator.url,
      token: emulator.token,
      envDir,
      secretsFile: SANDBOX_SECRETS_FILE,
      forcedEnv: destinations.env,
      accountId: SANDBOX_PORTAL_ID,
      log: (level, message) => {
        if (level === 'warn' || level === 'error') log(`function ${level}: ${message}`);
      },
    });
    const running = emulator;
    const activity = new ActivityLog(() => running.requestLog());
    const info: SandboxInfo = {
      appName: catalog.appName,
      permittedFetchUrls: catalog.permittedFetchUrls,
      appId: SANDBOX_APP_ID,
      portalId: SANDBOX_PORTAL_ID,
      emulatorUrl: emulator.url,
      cards: cardViews(catalog, built),
      functions: functions.uids,
      variables: { ...catalog.variables },
      profile: catalog.profile,
      buildError: cardBuild.ok ? null : `The cards could not be built with HubSpot's builder: ${cardBuild.error}`,
      demo,
    };
    app = await createServer({ info, assets, cards: built, functions, crm: createCrmProxy({ baseUrl: emulator.url, token: emulator.token }), activity, log });
    // Webhooks from the emulator to the opt-in endpoint function, and the page's "New contact" form (issue 11).
    automation = await startAutomation({ emulator: running, activity, envDir, log });
    automation.register(app);
    destinations.register(app, { emulator: running, activity, config: loadConfigFile(), readyAt });
    await app.listen({ host: '127.0.0.1', port: options.port ?? 3000 });
    const address = app.server.address();
    const port = address && typeof address === 'object' ? address.port : (options.port ?? 3000);
    const server = app;
    const scratch = envDir;
    const tools = destinations;
    return {
      url: `http://127.0.0.1:${port}/`,
      port,
      emulator,
      destinations: destinations.emulators,
      info,
      pendingRequests: () => activity.pending,
      timings: { totalMs: Date.now() - started, cardsMs: cardBuild.ok ? cardBuild.r.ms : 0, cardsCached: cardBuild.ok && cardBuild.r.cached, assetsMs: assets.ms },
      close: async () => {
        automation?.close();
        await server.close();
        await running.close();
        await tools.close();
        fs.rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    automation?.close();
    await app?.close().catch(() => undefined);
    await emulator?.close().catch(() => undefined);
    await (destinations ?? (await destinationsP.catch(() => null)))?.close().catch(() => undefined);
    if (envDir) fs.rmSync(envDir, { recursive: true, force: true });
    throw e;
  }
}
