import { describe, expect, it } from 'vitest';
import { haversineKm } from './haversine.js';

describe('haversineKm', () => {
  it('matches known distances', () => {
    // Berlin - Paris about 877 km; London - New York about 5570 km.
    expect(haversineKm(52.52, 13.405, 48.8566, 2.3522)).toBeCloseTo(877.5, -1);
    expect(haversineKm(51.5074, -0.1278, 40.7128, -74.006)).toBeCloseTo(5570, -1);
    // A quarter of a great circle: pole to equator.
    expect(haversineKm(90, 0, 0, 0)).toBeCloseTo((Math.PI / 2) * 6371.0088, 6);
    expect(haversineKm(10, 20, 10, 20)).toBe(0);
  });
  it('is symmetric and handles the antimeridian', () => {
    expect(haversineKm(0, 179.5, 0, -179.5)).toBeCloseTo(111.2, 0);
    expect(haversineKm(1, 2, 3, 4)).toBeCloseTo(haversineKm(3, 4, 1, 2), 9);
  });
});
