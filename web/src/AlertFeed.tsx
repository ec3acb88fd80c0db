import { useCallback, useState } from 'react';
import { AlertDetailPanel } from './AlertDetailPanel.js';
import type { AlertFilter, ArgusApi } from './api.js';
import { navigate } from './route.js';
import { StatusButtons } from './StatusButtons.js';
import { TopBar } from './TopBar.js';
import { ALERT_STATUSES, AREAS, SEVERITIES } from './types.js';
import { useLiveAlerts } from './useLiveAlerts.js';

function Select(props: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  onChange(v: string): void;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
        aria-label={props.label}
      >
        <option value="">all</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AlertFeed(props: {
  api: ArgusApi;
  selectedId: string | undefined;
  onUnauthorized(): void;
  onLogout(): void;
}) {
  const { api, selectedId } = props;
  const [filter, setFilter] = useState<AlertFilter>({});
  const onUnauthorized = useCallback(() => props.onUnauthorized(), [props.onUnauthorized]);
  const { alerts, total, state, error, fresh, replace } = useLiveAlerts(api, filter, onUnauthorized);
  const selected = alerts.find((a) => a.id === selectedId);
  const set = (name: keyof AlertFilter) => (value: string) =>
    setFilter((f) => ({ ...f, [name]: value || undefined }));

  return (
    <div className={selectedId ? 'shell with-detail' : 'shell'}>
      <TopBar current="feed" onLogout={props.onLogout}>
        <span className={`live ${state}`} data-testid="live-state">
          {state === 'live' ? `live · ${total} stored` : state}
        </span>
      </TopBar>
      <main className="feed">
        <div className="filters">
          <Select label="Area" value={filter.area} options={AREAS} onChange={set('area')} />
          <Select label="Severity" value={filter.severity} options={SEVERITIES} onChange={set('severity')} />
          <Select label="Status" value={filter.status} options={ALERT_STATUSES} onChange={set('status')} />
          {filter.subject && (
            <span className="subject-chip" data-testid="subject-filter">
              subject <code>{filter.subject}</code>
              <button
                type="button"
                className="link"
                aria-label="all subjects"
                onClick={() => set('subject')('')}
              >
                ×
              </button>
            </span>
          )}
        </div>
        {error && <p className="error">{error}</p>}
        <table className="alerts">
          <thead>
            <tr>
              <th>last seen</th>
              <th>severity</th>
              <th>area / detector</th>
              <th>subject</th>
              <th>title</th>
              <th>count</th>
              <th>status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr
                key={a.id}
                data-alert-id={a.id}
                className={[fresh.has(a.id) ? 'flash' : '', a.id === selectedId ? 'selected' : ''].join(' ')}
                onClick={() => navigate(`/alerts/${encodeURIComponent(a.id)}`)}
              >
                <td className="num">{new Date(a.lastSeenAt).toLocaleTimeString()}</td>
                <td>
                  <span className={`sev ${a.severity}`}>{a.severity}</span>
                </td>
                <td>
                  {a.area} / {a.detector}
                </td>
                <td>
                  <span className="muted">{a.subject.kind}</span>{' '}
                  <button
                    type="button"
                    className="link subject-filter"
                    title={`only the alerts about ${a.subject.id}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      set('subject')(a.subject.id);
                    }}
                  >
                    <code className="subject-id">{a.subject.id}</code>
                  </button>
                </td>
                <td className="title">{a.title}</td>
                <td className="num">{a.count}</td>
                <td className="status">{a.status}</td>
                <td>
                  <StatusButtons api={api} alert={a} onChanged={replace} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {alerts.length === 0 && state !== 'loading' && <p className="muted empty">no alerts match</p>}
      </main>
      {selectedId && (
        <AlertDetailPanel
          api={api}
          alertId={selectedId}
          latest={selected}
          onChanged={replace}
          onClose={() => navigate('/')}
        />
      )}
    </div>
  );
}
