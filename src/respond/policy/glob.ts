/**
 * Compiles a policy glob (`*` matches any run of characters, nothing else is special) to an anchored
 * RegExp once, at load. Case-insensitive because subject ids such as EVM addresses arrive both
 * checksummed and lower-case, and a policy that silently stops matching is worse than a broad one.
 */
export function compileGlob(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i');
}
