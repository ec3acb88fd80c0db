import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** tsx's loader as an absolute URL, so child processes run TypeScript whatever their working directory. */
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
