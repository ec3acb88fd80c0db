import type { AddressView } from './addressApi.js';
import { categoryColour } from './categoryStyle.js';

/** The address's own labels: category, text and the list that says so. */
export function LabelChips(props: { labels: AddressView['labels'] }) {
  if (props.labels.length === 0) return <span className="muted">no labels</span>;
  return (
    <span className="labels" data-testid="address-labels">
      {props.labels.map((l) => (
        <span
          key={`${l.category}:${l.source}`}
          className="chip filled"
          style={{ background: categoryColour(l.category) }}
          title={`${l.source} · ${l.sourceRef}${l.listedAt ? ` · listed ${l.listedAt}` : ''}`}
        >
          {l.category}: {l.label} <small>({l.source})</small>
        </span>
      ))}
    </span>
  );
}
