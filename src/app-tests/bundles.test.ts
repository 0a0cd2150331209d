import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleFunction, functionSources } from '../build/generate';
import { APP_FUNCTIONS_DIR } from '../config/paths';
import { foreignModules } from '../testing/bundle-requires';

const sources = functionSources();
const bundles = sources.map((s) => ({ source: s, file: path.join(APP_FUNCTIONS_DIR, `${path.basename(s, '.ts')}.js`) }));

describe('function bundles (src/app/functions/*.js)', () => {
  it('exist for the four functions', () => {
    expect(bundles.map((b) => path.basename(b.file)).sort()).toEqual(['assign-owner.js', 'record-status.js', 'request-sync.js', 'score-lead.js']);
  });

  it.each(bundles)('$file is fresh: it matches a new build of its source', async ({ source, file }) => {
    expect(fs.existsSync(file)).toBe(true);
    const fresh = await bundleFunction(source);
    expect(fs.readFileSync(file, 'utf8') === fresh.contents).toBe(true);
  });

  it.each(bundles)('$file requires only Node built-ins (HubSpot installs nothing for it)', ({ file }) => {
    const text = fs.readFileSync(file, 'utf8');
    // A require esbuild could not resolve statically would show up as its __require shim.
    expect(text).not.toMatch(/__require\(/);
    expect(foreignModules(text)).toEqual([]);
  });

  it('the functions package installs nothing: every bundle is self-contained', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(APP_FUNCTIONS_DIR, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it.each(bundles)('$file exports main, answers {} with INVALID_INPUT and logs one usage line', async ({ file }) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle as HubSpot does
    const mod = require(file) as { main: (ctx: unknown) => Promise<{ ok: boolean; error?: { code: string } }> };
    expect(typeof mod.main).toBe('function');
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    try {
      const answer = await mod.main({ parameters: {}, propertiesToSend: {}, secrets: {} });
      expect(answer.ok).toBe(false);
      expect(answer.error?.code).toBe('INVALID_INPUT');
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(1);
    const uid = path.basename(file, '.js').replace(/-/g, '_');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ leadOps: 'call', fn: uid, ok: false, code: 'INVALID_INPUT', api: { calls: 0 } });
  });

  // zod compiles a parser per object schema with `new Function` unless told not to (src/functions/runtime/zod-setup.ts);
  // on a cold instance that costs more than it saves. A fresh process counts Function constructions while the bundle
  // loads and answers a call that parses its parameters and a configuration section.
  it.each(bundles)('$file builds no parser with new Function (zod runs jitless)', ({ file }) => {
    const probe = `
      let built = 0;
      globalThis.Function = new Proxy(Function, { construct(target, args) { built++; return Reflect.construct(target, args); } });
      const { main } = require(${JSON.stringify(file)});
      process.env.PRIVATE_APP_ACCESS_TOKEN = 'pat-test-jitless';
      process.env.HUBSPOT_API_BASE_URL = 'http://127.0.0.1:9';
      console.log = () => {};
      main({ parameters: { objectType: 'contacts', objectId: '1', destination: 'x' }, propertiesToSend: {}, secrets: {} })
        .then(() => process.stdout.write('BUILT ' + built + '\\n'));`;
    const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toContain('BUILT ');
    expect(run.stdout.trim().split('BUILT ').pop()).toBe('0');
  });
});
