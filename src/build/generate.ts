import { build, type Plugin } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { resolveEnvironment } from '../core/config/environments';
import { configJsonSchema } from '../core/config/schema';
import { readConfigFile } from '../config/config-file';
import { REALTIME_ONLY_FUNCTIONS } from '../realtime/components';
import { realtimeGeneratedFiles } from './realtime/component-files';
import { APP_FUNCTIONS_DIR, CONFIG_SCHEMA_FILE, FUNCTION_SOURCES_DIR, PROJECT_ROOT, SRC_DIR } from '../config/paths';

export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

export const GENERATED_BANNER_PREFIX = '// GENERATED from ';

/**
 * The function sources that become entrypoints of the default build: src/functions/<kebab-name>.ts (tests,
 * runtime/ and the opt-in endpoint function excluded; `npm run deploy -- --realtime` bundles that one).
 */
export function functionSources(): string[] {
  return fs
    .readdirSync(FUNCTION_SOURCES_DIR)
    .filter((f) => /^[a-z0-9-]+\.ts$/.test(f) && !f.endsWith('.test.ts') && !REALTIME_ONLY_FUNCTIONS.includes(f.slice(0, -3)))
    .sort()
    .map((f) => path.join(FUNCTION_SOURCES_DIR, f));
}

/** The configuration set a profile selects: its variable LEAD_OPS_CONFIG_SET, else the profile's name. */
export function configSetForProfile(profile: string): string {
  const file = path.join(SRC_DIR, `hsprofile.${profile}.json`);
  if (!fs.existsSync(file)) throw new Error(`No profile src/hsprofile.${profile}.json (profiles: ${listProfiles().join(', ') || 'none'})`);
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { variables?: Record<string, unknown> };
  const set = parsed.variables?.LEAD_OPS_CONFIG_SET;
  return typeof set === 'string' && set !== '' ? set : profile;
}

export function listProfiles(): string[] {
  return fs
    .readdirSync(SRC_DIR)
    .map((f) => /^hsprofile\.([a-z0-9-]+)\.json$/.exec(f)?.[1])
    .filter((n): n is string => Boolean(n))
    .sort();
}

/**
 * Serves `lead-ops.config.json` to the bundler as the merged configuration of one environment, without the other
 * environments: a bundle carries exactly the configuration it runs with.
 */
function configPlugin(configSet: string | undefined): Plugin {
  return {
    name: 'lead-ops-config',
    setup(b) {
      b.onLoad({ filter: /lead-ops\.config\.json$/ }, (args) => {
        const raw: unknown = JSON.parse(fs.readFileSync(args.path, 'utf8'));
        const resolved = resolveEnvironment(raw, configSet, { allowMissing: true });
        if (!resolved.ok) return { errors: resolved.error.map((i) => ({ text: `${i.path}: ${i.message}` })) };
        return { contents: JSON.stringify(resolved.value), loader: 'json' };
      });
    },
  };
}

/**
 * zod's `z` namespace re-exports every locale (about 250 KB of the bundle, much of a function's cold start spent
 * compiling messages in forty languages it never shows). Functions answer in English: the plugin keeps `en` only.
 */
const englishOnlyZodLocales: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', args.path.endsWith('.cjs') ? 'en.cjs' : 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * Parts of zod a function never runs (JSON Schema conversion both ways, ahead-of-time schema compilation): the
 * namespace import keeps them in the bundle, where a cold instance spends time compiling them. The build swaps them
 * for modules that throw if ever called; `npm run build` converts the schema in its own process, not in a bundle.
 */
const UNUSED_ZOD_MODULES = /^\.{1,2}\/(?:core\/)?(json-schema-processors|to-json-schema|from-json-schema|compile)\.c?js$/;
const withoutUnusedZod: Plugin = {
  name: 'zod-without-unused',
  setup(b) {
    b.onResolve({ filter: UNUSED_ZOD_MODULES }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: args.path, namespace: 'zod-unused' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-unused' }, () => ({
      // Every export a zod module may ask for resolves to a function that says why it is missing.
      contents: 'const missing = () => { throw new Error("not bundled into app functions"); }; module.exports = new Proxy({}, { get: (_t, k) => (k === "__esModule" ? false : missing) });',
      loader: 'js',
    }));
  },
};

/**
 * Bundles one function source into the CommonJS entrypoint HubSpot loads (`exports.main`). `define` replaces
 * identifiers with JSON literals (the realtime build bakes in the endpoint's public URL).
 */
export async function bundleFunction(source: string, configSet?: string, options: { define?: Record<string, string> } = {}): Promise<GeneratedFile> {
  const name = path.basename(source, '.ts');
  const rel = path.relative(path.join(PROJECT_ROOT, 'src'), source).split(path.sep).join('/');
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Everything is inlined. The SDK is left out so that an accidental import of it shows up as a require the
    // bundle test refuses, instead of megabytes inlined: the client layer talks to HubSpot over node:http.
    external: ['@hubspot/api-client'],
    write: false,
    // Minified: a cold function instance compiles less source before its first answer (issue 8: cold start).
    minify: true,
    // No keepNames: it wraps every function and class (zod has hundreds) in a defineProperty call run at load, about
    // a fifth of the bundle's own require time. Nothing reads a minified name: errors carry explicit `name`s.
    keepNames: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [configPlugin(configSet), englishOnlyZodLocales, withoutUnusedZod],
    ...(options.define ? { define: options.define } : {}),
    banner: { js: `${GENERATED_BANNER_PREFIX}${rel} by \`npm run build\`. Do not edit: edit the source and rebuild.` },
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced no output for ${rel}`);
  return { path: path.join(APP_FUNCTIONS_DIR, `${name}.js`), contents: out.text };
}

/**
 * Everything `npm run build` writes. With a profile, the bundles carry that profile's configuration set
 * (DECISIONS 17); without one, the base configuration.
 */
export async function generateAll(options: { profile?: string | undefined } = {}): Promise<GeneratedFile[]> {
  const raw = readConfigFile();
  const configSet = options.profile ? configSetForProfile(options.profile) : undefined;
  const schema: GeneratedFile = {
    path: CONFIG_SCHEMA_FILE,
    contents: `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
  };
  const bundles = await Promise.all(functionSources().map((f) => bundleFunction(f, configSet)));
  // The opt-in components (webhooks, workflow action, endpoint function), generated from the base configuration and
  // committed outside src/app, so `lead-ops check` sees drift; only the realtime deploy stages them into an upload.
  const realtime = realtimeGeneratedFiles(raw).map((f) => ({ path: f.path, contents: f.contents }));
  return [schema, ...bundles, ...realtime];
}
