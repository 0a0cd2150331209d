import { Command } from 'commander';
import { register as check } from './commands/check';
import { register as rescore } from './commands/rescore';
import { register as route } from './commands/route';
import { register as setup } from './commands/setup';
import { register as usage } from './commands/usage';
import { register as emulator } from './commands/emulator';
import { register as sweep } from './commands/sweep';

/**
 * `lead-ops`: the project's command line. Each command lives in its own module under commands/ and registers
 * itself here. Exit codes: 0 success, 1 the command found a problem, 2 bad usage.
 */
const program = new Command()
  .name('lead-ops')
  .description('HubSpot Lead Ops: check the project, set up a portal, rescore, route, and watch usage.')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

for (const register of [check, setup, rescore, route, sweep, usage, emulator]) register(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`lead-ops: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
