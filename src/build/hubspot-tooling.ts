/**
 * Thin wrappers around HubSpot's own offline tools, so the project is checked and run the way HubSpot does it:
 * - `@hubspot/project-parsing-lib` translate (the component graph `hs project upload` builds),
 * - the app-function executor inside `@hubspot/ui-extensions-dev-server` (the one `hs project dev` uses),
 * - the card bundler of the same package (`uie build`),
 * - the upload ignore rules of `@hubspot/local-dev-lib`.
 * These packages are ESM-only; they are loaded with dynamic `import()`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT, SRC_DIR } from '../config/paths';

const requireHere = createRequire(__filename);

export interface IrNode {
  readonly componentType: string;
  readonly uid: string;
  readonly metaFilePath: string;
  readonly config: unknown;
  readonly componentDeps: Record<string, string | string[]>;
}

export interface TranslatedProject {
  readonly nodes: readonly IrNode[];
  readonly skippedHsMetaFiles: readonly string[];
}

export interface ProjectFile {
  readonly name: string;
  readonly srcDir: string;
  readonly platformVersion: string;
}

export function readProjectFile(root = PROJECT_ROOT): ProjectFile {
  const raw = JSON.parse(fs.readFileSync(path.join(root, 'hsproject.json'), 'utf8')) as Partial<ProjectFile>;
  return { name: String(raw.name ?? ''), srcDir: String(raw.srcDir ?? ''), platformVersion: String(raw.platformVersion ?? '') };
}

/** Runs HubSpot's translate with `skipValidation` (validation proper needs an account). Throws on parse errors. */
export async function translateProject(options: { profile?: string; srcDir?: string } = {}): Promise<TranslatedProject> {
  const { translate } = (await import('@hubspot/project-parsing-lib/translate')) as typeof import('@hubspot/project-parsing-lib/translate');
  const project = readProjectFile();
  const result = await translate(
    { projectSourceDir: options.srcDir ?? path.join(PROJECT_ROOT, project.srcDir), platformVersion: project.platformVersion },
    { skipValidation: true, ...(options.profile ? { profile: options.profile } : {}) },
  );
  const nodes = Object.values(result.intermediateRepresentation.intermediateNodesIndexedByUid).map((n) => ({
    componentType: n.componentType,
    uid: n.uid,
    metaFilePath: n.metaFilePath,
    config: n.config,
    componentDeps: n.componentDeps,
  }));
  return { nodes, skippedHsMetaFiles: result.skippedHsMetaFiles };
}

/** Formats whatever translate threw (it throws objects with `errors` arrays as well as Errors). */
export function describeTranslateError(e: unknown): string {
  if (e && typeof e === 'object' && 'errors' in e && Array.isArray((e as { errors: unknown }).errors)) {
    return (e as { errors: unknown[] }).errors.map(String).join('\n');
  }
  return e instanceof Error ? e.message : String(e);
}

function devServerFile(rel: string): string {
  const main = requireHere.resolve('@hubspot/ui-extensions-dev-server');
  return path.join(path.dirname(main), rel);
}

interface ExecutorModule {
  executeFunction(
    config: unknown,
    functionName: string,
    inputs: { parameters?: unknown; objectQuery?: unknown; event?: unknown; appId?: number },
    callback: (response: unknown) => void,
  ): Promise<void>;
}
interface ExecutorConfigModule {
  buildServiceConfiguration(appPath: string, options: Record<string, unknown>): unknown;
}

export interface ExecutorFunction {
  readonly uid: string;
  /** Absolute path of the entrypoint. */
  readonly file: string;
  readonly secretKeys: readonly string[];
}

export interface ExecutorOptions {
  /** The API origin the executor uses to fetch `propertiesToSend` (the emulator in tests and the sandbox). */
  readonly apiOrigin: string;
  readonly accountId?: number;
  readonly timeoutMs?: number;
  readonly logger?: Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;
  /**
   * The folder whose `.env` the executor loads into `process.env` for each call (it uses the functions'
   * `componentRoot`, i.e. src/app/functions, by default). The sandbox and tests point it at a scratch folder so a
   * developer's real `src/app/functions/.env` (a real token or API URL) can never reach them (DECISIONS 10).
   */
  readonly envDir?: string;
}

export interface ExecutionInputs {
  readonly parameters?: unknown;
  /** Makes the executor read these properties of the record (as HubSpot does for `propertiesToSend`). */
  readonly objectQuery?: { objectId: number; objectTypeId: string; objectPropertyNames: string[] };
}

/** The functions of the translated project, as the executor wants them. */
export function executorFunctions(project: TranslatedProject): ExecutorFunction[] {
  return project.nodes
    .filter((n) => n.componentType === 'APP_FUNCTION' || n.componentType === 'app-function')
    .map((n) => {
      const config = (n.config ?? {}) as { entrypoint?: string; secretKeys?: string[] };
      return {
        uid: n.uid,
        file: path.join(SRC_DIR, String(config.entrypoint ?? '')),
        secretKeys: config.secretKeys ?? [],
      };
    });
}

const quietLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Loads HubSpot's app-function executor and returns a runner. Each call goes through `executeFunction` exactly as
 * `hs project dev` runs it: `require` of the entrypoint, `main(context)`, JSON round trip of the answer.
 */
export async function loadExecutor(functions: readonly ExecutorFunction[], options: ExecutorOptions) {
  const executor = (await import(pathToFileURL(devServerFile('lib/serverless/executor.js')).href)) as ExecutorModule;
  const configModule = (await import(pathToFileURL(devServerFile('lib/serverless/config.js')).href)) as ExecutorConfigModule;
  const appFunctions: Record<string, { resolvedPath: string; secrets: string[]; componentRoot: string }> = {};
  for (const f of functions) {
    appFunctions[f.uid] = { resolvedPath: f.file, secrets: [...f.secretKeys], componentRoot: options.envDir ?? path.dirname(f.file) };
  }
  const config = configModule.buildServiceConfiguration(path.join(SRC_DIR, 'app'), {
    accountId: options.accountId ?? 0,
    functionTimeoutMs: options.timeoutMs ?? 15_000,
    hubspotApiOrigin: options.apiOrigin,
    hubspotWebsiteOrigin: 'http://127.0.0.1',
    logger: options.logger ?? quietLogger,
    platformVersion: '2026.03',
    appFunctions,
  });
  return async (uid: string, inputs: ExecutionInputs): Promise<unknown> => {
    let answer: unknown;
    await executor.executeFunction(config, uid, inputs, (response) => {
      answer = response;
    });
    return answer;
  };
}

/**
 * Bundles one card with HubSpot's builder (minified, as the remote build does) into `outDir`, which must lie
 * outside src/app (DECISIONS 12). Returns the bundle's path and size.
 */
export async function buildCard(entrypoint: string, outDir: string): Promise<{ file: string; bytes: number }> {
  const { buildSingleExtension } = await import('@hubspot/ui-extensions-dev-server');
  fs.mkdirSync(outDir, { recursive: true });
  await buildSingleExtension({
    file: entrypoint,
    outputDir: outDir,
    emptyOutDir: true,
    minify: true,
    root: path.dirname(entrypoint),
    logLevel: 'silent',
  });
  const file = path.join(outDir, `${path.basename(entrypoint).replace(/\.[jt]sx?$/, '')}.js`);
  const out = fs.existsSync(file) ? file : path.join(outDir, fs.readdirSync(outDir).find((f) => f.endsWith('.js')) ?? '');
  return { file: out, bytes: fs.statSync(out).size };
}

/** Every file under `dir`, relative to `dir`, with forward slashes. Skips node_modules for speed. */
function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') continue;
      out.push(...listFiles(full, base));
    } else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/**
 * The files `hs project upload` would carry, decided by HubSpot's own ignore rules
 * (`shouldIgnoreFile`, called as the CLI calls it: with paths relative to srcDir, run from the project root).
 * `root`: another project folder (the staged realtime upload, which carries a copy of the same `.hsignore`).
 */
export async function uploadFileList(root: string = PROJECT_ROOT): Promise<string[]> {
  const { shouldIgnoreFile } = (await import('@hubspot/local-dev-lib/ignoreRules')) as typeof import('@hubspot/local-dev-lib/ignoreRules');
  const project = readProjectFile(root);
  const srcDir = path.join(root, project.srcDir);
  // HubSpot's rules load the first .hsignore above the working directory once per process, so the rules are always
  // evaluated from the project root; a staged copy (`root`) carries the same .hsignore, copied.
  const cwd = process.cwd();
  if (cwd !== PROJECT_ROOT) process.chdir(PROJECT_ROOT);
  try {
    return listFiles(srcDir).filter((rel) => !shouldIgnoreFile(rel, true));
  } finally {
    if (cwd !== PROJECT_ROOT) process.chdir(cwd);
  }
}
