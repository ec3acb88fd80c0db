import { DAY_MS, HOUR_MS } from './decay.js';

const RADIANS_PER_HOUR = (2 * Math.PI) / 24;

/** The UTC hour of day of an epoch-millisecond time, fractional (13.5 is 13:30 UTC). */
export function hourOfDayUtc(timeMs: number): number {
  const intoDay = timeMs % DAY_MS;
  return (intoDay < 0 ? intoDay + DAY_MS : intoDay) / HOUR_MS;
}

/** Position of an hour on the 24 h circle, as the angle whose cosine and sine the store averages. */
export function hourAngle(hour: number): number {
  return hour * RADIANS_PER_HOUR;
}

/** The hour (0 <= h < 24) that a mean (cos, sin) vector points at. */
export function hourOfMeanVector(meanCos: number, meanSin: number): number {
  const h = Math.atan2(meanSin, meanCos) / RADIANS_PER_HOUR;
  return h < 0 ? h + 24 : h;
}

/** Shortest distance between two hours on the 24 h clock, 0..12 (23:00 and 01:00 are 2 apart). */
export function circularHourDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 24;
  return d > 12 ? 24 - d : d;
}
