import type { ASTNode } from '@solidity-parser/parser/dist/src/ast-types.js';

export type Node = ASTNode & {
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } };
  range?: [number, number];
};

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The direct child nodes of a node, in source order of their keys. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'range' || key === 'comments') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

/** Pre-order walk; returning false from `enter` skips the node's children. */
export function walk(
  node: Node,
  enter: (node: Node, parent: Node | undefined) => boolean | undefined,
  parent?: Node,
): void {
  if (enter(node, parent) === false) return;
  for (const child of childrenOf(node)) walk(child, enter, node);
}

export function lineOf(node: Node): number {
  return node.loc?.start.line ?? 1;
}

export function endLineOf(node: Node): number {
  return node.loc?.end.line ?? lineOf(node);
}
