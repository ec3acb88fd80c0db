import { describe, expect, it } from 'vitest';
import { FEATURE_INDEX } from '../features/featureNames.js';
import { triagedAlerts } from './feedbackAlerts.fixture.js';
import { loadFeedbackModel, saveFeedbackModel } from './feedbackModel.js';
import { labelledRowsFromAlerts } from './labelledRows.js';
import { trainFromFeedback } from './trainFromFeedback.js';

describe('trainFromFeedback', () => {
  it('refuses, saying what is missing, when either class has too few labels', () => {
    const rows = labelledRowsFromAlerts(triagedAlerts(12, 80, 1));
    const result = trainFromFeedback(rows);
    expect(result).toMatchObject({ positives: 12, negatives: 80 });
    expect('reason' in result && result.reason).toMatch(/at least 20 confirmed .* have 12 and 80/);
    expect('model' in trainFromFeedback(rows, { minLabels: 10, folds: 0 })).toBe(true);
  });

  it('learns to rank confirmed alerts above false positives, with a cross-validated estimate', () => {
    const rows = labelledRowsFromAlerts(triagedAlerts(60, 240, 2));
    const result = trainFromFeedback(rows, { seed: 3 });
    if (!('model' in result)) throw new Error(`refused: ${result.reason}`);
    expect(result).toMatchObject({ positives: 60, negatives: 240 });
    // Base rate is 0.2: an uninformed ranking would score about that.
    expect(result.cvAveragePrecision).toBeGreaterThan(0.7);
    const confirmedLike = new Float64Array(rows.x.cols).fill(0.5);
    confirmedLike[FEATURE_INDEX.amount_z] = 4;
    confirmedLike[FEATURE_INDEX.counterparty_risk] = 0.9;
    confirmedLike[FEATURE_INDEX.new_counterparty] = 1;
    const benignLike = confirmedLike.slice();
    benignLike[FEATURE_INDEX.amount_z] = 1.2;
    benignLike[FEATURE_INDEX.counterparty_risk] = 0.1;
    expect(result.model.predictRow(confirmedLike)).toBeGreaterThan(result.model.predictRow(benignLike));
  });

  it('saves with the feature layout and refuses a model from another layout', () => {
    const rows = labelledRowsFromAlerts(triagedAlerts(25, 25, 4));
    const result = trainFromFeedback(rows, { folds: 0 });
    if (!('model' in result)) throw new Error(`refused: ${result.reason}`);
    const saved = JSON.parse(JSON.stringify(saveFeedbackModel(result.model)));
    const loaded = loadFeedbackModel(saved);
    expect(loaded.predictProba(rows.x)).toEqual(result.model.predictProba(rows.x));
    saved.features.layoutVersion = 0;
    expect(() => loadFeedbackModel(saved)).toThrow(/feature layout 0/);
  });
});
