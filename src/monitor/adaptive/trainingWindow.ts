import { type Matrix, matrix } from '../../ml/matrix.js';
import { type Random, seededRandom } from '../../ml/random.js';
import { FEATURE_COUNT } from '../features/featureNames.js';

export type TrainingWindowMode = 'sliding' | 'reservoir';

export interface TrainingWindowOptions {
  /** Rows kept; memory is capacity x cols x 8 bytes (50,000 x 27 features: about 11 MB). */
  capacity?: number;
  cols?: number;
  /**
   * 'sliding' keeps the last `capacity` rows, so the model follows the traffic as it changes.
   * 'reservoir' keeps a uniform sample of every row pushed since the window was created or cleared
   * (Vitter's algorithm R), so one busy hour cannot crowd out the rest of the day.
   */
  mode?: TrainingWindowMode;
  /** Seed of the reservoir's draws. */
  seed?: number;
}

/**
 * The recent feature vectors a model is retrained on, in one preallocated Float64Array used as a
 * ring buffer: pushing a row copies it in and allocates nothing.
 */
export class TrainingWindow {
  readonly capacity: number;
  readonly cols: number;
  readonly mode: TrainingWindowMode;
  private readonly data: Float64Array;
  private readonly random: Random;
  private count = 0;
  /** Sliding mode: slot of the next write (the oldest row once full). */
  private next = 0;
  private pushed = 0;

  constructor(options: TrainingWindowOptions = {}) {
    this.capacity = options.capacity ?? 50_000;
    this.cols = options.cols ?? FEATURE_COUNT;
    this.mode = options.mode ?? 'sliding';
    for (const [name, value] of [
      ['capacity', this.capacity],
      ['cols', this.cols],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`training window ${name} must be a positive integer, got ${value}`);
      }
    }
    if (this.mode !== 'sliding' && this.mode !== 'reservoir') {
      throw new RangeError(`training window mode must be 'sliding' or 'reservoir', got ${String(this.mode)}`);
    }
    this.data = new Float64Array(this.capacity * this.cols);
    this.random = seededRandom(options.seed ?? 1);
  }

  /** Rows held now. */
  get size(): number {
    return this.count;
  }

  /** Rows pushed since creation or the last clear. */
  get seen(): number {
    return this.pushed;
  }

  push(row: ArrayLike<number>): void {
    if (row.length !== this.cols) {
      throw new RangeError(`training window holds rows of ${this.cols} features, got ${row.length}`);
    }
    this.pushed++;
    let slot: number;
    if (this.count < this.capacity) {
      slot = this.count++;
      this.next = this.count % this.capacity;
    } else if (this.mode === 'sliding') {
      slot = this.next;
      this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    } else {
      // Keep the pushed-th row with probability capacity / pushed, over a uniformly chosen slot.
      const j = this.random.int(this.pushed);
      if (j >= this.capacity) return;
      slot = j;
    }
    const offset = slot * this.cols;
    for (let j = 0; j < this.cols; j++) this.data[offset + j] = row[j] as number;
  }

  /**
   * A copy of the rows held, as a matrix the caller owns (its buffer can be transferred to a worker).
   * Sliding mode returns them oldest first.
   */
  snapshot(): Matrix {
    const out = matrix(this.count, this.cols);
    const width = this.cols;
    if (this.mode === 'sliding' && this.count === this.capacity && this.next > 0) {
      const split = this.next * width;
      out.data.set(this.data.subarray(split));
      out.data.set(this.data.subarray(0, split), this.data.length - split);
    } else {
      out.data.set(this.data.subarray(0, this.count * width));
    }
    return out;
  }

  clear(): void {
    this.count = 0;
    this.next = 0;
    this.pushed = 0;
  }
}
