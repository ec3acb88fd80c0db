import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/load.js';
import { ArgusError } from '../../core/errors.js';
import { dryRunPolicy } from '../../respond/policy/dryRunPolicy.js';
import { loadConfiguredPolicy, loadPolicy } from '../../respond/policy/loadPolicy.js';
import type { Policy } from '../../respond/policy/policy.js';
import { consoleOutput, printJson, reportError } from '../output.js';

function policyFor(cmd: Command, file: string | undefined): Policy {
  const globals = cmd.optsWithGlobals() as { config?: string };
  const loaded = loadConfig({ file: globals.config });
  return file
    ? loadPolicy(file, loaded.config.respond)
    : loadConfiguredPolicy(loaded.config.respond, loaded.baseDir);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ArgusError('INPUT_INVALID', `cannot read ${file}: ${(cause as Error).message}`, {
      input: file,
    });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ArgusError('INPUT_INVALID', `${file} is not JSON: ${(cause as Error).message}`, {
      input: file,
      hint: 'pass one alert as a JSON object (see `argus policy test --help`)',
    });
  }
}

export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('check policies and try them on alerts');

  policy
    .command('test <alert.json>')
    .description('dry run: which rules match the alert, why, and which actions would fire (nothing is done)')
    .option('--policy <file>', 'policy file (default: respond.policyFile from the config)')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      `
The alert is a JSON object as detectors submit it, e.g.
  {"area":"monitor","detector":"dormant-high-value","severity":"high","score":0.93,
   "subject":{"kind":"account","id":"acct-1042","attributes":{"jurisdiction":"DE"}},
   "title":"Dormant account withdraws 250 ETH","explanation":"..."}
Use - to read it from standard input.

Examples:
  $ argus policy test alert.json --policy argus.policy.yaml
  $ cat alert.json | argus policy test - --json`,
    )
    .action((file: string, opts: { policy?: string; json?: boolean }, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const result = dryRunPolicy(policyFor(cmd, opts.policy), readJson(file));
        if (output.json) return printJson(output, result);
        if (result.rules.length === 0)
          output.out('the policy has no rules: the alert would be stored, nothing done');
        for (const rule of result.rules) {
          output.out(`${rule.matched ? 'MATCH   ' : 'no match'}  ${rule.rule}`);
          for (const reason of rule.reasons) output.out(`            ${reason}`);
        }
        output.out(
          result.actions.length
            ? `\nwould fire:\n${result.actions.map((a) => `  ${JSON.stringify(a.spec)}   (rule "${a.rule}")`).join('\n')}`
            : '\nno action would fire',
        );
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });

  policy
    .command('check [file]')
    .description('validate a policy file: every error with its key path')
    .addHelpText('after', '\nExample:\n  $ argus policy check argus.policy.yaml')
    .action((file: string | undefined, _opts, cmd: Command) => {
      const output = consoleOutput(false);
      try {
        const checked = policyFor(cmd, file);
        output.out(`policy is valid: ${checked.rules.length} rules (${checked.source})`);
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
