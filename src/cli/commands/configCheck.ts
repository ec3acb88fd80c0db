import type { Command } from 'commander';
import { loadConfig } from '../../core/config/load.js';
import { ValidationError } from '../../core/errors.js';
import { consoleOutput, EXIT_OK, EXIT_USAGE, printJson, reportError } from '../output.js';

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('inspect and validate the configuration');
  config
    .command('check')
    .description('validate argus.config.yaml|json and ARGUS_* environment overrides; list every error')
    .option('--json', 'print machine-readable output')
    .option('--print', 'also print the effective configuration with defaults filled in')
    .addHelpText(
      'after',
      `
Errors name the key path and the expected type, e.g.
  server.port: expected number, got string

Examples:
  $ argus config check
  $ argus config check --config deploy/argus.config.yaml --json
  $ ARGUS_SERVER__PORT=8080 argus config check --print`,
    )
    .action((opts: { json?: boolean; print?: boolean }, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      const globals = cmd.optsWithGlobals() as { config?: string };
      try {
        const loaded = loadConfig({ file: globals.config });
        const summary = {
          ok: true,
          file: loaded.file ?? null,
          envOverrides: loaded.envVariables,
          ...(opts.print ? { config: loaded.config } : {}),
        };
        if (output.json) printJson(output, summary);
        else {
          output.out(`configuration is valid (${loaded.file ?? 'no file: defaults'})`);
          if (loaded.envVariables.length)
            output.out(`environment overrides: ${loaded.envVariables.join(', ')}`);
          if (opts.print) output.out(JSON.stringify(loaded.config, null, 2));
        }
        process.exitCode = EXIT_OK;
      } catch (error) {
        if (error instanceof ValidationError && output.json) {
          printJson(output, { ok: false, errors: error.issues });
          process.exitCode = EXIT_USAGE;
          return;
        }
        process.exitCode = reportError(output, error);
      }
    });
}
