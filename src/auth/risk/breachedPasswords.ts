import { opendirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArgusError } from '../../core/errors.js';
import { CappedMap } from './cappedMap.js';

/** Range files kept in memory: each is a few tens of kB, so 1024 cost about 30 MB at most (off the JS heap). */
const RANGE_CACHE = 1024;

/**
 * A local breached-password list queried the k-anonymity way, so the service never needs the
 * network or the password: either a directory of range files named by the first five hex digits of
 * the SHA-1 (ABCDE or ABCDE.txt, lines "SUFFIX:COUNT", exactly what the Pwned Passwords range API
 * and its downloader produce), or one file of "HASH:COUNT" lines. Files are read lazily on first use
 * and cached (range files in a capped cache, the single file whole: meant for lists such as the
 * most common million, not the full corpus, which belongs in the directory form). Padding lines with
 * count 0, as the API adds on request, count as absent.
 */
export class BreachedPasswordList {
  private readonly ranges = new CappedMap<string, Buffer>(RANGE_CACHE);
  private whole: Promise<Map<string, number>> | undefined;

  private constructor(
    readonly path: string,
    private readonly kind: 'directory' | 'file',
    /** How range files are named here (learnt from the directory), so one lookup is one read. */
    private readonly rangeName: (prefix: string) => string = (p) => `${p}.txt`,
  ) {}

  /** Opens a list; throws CONFIG_INVALID when the path is neither a directory nor a file. */
  static open(path: string): BreachedPasswordList {
    let kind: 'directory' | 'file';
    try {
      kind = statSync(path).isDirectory() ? 'directory' : 'file';
    } catch (error) {
      throw new ArgusError('CONFIG_INVALID', `auth.breachedPasswords: cannot read ${path}`, {
        input: path,
        cause: error,
        hint: 'point it at a directory of Pwned Passwords range files (ABCDE.txt) or one HASH:COUNT file',
      });
    }
    return kind === 'file'
      ? new BreachedPasswordList(path, kind)
      : new BreachedPasswordList(path, kind, namingOf(path));
  }

  /** How often the password with this SHA-1 (40 hex digits, any case) was seen in breaches; 0 if never. */
  async count(sha1: string): Promise<number> {
    const hash = sha1.toUpperCase();
    if (!/^[0-9A-F]{40}$/.test(hash)) throw new RangeError('expected a SHA-1 as 40 hex digits');
    if (this.kind === 'file') {
      this.whole ??= this.readWhole();
      return (await this.whole).get(hash) ?? 0;
    }
    const prefix = hash.slice(0, 5);
    const range = this.ranges.getOrCreate(prefix, () => this.readRange(prefix));
    return countIn(range, hash.slice(5));
  }

  /**
   * Read synchronously on purpose: a range file is ~30 kB on local disk, usually in the page cache,
   * and reads in ~10 µs that way, where fs.promises.readFile takes four thread-pool round trips
   * (open, stat, read, close: 0.2 ms median, 0.5 ms p99 measured) — most of the assess budget. Keep
   * the list on a local disk: on a network file system this would stall the event loop. The bytes
   * stay a Buffer, outside the JS heap: as strings, cached ranges were most of what each young-
   * generation GC had to copy, and those pauses were the assess call's p99.
   */
  private readRange(prefix: string): Buffer {
    try {
      return readFileSync(join(this.path, this.rangeName(prefix)));
    } catch (error) {
      // A partial list lacks some ranges: nothing of that range is breached, as far as it knows.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY;
      throw error;
    }
  }

  private async readWhole(): Promise<Map<string, number>> {
    const text = await readFile(this.path, 'utf8');
    const map = new Map<string, number>();
    for (const line of text.split('\n')) {
      const colon = line.indexOf(':');
      if (colon !== 40) continue;
      const count = Number.parseInt(line.slice(41), 10);
      if (count > 0) map.set(line.slice(0, 40).toUpperCase(), count);
    }
    return map;
  }
}

/**
 * The naming of the directory's range files, read off the first one found: ABCDE.txt (the
 * downloader's), ABCDE, or either in lower case. Defaults to ABCDE.txt for an empty directory.
 */
function namingOf(dir: string): (prefix: string) => string {
  const handle = opendirSync(dir);
  try {
    for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
      const m = /^([0-9A-Fa-f]{5})(\.txt)?$/.exec(entry.name);
      if (!m) continue;
      const lower = m[1] !== m[1]?.toUpperCase();
      const ext = m[2] ?? '';
      return (prefix) => `${lower ? prefix.toLowerCase() : prefix}${ext}`;
    }
  } finally {
    handle.closeSync();
  }
  return (prefix) => `${prefix}.txt`;
}

const EMPTY = Buffer.alloc(0);

/** The count on the line "SUFFIX:COUNT" of a range file (upper-case hex as served, or lower-case). */
function countIn(range: Buffer, suffix: string): number {
  for (const s of [suffix, suffix.toLowerCase()]) {
    const line = `${s}:`;
    let at = range.indexOf(line, 0, 'latin1');
    // Only a match at the start of a line counts (a suffix is never a substring elsewhere in
    // practice, but a line start is cheap to check).
    while (at > 0 && range[at - 1] !== 0x0a) at = range.indexOf(line, at + 1, 'latin1');
    if (at < 0) continue;
    let count = 0;
    for (let i = at + line.length; i < range.length; i++) {
      const d = (range[i] as number) - 0x30;
      if (d < 0 || d > 9) break;
      count = count * 10 + d;
    }
    return count;
  }
  return 0;
}
