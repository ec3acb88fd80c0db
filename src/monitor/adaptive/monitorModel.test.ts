import { describe, expect, it } from 'vitest';
import { ArgusError } from '../../core/errors.js';
import { DETECTOR_NAMES } from '../../ml/detectorFactory.js';
import { matrix } from '../../ml/matrix.js';
import { FEATURE_COUNT, FEATURE_LAYOUT_VERSION, FEATURE_NAMES } from '../features/featureNames.js';
import type { RowScorer } from '../monitorParts.js';
import { ModelHolder } from './modelHolder.js';
import { MIN_TRAINING_ROWS, MonitorModel } from './monitorModel.js';
import { normalRows, rowOf } from './syntheticRows.fixture.js';

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];
const small = { featureNames: NAMES, layoutVersion: 3, trees: 50 };
const train = normalRows(2_000, NAMES.length, 1);
const model = MonitorModel.fit(train, small);

/** Share of rows of m whose calibrated score is at or above level. */
function shareAbove(m: MonitorModel, rows: ReturnType<typeof normalRows>, level: number): number {
  let above = 0;
  for (let i = 0; i < rows.rows; i++) if (m.scoreRow(rowOf(rows, i)) >= level) above++;
  return above / rows.rows;
}

describe('MonitorModel', () => {
  it('scores fresh ordinary traffic as calibrated percentiles: about 10% above 0.9, 1% above 0.99', () => {
    const fresh = normalRows(4_000, NAMES.length, 2);
    expect(shareAbove(model, fresh, 0.5)).toBeGreaterThan(0.42);
    expect(shareAbove(model, fresh, 0.5)).toBeLessThan(0.58);
    expect(shareAbove(model, fresh, 0.9)).toBeGreaterThan(0.07);
    expect(shareAbove(model, fresh, 0.9)).toBeLessThan(0.13);
    expect(shareAbove(model, fresh, 0.99)).toBeLessThan(0.025);
  });

  it('scores an outlier above 0.99 and leaves the input row untouched', () => {
    // Far out on three features at once; one feature alone at 8 standard deviations only reaches
    // about the 95th percentile here, since with 6 independent features many ordinary rows have a tail value.
    const outlier = Float64Array.from(NAMES, (_, j) => j + (j % 2 === 0 ? 6 * (1 + j / 4) : 0));
    const copy = outlier.slice();
    const score = model.scoreRow(outlier);
    expect(score).toBeGreaterThan(0.99);
    expect(score).toBeLessThanOrEqual(1);
    expect(Array.from(outlier)).toEqual(Array.from(copy));
    // The same row scores the same twice: the scratch buffer carries nothing over.
    expect(model.scoreRow(outlier)).toBe(score);
  });

  it('scores a row with a missing feature as if it were typical there', () => {
    const row = rowOf(train, 5);
    row[2] = Number.NaN;
    const score = model.scoreRow(row);
    expect(Number.isFinite(score)).toBe(true);
  });

  it('explains an outlier by the feature that is off, with its value and the training median', () => {
    const outlier = rowOf(train, 0);
    for (let j = 0; j < NAMES.length; j++) outlier[j] = j; // every feature at its median...
    outlier[4] = 4 + 9 * 2; // ...but e, 9 standard deviations up
    const top = model.explainRow(outlier, 3);
    expect(top[0]?.name).toBe('e');
    expect(top[0]?.feature).toBe(4);
    expect(top[0]?.value).toBe(outlier[4]);
    expect(top[0]?.baseline).toBeCloseTo(4, 0);
    expect(top.length).toBeLessThanOrEqual(3);
    for (const c of top) expect(c.contribution).toBeGreaterThan(0);
  });

  it('explains by substitution when the detector cannot explain itself', () => {
    const hbos = MonitorModel.fit(train, { ...small, detector: 'hbos' });
    const outlier = Float64Array.from(NAMES, (_, j) => j);
    outlier[1] = 1 + 10 * 1.25;
    const top = hbos.explainRow(outlier, 2);
    expect(top[0]?.name).toBe('b');
    expect(top).toHaveLength(1);
    expect(hbos.scoreRow(outlier)).toBeGreaterThan(hbos.scoreRow(Float64Array.from(NAMES, (_, j) => j)));
  });

  it('round-trips through JSON with identical scores and the layout it was trained on', () => {
    const saved = JSON.parse(JSON.stringify(model.save()));
    expect(saved.kind).toBe('monitor-model');
    expect(saved.state.featureNames).toEqual(NAMES);
    const restored = MonitorModel.load(saved, { featureNames: NAMES, layoutVersion: 3 });
    for (let i = 0; i < 50; i++)
      expect(restored.scoreRow(rowOf(train, i))).toBe(model.scoreRow(rowOf(train, i)));
    expect(Array.from(restored.driftBaseline.edges)).toEqual(Array.from(model.driftBaseline.edges));
    expect(restored.driftBaseline.histogram).toEqual(model.driftBaseline.histogram);
    expect(restored.featureBaselines).toEqual(model.featureBaselines);
  });

  it("keeps what model health needs: the training scores over fixed bins and each feature's deciles", () => {
    const histogram = Array.from(model.driftBaseline.histogram ?? []);
    expect(histogram).toHaveLength(20);
    // Calibrated training scores are percentiles, so each twentieth of [0, 1] holds about 5% of them.
    for (const share of histogram) expect(share).toBeCloseTo(0.05, 1);
    expect(model.featureBaselines).toHaveLength(NAMES.length);
    for (const b of model.featureBaselines ?? []) {
      expect(b.edges).toHaveLength(9);
      expect(b.proportions.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    }
  });

  it('loads a model saved before model health was kept, without those parts', () => {
    const saved = JSON.parse(JSON.stringify(model.save()));
    delete saved.state.featureBaselines;
    delete saved.state.driftBaseline.histogram;
    const restored = MonitorModel.load(saved, { featureNames: NAMES, layoutVersion: 3 });
    expect(restored.featureBaselines).toBeUndefined();
    expect(restored.driftBaseline.histogram).toBeUndefined();
    expect(restored.scoreRow(rowOf(train, 0))).toBe(model.scoreRow(rowOf(train, 0)));
    saved.state.featureBaselines = [{ edges: [1], proportions: [0.5, 0.5] }];
    expect(() => MonitorModel.load(saved, { featureNames: NAMES, layoutVersion: 3 })).toThrow(/6 features/);
  });

  it('refuses a saved model from another feature layout, naming the fix', () => {
    const saved = model.save();
    const attempt = (layout: { featureNames: readonly string[]; layoutVersion: number }) => () =>
      MonitorModel.load(saved, layout);
    expect(attempt({ featureNames: NAMES, layoutVersion: 4 })).toThrow(ArgusError);
    expect(attempt({ featureNames: [...NAMES.slice(0, 5), 'g'], layoutVersion: 3 })).toThrow(
      /feature layout/,
    );
    // The default is the monitor's own contract, which this small model is not.
    expect(() => MonitorModel.load(saved)).toThrow(/retrain|layout/);
    expect(() => MonitorModel.load({ ...saved, kind: 'isolation-forest' })).toThrow(/monitor-model/);
  });

  it('is what the engine scores with, through a holder', () => {
    const holder: { readonly current: RowScorer | undefined } = new ModelHolder(model);
    const outlier = Float64Array.from(NAMES, (_, j) => j);
    outlier[0] = 40;
    expect(holder.current?.scoreRow(outlier)).toBe(model.scoreRow(outlier));
    expect(holder.current?.explainRow(outlier, 1)[0]?.feature).toBe(0);
  });

  it('fits the monitor feature contract by default', () => {
    const contract = normalRows(300, FEATURE_COUNT, 9);
    const m = MonitorModel.fit(contract, { trees: 20 });
    expect(m.featureNames).toEqual(FEATURE_NAMES);
    expect(m.layoutVersion).toBe(FEATURE_LAYOUT_VERSION);
    const restored = MonitorModel.load(JSON.parse(JSON.stringify(m.save())));
    expect(restored.scoreRow(rowOf(contract, 1))).toBe(m.scoreRow(rowOf(contract, 1)));
  });

  it('works with every detector the factory offers, scoring like its batch path', () => {
    const x = normalRows(300, NAMES.length, 11);
    for (const detector of DETECTOR_NAMES) {
      const m = MonitorModel.fit(x, { ...small, detector });
      const restored = MonitorModel.load(JSON.parse(JSON.stringify(m.save())), {
        featureNames: NAMES,
        layoutVersion: 3,
      });
      const row = rowOf(x, 7);
      const score = m.scoreRow(row);
      expect(score, detector).toBeGreaterThanOrEqual(0);
      expect(score, detector).toBeLessThanOrEqual(1);
      expect(restored.scoreRow(row), detector).toBeCloseTo(score, 12);
    }
  });

  it('refuses too few rows, the wrong width and bad options', () => {
    expect(() => MonitorModel.fit(normalRows(MIN_TRAINING_ROWS - 1, NAMES.length), small)).toThrow(
      /at least/,
    );
    expect(() => MonitorModel.fit(matrix(100, 5), small)).toThrow(/6 features/);
    expect(() => MonitorModel.fit(train, { ...small, trees: 0 })).toThrow(/trees/);
    expect(() => MonitorModel.fit(train, { ...small, detector: 'nope' as 'iforest' })).toThrow(/detector/);
    expect(() => model.scoreRow(new Float64Array(5))).toThrow(/6 features/);
  });
});
