import { seriesColor } from '../charts/chartTheme.js';
import type { BurstRow } from './burstRows.js';
import type { Bucket } from './intelApi.js';

export function bucketText(start: number, bucket: Bucket): string {
  const iso = new Date(start).toISOString();
  return bucket === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** The bursts under the chart; choosing one lists its documents. */
export function BurstTable(props: {
  rows: BurstRow[];
  bucket: Bucket;
  selected: string | undefined;
  onSelect(row: BurstRow): void;
}) {
  const { rows, bucket } = props;
  if (rows.length === 0) {
    return (
      <p className="muted" data-testid="intel-bursts-empty">
        No bursts in this window.
      </p>
    );
  }
  return (
    <table className="intel-table" data-testid="intel-bursts">
      <thead>
        <tr>
          <th>entity</th>
          <th>start</th>
          <th>end</th>
          <th className="num">mentions</th>
          <th className="num">expected</th>
          <th>peak</th>
          <th className="num">peak z</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.key}
            data-testid="intel-burst-row"
            data-entity={row.value}
            className={props.selected === row.key ? 'selected' : undefined}
            onClick={() => props.onSelect(row)}
          >
            <td>
              <span className="intel-swatch" style={{ background: seriesColor(row.seriesIndex) }} />
              {row.value}
            </td>
            <td className="num">{bucketText(row.burst.start, bucket)}</td>
            <td className="num">{row.burst.ongoing ? 'ongoing' : bucketText(row.burst.end, bucket)}</td>
            <td className="num">{row.burst.count}</td>
            <td className="num">{row.burst.baseline.toFixed(1)}</td>
            <td className="num">
              {row.peakCount} in {bucketText(row.peakStart, bucket)}
            </td>
            <td className="num">{row.burst.peakZ.toFixed(1)}</td>
            <td>
              <button
                type="button"
                className="link"
                onClick={(e) => {
                  e.stopPropagation();
                  props.onSelect(row);
                }}
              >
                documents
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
