import type { Command } from 'commander';
import { ALERT_STATUSES, type Alert, type AlertStatus } from '../../core/alert.js';
import { AREAS, type Area } from '../../core/area.js';
import { ArgusError, NotFoundError } from '../../core/errors.js';
import { SEVERITIES, type Severity } from '../../core/severity.js';
import { actorFrom, withStore } from '../context.js';
import { consoleOutput, formatTable, formatTime, printJson, reportError } from '../output.js';

function csv<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  option: string,
): T[] | undefined {
  if (!value) return undefined;
  const items = value.split(',').map((s) => s.trim());
  const bad = items.filter((i) => !allowed.includes(i as T));
  if (bad.length) {
    throw new ArgusError('INPUT_INVALID', `${option}: unknown value ${bad.map((b) => `"${b}"`).join(', ')}`, {
      hint: `use one or more of ${allowed.join(', ')}, separated by commas`,
    });
  }
  return items as T[];
}

function alertRows(alerts: Alert[]): string[][] {
  return alerts.map((a) => [
    a.id,
    formatTime(a.lastSeenAt),
    a.severity,
    `${a.area}/${a.detector}`,
    a.subject.id,
    String(a.count),
    a.status,
    a.title,
  ]);
}

interface ListOptions {
  status?: string;
  area?: string;
  severity?: string;
  subject?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

async function setStatus(
  cmd: Command,
  id: string,
  status: AlertStatus,
  opts: { note?: string; by?: string; json?: boolean },
): Promise<void> {
  const output = consoleOutput(Boolean(opts.json));
  try {
    await withStore(cmd, async ({ store }) => {
      const alert = await store.alerts.setStatus({
        alertId: id,
        status,
        by: actorFrom(opts.by),
        at: Date.now(),
        ...(opts.note ? { note: opts.note } : {}),
      });
      if (output.json) printJson(output, alert);
      else output.out(`${alert.id} is now ${alert.status} (by ${alert.statusBy})`);
    });
  } catch (error) {
    process.exitCode = reportError(output, error);
  }
}

export function registerAlertCommands(program: Command): void {
  const alerts = program.command('alerts').description('list, inspect and triage alerts in the store');

  alerts
    .command('list')
    .description('list alerts, newest first')
    .option('--status <list>', `comma-separated: ${ALERT_STATUSES.join(', ')}`)
    .option('--area <list>', `comma-separated: ${AREAS.join(', ')}`)
    .option('--severity <list>', `comma-separated: ${SEVERITIES.join(', ')}`)
    .option('--subject <id>', 'only alerts about this subject id')
    .option('--limit <n>', 'how many to show (1-500)', '50')
    .option('--cursor <cursor>', 'continue from a previous page')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ argus alerts list --status open --severity high,critical\n  $ argus alerts list --area monitor --json',
    )
    .action(async (opts: ListOptions, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
          throw new ArgusError(
            'INPUT_INVALID',
            `--limit: expected a whole number from 1 to 500, got "${opts.limit}"`,
          );
        }
        const filter = {
          status: csv<AlertStatus>(opts.status, ALERT_STATUSES, '--status'),
          area: csv<Area>(opts.area, AREAS, '--area'),
          severity: csv<Severity>(opts.severity, SEVERITIES, '--severity'),
          subjectId: opts.subject,
        };
        await withStore(cmd, async ({ store }) => {
          const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
          const page = await store.alerts.list({
            ...clean,
            limit,
            ...(opts.cursor ? { cursor: opts.cursor } : {}),
          });
          if (output.json) return printJson(output, page);
          if (page.items.length === 0) return output.out('no alerts match');
          output.out(
            formatTable(
              ['id', 'last seen (UTC)', 'severity', 'area/detector', 'subject', 'count', 'status', 'title'],
              alertRows(page.items),
            ),
          );
          if (page.nextCursor) output.out(`\nmore: --cursor ${page.nextCursor}`);
        });
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });

  alerts
    .command('show <id>')
    .description('show one alert with its evidence, actions and status history')
    .option('--json', 'print machine-readable output')
    .addHelpText('after', '\nExample:\n  $ argus alerts show alt_01hx...')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        await withStore(cmd, async ({ store }) => {
          const alert = await store.alerts.get(id);
          if (!alert) throw new NotFoundError('alert', id);
          const actions = (await store.actions.list({ alertId: id, limit: 500 })).items;
          const history = await store.alerts.statusHistory(id);
          if (output.json) return printJson(output, { alert, actions, statusHistory: history });
          output.out(`${alert.title}\n${'-'.repeat(Math.min(alert.title.length, 80))}`);
          output.out(
            formatTable(
              ['field', 'value'],
              [
                ['id', alert.id],
                ['area / detector', `${alert.area} / ${alert.detector}`],
                [
                  'subject',
                  `${alert.subject.kind} ${alert.subject.id}${alert.subject.chain ? ` on ${alert.subject.chain}` : ''}`,
                ],
                ['severity / score', `${alert.severity} / ${alert.score.toFixed(3)}`],
                [
                  'status',
                  `${alert.status}${alert.statusBy ? ` by ${alert.statusBy} at ${formatTime(alert.statusAt)}` : ''}`,
                ],
                [
                  'count',
                  `${alert.count} (first ${formatTime(alert.firstSeenAt)}, last ${formatTime(alert.lastSeenAt)})`,
                ],
              ],
              100,
            ),
          );
          output.out(`\n${alert.explanation}`);
          if (alert.evidence.length)
            output.out(`\nevidence:\n${alert.evidence.map((e) => `  ${JSON.stringify(e)}`).join('\n')}`);
          if (actions.length) {
            output.out('\nactions:');
            output.out(
              formatTable(
                ['id', 'rule', 'type', 'status', 'attempts', 'last error'],
                actions.map((a) => [
                  a.id,
                  a.rule,
                  a.type,
                  a.status,
                  `${a.attempts}/${a.maxAttempts}`,
                  a.lastError ?? '',
                ]),
              ),
            );
          }
          if (history.length) {
            output.out('\nstatus history:');
            for (const h of history)
              output.out(`  ${formatTime(h.at)} ${h.status} by ${h.by}${h.note ? `: ${h.note}` : ''}`);
          }
        });
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });

  alerts
    .command('ack <id>')
    .description('acknowledge an alert: someone is looking at it')
    .option('--note <text>', 'why, for the audit trail')
    .option('--by <who>', 'who acknowledges (default: cli:$USER)')
    .option('--json', 'print machine-readable output')
    .addHelpText('after', '\nExample:\n  $ argus alerts ack alt_01hx... --note "checking with the customer"')
    .action((id: string, opts, cmd: Command) => setStatus(cmd, id, 'acknowledged', opts));

  alerts
    .command('resolve <id>')
    .description('resolve an alert, or mark it a false positive (a label for retraining detectors)')
    .option('--false-positive', 'mark as false-positive instead of resolved')
    .option('--note <text>', 'why, for the audit trail')
    .option('--by <who>', 'who resolves (default: cli:$USER)')
    .option('--json', 'print machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ argus alerts resolve alt_01hx... --note "customer confirmed"\n  $ argus alerts resolve alt_01hx... --false-positive',
    )
    .action(
      (
        id: string,
        opts: { falsePositive?: boolean; note?: string; by?: string; json?: boolean },
        cmd: Command,
      ) => setStatus(cmd, id, opts.falsePositive ? 'false-positive' : 'resolved', opts),
    );
}
