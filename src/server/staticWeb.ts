import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Client routes of the dashboard that a reload or a shared link can land on; all serve index.html. */
const CLIENT_ROUTES = [
  '/alerts/:id',
  '/addresses/:chain/:address',
  '/audit',
  '/audit/:id',
  '/intel',
  '/auth',
  '/models',
] as const;
const CLIENT_ROUTE = new RegExp(
  `^(?:${CLIENT_ROUTES.map((r) => r.replace(/:[a-z]+/g, '[^/]+')).join('|')})$`,
);

/**
 * Where the built dashboard is: beside the compiled server in the package (dist/server -> dist/web),
 * or dist/web of the checkout when the server runs from source (src/server -> ../../dist/web).
 */
export function findWebRoot(): string | undefined {
  const candidates = ['../web', '../../dist/web'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * The paths anyone may load: the app's files and its client routes. They hold no data (the data comes
 * from the API with the user's key), and the login page must load before there is a key.
 */
export class WebPublicPaths extends Set<string> {
  override has(path: string): boolean {
    return super.has(path) || CLIENT_ROUTE.test(path);
  }
}

export function webFilePaths(root: string): string[] {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(root, f)).isFile(),
  );
  return files.map((f) => `/${f.split(sep).join('/')}`);
}

const notBuiltHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Argus: dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>The Argus dashboard is not built</h1>
<p>This server runs from source without the web app. Build it with <code>npm run build</code>
(or only the dashboard: <code>npm run build:web</code>) and restart; <code>npm start</code> does both.</p>
<p>The API works regardless: <a href="/openapi.json">/openapi.json</a>, <a href="/healthz">/healthz</a>.</p>
</body></html>
`;

/**
 * Serves the built dashboard at `/` with index.html for client routes, or, without a build, a page
 * that says how to make one. Hashed assets are cached for good; index.html is always revalidated so
 * that a new build is picked up.
 */
export async function staticWebRoutes(app: FastifyInstance, root: string | undefined): Promise<void> {
  if (!root) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(notBuiltHtml),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    cacheControl: false,
    setHeaders(reply, path) {
      const immutable = path.includes(`${sep}assets${sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const route of CLIENT_ROUTES) {
    app.get(route, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
  }
}
