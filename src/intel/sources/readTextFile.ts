import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { describeFsError } from './listFiles.js';

const gunzipAsync = promisify(gunzip);

/** A UTF-8 file, gunzipped when its name ends in .gz (NVD and OSV exports are often shipped that way). */
export async function readTextFile(path: string): Promise<string> {
  const bytes = await fs.readFile(path);
  const plain = path.toLowerCase().endsWith('.gz') ? await gunzipAsync(bytes) : bytes;
  const text = plain.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A JSON file (gunzipped like readTextFile): its value, or why it is not JSON so the source can reject
 * that one file and go on. A file that cannot be read is a real problem and throws, described.
 */
export async function readJsonFile(
  path: string,
  what: string,
): Promise<{ ok: true; json: unknown } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = await readTextFile(path);
  } catch (err) {
    throw describeFsError(err, path, what);
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
}
