/**
 * What the inventory readers produce. Kept apart from inventory.ts so the readers and the
 * orchestrator can share it without importing each other.
 */

/**
 * `npm` for anything an npm lockfile or a package.json names (also Solidity libraries that carry a
 * package.json, such as lib/openzeppelin-contracts); `git` for a git submodule we could only
 * identify by its URL and commit.
 */
export type Ecosystem = 'npm' | 'git';

export interface Dependency {
  ecosystem: Ecosystem;
  /** npm package name, or for `git` the repository as host/owner/repo. */
  name: string;
  /** The installed version; undefined when it cannot be known (a range without a lockfile, a bare submodule). */
  version: string | undefined;
  /** Declared by the project itself (package.json, a workspace, foundry lib/) rather than pulled in. */
  direct: boolean;
  /** Where it was found: the manifest relative to the project dir, plus the entry inside it after `#`. */
  path: string;
  /** Dependency chain from a direct dependency down to this one's parent, when the lockfile tells it. */
  via?: string[];
  /** Only needed for development (npm/pnpm `dev` flag, devDependencies). */
  dev?: boolean;
  /** The declared range when no lockfile resolved it. */
  declared?: string;
  /** Git commit of a submodule checkout, when readable. */
  commit?: string;
  /** Solidity import prefixes this dependency provides (from remappings). */
  provides?: string[];
}

/** One file the inventory could not use, with the reason; reading goes on without it. */
export interface InventoryProblem {
  path: string;
  reason: string;
}

/** What one reader returns for one file. */
export interface ReaderResult {
  /** A short description of the format, e.g. `package-lock v3`, `yarn berry (v8)`. */
  format: string;
  dependencies: Dependency[];
  /** Problems inside a file that was otherwise readable (an entry without a version). */
  warnings: string[];
}
