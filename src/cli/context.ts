import type { Command } from 'commander';
import { type LoadedConfig, loadConfig } from '../core/config/load.js';
import { openStore } from '../store/openStore.js';
import type { Store } from '../store/types.js';

export interface CliContext {
  loaded: LoadedConfig;
  store: Store;
}

/** Loads config and opens the store for one command, closing the store whatever happens. */
export async function withStore<T>(cmd: Command, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const globals = cmd.optsWithGlobals() as { config?: string };
  const loaded = loadConfig({ file: globals.config });
  const store = await openStore(loaded.config.store, loaded.baseDir);
  try {
    return await fn({ loaded, store });
  } finally {
    await store.close();
  }
}

/** Who did it, for the audit trail: the --by option or the OS user. */
export function actorFrom(by: string | undefined): string {
  return by ?? `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;
}
