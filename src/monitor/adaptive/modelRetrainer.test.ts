import { afterEach, describe, expect, it } from 'vitest';
import { ModelHolder } from './modelHolder.js';
import { ModelRetrainer, type ModelRetrainerOptions, type RetrainOutcome } from './modelRetrainer.js';
import { MonitorModel } from './monitorModel.js';
import { normalRows, rowOf } from './syntheticRows.fixture.js';
import { TrainingWindow } from './trainingWindow.js';

const NAMES = ['a', 'b', 'c', 'd'];
const FIT = { featureNames: NAMES, layoutVersion: 1, trees: 20 };
const probe = Float64Array.from([0.5, 3, 0, 6]);

const open: ModelRetrainer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

function setup(options: Partial<ModelRetrainerOptions> = {}) {
  const window = new TrainingWindow({ capacity: 1_000, cols: NAMES.length });
  const holder = new ModelHolder<MonitorModel>();
  const swaps: RetrainOutcome[] = [];
  const errors: Error[] = [];
  const retrainer = new ModelRetrainer({
    window,
    holder,
    model: FIT,
    everyEvents: 0,
    everyMs: 0,
    minRows: 100,
    onSwap: (o) => swaps.push(o),
    onError: (e) => errors.push(e),
    ...options,
  });
  open.push(retrainer);
  return { window, holder, retrainer, swaps, errors };
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (condition() ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

describe('ModelRetrainer', () => {
  it('retrains in a worker after N events and swaps in exactly the model a local fit gives', async () => {
    const rows = normalRows(500, NAMES.length, 21);
    const { holder, retrainer, swaps } = setup({ everyEvents: 500 });
    holder.swap(MonitorModel.fit(normalRows(100, NAMES.length, 31), FIT));
    for (let i = 0; i < 499; i++) retrainer.observe(rowOf(rows, i));
    expect(retrainer.busy).toBe(false);
    retrainer.observe(rowOf(rows, 499));
    expect(retrainer.busy).toBe(true);
    await until(() => swaps.length === 1);
    const local = MonitorModel.fit(rows, FIT);
    expect(holder.current).toBe(swaps[0]?.model);
    expect(holder.current?.scoreRow(probe)).toBe(local.scoreRow(probe));
    expect(swaps[0]?.rows).toBe(500);
    expect(swaps[0]?.generation).toBe(2);
  });

  it('fits the first model as soon as the window holds minRows', async () => {
    const rows = normalRows(100, NAMES.length, 30);
    const { holder, retrainer, swaps } = setup({ minRows: 100 });
    for (let i = 0; i < 99; i++) retrainer.observe(rowOf(rows, i));
    expect(retrainer.busy).toBe(false);
    retrainer.observe(rowOf(rows, 99));
    await until(() => swaps.length === 1);
    expect(holder.current).toBeDefined();
    // With a model in place and N events disabled, more rows alone do not retrain.
    for (let i = 0; i < 100; i++) retrainer.observe(rowOf(rows, i));
    expect(retrainer.busy).toBe(false);
  });

  it('retrains on the timer when events are slow, but not with nothing new', async () => {
    const rows = normalRows(200, NAMES.length, 22);
    const { holder, retrainer, swaps } = setup({ everyMs: 20 });
    // A model is in place, so only the timer can trigger (N events is off).
    holder.swap(MonitorModel.fit(rows, { ...FIT, seed: 2 }));
    for (let i = 0; i < 200; i++) retrainer.observe(rowOf(rows, i));
    expect(retrainer.busy).toBe(false);
    await until(() => swaps.length === 1);
    // No events since: further timer ticks must not refit the same window.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(swaps).toHaveLength(1);
  });

  it('swaps atomically (every score seen while retraining comes from the whole old or whole new model), one retrain at a time', async () => {
    const { window, holder, retrainer, swaps } = setup();
    const before = MonitorModel.fit(normalRows(300, NAMES.length, 23), FIT);
    holder.swap(before);
    const fresh = normalRows(300, NAMES.length, 24, 2);
    for (let i = 0; i < fresh.rows; i++) window.push(rowOf(fresh, i));
    const after = MonitorModel.fit(fresh, FIT);
    const oldScore = before.scoreRow(probe);
    const newScore = after.scoreRow(probe);
    expect(newScore).not.toBe(oldScore);

    const observed = new Set<number>();
    let done = false;
    const scoring = (async () => {
      while (!done) {
        observed.add(holder.current?.scoreRow(probe) ?? Number.NaN);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const retrain = retrainer.retrainNow();
    // Never two at once: a second request while one is in flight is skipped.
    expect(retrainer.busy).toBe(true);
    expect(await retrainer.retrainNow()).toBeUndefined();
    const outcome = await retrain;
    done = true;
    await scoring;
    expect(outcome?.model).toBe(holder.current);
    expect(holder.current?.scoreRow(probe)).toBe(newScore);
    expect(observed.has(oldScore)).toBe(true);
    expect(swaps).toHaveLength(1);
    for (const score of observed) expect([oldScore, newScore]).toContain(score);
  });

  it('skips while the window is below minRows', async () => {
    const { window, retrainer } = setup({ minRows: 100 });
    window.push(probe);
    expect(await retrainer.retrainNow()).toBeUndefined();
    expect(retrainer.workerRunning).toBe(false);
  });

  it('reports a failed fit and keeps the old model', async () => {
    const { window, holder, retrainer, errors, swaps } = setup({ minRows: 1 });
    const old = MonitorModel.fit(normalRows(100, NAMES.length, 26), FIT);
    holder.swap(old);
    // Three rows pass the retrainer's minRows but not the model's minimum.
    for (let i = 0; i < 3; i++) window.push(probe);
    expect(await retrainer.retrainNow()).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/retraining failed: .*at least 16 training rows/);
    expect(holder.current).toBe(old);
    expect(swaps).toHaveLength(0);
    // The worker survives a failed fit and serves the next retrain.
    const rows = normalRows(100, NAMES.length, 27);
    for (let i = 0; i < rows.rows; i++) window.push(rowOf(rows, i));
    expect(await retrainer.retrainNow()).toBeDefined();
    expect(holder.current).not.toBe(old);
  });

  it('close() terminates the worker, abandons an in-flight retrain and refuses new ones', async () => {
    const rows = normalRows(200, NAMES.length, 28);
    const { window, holder, retrainer, errors, swaps } = setup();
    for (let i = 0; i < rows.rows; i++) window.push(rowOf(rows, i));
    await retrainer.retrainNow();
    expect(retrainer.workerRunning).toBe(true);
    const live = holder.current;
    const inFlight = retrainer.retrainNow();
    await retrainer.close();
    expect(retrainer.workerRunning).toBe(false);
    expect(await inFlight).toBeUndefined();
    expect(holder.current).toBe(live);
    expect(swaps).toHaveLength(1);
    expect(errors).toHaveLength(0);
    expect(await retrainer.retrainNow()).toBeUndefined();
    expect(retrainer.workerRunning).toBe(false);
  });

  it('refuses fit options that would fail every retrain', () => {
    expect(() => setup({ model: { ...FIT, detector: 'nope' as 'iforest' } })).toThrow(/detector/);
  });
});
