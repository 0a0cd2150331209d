import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { bundleFunction, configSetForProfile, functionSources, GENERATED_BANNER_PREFIX } from '../../build/generate';
import { readConfigFile } from '../../config/config-file';
import {
  buildCard,
  describeTranslateError,
  executorFunctions,
  loadExecutor,
  readProjectFile,
  translateProject,
  uploadFileList,
  type IrNode,
  type TranslatedProject,
} from '../../build/hubspot-tooling';
import { CARDS_DIR, PROJECT_ROOT, SRC_DIR, WORK_DIR } from '../../config/paths';
import { checkDefaultBuild, checkDrift, checkRealtimeBuild } from '../../build/realtime/check';

/**
 * `lead-ops check`: validates the project offline, with HubSpot's own libraries where they exist and our checks of
 * the rules HubSpot only enforces online. Every step prints one line; the command exits 1 if any step failed.
 */

export interface StepResult {
  readonly step: string;
  readonly ok: boolean;
  readonly summary: string;
  readonly problems: readonly string[];
}

const CARD_LOCATIONS = ['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'];
const CARD_OBJECT_TYPES = ['contacts', 'companies', 'deals', 'tickets'];
const UID = /^[a-z][a-z0-9_]{1,63}$/;

const kebabToSnake = (s: string): string => s.replace(/-/g, '_');
const configOf = (n: IrNode): Record<string, unknown> => (n.config && typeof n.config === 'object' ? (n.config as Record<string, unknown>) : {});
const isType = (n: IrNode, ...types: string[]): boolean => types.includes(n.componentType);

/** The checks HubSpot only makes online (or not at all), done locally. Pure over the translated project. */
export function checkComponents(project: TranslatedProject): StepResult {
  const problems: string[] = [];
  const apps = project.nodes.filter((n) => isType(n, 'APPLICATION'));
  const cards = project.nodes.filter((n) => isType(n, 'CARD'));
  const functions = project.nodes.filter((n) => isType(n, 'APP_FUNCTION'));

  for (const f of project.skippedHsMetaFiles) problems.push(`${f}: *-hsmeta.json files must sit flat in app/cards or app/functions`);
  if (apps.length !== 1) problems.push(`expected exactly one app, found ${apps.length}`);
  for (const app of apps) {
    const c = configOf(app);
    const auth = (c.auth ?? {}) as Record<string, unknown>;
    if (c.distribution !== 'private') problems.push(`${app.metaFilePath}: app functions need "distribution": "private"`);
    if (auth.type !== 'static') problems.push(`${app.metaFilePath}: app functions need "auth.type": "static"`);
    const scopes = Array.isArray(auth.requiredScopes) ? auth.requiredScopes : [];
    if (scopes.length === 0) problems.push(`${app.metaFilePath}: auth.requiredScopes is empty`);
    const support = JSON.stringify(c.support ?? {});
    if (/example\.com|555-?5555|\+1800555/.test(support)) problems.push(`${app.metaFilePath}: the support block still holds template placeholders`);
  }
  for (const n of project.nodes) {
    if (!n.uid.startsWith('hubspot-') && !UID.test(n.uid)) problems.push(`${n.metaFilePath}: uid "${n.uid}" should be snake_case`);
  }
  for (const card of cards) {
    const c = configOf(card);
    const where = card.metaFilePath;
    if (typeof c.name !== 'string' || c.name.trim() === '') problems.push(`${where}: config.name (the card title) is required`);
    if (!CARD_LOCATIONS.includes(String(c.location))) problems.push(`${where}: location must be one of ${CARD_LOCATIONS.join(', ')}`);
    const types = Array.isArray(c.objectTypes) ? c.objectTypes.map(String) : [];
    if (types.length === 0) problems.push(`${where}: objectTypes is required`);
    for (const t of types) if (!CARD_OBJECT_TYPES.includes(t)) problems.push(`${where}: unknown object type "${t}"`);
    const entry = String(c.entrypoint ?? '');
    if (!entry.startsWith('/app/cards/')) problems.push(`${where}: entrypoint must be a path from srcDir with a leading slash, e.g. /app/cards/Card.tsx`);
    else if (!fs.existsSync(path.join(SRC_DIR, entry))) problems.push(`${where}: entrypoint ${entry} does not exist`);
    if (!/\.(tsx|ts|jsx|js)$/.test(entry)) problems.push(`${where}: entrypoint must end in .tsx, .ts, .jsx or .js`);
  }
  for (const fn of functions) {
    const c = configOf(fn);
    const where = fn.metaFilePath;
    const entry = String(c.entrypoint ?? '');
    const file = path.join(SRC_DIR, entry);
    const name = path.basename(entry, '.js');
    if (!/^\/app\/functions\/[a-z0-9-]+\.js$/.test(entry)) {
      problems.push(`${where}: entrypoint must be /app/functions/<kebab-name>.js (a CommonJS bundle)`);
      continue;
    }
    if (kebabToSnake(name) !== fn.uid) problems.push(`${where}: uid "${fn.uid}" should be "${kebabToSnake(name)}" to pair with ${entry}`);
    if (path.basename(where) !== `${name}-hsmeta.json`) problems.push(`${where}: should be named ${name}-hsmeta.json beside ${name}.js`);
    if (!fs.existsSync(path.join(SRC_DIR, 'functions', `${name}.ts`))) problems.push(`${where}: no TypeScript source src/functions/${name}.ts`);
    if (!fs.existsSync(file)) problems.push(`${where}: entrypoint ${entry} is missing (run \`npm run build\`)`);
    else if (!fs.readFileSync(file, 'utf8').startsWith(GENERATED_BANNER_PREFIX)) problems.push(`${entry}: is not a generated bundle`);
  }
  const names = new Set(functionSources().map((f) => kebabToSnake(path.basename(f, '.ts'))));
  for (const fn of functions) names.delete(fn.uid);
  for (const orphan of names) problems.push(`src/functions/${orphan.replace(/_/g, '-')}.ts has no *-hsmeta.json in app/functions`);
  if (fs.existsSync(path.join(CARDS_DIR, 'dist'))) problems.push('src/app/cards/dist exists: HubSpot empties it on build and it must not be uploaded');

  return {
    step: 'components',
    ok: problems.length === 0,
    summary: `1 app, ${cards.length} cards (${cards.map((c) => c.uid).join(', ')}), ${functions.length} functions (${functions.map((f) => f.uid).join(', ')})`,
    problems,
  };
}

/** Files an upload would carry must be the app and the profiles only (DECISIONS 15). */
export function checkUploadList(files: readonly string[]): StepResult {
  const problems = files
    .filter((f) => !(f.startsWith('app/') || /^hsprofile\.[a-z0-9-]+\.json$/.test(f)) || f.startsWith('app/cards/dist/') || /(^|\/)\.env/.test(f))
    .map((f) => `${f} would be uploaded; keep it out with .hsignore`);
  return { step: 'upload', ok: problems.length === 0, summary: `${files.length} files would be uploaded, all under app/ or profiles`, problems };
}

async function checkFreshBundles(profile?: string): Promise<StepResult> {
  const problems: string[] = [];
  const configSet = profile ? configSetForProfile(profile) : undefined;
  for (const source of functionSources()) {
    const fresh = await bundleFunction(source, configSet);
    const rel = path.relative(PROJECT_ROOT, fresh.path);
    if (!fs.existsSync(fresh.path)) problems.push(`${rel} is missing (run \`npm run build\`)`);
    else if (fs.readFileSync(fresh.path, 'utf8') !== fresh.contents) problems.push(`${rel} is stale (run \`npm run build\`)`);
  }
  const set = configSet ? ` (configuration set "${configSet}")` : '';
  return { step: 'bundles', ok: problems.length === 0, summary: `${functionSources().length} function bundles match their sources${set}`, problems };
}

async function checkExecutor(project: TranslatedProject): Promise<StepResult> {
  const functions = executorFunctions(project);
  const problems: string[] = [];
  // DECISIONS 10: never a real portal; `{}` must be refused before any API call is made.
  const saved = { url: process.env.HUBSPOT_API_BASE_URL, token: process.env.PRIVATE_APP_ACCESS_TOKEN };
  process.env.HUBSPOT_API_BASE_URL = 'http://127.0.0.1:9';
  process.env.PRIVATE_APP_ACCESS_TOKEN = 'lead-ops-check-fake-token';
  try {
    const run = await loadExecutor(functions, { apiOrigin: 'http://127.0.0.1:9', timeoutMs: 10_000 });
    for (const f of functions) {
      try {
        const answer = (await run(f.uid, { parameters: {} })) as { ok?: unknown; error?: { code?: unknown } } | null;
        if (!answer || answer.ok !== false || answer.error?.code !== 'INVALID_INPUT') {
          problems.push(`${f.uid}: called with {} it answered ${JSON.stringify(answer)?.slice(0, 200)}, expected INVALID_INPUT`);
        }
      } catch (e) {
        problems.push(`${f.uid}: HubSpot's executor failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } finally {
    if (saved.url === undefined) delete process.env.HUBSPOT_API_BASE_URL;
    else process.env.HUBSPOT_API_BASE_URL = saved.url;
    if (saved.token === undefined) delete process.env.PRIVATE_APP_ACCESS_TOKEN;
    else process.env.PRIVATE_APP_ACCESS_TOKEN = saved.token;
  }
  return {
    step: 'functions',
    ok: problems.length === 0,
    summary: `${functions.length} functions answer through HubSpot's executor (INVALID_INPUT for {})`,
    problems,
  };
}

async function checkCards(project: TranslatedProject): Promise<StepResult> {
  const problems: string[] = [];
  const sizes: string[] = [];
  for (const card of project.nodes.filter((n) => isType(n, 'CARD'))) {
    const entry = path.join(SRC_DIR, String(configOf(card).entrypoint ?? ''));
    try {
      const built = await buildCard(entry, path.join(WORK_DIR, 'cards', card.uid));
      sizes.push(`${card.uid} ${(built.bytes / 1024).toFixed(1)} KiB`);
    } catch (e) {
      problems.push(`${card.uid}: uie build failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { step: 'cards', ok: problems.length === 0, summary: `${sizes.length} cards built with uie build (${sizes.join(', ')})`, problems };
}

function checkProjectFile(): StepResult {
  const p = readProjectFile();
  const problems: string[] = [];
  if (p.name !== 'hubspot-lead-ops') problems.push(`hsproject.json: name is "${p.name}", expected "hubspot-lead-ops"`);
  if (p.srcDir !== 'src') problems.push('hsproject.json: srcDir must be "src"');
  if (p.platformVersion !== '2026.03') problems.push(`hsproject.json: platformVersion is "${p.platformVersion}", expected "2026.03"`);
  return { step: 'project', ok: problems.length === 0, summary: `${p.name}, platform ${p.platformVersion}, srcDir ${p.srcDir}`, problems };
}

function checkConfig(): StepResult {
  try {
    readConfigFile();
    return { step: 'config', ok: true, summary: 'src/config/lead-ops.config.json is valid', problems: [] };
  } catch (e) {
    return { step: 'config', ok: false, summary: 'configuration file is invalid', problems: [e instanceof Error ? e.message : String(e)] };
  }
}

export interface CheckOptions {
  readonly skipCards?: boolean;
  readonly profile?: string;
  /** Validate the opt-in (realtime) build for upload with the profile (needs LEAD_OPS_ENDPOINT_URL). */
  readonly realtime?: boolean;
}

export async function runChecks(options: CheckOptions = {}, report: (r: StepResult) => void = () => undefined): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const add = (r: StepResult): void => {
    results.push(r);
    report(r);
  };
  add(checkProjectFile());
  add(checkConfig());
  let project: TranslatedProject | null = null;
  try {
    project = await translateProject(options.profile ? { profile: options.profile } : {});
    add({ step: 'translate', ok: true, summary: `HubSpot's parser read ${project.nodes.length} components`, problems: [] });
  } catch (e) {
    add({ step: 'translate', ok: false, summary: "HubSpot's parser rejected the project", problems: [describeTranslateError(e)] });
  }
  if (project) add(checkComponents(project));
  add(await checkFreshBundles(options.profile));
  const uploadFiles = await uploadFileList();
  add(checkUploadList(uploadFiles));
  if (project) add(await checkExecutor(project));
  // The opt-in components (issue 11): in step with the configuration, absent from the default build, valid for HubSpot.
  add(checkDrift());
  if (project) add(checkDefaultBuild(project, uploadFiles));
  add(await checkRealtimeBuild({ ...(options.profile ? { profile: options.profile } : {}), forUpload: Boolean(options.realtime) }));
  if (project && !options.skipCards) add(await checkCards(project));
  return results;
}

export function register(program: Command): void {
  program
    .command('check')
    .description("validate the project offline with HubSpot's own parser, executor and card builder")
    .option('--skip-cards', 'do not bundle the cards (faster)')
    .option('--profile <name>', 'translate with src/hsprofile.<name>.json')
    .option('--realtime', 'validate the opt-in build (webhooks, workflow action, endpoint) for upload with the profile')
    .action(async (opts: { skipCards?: boolean; profile?: string; realtime?: boolean }) => {
      const results = await runChecks(opts, (r) => {
        process.stdout.write(`${r.ok ? '✔' : '✖'} ${r.step.padEnd(10)} ${r.summary}\n`);
        for (const p of r.problems) process.stdout.write(`    ${p}\n`);
      });
      const failed = results.filter((r) => !r.ok);
      process.stdout.write(failed.length === 0 ? `check passed (${results.length} steps)\n` : `check failed: ${failed.map((r) => r.step).join(', ')}\n`);
      process.exitCode = failed.length === 0 ? 0 : 1;
    });
}
