import { AddressLink } from './AddressLink.js';
import type { AddressNeighbourhood } from './addressApi.js';
import { categoryColour, compactNumber } from './categoryStyle.js';

/**
 * The drawn addresses as a table: what the canvas shows, readable by a screen reader and sortable by
 * eye, with each address a link to its page and its flows with the centre.
 */
export function NodeTable(props: { chain: string; hood: AddressNeighbourhood }) {
  const { chain, hood } = props;
  const center = hood.nodes.find((n) => n.isCenter)?.address;
  const flow = new Map<string, { received: number; sent: number; transfers: number }>();
  for (const e of hood.edges) {
    const other = e.from === center ? e.to : e.to === center ? e.from : undefined;
    if (other === undefined) continue;
    const f = flow.get(other) ?? { received: 0, sent: 0, transfers: 0 };
    if (e.to === center) f.received += e.value;
    if (e.from === center) f.sent += e.value;
    f.transfers += e.transfers;
    flow.set(other, f);
  }
  const rows = hood.nodes
    .filter((n) => !n.isCenter)
    .sort((a, b) => a.hops - b.hops || b.risk - a.risk || a.address.localeCompare(b.address));
  return (
    <section className="address-panel">
      <h3>Addresses drawn</h3>
      <div className="nodes-scroll">
        <table className="nodes" data-testid="neighbourhood-table">
          <thead>
            <tr>
              <th>address</th>
              <th>label</th>
              <th>hops</th>
              <th>risk</th>
              <th>received from it</th>
              <th>sent to it</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => {
              const f = flow.get(n.address);
              return (
                <tr key={n.address}>
                  <td>
                    <AddressLink chain={chain} address={n.address} />
                  </td>
                  <td>
                    {n.labels.map((l) => (
                      <span
                        key={`${l.category}:${l.source}`}
                        className="chip"
                        style={{ borderColor: categoryColour(l.category) }}
                        title={`${l.category} · ${l.source}`}
                      >
                        {l.label}
                      </span>
                    ))}
                  </td>
                  <td>{n.hops}</td>
                  <td>{n.risk.toFixed(2)}</td>
                  <td>{f && f.received > 0 ? compactNumber(f.received) : ''}</td>
                  <td>{f && f.sent > 0 ? compactNumber(f.sent) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
