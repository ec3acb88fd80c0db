import { createRequire } from 'node:module';

// package.json sits one folder above both src/ and dist/, so this path works from either.
const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

export const VERSION = pkg.version;
