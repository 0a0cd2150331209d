import type { Command } from 'commander';
import { runSetup } from '../../workflows/setup';
import { loadConfigForCli } from '../config-file';
import { bulkPort, confirmWrites, connect, describePortal } from '../connection';

export function register(program: Command): void {
  program
    .command('setup')
    .description("create the project's property group and properties in the portal (idempotent); report missing scopes")
    .option('--dry-run', 'only say what would be created')
    .option('--config <file>', 'configuration file (default src/config/lead-ops.config.json)')
    .option('--env <name>', 'configuration environment (e.g. prod)')
    .option('--json', 'print the report as JSON')
    .option('-y, --yes', 'do not ask before writing to a real portal')
    .action(async (opts: { dryRun?: boolean; config?: string; env?: string; json?: boolean; yes?: boolean }) => {
      const config = loadConfigForCli(opts.config, opts.env);
      const connection = connect();
      process.stderr.write(`Portal: ${describePortal(connection)}\n`);
      if (!opts.dryRun) await confirmWrites(connection, 'create properties', Boolean(opts.yes));
      const report = await runSetup(bulkPort(connection), config, {
        dryRun: Boolean(opts.dryRun),
        onProgress: opts.json ? undefined : (line) => process.stdout.write(`${line}\n`),
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        process.stdout.write(
          `${report.dryRun ? 'would create' : 'created'} ${report.created}, ${report.dryRun ? 'would add options to' : 'added options to'} ${report.optionsAdded}, already there ${report.existing}, conflicts ${report.conflicts}, failed ${report.failed}\n`,
        );
        for (const s of report.objectTypes.flatMap((o) => o.steps.filter((x) => x.kind === 'conflict')))
          if (s.kind === 'conflict') process.stdout.write(`  conflict: ${s.property.objectType}.${s.property.name} exists as ${s.existing.type}; setup does not change it (expected ${s.property.type})\n`);
        if (report.missingScopes.length > 0) process.stdout.write(`missing scopes: ${report.missingScopes.join(', ')} (add them to the app's requiredScopes and reinstall)\n`);
        for (const e of report.errors.filter((x) => x.code !== 'MISSING_SCOPES')) process.stdout.write(`error: ${e.message}\n`);
      }
      process.exitCode = report.failed + report.conflicts > 0 || report.errors.length > 0 ? 1 : 0;
    });
}
