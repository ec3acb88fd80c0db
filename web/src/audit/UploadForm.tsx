import { type DragEvent, useState } from 'react';
import { ApiError } from '../api.js';
import type { PageProps } from '../pageProps.js';
import { navigate } from '../route.js';
import { uploadAudit } from './auditApi.js';
import { type PickedSources, readDroppedItems, readPickedFiles } from './readSources.js';

/**
 * Upload Solidity sources for an audit: pick files (or drop files and folders on the zone), name the
 * audit if you like, and send. The server audits them and the new report opens.
 */
export function UploadForm(props: PageProps) {
  const [picked, setPicked] = useState<PickedSources>();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [over, setOver] = useState(false);

  const take = (sources: Promise<PickedSources>) => {
    setError(undefined);
    sources.then(setPicked, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(readDroppedItems(e.dataTransfer.items));
  };
  const submit = async () => {
    if (!picked || picked.files.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const report = await uploadAudit(props.api, {
        files: picked.files,
        ...(name.trim() ? { name: name.trim() } : {}),
      });
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
      data-testid="audit-upload-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Upload contracts</h3>
      <label
        className={over ? 'drop-zone over' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          type="file"
          multiple
          accept=".sol"
          data-testid="audit-upload-input"
          onChange={(e) => e.target.files && take(readPickedFiles(e.target.files))}
        />
        <span className="muted">or drop .sol files and folders here</span>
      </label>
      {picked && (
        <p className="muted" data-testid="audit-upload-picked">
          {picked.files.length} .sol file{picked.files.length === 1 ? '' : 's'}
          {picked.files.length > 0 &&
            `: ${picked.files
              .map((f) => f.path)
              .slice(0, 4)
              .join(', ')}`}
          {picked.files.length > 4 && ', …'}
          {picked.skipped > 0 && ` (${picked.skipped} other file${picked.skipped === 1 ? '' : 's'} left out)`}
        </p>
      )}
      <div className="form-row">
        <input
          type="text"
          placeholder="name (optional)"
          aria-label="audit name"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
        <button
          type="submit"
          disabled={busy || !picked || picked.files.length === 0}
          data-testid="audit-upload-submit"
        >
          {busy ? 'auditing…' : 'audit'}
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
