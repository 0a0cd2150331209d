import fs from 'node:fs';
import path from 'node:path';
import { readConfigFile } from '../../config/config-file';
import { describeTranslateError, loadExecutor, translateProject, uploadFileList, type IrNode, type TranslatedProject } from '../hubspot-tooling';
import { PROJECT_ROOT, WORK_DIR } from '../../config/paths';
import { CLIENT_SECRET_KEY, ENDPOINT_FUNCTION_NAME, ENDPOINT_FUNCTION_UID, ENDPOINT_URL_VARIABLE, WEBHOOKS_UID, WORKFLOW_ACTION_UID } from '../../realtime/components';
import { realtimeGeneratedFiles } from './component-files';
import { stageRealtimeProject } from './stage';

/**
 * `lead-ops check` steps for the opt-in components:
 * - `realtime-drift`: the committed components in src/realtime/components/ match what the configuration generates
 *   (subscriptions are exactly the model's and the rules' inputs);
 * - `default-build`: HubSpot's parser and upload rules prove the default project holds no endpoint function, no
 *   webhooks and no workflow action;
 * - `realtime`: the staged opt-in project goes through HubSpot's parser (with the profile when `forUpload`), holds
 *   the three components as expected, and its endpoint bundle answers an unsigned call through HubSpot's executor
 *   with 401.
 */

export interface RealtimeStep {
  readonly step: string;
  readonly ok: boolean;
  readonly summary: string;
  readonly problems: readonly string[];
}

const configOf = (n: IrNode): Record<string, unknown> => (n.config && typeof n.config === 'object' ? (n.config as Record<string, unknown>) : {});
const isEndpointFunction = (n: IrNode): boolean => n.componentType === 'APP_FUNCTION' && configOf(n).endpoint !== undefined;
const OPT_IN_TYPES = new Set(['WEBHOOKS', 'WORKFLOW_ACTION', 'WEBHOOKS_JOURNAL']);

export function checkDrift(read: (file: string) => string | null = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null)): RealtimeStep {
  const problems: string[] = [];
  let files: ReturnType<typeof realtimeGeneratedFiles> = [];
  try {
    files = realtimeGeneratedFiles(readConfigFile());
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  for (const f of files) {
    const rel = path.relative(PROJECT_ROOT, f.path);
    const current = read(f.path);
    if (current === null) problems.push(`${rel} is missing (run \`npm run build\`)`);
    else if (current !== f.contents) problems.push(`${rel} has drifted from src/config/lead-ops.config.json (run \`npm run build\`)`);
  }
  return { step: 'realtime-drift', ok: problems.length === 0, summary: `${files.length} opt-in components match the configuration`, problems };
}

/** Pure over the default project and its upload list. */
export function checkDefaultBuild(project: TranslatedProject, uploadFiles: readonly string[]): RealtimeStep {
  const problems: string[] = [];
  for (const n of project.nodes) {
    if (OPT_IN_TYPES.has(n.componentType)) problems.push(`${n.metaFilePath}: ${n.componentType} belongs in the opt-in build only`);
    if (isEndpointFunction(n)) problems.push(`${n.metaFilePath}: an endpoint function belongs in the opt-in build only`);
  }
  for (const f of uploadFiles) {
    if (f.startsWith('app/webhooks/') || f.startsWith('app/workflow-actions/') || f.startsWith(`app/functions/${ENDPOINT_FUNCTION_NAME}`)) problems.push(`${f} would be in the default upload`);
  }
  return {
    step: 'default-build',
    ok: problems.length === 0,
    summary: `the default build has no endpoint function, webhooks or workflow action (${project.nodes.length} components, ${uploadFiles.length} files)`,
    problems,
  };
}

/** Checks of the staged opt-in project's components (pure over HubSpot's translation). */
export function checkRealtimeComponents(project: TranslatedProject): string[] {
  const problems: string[] = [];
  const byUid = new Map(project.nodes.map((n) => [n.uid, n]));
  const fn = byUid.get(ENDPOINT_FUNCTION_UID);
  const hooks = byUid.get(WEBHOOKS_UID);
  const action = byUid.get(WORKFLOW_ACTION_UID);
  if (!fn || !isEndpointFunction(fn)) problems.push(`the endpoint function ${ENDPOINT_FUNCTION_UID} is missing or has no endpoint`);
  else {
    const c = configOf(fn);
    const secrets = Array.isArray(c.secretKeys) ? c.secretKeys.map(String) : [];
    if (!secrets.includes(CLIENT_SECRET_KEY)) problems.push(`${fn.metaFilePath}: secretKeys must list ${CLIENT_SECRET_KEY}`);
    const endpoint = (c.endpoint ?? {}) as { methods?: unknown };
    if (!Array.isArray(endpoint.methods) || !endpoint.methods.includes('POST')) problems.push(`${fn.metaFilePath}: the endpoint must accept POST`);
  }
  if (!hooks || hooks.componentType !== 'WEBHOOKS') problems.push(`the webhooks component ${WEBHOOKS_UID} is missing`);
  else {
    const subs = ((configOf(hooks).subscriptions ?? {}) as { crmObjects?: { propertyName?: string }[] }).crmObjects ?? [];
    for (const s of subs) if (s.propertyName?.startsWith('lead_ops_')) problems.push(`${hooks.metaFilePath}: subscribes to our own output ${s.propertyName}`);
    if (subs.length === 0) problems.push(`${hooks.metaFilePath}: no subscriptions`);
  }
  if (!action || action.componentType !== 'WORKFLOW_ACTION') problems.push(`the workflow action ${WORKFLOW_ACTION_UID} is missing`);
  return problems;
}

function isUsableUrl(url: string | null): boolean {
  if (!url || !/^https:\/\//.test(url)) return false;
  const host = new URL(url).hostname;
  return !/(^|\.)example\.(com|org|net)$|\.invalid$|^localhost$|^127\./.test(host);
}

export async function checkRealtimeBuild(options: { profile?: string; forUpload?: boolean } = {}): Promise<RealtimeStep> {
  const problems: string[] = [];
  const staged = await stageRealtimeProject({ ...(options.profile ? { profile: options.profile } : {}), outDir: path.join(WORK_DIR, 'realtime-check') });
  if (options.forUpload && !isUsableUrl(staged.endpointUrl)) {
    problems.push(
      `src/hsprofile.${options.profile ?? '<profile>'}.json: variables.${ENDPOINT_URL_VARIABLE} must be the endpoint function's public https URL (webhooks and the workflow action call it, and HubSpot signs it)`,
    );
  }
  let project: TranslatedProject | null = null;
  try {
    project = await translateProject({ srcDir: staged.srcDir, ...(options.forUpload && options.profile ? { profile: options.profile } : {}) });
  } catch (e) {
    problems.push(`HubSpot's parser rejected the opt-in project: ${describeTranslateError(e)}`);
  }
  if (project) problems.push(...checkRealtimeComponents(project));
  const files = await uploadFileList(staged.root);
  for (const f of staged.added) if (!files.includes(f)) problems.push(`${f} would not be uploaded by the opt-in deploy`);

  // The bundle, run the way `hs project dev` runs functions: an unsigned call must be refused before any work.
  const saved = { url: process.env.HUBSPOT_API_BASE_URL, token: process.env.PRIVATE_APP_ACCESS_TOKEN };
  process.env.HUBSPOT_API_BASE_URL = 'http://127.0.0.1:9';
  process.env.PRIVATE_APP_ACCESS_TOKEN = 'lead-ops-check-fake-token';
  try {
    const envDir = path.join(WORK_DIR, 'realtime-check-env');
    fs.mkdirSync(envDir, { recursive: true });
    fs.writeFileSync(path.join(envDir, '.env'), `HUBSPOT_API_BASE_URL=http://127.0.0.1:9\nPRIVATE_APP_ACCESS_TOKEN=lead-ops-check-fake-token\n${CLIENT_SECRET_KEY}=lead-ops-check-secret\n`);
    const run = await loadExecutor([{ uid: ENDPOINT_FUNCTION_UID, file: path.join(staged.srcDir, 'app', 'functions', `${ENDPOINT_FUNCTION_NAME}.js`), secretKeys: [CLIENT_SECRET_KEY] }], {
      apiOrigin: 'http://127.0.0.1:9',
      envDir,
      timeoutMs: 10_000,
    });
    const answer = (await run(ENDPOINT_FUNCTION_UID, { parameters: { method: 'POST', url: 'https://hooks.invalid/lead-ops/events', headers: {}, body: '[]' } })) as { statusCode?: unknown } | null;
    if (!answer || answer.statusCode !== 401) problems.push(`${ENDPOINT_FUNCTION_UID}: an unsigned call answered ${JSON.stringify(answer)?.slice(0, 200)}, expected statusCode 401`);
  } catch (e) {
    problems.push(`${ENDPOINT_FUNCTION_UID}: HubSpot's executor failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    if (saved.url === undefined) delete process.env.HUBSPOT_API_BASE_URL;
    else process.env.HUBSPOT_API_BASE_URL = saved.url;
    if (saved.token === undefined) delete process.env.PRIVATE_APP_ACCESS_TOKEN;
    else process.env.PRIVATE_APP_ACCESS_TOKEN = saved.token;
  }
  return {
    step: 'realtime',
    ok: problems.length === 0,
    summary: `opt-in build: ${project?.nodes.length ?? 0} components through HubSpot's parser${options.forUpload ? ` with profile ${options.profile ?? ''}` : ''}, endpoint refuses unsigned calls (401)`,
    problems,
  };
}
