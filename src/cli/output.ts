import { ArgusError, ValidationError } from '../core/errors.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface Output {
  json: boolean;
  out(text: string): void;
  err(text: string): void;
}

export function consoleOutput(json: boolean): Output {
  return {
    json,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
}

export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value, null, 2));
}

/** A plain aligned table; columns are as wide as their widest cell, capped so long titles wrap the eye less. */
export function formatTable(headers: string[], rows: string[][], maxWidth = 48): string {
  const clip = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const cells = [headers, ...rows].map((r) => r.map(clip));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatTime(ms: number | undefined): string {
  return ms === undefined ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** Prints an error the way a user can act on it and returns the exit code. */
export function reportError(output: Output, error: unknown): number {
  if (error instanceof ArgusError) {
    if (output.json) {
      printJson(output, {
        error: error.toJSON(),
        ...(error instanceof ValidationError ? { errors: error.issues } : {}),
      });
    } else {
      output.err(`error [${error.code}]: ${error.message}`);
      if (error.hint) output.err(`hint: ${error.hint}`);
    }
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  output.err(`unexpected error: ${message}`);
  return EXIT_USAGE;
}
