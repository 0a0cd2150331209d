/**
 * Issue 8: a malformed configuration file is rejected at build with a message naming the JSON path. Mutations of
 * the shipped `lead-ops.config.json` (a value of the wrong type, an unknown key, a missing key, broken JSON) are
 * written to temporary files and read with `readConfigFile`, the build's reader; one mutation goes through
 * `npm run build`'s script on a temporary copy of the project. The real file is never touched.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { readConfigFile } from '../../config/config-file';
import { CONFIG_FILE, PROJECT_ROOT } from '../../config/paths';
import { formatPath } from '../../core/config/issues';

type JsonPath = (string | number)[];
const REAL = fs.readFileSync(CONFIG_FILE, 'utf8');
const RAW: unknown = JSON.parse(REAL);

/** Every path in the file, containers and leaves. */
function pathsOf(value: unknown, at: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}
const PATHS = pathsOf(RAW);
const OBJECT_PATHS = PATHS.filter((p) => {
  const v = valueAt(RAW, p);
  return v !== null && typeof v === 'object' && !Array.isArray(v);
});

function valueAt(root: unknown, p: JsonPath): unknown {
  let v: unknown = root;
  for (const k of p) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** A value of another JSON type than `v`. */
function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 42;
  if (typeof v === 'number') return 'forty-two';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return { not: 'a list' };
  if (v === null) return [];
  return 7;
}

type Mutation = { kind: 'wrong_type' | 'missing' | 'unknown_key'; path: JsonPath };

function apply(m: Mutation): unknown {
  const copy = JSON.parse(REAL) as unknown;
  const parent = valueAt(copy, m.path.slice(0, -1)) as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1] as string | number;
  if (m.kind === 'wrong_type') parent[last] = wrongType(parent[last]);
  else if (m.kind === 'missing') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = 'surprise';
  return copy;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-ops-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function readMutated(contents: string): { error: string | null } {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, contents);
  try {
    readConfigFile(file);
    return { error: null };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Paths named by the message: each issue line reads `  <path>: <message> (fix: …)`. */
const namedPaths = (message: string): string[] =>
  message
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(': ')[0] ?? '');

const parentOf = (p: string): string => p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');

/**
 * The message points at the mistake: it names the mutated path, its parent (an unknown key is reported on the
 * object holding it) or a sibling (a criterion whose value has the wrong type is reported on its operator).
 */
function pointsAt(message: string, p: JsonPath): boolean {
  const target = formatPath(p);
  return namedPaths(message).some((n) => n === target || n === parentOf(target) || parentOf(n) === parentOf(target));
}

describe('readConfigFile on a malformed configuration', () => {
  it('the shipped file is valid (the mutations below start from a good file)', () => {
    expect(readMutated(REAL).error).toBeNull();
  });

  it('rejects a value of the wrong type anywhere in the file, naming its JSON path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), (p) => {
        const { error } = readMutated(JSON.stringify(apply({ kind: 'wrong_type', path: p })));
        expect(error).not.toBeNull();
        expect(error).toMatch(/is invalid:/);
        expect(pointsAt(error ?? '', p)).toBe(true);
      }),
      { numRuns: 100, seed: 1125 },
    );
  });

  it('rejects an unknown key in any object, naming the object', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OBJECT_PATHS.filter((p) => p[0] !== 'environments')), fc.constantFrom('surprise', 'Version', 'tiers_', 'constructor'), (p, key) => {
        const { error } = readMutated(JSON.stringify(apply({ kind: 'unknown_key', path: [...p, key] })));
        expect(error).not.toBeNull();
        expect(pointsAt(error ?? '', [...p, key])).toBe(true);
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('when a missing key makes the file invalid, the message names where', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), (p) => {
        const { error } = readMutated(JSON.stringify(apply({ kind: 'missing', path: p })));
        // Optional keys may go; when the file is refused, the message must point at the gap.
        if (error !== null) {
          refused++;
          const target = formatPath(p);
          expect(namedPaths(error).some((n) => n === target || n.startsWith(target) || target.startsWith(n) || parentOf(n) === parentOf(target))).toBe(true);
        }
      }),
      { numRuns: 60, seed: 3 },
    );
    expect(refused).toBeGreaterThan(10);
  });

  test.each`
    what                   | contents
    ${'an empty file'}     | ${''}
    ${'a truncated file'}  | ${REAL.slice(0, Math.floor(REAL.length / 2))}
    ${'a trailing comma'}  | ${REAL.trimEnd().replace(/}$/, ',}')}
    ${'a comment'}         | ${`// settings\n${REAL}`}
    ${'a byte-order mark'} | ${`\uFEFF${REAL}`}
    ${'NaN'}               | ${REAL.replace(/"version":\s*\d+/, '"version": NaN')}
  `('refuses $what as not valid JSON, naming the file', ({ contents }: { contents: string }) => {
    const { error } = readMutated(contents);
    expect(error).toMatch(/^.*config-[a-z0-9]+\.json is not valid JSON: /);
  });
});

describe('npm run build with a malformed configuration', () => {
  it('exits 1, names the JSON path, and writes nothing (on a temporary copy of the project)', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-ops-build-'));
    try {
      // The whole of src/ (what the build may import), without installed packages or generated bundles.
      fs.cpSync(path.join(PROJECT_ROOT, 'src'), path.join(copy, 'src'), {
        recursive: true,
        filter: (from) => !from.includes(`${path.sep}node_modules`) && !/app[\\/]functions[\\/][^\\/]+\.js$/.test(from),
      });
      fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
      const config = path.join(copy, 'src', 'config', 'lead-ops.config.json');
      const broken = JSON.parse(REAL) as { routing: { tiers: { maxEmployees?: unknown }[] } };
      const tier = broken.routing.tiers[0];
      if (tier) tier.maxEmployees = 'forty-nine';
      fs.writeFileSync(config, JSON.stringify(broken, null, 2));
      const bundle = path.join(copy, 'src', 'app', 'functions', 'score-lead.js');
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(copy, 'src', 'build', 'build.ts')], { cwd: PROJECT_ROOT, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('src/config/lead-ops.config.json is invalid:');
      expect(run.stderr).toContain('routing.tiers[0].maxEmployees');
      expect(fs.existsSync(bundle)).toBe(false);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
    // The real file is untouched.
    expect(fs.readFileSync(CONFIG_FILE, 'utf8')).toBe(REAL);
  }, 60_000);
});
