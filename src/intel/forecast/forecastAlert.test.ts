import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../core/alert.js';
import { type ForecastCheck, forecastAlert } from './forecastAlert.js';

const check: ForecastCheck = {
  series: 'DeFi incidents per month',
  method: 'Holt-Winters additive, period 12',
  at: Date.UTC(2024, 4, 1),
  label: '2024-05',
  actual: 10,
  mean: 10,
  lower: 6,
  upper: 14,
  level: 0.95,
};

describe('forecastAlert', () => {
  it('stays silent inside the interval, on its edges too', () => {
    expect(forecastAlert(check)).toBeUndefined();
    expect(forecastAlert({ ...check, actual: 14 })).toBeUndefined();
    expect(forecastAlert({ ...check, actual: 6 })).toBeUndefined();
    expect(forecastAlert({ ...check, actual: Number.NaN })).toBeUndefined();
  });

  it('fires above the interval with the numbers behind it', () => {
    const alert = AlertInputSchema.parse(forecastAlert({ ...check, actual: 18 }));
    expect(alert).toMatchObject({
      area: 'intel',
      detector: 'intel.forecast',
      subject: { kind: 'other', id: 'DeFi incidents per month', attributes: { direction: 'above' } },
      occurredAt: Date.UTC(2024, 4, 1),
    });
    // 8 from the forecast, half-width 4: two half-widths, score 1 - 1/4.
    expect(alert.score).toBeCloseTo(0.75, 12);
    expect(alert.severity).toBe('medium');
    expect(alert.explanation).toContain(
      'was 18.00 in 2024-05, above the 95% prediction interval [6.00, 14.00]',
    );
    expect(alert.evidence).toContainEqual({ kind: 'feature', name: 'actual', value: 18, baseline: 10 });
  });

  it('fires below it, measured by the lower half-width of an asymmetric interval', () => {
    const alert = forecastAlert({ ...check, lower: 8, actual: 4 });
    expect(alert?.subject.attributes?.direction).toBe('below');
    expect(alert?.score).toBeCloseTo(1 - 1 / 9, 12);
    expect(alert?.severity).toBe('high');
    expect(forecastAlert({ ...check, actual: 100 })?.score).toBe(0.9);
  });
});
