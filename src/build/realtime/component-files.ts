import path from 'node:path';
import { REALTIME_COMPONENTS_DIR } from '../../config/paths';
import { resolveEnvironment } from '../../core/config/environments';
import { formatConfigIssues } from '../../core/config/issues';
import { parseConfig } from '../../core/config/schema';
import { compileModel } from '../../core/scoring';
import { realtimeComponentFiles } from '../../realtime/components';

/** Where `npm run build` writes the opt-in components (committed, outside src/app: never in the default upload). */

/**
 * The generated component files for one configuration set (base when none): `path` under
 * `src/realtime/components/` (`<name>.component.json`), `uploadPath` where the opt-in upload puts it. Throws on an invalid configuration
 * (the build reports it).
 */
export function realtimeGeneratedFiles(raw: unknown, configSet?: string): { path: string; contents: string; uploadPath: string }[] {
  const resolved = configSet ? resolveEnvironment(raw, configSet, { allowMissing: true }) : resolveEnvironment(raw);
  if (!resolved.ok) throw new Error(formatConfigIssues(resolved.error));
  const config = parseConfig(resolved.value);
  if (!config.ok) throw new Error(formatConfigIssues(config.error));
  const files = realtimeComponentFiles(config.value, compileModel(config.value.scoring));
  // Not named *-hsmeta.json here: HubSpot's parser walks all of src/ and reports hsmeta files outside app/.
  return Object.values(files).map((f) => ({ path: path.join(REALTIME_COMPONENTS_DIR, path.basename(f.path).replace(/-hsmeta\.json$/, '.component.json')), contents: f.contents, uploadPath: f.path }));
}
