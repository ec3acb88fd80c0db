import type { Command } from 'commander';
import { createArgusApp } from '../../app.js';
import { loadConfig } from '../../core/config/load.js';
import type { ArgusConfig } from '../../core/config/schema.js';
import { ArgusError } from '../../core/errors.js';
import { prepareDemo } from '../../demo/prepareDemo.js';
import { replayScenario } from '../../demo/replayScenario.js';
import { demoScenario } from '../../demo/scenario.js';
import { seedDemoData } from '../../demo/seedDemoData.js';
import { consoleLogger } from '../../respond/logger.js';
import { loadConfiguredPolicy } from '../../respond/policy/loadPolicy.js';
import { createApiKey } from '../../server/apiKeys.js';
import type { Store } from '../../store/types.js';
import { VERSION } from '../../version.js';
import { consoleOutput, reportError } from '../output.js';

interface ServeOptions {
  demo?: boolean;
  port?: string;
  host?: string;
}

function withOverrides(config: ArgusConfig, opts: ServeOptions): ArgusConfig {
  const port = opts.port === undefined ? config.server.port : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ArgusError(
      'INPUT_INVALID',
      `--port: expected a whole number from 0 to 65535, got "${opts.port}"`,
    );
  }
  return { ...config, server: { ...config.server, port, host: opts.host ?? config.server.host } };
}

/** The key printed at start: a fresh one for the demo, or a first admin key when none exists yet. */
async function startupKey(store: Store, demo: boolean): Promise<string | undefined> {
  const keys = await store.apiKeys.list();
  if (demo) {
    for (const k of keys) if (k.name === 'demo' && !k.revokedAt) await store.apiKeys.revoke(k.id, Date.now());
    return (await createApiKey(store.apiKeys, 'demo')).key;
  }
  if (keys.some((k) => !k.revokedAt)) return undefined;
  return (await createApiKey(store.apiKeys, 'admin')).key;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP API, the live alert stream and the response dispatcher')
    .option('--demo', 'replay the bundled demo scenario into a fresh demo store (.argus/demo.db)')
    .option('-p, --port <port>', 'port to listen on (default: server.port, 7070)')
    .option('--host <host>', 'address to bind (default: server.host, 127.0.0.1)')
    .addHelpText(
      'after',
      `
The first start creates an API key and prints it once; --demo prints a fresh one every run.
--demo also serves an adaptive-login demo page at /demo/login (demo users are listed on it).

Examples:
  $ argus serve --demo
  $ argus serve --port 8080 --config /etc/argus/argus.config.yaml
  $ ARGUS_STORE__DRIVER=postgres ARGUS_STORE__POSTGRES__URL=postgres://db/argus argus serve`,
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      const output = consoleOutput(false);
      try {
        const globals = cmd.optsWithGlobals() as { config?: string };
        const loaded = loadConfig({ file: globals.config });
        let config = withOverrides(loaded.config, opts);
        const demo = opts.demo
          ? await prepareDemo(config, loaded.baseDir, (d) =>
              consoleLogger.info(
                `[demo receiver] ${d.path} ${d.signatureValid ? 'signature ok' : 'BAD SIGNATURE'} idempotency-key=${d.idempotencyKey}`,
              ),
            )
          : undefined;
        // The demo also serves the adaptive-login page (public, so only in demo mode).
        if (demo) config = { ...demo.config, server: { ...demo.config.server, demoLogin: true } };
        const policy = demo ? demo.policy : loadConfiguredPolicy(config.respond, loaded.baseDir);
        const app = await createArgusApp({ config, baseDir: loaded.baseDir, policy, logger: consoleLogger });
        if (demo) {
          await seedDemoData({ app, config, baseDir: loaded.baseDir, now: Date.now() }, (line) =>
            output.out(line),
          );
        }
        let address: string;
        try {
          address = await app.server.listen({ port: config.server.port, host: config.server.host });
        } catch (error) {
          await app.close();
          await demo?.close();
          const code = (error as NodeJS.ErrnoException).code;
          throw new ArgusError(
            'INPUT_INVALID',
            `cannot listen on ${config.server.host}:${config.server.port}: ${code}`,
            {
              hint: 'choose another port with --port or ARGUS_SERVER__PORT',
              cause: error,
            },
          );
        }
        const key = await startupKey(app.store, Boolean(demo));
        output.out(`Argus ${VERSION} listening on ${address}`);
        output.out(
          `store: ${app.store.kind}${config.store.driver === 'sqlite' ? ` ${config.store.sqlite.path}` : ''}; policy: ${policy.rules.length} rules`,
        );
        if (key) {
          output.out(`API key (shown once; only its hash is stored): ${key}`);
          output.out(`open ${address}/#key=${key}`);
        } else {
          output.out(`open ${address}/ with an API key (create one with: argus apikey create <name>)`);
        }
        let replay: ReturnType<typeof replayScenario> | undefined;
        if (config.server.demoLogin) output.out(`demo login page: ${address}/demo/login`);
        if (demo) {
          output.out(
            `demo: replaying ${demoScenario.length} scripted events over ${Math.ceil((demoScenario.at(-1)?.at ?? 0) / 1000)} s`,
          );
          replay = replayScenario(
            demoScenario,
            { pipeline: app.responder.pipeline, store: app.store },
            (step, error) =>
              consoleLogger.error(`demo step at ${step.at} ms failed: ${(error as Error).message}`),
          );
          void replay.done.then(() =>
            output.out(`demo: done. Try: ARGUS_STORE__SQLITE__PATH=${demo.storePath} npx argus alerts list`),
          );
        }
        const shutdown = async (signal: string) => {
          output.out(`\n${signal}: stopping (in-flight actions are recorded first)`);
          replay?.cancel();
          await app.close();
          await demo?.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void shutdown('SIGINT'));
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
      } catch (error) {
        process.exitCode = reportError(output, error);
      }
    });
}
