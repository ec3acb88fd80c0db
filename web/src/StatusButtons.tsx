import { useState } from 'react';
import type { ArgusApi } from './api.js';
import type { Alert, AlertStatus } from './types.js';

const CHOICES: { status: AlertStatus; label: string }[] = [
  { status: 'acknowledged', label: 'Acknowledge' },
  { status: 'resolved', label: 'Resolve' },
  { status: 'false-positive', label: 'False positive' },
];

export function StatusButtons(props: { api: ArgusApi; alert: Alert; onChanged(alert: Alert): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const set = async (status: AlertStatus) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onChanged(await props.api.setStatus(props.alert.id, status));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="status-buttons">
      {CHOICES.filter((c) => c.status !== props.alert.status).map((c) => (
        <button
          key={c.status}
          type="button"
          disabled={busy}
          onClick={(e) => {
            e.stopPropagation();
            void set(c.status);
          }}
        >
          {c.label}
        </button>
      ))}
      {props.alert.status !== 'open' && (
        <button
          type="button"
          disabled={busy}
          onClick={(e) => {
            e.stopPropagation();
            void set('open');
          }}
        >
          Reopen
        </button>
      )}
      {error && <span className="error">{error}</span>}
    </span>
  );
}
