import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Renames every `dot-git` to `.git` (git will not store a path named .git inside a repository). */
function restoreGitDirs(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) restoreGitDirs(full);
    if (entry.name === 'dot-git') renameSync(full, join(dir, '.git'));
  }
}

/** Copies a fixture project to a fresh temp dir, as it would look on disk; remove() deletes it. */
export function copyFixture(name: string): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), `argus-inventory-${name}-`));
  const dir = join(root, name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  restoreGitDirs(dir);
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
