import { createReadStream } from 'node:fs';
import { addAbortSignal, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** A line longer than this is reported and skipped rather than buffered without bound. */
export const MAX_LINE_CHARS = 1 << 20;

export interface LineBatch {
  /** 1-based number of lines[0] in the file. */
  firstLine: number;
  /** The lines without their "\n"; null stands for a line over MAX_LINE_CHARS, which was dropped. */
  lines: (string | null)[];
}

/** The file as a byte stream: "-" is stdin, a ".gz" name is gunzipped on the fly. */
export function openInput(path: string, signal: AbortSignal): Readable {
  const raw: Readable = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  addAbortSignal(signal, raw);
  if (!path.toLowerCase().endsWith('.gz')) return raw;
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  raw.on('error', (err) => gunzip.destroy(err));
  return raw.pipe(gunzip);
}

/**
 * Streams a text file as batches of lines, one batch per chunk read, so a caller pays one await per
 * chunk (about a megabyte) rather than one per line; the whole file is never held in memory.
 */
export async function* readLineBatches(path: string, signal: AbortSignal): AsyncGenerator<LineBatch> {
  const input = openInput(path, signal);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let restTooLong = false;
  let nextLine = 1;
  try {
    for await (const chunk of input) {
      const text = rest + decoder.write(chunk as Buffer);
      const lines: (string | null)[] = text.split('\n');
      rest = lines.pop() as string;
      // Only the first line can carry text from earlier chunks; the others fit in one chunk (<= 1 MiB).
      if (lines.length > 0 && (restTooLong || (lines[0] as string).length > MAX_LINE_CHARS)) {
        lines[0] = null;
        restTooLong = false;
      }
      if (rest.length > MAX_LINE_CHARS) {
        rest = '';
        restTooLong = true;
      }
      if (lines.length > 0) {
        yield { firstLine: nextLine, lines };
        nextLine += lines.length;
      }
    }
    rest += decoder.end();
    if (restTooLong) yield { firstLine: nextLine, lines: [null] };
    else if (rest.length > 0) yield { firstLine: nextLine, lines: [rest] };
  } finally {
    input.destroy();
  }
}
