import { BUCKETS, type Bucket, ENTITY_KINDS, type EntityKind } from './intelApi.js';

/** Windows offered per bucket, in buckets (the open one included); the first is the default. */
export const RANGES: Record<Bucket, readonly number[]> = {
  day: [90, 30, 180, 365],
  week: [26, 12, 52, 104],
  month: [12, 6, 24, 36],
};

const TOPS = [5, 8, 12];

export interface TrendsSettings {
  kind: EntityKind;
  bucket: Bucket;
  buckets: number;
  top: number;
}

export function TrendsControls(props: { value: TrendsSettings; onChange(next: TrendsSettings): void }) {
  const { value, onChange } = props;
  return (
    <div className="filters intel-controls">
      <label>
        entity{' '}
        <select
          data-testid="intel-kind"
          value={value.kind}
          onChange={(e) => onChange({ ...value, kind: e.target.value as EntityKind })}
        >
          {ENTITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        bucket{' '}
        <select
          data-testid="intel-bucket"
          value={value.bucket}
          onChange={(e) => {
            const bucket = e.target.value as Bucket;
            onChange({ ...value, bucket, buckets: RANGES[bucket][0] as number });
          }}
        >
          {BUCKETS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label>
        range{' '}
        <select
          data-testid="intel-range"
          value={value.buckets}
          onChange={(e) => onChange({ ...value, buckets: Number(e.target.value) })}
        >
          {[...RANGES[value.bucket]]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={n}>
                last {n} {value.bucket}s
              </option>
            ))}
        </select>
      </label>
      <label>
        lines{' '}
        <select
          data-testid="intel-top"
          value={value.top}
          onChange={(e) => onChange({ ...value, top: Number(e.target.value) })}
        >
          {TOPS.map((n) => (
            <option key={n} value={n}>
              top {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
