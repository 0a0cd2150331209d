import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { formatConfigIssues } from '../core/config/issues';
import { configJsonSchema, parseConfig } from '../core/config/schema';
import { APP_FUNCTIONS_DIR, CONFIG_FILE, CONFIG_SCHEMA_FILE, FUNCTION_SOURCES_DIR, PROJECT_ROOT } from './paths';

export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

export const GENERATED_BANNER_PREFIX = '// GENERATED from ';

/** The function sources that become entrypoints: src/functions/<kebab-name>.ts (tests and runtime/ excluded). */
export function functionSources(): string[] {
  return fs
    .readdirSync(FUNCTION_SOURCES_DIR)
    .filter((f) => /^[a-z0-9-]+\.ts$/.test(f) && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join(FUNCTION_SOURCES_DIR, f));
}

/** Reads and validates the configuration file; throws an Error whose message names the file, path and fix. */
export function readConfigFile(file = CONFIG_FILE): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${path.relative(PROJECT_ROOT, file)} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parseConfig(raw);
  if (!parsed.ok) {
    throw new Error(`${path.relative(PROJECT_ROOT, file)} is invalid:\n${formatConfigIssues(parsed.error).replace(/^/gm, '  ')}`);
  }
  return raw;
}

/** Bundles one function source into the CommonJS entrypoint HubSpot loads (`exports.main`). */
export async function bundleFunction(source: string): Promise<GeneratedFile> {
  const name = path.basename(source, '.ts');
  const rel = path.relative(path.join(PROJECT_ROOT, 'src'), source).split(path.sep).join('/');
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The SDK is installed by HubSpot from src/app/functions/package.json; everything else is inlined.
    external: ['@hubspot/api-client'],
    write: false,
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    banner: { js: `${GENERATED_BANNER_PREFIX}${rel} by \`npm run build\`. Do not edit: edit the source and rebuild.` },
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced no output for ${rel}`);
  return { path: path.join(APP_FUNCTIONS_DIR, `${name}.js`), contents: out.text };
}

export async function generateAll(options: { profile?: string | undefined } = {}): Promise<GeneratedFile[]> {
  void options.profile;
  readConfigFile();
  const schema: GeneratedFile = {
    path: CONFIG_SCHEMA_FILE,
    contents: `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
  };
  const bundles = await Promise.all(functionSources().map(bundleFunction));
  return [schema, ...bundles];
}
