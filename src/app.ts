import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type ArgusAuth, buildAuth } from './auth/buildAuth.js';
import type { ArgusConfig } from './core/config/schema.js';
import { GraphScreeningService } from './graph/screening/graphScreeningService.js';
import type { Logger } from './respond/logger.js';
import type { Policy } from './respond/policy/policy.js';
import { createResponder, type Responder } from './respond/responder.js';
import { buildServer } from './server/buildServer.js';
import { openStore } from './store/openStore.js';
import type { Store } from './store/types.js';
import { VERSION } from './version.js';

export interface ArgusApp {
  store: Store;
  responder: Responder;
  /** Adaptive authentication: the risk engine and the step-up services (not `auth`: tests use that for headers). */
  adaptiveAuth: ArgusAuth;
  server: FastifyInstance;
  /** Stops taking requests, lets in-flight actions finish, writes waiting auth decisions, closes the store. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  config: ArgusConfig;
  baseDir: string;
  policy: Policy;
  logger: Logger;
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
}

/** The composition root: builds the store, the respond area and the server from config and connects them. */
export async function createArgusApp(options: CreateAppOptions): Promise<ArgusApp> {
  const { config } = options;
  const store = await openStore(config.store, options.baseDir);
  let auth: ArgusAuth | undefined;
  try {
    const responder = createResponder({
      store,
      config: config.respond,
      policy: options.policy,
      logger: options.logger,
    });
    auth = await buildAuth({ config: config.auth, store, baseDir: options.baseDir, logger: options.logger });
    const verbose = config.log.level === 'debug' || config.log.level === 'trace';
    const server = await buildServer({
      store,
      pipeline: responder.pipeline,
      retryAction: (id, by) => responder.retry(id, by),
      config: config.server,
      version: VERSION,
      logger: verbose ? { level: config.log.level } : false,
      graphScreening: new GraphScreeningService({ graphs: store.graphs, labels: store.labels }),
      auth,
      intelBursts: config.intel.bursts,
      auditScanRoots: config.audit.scanRoots.map((root) => resolve(options.baseDir, root)),
      ...(options.plugins ? { plugins: options.plugins } : {}),
    });
    responder.start();
    const builtAuth = auth;
    return {
      store,
      responder,
      adaptiveAuth: builtAuth,
      server,
      async close() {
        await server.close();
        await responder.stop();
        await builtAuth.close();
        await store.close();
      },
    };
  } catch (error) {
    await auth?.close();
    await store.close();
    throw error;
  }
}
