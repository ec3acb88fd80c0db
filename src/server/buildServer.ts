import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ArgusAuth } from '../auth/buildAuth.js';
import type { ActionRecord } from '../core/action.js';
import type { ArgusConfig } from '../core/config/schema.js';
import type { GraphScreeningService } from '../graph/screening/graphScreeningService.js';
import type { AlertPipeline } from '../respond/types.js';
import type { Store } from '../store/types.js';
import { apiKeyGuard } from './auth.js';
import { errorHandler } from './errorHandler.js';
import { actionRoutes } from './routes/actions.js';
import { addressRoutes } from './routes/addresses.js';
import { alertRoutes } from './routes/alerts.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { authSummaryRoutes } from './routes/authSummary.js';
import { DEMO_LOGIN_PATH, demoLoginRoutes } from './routes/demoLogin.js';
import { graphRoutes } from './routes/graph.js';
import { intelRoutes } from './routes/intel.js';
import { modelRoutes } from './routes/models.js';
import { policyRoutes } from './routes/policy.js';
import { RECORDER_PATH, recorderScriptRoute } from './routes/recorderScript.js';
import { streamRoutes } from './routes/stream.js';
import { transferRoutes } from './routes/transfers.js';
import { SseHub } from './sseHub.js';
import { findWebRoot, staticWebRoutes, WebPublicPaths, webFilePaths } from './staticWeb.js';

export interface ServerDeps {
  store: Store;
  pipeline: AlertPipeline;
  retryAction(actionId: string, by: string): Promise<ActionRecord>;
  config: ArgusConfig['server'];
  version: string;
  logger?: FastifyServerOptions['logger'];
  /** Screening and linkability over the stored transfer graphs; /v1/screen and /v1/linkability exist only with it. */
  graphScreening?: GraphScreeningService;
  /** Adaptive authentication; /v1/auth/* (and the demo login page, with config.demoLogin) exist only with it. */
  auth?: ArgusAuth;
  /** How /v1/intel/trends marks bursts (intel.bursts); the defaults without it. */
  intelBursts?: ArgusConfig['intel']['bursts'];
  /** Absolute folders POST /v1/audit/reports/scan may read (audit.scanRoots); the working directory when absent. */
  auditScanRoots?: readonly string[];
  /** The built dashboard to serve at `/`; found beside the package (dist/web) when not given. */
  webRoot?: string;
  /** Extra routes (the demo's webhook sink), registered inside the same auth and error handling. */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
}

const PUBLIC_PATHS = ['/', '/favicon.ico', '/healthz', '/openapi.json', RECORDER_PATH];

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const demoLogin = deps.config.demoLogin && deps.auth !== undefined;
  const webRoot = deps.webRoot ?? findWebRoot();
  const publicPaths = new WebPublicPaths([
    ...PUBLIC_PATHS,
    ...(webRoot ? webFilePaths(webRoot) : []),
    // The demo login page stands for a site's own login page: no key, and only in demo mode.
    ...(demoLogin ? [DEMO_LOGIN_PATH] : []),
  ]);
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: deps.config.bodyLimitBytes });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Argus API',
        version: deps.version,
        description:
          'Alerts, responses, transfer holds and address screening. Send `Authorization: Bearer <api key>`.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(rateLimit, {
    max: deps.config.rateLimit.max,
    timeWindow: deps.config.rateLimit.windowMs,
    // The live stream is one long request; counting it would only punish reconnects.
    allowList: (request) => request.url.startsWith('/v1/alerts/stream'),
  });
  app.addHook(
    'onRequest',
    apiKeyGuard({
      repo: deps.store.apiKeys,
      requireKeyForReads: deps.config.requireKeyForReads,
      publicPaths,
    }),
  );

  const hub = new SseHub(deps.pipeline);
  app.addHook('onClose', async () => hub.close());

  app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness and store kind' } }, async () => ({
    status: 'ok',
    version: deps.version,
    store: deps.store.kind,
  }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  await staticWebRoutes(app, webRoot);

  await app.register(alertRoutes, { store: deps.store, pipeline: deps.pipeline });
  await app.register(streamRoutes, { hub });
  await app.register(policyRoutes, { pipeline: deps.pipeline });
  await app.register(actionRoutes, { store: deps.store, retry: deps.retryAction });
  await app.register(transferRoutes, { store: deps.store });
  await app.register(modelRoutes, { store: deps.store });
  await app.register(auditRoutes, { store: deps.store, scanRoots: deps.auditScanRoots ?? [] });
  await app.register(intelRoutes, {
    store: deps.store,
    ...(deps.intelBursts ? { bursts: deps.intelBursts } : {}),
  });
  if (deps.graphScreening) await app.register(graphRoutes, { screening: deps.graphScreening });
  if (deps.graphScreening) await app.register(addressRoutes, { screening: deps.graphScreening });
  await recorderScriptRoute(app);
  if (deps.auth) await app.register(authRoutes, { auth: deps.auth, store: deps.store });
  if (deps.auth) await app.register(authSummaryRoutes, { auth: deps.auth, store: deps.store });
  if (deps.auth && demoLogin) await app.register(demoLoginRoutes, { auth: deps.auth });
  for (const plugin of deps.plugins ?? []) await plugin(app);
  return app;
}
