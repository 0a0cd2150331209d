import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WORK_DIR } from '../config/paths';
import type { Checkpoint, CheckpointStore } from '../workflows/score';

/**
 * A checkpoint in `.lead-ops/` (git-ignored), one per command and portal, written atomically (write + rename) so a
 * kill mid-write leaves the previous checkpoint intact.
 */
export function fileCheckpoints(command: string, baseUrl: string, file?: string): CheckpointStore & { readonly file: string } {
  const portal = createHash('sha256').update(baseUrl).digest('hex').slice(0, 12);
  const target = file ? path.resolve(file) : path.join(WORK_DIR, `${command}-${portal}.checkpoint.json`);
  return {
    file: target,
    load() {
      if (!fs.existsSync(target)) return null;
      try {
        return JSON.parse(fs.readFileSync(target, 'utf8')) as Checkpoint;
      } catch {
        return null;
      }
    },
    save(c) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = `${target}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(c, null, 2));
      fs.renameSync(tmp, target);
    },
    clear() {
      fs.rmSync(target, { force: true });
    },
  };
}
