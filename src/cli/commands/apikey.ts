import type { Command } from 'commander';
import { createApiKey } from '../../server/apiKeys.js';
import { withStore } from '../context.js';
import { consoleOutput, formatTable, formatTime, printJson, reportError } from '../output.js';

export function registerApiKeyCommands(program: Command): void {
  const apikey = program
    .command('apikey')
    .description('manage API keys (only their SHA-256 hashes are stored)');

  apikey
    .command('create <name>')
    .description('create a key; it is printed once and cannot be shown again')
    .option('--json', 'print machine-readable output')
    .addHelpText('after', '\nExample:\n  $ argus apikey create ci-pipeline')
    .action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        await withStore(cmd, async ({ store }) => {
          const { key, record } = await createApiKey(store.apiKeys, name);
          if (output.json) printJson(output, { id: record.id, name: record.name, key });
          else output.out(`created ${record.id} (${name})\n${key}\nstore it now: it is not shown again`);
        });
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });

  apikey
    .command('list')
    .description('list keys with when they were last used')
    .option('--json', 'print machine-readable output')
    .addHelpText('after', '\nExample:\n  $ argus apikey list')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const output = consoleOutput(Boolean(opts.json));
      try {
        await withStore(cmd, async ({ store }) => {
          const keys = await store.apiKeys.list();
          if (output.json)
            return printJson(
              output,
              keys.map(({ hash: _hash, ...k }) => k),
            );
          output.out(
            formatTable(
              ['id', 'name', 'created', 'last used', 'revoked'],
              keys.map((k) => [
                k.id,
                k.name,
                formatTime(k.createdAt),
                formatTime(k.lastUsedAt),
                formatTime(k.revokedAt),
              ]),
            ),
          );
        });
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });

  apikey
    .command('revoke <id>')
    .description('revoke a key; running servers stop accepting it within 30 seconds')
    .addHelpText('after', '\nExample:\n  $ argus apikey revoke key_01hx...')
    .action(async (id: string, _opts, cmd: Command) => {
      const output = consoleOutput(false);
      try {
        await withStore(cmd, async ({ store }) => {
          const revoked = await store.apiKeys.revoke(id, Date.now());
          output.out(revoked ? `revoked ${id}` : `no active key ${id}`);
          if (!revoked) process.exitCode = 2;
        });
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
