import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerActionCommands } from './commands/actions.js';
import { registerAlertCommands } from './commands/alerts.js';
import { registerApiKeyCommands } from './commands/apikey.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerAuthCommands } from './commands/auth.js';
import { registerConfigCommands } from './commands/configCheck.js';
import { registerGraphCommands } from './commands/graph.js';
import { registerIntelCommands } from './commands/intel.js';
import { registerLabelCommands } from './commands/labels.js';
import { registerLinkabilityCommand } from './commands/linkability.js';
import { registerMlCommands } from './commands/ml.js';
import { registerMonitorCommands } from './commands/monitor.js';
import { registerPolicyCommands } from './commands/policy.js';
import { registerScreenCommand } from './commands/screen.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSimulateCommand } from './commands/simulate.js';

export function buildProgram(): Command {
  const program = new Command('argus')
    .description(
      'Security for crypto systems: transaction monitoring, contract audit, adaptive auth, threat intel,\n' +
        'and one alert pipeline that turns detections into responses.',
    )
    .version(VERSION)
    .option('-c, --config <file>', 'config file (default: ./argus.config.yaml|yml|json or $ARGUS_CONFIG)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error.

Examples:
  $ argus serve --demo                 start the server with the bundled demo scenario
  $ argus alerts list --status open    triage from the terminal
  $ argus audit contracts/ --fail-on high   static analysis of Solidity, as a CI gate
  $ argus monitor --source transfers.jsonl   transfers through features, model and rules
  $ argus simulate --out s.jsonl --truth t.json && argus monitor eval --stream s.jsonl --truth t.json
  $ argus policy test alert.json       which actions would fire for this alert, and why
  $ argus config check                 validate the configuration`,
    );
  registerServeCommand(program);
  registerAuditCommand(program);
  registerMonitorCommands(program);
  registerMlCommands(program);
  registerAlertCommands(program);
  registerActionCommands(program);
  registerPolicyCommands(program);
  registerConfigCommands(program);
  registerApiKeyCommands(program);
  registerSimulateCommand(program);
  registerLabelCommands(program);
  registerScreenCommand(program);
  registerLinkabilityCommand(program);
  registerAuthCommands(program);
  registerGraphCommands(program);
  registerIntelCommands(program);
  return program;
}
