import { useState } from 'react';
import { ApiError } from '../api.js';
import type { PageProps } from '../pageProps.js';
import { navigate } from '../route.js';
import { scanAudit } from './auditApi.js';

/** Audit a folder on the server's disk (one under its audit.scanRoots); the new report opens. */
export function ScanForm(props: PageProps) {
  const [directory, setDirectory] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (!directory.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const report = await scanAudit(props.api, directory.trim());
      navigate(`/audit/${encodeURIComponent(report.id)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) props.onUnauthorized();
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <form
      className="audit-form"
      data-testid="audit-scan-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Scan a folder on the server</h3>
      <p className="muted">
        A folder under the server's <code>audit.scanRoots</code> (its working directory unless configured).
      </p>
      <div className="form-row">
        <input
          type="text"
          placeholder="contracts/"
          aria-label="folder on the server"
          data-testid="audit-scan-input"
          value={directory}
          onChange={(e) => setDirectory(e.target.value)}
        />
        <button type="submit" disabled={busy || !directory.trim()} data-testid="audit-scan-submit">
          {busy ? 'scanning…' : 'scan'}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
