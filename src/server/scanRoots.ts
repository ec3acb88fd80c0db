import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isInside } from '../audit/pathInside.js';

export type ScanDirectory =
  | { ok: true; directory: string; root: string }
  | { ok: false; status: 403 | 404 | 400; message: string; hint: string };

/** Where a path leads once links are followed; undefined when nothing is there (or a link dangles). */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Where a scan request may read: `directory` (relative to the server's working directory) must lie under
 * one of `roots` both as written and once links are followed, so a symlink cannot lead out. Whether a
 * folder outside the roots exists is never told.
 */
export function checkScanDirectory(
  directory: string,
  roots: readonly string[],
  cwd = process.cwd(),
): ScanDirectory {
  const allowed = roots.length > 0 ? roots : [cwd];
  const refuse = {
    ok: false as const,
    status: 403 as const,
    message: `the server does not audit ${directory}: it is outside the folders it may scan`,
    hint: `folders under ${allowed.join(', ')} may be scanned; the server's audit.scanRoots setting (ARGUS_AUDIT__SCAN_ROOTS) names them`,
  };
  const wanted = resolve(cwd, directory);
  if (!allowed.some((root) => isInside(wanted, root))) return refuse;
  const real = realPathOf(wanted);
  if (real === undefined) {
    return {
      ok: false,
      status: 404,
      message: `no folder ${directory} on the server`,
      hint: 'give a folder that exists on the server, absolute or relative to its working directory',
    };
  }
  const root = allowed.map(realPathOf).find((r): r is string => r !== undefined && isInside(real, r));
  if (root === undefined) return refuse;
  if (!statSync(real).isDirectory()) {
    return {
      ok: false,
      status: 400,
      message: `${directory} is a file, not a folder`,
      hint: 'name the folder that holds the contracts; upload single files with POST /v1/audit/reports',
    };
  }
  return { ok: true, directory: real, root };
}
