import type { ReactNode } from 'react';
import { addressPath, navigate } from '../route.js';
import './addressShared.css';

/** A link to an address's page that stays in the app (no reload). */
export function AddressLink(props: {
  chain: string;
  address: string;
  children?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const path = addressPath(props.chain, props.address);
  return (
    <a
      href={path}
      className={props.className ?? 'address-link'}
      data-testid={props.testId}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(path);
      }}
    >
      {props.children ?? <code>{props.address}</code>}
    </a>
  );
}

/** The alert detail's way into the graph view of an address subject. */
export function GraphViewLink(props: { chain: string; address: string }) {
  return (
    <AddressLink chain={props.chain} address={props.address} className="graph-link" testId="open-graph-view">
      Open graph view
    </AddressLink>
  );
}

/** A path of addresses, each a link to its page, joined by arrows. */
export function PathLinks(props: { chain: string; nodes: readonly string[]; short?: (a: string) => string }) {
  const seen = new Map<string, number>();
  const keyed = props.nodes.map((node) => {
    const n = (seen.get(node) ?? 0) + 1;
    seen.set(node, n);
    return { node, key: `${node}#${n}` };
  });
  return (
    <>
      {keyed.map(({ node, key }, i) => (
        <span key={key}>
          {i > 0 && ' → '}
          <AddressLink chain={props.chain} address={node}>
            <code>{props.short ? props.short(node) : node}</code>
          </AddressLink>
        </span>
      ))}
    </>
  );
}
