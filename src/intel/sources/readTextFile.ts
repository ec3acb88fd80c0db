import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** A UTF-8 file, gunzipped when its name ends in .gz (NVD and OSV exports are often shipped that way). */
export async function readTextFile(path: string): Promise<string> {
  const bytes = await fs.readFile(path);
  const plain = path.toLowerCase().endsWith('.gz') ? await gunzipAsync(bytes) : bytes;
  const text = plain.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
