import { type Dirent, promises as fs } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { ArgusError } from '../../core/errors.js';

export interface ListedFile {
  path: string;
  /** Relative to the root, with forward slashes on every platform (it becomes part of document ids). */
  relativePath: string;
}

/** Turns "no such file" and "permission denied" into errors that name the path and say what to do. */
export function describeFsError(err: unknown, path: string, what: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new ArgusError('NOT_FOUND', `${what} ${path} was not found`, {
      input: path,
      hint: 'check the path (relative paths are taken from the current directory)',
      cause: err,
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ArgusError('INPUT_INVALID', `${what} ${path} cannot be read (${code})`, {
      input: path,
      cause: err,
    });
  }
  return err;
}

/**
 * The files under a path whose names end with one of the extensions, in a stable order (sorted by relative
 * path) so that runs and tests see the same sequence. A path that is itself a file is listed alone.
 * Hidden entries (".git") and symbolic links are skipped: links could loop or leave the corpus.
 */
export async function listFiles(
  root: string,
  extensions: readonly string[],
  what: string,
): Promise<ListedFile[]> {
  let stat: import('node:fs').Stats;
  try {
    stat = await fs.stat(root);
  } catch (err) {
    throw describeFsError(err, root, what);
  }
  const matches = (name: string) => {
    const lower = name.toLowerCase();
    return extensions.some((ext) => lower.endsWith(ext));
  };
  if (stat.isFile()) return [{ path: root, relativePath: basename(root) }];
  const out: ListedFile[] = [];
  const walk = async (dir: string) => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      throw describeFsError(err, dir, what);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && matches(entry.name)) {
        out.push({ path: full, relativePath: relative(root, full).split(sep).join('/') });
      }
    }
  };
  await walk(root);
  return out.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}
