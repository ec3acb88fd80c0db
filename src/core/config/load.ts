import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ArgusError, ValidationError } from '../errors.js';
import { describeZodIssues } from '../zodIssues.js';
import { applyOverrides, envOverrides } from './envOverrides.js';
import { type ArgusConfig, ConfigSchema } from './schema.js';

export const CONFIG_FILE_NAMES = ['argus.config.yaml', 'argus.config.yml', 'argus.config.json'] as const;

export interface LoadedConfig {
  config: ArgusConfig;
  /** The file read, if any. */
  file: string | undefined;
  /** Relative paths in the config (sqlite path, policy file) resolve against this folder. */
  baseDir: string;
  /** Environment variables that overrode the file. */
  envVariables: string[];
}

export interface LoadConfigOptions {
  file?: string | undefined;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.ARGUS_CONFIG) return resolve(cwd, env.ARGUS_CONFIG);
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Reads a YAML or JSON document, reporting syntax errors with file:line:col. */
export function readStructuredFile(file: string, code: 'CONFIG_UNREADABLE' | 'POLICY_INVALID'): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ArgusError(code, `cannot read ${file}: ${(cause as Error).message}`, {
      input: file,
      hint: 'check that the path exists and is readable',
    });
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const pos = first?.linePos?.[0];
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    throw new ArgusError(code, `${where}: ${first?.message.split('\n')[0] ?? 'syntax error'}`, {
      input: file,
      hint: 'fix the YAML/JSON syntax at that position',
    });
  }
  return doc.toJS() ?? {};
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = options.file ? resolve(cwd, options.file) : findConfigFile(cwd, env);
  const raw = file ? readStructuredFile(file, 'CONFIG_UNREADABLE') : {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationError('CONFIG_INVALID', `configuration ${file ?? ''}`.trim(), [
      {
        path: '',
        message: `expected a mapping of sections, got ${Array.isArray(raw) ? 'array' : typeof raw}`,
      },
    ]);
  }
  const overrides = envOverrides(env);
  const merged = applyOverrides(raw as Record<string, unknown>, overrides);
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ValidationError(
      'CONFIG_INVALID',
      `configuration${file ? ` ${file}` : ''}${overrides.length ? ' (with ARGUS_* environment overrides)' : ''}`,
      describeZodIssues(parsed.error, merged),
      'fix the keys listed above; `argus config check` re-checks without starting anything',
    );
  }
  return {
    config: parsed.data,
    file,
    baseDir: file ? dirname(file) : cwd,
    envVariables: overrides.map((o) => o.variable),
  };
}
