import { shouldIgnoreFile } from '@hubspot/local-dev-lib/ignoreRules';
import fs from 'node:fs';
import path from 'node:path';
import { uploadFileList } from '../build/hubspot-tooling';
import { PROJECT_ROOT } from '../config/paths';

// `hs project upload` tests files relative to srcDir with its cwd at the project root (reference §8, DECISIONS 15).
beforeAll(() => process.chdir(PROJECT_ROOT));

describe('.hsignore allow-list, judged by HubSpot own ignore rules', () => {
  test.each`
    file                                   | uploaded
    ${'app/app-hsmeta.json'}               | ${true}
    ${'app/cards/LeadScoreCard.tsx'}       | ${true}
    ${'app/functions/score-lead.js'}       | ${true}
    ${'app/functions/package-lock.json'}   | ${true}
    ${'hsprofile.prod.json'}               | ${true}
    ${'core/scoring/engine.ts'}            | ${false}
    ${'emulator/server.ts'}                | ${false}
    ${'README.md'}                         | ${false}
    ${'config/lead-ops.config.json'}       | ${false}
    ${'app/cards/dist/LeadScoreCard.js'}   | ${false}
    ${'app/functions/.env'}                | ${false}
    ${'.env'}                              | ${false}
    ${'app/cards/node_modules/react/x.js'} | ${false}
    ${'some-new-folder/file.ts'}           | ${false}
  `('$file uploaded: $uploaded', ({ file, uploaded }: { file: string; uploaded: boolean }) => {
    expect(shouldIgnoreFile(file, true)).toBe(!uploaded);
  });
});

describe('the real tree', () => {
  it('uploads only the app and the profiles', async () => {
    const files = await uploadFileList();
    expect(files.length).toBeGreaterThan(10);
    const outside = files.filter((f) => !f.startsWith('app/') && !/^hsprofile\.[a-z0-9-]+\.json$/.test(f));
    expect(outside).toEqual([]);
    expect(files.filter((f) => f.includes('/dist/') || f.includes('node_modules') || /(^|\/)\./.test(f))).toEqual([]);
    for (const must of ['app/app-hsmeta.json', 'app/cards/package.json', 'app/functions/package.json', 'app/functions/package-lock.json']) {
      expect(files).toContain(must);
    }
  });

  it('keeps no dist/ folder inside src/app/cards (HubSpot empties it on build)', () => {
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'src/app/cards/dist'))).toBe(false);
  });
});
