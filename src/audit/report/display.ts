import type { AuditError } from '../types.js';

/** `file:line:col` with the parts that are known. */
export function errorLocation(error: AuditError): string {
  if (error.line === undefined) return error.file;
  return error.column === undefined
    ? `${error.file}:${error.line}`
    : `${error.file}:${error.line}:${error.column}`;
}

/** `file:12` or `file:12-14`. */
export function lineRange(file: string, startLine: number, endLine: number): string {
  return endLine > startLine ? `${file}:${startLine}-${endLine}` : `${file}:${startLine}`;
}

/** `1 error`, `2 errors`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * Makes one line of terminal-safe text: line breaks become spaces, other control characters but tab
 * become U+FFFD. Source lines and messages come from the audited code, and a contract must not be
 * able to send escape sequences to the auditor's terminal.
 */
export function stripControl(text: string): string {
  return text.replace(/\p{Cc}/gu, (char) =>
    char === '\t' ? char : char === '\n' || char === '\r' ? ' ' : '\uFFFD',
  );
}
