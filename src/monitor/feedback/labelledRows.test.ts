import { describe, expect, it } from 'vitest';
import { row } from '../../ml/matrix.js';
import { FEATURE_COUNT, FEATURE_INDEX } from '../features/featureNames.js';
import { monitorAlert } from './feedbackAlerts.fixture.js';
import { labelledRowsFromAlerts } from './labelledRows.js';

describe('labelledRowsFromAlerts', () => {
  it('labels resolved 1 and false-positive 0, and skips what is not a verdict on a monitor alert', () => {
    const rows = labelledRowsFromAlerts([
      monitorAlert('confirmed', 'resolved', { amount_z: 4 }),
      monitorAlert('open', 'open', { amount_z: 4 }),
      monitorAlert('looking', 'acknowledged', { amount_z: 4 }),
      monitorAlert('fp', 'false-positive', { amount_z: 1 }),
      monitorAlert('login', 'resolved', { amount_z: 4 }, { area: 'auth' }),
      monitorAlert('bare', 'resolved', {}),
    ]);
    expect([...rows.y]).toEqual([1, 0]);
    expect(rows.alertIds).toEqual(['confirmed', 'fp']);
    expect(rows.skipped).toBe(4);
    expect(rows.x.rows).toBe(2);
    expect(rows.x.cols).toBe(FEATURE_COUNT);
  });

  it('places features by name and leaves missing ones NaN, ignoring unknown names and repeats', () => {
    const alert = monitorAlert('a', 'resolved', { counterparty_risk: 0.9, amount_log: 7, not_a_feature: 3 });
    alert.evidence.push({ kind: 'feature', name: 'amount_log', value: 99 });
    const { x } = labelledRowsFromAlerts([alert]);
    const values = row(x, 0);
    expect(values[FEATURE_INDEX.counterparty_risk]).toBe(0.9);
    expect(values[FEATURE_INDEX.amount_log]).toBe(7);
    const present = [...values].filter((v) => !Number.isNaN(v));
    expect(present).toHaveLength(2);
  });

  it('returns an empty matrix with the feature width when nothing is labelled', () => {
    const rows = labelledRowsFromAlerts([]);
    expect(rows.x).toMatchObject({ rows: 0, cols: FEATURE_COUNT });
    expect(rows.skipped).toBe(0);
  });
});
