import { AddressLink, PathLinks } from './AddressLink.js';
import type { AddressRisk, RiskSource } from './addressApi.js';
import { categoryColour, compactNumber, shortAddress } from './categoryStyle.js';

function riskLevel(score: number): string {
  if (score >= 0.75) return 'severe';
  if (score >= 0.4) return 'high';
  if (score > 0) return 'some';
  return 'none';
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function how(s: RiskSource): string {
  switch (s.relation) {
    case 'self':
      return 'is itself labelled';
    case 'received':
      return `paid it directly (${compactNumber(s.value ?? 0)})${s.share === undefined ? '' : `, ${percent(s.share)} of its inflow`}`;
    case 'sent':
      return `was paid by it directly (${compactNumber(s.value ?? 0)})`;
    case 'traced':
      return `${percent(s.share ?? 0)} of its inflow traced over ${s.hops} hop${s.hops === 1 ? '' : 's'}`;
  }
}

/** The screening result: the score and the labelled sources behind it, each a link to its page. */
export function RiskSummary(props: { chain: string; risk: AddressRisk }) {
  const { chain, risk } = props;
  return (
    <section className="address-panel" data-testid="address-risk">
      <h3>Risk</h3>
      <p className="risk-score">
        <span className={`risk-badge ${riskLevel(risk.score)}`} data-testid="risk-score">
          {risk.score.toFixed(2)}
        </span>
        <span className="muted">
          exposure to labelled sources, traced {risk.hops} hops back
          {risk.truncated ? ' (stopped at the work bound)' : ''}
        </span>
      </p>
      {risk.sources.length === 0 ? (
        <p className="muted">no labelled source reached</p>
      ) : (
        <ul className="sources">
          {risk.sources.map((s) => (
            <li key={`${s.relation}:${s.source}`}>
              <span className="chip" style={{ borderColor: categoryColour(s.category) }}>
                {s.category}
              </span>{' '}
              <AddressLink chain={chain} address={s.source}>
                {s.label ?? <code>{shortAddress(s.source)}</code>}
              </AddressLink>{' '}
              <span className="muted">{how(s)}</span>
              {s.path && s.path.length > 2 && (
                <div className="path">
                  <PathLinks chain={chain} nodes={s.path} short={shortAddress} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {risk.moreSources > 0 && <p className="muted">and {risk.moreSources} more sources</p>}
    </section>
  );
}
