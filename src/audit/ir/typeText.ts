import type { Node } from './astWalk.js';

type Any = Record<string, unknown> & Node;

/** A type name as text: `uint256`, `Token`, `address[]`, `bytes32[n]` (fixed length), `mapping`. */
export function typeText(typeName: Any | null | undefined): string {
  if (!typeName) return 'var';
  if (typeName.type === 'ElementaryTypeName') return typeName.name as string;
  if (typeName.type === 'UserDefinedTypeName') return typeName.namePath as string;
  if (typeName.type === 'ArrayTypeName') {
    const length = typeName.length ? '[n]' : '[]';
    return `${typeText(typeName.baseTypeName as Any)}${length}`;
  }
  if (typeName.type === 'Mapping') return 'mapping';
  return typeName.type;
}
