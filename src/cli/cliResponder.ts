import type { ArgusConfig } from '../core/config/schema.js';
import { consoleLogger } from '../respond/logger.js';
import { loadConfiguredPolicy } from '../respond/policy/loadPolicy.js';
import { createResponder, type Responder } from '../respond/responder.js';
import type { Store } from '../store/types.js';
import type { Output } from './output.js';

/**
 * The alert pipeline as a command runs it: the configured policy, console logging, and with --json
 * stdout notifications moved to stderr so stdout carries only the command's JSON. Started; the
 * caller stops it.
 */
export function startCliResponder(
  store: Store,
  config: ArgusConfig,
  baseDir: string,
  output: Output,
): Responder {
  const responder = createResponder({
    store,
    config: config.respond,
    policy: loadConfiguredPolicy(config.respond, baseDir),
    logger: consoleLogger,
    ...(output.json ? { stdout: (line: string) => void process.stderr.write(`${line}\n`) } : {}),
  });
  responder.start();
  return responder;
}
