/**
 * `npm run build`: validates the configuration file, writes its JSON Schema, and bundles each app function
 * (src/functions/<name>.ts) into the CommonJS entrypoint HubSpot runs (src/app/functions/<name>.js).
 *
 *   npm run build              write the generated files
 *   npm run build -- --check   write nothing; exit 1 when a generated file is missing or stale
 *
 * The bundles are git-ignored and rebuilt by `npm test`, `npm start` and `npm run deploy`; a test and
 * `lead-ops check` fail when one is missing or stale. The JSON Schema is committed (editors read it).
 */
import { generateAll, type GeneratedFile } from './generate';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/paths';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const profileIdx = process.argv.indexOf('--profile');
  const profile = profileIdx >= 0 ? process.argv[profileIdx + 1] : undefined;
  let files: GeneratedFile[];
  try {
    files = await generateAll({ profile });
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  const stale: string[] = [];
  for (const f of files) {
    const current = fs.existsSync(f.path) ? fs.readFileSync(f.path, 'utf8') : null;
    if (current === f.contents) continue;
    const rel = path.relative(PROJECT_ROOT, f.path);
    if (check) stale.push(rel);
    else {
      fs.mkdirSync(path.dirname(f.path), { recursive: true });
      fs.writeFileSync(f.path, f.contents);
      console.log(`wrote ${rel}`);
    }
  }
  if (check && stale.length > 0) {
    console.error(`Generated files are stale or missing (run \`npm run build\`):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  if (check) console.log(`${files.length} generated files are fresh`);
  else console.log(`build done: ${files.length} generated files checked`);
}

void main();
