import { isAbsolute, sep } from 'node:path';
import { isInside, relativeName } from './pathInside.js';
import { type AuditOptions, type AuditResult, runAudit } from './runAudit.js';
import type { AuditError } from './types.js';

export interface AuditUnderRootOptions extends AuditOptions {
  /**
   * Whether a file's problems may be shown in the report. An import such as "../../../etc/hosts" makes
   * the parser read a file the requester never named; its parse error would show a piece of it. Inside
   * `base` by default.
   */
  isVisible?: (absolutePath: string) => boolean;
}

const HIDDEN_FILE = '(a file outside the audited folder)';

/**
 * Audits `files` (absolute paths) and names every file relative to `base`, as the person who uploaded
 * the sources or named the folder knows them, never by the server's own paths.
 */
export async function auditUnderRoot(
  base: string,
  files: string[],
  options: AuditUnderRootOptions = {},
): Promise<AuditResult> {
  const { isVisible = (path: string) => isInside(path, base), ...auditOptions } = options;
  const result = await runAudit(files, auditOptions);
  const name = (file: string) => (isAbsolute(file) ? relativeName(base, file) : file);
  const scrub = (text: string) => text.replaceAll(`${base}${sep}`, '').replaceAll(base, '.');
  const errors = result.errors.map((error): AuditError => {
    if (isAbsolute(error.file) && !isVisible(error.file)) {
      return {
        kind: error.kind,
        file: HIDDEN_FILE,
        message: `an imported file outside the audited folder could not be ${error.kind === 'read' ? 'read' : 'used'}; it is not shown`,
      };
    }
    return { ...error, file: name(error.file), message: scrub(error.message) };
  });
  return {
    ...result,
    errors,
    findings: result.findings.map((finding) => ({ ...finding, file: name(finding.file) })),
    sources: new Map([...result.sources].map(([file, source]) => [name(file), source])),
  };
}
