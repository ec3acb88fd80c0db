import type { SeriesUnit } from './seriesBuckets.js';

/** A series as the forecaster sees it: one total per calendar bucket, with what the reader knows about it. */
export interface Series {
  /** e.g. "alerts per week (area monitor)": names the series in tables and is the subject of its alert. */
  name: string;
  unit: SeriesUnit;
  /**
   * What the values are, which decides the default scale of the forecast: counts go on the Anscombe
   * scale, amounts on log(1 + y), other values stay as they are (see transform.ts).
   */
  measure: 'count' | 'amount' | 'value';
  /** Bucket starts (epoch ms, UTC), consecutive. */
  starts: number[];
  values: Float64Array;
  /** What a reader of the forecast should know: what is left out, where the data comes from. */
  notes: string[];
}

export interface StoreSeriesOptions {
  unit: SeriesUnit;
  /**
   * The series ends with the last bucket complete at this time: the current week holds only the days
   * so far, and forecasting from it would read every Monday as a collapse.
   */
  now: number;
}

/** Store reads go in pages of this many rows (the store's largest page). */
export const READ_PAGE = 500;
