import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ArgusError } from '../core/errors.js';
import { auditUnderRoot } from './auditUnderRoot.js';
import { isInside } from './pathInside.js';
import type { AuditOptions, AuditResult } from './runAudit.js';

export interface UploadedSource {
  /** Relative, with forward slashes: `contracts/Vault.sol`. Imports between uploaded files resolve by it. */
  path: string;
  content: string;
}

/**
 * Audits sources that arrived as text (an API upload): the parser and the import resolver read files,
 * so they are written to a private temporary folder, audited there and the folder is removed, whatever
 * happens. The report names the files by their uploaded paths.
 */
export async function auditUploadedSources(
  sources: readonly UploadedSource[],
  options: AuditOptions = {},
): Promise<AuditResult> {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'argus-upload-')));
  try {
    const files = sources.map(({ path, content }) => {
      const file = resolve(base, path);
      // The API checks paths first; this keeps any other caller from writing outside the folder.
      if (!isInside(file, base) || file === base) {
        throw new ArgusError('INPUT_INVALID', `uploaded path "${path}" leaves the upload folder`, {
          input: path,
          hint: 'use relative paths such as contracts/Vault.sol, without ".." or a leading "/"',
        });
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    });
    return await auditUnderRoot(base, files, options);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
