import { useEffect, useState } from 'react';
import { GraphViewLink, PathLinks } from './address/AddressLink.js';
import type { ArgusApi } from './api.js';
import { EvidenceExcerpt } from './audit/EvidenceExcerpt.js';
import { FeatureBars } from './FeatureBars.js';
import { StatusButtons } from './StatusButtons.js';
import type { Alert, AlertDetail, Evidence } from './types.js';

function ofKind<K extends Evidence['kind']>(evidence: Evidence[], kind: K) {
  return evidence.filter((e): e is Extract<Evidence, { kind: K }> => e.kind === kind);
}

export function AlertDetailPanel(props: {
  api: ArgusApi;
  alertId: string;
  /** The feed's copy, so that a live update or a status change shows here at once. */
  latest: Alert | undefined;
  onChanged(alert: Alert): void;
  onClose(): void;
}) {
  const { api, alertId, latest } = props;
  const [detail, setDetail] = useState<AlertDetail>();
  const [error, setError] = useState<string>();

  // Reloaded when the alert changes (status, repeats), so actions and history stay current.
  const version = latest ? `${latest.status}|${latest.count}|${latest.lastSeenAt}` : '';
  useEffect(() => {
    let stale = false;
    void version;
    api
      .alert(alertId)
      .then((d) => !stale && setDetail(d))
      .catch((e: unknown) => !stale && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      stale = true;
    };
  }, [api, alertId, version]);

  if (error) return <aside className="detail">{error}</aside>;
  if (!detail) return <aside className="detail muted">loading…</aside>;
  const alert = latest ?? detail.alert;
  const features = ofKind(alert.evidence, 'feature');
  const paths = ofKind(alert.evidence, 'path');
  const code = ofKind(alert.evidence, 'code');
  const facts = ofKind(alert.evidence, 'fact');
  // Path nodes and an address subject are on the subject's chain (ethereum when it does not say).
  const chain = alert.subject.chain ?? 'ethereum';
  return (
    <aside className="detail" aria-label="alert detail">
      <header>
        <span className={`sev ${alert.severity}`}>{alert.severity}</span>
        <h2>{alert.title}</h2>
        <button type="button" className="close" onClick={props.onClose} aria-label="close">
          ×
        </button>
      </header>
      <p className="muted">
        {alert.area} / {alert.detector} · {alert.subject.kind} <code>{alert.subject.id}</code> · score{' '}
        {alert.score.toFixed(2)} · seen {alert.count}× · status{' '}
        <strong className="status">{alert.status}</strong>
      </p>
      {alert.subject.kind === 'address' && <GraphViewLink chain={chain} address={alert.subject.id} />}
      <p>{alert.explanation}</p>
      <StatusButtons api={api} alert={alert} onChanged={props.onChanged} />
      {features.length > 0 && (
        <section>
          <h3>Features against baseline</h3>
          <p className="legend">
            <span className="swatch bar-value" /> value <span className="swatch bar-baseline" /> baseline
          </p>
          <FeatureBars features={features} />
        </section>
      )}
      {paths.length > 0 && (
        <section>
          <h3>Graph paths</h3>
          <ul className="paths">
            {paths.map((p) => (
              <li key={p.nodes.join('>')}>
                {p.label && <strong>{p.label}: </strong>}
                <PathLinks chain={chain} nodes={p.nodes} />
                {p.share !== undefined && <span className="muted"> ({(p.share * 100).toFixed(0)}%)</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {code.length > 0 && (
        <section>
          <h3>Code</h3>
          {code.map((c) => (
            <EvidenceExcerpt key={`${c.file}:${c.startLine}`} evidence={c} />
          ))}
        </section>
      )}
      {facts.length > 0 && (
        <section>
          <h3>Facts</h3>
          <dl className="facts">
            {facts.map((f) => (
              <div key={f.name}>
                <dt>{f.name}</dt>
                <dd>{String(f.value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <section>
        <h3>Actions</h3>
        {detail.actions.length === 0 ? (
          <p className="muted">no actions ordered</p>
        ) : (
          <ul className="actions">
            {detail.actions.map((a) => (
              <li key={a.id}>
                <span className={`act ${a.status}`}>{a.type}</span> {a.status} · rule “{a.rule}” ·{' '}
                {a.attempts} attempt{a.attempts === 1 ? '' : 's'}
                {a.lastError && <span className="error"> · {a.lastError}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {detail.statusHistory.length > 0 && (
        <section>
          <h3>Status history</h3>
          <ul className="history">
            {detail.statusHistory.map((h) => (
              <li key={`${h.at}-${h.status}`}>
                {new Date(h.at).toLocaleString()}: {h.status} by {h.by}
                {h.note && ` (${h.note})`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
