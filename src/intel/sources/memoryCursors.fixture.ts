import type { SourceCursorRepository } from '../../store/types.js';

/** A SourceCursorRepository in memory for tests, recording every save. */
export class MemoryCursors implements SourceCursorRepository {
  readonly cursors = new Map<string, string>();
  readonly saves: { key: string; cursor: string; at: number }[] = [];

  async get(key: string): Promise<string | undefined> {
    return this.cursors.get(key);
  }

  async set(key: string, cursor: string, at: number): Promise<void> {
    this.cursors.set(key, cursor);
    this.saves.push({ key, cursor, at });
  }
}

/** Collects every item a reader yields. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
