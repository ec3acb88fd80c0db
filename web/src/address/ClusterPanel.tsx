import { AddressLink } from './AddressLink.js';
import type { AddressView } from './addressApi.js';
import { shortAddress } from './categoryStyle.js';

/** The entity cluster: which addresses the clustering heuristics say share an owner with this one, and why. */
export function ClusterPanel(props: { view: AddressView }) {
  const { cluster, clusterNote, chain } = props.view;
  return (
    <section className="address-panel" data-testid="address-cluster">
      <h3>Entity cluster</h3>
      {cluster === null ? (
        <p className="muted">{clusterNote ?? 'not available'}</p>
      ) : cluster.size <= 1 ? (
        <p className="muted">no other address is tied to this one by the clustering heuristics</p>
      ) : (
        <>
          <p>
            {cluster.size} addresses likely under one owner
            {cluster.members.length < cluster.size - 1 && ` (${cluster.members.length} listed)`}
          </p>
          <ul className="sources">
            {cluster.links.map((l) => (
              <li key={`${l.heuristic}:${l.other}:${l.evidence}`}>
                <AddressLink chain={chain} address={l.other}>
                  <code>{shortAddress(l.other)}</code>
                </AddressLink>{' '}
                <span className="muted">
                  {l.evidence} ({l.heuristic})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
