import { z } from 'zod';
import { AUDIT_REPORT_ORIGINS } from '../../store/types.js';
import { csvOf, cursorParam, limitParam } from '../querySchemas.js';

export const MAX_UPLOAD_FILES = 200;
export const MAX_UPLOAD_FILE_CHARS = 512 * 1024;
export const MAX_UPLOAD_TOTAL_CHARS = 2 * 1024 * 1024;
/** Room for the sources as JSON strings (quotes and newlines escaped) around MAX_UPLOAD_TOTAL_CHARS. */
export const UPLOAD_BODY_LIMIT_BYTES = 3 * MAX_UPLOAD_TOTAL_CHARS;

const kib = (chars: number) => `${Math.round(chars / 1024)} KiB`;

/** Why a path cannot name an uploaded file, or undefined when it can. */
export function uploadPathProblem(path: string): string | undefined {
  if (/\p{Cc}/u.test(path)) return 'control characters are not allowed in a path';
  if (path.includes('\\')) return 'use forward slashes: contracts/Vault.sol';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    return 'expected a relative path such as contracts/Vault.sol, not an absolute one';
  }
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'expected a relative path without "..", "." or empty parts, such as contracts/Vault.sol';
  }
  if (!path.endsWith('.sol')) return 'only Solidity sources (.sol) can be audited';
  return undefined;
}

const UploadedFile = z.strictObject({
  path: z
    .string()
    .min(1)
    .max(300)
    .superRefine((path, ctx) => {
      const problem = uploadPathProblem(path);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe('relative path with forward slashes, e.g. contracts/Vault.sol; imports resolve by it'),
  content: z
    .string()
    .max(MAX_UPLOAD_FILE_CHARS, `a file may hold at most ${kib(MAX_UPLOAD_FILE_CHARS)} of source`)
    .describe('the Solidity source text'),
});

export const UploadBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional().describe('what the report list calls this audit'),
    files: z
      .array(UploadedFile)
      .min(1, 'upload at least one .sol file')
      .max(MAX_UPLOAD_FILES, `upload at most ${MAX_UPLOAD_FILES} files at once`),
  })
  .superRefine(({ files }, ctx) => {
    const seen = new Set<string>();
    const folders = new Set<string>();
    let total = 0;
    files.forEach(({ path, content }, i) => {
      total += content.length;
      if (seen.has(path)) {
        ctx.addIssue({ code: 'custom', path: ['files', i, 'path'], message: `${path} is uploaded twice` });
      }
      seen.add(path);
      const parts = path.split('/');
      for (let n = 1; n < parts.length; n++) folders.add(parts.slice(0, n).join('/'));
    });
    files.forEach(({ path }, i) => {
      if (folders.has(path)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'path'],
          message: `${path} is both a file and the folder of another file`,
        });
      }
    });
    if (total > MAX_UPLOAD_TOTAL_CHARS) {
      ctx.addIssue({
        code: 'custom',
        path: ['files'],
        message: `the files hold ${kib(total)} of source together; at most ${kib(MAX_UPLOAD_TOTAL_CHARS)} per upload`,
      });
    }
  });

export const ScanBody = z.strictObject({
  directory: z
    .string()
    .trim()
    .min(1)
    .max(4_096)
    .describe('a folder on the server, absolute or relative to its working directory, under audit.scanRoots'),
  name: z.string().trim().min(1).max(200).optional().describe('what the report list calls this audit'),
});

export const ListQuery = z.object({
  origin: csvOf(AUDIT_REPORT_ORIGINS),
  target: z.string().min(1).max(4_096).optional().describe('reports of exactly this target'),
  limit: limitParam,
  cursor: cursorParam,
});
