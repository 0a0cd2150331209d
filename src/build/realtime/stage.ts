import fs from 'node:fs';
import path from 'node:path';
import { readConfigFile } from '../../config/config-file';
import { bundleFunction, configSetForProfile } from '../generate';
import { FUNCTION_SOURCES_DIR, PROJECT_ROOT, SRC_DIR, WORK_DIR } from '../../config/paths';
import { ENDPOINT_FUNCTION_NAME, ENDPOINT_URL_VARIABLE } from '../../realtime/components';
import { realtimeGeneratedFiles } from './component-files';

/**
 * The opt-in (realtime) upload, staged outside the working tree: a copy of the project (hsproject.json, .hsignore,
 * src/app without node_modules, the profiles) plus the webhooks component, the workflow action and the endpoint
 * function (its bundle built with the profile's configuration and the public URL baked in). `npm run deploy --
 * --realtime` uploads this folder; the default upload, from the project root, never sees these files.
 */

export const STAGE_DIR = path.join(WORK_DIR, 'realtime-project');

export interface StagedProject {
  readonly root: string;
  readonly srcDir: string;
  /** The endpoint's public URL from the profile (null without a profile or variable). */
  readonly endpointUrl: string | null;
  /** Files added to the app (relative to srcDir). */
  readonly added: readonly string[];
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(a, b);
    else if (entry.isFile()) fs.copyFileSync(a, b);
  }
}

/** The profile's LEAD_OPS_ENDPOINT_URL, when set. */
export function endpointUrlOf(profile: string | undefined): string | null {
  if (!profile) return null;
  const file = path.join(SRC_DIR, `hsprofile.${profile}.json`);
  if (!fs.existsSync(file)) return null;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { variables?: Record<string, unknown> };
  const v = parsed.variables?.[ENDPOINT_URL_VARIABLE];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

export async function stageRealtimeProject(options: { profile?: string; outDir?: string; endpointUrl?: string } = {}): Promise<StagedProject> {
  const root = options.outDir ?? STAGE_DIR;
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  for (const f of ['hsproject.json', '.hsignore']) fs.copyFileSync(path.join(PROJECT_ROOT, f), path.join(root, f));
  const srcDir = path.join(root, 'src');
  copyTree(path.join(SRC_DIR, 'app'), path.join(srcDir, 'app'));
  for (const f of fs.readdirSync(SRC_DIR).filter((n) => /^hsprofile\..+\.json$/.test(n))) fs.copyFileSync(path.join(SRC_DIR, f), path.join(srcDir, f));

  const configSet = options.profile ? configSetForProfile(options.profile) : undefined;
  const added: string[] = [];
  for (const f of realtimeGeneratedFiles(readConfigFile(), configSet)) {
    const target = path.join(srcDir, f.uploadPath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.contents);
    added.push(f.uploadPath);
  }
  const endpointUrl = options.endpointUrl ?? endpointUrlOf(options.profile);
  const bundle = await bundleFunction(path.join(FUNCTION_SOURCES_DIR, `${ENDPOINT_FUNCTION_NAME}.ts`), configSet, {
    define: { __LEAD_OPS_ENDPOINT_URL__: JSON.stringify(endpointUrl ?? '') },
  });
  const bundlePath = path.join(srcDir, 'app', 'functions', `${ENDPOINT_FUNCTION_NAME}.js`);
  fs.writeFileSync(bundlePath, bundle.contents);
  added.push(`app/functions/${ENDPOINT_FUNCTION_NAME}.js`);
  return { root, srcDir, endpointUrl, added: added.sort() };
}
