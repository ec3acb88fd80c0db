import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ImportDirective } from '@solidity-parser/parser/dist/src/ast-types.js';
import type { AuditError } from '../types.js';
import { parseSolidity, type SourceUnit } from './parseSolidity.js';

export interface ParsedFile {
  /** As given on the command line for inputs; absolute for files reached through imports. */
  file: string;
  source: string;
  ast: SourceUnit;
  /** Named by the user (findings are reported) rather than pulled in by an import (context only). */
  isInput: boolean;
}

export interface LoadedSources {
  files: ParsedFile[];
  errors: AuditError[];
  /** How many input files were found, parsed or not. */
  inputCount: number;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'cache', 'artifacts', 'out']);

/** The .sol files named, and those below named folders (dependencies folders skipped). */
export function expandInputs(paths: readonly string[]): { files: string[]; errors: AuditError[] } {
  const files: string[] = [];
  const errors: AuditError[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name));
      } else if (entry.name.endsWith('.sol')) {
        files.push(join(dir, entry.name));
      }
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) {
      errors.push({ kind: 'read', file: path, message: 'no such file or folder' });
    } else if (statSync(path).isDirectory()) {
      walk(path);
    } else {
      files.push(path);
    }
  }
  return { files, errors };
}

/** Where an import path points: relative to the importing file, else a package in node_modules above it. */
export function resolveImport(fromFile: string, importPath: string): string | undefined {
  if (importPath.startsWith('.')) {
    const candidate = resolve(dirname(fromFile), importPath);
    return existsSync(candidate) ? candidate : undefined;
  }
  let dir = resolve(dirname(fromFile));
  for (;;) {
    const candidate = join(dir, 'node_modules', importPath);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Reads and parses the inputs and, transitively, what they import. Unreadable files, syntax errors
 * and unresolved imports are reported and the rest goes on.
 */
export function loadSources(
  paths: readonly string[],
  onProgress?: (done: number, total: number) => void,
): LoadedSources {
  const expanded = expandInputs(paths);
  const errors = [...expanded.errors];
  const byPath = new Map<string, ParsedFile>();
  const queue: { file: string; isInput: boolean }[] = expanded.files.map((file) => ({ file, isInput: true }));
  while (queue.length > 0) {
    const next = queue.shift() as { file: string; isInput: boolean };
    onProgress?.(byPath.size, byPath.size + queue.length + 1);
    const key = resolve(next.file);
    if (byPath.has(key)) continue;
    let source: string;
    try {
      source = readFileSync(next.file, 'utf8');
    } catch (cause) {
      errors.push({ kind: 'read', file: next.file, message: (cause as Error).message });
      continue;
    }
    const parsed = parseSolidity(next.file, source);
    if ('error' in parsed) {
      errors.push(parsed.error);
      continue;
    }
    byPath.set(key, { file: next.file, source, ast: parsed.ast, isInput: next.isInput });
    for (const node of parsed.ast.children) {
      if (node.type !== 'ImportDirective') continue;
      const directive = node as ImportDirective;
      const target = resolveImport(next.file, directive.path);
      if (target === undefined) {
        errors.push({
          kind: 'import',
          file: next.file,
          line: directive.loc?.start.line,
          column: (directive.loc?.start.column ?? 0) + 1,
          message: `cannot resolve import "${directive.path}" (looked beside the file and in node_modules)`,
        });
      } else if (!byPath.has(resolve(target))) {
        queue.push({ file: target, isInput: false });
      }
    }
  }
  return { files: [...byPath.values()], errors, inputCount: expanded.files.length };
}
