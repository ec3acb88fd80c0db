import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { parseFrontMatterDate, splitFrontMatter } from './frontMatter.js';
import type { IntelDocumentDraft, IntelSourceItem, IntelSourceReader } from './intelSource.js';
import { describeFsError, listFiles } from './listFiles.js';
import { firstHeading, splitMarkdownSections } from './markdownSections.js';
import { Watermark } from './watermark.js';

export interface TextSourceOptions {
  /** A directory (read recursively) or a single file; .txt, .md and .markdown files are read. */
  path: string;
  /** Markdown: one document per top-level section instead of one per file. */
  splitSections?: boolean;
  /** A larger file is rejected; default 5 MiB. */
  maxBytes?: number;
  /** Default "text:<path>". */
  name?: string;
}

const EXTENSIONS = ['.txt', '.md', '.markdown'];

function isMarkdown(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/**
 * A corpus of plain text and Markdown: notes, write-ups, post-mortems. One document per file (or per
 * top-level Markdown section), incremental by file modification time.
 */
export class TextSource implements IntelSourceReader {
  readonly name: string;
  readonly cursorKey: string;
  readonly options: TextSourceOptions;
  private cursor: string | undefined;

  constructor(options: TextSourceOptions) {
    this.options = options;
    this.name = options.name ?? `text:${options.path}`;
    // Splitting changes the documents a file yields, so it reads under its own cursor.
    this.cursorKey = `intel:text:${options.path}${options.splitSections ? '?splitSections' : ''}`;
  }

  async *read(cursor: string | undefined, signal: AbortSignal): AsyncGenerator<IntelSourceItem> {
    const watermark = Watermark.parse(cursor, this.name);
    this.cursor = cursor;
    const maxBytes = this.options.maxBytes ?? 5 * 1024 * 1024;
    for (const file of await listFiles(this.options.path, EXTENSIONS, 'text corpus')) {
      if (signal.aborted) return;
      let stat: import('node:fs').Stats;
      let bytes: Buffer;
      try {
        stat = await fs.stat(file.path);
        // Whole milliseconds: the cursor stores them, and a sub-millisecond part would never compare equal.
        const mtime = Math.floor(stat.mtimeMs);
        if (!watermark.isNew(mtime, file.relativePath)) continue;
        if (stat.size > maxBytes) {
          watermark.observe(mtime, file.relativePath);
          yield this.reject(file.relativePath, `larger than ${maxBytes} bytes`);
          continue;
        }
        bytes = await fs.readFile(file.path);
      } catch (err) {
        // A file that vanished between listing and reading is simply gone; anything else is a real problem.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw describeFsError(err, file.path, 'text file');
      }
      const mtime = Math.floor(stat.mtimeMs);
      watermark.observe(mtime, file.relativePath);
      if (bytes.includes(0)) {
        yield this.reject(file.relativePath, 'looks binary (contains NUL bytes)');
        continue;
      }
      let text = bytes.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const front = splitFrontMatter(text);
      if (!front.ok) {
        yield this.reject(file.relativePath, front.reason);
        continue;
      }
      const { data, body } = front.value;
      let publishedAt = mtime;
      if (data.date !== undefined) {
        publishedAt = parseFrontMatterDate(data.date);
        if (!Number.isFinite(publishedAt)) {
          yield this.reject(file.relativePath, `front matter date "${String(data.date)}" is not a date`);
          continue;
        }
      }
      const declaredTitle =
        typeof data.title === 'string' && data.title.trim() ? data.title.trim() : undefined;
      const markdown = isMarkdown(file.path);
      const parts =
        markdown && this.options.splitSections
          ? splitMarkdownSections(body)
          : [{ heading: undefined as string | undefined, text: body.trim() }];
      const fallbackTitle =
        declaredTitle ?? (markdown ? firstHeading(body) : undefined) ?? basename(file.path);
      for (let n = 0; n < parts.length; n++) {
        const part = parts[n] as { heading?: string; text: string };
        if (!part.text && parts.length > 1) continue;
        const document: IntelDocumentDraft = {
          id: `text:${file.relativePath}#${n}`,
          source: 'text',
          origin: this.options.path,
          kind: 'text',
          title: part.heading || fallbackTitle,
          body: part.text,
          publishedAt,
          modifiedAt: mtime,
          raw: JSON.stringify({
            path: file.relativePath,
            section: n,
            ...(part.heading ? { heading: part.heading } : {}),
            frontMatter: data,
          }),
        };
        yield { document };
      }
    }
    this.cursor = watermark.toCursor() ?? cursor;
  }

  nextCursor(): string | undefined {
    return this.cursor;
  }

  private reject(position: string, reason: string): IntelSourceItem {
    return { rejected: { source: this.name, position, reason } };
  }
}
