import { matrix } from '../../ml/matrix.js';
import type { SavedModel } from '../../ml/model.js';
import { MonitorModel, type MonitorModelOptions } from './monitorModel.js';

/** What the main thread sends the retrain worker: a window snapshot (its buffer transferred) and options. */
export interface RetrainRequest {
  id: number;
  rows: number;
  cols: number;
  data: Float64Array;
  options: MonitorModelOptions;
}

export type RetrainReply =
  | { id: number; ok: true; saved: SavedModel; fitMs: number }
  | { id: number; ok: false; error: string };

/** Fits a monitor model on the snapshot and returns it saved; a failure is a reply, never a throw. */
export function runRetrainJob(request: RetrainRequest): RetrainReply {
  const started = performance.now();
  try {
    const model = MonitorModel.fit(matrix(request.rows, request.cols, request.data), request.options);
    return { id: request.id, ok: true, saved: model.save(), fitMs: performance.now() - started };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
