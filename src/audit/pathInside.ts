import { isAbsolute, relative, sep } from 'node:path';

/** Whether absolute `path` is `folder` or below it (by path text: resolve symlinks first where they matter). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** `path` relative to `base` with forward slashes, as reports show file names. */
export function relativeName(base: string, path: string): string {
  return relative(base, path).split(sep).join('/');
}
