/**
 * `npm run deploy -- --profile <dev|prod> [--yes] [--realtime]`: build with the profile's configuration set, run
 * `lead-ops check`, confirm the HubSpot CLI is authenticated for the profile's account, then `hs project upload`.
 * `--realtime` uploads the opt-in build instead: the project staged in .lead-ops/realtime-project with the webhooks
 * component, the workflow action and the endpoint function (needs LEAD_OPS_ENDPOINT_URL in the profile, a
 * LEAD_OPS_CLIENT_SECRET secret and Content Hub Enterprise; README "Automation").
 *
 * Nothing is uploaded unless every earlier step passed, and `hs project upload` sends one archive, so a failure can
 * never leave half a project in HubSpot. Afterwards the local bundles are rebuilt with the base configuration, so
 * the working tree stays as `npm test` expects it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { configSetForProfile, generateAll, listProfiles } from './generate';
import { PROJECT_ROOT, SRC_DIR } from '../config/paths';
import { stageRealtimeProject } from './realtime/stage';

interface DeployArgs {
  readonly profile: string | null;
  readonly yes: boolean;
  readonly dryRun: boolean;
}

/** `--realtime`: upload the opt-in build (webhooks, workflow action, endpoint function). */
export const wantsRealtime = (argv: readonly string[]): boolean => argv.includes('--realtime');

export function parseDeployArgs(argv: readonly string[]): DeployArgs {
  const at = argv.indexOf('--profile');
  const inline = argv.find((a) => a.startsWith('--profile='));
  const profile = inline ? inline.slice('--profile='.length) : at >= 0 ? (argv[at + 1] ?? null) : null;
  return { profile, yes: argv.includes('--yes'), dryRun: argv.includes('--dry-run') };
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

class DeployStopped extends Error {}
const fail = (line: string): never => {
  throw new DeployStopped(line);
};

async function writeBundles(profile?: string): Promise<number> {
  const files = await generateAll(profile ? { profile } : {});
  for (const f of files) {
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    if (!fs.existsSync(f.path) || fs.readFileSync(f.path, 'utf8') !== f.contents) fs.writeFileSync(f.path, f.contents);
  }
  return files.length;
}

/** Whether the HubSpot CLI has credentials for the account (without ever printing them). */
async function cliAccountStatus(accountId: number): Promise<'ok' | 'no-config' | 'no-account'> {
  const config = await import('@hubspot/local-dev-lib/config');
  if (!config.configFileExists()) return 'no-config';
  try {
    return config.getConfigAccountIfExists(accountId) ? 'ok' : 'no-account';
  } catch {
    return 'no-config';
  }
}

async function main(): Promise<void> {
  const args = parseDeployArgs(process.argv.slice(2));
  const profiles = listProfiles();
  const profile = args.profile ?? fail(`name a profile: npm run deploy -- --profile <${profiles.join('|')}>`);
  if (!profiles.includes(profile)) fail(`no profile src/hsprofile.${profile}.json (profiles: ${profiles.join(', ')})`);
  const profileFile = JSON.parse(fs.readFileSync(path.join(SRC_DIR, `hsprofile.${profile}.json`), 'utf8')) as { accountId?: unknown };
  const accountId = Number(profileFile.accountId);

  say(`1/4 build: bundling the functions with configuration set "${configSetForProfile(profile)}" (profile ${profile})`);
  say(`    ${await writeBundles(profile)} generated files`);

  try {
    say('2/4 check: lead-ops check');
    const realtime = wantsRealtime(process.argv.slice(2));
    const check = spawnSync(process.execPath, ['src/cli/bin.cjs', 'check', '--profile', profile, ...(realtime ? ['--realtime'] : [])], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
    });
    if (check.status !== 0) fail('lead-ops check failed; nothing was uploaded');

    const hasAccount = Number.isInteger(accountId) && accountId > 0;
    say(`3/4 account: HubSpot CLI credentials for account ${hasAccount ? accountId : '(not set in the profile)'}`);
    const status = await cliAccountStatus(hasAccount ? accountId : -1);
    const problems: string[] = [];
    if (status === 'no-config') problems.push('the HubSpot CLI is not authenticated (no CLI config found): run `npx hs account auth` with a personal access key of the target account');
    if (!hasAccount) problems.push(`src/hsprofile.${profile}.json has no real accountId: set it to the target account's id (a developer test account for dev)`);
    else if (status === 'no-account') problems.push(`the HubSpot CLI has no credentials for account ${accountId}: run \`npx hs account auth\` for that account`);
    if (problems.length > 0) fail(`${problems.join('; ')}. Nothing was uploaded.`);
    if (args.dryRun) {
      say('4/4 upload: skipped (--dry-run)');
      return;
    }
    // The opt-in build is uploaded from its staged copy (the same project plus the three components), so the
    // working tree and the default upload never hold them.
    const root = realtime ? (await stageRealtimeProject({ profile })).root : PROJECT_ROOT;
    say(`4/4 upload: npx hs project upload --profile ${profile}${realtime ? ` (opt-in realtime build staged in ${path.relative(PROJECT_ROOT, root)})` : ''}`);
    const upload = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'hs'), ['project', 'upload', '--profile', profile], {
      cwd: root,
      stdio: 'inherit',
    });
    if (upload.status !== 0) fail('hs project upload failed (HubSpot keeps the previous build when an upload fails)');
    say('deployed. If this is the first deploy, add the cards to the contact and company record views (README, "Deploy").');
  } finally {
    // Leave the working tree with base-configuration bundles, as `npm test` and `lead-ops check` expect.
    await writeBundles();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`deploy: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
