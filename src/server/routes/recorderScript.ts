import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** Where the browser module's compiled file is: next to this one's in dist, as the build lays it out. */
const COMPILED = new URL('../../auth/browser/keystrokeRecorder.js', import.meta.url);
const SOURCE = new URL('../../auth/browser/keystrokeRecorder.ts', import.meta.url);

export const RECORDER_PATH = '/auth/keystroke-recorder.js';

/**
 * The browser module as JavaScript: the build's output in an installed Argus; run from source (tsx,
 * the tests) it is transpiled once with TypeScript, a development dependency that is there then.
 */
async function loadRecorderScript(): Promise<string> {
  let js: string;
  try {
    js = await readFile(fileURLToPath(COMPILED), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const source = await readFile(fileURLToPath(SOURCE), 'utf8');
    const ts = (await import('typescript')).default;
    js = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
  }
  // The source map is not served; a browser asking for it would only log a 404.
  return js.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
}

/**
 * Serves the keystroke recorder at /auth/keystroke-recorder.js, public and readable from any origin:
 * the operator's own login page loads it as a module (module scripts are fetched with CORS).
 */
export async function recorderScriptRoute(app: FastifyInstance): Promise<void> {
  let script: Promise<string> | undefined;
  app.get(RECORDER_PATH, { schema: { hide: true } }, async (_request, reply) => {
    script ??= loadRecorderScript().catch((error) => {
      script = undefined;
      throw error;
    });
    return reply
      .type('text/javascript; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .send(await script);
  });
}
