import type { Command } from 'commander';
import { ACTION_STATUSES, type ActionStatus } from '../../core/action.js';
import { ArgusError, NotFoundError } from '../../core/errors.js';
import { actorFrom, withStore } from '../context.js';
import { consoleOutput, formatTable, formatTime, printJson, reportError } from '../output.js';

function parseStatuses(value: string | undefined): ActionStatus[] | undefined {
  if (!value) return undefined;
  const items = value.split(',').map((s) => s.trim());
  const bad = items.filter((s) => !(ACTION_STATUSES as readonly string[]).includes(s));
  if (bad.length) {
    throw new ArgusError('INPUT_INVALID', `--status: unknown value ${bad.join(', ')}`, {
      hint: `use ${ACTION_STATUSES.join(', ')}`,
    });
  }
  return items as ActionStatus[];
}

export function registerActionCommands(program: Command): void {
  const actions = program
    .command('actions')
    .description('responses ordered by the policy: outcomes, audit trail, dead letters');

  actions
    .command('list')
    .description('list actions, newest first')
    .option('--status <list>', `comma-separated: ${ACTION_STATUSES.join(', ')}`)
    .option('--alert <id>', 'only the actions of this alert')
    .option('--limit <n>', 'how many (1-500)', '50')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ argus actions list --status dead-letter\n  $ argus actions list --alert alt_01hx... --json',
    )
    .action(
      async (opts: { status?: string; alert?: string; limit: string; json?: boolean }, cmd: Command) => {
        const output = consoleOutput(Boolean(opts.json));
        try {
          const status = parseStatuses(opts.status);
          await withStore(cmd, async ({ store }) => {
            const page = await store.actions.list({
              ...(status ? { status } : {}),
              ...(opts.alert ? { alertId: opts.alert } : {}),
              limit: Number(opts.limit) || 50,
            });
            if (output.json) return printJson(output, page);
            if (!page.items.length) return output.out('no actions match');
            output.out(
              formatTable(
                ['id', 'created (UTC)', 'alert', 'rule', 'type', 'status', 'attempts', 'last error'],
                page.items.map((a) => [
                  a.id,
                  formatTime(a.createdAt),
                  a.alertId,
                  a.rule,
                  a.type,
                  a.status,
                  `${a.attempts}/${a.maxAttempts}`,
                  a.lastError ?? '',
                ]),
              ),
            );
          });
        } catch (error) {
          process.exitCode = reportError(output, error);
        }
      },
    );

  actions
    .command('show <id>')
    .description('one action with its audit trail (queued, attempts, outcome)')
    .option('--json', 'print machine-readable output')
    .addHelpText('after', '\nExample:\n  $ argus actions show act_01hx...')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        await withStore(cmd, async ({ store }) => {
          const action = await store.actions.get(id);
          if (!action) throw new NotFoundError('action', id);
          const events = await store.actions.events(id);
          if (output.json) return printJson(output, { action, events });
          output.out(
            `${action.id}  ${action.type}  ${action.status}  (rule "${action.rule}", alert ${action.alertId})`,
          );
          if (action.result) output.out(`result: ${JSON.stringify(action.result)}`);
          for (const e of events) output.out(`  ${formatTime(e.at)}  #${e.attempt}  ${e.kind}  ${e.detail}`);
        });
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });

  actions
    .command('retry <id>')
    .description('put a dead-lettered or failed action back in the queue; a running server picks it up')
    .option('--by <who>', 'who retries (default: cli:$USER)')
    .addHelpText('after', '\nExample:\n  $ argus actions retry act_01hx...')
    .action(async (id: string, opts: { by?: string }, cmd: Command) => {
      const output = consoleOutput(false);
      try {
        await withStore(cmd, async ({ store }) => {
          const action = await store.actions.requeue(id, Date.now(), actorFrom(opts.by));
          output.out(`${action.id} is pending again`);
        });
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
